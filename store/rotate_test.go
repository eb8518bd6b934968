package store

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
)

// When the page key has sealed its budget, MaintainKeys moves to the next
// epoch and rewrites every page under it; the salon reopens with the same
// clients, and the count starts again.
func TestRotatePageKey(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "salon.kartoteka")
	db, _, err := Create(ctx, path, "rotate me please", Salon{Name: "Rotate", Country: "PL"}, Options{KDF: CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { db.Close() }()
	for i := 0; i < 50; i++ {
		if _, err := db.CreateClient(ctx, ClientInput{FirstName: "Anna", LastName: "Rotacyjna", Phone: "+4860100" + string(rune('0'+i%10)) + "000"}); err != nil {
			t.Fatal(err)
		}
	}
	use, rotated, err := db.MaintainKeys(ctx)
	if err != nil || rotated || use.Sealed == 0 || use.Epoch != 0 {
		t.Fatalf("below the budget: %+v rotated=%v %v", use, rotated, err)
	}
	saved := nonceBudget
	nonceBudget = use.Sealed
	defer func() { nonceBudget = saved }()
	use, rotated, err = db.MaintainKeys(ctx)
	if err != nil || !rotated || use.Epoch != 1 {
		t.Fatalf("at the budget: %+v rotated=%v %v", use, rotated, err)
	}
	raw, _ := os.ReadFile(path)
	for off := headerSize; off+4096 <= len(raw); off += 4096 {
		if e := binary.BigEndian.Uint32(raw[off+4092:]); e != 1 {
			t.Fatalf("page %d still under epoch %d", (off-headerSize)/4096+1, e)
		}
	}
	nonceBudget = saved
	db.Close()
	db, err = Open(ctx, path, "rotate me please", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if db.kr.header.epoch != 1 {
		t.Errorf("header epoch %d after reopening", db.kr.header.epoch)
	}
	if cs, err := db.Clients(ctx); err != nil || len(cs) != 50 {
		t.Fatalf("%d clients after the rotation, %v", len(cs), err)
	}
	if r, err := db.DeepCheck(ctx); err != nil || !r.OK {
		t.Fatalf("deep check: %+v %v", r, err)
	}
}

// A session that only reads leaves the key header as it was: no frame was
// written under the WAL's name, so closing need not rename it (two synced
// header writes saved, which otherwise slow the next open). A session that
// writes gets a new name on close.
func TestReadOnlySessionKeepsLogName(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "salon.kartoteka")
	db, _, err := Create(ctx, path, "log name please", Salon{Name: "Log", Country: "PL"}, Options{KDF: CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	logID := func() uint64 {
		t.Helper()
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		h, err := readHeader(f)
		if err != nil {
			t.Fatal(err)
		}
		return h.logID
	}
	session := func(write bool) {
		t.Helper()
		db, err := Open(ctx, path, "log name please", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Salon(ctx); err != nil {
			t.Fatal(err)
		}
		if write {
			if _, err := db.CreateClient(ctx, ClientInput{FirstName: "Anna", LastName: "Zapisana"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
	before := logID()
	head, _ := os.ReadFile(path)
	session(false)
	after, _ := os.ReadFile(path)
	if logID() != before || string(head[:headerSize]) != string(after[:headerSize]) {
		t.Error("a session that only read rewrote the key header")
	}
	session(true)
	if logID() == before {
		t.Error("a session that wrote kept its WAL's name")
	}
}
