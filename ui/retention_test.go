package ui

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// oldClients adds n clients whose cards were made three years before now.
func (h *harness) oldClients(n int) {
	h.t.Helper()
	err := h.u.db.Batch(context.Background(), "test.clients", func(b *store.Batch) error {
		b.SetClock(time.Now().AddDate(-3, 0, 0))
		for range n {
			if _, err := b.CreateClient(store.ClientInput{FirstName: "Dawna", LastName: "Klientka"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
}

func TestRetentionTimer(t *testing.T) {
	h := newHarness(t)
	tick := make(chan time.Time)
	h.u.cfg.RetentionTick = tick
	now := time.Now()
	var clockNanos atomic.Int64 // the timer reads the clock on its own goroutine
	setClock := func(t time.Time) time.Time { clockNanos.Store(t.UnixNano()); return t }
	clock := setClock(now)
	h.u.cfg.Clock = func() time.Time { return time.Unix(0, clockNanos.Load()) }
	h.makeSalon()
	sh := h.unlock()
	ctx := context.Background()
	h.oldClients(3)
	if err := h.u.db.SetRetentionPolicy(ctx, store.RetentionPolicy{Policy: store.PolicyLastVisit, Days: 30, Months: 24}); err != nil {
		t.Fatal(err)
	}
	runs := func() []store.RetentionRun {
		rs, err := h.u.db.RetentionRuns(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	// The check at unlock found the policy off; the next tick runs it, as
	// no run has ever finished.
	tick <- clock
	h.waitFor("the first run's summary", func() bool {
		return len(runs()) == 1 && !sh.status.Busy() && strings.Contains(sh.status.Text(), "clients forgotten")
	})
	if r := runs()[0]; r.ClientsForgotten != 3 {
		t.Errorf("run = %+v, want 3 clients forgotten", r)
	}
	mustContain(t, "status line", sh.status.Text(), "3 clients forgotten")

	// An hour later nothing runs; after a day (a laptop waking from sleep
	// sees the jump at its next tick) it runs again.
	clock = setClock(now.Add(time.Hour))
	tick <- clock
	tick <- clock // the second send returns once the first check is over
	if n := len(runs()); n != 1 {
		t.Fatalf("%d runs an hour after the first, want 1", n)
	}
	clock = setClock(now.Add(25 * time.Hour))
	tick <- clock
	h.waitFor("the second run", func() bool { return len(runs()) == 2 })

	// Locking stops the timer: a tick no longer reaches it.
	test.Tap(sh.leave)
	screenOf[*unlockScreen](h, "the unlock screen")
	select {
	case tick <- clock:
		t.Error("the timer still listens after the salon was locked")
	case <-time.After(50 * time.Millisecond):
	}
}

func TestPrivacyScreenPreviewAndSave(t *testing.T) {
	h := newHarness(t)
	tick := make(chan time.Time)
	h.u.cfg.RetentionTick = tick
	h.makeSalon()
	sh := h.unlock()
	ctx := context.Background()
	h.oldClients(2)
	sh.select_(sectionPrivacy)
	v := sh.privacy
	h.waitFor("the settings", func() bool { return v.loaded })
	if v.policyOf() != store.PolicyOff || !v.months.Disabled() || !v.runNow.Disabled() {
		t.Fatal("retention is not off by default, or Run now is offered while it is off")
	}
	if v.years.Text != "5" {
		t.Errorf("statutory years for Poland = %q, want 5", v.years.Text)
	}

	// A preview before switching on changes nothing.
	v.policy.SetSelected(v.policy.Options[2])
	v.months.SetText("24")
	test.Tap(v.preview)
	h.waitFor("the preview", func() bool { return v.lastPlan != nil && v.lastPlan.Policy.Policy == store.PolicyLastVisit })
	if n := len(v.lastPlan.ForgetClients); n != 2 {
		t.Errorf("the preview forgets %d clients, want 2", n)
	}
	if p, _ := h.u.db.RetentionPolicy(ctx); p.Policy != store.PolicyOff {
		t.Error("a preview saved the policy")
	}

	v.months.SetText("lots")
	test.Tap(v.save)
	if visibleText(v.form.errLabel("months")) == "" {
		t.Error("an unreadable number gives no message")
	}
	// Saving a policy that forgets someone today asks first, with the
	// numbers: it goes to work by itself within a minute.
	v.months.SetText("24")
	test.Tap(v.save)
	h.waitFor("the question", func() bool { return v.asked != nil })
	mustContain(t, "question", v.asked.text.Text, "will forget 2 clients for good")
	if p, _ := h.u.db.RetentionPolicy(ctx); p.Policy != store.PolicyOff {
		t.Fatal("the policy was saved before the answer")
	}
	test.Tap(v.asked.yes)
	h.waitFor("the saved policy", func() bool { return v.current.Policy == store.PolicyLastVisit })
	v.asked = nil
	if p, _ := h.u.db.RetentionPolicy(ctx); p.Policy != store.PolicyLastVisit || p.Months != 24 || p.StatutoryYears != 0 {
		t.Errorf("saved policy = %+v", p)
	}
	// Run now says exactly what it will do and asks once.
	test.Tap(v.runNow)
	h.waitFor("the question", func() bool { return v.asked != nil })
	mustContain(t, "question", v.asked.text.Text, "forget 2 clients for good")
	mustContain(t, "answer", v.asked.yes.Text, "Forget 2 clients now")
	if rs, _ := h.u.db.RetentionRuns(ctx, 1); len(rs) != 0 {
		t.Fatal("Run now ran before the answer")
	}
	test.Tap(v.asked.yes)
	h.waitFor("the run", func() bool {
		rs, _ := h.u.db.RetentionRuns(ctx, 1)
		return len(rs) == 1 && len(v.history.Objects) == 1 && sh.privacy == v && !sh.status.Busy()
	})
	mustContain(t, "history", rowTexts(v.history), "2 clients forgotten")
}

// tapRow taps the action button (Open the card when open is set, else the
// other) of row i of l, as drawn.
func tapRow(l *peopleList, i int, open bool) {
	row := l.newRow()
	l.updateRow(i, row)
	buttons := row.(*fyne.Container).Objects[1].(*fyne.Container)
	b := buttons.Objects[1]
	if open {
		b = buttons.Objects[0]
	}
	test.Tap(b.(*widget.Button))
}

// TestRetentionPreviewNamesAndKeep: the preview names everyone the policy
// would forget today; one kept out (with a reason) is left alone by the run
// the owner then confirms, and can be let go again.
func TestRetentionPreviewNamesAndKeep(t *testing.T) {
	h := newHarness(t)
	h.u.cfg.RetentionTick = make(chan time.Time) // only Run now runs it
	h.makeSalon()
	sh := h.unlock()
	ctx := context.Background()
	h.oldClients(3)
	loyal, err := h.u.db.CreateClient(ctx, store.ClientInput{FirstName: "Wierna", LastName: "Klientka"})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.u.db.SetRetentionPolicy(ctx, store.RetentionPolicy{Policy: store.PolicyLastVisit, Days: 30, Months: 24}); err != nil {
		t.Fatal(err)
	}
	sh.select_(sectionPrivacy)
	v := sh.privacy
	h.waitFor("the preview", func() bool { return v.loaded && v.forgetList != nil })
	if n := len(v.forgetList.rows); n != 3 {
		t.Fatalf("the preview names %d clients, want 3", n)
	}
	if r := v.forgetList.rows[0]; r.name != "Dawna Klientka" || r.reason != "no visit; card made" || r.when == "" {
		t.Errorf("row = %+v", r)
	}

	// Keep… asks for a reason, and the client leaves the list for the kept.
	kept := v.forgetList.rows[0].id
	tapRow(v.forgetList, 0, false)
	q := v.askedReason
	if q == nil {
		t.Fatal("Keep… does not ask why")
	}
	test.Tap(q.yes)
	if visibleText(q.problem) == "" {
		t.Error("keeping without a reason is taken")
	}
	test.Type(q.reason, "regular client")
	test.Tap(q.yes)
	h.waitFor("the preview without her", func() bool { return v.forgetList != nil && len(v.forgetList.rows) == 2 && v.keptList != nil })
	if r := v.keptList.rows[0]; r.id != kept || r.reason != "regular client" {
		t.Errorf("kept row = %+v", r)
	}

	test.Tap(v.runNow)
	h.waitFor("the question", func() bool { return v.asked != nil })
	mustContain(t, "question", v.asked.text.Text, "forget 2 clients")
	test.Tap(v.asked.yes)
	h.waitFor("the run", func() bool { rs, _ := h.u.db.RetentionRuns(ctx, 1); return len(rs) == 1 })
	if c, _ := h.u.db.Client(ctx, kept); c.Anonymized {
		t.Error("the run forgot the client kept out")
	}
	if c, _ := h.u.db.Client(ctx, loyal); c.Anonymized {
		t.Error("the run forgot a new client")
	}

	// Stop keeping asks once, then she is due again.
	h.waitFor("the kept list after the run", func() bool { return v.keptList != nil && len(v.keptList.rows) == 1 })
	tapRow(v.keptList, 0, false)
	test.Tap(v.asked.yes)
	h.waitFor("her back in the list", func() bool { return v.forgetList != nil && len(v.forgetList.rows) == 1 && v.keptList == nil })

	// Open the card goes to her card.
	tapRow(v.forgetList, 0, true)
	h.waitFor("her card", func() bool { return sh.card != nil && sh.card.loaded })
	if sh.card.id != kept {
		t.Errorf("opened card %d, want %d", sh.card.id, kept)
	}
}
