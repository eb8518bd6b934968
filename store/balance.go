package store

import (
	"context"
	"fmt"
)

// ClientBalance is what a client owes, in minor units of the salon's
// currency: the price of their completed visits less what they paid.
// Negative means the salon owes them (a prepayment, an overpayment).
func (db *DB) ClientBalance(ctx context.Context, id int64) (int64, error) {
	var owed int64
	err := db.prepared().QueryRowContext(ctx, `SELECT
		(SELECT coalesce(sum(price), 0) FROM bookings WHERE client_id = ?1 AND status = 'completed') -
		(SELECT coalesce(sum(amount), 0) FROM payments WHERE client_id = ?1)`, id).Scan(&owed)
	if err != nil {
		return 0, fmt.Errorf("store: balance of client %d: %w", id, err)
	}
	return owed, nil
}
