package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"kartoteka/privacy"
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

// shows reports whether o lies whole within the part of page s on show.
func shows(s *container.Scroll, o fyne.CanvasObject) bool {
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s).Y
	return top >= 0 && top+o.Size().Height <= s.Size().Height
}

// tabTo presses Tab until the focus is on a widget for which is holds,
// failing after a hundred.
func (h *harness) tabTo(what string, is func(fyne.Focusable) bool) fyne.Focusable {
	h.t.Helper()
	c := h.u.win.Canvas()
	for range 100 {
		c.FocusNext()
		if f := c.Focused(); f != nil && is(f) {
			return f
		}
	}
	h.t.Fatalf("Tab never reached %s", what)
	return nil
}

// Tab onto a widget below the fold scrolls the page to it: the new
// request's buttons, the export's, the words to give on a refused request.
func TestScrollFollowsFocus(t *testing.T) {
	h := newHarness(t)
	h.u.cfg.RetentionTick = make(chan time.Time)
	h.makeSalon(store.ClientInput{FirstName: "Anna", LastName: "Nowak"})
	sh := h.unlock()
	c := h.u.win.Canvas()
	ctx := context.Background()

	sh.selectRequests()
	sh.requests.openForm(nil)
	f := sh.requests.form
	page := sh.requests.page.Objects[0].(*container.Scroll)
	if shows(page, f.save) {
		t.Fatal("the form's buttons show without scrolling: the test proves nothing")
	}
	h.tabTo("Record the request", func(o fyne.Focusable) bool { return o == fyne.Focusable(f.save) })
	h.waitFor("the page scrolled to the focused button", func() bool { return shows(page, f.save) })
	c.Focus(f.received)
	h.waitFor("the page scrolled back to the first field", func() bool { return shows(page, f.received) && page.Offset.Y < 100 })

	// The export of a client's data.
	cs, _ := h.u.db.SearchClients(ctx, "Nowak", 1)
	sh.select_(sectionClients)
	sh.openExport(cs[0])
	ex := sh.export
	expage := sh.body.Objects[0].(*container.Scroll)
	if shows(expage, ex.export) {
		t.Fatal("the export button shows without scrolling: the test proves nothing")
	}
	c.Focus(ex.back)
	h.tabTo("Export", func(o fyne.Focusable) bool { return o == fyne.Focusable(ex.export) })
	h.waitFor("the page scrolled to Export", func() bool { return shows(expage, ex.export) })

	// The words to give the person on a refused request.
	now := h.u.now()
	id := h.addRequest(store.RequestRectification, cs[0].ID, "", now.AddDate(0, 0, -3), now)
	if err := privacy.CloseRequest(ctx, h.u.db, id, store.RequestRefused, "", "the data is correct as it stands"); err != nil {
		t.Fatal(err)
	}
	sh.openRequest(id)
	v := sh.requests
	h.waitFor("the refused request", func() bool { return v.detail != nil && v.detail.loaded })
	d := v.detail
	notice := d.notice
	dpage := v.page.Objects[0].(*container.Scroll)
	if shows(dpage, notice) {
		t.Fatal("the notice shows without scrolling: the test proves nothing")
	}
	c.Unfocus()
	h.tabTo("the notice", func(o fyne.Focusable) bool { return within(o.(fyne.CanvasObject), notice) })
	h.waitFor("the page scrolled to the notice", func() bool { return shows(dpage, notice) })
}
