package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"kartoteka/store"
)

func TestCardPrivacy(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Anna", LastName: "Nowak"})
	sh := h.unlock()
	c := sh.clients
	h.waitFor("the client", func() bool { return len(c.rows) == 1 })
	c.list.Select(0)
	card := sh.card
	h.waitFor("the card", func() bool { return card.loaded })
	p := card.privacy
	if p.health.Visible() || !p.healthOff.Visible() {
		t.Error("health notes are editable without health-data consent")
	}

	// Giving a consent is proof on record: it asks, and how it was given.
	// Cancel records nothing; confirming records it with the channel.
	test.Tap(p.checks[store.ConsentHealth])
	if p.askedChoice == nil {
		t.Fatal("a consent is recorded without a question")
	}
	test.Tap(p.askedChoice.not)
	if p.checks[store.ConsentHealth].Checked || p.given[store.ConsentHealth] {
		t.Fatal("Cancel leaves the consent ticked")
	}
	test.Tap(p.checks[store.ConsentHealth])
	p.askedChoice.pick.SetSelectedIndex(2) // on paper
	test.Tap(p.askedChoice.yes)
	h.waitFor("the consent", func() bool { return len(p.history.Objects) == 1 && p.given[store.ConsentHealth] })
	mustContain(t, "history", rowTexts(p.history), "On paper")
	if !p.health.Visible() {
		t.Fatal("health notes stay hidden with health-data consent")
	}
	test.Type(p.health, "Allergic to latex")
	test.Tap(card.save)
	h.waitFor("the save", func() bool { return card.client.HealthNotes == "Allergic to latex" })

	// Withdrawing it deletes the notes: it says so and asks once; Cancel
	// keeps the consent and the notes.
	test.Tap(p.checks[store.ConsentHealth])
	if p.asked == nil {
		t.Fatal("withdrawing the health-data consent does not ask")
	}
	mustContain(t, "question", p.asked.text.Text, "Anna Nowak's health notes: they are deleted now")
	test.Tap(p.asked.not)
	if !p.checks[store.ConsentHealth].Checked || !p.given[store.ConsentHealth] || p.health.Text != "Allergic to latex" {
		t.Fatal("Cancel does not keep the consent and the notes")
	}
	if c, _ := h.u.db.Client(context.Background(), card.id); c.HealthNotes != "Allergic to latex" {
		t.Fatalf("the notes went before the answer: %q", c.HealthNotes)
	}
	test.Tap(p.checks[store.ConsentHealth])
	test.Tap(p.asked.yes)
	h.waitFor("the withdrawal", func() bool { return len(p.history.Objects) == 2 && !p.given[store.ConsentHealth] })
	if p.health.Visible() || p.health.Text != "" || card.client.HealthNotes != "" {
		t.Errorf("after withdrawal: visible %v, notes %q", p.health.Visible(), p.health.Text)
	}

	// Restriction needs a reason, shown beside it when missing.
	test.Tap(p.restrict)
	h.waitFor("the reason message", func() bool { return visibleText(p.reasonErr) != "" })
	test.Type(p.reason, "disputes the data")
	test.Tap(p.restrict)
	h.waitFor("the restriction", func() bool { return p.lift.Visible() })
	mustContain(t, "restriction", p.restricted.Text, "disputes the data")
	// Lifting asks why; the reason goes into the card's history.
	test.Tap(p.lift)
	if p.askedReason == nil {
		t.Fatal("lifting the restriction asks no reason")
	}
	test.Type(p.askedReason.reason, "data checked with the client")
	test.Tap(p.askedReason.yes)
	h.waitFor("the lifting", func() bool { return p.restrict.Visible() })
	mustContain(t, "history", rowTexts(p.changes), "data checked with the client")
	mustContain(t, "history", rowTexts(p.changes), "disputes the data")
}
