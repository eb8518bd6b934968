package store_test

import (
	"context"
	"testing"
	"time"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// A card's last visit is the start of its latest completed booking through
// every change of the bookings: new, completed, moved, no longer completed,
// removed by retention.
func TestLastVisitFollowsBookings(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	day := func(d int) time.Time { return time.Date(2025, 3, d, 9, 0, 0, 0, time.UTC) }
	book := func(d int, status string) int64 {
		t.Helper()
		id, err := f.DB.CreateBooking(ctx, store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service, Start: day(d), Status: status})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	var first, later, moved int64
	for _, step := range []struct {
		name string
		do   func() error
		want time.Time // zero: never seen
	}{
		{"no bookings", func() error { return nil }, time.Time{}},
		{"a booked visit", func() error { book(4, store.StatusBooked); return nil }, time.Time{}},
		{"a completed visit", func() error { first = book(2, store.StatusCompleted); return nil }, day(2)},
		{"an older completed visit", func() error { book(1, store.StatusCompleted); return nil }, day(2)},
		{"a later visit completed", func() error {
			later = book(9, store.StatusBooked)
			return f.DB.SetBookingStatus(ctx, later, store.StatusCompleted)
		}, day(9)},
		{"the later visit moved", func() error {
			b, err := f.DB.Booking(ctx, later)
			if err != nil {
				return err
			}
			price := b.Price.Minor
			moved = later
			return f.DB.UpdateBooking(ctx, later, store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service,
				Start: day(7), Status: store.StatusCompleted, Price: &price})
		}, day(7)},
		{"the later visit a no-show", func() error { return f.DB.SetBookingStatus(ctx, moved, store.StatusNoShow) }, day(2)},
		{"the last visit retired", func() error { _, _, err := f.DB.RetireBookings(ctx, []int64{first}); return err }, day(1)},
	} {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		c, err := f.DB.Client(ctx, f.ClientID)
		if err != nil {
			t.Fatal(err)
		}
		if !c.LastVisit.Equal(step.want) {
			t.Errorf("%s: last visit %v, want %v", step.name, c.LastVisit, step.want)
		}
	}
}
