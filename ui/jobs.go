package ui

import (
	"context"
	"sync"
	"time"

	"kartoteka/store"
)

// jobs is the background work of one open salon. Locking the salon (or
// quitting) cancels it and waits for it to end before the database closes,
// so no work ever runs against a closed database or a wiped key.
type jobs struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newJobs(parent context.Context) *jobs {
	j := &jobs{}
	j.ctx, j.cancel = context.WithCancel(parent)
	return j
}

// stop cancels the work under way and waits for it; off the UI goroutine.
func (j *jobs) stop() {
	j.cancel()
	j.wg.Wait()
}

// dbWork runs work off the UI goroutine with the database open when dbWork
// is called, then done on the UI goroutine with its result. The database is
// handed to work, never read from the App, so a lock that happens meanwhile
// cannot pull it away: the lock cancels work's context and waits for it.
// Once the salon is locked, dbWork starts nothing, and done is not called
// for work that was under way: its result belongs to a salon no longer open.
func dbWork[T any](u *App, work func(ctx context.Context, db *store.DB) (T, error), done func(T, error)) {
	dbAfter(u, 0, work, done)
}

// dbAfter is dbWork with a delay: work starts once d has passed. stop
// cancels it: work that has not started never does, and work under way has
// its context cancelled but still reaches done, so callers that stop work
// drop results they no longer want.
func dbAfter[T any](u *App, d time.Duration, work func(ctx context.Context, db *store.DB) (T, error), done func(T, error)) (stop func()) {
	db, j := u.db, u.jobs
	if db == nil || j == nil {
		return func() {}
	}
	parent := j.ctx
	if u.acting != 0 {
		parent = store.ActAs(parent, u.acting) // the store checks and audits them
	}
	return start(u, parent, d, &j.wg, func(ctx context.Context) (T, error) { return work(ctx, db) }, done,
		func() bool { return u.jobs == j }) // not locked meanwhile
}

// may says whether the person acting may do p: what the window offers
// follows it (hidden, or disabled with the reason), and the store refuses
// the rest anyway.
func (u *App) may(p store.Permission) bool { return u.grant.Has(p) }
