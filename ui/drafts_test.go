package ui

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kartoteka/store"
)

// idleLock makes the harness's salon lock itself when lock is called: the
// idle watch's ticks and clock are the test's.
func (h *harness) idleLock() (lock func()) {
	look, pass := h.idleClock()
	return func() {
		h.t.Helper()
		look() // the watch notes what the focused field holds,
		look() // and that it stays
		pass(11 * time.Minute)
		look()
		screenOf[*unlockScreen](h, "the unlock screen")
	}
}

// relock unlocks the salon again after an auto-lock.
func (h *harness) relock() *shellScreen {
	h.t.Helper()
	u := screenOf[*unlockScreen](h, "the unlock screen")
	test.Type(u.pass, testPassphrase)
	test.Tap(u.unlock)
	return screenOf[*shellScreen](h, "the main window")
}

// TestAutoLockKeepsDrafts: what is typed in a half-filled new-client form
// and in a card's health notes survives an auto-lock — kept encrypted in
// the salon file, never in the clear on disk — and comes back after unlock,
// saying so.
func TestAutoLockKeepsDrafts(t *testing.T) {
	h := newHarness(t)
	lock := h.idleLock()
	h.makeSalon(store.ClientInput{FirstName: "Zofia", LastName: "Nowak", HealthConsentChannel: "in_person"})
	sh := h.unlock()
	h.waitFor("the start", func() bool { return sh.dueKnown })
	sh.onNew()
	v := sh.newClient
	test.Type(v.form.field("first_name").entry, "Ida")
	test.Type(v.form.field("last_name").entry, "Wąsowska-Zaręba")
	test.Type(v.form.field("notes").entry, "Farbowanie co 6 tygodni")
	lock()
	u := screenOf[*unlockScreen](h, "the unlock screen")
	mustContain(t, "notice", u.notice.Text, "unsaved changes are kept")
	data, err := os.ReadFile(h.u.cfg.Path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("Farbowanie")) || bytes.Contains(data, []byte("Wąsowska")) {
		t.Fatal("the draft is in the salon file in the clear")
	}

	sh = h.relock()
	h.waitFor("the restored form", func() bool { return sh.newClient != nil })
	if got := sh.newClient.form.field("notes").entry.Text; got != "Farbowanie co 6 tygodni" {
		t.Errorf("notes after unlock = %q", got)
	}
	mustContain(t, "notice", sh.notice.Text, "Restored your unsaved changes to the new client")
	if ds, _ := h.u.db.Drafts(context.Background()); len(ds) != 0 {
		t.Errorf("%d drafts stay in the file once shown", len(ds))
	}

	// The card's health notes too.
	test.Tap(sh.newClient.cancel)
	cs, _ := h.u.db.SearchClients(context.Background(), "nowak", 1)
	sh.openCard(cs[0].ID)
	card := sh.card
	h.waitFor("the card", func() bool { return card.loaded })
	test.Type(card.privacy.health, "Uczulenie na PPD")
	lock()
	sh = h.relock()
	h.waitFor("the restored card", func() bool { return sh.card != nil && sh.card.loaded && sh.card.pending == nil })
	if got := sh.card.privacy.health.Text; got != "Uczulenie na PPD" {
		t.Errorf("health notes after unlock = %q", got)
	}
	if !sh.card.unsaved() {
		t.Error("the restored notes do not count as unsaved")
	}
}
