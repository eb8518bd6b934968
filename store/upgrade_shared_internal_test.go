package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A shared (read-only) open reads a format 1 salon at its own schema as it
// is and changes nothing. The frozen fixture is at schema 7, so the binary
// here knows the first 7 migrations only.
func TestSharedOpenLeavesFormat1(t *testing.T) {
	saved := migrations
	migrations = migrations[:7]
	defer func() { migrations = saved }()
	before, err := os.ReadFile(filepath.Join("testdata", "format1", "salon.kartoteka"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "salon.kartoteka")
	if err := os.WriteFile(path, before, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := Open(ctx, path, "frozen format one", Options{Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	if db.Format() != 1 {
		t.Errorf("format %d", db.Format())
	}
	var n int
	if err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM clients`).Scan(&n); err != nil || n != 3 {
		t.Errorf("%d clients, %v", n, err)
	}
	db.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a shared open changed the file")
	}
}
