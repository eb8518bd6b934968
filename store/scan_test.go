package store_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// planted are strings that must never appear in a file on disk.
var planted = []string{"Przybyszewska", "Ærøskøbing", "ZEBRAMARKER", "allergic-to-PPD-marker", "planted@example.com", "601777888"}

// scanDir fails the test if any planted string, or an SQLite header, is in
// any file of dir.
func scanDir(t *testing.T, dir, when string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		for _, p := range append(planted, "SQLite format 3") {
			if bytes.Contains(b, []byte(p)) || bytes.Contains(b, []byte(store.Fold(p))) {
				t.Errorf("%s: %q found in %s", when, p, e.Name())
			}
		}
	}
}

func plantClient(t *testing.T, db *store.DB, i int) {
	t.Helper()
	_, err := db.CreateClient(context.Background(), store.ClientInput{
		FirstName: "ZEBRAMARKER", LastName: fmt.Sprintf("Przybyszewska %d", i), Address: "Ærøskøbing",
		Email: fmt.Sprintf("planted@example.com"), Phone: "601777888", Notes: "allergic-to-PPD-marker",
		HealthNotes: "allergic-to-PPD-marker", HealthConsentChannel: "paper",
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestNoPlaintextOnDisk(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	dir := filepath.Dir(db.Path())
	for i := 0; i < 50; i++ {
		plantClient(t, db, i)
	}
	scanDir(t, dir, "after commits")

	// During a transaction: rows written but not committed.
	err := db.Batch(ctx, "test.scan", func(b *store.Batch) error {
		for i := 0; i < 300; i++ {
			if _, err := b.CreateClient(store.ClientInput{FirstName: "ZEBRAMARKER", LastName: "Przybyszewska", Notes: "allergic-to-PPD-marker"}); err != nil {
				return err
			}
		}
		scanDir(t, dir, "inside a transaction")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := db.SearchClients(ctx, "przybyszewska", 1000); len(got) != 350 {
		t.Errorf("search found %d planted clients, want 350", len(got))
	}
	db.Close()
	scanDir(t, dir, "after close")
}
