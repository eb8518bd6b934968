package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kartoteka/store"
)

func TestNewRecoveryKeyInSettings(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	db, oldKey, err := store.Create(ctx, h.u.cfg.Path, testPassphrase, store.Salon{Name: "Salon Testowy", Country: "PL"}, store.Options{KDF: store.CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	sh := h.unlock()
	sh.select_(sectionSettings)
	sec := sh.settings.security

	test.Type(sec.pass, "not the passphrase")
	test.Tap(sec.renew)
	h.waitFor("the refusal", func() bool { return visibleText(sec.passErr) != "" })
	mustContain(t, "wrong passphrase", sec.passErr.Text, "not the passphrase")
	if sec.card != nil {
		t.Fatal("a new key is shown after a wrong passphrase")
	}

	sec.pass.SetText(testPassphrase)
	submit(sec.pass)
	h.waitFor("the new key", func() bool { return sec.card != nil || visibleText(sec.passErr) != "" })
	if sec.card == nil {
		t.Fatalf("no new key: %s", visibleText(sec.passErr))
	}
	newKey := sec.card.key
	if newKey == oldKey || len(strings.Split(newKey, "-")) != 8 {
		t.Fatalf("new key %q (old %q)", newKey, oldKey)
	}
	if sec.pass.Text != "" {
		t.Error("the passphrase stays in its field")
	}
	if !sec.done.Disabled() {
		t.Error("Done is possible before the key is confirmed as stored")
	}
	test.Tap(sec.card.stored)
	test.Tap(sec.done)
	if sec.card != nil || len(sec.keyBox.Objects) != 0 {
		t.Error("the key stays on screen after Done")
	}

	// The old key stops working; the new one opens the salon.
	h.stop()
	if _, err := store.OpenWithRecoveryKey(ctx, h.u.cfg.Path, oldKey, store.Options{}); !errors.Is(err, store.ErrWrongPassphrase) {
		t.Errorf("the old recovery key: err = %v, want ErrWrongPassphrase", err)
	}
	again, err := store.OpenWithRecoveryKey(ctx, h.u.cfg.Path, newKey, store.Options{})
	if err != nil {
		t.Fatalf("the new recovery key: %v", err)
	}
	again.Close()
}

func TestChangePassphraseInSettings(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	sh.select_(sectionSettings)
	c := sh.settings.security.passwd

	c.current.SetText("wrong passphrase!")
	c.next.SetText("a brand new passphrase")
	c.rep.SetText("a brand new passphrase")
	test.Tap(c.change)
	h.waitFor("the refusal", func() bool { return visibleText(c.form.errLabel("current")) != "" })

	c.current.SetText(testPassphrase)
	c.rep.SetText("a brand new passphrasE")
	test.Tap(c.change)
	if visibleText(c.form.errLabel("repeat")) == "" {
		t.Fatal("two different new passphrases give no message")
	}
	c.rep.SetText("a brand new passphrase")
	submit(c.rep)
	h.waitFor("the change", func() bool { return c.done.Visible() || visibleText(c.form.errLabel("passphrase")) != "" })
	if !c.done.Visible() {
		t.Fatalf("not changed: %s", visibleText(c.form.errLabel("passphrase")))
	}
	if c.current.Text != "" || c.next.Text != "" {
		t.Error("the passphrases stay in their fields")
	}

	// Locked, the old passphrase no longer opens the salon; the new one does.
	test.Tap(sh.leave)
	u := screenOf[*unlockScreen](h, "the unlock screen")
	test.Type(u.pass, testPassphrase)
	test.Tap(u.unlock)
	h.waitFor("the refusal", func() bool { return visibleText(u.message) != "" })
	u.pass.SetText("a brand new passphrase")
	test.Tap(u.unlock)
	screenOf[*shellScreen](h, "the main window with the new passphrase")
}
