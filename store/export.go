package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Export formats.
const (
	FormatPDF  = "pdf"
	FormatJSON = "json"
)

// ExportFile is a file the app wrote with a client's personal data.
type ExportFile struct {
	ID       int64
	ClientID int64
	Format   string // FormatPDF or FormatJSON
	Path     string
	At       time.Time
}

// RecordExport remembers the files just written for a client and records
// one audit event with how many of each format (never a path or a name).
func (db *DB) RecordExport(ctx context.Context, clientID int64, files []ExportFile) error {
	details := map[string]int{}
	for _, f := range files {
		details[f.Format]++
	}
	return db.write(ctx, "client.export", func(tx *sql.Tx) (int64, map[string]int, error) {
		if err := checkLive(ctx, tx, clientID); err != nil {
			return 0, nil, err
		}
		for _, f := range files {
			if err := oneOf("format", f.Format, FormatPDF, FormatJSON); err != nil {
				return 0, nil, err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO export_files (client_id, format, path, written_at) VALUES (?, ?, ?, ?)`,
				clientID, f.Format, f.Path, db.now().Unix()); err != nil {
				return 0, nil, fmt.Errorf("store: record export: %w", err)
			}
		}
		return clientID, details, nil
	})
}

// ExportFiles lists the files the app wrote for a client, newest first.
func (db *DB) ExportFiles(ctx context.Context, clientID int64) ([]ExportFile, error) {
	if err := db.Require(ctx, PermExport); err != nil {
		return nil, err
	}
	return queryAll(ctx, db.r, `SELECT id, client_id, format, path, written_at FROM export_files WHERE client_id = ? ORDER BY id DESC`,
		[]any{clientID}, func(r scanner) (ExportFile, error) {
			var f ExportFile
			var at int64
			err := r.Scan(&f.ID, &f.ClientID, &f.Format, &f.Path, &at)
			f.At = time.Unix(at, 0)
			return f, err
		})
}

// ClientAudit returns the audit events about a client, oldest first: those
// about the card itself and its consents, and those about the client's
// bookings, payments and invoices.
func (db *DB) ClientAudit(ctx context.Context, clientID int64) ([]AuditEvent, error) {
	if err := db.Require(ctx, PermAudit); err != nil {
		return nil, err
	}
	return queryAll(ctx, db.r, `SELECT id, at, actor, action, subject_id, details, basis FROM audit_events WHERE
		(subject_id = ? AND (action LIKE 'client.%' OR action LIKE 'consent.%' OR action = 'booking.cancel_upcoming'))
		OR (action IN ('booking.create', 'booking.update', 'booking.checkout', 'booking.cancel') AND subject_id IN (SELECT id FROM bookings WHERE client_id = ?))
		OR (action LIKE 'payment.%' AND subject_id IN (SELECT id FROM payments WHERE client_id = ?))
		OR (action LIKE 'invoice.%' AND subject_id IN (SELECT id FROM invoices WHERE client_id = ?))
		ORDER BY id`, []any{clientID, clientID, clientID, clientID}, func(r scanner) (AuditEvent, error) {
		var e AuditEvent
		var at int64
		var d string
		err := r.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.SubjectID, &d, &e.Basis)
		e.At = time.Unix(at, 0)
		json.Unmarshal([]byte(d), &e.Details)
		return e, err
	})
}

// Audited list exports: [DB.RecordListExport] takes one of these.
const (
	ListMailing = "mailing_list.export" // a mailing list of the clients who consent to marketing
	ListClients = "client_list.export"  // the client list, for the owner's own records
)

// RecordListExport records in the audit log that a list of many clients
// was written to a file: which list and counts (how many clients, by
// channel), never a name or a path. The person acting needs export.
func (db *DB) RecordListExport(ctx context.Context, list string, counts map[string]int) error {
	record := func(tx *sql.Tx) (int64, map[string]int, error) { return 0, counts, nil }
	switch list { // the actions as literals, as every other write's
	case ListMailing:
		return db.write(ctx, "mailing_list.export", record)
	case ListClients:
		return db.write(ctx, "client_list.export", record)
	}
	return oneOf("list", list, ListMailing, ListClients)
}

// CurrentConsentsOf is the marketing and health consents in force of every
// client with any consent history: client → kind → given (the newest
// record of each kind). One read, for a list of many clients.
func (db *DB) CurrentConsentsOf(ctx context.Context) (map[int64]map[string]bool, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT client_id, kind, given FROM consents ORDER BY client_id, kind, at, id`)
	if err != nil {
		return nil, fmt.Errorf("store: consents: %w", err)
	}
	defer rows.Close()
	out := map[int64]map[string]bool{}
	for rows.Next() {
		var id int64
		var kind string
		var given bool
		if err := rows.Scan(&id, &kind, &given); err != nil {
			return nil, fmt.Errorf("store: consents: %w", err)
		}
		if out[id] == nil {
			out[id] = map[string]bool{}
		}
		out[id][kind] = given // the newest comes last
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: consents: %w", err)
	}
	return out, nil
}
