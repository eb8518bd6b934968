package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"kartoteka/store"
)

func TestNewClient(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	sh.select_(sectionCalendar)

	// Ctrl+N opens the form from anywhere in the main window.
	h.u.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(
		&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	v := sh.newClient
	if v == nil {
		t.Fatal("Ctrl+N does not open the new-client form")
	}
	if h.u.win.Canvas().Focused() != v.form.first() {
		t.Error("the first name does not have the keyboard")
	}
	test.Type(v.form.field("first_name").entry, "Zofia")
	test.Type(v.form.field("last_name").entry, "Kowalska")
	test.Type(v.form.field("email").entry, "zofia@example")
	test.Tap(v.save)
	emailErr := v.form.field("email").err
	h.waitFor("the email message", func() bool { return visibleText(emailErr) != "" })
	mustContain(t, "email message", emailErr.Text, "not a valid email")
	if msg := visibleText(v.form.field("first_name").err); msg != "" {
		t.Errorf("message beside the first name: %q", msg)
	}
	if cs, err := h.u.db.Clients(context.Background()); err != nil || len(cs) != 0 {
		t.Fatalf("clients after a refused save = %d, %v; want none", len(cs), err)
	}

	v.form.field("email").entry.SetText("zofia@example.com")
	test.Type(v.form.field("phone").entry, "601 234 567")
	v.form.lang.SetSelected("Polski")
	test.Tap(v.save)
	h.waitFor("the new card", func() bool { return sh.card != nil && sh.card.loaded })
	if sh.newClient != nil {
		t.Error("the form stays open after saving")
	}
	if got := sh.card.title.Text; got != "Zofia Kowalska" {
		t.Errorf("card title = %q", got)
	}
	if got := sh.card.client.Language; got != "pl" {
		t.Errorf("language = %q, want pl", got)
	}

	test.Tap(sh.card.back)
	c := sh.clients
	if c == nil {
		t.Fatal("back does not show the list")
	}
	h.waitFor("the new client in the list", func() bool { return len(c.rows) == 1 })
	if r := c.rows[0]; r.name != "Kowalska, Zofia" || c.phoneOf(0) != "601 234 567" || r.email != "zofia@example.com" {
		t.Errorf("row = %+v", r)
	}
}

func TestNewClientButton(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	test.Tap(sh.clients.add)
	if sh.newClient == nil {
		t.Fatal("the New client button does not open the form")
	}
	test.Tap(sh.newClient.cancel)
	if sh.clients == nil || sh.newClient != nil {
		t.Error("cancel does not go back to the list")
	}
}

func TestClientCardEdit(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Anna", LastName: "Nowak", Phone: "601 234 567"})
	sh := h.unlock()
	c := sh.clients
	h.waitFor("the client", func() bool { return len(c.rows) == 1 })
	c.list.Select(0)
	card := sh.card
	if card == nil {
		t.Fatal("selecting a row does not open the card")
	}
	h.waitFor("the card", func() bool { return card.loaded })
	phone := card.form.field("phone").entry
	if phone.Text != "601 234 567" {
		t.Errorf("phone = %q", phone.Text)
	}

	// A refused phone is shown beside it, and Cancel puts the old one back.
	phone.SetText("12")
	test.Tap(card.save)
	h.waitFor("the phone message", func() bool { return visibleText(card.form.field("phone").err) != "" })
	test.Tap(card.cancel) // typed changes: Cancel asks before dropping them
	if sh.prompt == nil {
		t.Fatal("Cancel drops typed changes without asking")
	}
	test.Tap(sh.prompt.discard)
	if phone.Text != "601 234 567" || visibleText(card.form.field("phone").err) != "" {
		t.Errorf("after cancel: phone %q, message %q", phone.Text, visibleText(card.form.field("phone").err))
	}

	phone.SetText("602 000 111")
	test.Tap(card.save)
	h.waitFor("the save", func() bool { return card.client.Phone == "+48602000111" })

	test.Tap(card.back)
	c = sh.clients
	h.waitFor("the client", func() bool { return len(c.rows) == 1 })
	c.list.Select(0)
	card = sh.card
	h.waitFor("the card again", func() bool { return card.loaded })
	if got := card.form.field("phone").entry.Text; got != "602 000 111" {
		t.Errorf("phone after reopening = %q", got)
	}
}

func TestAnonymizedCard(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Anna", LastName: "Nowak"})
	sh := h.unlock()
	ctx := context.Background()
	cs, err := h.u.db.Clients(ctx)
	if err != nil || len(cs) != 1 {
		t.Fatal(cs, err)
	}
	if _, err := h.u.db.Anonymize(ctx, cs[0].ID, "test", func(store.ForgetFacts) error { return nil }); err != nil {
		t.Fatal(err)
	}
	sh.openCard(cs[0].ID)
	card := sh.card
	h.waitFor("the card", func() bool { return card.loaded })
	mustContain(t, "title", card.title.Text, "Anonymized client #")
	if card.details.Visible() {
		t.Error("an anonymized client can be edited")
	}
}
