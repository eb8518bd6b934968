package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Retention policies (GDPR Art. 5(1)(e)).
const (
	PolicyOff        = "off"
	PolicyBookingEnd = "booking_end" // bookings removed Days after they end
	PolicyLastVisit  = "last_visit"  // clients forgotten Months after their last visit
)

// RetentionPolicy is the salon's retention setting.
type RetentionPolicy struct {
	Policy string
	Days   int // for PolicyBookingEnd, 1 to 3650
	Months int // for PolicyLastVisit, 1 to 240
	// StatutoryYears overrides how long invoices keep their buyer data,
	// counted from the end of the year of issue; 0 means the law of the
	// salon's country.
	StatutoryYears int
}

// RetentionRun is one finished run of retention, counts only.
type RetentionRun struct {
	Started, Finished                  time.Time
	Policy                             string
	ClientsForgotten, BookingsRemoved  int
	BookingsAnonymized, InvoicesPurged int
}

// RetentionPolicy returns the salon's retention setting.
func (db *DB) RetentionPolicy(ctx context.Context) (RetentionPolicy, error) {
	var p RetentionPolicy
	err := db.r.QueryRowContext(ctx, `SELECT policy, days, months, statutory_years FROM retention WHERE id = 1`).
		Scan(&p.Policy, &p.Days, &p.Months, &p.StatutoryYears)
	if err != nil {
		return p, fmt.Errorf("store: retention policy: %w", err)
	}
	return p, nil
}

// SetRetentionPolicy changes the retention setting.
func (db *DB) SetRetentionPolicy(ctx context.Context, p RetentionPolicy) error {
	if err := oneOf("policy", p.Policy, PolicyOff, PolicyBookingEnd, PolicyLastVisit); err != nil {
		return err
	}
	switch {
	case p.Days < 1 || p.Days > 3650:
		return fieldErr("days", ErrOutOfRange)
	case p.Months < 1 || p.Months > 240:
		return fieldErr("months", ErrOutOfRange)
	case p.StatutoryYears < 0 || p.StatutoryYears > 15:
		return fieldErr("statutory_years", ErrOutOfRange)
	}
	return db.write(ctx, "retention.set", func(tx *sql.Tx) (int64, map[string]int, error) {
		_, err := tx.ExecContext(ctx, `UPDATE retention SET policy = ?, days = ?, months = ?, statutory_years = ? WHERE id = 1`,
			p.Policy, p.Days, p.Months, p.StatutoryYears)
		return 0, map[string]int{"days": p.Days, "months": p.Months, "statutory_years": p.StatutoryYears}, err
	})
}

// ClientFacts are what retention weighs about one live client.
type ClientFacts struct {
	ID         int64
	Restricted bool
	Created    time.Time
	LastEnd    time.Time // of any booking; zero when none
	LastVisit  time.Time // start of the last completed booking; zero when none
	Upcoming   bool      // a booked booking starts after now
	Held       bool      // the owner keeps the client out of retention
}

// RetentionFacts returns the facts of every live client at now that
// policy weighs: LastEnd (the end of the booking that starts last) for
// PolicyBookingEnd, LastVisit for PolicyLastVisit. Each is an index seek or
// two a client, so 100,000 clients are read in well under a second.
func (db *DB) RetentionFacts(ctx context.Context, now time.Time, policy string) ([]ClientFacts, error) {
	lastEnd, lastVisit := "0", "0"
	if policy == PolicyBookingEnd {
		lastEnd = `coalesce((SELECT b.end_at FROM bookings b WHERE b.client_id = c.id ORDER BY b.start_at DESC LIMIT 1), 0)`
	} else {
		lastVisit = `coalesce((SELECT max(b.start_at) FROM bookings b WHERE b.client_id = c.id AND b.status = 'completed'), 0)`
	}
	return queryAll(ctx, db.r, `SELECT c.id, c.restricted, c.created_at, `+lastEnd+`, `+lastVisit+`,
		EXISTS (SELECT 1 FROM bookings b WHERE b.client_id = c.id AND b.status = 'booked' AND b.start_at > ?), c.retention_hold <> ''
		FROM clients c WHERE c.anonymized_at IS NULL ORDER BY c.id`, []any{now.Unix()}, func(r scanner) (ClientFacts, error) {
		var f ClientFacts
		var created, end, visit int64
		err := r.Scan(&f.ID, &f.Restricted, &created, &end, &visit, &f.Upcoming, &f.Held)
		f.Created = time.Unix(created, 0)
		f.LastEnd, f.LastVisit = unixOrZeroInt(end), unixOrZeroInt(visit)
		return f, err
	})
}

func unixOrZeroInt(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.Unix(v, 0)
}

// BookingFact is a booking that retention may remove, or, when Paid (a
// payment points at it), move off the client's card to the accounts.
type BookingFact struct {
	ID, ClientID int64
	End          time.Time
	Paid         bool
}

// BookingsEndedBefore lists the bookings of live clients that ended before
// cutoff, oldest first.
func (db *DB) BookingsEndedBefore(ctx context.Context, cutoff time.Time) ([]BookingFact, error) {
	return queryAll(ctx, db.r, `SELECT b.id, b.client_id, b.end_at, b.paid
		FROM clients c JOIN bookings b INDEXED BY bookings_client_end ON b.client_id = c.id
		WHERE c.anonymized_at IS NULL AND b.end_at < ? ORDER BY b.end_at, b.id`, []any{cutoff.Unix()}, func(r scanner) (BookingFact, error) {
		var f BookingFact
		var end int64
		err := r.Scan(&f.ID, &f.ClientID, &end, &f.Paid)
		f.End = time.Unix(end, 0)
		return f, err
	})
}

// InvoiceFact is an invoice that still carries its buyer's data.
type InvoiceFact struct {
	ID     int64
	Issued time.Time
}

// InvoicesWithBuyerData lists the invoices whose buyer data is not purged.
func (db *DB) InvoicesWithBuyerData(ctx context.Context) ([]InvoiceFact, error) {
	return queryAll(ctx, db.r, `SELECT id, issued_at FROM invoices WHERE buyer_purged_at IS NULL ORDER BY id`, nil, func(r scanner) (InvoiceFact, error) {
		var f InvoiceFact
		var at int64
		err := r.Scan(&f.ID, &at)
		f.Issued = time.Unix(at, 0)
		return f, err
	})
}

// RetireBookings, in one transaction, removes the bookings named that have
// no payment and detaches those that have one: they leave the client's card
// for the salon's anonymous accounts card ([DB.AccountsClient]) with their
// payments, amounts, dates and status, their notes cleared, so the books
// stay whole with no link back to the person. Bookings of a client who is
// now restricted or held out of retention ([DB.SetRetentionHold]), or of an
// anonymized card, are left alone.
func (db *DB) RetireBookings(ctx context.Context, ids []int64) (removed, detached int, err error) {
	if len(ids) == 0 {
		return 0, 0, nil
	}
	in, args := idList(ids)
	err = db.write(ctx, "retention.bookings", func(tx *sql.Tx) (int64, map[string]int, error) {
		live := ` AND client_id IN (SELECT id FROM clients WHERE anonymized_at IS NULL AND restricted = 0 AND retention_hold = '')`
		res, err := tx.ExecContext(ctx, `DELETE FROM bookings WHERE id IN (`+in+`) AND paid = 0`+live, args...)
		if err != nil {
			return 0, nil, fmt.Errorf("store: remove bookings: %w", err)
		}
		n, _ := res.RowsAffected()
		removed = int(n)
		accounts, err := accountsClient(ctx, tx, db.now())
		if err != nil {
			return 0, nil, err
		}
		paid := `SELECT id FROM bookings WHERE id IN (` + in + `) AND paid = 1` + live
		both := append([]any{accounts}, args...)
		if _, err := tx.ExecContext(ctx, `UPDATE payments SET client_id = ?, notes = '' WHERE booking_id IN (`+paid+`)`, both...); err != nil {
			return 0, nil, fmt.Errorf("store: detach payments: %w", err)
		}
		res, err = tx.ExecContext(ctx, `UPDATE bookings SET client_id = ?, notes = '' WHERE id IN (`+paid+`)`, both...)
		if err != nil {
			return 0, nil, fmt.Errorf("store: detach bookings: %w", err)
		}
		n, _ = res.RowsAffected()
		detached = int(n)
		return 0, map[string]int{"removed": removed, "detached": detached}, nil
	})
	return removed, detached, err
}

// accountsClient is the salon's anonymous card that keeps, for the books,
// the paid bookings retention detached from their clients; it is made, as
// an anonymized card, the first time one is needed.
func accountsClient(ctx context.Context, tx *sql.Tx, now time.Time) (int64, error) {
	var id sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT accounts_client FROM salon`).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: accounts card: %w", err)
	}
	if id.Valid {
		return id.Int64, nil
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO clients (first_name, last_name, sort_key, anonymized_at, created_at, updated_at)
		VALUES ('', '', '', ?1, ?1, ?1)`, now.Unix())
	if err != nil {
		return 0, fmt.Errorf("store: accounts card: %w", err)
	}
	made, _ := res.LastInsertId()
	if _, err := tx.ExecContext(ctx, `UPDATE salon SET accounts_client = ?`, made); err != nil {
		return 0, fmt.Errorf("store: accounts card: %w", err)
	}
	return made, nil
}

// AccountsClient is the ID of the salon's anonymous accounts card (see
// [DB.RetireBookings]); 0 while retention has detached nothing.
func (db *DB) AccountsClient(ctx context.Context) (int64, error) {
	var id sql.NullInt64
	err := db.r.QueryRowContext(ctx, `SELECT accounts_client FROM salon`).Scan(&id)
	return id.Int64, err
}

// AnonymizeClients forgets the clients named in one transaction, each as
// [DB.Anonymize] does (ledger entry and audit event included), skipping any
// whom check refuses; it returns how many were forgotten. The WAL is
// checkpointed after the commit. It is retention's: its event is
// retention.clients.
func (db *DB) AnonymizeClients(ctx context.Context, ids []int64, reason string, check func(ForgetFacts) error) (int, error) {
	outs, err := db.anonymizeMany(ctx, "retention.clients", ids, reason, check)
	n := 0
	for _, o := range outs {
		if o.Refused == nil {
			n++
		}
	}
	return n, err
}

// ForgetOutcome is what forgetting one of many clients came to: erased, or
// refused by the rules (Refused, the error check returned).
type ForgetOutcome struct {
	ID      int64
	Erased  Erased
	Refused error
}

// ForgetClients forgets by hand the clients named (the inactive clients the
// owner chose, say) in one transaction, each as [DB.Anonymize] does, with
// its ledger entry and client.forget event, and one client.forget_many
// event with the counts; a client whom check refuses is left as they are,
// with the refusal in their outcome. The outcomes come in the order of
// ids. The WAL is checkpointed after the commit.
func (db *DB) ForgetClients(ctx context.Context, ids []int64, reason string, check func(ForgetFacts) error) ([]ForgetOutcome, error) {
	return db.anonymizeMany(ctx, "client.forget_many", ids, reason, check)
}

func (db *DB) anonymizeMany(ctx context.Context, action string, ids []int64, reason string, check func(ForgetFacts) error) ([]ForgetOutcome, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	reason, err := text("reason", reason, limitShort, false)
	if err != nil {
		return nil, err
	}
	var outs []ForgetOutcome
	err = db.write(ctx, action, func(tx *sql.Tx) (int64, map[string]int, error) {
		outs = make([]ForgetOutcome, 0, len(ids))
		n := 0
		for _, id := range ids {
			facts, err := forgetFacts(ctx, tx, id, db.now())
			if err != nil {
				return 0, nil, err
			}
			if err := check(facts); err != nil {
				outs = append(outs, ForgetOutcome{ID: id, Refused: err})
				continue
			}
			e, err := anonymizeTx(ctx, tx, id, db.now())
			if err != nil {
				return 0, nil, fmt.Errorf("store: anonymize client %d: %w", id, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO erasure_ledger (client_id, at, by, reason) VALUES (?, ?, ?, ?)`,
				id, db.now().Unix(), string(actorOf(ctx)), reason); err != nil {
				return 0, nil, fmt.Errorf("store: erasure ledger: %w", err)
			}
			if err := db.audit(ctx, tx, "client.forget", id, e.details()); err != nil {
				return 0, nil, err
			}
			outs = append(outs, ForgetOutcome{ID: id, Erased: e})
			n++
		}
		return 0, map[string]int{"clients": n, "refused": len(ids) - n}, nil
	})
	if err != nil {
		return nil, err
	}
	return outs, db.checkpointErased(ctx)
}

// PurgeInvoiceBuyers removes the buyer's name, address and tax ID from the
// invoices named, in one transaction.
func (db *DB) PurgeInvoiceBuyers(ctx context.Context, ids []int64) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	in, args := idList(ids)
	var n int64
	err := db.write(ctx, "retention.invoices", func(tx *sql.Tx) (int64, map[string]int, error) {
		res, err := tx.ExecContext(ctx, `UPDATE invoices SET buyer_name = '', buyer_address = '', buyer_tax_id = '', buyer_purged_at = ?
			WHERE id IN (`+in+`) AND buyer_purged_at IS NULL`, append([]any{db.now().Unix()}, args...)...)
		if err != nil {
			return 0, nil, fmt.Errorf("store: purge invoices: %w", err)
		}
		n, _ = res.RowsAffected()
		return 0, map[string]int{"invoices": int(n)}, nil
	})
	return int(n), err
}

// RecordRetentionRun writes a finished run into the history, with its
// audit event.
func (db *DB) RecordRetentionRun(ctx context.Context, r RetentionRun) error {
	return db.write(ctx, "retention.run", func(tx *sql.Tx) (int64, map[string]int, error) {
		_, err := tx.ExecContext(ctx, `INSERT INTO retention_runs (started_at, finished_at, policy, clients_forgotten, bookings_removed,
			bookings_anonymized, invoices_purged) VALUES (?, ?, ?, ?, ?, ?, ?)`, r.Started.Unix(), r.Finished.Unix(), r.Policy,
			r.ClientsForgotten, r.BookingsRemoved, r.BookingsAnonymized, r.InvoicesPurged)
		return 0, map[string]int{"clients_forgotten": r.ClientsForgotten, "bookings_removed": r.BookingsRemoved,
			"bookings_anonymized": r.BookingsAnonymized, "invoices_purged": r.InvoicesPurged}, err
	})
}

// RetentionRuns returns the history of runs, newest first, at most limit.
func (db *DB) RetentionRuns(ctx context.Context, limit int) ([]RetentionRun, error) {
	return queryAll(ctx, db.r, `SELECT started_at, finished_at, policy, clients_forgotten, bookings_removed, bookings_anonymized, invoices_purged
		FROM retention_runs ORDER BY id DESC LIMIT ?`, []any{limit}, func(r scanner) (RetentionRun, error) {
		var run RetentionRun
		var s, f int64
		err := r.Scan(&s, &f, &run.Policy, &run.ClientsForgotten, &run.BookingsRemoved, &run.BookingsAnonymized, &run.InvoicesPurged)
		run.Started, run.Finished = time.Unix(s, 0), time.Unix(f, 0)
		return run, err
	})
}

// idList is "?, ?, ?" for ids, with ids as arguments.
func idList(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", "), args
}

// MonthTotal is what the salon took in one calendar month in one currency:
// how many payments, and their sum in minor units.
type MonthTotal struct {
	Month    string // YYYY-MM, local time
	Currency string
	Count    int
	Amount   int64
}

// PaymentsByMonth sums every payment, on whichever card it is (a live
// client's, a forgotten one's or the accounts card), by month and currency.
func (db *DB) PaymentsByMonth(ctx context.Context) ([]MonthTotal, error) {
	if err := db.Require(ctx, PermPaymentsView); err != nil {
		return nil, err
	}
	return queryAll(ctx, db.r, `SELECT strftime('%Y-%m', at, 'unixepoch', 'localtime'), currency, count(*), sum(amount)
		FROM payments GROUP BY 1, 2 ORDER BY 1, 2`, nil, func(r scanner) (MonthTotal, error) {
		var m MonthTotal
		return m, r.Scan(&m.Month, &m.Currency, &m.Count, &m.Amount)
	})
}
