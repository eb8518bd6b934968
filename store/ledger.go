package store

import (
	"context"
	"time"
)

// LedgerEntry records that a client was forgotten: numbers and times only,
// so a restored backup can forget them again. Created, when the card was
// made, tells the client apart from a later card that got the same number
// (a restore of an older backup hands out the numbers after it again).
type LedgerEntry struct {
	ClientID int64     `json:"client_id"`
	Created  time.Time `json:"created"`
	At       time.Time `json:"at"`
	By       Actor     `json:"by"`
	Reason   string    `json:"reason"`
}

// sameCard reports whether e is about the card with id, made at created
// (Unix seconds); an entry without Created matches by number alone.
func (e LedgerEntry) sameCard(id, created int64) bool {
	return e.ClientID == id && (e.Created.IsZero() || e.Created.Unix() == created)
}

// key identifies the card an entry is about.
func (e LedgerEntry) key() [2]int64 {
	var c int64
	if !e.Created.IsZero() {
		c = e.Created.Unix()
	}
	return [2]int64{e.ClientID, c}
}

// ErasureLedger lists every erasure, oldest first.
func (db *DB) ErasureLedger(ctx context.Context) ([]LedgerEntry, error) {
	return queryAll(ctx, db.r, `SELECT l.client_id, coalesce(c.created_at, 0), l.at, l.by, l.reason FROM erasure_ledger l
		LEFT JOIN clients c ON c.id = l.client_id ORDER BY l.id`, nil, func(r scanner) (LedgerEntry, error) {
		var e LedgerEntry
		var created, at int64
		err := r.Scan(&e.ClientID, &created, &at, &e.By, &e.Reason)
		e.At = time.Unix(at, 0)
		if created != 0 {
			e.Created = time.Unix(created, 0)
		}
		return e, err
	})
}
