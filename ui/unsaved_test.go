package ui

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// tapSection taps the section id in the navigation.
func (h *harness) tapSection(sh *shellScreen, id string) {
	h.t.Helper()
	test.Tap(sh.nav[slices.IndexFunc(sh.sections, func(s section) bool { return s.id == id })])
}

// TestUnsavedHealthNote: a health note typed on the card is not lost by
// clicking Calendar: the owner is asked, can stay, discard or save.
func TestUnsavedHealthNote(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Zofia", LastName: "Nowak", HealthConsentChannel: "in_person"})
	sh := h.unlock()
	ctx := context.Background()
	cs, _ := h.u.db.SearchClients(ctx, "nowak", 1)
	id := cs[0].ID
	sh.openCard(id)
	card := sh.card
	h.waitFor("the card", func() bool { return card.loaded })
	test.Type(card.privacy.health, "Uczulenie na amoniak")

	h.tapSection(sh, sectionCalendar)
	if sh.prompt == nil || sh.card != card {
		t.Fatal("leaving the card with a typed health note does not ask")
	}
	test.Tap(sh.prompt.stay)
	if sh.prompt != nil || sh.card != card || card.privacy.health.Text != "Uczulenie na amoniak" {
		t.Fatal("Stay does not keep the card as it was")
	}

	h.tapSection(sh, sectionCalendar)
	test.Tap(sh.prompt.save)
	h.waitFor("the calendar after saving", func() bool { return sh.calendar != nil })
	if c, _ := h.u.db.Client(ctx, id); c.HealthNotes != "Uczulenie na amoniak" {
		t.Errorf("health notes after Save = %q", c.HealthNotes)
	}

	// Discard leaves without saving; nothing unsaved asks nothing.
	sh.showClientCard(id)
	card = sh.card
	h.waitFor("the card again", func() bool { return card.loaded })
	card.form.field("notes").entry.SetText("Lubi kawę")
	h.tapSection(sh, sectionCalendar)
	test.Tap(sh.prompt.discard)
	if sh.calendar == nil {
		t.Fatal("Discard does not go on")
	}
	if c, _ := h.u.db.Client(ctx, id); c.Notes != "" {
		t.Errorf("Discard saved the notes: %q", c.Notes)
	}
	h.tapSection(sh, sectionServices)
	if sh.prompt != nil || sh.services == nil {
		t.Error("leaving a view with nothing unsaved asks anyway")
	}
}

// TestUnsavedNewClientKeys: Esc in a half-filled new-client form asks; Esc
// on the question stays; Enter on it saves and goes on.
func TestUnsavedNewClientKeys(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	sh.onNew()
	v := sh.newClient
	test.Type(v.form.field("first_name").entry, "Ida")
	test.Type(v.form.field("last_name").entry, "Wąs")
	v.form.field("last_name").entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if sh.prompt == nil || sh.newClient != v {
		t.Fatal("Esc in a half-filled form does not ask")
	}
	if h.u.win.Canvas().Focused() != sh.prompt.save {
		t.Error("Save does not have the keyboard in the question")
	}
	sh.prompt.save.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if sh.prompt != nil || sh.newClient != v {
		t.Fatal("Esc on the question does not stay")
	}
	v.form.field("last_name").entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	sh.prompt.save.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.waitFor("the list after saving", func() bool { return sh.clients != nil && len(sh.clients.rows) == 1 })
	if r := sh.clients.rows[0]; r.name != "Wąs, Ida" {
		t.Errorf("saved %q", r.name)
	}
}

// TestUnsavedBookingForm: tapping a booking while a half-filled booking form
// shows asks first; moving the empty form to another time does not.
func TestUnsavedBookingForm(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	h.makeTeam()
	sh, c := h.openCalendar()
	h.tapSlot(c, 0, 0, 10*3600e9)
	f := c.form
	h.tapSlot(c, 1, 0, 11*3600e9)
	if f.unsaved() {
		t.Error("moving the empty form counts as a change")
	}
	h.chooseClient(f, "Nowak")
	h.key(fyne.KeyEscape)
	if sh.prompt == nil || c.form != f {
		t.Fatal("Esc with a client chosen does not ask")
	}
	test.Tap(sh.prompt.discard)
	if c.form != nil {
		t.Error("Discard does not close the form")
	}
}

// TestLanguageSwitchKeepsTyping: switching the app's language rebuilds the
// window; what was typed into the salon's details and not saved stays.
func TestLanguageSwitchKeepsTyping(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	sh.select_(sectionSettings)
	sh.settings.salon.address.SetText("ul. Różana 5, Kraków")
	sh.settings.language.SetSelected("Deutsch")
	sh = screenOf[*shellScreen](h, "the window in German")
	s := sh.settings.salon
	if s.address.Text != "ul. Różana 5, Kraków" || !s.unsaved() {
		t.Errorf("after the switch the address reads %q (unsaved %v)", s.address.Text, s.unsaved())
	}
}

// TestButtonsAsk: every button that replaces or resets what shows asks
// before dropping typed changes, not only the navigation and the keys.
func TestButtonsAsk(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	tm := h.makeTeam()
	sh := h.unlock()
	sh.openCard(tm.zofia)
	card := sh.card
	h.waitFor("the card", func() bool { return card.loaded })
	card.form.field("notes").entry.SetText("Lubi kawę")
	for name, b := range map[string]*widget.Button{"Back": card.back, "Book": card.book, "Export": card.export, "Forget": card.forget, "Cancel": card.cancel} {
		test.Tap(b)
		if sh.prompt == nil || sh.card != card {
			t.Fatalf("%s drops the typed notes without asking", name)
		}
		test.Tap(sh.prompt.stay)
	}
	if card.form.field("notes").entry.Text != "Lubi kawę" {
		t.Error("Stay did not keep the notes")
	}
	test.Tap(card.cancel)
	test.Tap(sh.prompt.discard)
	sh.onNew()
	test.Type(sh.newClient.form.field("first_name").entry, "Ida")
	test.Tap(sh.newClient.cancel)
	if sh.prompt == nil {
		t.Error("Cancel on a half-filled new client drops it without asking")
	}
}
