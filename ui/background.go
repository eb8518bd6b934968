package ui

import (
	"context"
	"sync"
	"time"
)

// background runs work off the UI goroutine, then done on the UI goroutine
// with its result. Everything that touches the disk, the database or a key
// derivation goes through it (or through after), so the window never freezes.
func background[T any](u *App, work func(ctx context.Context) (T, error), done func(T, error)) {
	after(u, 0, work, done)
}

// after is background with a delay: work starts once d has passed. stop
// cancels it: work that has not started never does, and work under way has
// its context cancelled but still reaches done, so callers that stop work
// drop results they no longer want.
func after[T any](u *App, d time.Duration, work func(ctx context.Context) (T, error), done func(T, error)) (stop func()) {
	if u.idle != nil {
		u.idle.touch() // work the owner starts is use
	}
	ctx, cancel := context.WithCancel(u.ctx)
	run := func() {
		v, err := work(ctx)
		u.post(func() {
			cancel()
			done(v, err)
		})
	}
	if d <= 0 {
		go run()
		return cancel
	}
	t := time.AfterFunc(d, run)
	return func() {
		t.Stop()
		cancel()
	}
}

// progress returns a callback for work that reports how far it got; it hands
// show the fraction done on the UI goroutine, at most once per percent, so a
// fast stream of updates cannot flood the window with refreshes.
func progress(u *App, show func(fraction float64)) func(done, total int) {
	var mu sync.Mutex
	last := -1
	return func(done, total int) {
		if total <= 0 {
			return
		}
		pct := min(done*100/total, 100)
		mu.Lock()
		same := pct == last
		last = pct
		mu.Unlock()
		if same {
			return
		}
		u.post(func() { show(float64(pct) / 100) })
	}
}
