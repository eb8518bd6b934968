package ui

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"kartoteka/privacy"
	"kartoteka/store"
)

// retentionEvery is how old the last run may be before the next one.
const retentionEvery = 24 * time.Hour

// retentionCheck is how often the timer looks at the clock: often enough to
// notice a jump after the laptop slept.
const retentionCheck = time.Minute

// retentionTimer runs the salon's daily jobs in the background while it is
// open — retention, then the automatic backup (see backupDue) — retention at unlock and then whenever the last finished run is
// over a day old, never two runs at once. It stops, and waits for a run to
// reach the end of its batch, when the salon is locked or the app quits.
type retentionTimer struct {
	u       *App
	db      *store.DB
	ctx     context.Context
	cancel  context.CancelFunc
	tick    <-chan time.Time
	stopper func() // stops the ticker
	wg      sync.WaitGroup
	running atomic.Bool
	settled chan struct{} // closed once the jobs at unlock are done
	// requestsDay is the day checkRequests last ran; only the timer's
	// goroutine touches it.
	requestsDay string

	// Called on the UI goroutine.
	onStart    func()
	onProgress func(fraction float64)
	onDone     func(run store.RetentionRun, err error)
}

// startRetention starts the timer of the open salon.
func (u *App) startRetention() {
	t := &retentionTimer{u: u, db: u.db, settled: make(chan struct{})}
	t.ctx, t.cancel = context.WithCancel(u.ctx)
	if u.cfg.RetentionTick != nil {
		t.tick, t.stopper = u.cfg.RetentionTick, func() {}
	} else {
		ticker := time.NewTicker(retentionCheck)
		t.tick, t.stopper = ticker.C, ticker.Stop
	}
	shell := func() *shellScreen { sh, _ := u.current.(*shellScreen); return sh }
	var end func()
	t.onStart = func() {
		if sh := shell(); sh != nil {
			end = sh.begin(lang.L("Retention: applying the policy…"))
		}
	}
	t.onProgress = func(f float64) {
		if sh := shell(); sh != nil && end != nil {
			sh.status.SetBusy(lang.L("Retention: applying the policy…"), f)
		}
	}
	t.onDone = func(run store.RetentionRun, err error) {
		if end != nil {
			end()
			end = nil
		}
		sh := shell()
		afterwards := errors.Is(err, privacy.ErrAfterwards) // the run is done; a ledger file is behind
		if afterwards {
			fyne.LogError("ui: retention", err)
			err = nil
		}
		switch {
		case err != nil && t.ctx.Err() == nil:
			fyne.LogError("ui: retention", err)
			if sh != nil {
				sh.status.SetIdle(lang.L("Retention stopped; it will finish next time.") + " " + errorMessage(err))
			}
			return
		case err != nil:
			return // stopped by lock or quit
		}
		if run.ClientsForgotten+run.BookingsRemoved+run.BookingsAnonymized+run.InvoicesPurged > 0 {
			u.notify(retentionSummary(run))
		}
		if sh != nil {
			sh.retentionNote = retentionSummary(run)
			sh.loadCounts()
			sh.loadDueSoon()
			if sh.privacy != nil {
				sh.privacy.load()
			}
		}
	}
	u.retention = t
	t.wg.Add(1)
	go t.loop()
}

// stop ends the timer and waits for a run under way to stop between
// batches; it may be called off the UI goroutine.
func (t *retentionTimer) stop() {
	t.cancel()
	t.stopper()
	t.wg.Wait()
}

// loop runs retention, the backup and the request reminders at unlock, then
// every tick; the key upkeep and the weekly deep check, which read the whole
// file, wait for the first tick (a minute on), not to slow the owner's first
// steps.
func (t *retentionTimer) loop() {
	defer t.wg.Done()
	t.check(nil)
	t.checkBackup()
	t.checkRequests()
	close(t.settled)
	for {
		select {
		case <-t.ctx.Done():
			return
		case <-t.tick:
			t.check(nil)
			t.checkBackup()
			t.checkIntegrity()
			t.checkRequests()
		}
	}
}

// checkBackup makes the automatic daily backup when it is due, never while
// retention runs.
func (t *retentionTimer) checkBackup() {
	folder, due := backupDue(t.u)
	if !due || !t.running.CompareAndSwap(false, true) {
		return
	}
	defer t.running.Store(false)
	_, err := backUp(t.ctx, t.u, t.db, folder)
	t.u.post(func() {
		sh, _ := t.u.current.(*shellScreen)
		if sh == nil {
			return
		}
		if err != nil && t.ctx.Err() == nil && !errors.Is(err, privacy.ErrAfterwards) {
			fyne.LogError("ui: automatic backup", err)
			sh.status.SetIdle(lang.L("The automatic backup could not be written.") + " " + errorMessage(err))
		}
		sh.updateReminder()
		if sh.settings != nil {
			sh.settings.backups.update()
		}
	})
}

// runNow carries out plan at once — the plan the owner confirmed, with
// every rule checked again as it goes — whatever the time of the last run,
// unless a run is under way.
func (t *retentionTimer) runNow(plan *privacy.RetentionPlan) {
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		t.check(plan)
	}()
}

// check runs retention when it is due, or carries out plan when given, on
// its own goroutine; results reach the UI through post.
func (t *retentionTimer) check(plan *privacy.RetentionPlan) {
	if !t.running.CompareAndSwap(false, true) {
		return // never two runs at once
	}
	defer t.running.Store(false)
	if plan == nil {
		p, err := t.db.RetentionPolicy(t.ctx)
		if err != nil {
			return
		}
		now := t.u.now()
		last, err := privacy.LastRetentionRun(t.ctx, t.db)
		if err != nil || !last.IsZero() && now.Sub(last) < retentionEvery {
			return
		}
		if plan, err = privacy.PlanRetention(t.ctx, t.db, p, now); err != nil {
			fyne.LogError("ui: retention plan", err)
			return
		}
		// With the policy off only invoices past their statutory period are
		// purged: a day without any leaves no run behind.
		if p.Policy == store.PolicyOff && plan.Empty() {
			return
		}
	}
	t.u.post(func() {
		if t.onStart != nil {
			t.onStart()
		}
	})
	run, err := privacy.ApplyRetention(t.ctx, t.db, plan, progress(t.u, func(f float64) {
		if t.onProgress != nil {
			t.onProgress(f)
		}
	}), backupFolders(t.u)...) // forgetting reaches the ledger beside the backups too
	t.u.post(func() {
		if t.onDone != nil {
			t.onDone(run, err)
		}
	})
}

// retentionSummary says what a run did, as the status line and the
// notification put it.
func retentionSummary(run store.RetentionRun) string {
	return lang.L("Retention: {{.Clients}} clients forgotten, {{.Removed}} bookings removed, {{.Anonymized}} moved to the accounts card, {{.Invoices}} invoices purged.",
		map[string]any{"Clients": run.ClientsForgotten, "Removed": run.BookingsRemoved, "Anonymized": run.BookingsAnonymized, "Invoices": run.InvoicesPurged})
}

// notify shows the summary of a run as a system notification.
func (u *App) notify(text string) {
	u.fyne.SendNotification(fyne.NewNotification("Kartoteka", text))
}
