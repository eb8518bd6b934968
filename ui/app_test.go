package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestFirstRunLanguage(t *testing.T) {
	h := newHarness(t)
	h.u.Start()
	s := screenOf[*firstRunScreen](h, "the first-run screen")
	if s.create.Text != "Create my salon" {
		t.Fatalf("create button %q in English", s.create.Text)
	}
	s.language.SetSelected("Polski")
	pl := screenOf[*firstRunScreen](h, "the first-run screen again")
	if pl == s {
		t.Fatal("the screen was not rebuilt in the new language")
	}
	if pl.create.Text != "Utwórz mój salon" || pl.language.Selected != "Polski" {
		t.Errorf("after choosing Polish: button %q, picker %q", pl.create.Text, pl.language.Selected)
	}
	if got := h.u.fyne.Preferences().String(prefLanguage); got != "pl" {
		t.Errorf("remembered language %q", got)
	}
	test.Tap(pl.create)
	c := screenOf[*createScreen](h, "the create form")
	if c.country.Selected != "Polska" || c.currency.Selected != "PLN" {
		t.Errorf("a Polish owner gets %q, %q; want Polska, PLN", c.country.Selected, c.currency.Selected)
	}
}

func TestWindowSizeRemembered(t *testing.T) {
	h := newHarness(t)
	h.u.win.Resize(fyne.NewSize(800, 600))
	h.u.onClose()
	p := h.u.fyne.Preferences()
	if w, ht := p.Float(prefWidth), p.Float(prefHeight); w != 800 || ht != 600 {
		t.Errorf("remembered %v×%v, want 800×600", w, ht)
	}
	again := newApp(h.u.fyne, h.u.cfg, h.u.post)
	if got := again.win.Canvas().Size(); got != fyne.NewSize(800, 600) {
		t.Errorf("a new window is %v", got)
	}
}
