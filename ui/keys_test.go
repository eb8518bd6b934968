package ui

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"kartoteka/store"
	kwidget "kartoteka/ui/widget"
)

// The navigation is out of Tab's reach: its items cannot take the keyboard.
var _ fyne.Tappable = (*kwidget.NavItem)(nil)

// ctrl is Ctrl (Cmd on a Mac) with key, as the window reports it.
func ctrl(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// TestShortcutsInsideFields: the window hands a shortcut to the focused
// field alone; Ctrl+N, Ctrl+F and the sections' keys must still work there.
func TestShortcutsInsideFields(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Zofia", LastName: "Nowak"})
	sh := h.unlock()
	sh.select_(sectionClients)
	search := sh.clients.search
	if h.u.win.Canvas().Focused() != search {
		t.Fatal("the search does not have the keyboard")
	}
	search.TypedShortcut(ctrl(fyne.KeyN)) // what the window does while the search has focus
	if sh.newClient == nil {
		t.Fatal("Ctrl+N in the search does not open the new-client form")
	}
	first := sh.newClient.form.field("first_name").entry
	first.TypedShortcut(ctrl(fyne.KeyName("1")))
	if sh.calendar == nil {
		t.Fatal("Ctrl+1 in a field does not open the calendar")
	}
	sh.u.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(ctrl(fyne.KeyF))
	if sh.clients == nil || h.u.win.Canvas().Focused() != sh.clients.search {
		t.Error("Ctrl+F does not put the cursor in the client search")
	}
}

// TestSearchByKeyboard: Enter in the search opens the first match; Down
// moves into the results, where Enter opens the focused row.
func TestSearchByKeyboard(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Zofia", LastName: "Nowak"},
		store.ClientInput{FirstName: "Anna", LastName: "Kowalska"}, store.ClientInput{FirstName: "Ewa", LastName: "Kowalczyk"})
	sh := h.unlock()
	sh.select_(sectionClients)
	c := sh.clients
	test.Type(c.search, "kowal")
	submit(c.search) // before the results are in: opens the first once they are
	h.waitFor("the first match's card", func() bool { return sh.card != nil && sh.card.loaded })
	if got := sh.card.client.LastName; got != "Kowalczyk" {
		t.Errorf("Enter opened %s, want the first match, Kowalczyk", got)
	}

	h.key(fyne.KeyEscape) // back to the list
	c = sh.clients
	if c == nil {
		t.Fatal("Esc on the card does not go back to the list")
	}
	h.waitFor("the list", func() bool { return len(c.rows) == 3 && c.rows[2].id != 0 })
	c.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if h.u.win.Canvas().Focused() != c.list {
		t.Fatal("Down in the search does not move into the results")
	}
	c.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	c.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.waitFor("the second row's card", func() bool { return sh.card != nil && sh.card.loaded })
	if got := sh.card.client.LastName; got != "Kowalska" {
		t.Errorf("Enter on the second row opened %s, want Kowalska", got)
	}
}

// TestClientsFromTheCard: Clients in the navigation goes back to the list.
func TestClientsFromTheCard(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	tm := h.makeTeam()
	sh := h.unlock()
	sh.showClientCard(tm.zofia)
	h.waitFor("the card", func() bool { return sh.card.loaded })
	i := slices.IndexFunc(sh.sections, func(s section) bool { return s.id == sectionClients })
	test.Tap(sh.nav[i])
	if sh.clients == nil || sh.card != nil {
		t.Error("Clients in the navigation does not go back to the list")
	}
}

// TestTabStaysInTheContent: Tab walks the section's own fields and buttons
// and never the navigation, where Space would switch sections or lock.
func TestTabStaysInTheContent(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	sh.select_(sectionClients)
	c := h.u.win.Canvas()
	for range 40 {
		c.FocusNext()
		f := c.Focused()
		if f == nil {
			continue
		}
		if o, ok := f.(fyne.CanvasObject); !ok || !inside(sh.body, o) {
			t.Fatalf("Tab reached %T outside the section", f)
		}
	}
}

// inside reports whether o is root or lies within it.
func inside(root fyne.CanvasObject, o fyne.CanvasObject) bool {
	if root == o {
		return true
	}
	switch r := root.(type) {
	case *fyne.Container:
		return slices.ContainsFunc(r.Objects, func(c fyne.CanvasObject) bool { return inside(c, o) })
	case fyne.Widget:
		return slices.ContainsFunc(test.WidgetRenderer(r).Objects(), func(c fyne.CanvasObject) bool { return inside(c, o) })
	}
	return false
}

// TestEnterSavesTheServiceForm: Enter in a field of the service form saves.
func TestEnterSavesTheServiceForm(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	sh.select_(sectionServices)
	sh.openServiceForm(store.Service{})
	v := sh.serviceForm
	test.Type(v.name, "Koloryzacja")
	test.Type(v.minutes, "90")
	test.Type(v.price, "250")
	submit(v.price)
	h.waitFor("the price list", func() bool { return sh.services != nil && sh.services.loaded })
	svcs, err := h.u.db.Services(context.Background())
	if err != nil || len(svcs) != 1 || svcs[0].Name != "Koloryzacja" {
		t.Errorf("services after Enter: %+v, %v", svcs, err)
	}
}

// TestPickClientByKeyboard: in the booking form, Down moves from the client
// search into the matches, and Enter takes the focused one.
func TestPickClientByKeyboard(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	h.makeTeam()
	_, c := h.openCalendar()
	h.tapSlot(c, 0, 0, 10*3600e9)
	f := c.form
	test.Type(f.client.search, "Nowak")
	h.waitFor("the matches", func() bool { return len(f.client.matches) > 0 })
	f.client.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	b, ok := h.u.win.Canvas().Focused().(*keyButton)
	if !ok {
		t.Fatalf("Down leaves the keyboard on %T", h.u.win.Canvas().Focused())
	}
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.client.chosen == nil || f.client.chosen.LastName != "Nowak" {
		t.Error("Enter on a match does not choose it")
	}
}
