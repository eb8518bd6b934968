package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Draft is the unsaved content of a form that the app keeps across an
// auto-lock, so that locking loses nothing typed: encrypted like
// everything in the file, and deleted with the client it is about when
// they are forgotten.
type Draft struct {
	Key      string // which form: chosen by the app, such as "client:12" or "new-client"
	ClientID int64  // the client it is about; 0: none
	Data     []byte // the form's content, in the app's own encoding
	Saved    time.Time
}

// SaveDraft keeps a draft, replacing any draft with the same key. A zero
// Saved means now. A draft about a missing or anonymized client is refused.
// Drafts are app state, not salon records: they are not audited.
func (db *DB) SaveDraft(ctx context.Context, d Draft) error {
	key, err := text("key", d.Key, limitShort, true)
	if err != nil {
		return err
	}
	if d.Saved.IsZero() {
		d.Saved = db.now()
	}
	if d.Data == nil {
		d.Data = []byte{}
	}
	var client any
	if d.ClientID != 0 {
		client = d.ClientID
	}
	return db.unaudited(ctx, "save draft", func(tx *sql.Tx) error {
		if d.ClientID != 0 {
			if err := checkLive(ctx, tx, d.ClientID); err != nil {
				return fieldErr("client", err)
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO drafts (key, client_id, data, saved_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET client_id = excluded.client_id, data = excluded.data, saved_at = excluded.saved_at`,
			key, client, d.Data, d.Saved.Unix())
		if err != nil {
			return fmt.Errorf("store: save draft: %w", err)
		}
		return nil
	})
}

// Drafts returns every draft, oldest first.
func (db *DB) Drafts(ctx context.Context) ([]Draft, error) {
	return queryAll(ctx, db.r, `SELECT key, coalesce(client_id, 0), data, saved_at FROM drafts ORDER BY saved_at, key`, nil,
		func(r scanner) (Draft, error) {
			var d Draft
			var at int64
			err := r.Scan(&d.Key, &d.ClientID, &d.Data, &at)
			d.Saved = time.Unix(at, 0)
			return d, err
		})
}

// DeleteDraft deletes the draft with key; deleting one that is not there
// is not an error. Not audited, as SaveDraft.
func (db *DB) DeleteDraft(ctx context.Context, key string) error {
	return db.unaudited(ctx, "delete draft", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM drafts WHERE key = ?`, key); err != nil {
			return fmt.Errorf("store: delete draft: %w", err)
		}
		return nil
	})
}

// DeleteDrafts deletes every draft. Not audited, as SaveDraft.
func (db *DB) DeleteDrafts(ctx context.Context) error {
	return db.unaudited(ctx, "delete drafts", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM drafts`); err != nil {
			return fmt.Errorf("store: delete drafts: %w", err)
		}
		return nil
	})
}

// unaudited runs fn in one write transaction with no audit event: only for
// the app's own state, never for salon records. fn wraps its own errors.
func (db *DB) unaudited(ctx context.Context, what string, fn func(tx *sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	return nil
}
