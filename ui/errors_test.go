package ui

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	"fyne.io/fyne/v2/test"

	"kartoteka/privacy"
	"kartoteka/store"
)

// sqliteError stands for the driver's error, which carries SQLite's code.
type sqliteError int

func (e sqliteError) Error() string { return fmt.Sprintf("sqlite error %d", int(e)) }
func (e sqliteError) Code() int     { return int(e) }

// TestErrorMessages: every sentinel the owner can meet reads as a sentence
// of its own, in every language, and never as Go's text.
func TestErrorMessages(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("store: client 5: %w", err) }
	cases := []struct {
		err  error
		want string
	}{
		{wrap(store.ErrNotFound), "no longer there"},
		{wrap(store.ErrAnonymized), "has been forgotten"},
		{&privacy.BlockedError{Rule: privacy.ErrRestricted}, "restricted"},
		{&privacy.BlockedError{Rule: privacy.ErrUpcomingBookings}, "upcoming bookings"},
		{&store.FieldError{Field: "start", Err: store.ErrOverlap}, "already has a booking"},
		{wrap(store.ErrCancelledBooking), "cancelled booking"},
		{store.ErrWrongPassphrase, "Wrong passphrase"},
		{store.ErrBackupDamaged, "damaged or was changed"},
		{privacy.ErrIntegrity, "not whole"},
		{fmt.Errorf("privacy: export: %w", privacy.ErrExportInDataFolder), "choose another one"},
		{&fs.PathError{Op: "open", Path: "/x", Err: syscall.ENOSPC}, "disk is full"},
		{fmt.Errorf("store: commit: %w", sqliteError(13)), "disk is full"},
		{fmt.Errorf("store: read: %w", sqliteError(5)), "busy"},
		{fmt.Errorf("store: read: %w", sqliteError(11)), "damaged"},
		{&fs.PathError{Op: "open", Path: "/x", Err: fs.ErrPermission}, "not allowed"},
		{context.Canceled, "stopped before it finished"},
		{fmt.Errorf("something odd"), "Something unexpected"},
	}
	for _, c := range cases {
		got := errorMessage(c.err)
		if !strings.Contains(got, c.want) {
			t.Errorf("errorMessage(%v) = %q, want it to contain %q", c.err, got, c.want)
		}
		if strings.Contains(got, "store:") || strings.Contains(got, c.err.Error()) {
			t.Errorf("errorMessage(%v) = %q shows Go's text", c.err, got)
		}
	}
	// A Polish, German or Danish owner reads each in their language.
	t.Cleanup(func() { setLanguage("en") })
	for _, code := range []string{"pl", "de", "da"} {
		english := map[error]string{}
		setLanguage("en")
		for _, c := range cases {
			english[c.err] = errorMessage(c.err)
		}
		if err := setLanguage(code); err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			if got := errorMessage(c.err); got == english[c.err] {
				t.Errorf("%s: %q is not translated", code, got)
			}
		}
	}
}

// TestProblemWithDetails: a card that cannot be read says so in the
// owner's words, with the technical text behind Details.
func TestProblemWithDetails(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	sh.openCard(404)
	c := sh.card
	h.waitFor("the refusal", func() bool { return c.problem.Text() != "" })
	mustContain(t, "problem", c.problem.Text(), "The client card could not be loaded. It is no longer there")
	mustContain(t, "the window", shownTexts(h.u.win.Content()), "The client card could not be loaded. It is no longer there")
	if c.problem.details.Visible() {
		t.Error("the technical details show before Details is tapped")
	}
	test.Tap(c.problem.more)
	if !c.problem.details.Visible() || !strings.Contains(c.problem.details.Text, "not found") {
		t.Errorf("Details shows %q", c.problem.details.Text)
	}
}
