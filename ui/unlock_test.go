package ui

import (
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
)

func TestUnlock(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	h.u.Start()
	s := screenOf[*unlockScreen](h, "the unlock screen")
	if h.u.win.Canvas().Focused() != s.pass {
		t.Error("the passphrase entry does not have the keyboard")
	}

	// Wrong: a message, and still the unlock screen.
	test.Type(s.pass, "not the passphrase")
	test.Tap(s.unlock)
	if !s.activity.Visible() || !s.pass.Disabled() {
		t.Error("no spinner, or the entry stays editable, while the key is derived")
	}
	want := lang.L("Wrong passphrase. Check Caps Lock and try again.")
	h.waitFor("the wrong-passphrase message", func() bool { return visibleText(s.message) == want })
	if _, ok := h.u.current.(*unlockScreen); !ok || h.u.db != nil {
		t.Fatal("a wrong passphrase left the unlock screen")
	}
	if s.pass.Disabled() || s.activity.Visible() {
		t.Error("the screen stays busy after a wrong passphrase")
	}

	// Right, submitted with Enter.
	test.Type(s.pass, testPassphrase)
	submit(s.pass)
	screenOf[*shellScreen](h, "the main window")
	if got := h.u.win.Title(); got != "Salon Testowy — Kartoteka" {
		t.Errorf("title = %q", got)
	}
}

func TestUnlockWrongRecoveryKey(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	h.u.Start()
	s := screenOf[*unlockScreen](h, "the unlock screen")
	test.Tap(s.toggle)
	test.Type(s.key, "ABCD-EFGH")
	submit(s.key)
	want := lang.L("That recovery key does not open this salon. Check it and try again.")
	h.waitFor("the wrong-key message", func() bool { return visibleText(s.message) == want })
	if h.u.db != nil {
		t.Fatal("a wrong recovery key opened the salon")
	}
}
