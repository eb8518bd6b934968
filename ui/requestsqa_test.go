package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"kartoteka/store"
)

// The radio groups of the request form take the arrow keys: Down on who
// asks turns the client picker into the name and contact of someone who is
// not a client, and Tab leaves the group at once.
func TestRequestFormRadioArrows(t *testing.T) {
	h := newHarness(t)
	h.u.cfg.RetentionTick = make(chan time.Time)
	h.makeSalon(store.ClientInput{FirstName: "Anna", LastName: "Nowak"})
	sh := h.unlock()
	sh.selectRequests()
	sh.requests.openForm(nil)
	f := sh.requests.form
	c := h.u.win.Canvas()
	c.Focus(f.who)
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if f.who.Selected != f.who.Options[1] || !f.otherBox.Visible() || f.picker.content().Visible() {
		t.Errorf("Down on who asks: chose %q, name and contact shown %v", f.who.Selected, f.otherBox.Visible())
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if f.who.Selected != f.who.Options[0] || !f.picker.content().Visible() {
		t.Errorf("Up again: chose %q", f.who.Selected)
	}
	c.FocusNext()
	if c.Focused() != f.picker.search {
		t.Errorf("Tab from who asks focuses %T, want the client search", c.Focused())
	}
}
