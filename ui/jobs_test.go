package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kartoteka/privacy"
	"kartoteka/store"
)

// TestLockWhileWorking locks the salon in the same turn of the UI goroutine
// as every kind of background work starts: the work must end against the
// database it started with (never a nil or closed one), the lock must wait
// for it, and the salon must open whole again. Run with -race (make race),
// it also catches work that reads the App's fields off the UI goroutine —
// as the automatic backup once did, crashing the app when the idle lock and
// the daily job fired together.
func TestLockWhileWorking(t *testing.T) {
	starts := []struct {
		name  string
		start func(h *harness, sh *shellScreen, tm team)
	}{
		{"status line counts", func(h *harness, sh *shellScreen, tm team) { sh.loadCounts() }},
		{"client search", func(h *harness, sh *shellScreen, tm team) {
			sh.select_(sectionClients)
			test.Type(sh.clients.search, "Now")
		}},
		{"client card", func(h *harness, sh *shellScreen, tm team) { sh.showClientCard(tm.zofia) }},
		{"calendar", func(h *harness, sh *shellScreen, tm team) { sh.select_(sectionCalendar) }},
		{"privacy preview", func(h *harness, sh *shellScreen, tm team) { sh.select_(sectionPrivacy) }},
		{"services", func(h *harness, sh *shellScreen, tm team) { sh.select_(sectionServices) }},
		{"forget preview", func(h *harness, sh *shellScreen, tm team) { sh.openForget(tm.zofia) }},
		{"back up now", func(h *harness, sh *shellScreen, tm team) {
			h.u.fyne.Preferences().SetString(prefBackupFolder, h.t.TempDir())
			sh.select_(sectionSettings)
			sh.settings.backups.update()
			test.Tap(sh.settings.backups.now)
		}},
		{"retention run now", func(h *harness, sh *shellScreen, tm team) {
			plan, err := privacy.PlanRetention(context.Background(), h.u.db, store.RetentionPolicy{Policy: store.PolicyLastVisit, Months: 1}, h.u.now().AddDate(1, 0, 0))
			if err != nil {
				h.t.Fatal(err)
			}
			h.u.retention.runNow(plan)
		}},
		{"automatic backup", func(h *harness, sh *shellScreen, tm team) {
			p := h.u.fyne.Preferences()
			p.SetString(prefBackupFolder, h.t.TempDir())
			p.SetBool(prefBackupAuto, true)
			h.tick <- time.Now() // the daily job starts a backup on its own goroutine
		}},
	}
	for _, s := range starts {
		t.Run(s.name, func(t *testing.T) {
			h := newHarness(t)
			h.tick = make(chan time.Time)
			h.u.cfg.RetentionTick = h.tick
			h.makeSalon()
			tm := h.makeTeam()
			sh := h.unlock()
			if err := h.u.db.SetRetentionPolicy(context.Background(),
				store.RetentionPolicy{Policy: store.PolicyLastVisit, Days: 30, Months: 24}); err != nil {
				t.Fatal(err)
			}
			s.start(h, sh, tm)
			sh.onLeave() // Lock, before any of the work's results are back
			u := screenOf[*unlockScreen](h, "the unlock screen")
			if h.u.db != nil || h.u.jobs != nil {
				t.Fatal("the salon is still open after the lock")
			}
			test.Type(u.pass, testPassphrase)
			test.Tap(u.unlock)
			screenOf[*shellScreen](h, "the main window again")
			// Whole: the card is as it was, or forgotten whole by a run
			// that finished its batch before the lock.
			if c, err := h.u.db.Client(context.Background(), tm.zofia); err != nil || c.FirstName != "Zofia" && !c.Anonymized {
				t.Errorf("after the lock the card reads %+v, %v", c, err)
			}
			if res, err := h.u.db.Check(context.Background()); err != nil || !res.OK {
				t.Errorf("after the lock the file checks %+v, %v", res, err)
			}
		})
	}
}

// TestWorkAfterLockNeverStarts: a result that arrives after the lock (a
// save's reload, say) must not start work against the closed salon.
func TestWorkAfterLockNeverStarts(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	sh.onLeave()
	screenOf[*unlockScreen](h, "the unlock screen")
	ran := false
	dbWork(h.u, func(context.Context, *store.DB) (struct{}, error) {
		ran = true
		return struct{}{}, nil
	}, func(struct{}, error) { ran = true })
	stop := dbAfter(h.u, time.Millisecond, func(context.Context, *store.DB) (struct{}, error) {
		ran = true
		return struct{}{}, nil
	}, func(struct{}, error) { ran = true })
	stop()
	for len(h.queue) > 0 { // what the window queued for itself, such as following the focus
		(<-h.queue)()
	}
	if ran {
		t.Error("work started against a locked salon")
	}
}
