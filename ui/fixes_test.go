package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kartoteka/store"
)

// TestWindowFitsSmallScreen: the window opens at a size that fits a 1024×600
// screen, and no section needs more room than that.
func TestWindowFitsSmallScreen(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	tm := h.makeTeam()
	sh := h.unlock()
	if size := h.u.win.Canvas().Size(); size.Width > 1024 || size.Height > 600-60 {
		t.Errorf("the window opens at %v", size)
	}
	check := func(what string) {
		t.Helper()
		if m := h.u.win.Content().MinSize(); m.Width > defaultWidth || m.Height > defaultHeight {
			t.Errorf("%s needs %v, more than the window's %dx%d", what, m, defaultWidth, defaultHeight)
		}
	}
	for _, s := range sh.sections {
		sh.select_(s.id)
		check(s.id)
	}
	sh.showClientCard(tm.zofia)
	h.waitFor("the card", func() bool { return sh.card.loaded })
	check("the client card")
	sh.onNew()
	check("the new-client form")
	sh.select_(sectionCalendar)
	h.waitFor("the calendar", func() bool { return sh.calendar.loaded })
	h.tapSlot(sh.calendar, 0, 0, 10*time.Hour)
	check("the calendar with the booking form")
}

// TestBirthDateAsTyped: a birth date is typed and shown as every other date
// of the language is, and kept as the store keeps dates.
func TestBirthDateAsTyped(t *testing.T) {
	h := newHarness(t)
	h.u.useLanguage("pl")
	h.makeSalon()
	sh := h.unlock()
	sh.onNew()
	v := sh.newClient
	if got := v.form.field("birth_date").entry.PlaceHolder; got != "DD.MM.RRRR" && got != "DD.MM.YYYY" {
		t.Errorf("placeholder %q", got)
	}
	test.Type(v.form.field("first_name").entry, "Ida")
	test.Type(v.form.field("last_name").entry, "Wąs")
	test.Type(v.form.field("birth_date").entry, "17.05.85")
	test.Tap(v.save)
	h.waitFor("the card", func() bool { return sh.card != nil && sh.card.loaded })
	if got := sh.card.client.BirthDate; got != "1985-05-17" {
		t.Errorf("kept as %q, want 1985-05-17", got)
	}
	if got := sh.card.form.field("birth_date").entry.Text; got != "17.05.1985" {
		t.Errorf("shown as %q, want 17.05.1985", got)
	}
	if !sh.card.saved.Visible() {
		t.Error("the new card does not say it was saved")
	}
	sh.card.form.field("birth_date").entry.SetText("31.02.1985")
	test.Tap(sh.card.save)
	msg := sh.card.form.field("birth_date").err
	h.waitFor("the refusal", func() bool { return visibleText(msg) != "" })
	mustContain(t, "message", msg.Text, "17.05.1990")
}

// TestUpcomingOnlyBooked: the card's upcoming bookings are the visits still
// to come; a cancelled future booking is listed with the past ones.
func TestUpcomingOnlyBooked(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	tm := h.makeTeam()
	db, err := store.Open(context.Background(), h.u.cfg.Path, testPassphrase, store.Options{KDF: store.CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	tomorrow := midnight(testNow).AddDate(0, 0, 1).Add(10 * time.Hour)
	for i, status := range []string{store.StatusBooked, store.StatusCancelled} {
		if _, err := db.CreateBooking(context.Background(), store.BookingInput{ClientID: tm.zofia, StaffID: tm.anna, ServiceID: tm.cut,
			Start: tomorrow.Add(time.Duration(i) * 2 * time.Hour), Status: status}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	sh := h.unlock()
	sh.showClientCard(tm.zofia)
	h.waitFor("the card", func() bool { return sh.card.loaded })
	if n := len(sh.card.upcoming.Objects); n != 1 {
		t.Errorf("%d upcoming bookings, want the booked one only", n)
	}
	if n := len(sh.card.past.Objects); n != 1 {
		t.Errorf("%d past and cancelled, want the cancelled one", n)
	}
}

func TestBirthISO(t *testing.T) {
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.Local)
	for in, want := range map[string]string{
		"17.05.1990": "1990-05-17", "17.05.85": "1985-05-17", "17.05.05": "2005-05-17",
		"1990-05-17": "1990-05-17", "2062-05-17": "2062-05-17", // a future year typed in full: the store refuses it
		"31.02.1990": "31.02.1990", // no such day: the store refuses it as typed
	} {
		if got := birthISO(in, now); got != want {
			t.Errorf("birthISO(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNextBookable(t *testing.T) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.Local)
	for _, c := range []struct{ now, want time.Duration }{
		{6*time.Hour + 20*time.Minute, 8 * time.Hour},
		{10*time.Hour + 5*time.Minute, 10*time.Hour + 15*time.Minute},
		{19*time.Hour + 50*time.Minute, 24*time.Hour + 8*time.Hour},
	} {
		if got := nextBookable(day.Add(c.now)); !got.Equal(day.Add(c.want)) {
			t.Errorf("at %v: %v, want %v", c.now, got, day.Add(c.want))
		}
	}
}
