package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
)

// texts is the text of every label in v's current step.
func (v *forgetView) texts() string {
	var b strings.Builder
	for _, o := range v.box.Objects {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
}

func TestForgetBlockedThenCleared(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	tm := h.makeTeam()
	sh := h.unlock()
	ctx := context.Background()
	h.bookAt(tm, tm.anna, time.Now().Add(72*time.Hour).Truncate(time.Hour)) // upcoming by the store's clock
	sh.openCard(tm.zofia)
	card := sh.card
	h.waitFor("the card", func() bool { return card.loaded })
	test.Tap(card.forget)
	v := sh.forget
	if v == nil {
		t.Fatal("Forget opens nothing")
	}
	h.waitFor("the check", func() bool { return v.cancelBk != nil || v.confirm != nil })
	mustContain(t, "blocked", v.texts(), "1 upcoming booking")
	if v.confirm != nil {
		t.Fatal("forgetting is offered despite an upcoming booking")
	}
	test.Tap(v.cancelBk)
	if v.asked == nil {
		t.Fatal("cancelling the upcoming bookings asks nothing")
	}
	mustContain(t, "question", v.asked.text.Text, "Cancel 1 upcoming booking of Zofia Nowak?")
	test.Tap(v.asked.yes)
	h.waitFor("the confirmation", func() bool { return v.confirm != nil })
	if bs, _ := h.u.db.ClientBookings(ctx, tm.zofia); bs[0].Status != store.StatusCancelled {
		t.Errorf("the upcoming booking is %s, want cancelled", bs[0].Status)
	}

	// Restricted: blocked, with the reason and the way out.
	if err := h.u.db.SetRestriction(ctx, tm.zofia, true, "disputes the data"); err != nil {
		t.Fatal(err)
	}
	sh.openForget(tm.zofia)
	v = sh.forget
	h.waitFor("the check", func() bool { return v.preview.Blocked != nil })
	mustContain(t, "restricted", v.texts(), "disputes the data")
	mustContain(t, "way out", v.texts(), "Lift the restriction")
}

func TestForgetTypeToConfirmAndProof(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Zofia", LastName: "Nowak", Phone: "601 234 567"}) // a second card, same phone
	tm := h.makeTeam()
	sh := h.unlock()
	ctx := context.Background()
	if _, err := h.u.db.CreateBooking(ctx, store.BookingInput{ClientID: tm.zofia, StaffID: tm.anna, ServiceID: tm.cut,
		Start: midnight(testClock()).AddDate(0, -1, 0).Add(10 * time.Hour), Status: store.StatusCompleted}); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if _, err := privacy.Export(ctx, h.u.db, privacy.ExportRequest{ClientID: tm.zofia, PDF: filepath.Join(out, "z.pdf")}); err != nil {
		t.Fatal(err)
	}
	sh.openForget(tm.zofia)
	v := sh.forget
	h.waitFor("the confirmation", func() bool { return v.confirm != nil })
	text := v.texts()
	mustContain(t, "warnings", text, "may be the same person")
	mustContain(t, "open balance", text, "120.00")
	mustContain(t, "kept", text, "bookings: 1; payments: 0")
	if len(v.dupes) != 1 {
		t.Errorf("%d duplicate links, want 1", len(v.dupes))
	}
	mustContain(t, "undo", text, "cannot be undone")

	test.Type(v.confirm, "Zofia")
	if !v.forget.Disabled() {
		t.Fatal("Forget is enabled before the full name is typed")
	}
	test.Type(v.confirm, " nowak")
	if v.forget.Disabled() {
		t.Fatal("Forget stays disabled with the full name typed (in another case)")
	}
	test.Tap(v.forget)
	h.waitFor("the proof", func() bool { return v.done || v.problem.Text() != "" })
	if !v.done {
		t.Fatalf("not forgotten: %s", v.problem.Text())
	}
	mustContain(t, "proof", v.proofText.Text, "no trace of the client found in")
	mustContain(t, "exports", v.texts(), "1 export file deleted")
	if _, err := os.Stat(filepath.Join(out, "z.pdf")); !os.IsNotExist(err) {
		t.Errorf("the export survived: %v", err)
	}
	c, err := h.u.db.Client(ctx, tm.zofia)
	if err != nil || !c.Anonymized || c.LastName != "" {
		t.Errorf("client after forget = %+v, %v", c, err)
	}
	if bs, _ := h.u.db.ClientBookings(ctx, tm.zofia); len(bs) != 1 {
		t.Errorf("the booking is gone with the person: %d left", len(bs))
	}
}

// TestForgetListsEveryBlocker: a restricted client with an upcoming booking
// hears of both blocks at once, each with its way out.
func TestForgetListsEveryBlocker(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	tm := h.makeTeam()
	sh := h.unlock()
	h.bookAt(tm, tm.anna, time.Now().Add(72*time.Hour).Truncate(time.Hour))
	if err := h.u.db.SetRestriction(context.Background(), tm.zofia, true, "disputes the data"); err != nil {
		t.Fatal(err)
	}
	sh.openForget(tm.zofia)
	v := sh.forget
	h.waitFor("the check", func() bool { return v.cancelBk != nil || v.confirm != nil })
	texts := v.texts()
	mustContain(t, "blocks", texts, "2 things stand in the way")
	mustContain(t, "blocks", texts, "restricted (GDPR Art. 18): disputes the data")
	mustContain(t, "blocks", texts, "1 upcoming booking")
	if v.cancelBk == nil {
		t.Error("the way out of the upcoming booking is not offered beside the restriction")
	}
}
