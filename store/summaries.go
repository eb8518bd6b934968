package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// summaryChunk is how many IDs one query of ClientSummaries asks for, well
// under SQLite's limit on bound parameters.
const summaryChunk = 1000

// ClientSummaries returns the cards of ids in their order, read in one
// snapshot in chunks: the list of who retention would forget, say. An ID
// with no card is left out; one given twice comes twice.
func (db *DB) ClientSummaries(ctx context.Context, ids []int64) ([]Client, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	g, err := db.readGrant(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := db.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("store: client summaries: %w", err)
	}
	defer tx.Rollback()
	snap := &DB{r: tx, now: db.now}
	out := make([]Client, 0, len(ids))
	for chunk := range slices.Chunk(ids, summaryChunk) {
		cs, err := snap.clientsByID(ctx, chunk)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return db.screen(ctx, g, out)
}
