package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

func TestCheckOut(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	start := time.Now().Add(-2 * time.Hour).Truncate(time.Minute)
	id, err := f.DB.CreateBooking(ctx, store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service, Start: start})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.DB.CheckOut(ctx, id, store.PaymentInput{Amount: 0, Method: "cash"}); !errors.Is(err, store.ErrInvalidAmount) {
		t.Fatalf("a zero payment: err = %v, want ErrInvalidAmount", err)
	}
	if b, _ := f.DB.Booking(ctx, id); b.Status != store.StatusBooked {
		t.Fatalf("a refused checkout changed the status to %s", b.Status)
	}
	pid, err := f.DB.CheckOut(ctx, id, store.PaymentInput{Amount: 12000, Method: "card"})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := f.DB.Booking(ctx, id); b.Status != store.StatusCompleted {
		t.Errorf("status after checkout = %s, want completed", b.Status)
	}
	ps, err := f.DB.ClientPayments(ctx, f.ClientID)
	if err != nil || len(ps) != 1 {
		t.Fatalf("payments = %v, %v", ps, err)
	}
	if p := ps[0]; p.ID != pid || p.BookingID != id || p.Amount != (store.Money{Minor: 12000, Currency: "PLN"}) || p.Method != "card" {
		t.Errorf("payment = %+v", p)
	}

	other, err := f.DB.CreateBooking(ctx, store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service, Start: start.Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.DB.SetBookingStatus(ctx, other, store.StatusCancelled); err != nil {
		t.Fatal(err)
	}
	if _, err := f.DB.CheckOut(ctx, other, store.PaymentInput{Amount: 12000}); !errors.Is(err, store.ErrCancelledBooking) {
		t.Errorf("checking out a cancelled booking: err = %v", err)
	}
	if _, err := f.DB.CheckOut(ctx, 9999, store.PaymentInput{Amount: 12000}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("checking out a missing booking: err = %v", err)
	}
	if ps, _ := f.DB.ClientPayments(ctx, f.ClientID); len(ps) != 1 {
		t.Errorf("refused checkouts recorded payments: %d", len(ps))
	}
}
