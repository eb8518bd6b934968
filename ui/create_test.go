package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestCreateSalon(t *testing.T) {
	h := newHarness(t)
	h.u.Start()
	first := screenOf[*firstRunScreen](h, "the first-run screen")
	test.Tap(first.create)
	s := screenOf[*createScreen](h, "the create form")

	// Nothing typed: messages beside the fields, nothing created.
	test.Tap(s.submit)
	if visibleText(s.nameErr) == "" || visibleText(s.passErr) == "" {
		t.Fatalf("no messages for an empty form: name %q, passphrase %q", visibleText(s.nameErr), visibleText(s.passErr))
	}
	test.Type(s.name, "Salon Róża")
	if visibleText(s.nameErr) != "" {
		t.Errorf("the name message stays after typing a name: %q", visibleText(s.nameErr))
	}

	// The country sets the currency.
	s.country.SetSelected(countryName("DK"))
	if s.currency.Selected != "DKK" {
		t.Errorf("currency for Denmark = %q, want DKK", s.currency.Selected)
	}

	test.Type(s.pass, "short")
	test.Tap(s.submit)
	mustContain(t, "passphrase message", visibleText(s.passErr), "10")
	test.Type(s.pass, " but now long enough")
	test.Type(s.repeat, "something else entirely")
	test.Tap(s.submit)
	if visibleText(s.passErr) != "" || visibleText(s.repeatErr) == "" {
		t.Fatalf("messages: passphrase %q, repeat %q; want only a repeat message", visibleText(s.passErr), visibleText(s.repeatErr))
	}
	if _, err := os.Stat(h.u.cfg.Path); !os.IsNotExist(err) {
		t.Fatalf("a refused form created the database: %v", err)
	}

	s.repeat.SetText("")
	test.Type(s.repeat, "short but now long enough")
	submit(s.repeat)
	r := screenOf[*recoveryScreen](h, "the recovery key")

	key := r.card.key
	if groups := strings.Split(key, "-"); len(groups) != 8 {
		t.Fatalf("recovery key %q has %d groups, want 8", key, len(groups))
	}
	if len(r.card.rows) != 2 || !strings.Contains(r.card.rows[0].Text, strings.Split(key, "-")[0]) {
		t.Errorf("the key is not shown in two rows of groups: %d rows", len(r.card.rows))
	}
	test.Tap(r.card.copy)
	if got := h.u.fyne.Clipboard().Content(); got != key {
		t.Errorf("clipboard = %q, want the key", got)
	}

	// The recovery sheet, saved where the owner chose (the dialog is
	// Fyne's), is a PDF.
	sheet := filepath.Join(t.TempDir(), "sheet.pdf")
	r.card.saveTo(sheet)
	h.waitFor("the sheet", func() bool { return r.card.saved != "" || r.card.note.Importance == widget.DangerImportance })
	if data, err := os.ReadFile(sheet); err != nil || !strings.HasPrefix(string(data), "%PDF-") {
		t.Fatalf("recovery sheet: %v; note %q", err, visibleText(r.card.note))
	}
	if !r.card.open.Visible() {
		t.Error("no Open button for the saved sheet")
	}

	// Continue needs the confirmation.
	if !r.proceed.Disabled() {
		t.Error("Continue is enabled before the key is confirmed as stored")
	}
	test.Tap(r.proceed)
	if _, ok := h.u.current.(*recoveryScreen); !ok {
		t.Fatal("left the recovery key without confirming it")
	}
	test.Tap(r.card.stored)
	test.Tap(r.proceed)
	sh := screenOf[*shellScreen](h, "the main window")
	mustContain(t, "title", h.u.win.Title(), "Salon Róża")
	if strings.Contains(h.u.win.Title(), "DEMO") {
		t.Errorf("title %q says DEMO for the owner's salon", h.u.win.Title())
	}
	if h.u.salon.Country != "DK" || h.u.salon.Currency != "DKK" || h.u.salon.Language != "en" {
		t.Errorf("salon = %+v, want Denmark, DKK, English", h.u.salon)
	}

	// Lock, then unlock with the recovery key shown earlier.
	test.Tap(sh.leave)
	u := screenOf[*unlockScreen](h, "the unlock screen")
	test.Tap(u.toggle)
	if !u.key.Visible() || u.pass.Visible() {
		t.Fatal("the toggle does not switch to the recovery key")
	}
	test.Type(u.key, strings.ToLower(strings.ReplaceAll(key, "-", " ")))
	submit(u.key)
	screenOf[*shellScreen](h, "the main window after the recovery key")
}
