package privacy

import (
	"context"
	"errors"
	"slices"
	"time"

	"kartoteka/store"
)

// Reasons a client is left out of retention.
const (
	ExcludedRestricted = "restricted"       // processing restricted (Art. 18)
	ExcludedUpcoming   = "upcoming_booking" // a booking still to come
	ExcludedKept       = "kept"             // the owner keeps the client ([store.DB.SetRetentionHold])
)

// DueSoonDays is how far ahead the plan looks for clients falling due.
const DueSoonDays = 14

// Batch sizes: a transaction each, so a crash loses at most one batch's
// work, which the next run does again.
const (
	clientBatch  = 200
	bookingBatch = 500
)

// RetentionPlan is what a policy does at Now: the clients to forget, the
// bookings to remove (no payment) or anonymize (paid ones leave the card for
// the salon's anonymous accounts card, with their payments; see
// [store.DB.RetireBookings]), the invoices whose buyer data is purged, the clients
// left out and why, and those falling due within DueSoonDays.
type RetentionPlan struct {
	Now               time.Time
	Policy            store.RetentionPolicy
	ForgetClients     []int64
	RemoveBookings    []int64
	AnonymizeBookings []int64
	PurgeInvoices     []int64
	Excluded          []Exclusion
	DueSoon           []Due
	// NextPurge is the next day after Now on which invoices' statutory
	// period ends, and NextPurgeCount how many then lose their buyer data;
	// zero when no invoice is waiting.
	NextPurge      time.Time
	NextPurgeCount int
}

// Exclusion is a client retention leaves alone, with the reason.
type Exclusion struct {
	Client int64  `json:"client"`
	Reason string `json:"reason"` // ExcludedRestricted, ExcludedUpcoming or ExcludedKept
}

// Due is a client retention will forget on Due, unless something changes.
type Due struct {
	Client int64     `json:"client"`
	Due    time.Time `json:"due"`
}

// PlanRetention works out what policy p would do at now, changing nothing.
// Invoices whose statutory period has ended are purged under any policy,
// off included, since the law fixes that end; restricted clients, those
// with an upcoming booking and those the owner keeps are never touched (nor
// their bookings), and never listed as due soon. Whoever acts needs
// retention: the plan lists the clients due, which the person may not see.
func PlanRetention(ctx context.Context, db *store.DB, p store.RetentionPolicy, now time.Time) (*RetentionPlan, error) {
	if err := db.Require(ctx, store.PermRetention); err != nil {
		return nil, err
	}
	plan := &RetentionPlan{Now: now, Policy: p}
	salon, err := db.Salon(ctx)
	if err != nil {
		return nil, err
	}
	invoices, err := db.InvoicesWithBuyerData(ctx)
	if err != nil {
		return nil, err
	}
	for _, inv := range invoices {
		due := InvoicePurgeDate(inv.Issued, salon.Country, p.StatutoryYears)
		switch {
		case !now.Before(due):
			plan.PurgeInvoices = append(plan.PurgeInvoices, inv.ID)
		case plan.NextPurge.IsZero() || due.Before(plan.NextPurge):
			plan.NextPurge, plan.NextPurgeCount = due, 1
		case due.Equal(plan.NextPurge):
			plan.NextPurgeCount++
		}
	}
	if p.Policy == store.PolicyOff {
		return plan, nil
	}
	facts, err := db.RetentionFacts(ctx, now, p.Policy)
	if err != nil {
		return nil, err
	}
	soon := now.AddDate(0, 0, DueSoonDays)
	// weigh puts a client whose time is up (or soon up) in the plan.
	weigh := func(f store.ClientFacts, due time.Time) {
		switch {
		case due.After(soon):
		case due.After(now):
			if touchable(f) {
				plan.DueSoon = append(plan.DueSoon, Due{Client: f.ID, Due: due})
			}
		case f.Restricted:
			plan.Excluded = append(plan.Excluded, Exclusion{f.ID, ExcludedRestricted})
		case f.Upcoming:
			plan.Excluded = append(plan.Excluded, Exclusion{f.ID, ExcludedUpcoming})
		case f.Held:
			plan.Excluded = append(plan.Excluded, Exclusion{f.ID, ExcludedKept})
		default:
			plan.ForgetClients = append(plan.ForgetClients, f.ID)
		}
	}
	switch p.Policy {
	case store.PolicyLastVisit:
		for _, f := range facts {
			since := f.LastVisit
			if since.IsZero() {
				since = f.Created // never seen: counted from the card's making
			}
			weigh(f, since.AddDate(0, p.Months, 0))
		}
	case store.PolicyBookingEnd:
		if err := planBookings(ctx, db, plan, facts, now.AddDate(0, 0, -p.Days)); err != nil {
			return nil, err
		}
		for _, f := range facts {
			last := f.LastEnd
			if last.IsZero() {
				last = f.Created // no bookings at all: counted from the card's making
			}
			weigh(f, last.AddDate(0, 0, p.Days))
		}
	}
	slices.SortFunc(plan.DueSoon, func(a, b Due) int { return a.Due.Compare(b.Due) })
	return plan, nil
}

// touchable reports whether retention may act on a client at all.
func touchable(f store.ClientFacts) bool { return !f.Restricted && !f.Upcoming && !f.Held }

// planBookings adds the bookings that ended before cutoff, of clients
// retention may touch.
func planBookings(ctx context.Context, db *store.DB, plan *RetentionPlan, facts []store.ClientFacts, cutoff time.Time) error {
	may := make(map[int64]bool, len(facts))
	for _, f := range facts {
		may[f.ID] = touchable(f)
	}
	bookings, err := db.BookingsEndedBefore(ctx, cutoff)
	if err != nil {
		return err
	}
	for _, b := range bookings {
		switch {
		case !may[b.ClientID]:
		case !b.Paid:
			plan.RemoveBookings = append(plan.RemoveBookings, b.ID)
		default:
			plan.AnonymizeBookings = append(plan.AnonymizeBookings, b.ID)
		}
	}
	return nil
}

// errKept skips, inside a retention batch, a client the owner keeps.
var errKept = errors.New("privacy: the owner keeps this client out of retention")

// retainable is the check retention hands the store: Forget's rules, and
// the owner's hold, which does not stop forgetting by hand.
func retainable(f store.ForgetFacts) error {
	if err := blocked(f); err != nil {
		return err
	}
	if f.Held {
		return errKept
	}
	return nil
}

// Empty reports whether the plan changes nothing.
func (p *RetentionPlan) Empty() bool {
	return len(p.ForgetClients)+len(p.RemoveBookings)+len(p.AnonymizeBookings)+len(p.PurgeInvoices) == 0
}

// ApplyRetention carries plan out in batches, each its own transaction, as
// actor "retention": bookings first, then clients (through the same
// anonymization as Forget, with its rules checked again inside each
// batch, and a client the owner has kept since the plan skipped), then
// invoices; progress hears how far it got. A cancelled context
// stops it between batches, leaving a consistent database that the next run
// finishes. A finished run is recorded in the history with its counts.
// Whoever it forgets also goes into the ledger files, beside the database
// and in ledgerDirs (the app's backup folder), and a restore's safety copy,
// which may still hold them, is removed; see [Forget].
func ApplyRetention(ctx context.Context, db *store.DB, plan *RetentionPlan, progress func(done, total int), ledgerDirs ...string) (run store.RetentionRun, err error) {
	ctx = store.WithActor(ctx, "retention")
	defer func() {
		if run.ClientsForgotten > 0 {
			if serr := afterErasure(ctx, db, ledgerDirs); err == nil {
				err = serr
			}
		}
	}()
	run = store.RetentionRun{Started: time.Now(), Policy: plan.Policy.Policy}
	bookings := append(slices.Clone(plan.RemoveBookings), plan.AnonymizeBookings...)
	total := len(bookings) + len(plan.ForgetClients) + len(plan.PurgeInvoices)
	done := 0
	step := func(n int) {
		done += n
		if progress != nil {
			progress(done, total)
		}
	}
	for batch := range slices.Chunk(bookings, bookingBatch) {
		if err := ctx.Err(); err != nil {
			return run, err
		}
		removed, anonymized, err := db.RetireBookings(ctx, batch)
		if err != nil {
			return run, err
		}
		run.BookingsRemoved += removed
		run.BookingsAnonymized += anonymized
		step(len(batch))
	}
	for batch := range slices.Chunk(plan.ForgetClients, clientBatch) {
		if err := ctx.Err(); err != nil {
			return run, err
		}
		n, err := db.AnonymizeClients(ctx, batch, "retention", retainable)
		if err != nil {
			return run, err
		}
		run.ClientsForgotten += n
		step(len(batch))
	}
	for batch := range slices.Chunk(plan.PurgeInvoices, bookingBatch) {
		if err := ctx.Err(); err != nil {
			return run, err
		}
		n, err := db.PurgeInvoiceBuyers(ctx, batch)
		if err != nil {
			return run, err
		}
		run.InvoicesPurged += n
		step(len(batch))
	}
	run.Finished = time.Now()
	return run, db.RecordRetentionRun(ctx, run)
}

// RunRetention plans with the salon's policy at now and applies the plan.
// With the policy off only invoices past their statutory period are purged,
// and a run is recorded only when there were some. ledgerDirs are as for
// [ApplyRetention].
func RunRetention(ctx context.Context, db *store.DB, now time.Time, progress func(done, total int), ledgerDirs ...string) (store.RetentionRun, error) {
	p, err := db.RetentionPolicy(ctx)
	if err != nil {
		return store.RetentionRun{}, err
	}
	plan, err := PlanRetention(ctx, db, p, now)
	if err != nil {
		return store.RetentionRun{}, err
	}
	if p.Policy == store.PolicyOff && plan.Empty() {
		return store.RetentionRun{Policy: p.Policy}, nil
	}
	return ApplyRetention(ctx, db, plan, progress, ledgerDirs...)
}

// LastRetentionRun is when the last run finished; zero when none has.
func LastRetentionRun(ctx context.Context, db *store.DB) (time.Time, error) {
	runs, err := db.RetentionRuns(ctx, 1)
	if err != nil || len(runs) == 0 {
		return time.Time{}, err
	}
	return runs[0].Finished, nil
}
