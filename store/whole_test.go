package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// Issue 12, finding 2: a salon file cut to its key header (8 KiB) made a
// read-only command rebuild an empty schema, and "check" called it ok. Now
// every open refuses it as damaged and leaves it as it is; so with a file
// cut anywhere in its pages.
func TestCutFileRefused(t *testing.T) {
	f := storetest.NewFixture(t)
	path := f.DB.Path()
	f.DB.Close()
	whole, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{8192, 8192 + 100, 8192 + 4096, len(whole) / 2, len(whole) - 4096} {
		if err := os.WriteFile(path, whole[:size], 0o600); err != nil {
			t.Fatal(err)
		}
		for _, shared := range []bool{false, true} {
			db, err := openCheap(path, store.Options{Shared: shared})
			if err == nil {
				r, cerr := db.Check(context.Background())
				n, _ := db.Counts(context.Background())
				db.Close()
				t.Errorf("cut to %d bytes (shared %v): opened; check %+v, %v; %d clients", size, shared, r, cerr, n.Clients)
				continue
			}
			if !errors.Is(err, store.ErrDamaged) {
				t.Errorf("cut to %d bytes: %v, want ErrDamaged", size, err)
			}
		}
		if now, _ := os.ReadFile(path); !bytes.Equal(now, whole[:size]) {
			t.Errorf("cut to %d bytes: opening changed the file (now %d bytes)", size, len(now))
		}
		for _, ext := range []string{"-wal", "-shm", ".lock"} {
			if _, err := os.Stat(path + ext); err == nil {
				t.Errorf("cut to %d bytes: opening left %s", size, ext)
			}
		}
	}
	if err := os.WriteFile(path, whole, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := openCheap(path, store.Options{})
	if err != nil {
		t.Fatalf("the whole file again: %v", err)
	}
	db.Close()
}
