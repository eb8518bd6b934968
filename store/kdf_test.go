package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// Issue 12, finding 7: a cheap key derivation asked for when the passphrase
// changes (KARTOTEKA_KDF=cheap left in a shell profile) never weakens a
// salon: it keeps the stronger of the two. A salon created cheap is weak,
// and says so.
func TestKDFNeverLowered(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "strong.kartoteka")
	db, _, err := store.Create(ctx, path, storetest.Passphrase, storetest.Salon, store.Options{KDF: store.MinKDF})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = store.Open(ctx, path, storetest.Passphrase, store.Options{KDF: store.CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.ChangePassphrase(ctx, "another fine passphrase"); err != nil {
		t.Fatal(err)
	}
	if got := db.KDF(); got.Weak() || got.Time < store.MinKDF.Time || got.MemoryKiB < store.MinKDF.MemoryKiB {
		t.Errorf("after a change asking for cheap: %v, want at least %v", got, store.MinKDF)
	}
	if db.WeakKDF() {
		t.Error("a salon at the floor reads as weak")
	}

	cheap := storetest.Open(t)
	if !cheap.WeakKDF() || !store.CheapKDF.Weak() {
		t.Errorf("a cheap salon: WeakKDF %v", cheap.WeakKDF())
	}
}

// A weak salon is strengthened with the same passphrase, calibrated on this
// machine: never below the floor.
func TestStrengthenKDF(t *testing.T) {
	if testing.Short() {
		t.Skip("calibrates Argon2id")
	}
	ctx := context.Background()
	db := storetest.Open(t)
	if err := db.StrengthenKDF(ctx, "not the passphrase"); err == nil {
		t.Fatal("strengthened with a wrong passphrase")
	}
	if err := db.StrengthenKDF(ctx, storetest.Passphrase); err != nil {
		t.Fatal(err)
	}
	if db.WeakKDF() {
		t.Errorf("still weak: %v", db.KDF())
	}
	path := db.Path()
	db.Close()
	again, err := store.Open(ctx, path, storetest.Passphrase, store.Options{})
	if err != nil {
		t.Fatalf("the same passphrase after strengthening: %v", err)
	}
	again.Close()
}
