//go:build benchplain

package store

import (
	"context"
	"time"
)

// OpenPlain opens an unencrypted SQLite file (a DecryptedCopy) with the same
// connections, pragmas, queries and salon lock as an encrypted one, so
// benchmarks compare what the encryption costs and nothing else. It exists
// only in binaries built with the benchplain tag.
func OpenPlain(ctx context.Context, path string, opts Options) (*DB, error) {
	lk, err := acquireLock(path, !opts.Shared)
	if err != nil {
		return nil, err
	}
	db := &DB{path: path, lock: lk}
	if err := db.openPools(ctx, opts); err != nil {
		lk.Release()
		return nil, err
	}
	return db, nil
}

// OpenTimingKDF is [Open] that also says how long its key derivation took,
// so a benchmark can time opening apart from the derivation, which it
// reports on a line of its own. It exists only in benchplain binaries.
func OpenTimingKDF(ctx context.Context, path, passphrase string, opts Options) (*DB, time.Duration, error) {
	var kdf time.Duration
	db, err := openWith(ctx, path, opts, func(h *header) ([]byte, error) {
		start := time.Now()
		defer func() { kdf = time.Since(start) }()
		return h.unlockPassphrase([]byte(passphrase))
	})
	return db, kdf, err
}
