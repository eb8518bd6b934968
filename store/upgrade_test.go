package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kartoteka/store"
)

const format1Pass = "frozen format one"

// copyFixture copies testdata/format1/name (and its WAL, if any) into a
// temporary folder as salon.kartoteka.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "salon.kartoteka")
	for _, ext := range []string{"", "-wal"} {
		b, err := os.ReadFile(filepath.Join("testdata", "format1", name+ext))
		if err != nil {
			continue
		}
		if err := os.WriteFile(dst+ext, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// upgraded opens a format 1 salon, which upgrades it, and checks what the
// owner would: the same clients, restriction included, a format 2 file
// that checks whole, and the old file kept until the next good backup.
func upgraded(t *testing.T, path string, wantClients int) *store.DB {
	return upgradedFrom(t, path, wantClients, true)
}

// upgradedFrom is upgraded, expecting the progress to be heard when fresh
// (the file is still in the old format).
func upgradedFrom(t *testing.T, path string, wantClients int, fresh bool) *store.DB {
	t.Helper()
	ctx := context.Background()
	var saw int64
	db, err := store.Open(ctx, path, format1Pass, store.Options{Upgrading: func(done, total int64) { saw = max(saw, done) }})
	if err != nil {
		t.Fatalf("open a format 1 salon: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.UpgradeFailed(); err != nil || db.Format() != 2 {
		t.Fatalf("format %d after opening, upgrade error %v", db.Format(), err)
	}
	if fresh && saw == 0 {
		t.Error("no progress was reported")
	}
	if r, err := db.DeepCheck(ctx); err != nil || !r.OK || r.Format != 2 {
		t.Fatalf("deep check of the upgraded file: %+v, %v", r, err)
	}
	clients, err := db.Clients(ctx)
	if err != nil || len(clients) != wantClients {
		t.Fatalf("%d clients after the upgrade, want %d (%v)", len(clients), wantClients, err)
	}
	restricted := 0
	for _, c := range clients {
		if c.Restricted {
			restricted++
		}
	}
	if restricted != 1 {
		t.Errorf("%d restricted clients after the upgrade, want 1", restricted)
	}
	if _, err := os.Stat(store.UpgradeCopyPath(path)); err != nil {
		t.Errorf("the old file was not kept: %v", err)
	}
	plain := filepath.Join(t.TempDir(), "plain.db")
	if err := db.DecryptedCopy(context.Background(), plain); err != nil {
		t.Fatal(err)
	}
	if p, _ := os.ReadFile(plain); len(p) < 100 || p[20] != 32 {
		t.Fatal("the upgraded pages do not reserve 32 bytes")
	}
	raw, _ := os.ReadFile(path)
	if bytes.Contains(raw, []byte("Klientka")) {
		t.Error("plaintext in the upgraded file")
	}
	return db
}

func TestUpgradeFormat1(t *testing.T) {
	path := copyFixture(t, "salon.kartoteka")
	db := upgraded(t, path, 3)
	// A second open finds format 2 and leaves it.
	db.Close()
	again, err := store.Open(context.Background(), path, format1Pass, store.Options{})
	if err != nil || again.Format() != 2 {
		t.Fatalf("reopen: %v", err)
	}
	again.Close()
}

// A format 1 salon left by a crash with a commit only in its WAL is
// upgraded with that commit.
func TestUpgradeCrashedFormat1(t *testing.T) {
	path := copyFixture(t, "crashed.kartoteka")
	upgraded(t, path, 3)
}

// The recovery key opens and upgrades a format 1 salon too.
func TestUpgradeWithRecoveryKey(t *testing.T) {
	path := copyFixture(t, "salon.kartoteka")
	rec, _ := os.ReadFile("testdata/format1/recovery-key.txt")
	db, err := store.OpenWithRecoveryKey(context.Background(), path, strings.TrimSpace(string(rec)), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Format() != 2 {
		t.Fatalf("format %d", db.Format())
	}
}

// A shared (read-only) open of a format 1 salon whose schema is behind the
// binary's (the fixture is at schema 7) takes the salon for itself, as any
// shared open of an older schema does, and so migrates and upgrades it.
// TestSharedOpenLeavesFormat1 covers a format 1 salon at the binary's schema.
func TestSharedOpenMigratesFormat1(t *testing.T) {
	path := copyFixture(t, "salon.kartoteka")
	db, err := store.Open(context.Background(), path, format1Pass, store.Options{Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Format() != 2 {
		t.Errorf("format %d", db.Format())
	}
	if n, err := db.Clients(context.Background()); err != nil || len(n) != 3 {
		t.Errorf("%d clients, %v", len(n), err)
	}
}
