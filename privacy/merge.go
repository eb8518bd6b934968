package privacy

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"kartoteka/store"
)

// ErrKeepAnonymized refuses a merge into a forgotten card.
var ErrKeepAnonymized = errors.New("the card to keep is anonymized")

// MergeFields are the details of a card a merge picks between, in the
// order a form shows them; [PickFields] takes them by these names.
var MergeFields = []string{"first_name", "last_name", "phone", "email", "birth_date", "address", "language", "notes", "health_notes"}

// MergePreview is what the owner sees before merging card From into card
// Keep: both cards, the kept card as proposed, what moves, the consents in
// force afterwards, and what refuses the merge.
type MergePreview struct {
	Keep, From store.Client
	// Proposed is the kept card if the owner picks nothing
	// ([ProposeMerge]); a form starts from it.
	Proposed store.ClientInput
	// Blocks are the rules that refuse the merge, each with its way out:
	// an anonymized card, or a restricted one (ErrRestricted) until a
	// ground of Art. 18(2) is given (NeedsBasis).
	Blocks     []*BlockedError
	NeedsBasis bool
	// Moves counts From's records that go over to Keep.
	Moves store.RecordCounts
	// Consents are both histories joined, oldest first, and Current the
	// decision in force of each kind afterwards: the newest, on either card.
	Consents []store.Consent
	Current  map[string]bool
	// UpcomingBookings of From move to Keep; they do not block.
	UpcomingBookings int
	// Exports are the files the app wrote for From, removed with it.
	Exports []store.ExportFile
	// TakesRestriction says Keep takes over From's restriction, and
	// TakesHold its retention hold.
	TakesRestriction, TakesHold bool
	// Revived are the marketing consents (kinds) the client withdrew whose
	// withdrawal, once the histories are joined, only a consent stated by
	// an imported file outdates: after the merge the client would be on
	// that mailing list again, though a file must never undo what the
	// client decided ([RevivedConsents]).
	Revived []string
}

// PreviewMerge gathers what merging from into keep would do, changing
// nothing. It needs the permissions of a merge: clients.edit and forget.
func PreviewMerge(ctx context.Context, db *store.DB, keep, from int64) (MergePreview, error) {
	var p MergePreview
	if err := requireMerge(ctx, db); err != nil {
		return p, err
	}
	if keep == from {
		return p, &store.FieldError{Field: "from", Err: store.ErrMergeSelf}
	}
	checked := store.CheckedFlow(ctx)
	kc, err := db.ClientCard(ctx, keep)
	if err != nil {
		return p, err
	}
	fc, err := db.ClientCard(ctx, from)
	if err != nil {
		return p, err
	}
	p.Keep, p.From = kc.Client, fc.Client
	kf, err := db.ForgetFacts(checked, keep)
	if err != nil {
		return p, err
	}
	ff, err := db.ForgetFacts(checked, from)
	if err != nil {
		return p, err
	}
	p.UpcomingBookings = len(ff.UpcomingBookings)
	p.NeedsBasis = kf.Restricted || ff.Restricted
	p.Blocks = mergeBlockers(store.MergeFacts{Keep: kf, From: ff}, "")
	if p.Moves, err = db.RecordCounts(checked, from); err != nil {
		return p, err
	}
	p.Consents = append(slices.Clone(kc.Consents), fc.Consents...)
	slices.SortStableFunc(p.Consents, func(a, b store.Consent) int { return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ID, b.ID)) })
	p.Current = store.CurrentConsents(p.Consents)
	p.Revived = RevivedConsents(p.Consents)
	p.Proposed = ProposeMerge(p.Keep, p.From, p.Current)
	if p.Exports, err = db.ExportFiles(checked, from); err != nil {
		return p, err
	}
	p.TakesRestriction = p.From.Restricted && !p.Keep.Restricted
	p.TakesHold = p.From.RetentionHold != "" && p.Keep.RetentionHold == ""
	return p, nil
}

// RevivedConsents are the marketing kinds of a consent history (oldest
// first) given now only by records an import stated (channel
// [store.ChannelImport]) since the client's own last withdrawal: the file
// speaks over the client. A merge makes such a history when one card
// was unsubscribed and the other imported anew with a consent.
func RevivedConsents(history []store.Consent) []string {
	var out []string
	for _, kind := range []string{store.ConsentMarketingEmail, store.ConsentMarketingSMS} {
		withdrawn, byFile := false, false // since the client's last own word
		for _, c := range history {
			switch {
			case c.Kind != kind:
			case c.Channel != store.ChannelImport:
				withdrawn, byFile = !c.Given, false
			case c.Given:
				byFile = true
			}
		}
		if withdrawn && byFile && store.CurrentConsents(history)[kind] {
			out = append(out, kind)
		}
	}
	return out
}

// ProposeMerge is the kept card when the owner picks nothing: keep's
// details, each empty one filled from from's; the notes of both, keep's
// first, when they differ; and the health notes likewise while the health
// consent in force after the merge (current, as the joined histories say)
// allows them, else keep's alone.
func ProposeMerge(keep, from store.Client, current map[string]bool) store.ClientInput {
	or := func(a, b string) string {
		if a != "" {
			return a
		}
		return b
	}
	both := func(a, b string) string {
		switch {
		case b == "" || b == a:
			return a
		case a == "":
			return b
		}
		return a + "\n\n" + b
	}
	in := store.ClientInput{
		FirstName: keep.FirstName, LastName: keep.LastName,
		Phone: or(keep.Phone, from.Phone), Email: or(keep.Email, from.Email), BirthDate: or(keep.BirthDate, from.BirthDate),
		Address: or(keep.Address, from.Address), Language: or(keep.Language, from.Language),
		Notes: both(keep.Notes, from.Notes), HealthNotes: keep.HealthNotes,
	}
	if current[store.ConsentHealth] {
		in.HealthNotes = both(keep.HealthNotes, from.HealthNotes)
	}
	return in
}

// PickFields sets the fields named (of MergeFields) of in to from's: the
// owner's picks over a proposal.
func PickFields(in store.ClientInput, from store.Client, fields []string) (store.ClientInput, error) {
	for _, f := range fields {
		switch strings.TrimSpace(f) {
		case "first_name":
			in.FirstName = from.FirstName
		case "last_name":
			in.LastName = from.LastName
		case "phone":
			in.Phone = from.Phone
		case "email":
			in.Email = from.Email
		case "birth_date":
			in.BirthDate = from.BirthDate
		case "address":
			in.Address = from.Address
		case "language":
			in.Language = from.Language
		case "notes":
			in.Notes = from.Notes
		case "health_notes":
			in.HealthNotes = from.HealthNotes
		case "":
		default:
			return in, &store.FieldError{Field: "take", Err: fmt.Errorf("%w: %s", store.ErrInvalidChoice, strings.Join(MergeFields, ", "))}
		}
	}
	return in, nil
}

// mergeBlockers applies the rules of a merge: no anonymized card on either
// side, and no restricted card without a ground of Art. 18(2). Upcoming
// bookings move, so they do not block.
func mergeBlockers(f store.MergeFacts, basis string) []*BlockedError {
	var bs []*BlockedError
	if f.From.Anonymized {
		bs = append(bs, &BlockedError{Rule: ErrAlreadyAnonymized, WayOut: "the card to merge has nothing left to merge"})
	}
	if f.Keep.Anonymized {
		bs = append(bs, &BlockedError{Rule: ErrKeepAnonymized, WayOut: "keep a live card of the client"})
	}
	if len(bs) == 0 && (f.From.Restricted || f.Keep.Restricted) && basis == "" {
		bs = append(bs, &BlockedError{Rule: ErrRestricted,
			WayOut: "a restricted card is merged only on a ground of GDPR Art. 18(2) (consent, legal_claim, rights_of_others, public_interest), which is recorded; the restriction goes over to the kept card"})
	}
	return bs
}

func requireMerge(ctx context.Context, db *store.DB) error {
	if err := db.Require(ctx, store.PermClientsEdit); err != nil {
		return err
	}
	return db.Require(ctx, store.PermForget)
}

// MergeResult is what a merge did, and the proof that nothing of the
// merged card is left but what the kept card holds.
type MergeResult struct {
	store.Merged
	Proof Proof
	// SafetyCopyRemoved and Exports are as for [Forget]: the restore's
	// safety copy deleted, and the files the app wrote for the merged
	// card, to offer for deletion ([RemoveExports]).
	SafetyCopyRemoved bool
	Exports           []store.ExportFile
}

// Merge merges card from into card keep as [store.DB.MergeClients] does, in
// one transaction (every record of from moves, keep says in.Card, from is
// anonymized with its ledger entry), and then forgets from as [Forget]
// does: the ledger files beside the database and in ledgerDirs, the
// restore's safety copy removed, and a proof of erasure over the database
// and dirs that none of from's name, phone or email is left, except what
// keep now holds by right. A refusal by the rules is a [*BlockedError]
// (several joined): an anonymized card, or a restricted one without
// in.Basis (ErrRestricted); nothing changes then.
func Merge(ctx context.Context, db *store.DB, keep, from int64, in store.MergeInput, dirs []string, ledgerDirs ...string) (MergeResult, error) {
	var r MergeResult
	if err := requireMerge(ctx, db); err != nil {
		return r, err
	}
	checked := store.CheckedFlow(ctx)
	card, err := db.ClientCard(checked, from)
	if err != nil {
		return r, err
	}
	exports, err := db.ExportFiles(checked, from)
	if err != nil {
		return r, err
	}
	check := func(f store.MergeFacts) error {
		bs := mergeBlockers(f, in.Basis)
		errs := make([]error, len(bs))
		for i, b := range bs {
			errs[i] = b
		}
		if len(errs) == 1 {
			return errs[0]
		}
		return errors.Join(errs...)
	}
	if r.Merged, err = db.MergeClients(ctx, keep, from, in, check); err != nil {
		return r, err
	}
	r.Exports = exports
	r.SafetyCopyRemoved, _ = store.RemoveSafetyCopy(db.Path())
	after := afterErasure(checked, db, ledgerDirs)
	// The kept card is live: what it holds of the person is not looked for.
	traces, err := lawfullyKept(checked, db, map[int64][]Trace{from: TracesOf(card.Client)}, map[int64][]store.Invoice{from: card.Invoices})
	if err != nil {
		return r, err
	}
	if r.Proof, err = proveErased(checked, db, traces[from], dirs); err != nil {
		return r, fmt.Errorf("privacy: proof of erasure: %w", err)
	}
	if err := db.RecordErasureProof(checked, from, r.Proof.Pages, r.Proof.Found); err != nil {
		return r, err
	}
	return r, after
}
