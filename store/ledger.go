package store

import (
	"context"
	"time"
)

// LedgerEntry records that a client was forgotten: IDs only, so a restored
// backup can forget them again.
type LedgerEntry struct {
	ClientID int64     `json:"client_id"`
	At       time.Time `json:"at"`
	By       Actor     `json:"by"`
	Reason   string    `json:"reason"`
}

// ErasureLedger lists every erasure, oldest first.
func (db *DB) ErasureLedger(ctx context.Context) ([]LedgerEntry, error) {
	return queryAll(ctx, db.r, `SELECT client_id, at, by, reason FROM erasure_ledger ORDER BY id`, nil, func(r scanner) (LedgerEntry, error) {
		var e LedgerEntry
		var at int64
		err := r.Scan(&e.ClientID, &at, &e.By, &e.Reason)
		e.At = time.Unix(at, 0)
		return e, err
	})
}
