package ui

import (
	"context"
	"sync"
	"time"
)

// background runs work off the UI goroutine, then done on the UI goroutine
// with its result. Everything that touches the disk, the database or a key
// derivation goes through it (or through dbWork, for the open salon), so the
// window never freezes.
func background[T any](u *App, work func(ctx context.Context) (T, error), done func(T, error)) {
	start(u, u.ctx, 0, nil, work, done, nil)
}

// start is the one body of background, dbWork and dbAfter: work runs off the
// UI goroutine once d has passed, with a context under parent, then done on
// the UI goroutine — unless wanted, when set, says the result is no longer
// wanted. held, when set, counts the work from now until it has run (or
// will never run): a lock waits for it. stop cancels: work that has not
// started never does, and work under way has its context cancelled.
func start[T any](u *App, parent context.Context, d time.Duration, held *sync.WaitGroup,
	work func(ctx context.Context) (T, error), done func(T, error), wanted func() bool) (stop func()) {
	if u.idle != nil {
		u.idle.touch() // work the owner starts is use
	}
	ctx, cancel := context.WithCancel(parent)
	if held != nil {
		held.Add(1)
	}
	run := func() {
		v, err := work(ctx)
		if held != nil {
			held.Done()
		}
		u.post(func() {
			cancel()
			if wanted == nil || wanted() {
				done(v, err)
			}
		})
	}
	if d <= 0 {
		go run()
		return cancel
	}
	t := time.AfterFunc(d, run)
	return func() {
		if t.Stop() && held != nil {
			held.Done() // run will never start
		}
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
