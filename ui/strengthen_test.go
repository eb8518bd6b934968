package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestStrengthenWeakSalon: a salon whose passphrase is protected below
// Kartoteka's standard says so in the main window, and Settings → Security
// strengthens it with the passphrase typed again.
func TestStrengthenWeakSalon(t *testing.T) {
	if testing.Short() {
		t.Skip("calibrates the real key derivation")
	}
	h := newHarness(t)
	h.makeSalon() // with the tests' cheap key derivation
	sh := h.unlock()
	mustContain(t, "reminder", visibleText(sh.reminder), "Weak passphrase protection")
	sh.select_(sectionSettings)
	s := sh.settings.security.strong
	if !s.box.Visible() {
		t.Fatal("Security offers nothing for a weak salon")
	}
	test.Type(s.pass, "not the passphrase")
	test.Tap(s.button)
	h.waitFor("the refusal", func() bool { return visibleText(s.problem) != "" })
	s.pass.SetText(testPassphrase)
	test.Tap(s.button)
	h.waitFor("the strengthening", func() bool { return s.done.Visible() })
	if h.u.db.WeakKDF() {
		t.Error("the salon is still weak")
	}
	if got := visibleText(sh.reminder); strings.Contains(got, "Weak passphrase protection") {
		t.Errorf("reminder after strengthening: %q", got)
	}
}
