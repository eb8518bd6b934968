package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"kartoteka/store"
)

// TestDuplicateWarning: a new card with the phone of a client the salon
// already has is not saved silently: the owner sees the other card, with a
// link, and may save anyway; an edit that gives a card someone else's
// phone is warned of too.
func TestDuplicateWarning(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Anna", LastName: "Kowalska", Phone: "601 234 567"},
		store.ClientInput{FirstName: "Ewa", LastName: "Nowak"})
	sh := h.unlock()
	ctx := context.Background()
	sh.onNew()
	v := sh.newClient
	test.Type(v.form.field("first_name").entry, "Ania")
	test.Type(v.form.field("last_name").entry, "Kowalska")
	test.Type(v.form.field("phone").entry, "+48601234567")
	test.Tap(v.save)
	h.waitFor("the warning", func() bool { return v.dupes.box.Visible() })
	if len(v.dupes.open) != 1 {
		t.Fatalf("%d cards offered, want Anna Kowalska's", len(v.dupes.open))
	}
	mustContain(t, "link", v.dupes.open[0].Text, "Anna Kowalska · same phone")
	if n, _ := h.u.db.LiveClientCount(ctx); n != 2 {
		t.Fatalf("a possible duplicate was saved before the owner chose (%d clients)", n)
	}
	// Enter (or Save) again is not "save anyway": it warns again.
	before := h.ran
	submit(v.form.field("phone").entry)
	h.waitFor("the second save's answer", func() bool { return h.ran > before && !v.save.Disabled() })
	if !v.dupes.box.Visible() {
		t.Error("the warning went away on a second Enter")
	}
	if n, _ := h.u.db.LiveClientCount(ctx); n != 2 {
		t.Fatal("a second Enter saved the possible duplicate")
	}
	test.Tap(v.dupes.anyway)
	h.waitFor("the new card", func() bool { return sh.card != nil && sh.card.loaded })
	if n, _ := h.u.db.LiveClientCount(ctx); n != 3 {
		t.Errorf("Save anyway: %d clients, want 3", n)
	}

	// Ewa's card, given Anna's phone.
	cs, _ := h.u.db.SearchClients(ctx, "nowak", 1)
	sh.openCard(cs[0].ID)
	card := sh.card
	h.waitFor("Ewa's card", func() bool { return card.loaded })
	card.form.field("notes").entry.SetText("Lubi herbatę")
	test.Tap(card.save)
	h.waitFor("the save", func() bool { return card.client.Notes == "Lubi herbatę" })
	if card.dupes.box.Visible() {
		t.Error("a change that touches no name, phone or email warns of duplicates")
	}
	card.form.field("phone").entry.SetText("601 234 567")
	test.Tap(card.save)
	h.waitFor("the warning on the card", func() bool { return card.dupes.box.Visible() })
	test.Tap(card.dupes.open[0])
	h.waitFor("the other card", func() bool { return sh.prompt != nil })
	test.Tap(sh.prompt.discard)
	h.waitFor("Anna's card", func() bool { return sh.card != card && sh.card.loaded })
}

// A new card whose name is written almost as an existing one's (one typo)
// is warned about, with the reason in words.
func TestDuplicateWarningSimilarName(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Ewa", LastName: "Nowakowska"})
	sh := h.unlock()
	sh.onNew()
	v := sh.newClient
	test.Type(v.form.field("first_name").entry, "Ewa")
	test.Type(v.form.field("last_name").entry, "Nowakowksa")
	test.Tap(v.save)
	h.waitFor("the warning", func() bool { return v.dupes.box.Visible() })
	if len(v.dupes.open) != 1 {
		t.Fatalf("%d cards offered, want Ewa Nowakowska's", len(v.dupes.open))
	}
	mustContain(t, "link", v.dupes.open[0].Text, "Ewa Nowakowska · a name written almost the same")
}
