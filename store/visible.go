package store

import (
	"context"
	"slices"
	"sync"
	"time"
)

// What a person acting may read. Writes are checked by their audited action
// (see actionPermissions); reads here: a card is shown only to whom may see
// clients (a stylist, only those booked today), health notes only with
// health.view, payments and invoices only with payments.view.

type checkedKey struct{}

// CheckedFlow returns a context for a flow whose permission the caller has
// checked as a whole with [DB.Require] (an export, a forget): its reads and
// writes are not checked again, so that an export is complete, and they are
// still audited as the person's.
func CheckedFlow(ctx context.Context) context.Context {
	return context.WithValue(ctx, checkedKey{}, true)
}

func checking(ctx context.Context) bool {
	checked, _ := ctx.Value(checkedKey{}).(bool)
	return Acting(ctx) != 0 && !checked
}

// Require refuses, with a NotPermitted, unless the person acting in ctx has
// p. No one acting (the passphrase holder, the system) has every permission.
func (db *DB) Require(ctx context.Context, p Permission) error {
	if !checking(ctx) {
		return nil
	}
	g, err := db.Grant(ctx)
	if err != nil {
		return err
	}
	return g.Check(p)
}

// readGrant is the grant reads follow: everything when nothing is checked.
func (db *DB) readGrant(ctx context.Context) (Grant, error) {
	if !checking(ctx) {
		return Grant{}, nil
	}
	return db.Grant(ctx)
}

// screen keeps the cards the grant may see, health notes blanked without
// health.view.
func (db *DB) screen(ctx context.Context, g Grant, cs []Client) ([]Client, error) {
	if g.Staff == 0 {
		return cs, nil
	}
	if !g.SeesClients() {
		return nil, g.Check(PermClientsView)
	}
	var today map[int64]bool
	if g.TodayOnly() {
		ids, err := db.bookedToday(ctx)
		if err != nil {
			return nil, err
		}
		today = make(map[int64]bool, len(ids))
		for _, id := range ids {
			today[id] = true
		}
	}
	out := cs[:0]
	for _, c := range cs {
		if today != nil && !today[c.ID] {
			continue
		}
		if !g.Has(PermHealthView) {
			c.HealthNotes, c.HealthHidden = "", c.HealthNotes != ""
		}
		out = append(out, c)
	}
	return out, nil
}

// screenOne is screen for one card: a card the grant may not see is a
// NotPermitted.
func (db *DB) screenOne(ctx context.Context, g Grant, c Client) (Client, error) {
	kept, err := db.screen(ctx, g, []Client{c})
	if err != nil {
		return Client{}, err
	}
	if len(kept) == 0 {
		return Client{}, g.Check(PermClientsView)
	}
	return kept[0], nil
}

// bookedToday lists the clients with a booking today (not cancelled), in the
// salon's local day. The list is kept until the day ends or anything is
// written (see todayCache): a stylist's search screens by it at every
// keystroke.
func (db *DB) bookedToday(ctx context.Context) ([]int64, error) {
	now := db.now()
	from := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	if ids, ok := db.today.get(from); ok {
		return ids, nil
	}
	gen := db.today.generation()
	to := from.AddDate(0, 0, 1)
	ids, err := queryAll(ctx, db.r, `SELECT DISTINCT client_id FROM bookings WHERE start_at >= ? AND start_at < ? AND status <> 'cancelled'
		ORDER BY client_id`, []any{from.Unix(), to.Unix()}, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	})
	if err == nil {
		db.today.put(gen, from, ids)
	}
	return ids, err
}

// todayCache keeps the clients booked on one day. Every write drops it
// (a booking made, moved or cancelled, a card forgotten or merged): it
// holds only between writes, which is while someone types a search. A nil
// cache keeps nothing.
type todayCache struct {
	mu  sync.Mutex
	gen uint64 // counts the drops, so that a list read before one is not kept after it
	day time.Time
	ids []int64 // nil: nothing kept
}

func (c *todayCache) get(day time.Time) ([]int64, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ids == nil || !c.day.Equal(day) {
		return nil, false
	}
	return slices.Clone(c.ids), true
}

func (c *todayCache) generation() uint64 {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// put keeps ids, the clients booked on day, read at generation gen.
func (c *todayCache) put(gen uint64, day time.Time, ids []int64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen {
		c.day, c.ids = day, append(make([]int64, 0, len(ids)), ids...)
	}
}

// drop forgets the list kept.
func (c *todayCache) drop() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.ids = nil
}
