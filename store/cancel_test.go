package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

func TestCancelBooking(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	start := time.Date(2026, 6, 1, 9, 0, 0, 0, time.Local)
	book := func(i int, status, notes string) int64 {
		t.Helper()
		id, err := f.DB.CreateBooking(ctx, store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service,
			Start: start.AddDate(0, 0, i), Status: status, Notes: notes})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	cases := []struct {
		name      string
		status    string
		notes     string
		reason    string
		err       error
		wantNotes string
		audited   bool
	}{
		{"booked, with a reason", store.StatusBooked, "fringe only", "  she is ill ", nil, "fringe only\nshe is ill", true},
		{"booked, no notes yet", store.StatusBooked, "", "moved abroad", nil, "moved abroad", true},
		{"booked, no reason", store.StatusBooked, "fringe only", "", nil, "fringe only", true},
		{"already cancelled", store.StatusCancelled, "rain", "again", nil, "rain", false},
		{"completed", store.StatusCompleted, "", "", store.ErrNotBooked, "", false},
		{"no-show", store.StatusNoShow, "", "too late", store.ErrNotBooked, "", false},
		{"notes would grow too long", store.StatusBooked, strings.Repeat("x", 9990), "a reason of some length", store.ErrTooLong, strings.Repeat("x", 9990), false},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := book(i, c.status, c.notes)
			events, _ := f.DB.AuditLog(ctx, 0)
			err := f.DB.CancelBooking(ctx, id, c.reason)
			if !errors.Is(err, c.err) {
				t.Fatalf("err = %v, want %v", err, c.err)
			}
			b, _ := f.DB.Booking(ctx, id)
			if c.err == nil && b.Status != store.StatusCancelled || c.err != nil && b.Status != c.status {
				t.Errorf("status = %s", b.Status)
			}
			if c.err == nil || c.err == store.ErrTooLong {
				if b.Notes != c.wantNotes {
					t.Errorf("notes = %q, want %q", b.Notes, c.wantNotes)
				}
			}
			after, _ := f.DB.AuditLog(ctx, 0)
			if audited := len(after) > len(events); audited != c.audited {
				t.Errorf("audited = %v, want %v", audited, c.audited)
			}
			if c.audited && (after[0].Action != "booking.cancel" || after[0].SubjectID != id || len(after[0].Details) != 0) {
				t.Errorf("audit event = %+v", after[0])
			}
		})
	}
	if err := f.DB.CancelBooking(ctx, 999, ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("cancel a missing booking: %v", err)
	}
	// A restricted client's booking is cancelled without a basis.
	id := book(20, store.StatusBooked, "")
	if err := f.DB.SetRestriction(ctx, f.ClientID, true, "objection"); err != nil {
		t.Fatal(err)
	}
	if err := f.DB.CancelBooking(ctx, id, "the client asked"); err != nil {
		t.Errorf("cancel a restricted client's booking: %v", err)
	}
}
