package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// A forget that commits while a long read (a backup, an export) still
// holds the WAL waits it out instead of saying "not done" about a client
// it has forgotten: the checkpoint after an erasure is tried again.
func TestErasureWaitsOutALongRead(t *testing.T) {
	saved := busyTimeout
	busyTimeout = 300 * time.Millisecond
	defer func() { busyTimeout = saved }()
	ctx := context.Background()
	db, _, err := Create(ctx, filepath.Join(t.TempDir(), "salon.kartoteka"), "wait out the read", Salon{Name: "W", Country: "PL"}, Options{KDF: CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	id, err := db.CreateClient(ctx, ClientInput{FirstName: "Anna", LastName: "Czekająca"})
	if err != nil {
		t.Fatal(err)
	}
	read, err := db.rdb.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := read.QueryRowContext(ctx, `SELECT count(*) FROM clients`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(700 * time.Millisecond) // longer than one wait, shorter than three
		read.Rollback()
	}()
	if _, err := db.Anonymize(ctx, id, "test", func(ForgetFacts) error { return nil }); err != nil {
		t.Fatalf("forget beside a long read: %v", err)
	}
}
