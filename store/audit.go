package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
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
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// audit appends an event through ex (a transaction or the writer).
func (db *DB) audit(ctx context.Context, ex execer, action string, subject int64, details map[string]int) error {
	d := []byte("{}")
	if len(details) > 0 {
		d, _ = json.Marshal(details)
	}
	_, err := ex.ExecContext(ctx, `INSERT INTO audit_events (at, actor, action, subject_id, details) VALUES (?, ?, ?, ?, ?)`,
		db.now().Unix(), string(actorOf(ctx)), action, subject, string(d))
	if err != nil {
		return fmt.Errorf("store: audit %s: %w", action, err)
	}
	return nil
}

// write runs fn in one write transaction and records its audit event in the
// same transaction: either both land or neither does.
func (db *DB) write(ctx context.Context, action string, fn func(tx *sql.Tx) (subject int64, details map[string]int, err error)) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %s: %w", action, err)
	}
	defer tx.Rollback()
	subject, details, err := fn(tx)
	if err != nil {
		return err
	}
	if err := db.audit(ctx, tx, action, subject, details); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %s: %w", action, err)
	}
	return nil
}

// AuditLog returns the audit events, newest first, at most limit (0: all).
func (db *DB) AuditLog(ctx context.Context, limit int) ([]AuditEvent, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := db.r.QueryContext(ctx, `SELECT id, at, actor, action, subject_id, details FROM audit_events ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEvent
	for rows.Next() {
		var e AuditEvent
		var at int64
		var d string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.SubjectID, &d); err != nil {
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
