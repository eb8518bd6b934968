package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrNotBooked refuses to cancel a visit that already took place or was
// missed: only a booked one can be cancelled.
var ErrNotBooked = errors.New("only a booked visit can be cancelled")

// CancelBooking cancels a booked booking. The reason, if any, is added to
// the booking's notes on a line of its own (it is free text about a
// person, so it lives in the notes, which forgetting clears, never in the
// audit); the notes must stay within their limit. A booking already
// cancelled is left as it is and nothing is written; a completed or no-show
// one is refused with [ErrNotBooked]. Cancelling is a change of status, so
// a restricted client's booking needs no Art. 18(2) basis.
func (db *DB) CancelBooking(ctx context.Context, id int64, reason string) error {
	reason, err := text("reason", reason, limitShort, false)
	if err != nil {
		return err
	}
	return db.write(ctx, "booking.cancel", func(tx *sql.Tx) (int64, map[string]int, error) {
		var client int64
		var status, notes string
		err := tx.QueryRowContext(ctx, `SELECT client_id, status, notes FROM bookings WHERE id = ?`, id).Scan(&client, &status, &notes)
		if err != nil {
			return 0, nil, notFound(err, "booking", id)
		}
		switch status {
		case StatusCancelled:
			return 0, nil, errUnchanged
		case StatusBooked:
		default:
			return 0, nil, fmt.Errorf("store: booking %d: %w", id, ErrNotBooked)
		}
		if err := checkLive(ctx, tx, client); err != nil {
			return 0, nil, err
		}
		if reason != "" {
			if notes != "" {
				notes += "\n"
			}
			notes += reason
			if utf8.RuneCountInString(notes) > limitNotes {
				return 0, nil, fieldErr("reason", ErrTooLong)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE bookings SET status = ?, notes = ? WHERE id = ?`, StatusCancelled, notes, id); err != nil {
			return 0, nil, fmt.Errorf("store: cancel booking %d: %w", id, err)
		}
		return id, nil, nil
	})
}
