package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"
)

// ForgetFacts is what the rules of erasure look at, read inside the
// transaction that anonymizes, so nothing can change between the check and
// the erasure.
type ForgetFacts struct {
	ClientID         int64
	Anonymized       bool
	Restricted       bool
	UpcomingBookings []int64 // active bookings that start after now
	// Held: the owner keeps the client out of automatic retention. It
	// does not block forgetting by hand.
	Held bool
}

// Erased counts what an anonymization removed; no personal data.
type Erased struct {
	Consents     int `json:"consents"`
	ExportFiles  int `json:"export_files"` // records of files the app wrote; the files are the caller's to delete
	BookingNotes int `json:"booking_notes"`
	PaymentNotes int `json:"payment_notes"`
	Bookings     int `json:"bookings_kept"`
	Payments     int `json:"payments_kept"`
	Invoices     int `json:"invoices_kept"`
	Drafts       int `json:"drafts"`              // unsaved forms about the client
	Restrictions int `json:"restriction_history"` // switches of the restriction, with their reasons
	Requests     int `json:"requests_kept"`       // privacy requests, kept linked to the anonymous number
}

// details are the counts of the client.forget audit event.
func (e Erased) details() map[string]int {
	return map[string]int{"consents": e.Consents, "booking_notes": e.BookingNotes, "payment_notes": e.PaymentNotes,
		"bookings_kept": e.Bookings, "payments_kept": e.Payments, "invoices_kept": e.Invoices,
		"drafts": e.Drafts, "restriction_history": e.Restrictions, "requests_kept": e.Requests}
}

// Anonymize erases a client in one transaction: every personal field, note
// and health note cleared, the retention hold and its reason cleared,
// consent records, the restriction history and the client's drafts
// deleted, free-text notes on their bookings and payments cleared, the
// search index entry and sort key gone, an erasure-ledger entry and an
// audit event written. Bookings, payments and invoices stay, linked to the
// anonymized card, so the accounting and the visit statistics do not
// change; invoices keep their buyer data until their statutory period ends.
// The client's privacy requests stay too, under the anonymous number, as
// evidence that they were answered. check sees the facts inside the
// transaction and refuses by returning an error, which rolls everything back. After the
// commit the WAL is checkpointed and truncated, so no old page image
// survives there; secure_delete has already zeroed the freed bytes.
func (db *DB) Anonymize(ctx context.Context, id int64, reason string, check func(ForgetFacts) error) (Erased, error) {
	var e Erased
	reason, err := text("reason", reason, limitShort, false)
	if err != nil {
		return e, err
	}
	err = db.write(ctx, "client.forget", func(tx *sql.Tx) (int64, map[string]int, error) {
		facts, err := forgetFacts(ctx, tx, id, db.now())
		if err != nil {
			return 0, nil, err
		}
		if err := check(facts); err != nil {
			return 0, nil, err
		}
		if e, err = anonymizeTx(ctx, tx, id, db.now()); err != nil {
			return 0, nil, fmt.Errorf("store: anonymize client %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO erasure_ledger (client_id, at, by, reason) VALUES (?, ?, ?, ?)`,
			id, db.now().Unix(), string(actorOf(ctx)), reason); err != nil {
			return 0, nil, fmt.Errorf("store: erasure ledger: %w", err)
		}
		return id, e.details(), nil
	})
	if err != nil {
		return e, err
	}
	return e, db.checkpointErased(ctx)
}

// ForgetFacts reads the facts outside a transaction, for a preview.
func (db *DB) ForgetFacts(ctx context.Context, id int64) (ForgetFacts, error) {
	tx, err := db.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return ForgetFacts{}, err
	}
	defer tx.Rollback()
	return forgetFacts(ctx, tx, id, db.now())
}

func forgetFacts(ctx context.Context, tx *sql.Tx, id int64, now time.Time) (ForgetFacts, error) {
	f := ForgetFacts{ClientID: id}
	var anon sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT anonymized_at, restricted, retention_hold <> '' FROM clients WHERE id = ?`, id).Scan(&anon, &f.Restricted, &f.Held)
	if err != nil {
		return f, notFound(err, "client", id)
	}
	f.Anonymized = anon.Valid
	rows, err := tx.QueryContext(ctx, `SELECT id FROM bookings WHERE client_id = ? AND status = 'booked' AND start_at > ? ORDER BY start_at`, id, now.Unix())
	if err != nil {
		return f, err
	}
	defer rows.Close()
	for rows.Next() {
		var b int64
		if err := rows.Scan(&b); err != nil {
			return f, err
		}
		f.UpcomingBookings = append(f.UpcomingBookings, b)
	}
	return f, rows.Err()
}

func anonymizeTx(ctx context.Context, tx *sql.Tx, id int64, now time.Time) (Erased, error) {
	var e Erased
	if err := unindexClient(ctx, tx, id); err != nil {
		return e, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE clients SET first_name = '', last_name = '', phone = '', email = '', birth_date = '',
		address = '', language = '', notes = '', health_notes = '', restriction_reason = '', restricted = 0, restricted_at = NULL,
		sort_key = '', retention_hold = '', retention_hold_at = NULL, anonymized_at = ?, updated_at = ? WHERE id = ?`, now.Unix(), now.Unix(), id); err != nil {
		return e, err
	}
	steps := []struct {
		q string
		n *int
	}{
		{`DELETE FROM consents WHERE client_id = ?`, &e.Consents},
		{`DELETE FROM export_files WHERE client_id = ?`, &e.ExportFiles},
		{`DELETE FROM drafts WHERE client_id = ?`, &e.Drafts},
		{`DELETE FROM restriction_history WHERE client_id = ?`, &e.Restrictions},
		{`UPDATE bookings SET notes = '' WHERE client_id = ? AND notes <> ''`, &e.BookingNotes},
		{`UPDATE payments SET notes = '' WHERE client_id = ? AND notes <> ''`, &e.PaymentNotes},
	}
	for _, s := range steps {
		res, err := tx.ExecContext(ctx, s.q, id)
		if err != nil {
			return e, err
		}
		n, _ := res.RowsAffected()
		*s.n = int(n)
	}
	// The client's privacy requests stay, as evidence that they were
	// answered (the erasure request among them), linked to the anonymous
	// number. What the owner typed into them (the reasons for an extension
	// or a refusal, what was done) may name the person, so it goes too; a
	// refusal keeps a mark that it had reasons. A request names a person in
	// its own fields only when it has no card, so clearing those is a
	// safeguard.
	if _, err := tx.ExecContext(ctx, `UPDATE privacy_requests SET requester_name = '', requester_contact = '',
		extension_reason = CASE WHEN extension_reason = '' THEN '' ELSE ?2 END, note = CASE WHEN note = '' THEN '' ELSE ?2 END,
		refusal_reason = CASE WHEN refusal_reason = '' THEN '' ELSE ?2 END
		WHERE client_id = ?1`, id, RequestTextErased); err != nil {
		return e, err
	}
	err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM bookings WHERE client_id = ?1), (SELECT count(*) FROM payments WHERE client_id = ?1),
		(SELECT count(*) FROM invoices WHERE client_id = ?1), (SELECT count(*) FROM privacy_requests WHERE client_id = ?1)`, id).
		Scan(&e.Bookings, &e.Payments, &e.Invoices, &e.Requests)
	return e, err
}

// CancelUpcomingBookings cancels a client's future bookings, the way out
// when they block forgetting; it returns how many.
func (db *DB) CancelUpcomingBookings(ctx context.Context, id int64) (int, error) {
	var n int64
	err := db.write(ctx, "booking.cancel_upcoming", func(tx *sql.Tx) (int64, map[string]int, error) {
		res, err := tx.ExecContext(ctx, `UPDATE bookings SET status = 'cancelled' WHERE client_id = ? AND status = 'booked' AND start_at > ?`, id, db.now().Unix())
		if err != nil {
			return 0, nil, err
		}
		n, _ = res.RowsAffected()
		return id, map[string]int{"bookings": int(n)}, nil
	})
	return int(n), err
}

// PossibleDuplicates lists other live cards that may be the same person: the
// same phone, the same email, or the same folded name and birth date.
func (db *DB) PossibleDuplicates(ctx context.Context, id int64) ([]Client, error) {
	return queryAll(ctx, db.r, `SELECT `+clientColumns+` FROM clients c, clients me
		WHERE me.id = ? AND c.id <> me.id AND c.anonymized_at IS NULL AND (
			(me.phone <> '' AND c.phone = me.phone) OR (me.email <> '' AND c.email = me.email) OR
			(me.birth_date <> '' AND c.birth_date = me.birth_date AND c.sort_key = me.sort_key))
		ORDER BY c.sort_key`, []any{id}, scanClient)
}

// RecordErasureProof audits the outcome of a proof of erasure: how many
// pages were read and how many traces found (zero, or it is a bug).
func (db *DB) RecordErasureProof(ctx context.Context, clientID int64, pages, found int) error {
	return db.audit(ctx, db.w, "client.erasure_verified", clientID, map[string]int{"pages": pages, "traces_found": found})
}

// RecordErasureProofs is RecordErasureProof for many clients in one
// transaction, one event each, in the order of their numbers: proofs maps
// each client to the pages read and the traces found.
func (db *DB) RecordErasureProofs(ctx context.Context, proofs map[int64][2]int) error {
	const action = "client.erasure_verified"
	if err := db.permitAction(ctx, action); err != nil {
		return err
	}
	ids := make([]int64, 0, len(proofs))
	for id := range proofs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	tx, err := beginTx(ctx, db.w, nil)
	if err != nil {
		return fmt.Errorf("store: %s: %w", action, err)
	}
	defer tx.Rollback()
	for _, id := range ids {
		p := proofs[id]
		if err := db.record(ctx, tx, action, event{subject: id, details: map[string]int{"pages": p[0], "traces_found": p[1]}}); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %s: %w", action, err)
	}
	return nil
}

// Rewrite rebuilds every page of the database from its live content
// (VACUUM) and checkpoints the WAL. SQLite's secure_delete zeroes what a
// deletion frees, but when many deletions make it rebuild a page it can
// leave stale bytes of a moved cell in the page's unused middle, which the
// proof of erasure then finds; a rewritten page holds nothing but its
// cells. It takes a while on a big salon (the whole file is copied), so
// the proof calls it only when it finds a trace.
//
// The search index is rebuilt first: FTS5's secure-delete removes a
// forgotten client's tokens from the index's leaves, but the first term of
// a leaf page also stands as that page's key in the index's own b-tree
// (client_search_idx) until the segment is rewritten, and VACUUM copies it
// as it is — a folded name or phone found while other clients stay.
func (db *DB) Rewrite(ctx context.Context) error {
	if _, err := db.w.ExecContext(ctx, `INSERT INTO client_search(client_search) VALUES ('rebuild')`); err != nil {
		return fmt.Errorf("store: rebuild the search index: %w", err)
	}
	if _, err := db.w.ExecContext(ctx, "VACUUM"); err != nil {
		return fmt.Errorf("store: rewrite the database: %w", err)
	}
	return db.Checkpoint(ctx)
}
