package privacy

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"kartoteka/store"
)

// Rules that block forgetting. Each comes wrapped in a [*BlockedError] that
// names the way out. ErrRestricted is [store.ErrRestricted] itself, so
// errors.Is finds it whichever package refused.
var (
	ErrRestricted        = store.ErrRestricted
	ErrUpcomingBookings  = errors.New("the client has upcoming bookings")
	ErrAlreadyAnonymized = errors.New("the client is already anonymized")
)

// BlockedError says which rule refused forgetting and how to proceed.
type BlockedError struct {
	Rule     error
	WayOut   string
	Bookings []int64 // the upcoming bookings, for ErrUpcomingBookings
}

func (e *BlockedError) Error() string { return e.Rule.Error() + ": " + e.WayOut }
func (e *BlockedError) Unwrap() error { return e.Rule }

// blockers applies the rules to the facts and returns every rule that
// blocks, in the order restriction, upcoming bookings; an anonymized client
// is blocked by that alone. None means the client may go.
func blockers(f store.ForgetFacts) []*BlockedError {
	if f.Anonymized {
		return []*BlockedError{{Rule: ErrAlreadyAnonymized, WayOut: "nothing is left to forget"}}
	}
	var bs []*BlockedError
	if f.Restricted {
		bs = append(bs, &BlockedError{Rule: ErrRestricted, WayOut: "lift the restriction first, with a note of why it no longer applies"})
	}
	if len(f.UpcomingBookings) > 0 {
		bs = append(bs, &BlockedError{Rule: ErrUpcomingBookings, WayOut: "cancel the upcoming bookings first",
			Bookings: f.UpcomingBookings})
	}
	return bs
}

// blocked is the check Forget hands the store: nil when the client may go,
// the one [*BlockedError] when a single rule blocks, and all of them joined
// (errors.Join) when several do.
func blocked(f store.ForgetFacts) error { return joinBlocks(blockers(f)) }

// joinBlocks is nil for no block, the one block, or all of them joined.
func joinBlocks(bs []*BlockedError) error {
	switch len(bs) {
	case 0:
		return nil
	case 1:
		return bs[0]
	}
	errs := make([]error, len(bs))
	for i, b := range bs {
		errs[i] = b
	}
	return errors.Join(errs...)
}

// BlocksIn returns every [*BlockedError] in err, as [Forget] returns them:
// one, or several joined. None means err is no refusal by a rule.
func BlocksIn(err error) []*BlockedError {
	var out []*BlockedError
	var walk func(error)
	walk = func(e error) {
		switch x := e.(type) {
		case *BlockedError:
			out = append(out, x)
		case interface{ Unwrap() []error }:
			for _, inner := range x.Unwrap() {
				walk(inner)
			}
		case interface{ Unwrap() error }:
			walk(x.Unwrap())
		}
	}
	walk(err)
	return out
}

// Preview is what the owner sees before forgetting: the blocks, if any, and
// the warnings that allow going on.
type Preview struct {
	// Blocks are every rule that blocks forgetting, each with its way out:
	// the restriction and the upcoming bookings together, or the anonymized
	// card alone.
	Blocks []*BlockedError
	// Blocked is the first of Blocks, nil when nothing blocks.
	Blocked *BlockedError
	// OpenBalance is what completed visits cost beyond what was paid, in
	// minor units of Currency; zero or less is no warning.
	OpenBalance int64
	Currency    string
	// Duplicates are other cards that may be the same person.
	Duplicates []store.Client
	// Invoices still in their statutory period keep their buyer data until
	// PurgeOn.
	Invoices []InvoiceHold
	// What is erased and what is kept.
	Consents, Notes                   int
	Bookings, Payments, InvoicesTotal int
	// Subject is everything held about the client, nil once anonymized.
	Subject *Subject
}

// InvoiceHold is an invoice whose buyer data outlives the forgetting.
type InvoiceHold struct {
	ID      int64
	Number  string
	PurgeOn time.Time
}

// PreviewForget gathers the blocks and warnings for forgetting a client,
// from the same [Subject] the exports are written from.
func PreviewForget(ctx context.Context, db *store.DB, id int64) (Preview, error) {
	var p Preview
	if err := db.Require(ctx, store.PermForget); err != nil {
		return p, err
	}
	ctx = store.CheckedFlow(ctx)
	facts, err := db.ForgetFacts(ctx, id)
	if err != nil {
		return p, err
	}
	if p.Blocks = blockers(facts); len(p.Blocks) > 0 {
		p.Blocked = p.Blocks[0]
	}
	s, err := LoadSubject(ctx, db, id, time.Now())
	if errors.Is(err, ErrAnonymizedSubject) {
		return p, nil // blocked: nothing is left to weigh
	}
	if err != nil {
		return p, err
	}
	p.Subject = s
	p.Currency = s.Salon.Currency
	for _, b := range s.Bookings {
		if b.Status == store.StatusCompleted {
			p.OpenBalance += b.Price.Minor
		}
		if b.Notes != "" {
			p.Notes++
		}
	}
	for _, pay := range s.Payments {
		p.OpenBalance -= pay.Amount.Minor
		if pay.Notes != "" {
			p.Notes++
		}
	}
	for _, inv := range s.Invoices {
		if !inv.BuyerPurged && inv.KeepUntil.After(s.GeneratedAt) {
			p.Invoices = append(p.Invoices, InvoiceHold{ID: inv.ID, Number: inv.Number, PurgeOn: inv.KeepUntil})
		}
	}
	p.Consents, p.Bookings, p.Payments, p.InvoicesTotal = len(s.Consents), len(s.Bookings), len(s.Payments), len(s.Invoices)
	if p.Duplicates, err = db.PossibleDuplicates(ctx, id); err != nil {
		return p, err
	}
	return p, nil
}

// Result is what forgetting did, and the proof that nothing is left.
type Result struct {
	Erased store.Erased
	Proof  Proof
	// SafetyCopyRemoved says a restore's safety copy was deleted, as it
	// held the client as they were.
	SafetyCopyRemoved bool
	// Exports are the files the app had written for the client; their
	// records are gone with the card, the files are the caller's to offer
	// for deletion ([RemoveExports]).
	Exports []store.ExportFile
}

// Forget erases a client for good, as the product rules say, and then
// proves it with [VerifyErased]; it returns the export files the app had
// written for them, to offer for deletion. dirs are the app's own folders to
// search besides the database (the data folder, exports it keeps). The
// erasure also goes, as the client's number and the time, into the sealed
// ledger file beside the database and in each of ledgerDirs (the app's
// backup folder), so that restoring an older backup on any computer forgets
// the client again; and a restore's safety copy, which holds the client as
// they were, is removed before the proof. A blocked client comes back as a
// [*BlockedError] wrapping ErrRestricted, ErrUpcomingBookings or
// ErrAlreadyAnonymized — several of them joined when several rules block
// ([BlocksIn] lists them) — and nothing changes. A client kept out of
// retention ([store.DB.SetRetentionHold]) may still be forgotten by hand.
func Forget(ctx context.Context, db *store.DB, id int64, reason string, dirs []string, ledgerDirs ...string) (Result, error) {
	var r Result
	if err := db.Require(ctx, store.PermForget); err != nil {
		return r, err
	}
	// Every trace is looked for, health notes included, and the whole
	// erasure is the person's act.
	ctx = store.CheckedFlow(ctx)
	card, err := db.ClientCard(ctx, id)
	if err != nil {
		return r, err
	}
	traces := TracesOf(card.Client)
	exports, err := db.ExportFiles(ctx, id)
	if err != nil {
		return r, err
	}
	if r.Erased, err = db.Anonymize(ctx, id, reason, blocked); err != nil {
		return r, err
	}
	r.Exports = exports
	r.SafetyCopyRemoved, _ = store.RemoveSafetyCopy(db.Path())
	after := afterErasure(ctx, db, ledgerDirs)
	if traces, err = withoutLiveNamesakes(ctx, db, card.Client, traces); err != nil {
		return r, err
	}
	r.Proof, err = proveErased(ctx, db, traces, dirs)
	if err != nil {
		return r, fmt.Errorf("privacy: proof of erasure: %w", err)
	}
	if err := db.RecordErasureProof(ctx, id, r.Proof.Pages, r.Proof.Found); err != nil {
		return r, err
	}
	return r, after
}

// RemoveExports deletes export files, once the erasure is committed; a file
// already gone counts as deleted. left counts those it could not delete
// (not writable), which the owner must delete by hand.
func RemoveExports(files []store.ExportFile) (deleted, left int) {
	for _, f := range files {
		if err := os.Remove(f.Path); err == nil || errors.Is(err, fs.ErrNotExist) {
			deleted++
		} else {
			left++
		}
	}
	return deleted, left
}
