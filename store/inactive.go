package store

import (
	"context"
	"database/sql"
	"time"
)

// InactiveClient is a live client with no visit for a while, with what a
// bulk forget must weigh: their bookings still to come.
type InactiveClient struct {
	Client
	// Upcoming counts the booked visits that start after now, and
	// NextBooking is the first of them (zero when none).
	Upcoming    int
	NextBooking time.Time
}

// extraScanner scans the client columns, then extra.
type extraScanner struct {
	r     scanner
	extra []any
}

func (e extraScanner) Scan(dest ...any) error { return e.r.Scan(append(dest, e.extra...)...) }

// InactiveClients lists the live clients with no visit since since (a
// client never seen counts from when the card was made, so a card made
// after since is never listed), longest inactive first; with neverVisited,
// only those who never had a visit (a completed booking) at all. Each comes
// with their upcoming bookings, which block forgetting. Restricted and held
// clients are listed too: the rules of forgetting weigh them
// (privacy.InactiveClients).
func (db *DB) InactiveClients(ctx context.Context, since time.Time, neverVisited bool) ([]InactiveClient, error) {
	g, err := db.readGrant(ctx)
	if err != nil {
		return nil, err
	}
	never := ""
	if neverVisited {
		never = ` AND c.last_visit IS NULL`
	}
	now := db.now().Unix()
	out, err := queryAll(ctx, db.r, `SELECT `+clientColumns+`,
		(SELECT count(*) FROM bookings b WHERE b.client_id = c.id AND b.status = 'booked' AND b.start_at > ?1),
		(SELECT min(b.start_at) FROM bookings b WHERE b.client_id = c.id AND b.status = 'booked' AND b.start_at > ?1)
		FROM clients c WHERE c.anonymized_at IS NULL AND coalesce(c.last_visit, c.created_at) < ?2`+never+`
		ORDER BY coalesce(c.last_visit, c.created_at), c.id`, []any{now, since.Unix()}, func(r scanner) (InactiveClient, error) {
		var ic InactiveClient
		var next sql.NullInt64
		c, err := scanClient(extraScanner{r, []any{&ic.Upcoming, &next}})
		ic.Client, ic.NextBooking = c, unixOrZero(next)
		return ic, err
	})
	if err != nil {
		return nil, err
	}
	if g.Staff == 0 {
		return out, nil
	}
	cs := make([]Client, len(out))
	for i, ic := range out {
		cs[i] = ic.Client
	}
	seen, err := db.screen(ctx, g, cs)
	if err != nil {
		return nil, err
	}
	// screen keeps the order and drops the cards not to be seen.
	kept := out[:0]
	j := 0
	for _, ic := range out {
		if j < len(seen) && seen[j].ID == ic.ID {
			ic.Client = seen[j]
			kept = append(kept, ic)
			j++
		}
	}
	return kept, nil
}
