//go:build benchplain

package store

import "context"

// OpenPlain opens an unencrypted SQLite file (a DecryptedCopy) with the same
// connections, pragmas and queries as an encrypted one, so benchmarks can
// compare the two. It exists only in binaries built with the benchplain tag.
func OpenPlain(ctx context.Context, path string, opts Options) (*DB, error) {
	db := &DB{path: path}
	if err := db.openPools(ctx, opts); err != nil {
		return nil, err
	}
	return db, nil
}
