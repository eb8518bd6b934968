package privacy

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"kartoteka/store"
)

// ErrKept blocks forgetting a client in bulk whom the owner keeps out of
// automatic retention ([store.DB.SetRetentionHold]): a hold is a decision
// about that one client, which a list of many would pass over unseen. By
// hand, one by one, they may still be forgotten.
var ErrKept = errors.New("the owner keeps this client (retention hold)")

// Block reasons, as kartoteka-cli and scripts name them: see
// [BlockedError.Reason].
const (
	ReasonRestricted = "restricted"
	ReasonUpcoming   = "upcoming_booking"
	ReasonAnonymized = "anonymized"
	ReasonKept       = "kept"
)

// Reason names the rule in one word: restricted, upcoming_booking,
// anonymized or kept.
func (e *BlockedError) Reason() string {
	switch {
	case errors.Is(e.Rule, ErrRestricted):
		return ReasonRestricted
	case errors.Is(e.Rule, ErrUpcomingBookings):
		return ReasonUpcoming
	case errors.Is(e.Rule, ErrAlreadyAnonymized), errors.Is(e.Rule, ErrKeepAnonymized):
		return ReasonAnonymized
	case errors.Is(e.Rule, ErrKept):
		return ReasonKept
	}
	return "blocked"
}

// bulkBlockers are the rules of forgetting one by one ([Forget]), and the
// owner's hold.
func bulkBlockers(f store.ForgetFacts) []*BlockedError {
	bs := blockers(f)
	if f.Held && !f.Anonymized {
		bs = append(bs, &BlockedError{Rule: ErrKept, WayOut: "forget the client on their own, or let retention weigh them again first"})
	}
	return bs
}

func bulkBlocked(f store.ForgetFacts) error { return joinBlocks(bulkBlockers(f)) }

// Inactive is a client with no visit for a while, as the search for
// inactive clients shows them: the card (with its last visit), the
// bookings still to come, and every rule that would block forgetting them
// in bulk.
type Inactive struct {
	store.InactiveClient
	Blocks []*BlockedError
}

// InactiveClients finds the live clients with no visit since since (a card
// never visited counts from when it was made), or, with neverVisited, those
// of them who never had one; longest inactive first. "No visit for N
// months" is since = now.AddDate(0, -N, 0). Each comes with its blocks:
// restricted, upcoming bookings, or kept by the owner.
func InactiveClients(ctx context.Context, db *store.DB, since time.Time, neverVisited bool) ([]Inactive, error) {
	cs, err := db.InactiveClients(ctx, since, neverVisited)
	if err != nil {
		return nil, err
	}
	out := make([]Inactive, len(cs))
	for i, c := range cs {
		f := store.ForgetFacts{ClientID: c.ID, Restricted: c.Restricted, Held: c.RetentionHold != ""}
		if c.Upcoming > 0 {
			f.UpcomingBookings = make([]int64, c.Upcoming) // counted; the IDs are on the card
		}
		out[i] = Inactive{InactiveClient: c, Blocks: bulkBlockers(f)}
	}
	return out, nil
}

// Blocked is a client a bulk forget leaves alone, with every rule why.
type Blocked struct {
	Client int64
	Blocks []*BlockedError
}

// BulkPreview is what forgetting many clients would do: who goes, who is
// blocked and why.
type BulkPreview struct {
	Forget  []int64
	Blocked []Blocked
	// Warnings are what the one-by-one preview would point out about a
	// client of Forget before the owner confirms: money still open,
	// invoices that keep the name, a live card that may be the same person
	// (not among those chosen), open privacy requests.
	Warnings []BulkWarning
}

// What a bulk preview warns of, client by client.
const (
	WarnOpenBalance       = "open_balance"       // completed visits and payments do not add up
	WarnInvoicesKept      = "invoices_kept"      // invoices in their statutory period keep the name
	WarnPossibleDuplicate = "possible_duplicate" // a live card not chosen may be the same person
	WarnOpenRequest       = "open_request"       // a privacy request still to be answered
)

// BulkWarning is one client's warnings, as the WarnX constants.
type BulkWarning struct {
	Client int64
	Kinds  []string
}

// PreviewForgetMany weighs each client of ids by the rules of [Forget], and
// the owner's hold (ErrKept), changing nothing.
func PreviewForgetMany(ctx context.Context, db *store.DB, ids []int64) (BulkPreview, error) {
	var p BulkPreview
	if err := db.Require(ctx, store.PermForget); err != nil {
		return p, err
	}
	ctx = store.CheckedFlow(ctx)
	for _, id := range dedupeIDs(ids) {
		f, err := db.ForgetFacts(ctx, id)
		if err != nil {
			return p, err
		}
		if bs := bulkBlockers(f); len(bs) > 0 {
			p.Blocked = append(p.Blocked, Blocked{Client: id, Blocks: bs})
		} else {
			p.Forget = append(p.Forget, id)
		}
	}
	chosen := map[int64]bool{}
	for _, id := range p.Forget {
		chosen[id] = true
	}
	salon, err := db.Salon(ctx)
	if err != nil {
		return p, err
	}
	policy, err := db.RetentionPolicy(ctx)
	if err != nil {
		return p, err
	}
	keptUntil := func(inv store.Invoice) time.Time {
		return InvoicePurgeDate(inv.IssuedAt, salon.Country, policy.StatutoryYears)
	}
	for _, id := range p.Forget {
		kinds, err := bulkWarnings(ctx, db, id, chosen, keptUntil)
		if err != nil {
			return p, err
		}
		if len(kinds) > 0 {
			p.Warnings = append(p.Warnings, BulkWarning{Client: id, Kinds: kinds})
		}
	}
	return p, nil
}

// bulkWarnings are the WarnX kinds that apply to the client id; chosen are
// the clients to be forgotten with them.
// keptUntil is an invoice's first day after its statutory period.
func bulkWarnings(ctx context.Context, db *store.DB, id int64, chosen map[int64]bool, keptUntil func(store.Invoice) time.Time) ([]string, error) {
	var kinds []string
	owed, err := db.ClientBalance(ctx, id)
	if err != nil {
		return nil, err
	}
	if owed != 0 {
		kinds = append(kinds, WarnOpenBalance)
	}
	invs, err := db.ClientInvoices(ctx, id)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	for _, inv := range invs {
		if !inv.BuyerPurged && keptUntil(inv).After(now) {
			kinds = append(kinds, WarnInvoicesKept)
			break
		}
	}
	dups, err := db.PossibleDuplicates(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, d := range dups {
		if !chosen[d.ID] {
			kinds = append(kinds, WarnPossibleDuplicate)
			break
		}
	}
	reqs, err := db.ClientRequests(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, r := range reqs {
		if !r.IsClosed() {
			kinds = append(kinds, WarnOpenRequest)
			break
		}
	}
	return kinds, nil
}

// BulkResult is what forgetting many clients did: who was forgotten, who
// was blocked and why, the sum of what was erased, the files the app had
// written for them (to offer for deletion, [RemoveExports]), and the
// proof: each client's, and the whole pass's.
type BulkResult struct {
	Forgotten         []int64
	Blocked           []Blocked
	Erased            store.Erased
	Exports           []store.ExportFile
	Proofs            map[int64]Proof
	Proof             Proof
	SafetyCopyRemoved bool
}

// bulkBatch is how many clients one transaction of ForgetMany forgets.
const bulkBatch = 200

// ForgetMany forgets the clients of ids (the inactive clients the owner
// chose) by the rules and with the proof of [Forget]: each checked again
// inside the transaction that anonymizes them, in batches of 200 (one
// transaction each, so that a crash loses at most one batch, which is
// redone), each with its erasure-ledger entry, client.forget event and
// erasure proof, and one client.forget_many event per batch with its
// counts. Each batch is proved, and the ledger files written, before the
// next batch begins. A client blocked by a rule — restricted, with an upcoming
// booking, already anonymized — or kept by the owner (ErrKept) is left
// alone and listed with the reasons. The proof reads the database and dirs
// once for each batch. The ledger files (beside the database and in
// ledgerDirs) and the restore's safety copy are seen to as by Forget; a
// failure there comes back as [ErrAfterwards] with the result complete.
func ForgetMany(ctx context.Context, db *store.DB, ids []int64, reason string, dirs []string, ledgerDirs ...string) (BulkResult, error) {
	var r BulkResult
	if err := db.Require(ctx, store.PermForget); err != nil {
		return r, err
	}
	ctx = store.CheckedFlow(ctx)
	ids = dedupeIDs(ids)
	cards, err := db.ClientSummaries(ctx, ids)
	if err != nil {
		return r, err
	}
	byID := make(map[int64]store.Client, len(cards))
	for _, c := range cards {
		byID[c.ID] = c
	}
	for _, id := range ids {
		if _, ok := byID[id]; !ok {
			return r, fmt.Errorf("privacy: client %d: %w", id, store.ErrNotFound)
		}
	}
	exports := map[int64][]store.ExportFile{}
	for _, id := range ids {
		if exports[id], err = db.ExportFiles(ctx, id); err != nil {
			return r, err
		}
	}
	var after error
	for batch := range slices.Chunk(ids, bulkBatch) {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		outs, err := db.ForgetClients(ctx, batch, reason, bulkBlocked)
		if err != nil {
			return r, err
		}
		var done []int64
		for _, o := range outs {
			if o.Refused != nil {
				if bs := BlocksIn(o.Refused); len(bs) > 0 {
					r.Blocked = append(r.Blocked, Blocked{Client: o.ID, Blocks: bs})
					continue
				}
				return r, o.Refused
			}
			done = append(done, o.ID)
			r.Exports = append(r.Exports, exports[o.ID]...)
			addErased(&r.Erased, o.Erased)
		}
		if len(done) == 0 {
			continue
		}
		r.Forgotten = append(r.Forgotten, done...)
		// Each batch is proved, and its ledger entries written to the
		// files, before the next begins: a crash between batches leaves
		// every client forgotten so far with their proof and in the
		// ledger files, and the others untouched. The former names live
		// only in memory, so a proof left for later could never be made.
		if removed, _ := store.RemoveSafetyCopy(db.Path()); removed {
			r.SafetyCopyRemoved = true
		}
		if err := afterErasure(ctx, db, ledgerDirs); err != nil {
			after = err
		}
		if err := proveBatch(ctx, db, done, byID, dirs, &r); err != nil {
			return r, err
		}
	}
	return r, after
}

// proveBatch proves the erasure of the clients done (their cards as they
// were in byID), records each proof in the audit log, and adds them to r:
// r.Proof's pages and files are the last pass's, its traces found the sum.
func proveBatch(ctx context.Context, db *store.DB, done []int64, byID map[int64]store.Client, dirs []string, r *BulkResult) error {
	all := make(map[int64][]Trace, len(done))
	invoices := make(map[int64][]store.Invoice, len(done))
	for _, id := range done {
		all[id] = TracesOf(byID[id])
		var err error
		if invoices[id], err = db.ClientInvoices(ctx, id); err != nil {
			return err
		}
	}
	traces, err := lawfullyKept(ctx, db, all, invoices)
	if err != nil {
		return err
	}
	proofs, pass, err := verifyMany(ctx, db, traces, dirs)
	if err != nil {
		return fmt.Errorf("privacy: proof of erasure: %w", err)
	}
	found := make(map[int64][2]int, len(proofs))
	if r.Proofs == nil {
		r.Proofs = make(map[int64]Proof, len(proofs))
	}
	for id, p := range proofs {
		found[id] = [2]int{p.Pages, p.Found}
		r.Proofs[id] = p
	}
	pass.Found += r.Proof.Found
	pass.Rewritten = pass.Rewritten || r.Proof.Rewritten
	r.Proof = pass
	return db.RecordErasureProofs(ctx, found)
}

func addErased(sum *store.Erased, e store.Erased) {
	sum.Consents += e.Consents
	sum.ExportFiles += e.ExportFiles
	sum.BookingNotes += e.BookingNotes
	sum.PaymentNotes += e.PaymentNotes
	sum.Bookings += e.Bookings
	sum.Payments += e.Payments
	sum.Invoices += e.Invoices
	sum.Drafts += e.Drafts
	sum.Restrictions += e.Restrictions
	sum.Requests += e.Requests
}

// dedupeIDs keeps the first of each ID, in order.
func dedupeIDs(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
