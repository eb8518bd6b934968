package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// TestGrantKept: a person's grant is read once and kept — a stylist's
// search asks for it at every keystroke — until the staff change: a
// permission, leaving, a sign-in (every switch of person). A grant that
// needs reading shows itself here by failing with a cancelled context.
func TestGrantKept(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	owner, _ := db.CreateStaff(ctx, store.Staff{Name: "Właścicielka", Role: "owner"})
	stylist, _ := db.CreateStaff(ctx, store.Staff{Name: "Stylistka", Role: "stylist"})
	if err := db.SetPIN(ctx, owner, "1234"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetPIN(ctx, stylist, "5678"); err != nil {
		t.Fatal(err)
	}
	as := store.ActAs(ctx, stylist)
	cancelled, cancel := context.WithCancel(as)
	cancel()
	kept := func(what string) store.Grant {
		t.Helper()
		g, err := db.Grant(cancelled)
		if err != nil {
			t.Fatalf("%s: the grant is read again: %v", what, err)
		}
		return g
	}
	readAgain := func(what string) {
		t.Helper()
		if _, err := db.Grant(cancelled); !errors.Is(err, context.Canceled) {
			t.Fatalf("%s: the grant kept is still used (%v)", what, err)
		}
	}

	g, err := db.Grant(as)
	if err != nil || !g.Has(store.PermBook) {
		t.Fatalf("the stylist's grant: %+v, %v", g, err)
	}
	if !kept("after the first read").Has(store.PermBook) {
		t.Fatal("the grant kept is not the one read")
	}
	// Searching (the grant and today's clients) does not drop it.
	if _, err := db.SearchClients(as, "anna", 10); err != nil {
		t.Fatal(err)
	}
	kept("after a search")

	// The owner takes booking away: the stylist's next act knows at once.
	if err := db.SetPermissions(store.ActAs(ctx, owner), stylist, []store.Permission{store.PermClientsToday}); err != nil {
		t.Fatal(err)
	}
	readAgain("after a change of permissions")
	if g, _ := db.Grant(as); g.Has(store.PermBook) {
		t.Error("the permission taken away is still granted")
	}
	if _, err := db.CreateBooking(as, store.BookingInput{}); !errors.Is(err, store.ErrNotPermitted) {
		t.Errorf("booking without the permission: %v, want ErrNotPermitted", err)
	}
	kept("read again")

	// A switch of person (a sign-in) drops it too.
	if err := db.CheckPIN(ctx, owner, "1234"); err != nil {
		t.Fatal(err)
	}
	readAgain("after a sign-in")

	// So does leaving: nothing is granted any more.
	db.Grant(as)
	if err := db.UpdateStaff(store.ActAs(ctx, owner), store.Staff{ID: stylist, Name: "Stylistka", Role: "stylist", Active: false}); err != nil {
		t.Fatal(err)
	}
	readAgain("after leaving")
	if g, _ := db.Grant(as); g.Has(store.PermClientsToday) || g.SeesClients() {
		t.Errorf("someone who left is still granted: %+v", g)
	}
}

// TestTodayKept: the clients booked today, which a stylist's every search
// screens by, are read once and kept until anything is written (a booking
// made or cancelled) — or the day ends.
func TestTodayKept(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2026, 12, 2, 9, 0, 0, 0, time.Local)
	now := day
	db, _ := storetest.Create(t, store.Options{Now: func() time.Time { return now }})
	stylist, _ := db.CreateStaff(ctx, store.Staff{Name: "Stylistka", Role: "stylist"})
	svc, _ := db.CreateService(ctx, store.Service{Name: "Cięcie", Minutes: 30, Price: store.Money{Minor: 5000}})
	anna, _ := db.CreateClient(ctx, store.ClientInput{FirstName: "Anna", LastName: "Dzisiejsza"})
	beata, _ := db.CreateClient(ctx, store.ClientInput{FirstName: "Beata", LastName: "Jutrzejsza"})
	if _, err := db.CreateBooking(ctx, store.BookingInput{ClientID: anna, StaffID: stylist, ServiceID: svc, Start: day.Add(3 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	as := store.ActAs(ctx, stylist)
	cancelled, cancel := context.WithCancel(as)
	cancel()
	count := func(c context.Context) (int, error) { return db.LiveClientCount(c) }

	if n, err := count(as); err != nil || n != 1 {
		t.Fatalf("today's clients: %d, %v; want 1", n, err)
	}
	if n, err := count(cancelled); err != nil || n != 1 {
		t.Fatalf("today's clients are read again: %d, %v", n, err)
	}
	// A booking for Beata today: the next count knows.
	b, err := db.CreateBooking(ctx, store.BookingInput{ClientID: beata, StaffID: stylist, ServiceID: svc, Start: day.Add(5 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := count(cancelled); !errors.Is(err, context.Canceled) {
		t.Fatalf("after a booking, the list kept is still used (%v)", err)
	}
	if n, _ := count(as); n != 2 {
		t.Errorf("after Beata's booking: %d clients today, want 2", n)
	}
	// Cancelled: gone again.
	if err := db.CancelBooking(ctx, b, ""); err != nil {
		t.Fatal(err)
	}
	if n, _ := count(as); n != 1 {
		t.Errorf("after the cancellation: %d clients today, want 1", n)
	}
	// The next day the list is read again: no one is booked.
	now = day.AddDate(0, 0, 1)
	if n, _ := count(as); n != 0 {
		t.Errorf("the next day: %d clients today, want 0", n)
	}
}
