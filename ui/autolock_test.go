package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

func TestAutoLock(t *testing.T) {
	h := newHarness(t)
	look, pass := h.idleClock()
	h.makeSalon()
	sh := h.unlock()
	h.waitFor("the start", func() bool { return sh.dueKnown })

	// Nine idle minutes: still open. The pointer moves: the count starts
	// again, so nine more are fine too.
	pass(9 * time.Minute)
	look()
	if h.u.current != sh {
		t.Fatal("locked after nine minutes")
	}
	root := h.u.win.Content().(*activityRoot)
	root.MouseMoved(&desktop.MouseEvent{})
	pass(9 * time.Minute)
	look()
	if h.u.current != sh {
		t.Fatal("locked although the pointer moved nine minutes ago")
	}

	// Typing in a field counts too, even when it starts no work: five
	// minutes into a new client's details, then nine more.
	sh.openNew()
	pass(5 * time.Minute)
	entry := sh.newClient.form.field("notes").entry
	h.u.win.Canvas().Focus(entry)
	test.Type(entry, "Prefers mornings")
	look()
	pass(9 * time.Minute)
	look()
	if h.u.current != sh {
		t.Fatal("locked while the owner was typing")
	}

	// Eleven idle minutes: the unlock screen, with the reason.
	pass(11 * time.Minute)
	look()
	u := screenOf[*unlockScreen](h, "the unlock screen")
	mustContain(t, "notice", u.notice.Text, "Locked after 10 minutes without use")
	if h.u.db != nil || h.u.retention != nil {
		t.Error("the database or the retention timer stays open after the lock")
	}

	// Off: never.
	h.u.fyne.Preferences().SetInt(prefAutoLock, 0)
	test.Type(u.pass, testPassphrase)
	test.Tap(u.unlock)
	screenOf[*shellScreen](h, "the main window")
	pass(time.Hour)
	look()
	if _, ok := h.u.current.(*shellScreen); !ok {
		t.Error("locked with auto-lock off")
	}
}
