package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// Issue 16: PINs. The first goes to someone who may manage staff; a right
// PIN is audited under its person; wrong ones in a row make the next try
// wait, then lock; a right one ends the series; leaving removes the PIN.
func TestPINs(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.Local)
	db, _ := storetest.Create(t, store.Options{Now: func() time.Time { return now }})
	owner, _ := db.CreateStaff(ctx, store.Staff{Name: "Właścicielka", Role: "owner"})
	stylist, _ := db.CreateStaff(ctx, store.Staff{Name: "Stylistka", Role: "stylist"})

	if err := db.SetPIN(ctx, stylist, "2468"); !errors.Is(err, store.ErrLastOwner) {
		t.Fatalf("the first PIN to a stylist: %v, want ErrLastOwner", err)
	}
	for _, bad := range []string{"123", "123456789", "12a4", "", "１２３４"} {
		if err := db.SetPIN(ctx, owner, bad); !errors.Is(err, store.ErrPINFormat) {
			t.Errorf("PIN %q: %v, want ErrPINFormat", bad, err)
		}
	}
	if err := db.SetPIN(ctx, owner, "48151623"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetPIN(ctx, stylist, "2468"); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.PeopleWithPINs(ctx); n != 2 {
		t.Errorf("%d people with PINs, want 2", n)
	}
	if err := db.ClearPIN(ctx, owner); !errors.Is(err, store.ErrLastOwner) {
		t.Errorf("clearing the only manager of staff's PIN: %v, want ErrLastOwner", err)
	}

	if err := db.CheckPIN(ctx, stylist, "2468"); err != nil {
		t.Fatalf("the right PIN: %v", err)
	}
	// What cannot be a PIN is said so, and costs no try.
	for _, bad := range []string{"123", "123456789", "24a8", "", "２４６８"} {
		if err := db.CheckPIN(ctx, stylist, bad); !errors.Is(err, store.ErrPINFormat) {
			t.Errorf("PIN %q: %v, want ErrPINFormat", bad, err)
		}
	}
	if ev, _ := db.AuditEvents(ctx, store.AuditFilter{Kind: "staff"}, 0, 1); len(ev) != 1 || ev[0].Action != "staff.sign_in" || ev[0].Actor != store.StaffActor(stylist) {
		t.Errorf("the sign-in's event: %+v", ev)
	}

	for i := 1; i < store.PINLockAfter; i++ {
		err := db.CheckPIN(ctx, stylist, "1111")
		var wait store.PINThrottled
		switch {
		case !errors.Is(err, store.ErrWrongPIN):
			t.Fatalf("wrong PIN %d: %v", i, err)
		case i < store.PINFreeTries && errors.As(err, &wait):
			t.Fatalf("wrong PIN %d asks to wait", i)
		case i >= store.PINFreeTries && (!errors.As(err, &wait) || wait.Wait != store.PINWait(i)):
			t.Fatalf("wrong PIN %d: %v, want a wait of %v", i, err, store.PINWait(i))
		}
		if i >= store.PINFreeTries {
			// Even the right PIN waits, and is not checked.
			if err := db.CheckPIN(ctx, stylist, "2468"); !errors.As(err, &wait) {
				t.Fatalf("the right PIN during the wait: %v", err)
			}
			now = now.Add(store.PINWait(i))
		}
	}
	if err := db.CheckPIN(ctx, stylist, "1111"); !errors.Is(err, store.ErrPINLocked) {
		t.Fatalf("wrong PIN %d: %v, want ErrPINLocked", store.PINLockAfter, err)
	}
	// The passphrase unlock forgives: one wrong PIN after it is one, not
	// another lock; and the right PIN is still the stylist's.
	if err := db.ForgivePINs(ctx); err != nil {
		t.Fatal(err)
	}
	if ev, _ := db.AuditEvents(ctx, store.AuditFilter{Kind: "staff"}, 0, 1); len(ev) != 1 || ev[0].Action != "staff.pins_forgiven" || ev[0].Details["staff"] != 1 {
		t.Errorf("the forgiving's event: %+v", ev)
	}
	if err := db.CheckPIN(ctx, stylist, "1111"); !errors.Is(err, store.ErrWrongPIN) || errors.Is(err, store.ErrPINLocked) || errors.As(err, new(store.PINThrottled)) {
		t.Fatalf("a wrong PIN after the passphrase forgave: %v, want a plain ErrWrongPIN", err)
	}
	if err := db.ForgivePINs(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.ForgivePINs(ctx); err != nil { // nothing left to forgive: no event
		t.Fatal(err)
	}
	if ev, _ := db.AuditEvents(ctx, store.AuditFilter{Kind: "staff"}, 0, 2); len(ev) != 2 || ev[1].Action != "staff.pin_wrong" {
		t.Errorf("forgiving nothing wrote an event: %+v", ev)
	}
	for range store.PINLockAfter - 1 {
		db.CheckPIN(ctx, stylist, "1111")
		now = now.Add(time.Hour)
	}
	if err := db.CheckPIN(ctx, stylist, "1111"); !errors.Is(err, store.ErrPINLocked) {
		t.Fatalf("ten wrong PINs after forgiving: %v, want ErrPINLocked", err)
	}
	if err := db.CheckPIN(ctx, stylist, "2468"); err != nil {
		t.Fatalf("the right PIN after the lock: %v", err)
	}
	if err := db.CheckPIN(ctx, stylist, "1111"); !errors.Is(err, store.ErrWrongPIN) || errors.As(err, new(store.PINThrottled)) {
		t.Errorf("a wrong PIN after a right one starts a new series: %v", err)
	}
	wrong, _ := db.AuditEvents(ctx, store.AuditFilter{Actor: store.StaffActor(stylist), Kind: "staff"}, 0, 0)
	if len(wrong) < store.PINLockAfter || wrong[0].Action != "staff.pin_wrong" || wrong[0].Details["in_a_row"] != 1 {
		t.Errorf("wrong PINs are not audited as such: %+v", wrong[:1])
	}

	if err := db.UpdateStaff(ctx, store.Staff{ID: stylist, Name: "Stylistka", Role: "stylist", Active: false}); err != nil {
		t.Fatal(err)
	}
	if err := db.CheckPIN(ctx, stylist, "2468"); !errors.Is(err, store.ErrNoPIN) {
		t.Errorf("someone who left signs in: %v", err)
	}
	if err := db.UpdateStaff(ctx, store.Staff{ID: stylist, Name: "Stylistka", Role: "stylist", Active: true}); err != nil {
		t.Fatal(err)
	}
	if m, _ := db.StaffMember(ctx, stylist); m.HasPIN {
		t.Error("coming back brought the old PIN back")
	}
	if n, _ := db.PeopleWithPINs(ctx); n != 1 {
		t.Errorf("%d people with PINs, want 1", n)
	}

	// The PIN is nowhere in the file in plain.
	plain := filepath.Join(t.TempDir(), "plain.db")
	if err := db.DecryptedCopy(ctx, plain); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(plain)
	if bytes.Contains(b, []byte("48151623")) {
		t.Error("the owner's PIN is in the file in plain")
	}
}

// TestOwnerForgotPIN: an owner who forgot their PIN sets a new one with
// the salon's passphrase (whoever is acting); a wrong passphrase, a
// stylist or someone who left changes nothing. Audited as the owner's.
func TestOwnerForgotPIN(t *testing.T) {
	ctx := context.Background()
	db, _ := storetest.Create(t, store.Options{})
	pass := storetest.Passphrase
	owner, _ := db.CreateStaff(ctx, store.Staff{Name: "Właścicielka", Role: "owner"})
	stylist, _ := db.CreateStaff(ctx, store.Staff{Name: "Stylistka", Role: "stylist"})
	if err := db.SetPIN(ctx, owner, "1234"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetPIN(ctx, stylist, "5678"); err != nil {
		t.Fatal(err)
	}
	for range 4 {
		db.CheckPIN(ctx, owner, "0000")
	}
	as := store.ActAs(ctx, stylist) // a stylist at the keyboard may not manage staff
	for _, c := range []struct {
		name      string
		id        int64
		pass, pin string
		want      error
	}{
		{"wrong passphrase", owner, pass + "x", "4321", store.ErrWrongPassphrase},
		{"PIN of letters", owner, pass, "43a1", store.ErrPINFormat},
		{"a stylist's PIN", stylist, pass, "4321", store.ErrNotOwner},
		{"no one", 999, pass, "4321", store.ErrNotOwner},
	} {
		if err := db.SetPINWithPassphrase(as, c.id, c.pass, c.pin); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if err := db.CheckPIN(ctx, stylist, "5678"); err != nil {
		t.Errorf("the stylist's PIN changed: %v", err)
	}
	if err := db.SetPINWithPassphrase(as, owner, pass, "4321"); err != nil {
		t.Fatal(err)
	}
	if err := db.CheckPIN(ctx, owner, "1234"); !errors.Is(err, store.ErrWrongPIN) || errors.As(err, new(store.PINThrottled)) {
		t.Errorf("the forgotten PIN: %v, want a plain wrong PIN (the series ended)", err)
	}
	if err := db.CheckPIN(ctx, owner, "4321"); err != nil {
		t.Errorf("the new PIN: %v", err)
	}
	ev, _ := db.AuditEvents(ctx, store.AuditFilter{Kind: "staff"}, 0, 0)
	found := false
	for _, e := range ev {
		if e.Action == "staff.pin" && e.Details["passphrase"] == 1 {
			found = e.Actor == store.StaffActor(owner) && e.SubjectID == owner
		}
	}
	if !found {
		t.Errorf("the new PIN is not audited as the owner's, with the passphrase: %+v", ev)
	}
}
