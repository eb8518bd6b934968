package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrCancelledBooking refuses to check out a booking that was cancelled.
var ErrCancelledBooking = errors.New("a cancelled booking cannot be checked out")

// CheckOut takes payment for a booking and marks it completed, in one
// transaction: a crash never leaves a payment without its visit, or the
// reverse. The payment's client is the booking's; a zero At means now.
// It returns the payment's ID.
// Its audit event is about the booking.
func (db *DB) CheckOut(ctx context.Context, bookingID int64, in PaymentInput) (int64, error) {
	var paymentID int64
	err := db.write(ctx, "booking.checkout", func(tx *sql.Tx) (int64, map[string]int, error) {
		b, err := db.newBatch(ctx, tx)
		if err != nil {
			return 0, nil, err
		}
		var status string
		err = tx.QueryRowContext(ctx, `SELECT client_id, status FROM bookings WHERE id = ?`, bookingID).Scan(&in.ClientID, &status)
		if err != nil {
			return 0, nil, fieldErr("booking", notFound(err, "booking", bookingID))
		}
		if status == StatusCancelled {
			return 0, nil, fieldErr("booking", ErrCancelledBooking)
		}
		in.BookingID = bookingID
		if paymentID, err = b.CreatePayment(in); err != nil {
			return 0, nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE bookings SET status = ? WHERE id = ?`, StatusCompleted, bookingID); err != nil {
			return 0, nil, fmt.Errorf("store: check out booking %d: %w", bookingID, err)
		}
		return bookingID, map[string]int{"payments": 1}, nil
	})
	return paymentID, err
}
