package ui

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"kartoteka/store"
)

// member is a staff member a test adds, with a PIN ("" for none).
type member struct {
	name, role, pin string
}

// addStaff adds members to the closed salon at the app's path, PINs given
// in order (the owner's first), and returns their IDs.
func (h *harness) addStaff(members ...member) []int64 {
	h.t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, h.u.cfg.Path, testPassphrase, store.Options{KDF: store.CheapKDF})
	if err != nil {
		h.t.Fatal(err)
	}
	defer db.Close()
	var ids []int64
	for _, m := range members {
		id, err := db.CreateStaff(ctx, store.Staff{Name: m.name, Role: m.role})
		if err != nil {
			h.t.Fatal(err)
		}
		ids = append(ids, id)
	}
	for i, m := range members {
		if m.pin != "" {
			if err := db.SetPIN(ctx, ids[i], m.pin); err != nil {
				h.t.Fatal(err)
			}
		}
	}
	return ids
}

// unlockToSwitch unlocks the salon and waits for "Who is working?".
func (h *harness) unlockToSwitch() *switchScreen {
	h.t.Helper()
	h.u.Start()
	u := screenOf[*unlockScreen](h, "the unlock screen")
	test.Type(u.pass, testPassphrase)
	test.Tap(u.unlock)
	s := screenOf[*switchScreen](h, "the switch screen")
	h.waitFor("the names", func() bool { return len(s.buttons) > 0 })
	if r := h.u.retention; r != nil { // as unlock does
		h.waitFor("the daily jobs at unlock", func() bool {
			select {
			case <-r.settled:
				return true
			default:
				return false
			}
		})
	}
	return s
}

// signInAs picks name on the switch screen and types pin.
func (h *harness) signInAs(s *switchScreen, name, pin string) {
	h.t.Helper()
	for i, p := range s.staff {
		if p.Name == name {
			test.Tap(s.buttons[i])
			test.Type(s.pin, pin)
			submit(s.pin)
			return
		}
	}
	h.t.Fatalf("%s is not on the switch screen: %v", name, s.staff)
}

// pinRevealable reports whether the drawn field e has something to tap
// besides itself, such as the eye of a password field.
func pinRevealable(e fyne.Widget) bool {
	for _, o := range test.WidgetRenderer(e).Objects() {
		if _, ok := o.(fyne.Tappable); ok {
			return true
		}
	}
	return false
}

// lastAudit is the newest audit event of action, read as no one in
// particular.
func (h *harness) lastAudit(action string) store.AuditEvent {
	h.t.Helper()
	var found store.AuditEvent
	h.waitFor("the audit event "+action, func() bool {
		events, err := h.u.db.AuditEvents(context.Background(), store.AuditFilter{}, 0, 50)
		if err != nil {
			h.t.Fatal(err)
		}
		for _, e := range events {
			if e.Action == action {
				found = e
				return true
			}
		}
		return false
	})
	return found
}

func TestSwitchScreenAfterUnlock(t *testing.T) {
	// One PIN (the owner's): no switch screen; the owner acts, so the
	// audit names her.
	h := newHarness(t)
	h.makeSalon()
	ids := h.addStaff(member{"Ewa Owner", "owner", "1234"}, member{"Ola Stylist", "stylist", ""})
	sh := h.unlock()
	if h.u.acting != ids[0] || h.u.team.switching() || sh.who != nil {
		t.Errorf("with one PIN: acting %d, switching %v, quick switch %v; want the owner %d, no switching", h.u.acting, h.u.team.switching(), sh.who != nil, ids[0])
	}
	sh.openNew()
	sh.newClient.form.entries["first_name"].SetText("Jan")
	sh.newClient.form.entries["last_name"].SetText("Nowak")
	sh.newClient.onSave()
	if e := h.lastAudit("client.create"); e.Actor != store.StaffActor(ids[0]) {
		t.Errorf("a new client is audited as %q, want the owner's %q", e.Actor, store.StaffActor(ids[0]))
	}
	h.stop()

	// Two PINs: the switch screen, with both names and nothing else open.
	h = newHarness(t)
	h.makeSalon()
	ids = h.addStaff(member{"Ewa Owner", "owner", "1234"}, member{"Ola Stylist", "stylist", "5678"}, member{"Iza Gone", "reception", ""})
	s := h.unlockToSwitch()
	if len(s.staff) != 2 {
		t.Fatalf("the switch screen lists %v, want the two with a PIN", s.staff)
	}
	if h.u.win.Canvas().Focused() != s.buttons[0] {
		t.Error("the first name does not have the keyboard")
	}
	// The keyboard: Down moves to the second name, Enter picks it.
	s.buttons[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if h.u.win.Canvas().Focused() != s.buttons[1] {
		t.Fatal("Down did not move to the next name")
	}
	submit(h.u.win.Canvas().Focused())
	if s.chosen != 1 || h.u.win.Canvas().Focused() != s.pin {
		t.Fatalf("Enter on a name: chosen %d, focus %T; want the second name and the PIN field", s.chosen, h.u.win.Canvas().Focused())
	}

	// The PIN field, drawn, has no eye to show the PIN (typed in front
	// of colleagues): nothing in it to tap but the field itself.
	if !s.pin.Password || pinRevealable(s.pin) {
		t.Error("the switch screen's PIN field can show the PIN")
	}

	// A wrong PIN says so, and stays.
	test.Type(s.pin, "0000")
	submit(s.pin)
	h.waitFor("the wrong-PIN message", func() bool { return visibleText(s.message) == lang.L("Wrong PIN. Try again.") })
	if h.u.current != s || s.pin.Text != "" {
		t.Error("a wrong PIN left the switch screen, or left the PIN in the field")
	}

	// Letters are not taken; the right PIN opens the window as Ola.
	test.Type(s.pin, "56a78")
	if s.pin.Text != "5678" {
		t.Errorf("the PIN field holds %q, want digits only", s.pin.Text)
	}
	submit(s.pin)
	sh = screenOf[*shellScreen](h, "the main window")
	if h.u.acting != ids[1] || h.u.grant.Role != "stylist" || sh.who == nil || sh.who.Text != "Ola Stylist" {
		t.Errorf("signed in: acting %d (%s), top %v; want Ola (%d, stylist)", h.u.acting, h.u.grant.Role, sh.who, ids[1])
	}
	if e := h.lastAudit("staff.sign_in"); e.Actor != store.StaffActor(ids[1]) {
		t.Errorf("sign-in audited as %q", e.Actor)
	}
}

func TestQuickSwitch(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	ids := h.addStaff(member{"Ewa Owner", "owner", "1234"}, member{"Rita Reception", "reception", "2468"})
	s := h.unlockToSwitch()
	h.signInAs(s, "Ewa Owner", "1234")
	sh := screenOf[*shellScreen](h, "the main window")

	// Typed and not saved: the quick switch asks first; Stay stays.
	sh.openNew()
	sh.newClient.form.entries["first_name"].SetText("Half")
	test.Tap(sh.who)
	if sh.prompt == nil {
		t.Fatal("the quick switch did not ask about the unsaved new client")
	}
	test.Tap(sh.prompt.stay)
	if h.u.current != sh {
		t.Fatal("Stay left the window")
	}
	test.Tap(sh.who)
	test.Tap(sh.prompt.discard)
	s = screenOf[*switchScreen](h, "the switch screen")
	if h.u.db == nil {
		t.Fatal("the quick switch locked the salon")
	}
	h.waitFor("the names", func() bool { return len(s.buttons) == 2 })

	// Rita now: what she does is audited as hers.
	h.signInAs(s, "Rita Reception", "2468")
	sh = screenOf[*shellScreen](h, "the main window")
	sh.openNew()
	sh.newClient.form.entries["first_name"].SetText("Jan")
	sh.newClient.form.entries["last_name"].SetText("Nowak")
	sh.newClient.onSave()
	if e := h.lastAudit("client.create"); e.Actor != store.StaffActor(ids[1]) {
		t.Errorf("the client Rita added is audited as %q, want %q", e.Actor, store.StaffActor(ids[1]))
	}
}

func TestPINThrottleAndLock(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	ids := h.addStaff(member{"Ewa Owner", "owner", "1234"}, member{"Ola Stylist", "stylist", "5678"})

	// Two wrong PINs cost nothing; the third makes Ola wait, the field
	// disabled meanwhile with the time to wait.
	s := h.unlockToSwitch()
	for i := range store.PINFreeTries - 1 {
		h.signInAs(s, "Ola Stylist", "0000")
		h.waitFor("a wrong PIN", func() bool { return !s.working && visibleText(s.message) != "" })
		if s.pin.Disabled() {
			t.Fatalf("the field is disabled after %d wrong PINs", i+1)
		}
	}
	h.signInAs(s, "Ola Stylist", "0000")
	h.waitFor("the wait", func() bool { return !s.working && s.pin.Disabled() })
	mustContain(t, "message", visibleText(s.message), "2 seconds")
	if !s.enter.Disabled() {
		t.Error("Continue stays enabled during the wait")
	}
	// Ewa has no wait of her own.
	test.Tap(s.buttons[0])
	if s.pin.Disabled() {
		t.Error("Ola's wait keeps Ewa out too")
	}
	test.Tap(s.buttons[1])
	h.waitFor("the end of the wait", func() bool { return !s.pin.Disabled() })
	h.stop()

	// Ten in a row lock the salon: nine of Ewa's made here, the store's
	// clock moved on past each wait, then one more on the screen. (Made
	// before the unlock, they would not count: the passphrase forgives.)
	ctx := context.Background()
	var clock atomic.Int64
	clock.Store(time.Now().Add(-time.Hour).UnixNano())
	path := h.u.cfg.Path
	h = newHarnessAt(t, path, path+".demo")
	h.u.cfg.Options.Now = func() time.Time { return time.Unix(0, clock.Load()) }
	s = h.unlockToSwitch()
	for range store.PINLockAfter - 1 {
		clock.Add(int64(3 * time.Minute))
		if err := h.u.db.CheckPIN(ctx, ids[0], "0000"); !errors.Is(err, store.ErrWrongPIN) || errors.As(err, new(store.PINThrottled)) && !strings.Contains(err.Error(), "wrong PIN: ") {
			t.Fatal(err)
		}
	}
	clock.Add(int64(3 * time.Minute))
	h.signInAs(s, "Ewa Owner", "0000")
	u := screenOf[*unlockScreen](h, "the unlock screen")
	mustContain(t, "notice", visibleText(u.notice), "10 wrong PINs in a row")
	if h.u.db != nil {
		t.Error("the salon stays open after ten wrong PINs")
	}

	// The passphrase opens it again, and the ten no longer count: one
	// wrong PIN after it is a wrong PIN, not another lock.
	test.Type(u.pass, testPassphrase)
	test.Tap(u.unlock)
	s = screenOf[*switchScreen](h, "the switch screen after the passphrase")
	h.waitFor("the names", func() bool { return len(s.buttons) > 0 })
	h.signInAs(s, "Ewa Owner", "0000")
	h.waitFor("the answer", func() bool { return !s.working && visibleText(s.message) != "" })
	if h.u.current != s || h.u.db == nil {
		t.Fatal("one wrong PIN after the passphrase unlock locked the salon again")
	}
	mustContain(t, "message", visibleText(s.message), "Wrong PIN. Try again.")
	if e := h.lastAudit("staff.pins_forgiven"); e.Details["staff"] != 1 {
		t.Errorf("the forgiving's event: %+v", e)
	}
	h.signInAs(s, "Ewa Owner", "1234")
	screenOf[*shellScreen](h, "the main window")
}

// idleClock drives the idle watch by hand: look lets it look once, at the
// clock that pass moves on.
func (h *harness) idleClock() (look func(), pass func(time.Duration)) {
	tick := make(chan time.Time)
	h.u.cfg.IdleTick = tick
	var clockNanos atomic.Int64
	clockNanos.Store(time.Now().UnixNano())
	h.u.cfg.Clock = func() time.Time { return time.Unix(0, clockNanos.Load()) }
	look = func() {
		h.t.Helper()
		select {
		case tick <- time.Now():
		case <-time.After(5 * time.Second): // a guard, not a wait: the watch takes a tick at once
			h.t.Fatal("the idle watch no longer listens (the salon locked early?)")
		}
		h.waitFor("the look", func() bool { return len(h.queue) == 0 })
	}
	return look, func(d time.Duration) { clockNanos.Add(int64(d)) }
}

func TestIdleReturnsToSwitch(t *testing.T) {
	h := newHarness(t)
	look, pass := h.idleClock()
	h.makeSalon()
	ids := h.addStaff(member{"Ewa Owner", "owner", "1234"}, member{"Rita Reception", "reception", "2468"})
	s := h.unlockToSwitch()
	h.signInAs(s, "Rita Reception", "2468")
	sh := screenOf[*shellScreen](h, "the main window")
	h.waitFor("the start", func() bool { return sh.draftsRead && sh.dueKnown })

	// Rita starts a new client and walks away: four minutes, still hers;
	// five, the switch screen, the salon unlocked, her typing kept.
	sh.openNew()
	entry := sh.newClient.form.entries["first_name"]
	h.u.win.Canvas().Focus(entry)
	test.Type(entry, "Half-typed")
	look() // the typing is use
	look()
	pass(4 * time.Minute)
	look()
	if h.u.current != sh {
		t.Fatal("back to the switch screen after four minutes")
	}
	pass(time.Minute + time.Second)
	look()
	s = screenOf[*switchScreen](h, "the switch screen")
	if h.u.db == nil {
		t.Fatal("the idle return locked the salon")
	}
	mustContain(t, "notice", visibleText(s.notice), "5 minutes without use")
	h.waitFor("the draft kept", func() bool {
		return strings.Contains(visibleText(s.notice), "come back when the same person continues")
	})

	// Ewa signs in: Rita's draft is not hers.
	h.signInAs(s, "Ewa Owner", "1234")
	sh = screenOf[*shellScreen](h, "the main window")
	h.waitFor("the drafts read", func() bool { return sh.draftsRead })
	if sh.newClient != nil {
		t.Error("Rita's half-typed client came back to Ewa")
	}
	test.Tap(sh.who)
	s = screenOf[*switchScreen](h, "the switch screen")
	h.waitFor("the names", func() bool { return len(s.buttons) == 2 })
	h.signInAs(s, "Rita Reception", "2468")
	sh = screenOf[*shellScreen](h, "the main window")
	h.waitFor("Rita's draft", func() bool { return sh.newClient != nil })
	if got := sh.newClient.form.entries["first_name"].Text; got != "Half-typed" {
		t.Errorf("Rita's draft came back as %q", got)
	}
	if h.u.acting != ids[1] {
		t.Errorf("acting %d, want Rita %d", h.u.acting, ids[1])
	}

	// The auto-lock still comes, from the switch screen too: the switch at
	// five minutes, the lock at ten.
	look()
	look()
	pass(6 * time.Minute)
	look()
	screenOf[*switchScreen](h, "the switch screen")
	pass(5 * time.Minute)
	look()
	screenOf[*unlockScreen](h, "the unlock screen")
	if h.u.db != nil {
		t.Error("the salon stays unlocked after the auto-lock's minutes")
	}
}

// TestDraftsOfTwoPeopleAreBothKept: Rita and Ewa each leave a new client
// half-typed and walk away; the idle return to the switch screen keeps
// both drafts, neither replaces the other's, and each comes back to the
// one who typed it.
func TestDraftsOfTwoPeopleAreBothKept(t *testing.T) {
	h := newHarness(t)
	look, pass := h.idleClock()
	h.makeSalon()
	h.addStaff(member{"Ewa Owner", "owner", "1234"}, member{"Rita Reception", "reception", "2468"})
	s := h.unlockToSwitch()
	signIn := func(name, pin string) *shellScreen {
		t.Helper()
		h.waitFor("the names", func() bool { return len(s.buttons) == 2 })
		h.signInAs(s, name, pin)
		sh := screenOf[*shellScreen](h, "the main window")
		h.waitFor("the drafts read", func() bool { return sh.draftsRead })
		return sh
	}
	walkAway := func() {
		t.Helper()
		look() // the typing is use
		look()
		pass(6 * time.Minute)
		look()
		s = screenOf[*switchScreen](h, "the switch screen")
		h.waitFor("the draft kept", func() bool {
			return strings.Contains(visibleText(s.notice), "come back when the same person continues")
		})
	}
	for _, p := range []struct{ name, pin, typed string }{{"Rita Reception", "2468", "Rita typed"}, {"Ewa Owner", "1234", "Ewa typed"}} {
		sh := signIn(p.name, p.pin)
		if sh.newClient != nil {
			t.Fatalf("%s found someone else's draft", p.name)
		}
		sh.openNew()
		h.u.win.Canvas().Focus(sh.newClient.form.entries["first_name"])
		test.Type(sh.newClient.form.entries["first_name"], p.typed)
		walkAway()
	}
	for _, p := range []struct{ name, pin, typed string }{{"Rita Reception", "2468", "Rita typed"}, {"Ewa Owner", "1234", "Ewa typed"}} {
		sh := signIn(p.name, p.pin)
		if sh.newClient == nil {
			t.Fatalf("%s's draft did not come back", p.name)
		}
		if got := sh.newClient.form.entries["first_name"].Text; got != p.typed {
			t.Errorf("%s's draft came back as %q, want %q", p.name, got, p.typed)
		}
		walkAway()
	}
}

// TestForgotPIN: "Forgot PIN?" shows for an owner picked, not for the
// others; the salon's passphrase, checked in the background, sets her a
// new PIN and signs her in; a wrong one changes nothing.
func TestForgotPIN(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	ids := h.addStaff(member{"Ewa Owner", "owner", "1234"}, member{"Ola Stylist", "stylist", "5678"})
	s := h.unlockToSwitch()
	if s.forgot.Visible() {
		t.Error("Forgot PIN? shows before anyone is picked")
	}
	test.Tap(s.buttons[1])
	if s.forgot.Visible() {
		t.Error("Forgot PIN? shows for a stylist")
	}
	test.Tap(s.buttons[0])
	if !s.forgot.Visible() {
		t.Fatal("no Forgot PIN? for the owner")
	}
	test.Tap(s.forgot)
	f := s.forgotQ
	if f == nil {
		t.Fatal("Forgot PIN? asks nothing")
	}
	h.waitFor("the passphrase field to take the keyboard", func() bool { return h.u.win.Canvas().Focused() == f.pass })
	if pinRevealable(f.pin) || pinRevealable(f.again) {
		t.Error("the new PIN's fields can show it")
	}

	// The PINs must agree; the passphrase must be the salon's.
	test.Type(f.pass, "not the passphrase")
	test.Type(f.pin, "4321")
	test.Type(f.again, "4312")
	submit(f.again)
	mustContain(t, "problem", visibleText(f.problem), "The two PINs differ")
	f.again.SetText("4321")
	submit(f.again)
	h.waitFor("the passphrase checked", func() bool { return !f.working && visibleText(f.problem) != "" })
	mustContain(t, "problem", visibleText(f.problem), "Wrong passphrase")
	if h.u.current != s || f.pass.Text != "" {
		t.Fatal("a wrong passphrase left the switch screen, or stayed in its field")
	}

	test.Type(f.pass, testPassphrase)
	submit(f.pass)
	screenOf[*shellScreen](h, "the main window")
	if h.u.acting != ids[0] {
		t.Errorf("acting %d after the new PIN, want the owner %d", h.u.acting, ids[0])
	}
	if e := h.lastAudit("staff.pin"); e.Actor != store.StaffActor(ids[0]) || e.Details["passphrase"] != 1 {
		t.Errorf("the new PIN's event: %+v", e)
	}
	ctx := context.Background()
	if err := h.u.db.CheckPIN(ctx, ids[0], "4321"); err != nil {
		t.Errorf("the new PIN: %v", err)
	}
	if err := h.u.db.CheckPIN(ctx, ids[0], "1234"); !errors.Is(err, store.ErrWrongPIN) {
		t.Errorf("the forgotten PIN: %v", err)
	}
}
