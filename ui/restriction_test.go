package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"kartoteka/store"
	kwidget "kartoteka/ui/widget"
)

// TestRestrictionRestricts: a restricted client (GDPR Art. 18) carries a
// badge on the card and in the list; booking them or changing their card
// goes ahead only on a ground the owner picks, which the audit records.
func TestRestrictionRestricts(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	tm := h.makeTeam()
	sh := h.unlock()
	ctx := context.Background()
	if err := h.u.db.SetRestriction(ctx, tm.zofia, true, "disputes the data"); err != nil {
		t.Fatal(err)
	}

	// The list marks her.
	sh.openList()
	c := sh.clients
	h.waitFor("the list", func() bool { return len(c.rows) == 1 })
	row := newClientRowObject()
	c.updateRow(0, row)
	if got := row.(*kwidget.Cells).Mark(); got != "restricted" {
		t.Errorf("the list's mark = %q", got)
	}

	// The card says so at the top; a change asks for the ground.
	sh.openCard(tm.zofia)
	card := sh.card
	h.waitFor("the card", func() bool { return card.loaded })
	if len(card.badges.Objects) != 1 {
		t.Fatal("no badge at the top of a restricted card")
	}
	card.form.field("notes").entry.SetText("Prefers mornings")
	test.Tap(card.save)
	q := card.askedBasis
	if q == nil {
		t.Fatal("changing a restricted card asks no ground")
	}
	test.Tap(q.yes)
	if visibleText(q.problem) == "" {
		t.Error("saving without a ground is taken")
	}
	q.choice.pick.SetSelected(basisName(store.BasisConsent))
	test.Tap(q.yes)
	h.waitFor("the save", func() bool { return card.client.Notes == "Prefers mornings" })
	if got := lastAudit(t, h, "client.update").Basis; got != store.BasisConsent {
		t.Errorf("the change is audited on ground %q", got)
	}

	// Booking her shows the rule and needs a ground too.
	test.Tap(card.book)
	h.waitFor("the calendar", func() bool { return sh.calendar != nil && sh.calendar.loaded && sh.calendar.form != nil })
	f := sh.calendar.form
	if !f.basis.box.Visible() {
		t.Fatal("the booking form does not say the client is restricted")
	}
	f.service.SetSelectedIndex(0)
	f.staff.SetSelectedIndex(0)
	f.date.SetText(numericDate("en", testNow.AddDate(0, 0, 2)))
	f.start.SetText("10:00")
	test.Tap(f.save)
	if visibleText(f.basisErr) == "" {
		t.Fatal("booking without a ground is not refused")
	}
	if bs, _ := h.u.db.ClientBookings(ctx, tm.zofia); len(bs) != 0 {
		t.Fatal("a restricted client was booked without a ground")
	}
	f.basis.pick.SetSelected(basisName(store.BasisLegalClaim))
	test.Tap(f.save)
	h.waitFor("the booking", func() bool { return sh.calendar.details != nil })
	if got := lastAudit(t, h, "booking.create").Basis; got != store.BasisLegalClaim {
		t.Errorf("the booking is audited on ground %q", got)
	}
}

// lastAudit is the newest audit event of action.
func lastAudit(t *testing.T, h *harness, action string) store.AuditEvent {
	t.Helper()
	events, err := h.u.db.AuditLog(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if e.Action == action {
			return e
		}
	}
	t.Fatalf("no %s event", action)
	return store.AuditEvent{}
}

// TestKeepFromTheCard: the card keeps a client out of retention with a
// reason, says so at the top, and lets go again after asking.
func TestKeepFromTheCard(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	tm := h.makeTeam()
	sh := h.unlock()
	sh.openCard(tm.zofia)
	card := sh.card
	h.waitFor("the card", func() bool { return card.loaded })
	p := card.privacy
	test.Tap(p.keep)
	test.Type(p.askedReason.reason, "regular client")
	test.Tap(p.askedReason.yes)
	h.waitFor("the hold", func() bool { return p.release.Visible() })
	mustContain(t, "hold", p.held.Text, "regular client")
	if len(card.badges.Objects) != 1 {
		t.Error("no badge for a client kept out of retention")
	}
	if c, _ := h.u.db.Client(context.Background(), tm.zofia); c.RetentionHold != "regular client" {
		t.Errorf("hold = %q", c.RetentionHold)
	}
	test.Tap(p.release)
	test.Tap(p.asked.yes)
	h.waitFor("the release", func() bool { return p.keep.Visible() })
	if len(card.badges.Objects) != 0 {
		t.Error("the badge stays after the release")
	}
}
