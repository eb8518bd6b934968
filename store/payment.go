package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Payment methods.
var Methods = []string{"cash", "card", "transfer"}

// Payment is an accounting record; it survives forgetting the client.
type Payment struct {
	ID        int64
	ClientID  int64
	BookingID int64 // 0 when not tied to a booking
	Amount    Money
	Method    string
	At        time.Time
	Notes     string
}

// ErrRefundTooLarge refuses a refund (a negative payment) of more than the
// client, or the booking, has paid.
var ErrRefundTooLarge = errors.New("a refund cannot be more than was paid")

// PaymentInput records money taken. A zero At means now.
type PaymentInput struct {
	ClientID, BookingID int64
	Amount              int64 // minor units of the salon's currency; negative for a refund of at most what was paid
	Method              string
	At                  time.Time
	Notes               string
}

// CreatePayment records a payment and returns its ID.
func (db *DB) CreatePayment(ctx context.Context, in PaymentInput) (int64, error) {
	return db.one(ctx, "payment.create", func(b *Batch) (int64, error) { return b.CreatePayment(in) })
}

// CreatePayment records a payment and returns its ID.
func (b *Batch) CreatePayment(in PaymentInput) (int64, error) {
	var err error
	if in.Amount == 0 {
		return 0, fieldErr("amount", ErrInvalidAmount)
	}
	if in.Method == "" {
		in.Method = "card"
	}
	if err := oneOf("method", in.Method, Methods...); err != nil {
		return 0, err
	}
	if in.At.IsZero() {
		in.At = b.clock()
	}
	if err := checkTime("at", in.At); err != nil {
		return 0, err
	}
	if in.Notes, err = text("notes", in.Notes, limitNotes, false); err != nil {
		return 0, err
	}
	if err := checkLive(b.ctx, b.stmts, in.ClientID); err != nil {
		return 0, fieldErr("client", err)
	}
	var booking any
	if in.BookingID != 0 {
		var owner int64
		err := b.stmts.QueryRowContext(b.ctx, `SELECT client_id FROM bookings WHERE id = ?`, in.BookingID).Scan(&owner)
		if err != nil || owner != in.ClientID {
			return 0, fieldErr("booking", ErrNotFound)
		}
		booking = in.BookingID
	}
	if in.Amount < 0 {
		// A refund gives back what was paid: never more than the client
		// (or, for a booking, the booking) has paid so far.
		var paid int64
		err := b.stmts.QueryRowContext(b.ctx, `SELECT coalesce(sum(amount), 0) FROM payments WHERE client_id = ? AND (? IS NULL OR booking_id = ?)`,
			in.ClientID, booking, booking).Scan(&paid)
		if err != nil {
			return 0, fmt.Errorf("store: create payment: %w", err)
		}
		if -in.Amount > paid {
			return 0, fieldErr("amount", ErrRefundTooLarge)
		}
	}
	res, err := b.stmts.ExecContext(b.ctx, `INSERT INTO payments (client_id, booking_id, amount, currency, method, at, notes) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		in.ClientID, booking, in.Amount, b.salon.Currency, in.Method, in.At.Unix(), in.Notes)
	if err != nil {
		return 0, fmt.Errorf("store: create payment: %w", err)
	}
	if in.BookingID != 0 {
		if _, err := b.stmts.ExecContext(b.ctx, `UPDATE bookings SET paid = 1 WHERE id = ? AND paid = 0`, in.BookingID); err != nil {
			return 0, fmt.Errorf("store: create payment: %w", err)
		}
	}
	b.count("payments")
	return res.LastInsertId()
}

// ClientPayments returns a client's payments, newest first.
func (db *DB) ClientPayments(ctx context.Context, clientID int64) ([]Payment, error) {
	if err := db.Require(ctx, PermPaymentsView); err != nil {
		return nil, err
	}
	return queryAll(ctx, db.prepared(), `SELECT id, client_id, coalesce(booking_id, 0), amount, currency, method, at, notes FROM payments WHERE client_id = ? ORDER BY at DESC, id DESC`,
		[]any{clientID}, func(r scanner) (Payment, error) {
			var p Payment
			var at int64
			err := r.Scan(&p.ID, &p.ClientID, &p.BookingID, &p.Amount.Minor, &p.Amount.Currency, &p.Method, &at, &p.Notes)
			p.At = time.Unix(at, 0)
			return p, err
		})
}
