package store_test

import (
	"context"
	"errors"
	"testing"

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
