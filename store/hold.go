package store

import (
	"context"
	"database/sql"
	"fmt"
)

// SetRetentionHold keeps a client out of automatic retention ("keep this
// client"), with the owner's reason, or lets retention weigh them again.
// Retention neither forgets a held client nor removes their bookings;
// forgetting them by hand is not blocked. The reason is required to put a
// hold on; it stays on the card (forgetting clears it) and never reaches
// the audit event (client.retention_hold or client.retention_release). An
// anonymized client is refused with [ErrAnonymized].
func (db *DB) SetRetentionHold(ctx context.Context, id int64, on bool, reason string) error {
	reason, err := text("reason", reason, limitShort, on)
	if err != nil {
		return err
	}
	action := "client.retention_hold"
	if !on {
		action, reason = "client.retention_release", ""
	}
	return db.write(ctx, action, func(tx *sql.Tx) (int64, map[string]int, error) {
		if err := checkLive(ctx, tx, id); err != nil {
			return 0, nil, err
		}
		var at any
		if on {
			at = db.now().Unix()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE clients SET retention_hold = ?, retention_hold_at = ?, updated_at = ? WHERE id = ?`,
			reason, at, db.now().Unix(), id); err != nil {
			return 0, nil, fmt.Errorf("store: retention hold of client %d: %w", id, err)
		}
		return id, nil, nil
	})
}
