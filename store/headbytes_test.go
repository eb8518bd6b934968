package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestAChangedByteInHeaderOrPageOne flips one byte in each key header slot
// and in page 1: one damaged slot still opens from the other, both refuse,
// and page 1 names itself as damaged; a whole file opens again afterwards
// (the read buffers opens reuse hold nothing of the damaged one).
func TestAChangedByteInHeaderOrPageOne(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "salon.kartoteka")
	db, _, err := Create(ctx, path, "flip a byte", Salon{Name: "F", Country: "PL"}, Options{KDF: CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	open := func(flips ...int) error {
		b := append([]byte(nil), good...)
		for _, off := range flips {
			b[off] ^= 0x20
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		db, err := Open(ctx, path, "flip a byte", Options{})
		if err == nil {
			db.Close()
		}
		return err
	}
	if err := open(100); err != nil {
		t.Errorf("one damaged slot: %v, want the other slot to open", err)
	}
	if err := open(slotSize + 100); err != nil {
		t.Errorf("the other damaged slot: %v, want the first to open", err)
	}
	if err := open(100, slotSize+100); !errors.Is(err, errNoHeader) {
		t.Errorf("both slots damaged: %v, want %v", err, errNoHeader)
	}
	var d PageDamage
	if err := open(headerSize + 200); !errors.As(err, &d) || d.Page != 1 || !errors.Is(err, ErrDamaged) {
		t.Errorf("page 1 damaged: %v, want page 1 named", err)
	}
	if err := open(); err != nil {
		t.Errorf("the whole file after the damaged ones: %v", err)
	}
}
