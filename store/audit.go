package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Actor names who did something: "staff:3", "cli", "retention", "system".
// It is written into every audit event, so it must never be personal data.
type Actor string

type actorKey struct{}

// WithActor returns a context whose writes are audited as done by a.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// StaffActor is the actor for a staff member.
func StaffActor(id int64) Actor { return Actor(fmt.Sprintf("staff:%d", id)) }

func actorOf(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok && a != "" {
		return a
	}
	return "system"
}

// AuditEvent is one line of the audit log: IDs and counts, never personal
// data.
type AuditEvent struct {
	ID        int64          `json:"id"`
	At        time.Time      `json:"at"`
	Actor     Actor          `json:"actor"`
	Action    string         `json:"action"`
	SubjectID int64          `json:"subject_id"`
	Details   map[string]int `json:"details,omitempty"`
	// Basis is the ground of GDPR Art. 18(2) on which a restricted
	// client's data was processed anyway: one of [RestrictionBases], never
	// free text; empty for everything else.
	Basis string `json:"basis,omitempty"`
}

// event is what a write records in the audit log besides its action.
type event struct {
	subject int64
	details map[string]int
	basis   string // one of RestrictionBases, or empty
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// audit appends an event through ex (a transaction or the writer).
func (db *DB) audit(ctx context.Context, ex execer, action string, subject int64, details map[string]int) error {
	if err := db.permitAction(ctx, action); err != nil {
		return err
	}
	return db.record(ctx, ex, action, event{subject: subject, details: details})
}

// record appends ev through ex, with a statement prepared on the writer.
func (db *DB) record(ctx context.Context, ex execer, action string, ev event) error {
	d := []byte("{}")
	if len(ev.details) > 0 {
		d, _ = json.Marshal(ev.details)
	}
	// Without a basis the column keeps its default, so that the migration
	// tests can still make a file of an older schema through Create.
	q, args := `INSERT INTO audit_events (at, actor, action, subject_id, details) VALUES (?, ?, ?, ?, ?)`,
		[]any{db.now().Unix(), string(actorOf(ctx)), action, ev.subject, string(d)}
	if ev.basis != "" {
		q, args = `INSERT INTO audit_events (at, actor, action, subject_id, details, basis) VALUES (?, ?, ?, ?, ?, ?)`, append(args, ev.basis)
	}
	switch w := ex.(type) {
	case *sql.Tx:
		ex = db.preparedTx(w)
	case *sql.DB:
		ex = preparedPool{w}
	}
	if _, err := ex.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("store: audit %s: %w", action, err)
	}
	return nil
}

// write runs fn in one write transaction and records its audit event in the
// same transaction: either both land or neither does.
func (db *DB) write(ctx context.Context, action string, fn func(tx *sql.Tx) (subject int64, details map[string]int, err error)) error {
	return db.writeEvent(ctx, action, func(tx *sql.Tx) (event, error) {
		subject, details, err := fn(tx)
		return event{subject: subject, details: details}, err
	})
}

// errUnchanged, returned by a write's fn, says there is nothing to do: the
// transaction is rolled back, no audit event is written and the write
// succeeds.
var errUnchanged = errors.New("store: nothing to change")

// writeEvent is write for changes whose event carries more than a subject
// and counts (an Art. 18(2) basis).
func (db *DB) writeEvent(ctx context.Context, action string, fn func(tx *sql.Tx) (event, error)) error {
	if err := db.permitAction(ctx, action); err != nil {
		return err
	}
	tx, err := beginTx(ctx, db.w, nil)
	if err != nil {
		return fmt.Errorf("store: %s: %w", action, err)
	}
	defer tx.Rollback()
	// Today's clients may change with any write; dropped on the way in and
	// out, as the grants below.
	db.today.drop()
	defer db.today.drop()
	if strings.HasPrefix(action, "staff.") {
		// Who may do what may change: the grants kept are read again,
		// after this write whether or not it lands (the drop on the way
		// out keeps a grant read meanwhile from outliving it).
		db.grants.drop()
		defer db.grants.drop()
	}
	ev, err := fn(tx)
	if errors.Is(err, errUnchanged) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := db.record(ctx, tx, action, ev); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %s: %w", action, err)
	}
	return nil
}

// AuditLog returns the audit events, newest first, at most limit (0: all).
func (db *DB) AuditLog(ctx context.Context, limit int) ([]AuditEvent, error) {
	if err := db.Require(ctx, PermAudit); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = -1
	}
	rows, err := db.r.QueryContext(ctx, `SELECT id, at, actor, action, subject_id, details, basis FROM audit_events ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEvent
	for rows.Next() {
		var e AuditEvent
		var at int64
		var d string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.SubjectID, &d, &e.Basis); err != nil {
			return nil, fmt.Errorf("store: audit log: %w", err)
		}
		e.At = time.Unix(at, 0)
		json.Unmarshal([]byte(d), &e.Details)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	return out, nil
}

// AuditFilter narrows the audit log. Zero fields do not narrow it.
type AuditFilter struct {
	Actor    Actor     // who: "staff:3", "retention", "cli"…
	Kind     string    // the action's kind, the part before its dot: "client", "booking", "staff"…
	From, To time.Time // events at or after From, before To
	Client   int64     // events about this client's card, bookings, payments and invoices
}

// AuditEvents returns a page of the audit log, newest first: the events
// from offset on that f keeps, at most limit.
func (db *DB) AuditEvents(ctx context.Context, f AuditFilter, offset, limit int) ([]AuditEvent, error) {
	if err := db.Require(ctx, PermAudit); err != nil {
		return nil, err
	}
	where, args := []string{"1"}, []any{}
	if f.Actor != "" {
		where, args = append(where, "actor = ?"), append(args, string(f.Actor))
	}
	if f.Kind != "" {
		where, args = append(where, "action LIKE ? ESCAPE '\\'"), append(args, escapeLike(f.Kind)+".%")
	}
	if !f.From.IsZero() {
		where, args = append(where, "at >= ?"), append(args, f.From.Unix())
	}
	if !f.To.IsZero() {
		where, args = append(where, "at < ?"), append(args, f.To.Unix())
	}
	if f.Client != 0 {
		where = append(where, `((subject_id = ? AND (action LIKE 'client.%' OR action LIKE 'consent.%' OR action = 'booking.cancel_upcoming'))
		OR (action IN ('booking.create', 'booking.update', 'booking.checkout', 'booking.cancel') AND subject_id IN (SELECT id FROM bookings WHERE client_id = ?))
		OR (action LIKE 'payment.%' AND subject_id IN (SELECT id FROM payments WHERE client_id = ?))
		OR (action LIKE 'invoice.%' AND subject_id IN (SELECT id FROM invoices WHERE client_id = ?))
		OR (action LIKE 'request.%' AND subject_id IN (SELECT id FROM privacy_requests WHERE client_id = ?)))`)
		args = append(args, f.Client, f.Client, f.Client, f.Client, f.Client)
	}
	if limit <= 0 {
		limit = -1
	}
	args = append(args, limit, max(offset, 0))
	return queryAll(ctx, db.r, `SELECT id, at, actor, action, subject_id, details, basis FROM audit_events WHERE `+
		strings.Join(where, " AND ")+` ORDER BY id DESC LIMIT ? OFFSET ?`, args, scanAuditEvent)
}

// AuditActors lists everyone the audit log names, for a filter.
func (db *DB) AuditActors(ctx context.Context) ([]Actor, error) {
	if err := db.Require(ctx, PermAudit); err != nil {
		return nil, err
	}
	return queryAll(ctx, db.r, `SELECT DISTINCT actor FROM audit_events ORDER BY actor`, nil, func(r scanner) (Actor, error) {
		var a Actor
		return a, r.Scan(&a)
	})
}

func scanAuditEvent(r scanner) (AuditEvent, error) {
	var e AuditEvent
	var at int64
	var d string
	err := r.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.SubjectID, &d, &e.Basis)
	e.At = time.Unix(at, 0)
	json.Unmarshal([]byte(d), &e.Details)
	return e, err
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
