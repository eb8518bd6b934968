//go:build benchplain

package store

import (
	"context"
	"os"
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

// Derived is a salon's passphrase run through its key derivation, so that
// a benchmark can time opening apart from the derivation, which it reports
// on a line of its own: neither the derivation's time nor the garbage its
// memory leaves behind (the heap it makes the collector sweep) is then in
// the open. It exists only in benchplain binaries.
type Derived struct{ kek []byte }

// Derive reads the key header of the salon at path and derives its
// passphrase's key-encryption key.
func Derive(path, passphrase string) (Derived, error) {
	f, err := os.Open(path)
	if err != nil {
		return Derived{}, err
	}
	defer f.Close()
	h, err := readHeader(f)
	if err != nil {
		return Derived{}, err
	}
	return Derived{kek: h.kdf.derive([]byte(passphrase), h.salt[:])}, nil
}

// OpenDerived is [Open] with the derivation done beforehand: everything
// else an open does (the lock, reading the key header, unwrapping the data
// key with d, the page checks and the connections) is in.
func OpenDerived(ctx context.Context, path string, d Derived, opts Options) (*DB, error) {
	return openWith(ctx, path, opts, func(h *header) ([]byte, error) {
		return unwrap(d.kek, h.passNonce, h.passKey, h.passAD())
	})
}
