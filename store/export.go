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
