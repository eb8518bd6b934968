package store

import (
	"context"
	"errors"
	"fmt"
)

// ErrCancelledBooking refuses to check out a booking that was cancelled.
var ErrCancelledBooking = errors.New("a cancelled booking cannot be checked out")

// CheckOut takes payment for a booking and marks it completed, in one
// transaction: a crash never leaves a payment without its visit, or the
// reverse. The payment's client is the booking's; a zero At means now.
// It returns the payment's ID.
func (db *DB) CheckOut(ctx context.Context, bookingID int64, in PaymentInput) (int64, error) {
	return db.one(ctx, "booking.checkout", func(b *Batch) (int64, error) {
		var status string
		err := b.tx.QueryRowContext(b.ctx, `SELECT client_id, status FROM bookings WHERE id = ?`, bookingID).Scan(&in.ClientID, &status)
		if err != nil {
			return 0, fieldErr("booking", notFound(err, "booking", bookingID))
		}
		if status == StatusCancelled {
			return 0, fieldErr("booking", ErrCancelledBooking)
		}
		in.BookingID = bookingID
		id, err := b.CreatePayment(in)
		if err != nil {
			return 0, err
		}
		if _, err := b.tx.ExecContext(b.ctx, `UPDATE bookings SET status = ? WHERE id = ?`, StatusCompleted, bookingID); err != nil {
			return 0, fmt.Errorf("store: check out booking %d: %w", bookingID, err)
		}
		return id, nil
	})
}
