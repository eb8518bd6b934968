package store

import (
	"context"
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
// salon's local day.
func (db *DB) bookedToday(ctx context.Context) ([]int64, error) {
	now := db.now()
	from := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	to := from.AddDate(0, 0, 1)
	return queryAll(ctx, db.r, `SELECT DISTINCT client_id FROM bookings WHERE start_at >= ? AND start_at < ? AND status <> 'cancelled'
		ORDER BY client_id`, []any{from.Unix(), to.Unix()}, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	})
}
