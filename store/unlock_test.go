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

func reopen(t *testing.T, db *store.DB, pass string) (*store.DB, error) {
	t.Helper()
	db.Close()
	return store.Open(context.Background(), db.Path(), pass, store.Options{KDF: store.CheapKDF})
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	db, err := reopen(t, f.DB, storetest.Passphrase)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.Client(ctx, f.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	if c.LastName != "Kowalska-Øster" || c.Phone != "+48601234567" {
		t.Errorf("client after reopen = %q %q, want Kowalska-Øster +48601234567", c.LastName, c.Phone)
	}
	s, err := db.Salon(ctx)
	if err != nil || s.Name != storetest.Salon.Name || s.Currency != "PLN" || s.Language != "pl" {
		t.Errorf("salon = %+v, %v", s, err)
	}
}

func TestWrongPassphraseLeavesFileUnchanged(t *testing.T) {
	f := storetest.NewFixture(t)
	f.DB.Close()
	before, err := os.ReadFile(f.DB.Path())
	if err != nil {
		t.Fatal(err)
	}
	for _, open := range []func() (*store.DB, error){
		func() (*store.DB, error) {
			return store.Open(context.Background(), f.DB.Path(), "not the passphrase", store.Options{})
		},
		func() (*store.DB, error) {
			return store.OpenWithRecoveryKey(context.Background(), f.DB.Path(), "0000-0000-0000-0000-0000-0000-0000-0000", store.Options{})
		},
		func() (*store.DB, error) {
			return store.OpenWithRecoveryKey(context.Background(), f.DB.Path(), "too short", store.Options{})
		},
	} {
		if _, err := open(); !errors.Is(err, store.ErrWrongPassphrase) {
			t.Errorf("open = %v, want ErrWrongPassphrase", err)
		}
	}
	after, _ := os.ReadFile(f.DB.Path())
	if !bytes.Equal(before, after) {
		t.Error("a failed unlock changed the file")
	}
	if _, err := os.Stat(f.DB.Path() + "-wal"); err == nil {
		t.Error("a failed unlock left a WAL file")
	}
}

func TestRecoveryKeyUnlocks(t *testing.T) {
	db, rec := storetest.Create(t, store.Options{})
	path := db.Path()
	db.Close()
	// Typed sloppily: lower case, spaces instead of dashes.
	typed := bytes.ToLower([]byte(rec))
	typed = bytes.ReplaceAll(typed, []byte("-"), []byte(" "))
	db2, err := store.OpenWithRecoveryKey(context.Background(), path, string(typed), store.Options{})
	if err != nil {
		t.Fatalf("recovery key %q: %v", typed, err)
	}
	db2.Close()
}

func TestChangePassphrase(t *testing.T) {
	ctx := context.Background()
	db, rec := storetest.Create(t, store.Options{})
	path := db.Path()
	if err := db.ChangePassphrase(ctx, "short"); !errors.Is(err, store.ErrWeakPassphrase) {
		t.Errorf("short passphrase: %v", err)
	}
	if err := db.ChangePassphrase(ctx, "a brand new passphrase"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := store.Open(ctx, path, storetest.Passphrase, store.Options{}); !errors.Is(err, store.ErrWrongPassphrase) {
		t.Errorf("old passphrase after change: %v", err)
	}
	db2, err := store.Open(ctx, path, "a brand new passphrase", store.Options{})
	if err != nil {
		t.Fatalf("new passphrase: %v", err)
	}
	db2.Close()
	db3, err := store.OpenWithRecoveryKey(ctx, path, rec, store.Options{})
	if err != nil {
		t.Fatalf("recovery key after passphrase change: %v", err)
	}
	newRec, err := db3.RegenerateRecoveryKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db3.Close()
	if _, err := store.OpenWithRecoveryKey(ctx, path, rec, store.Options{}); !errors.Is(err, store.ErrWrongPassphrase) {
		t.Errorf("old recovery key after regeneration: %v", err)
	}
	db4, err := store.OpenWithRecoveryKey(ctx, path, newRec, store.Options{})
	if err != nil {
		t.Fatalf("new recovery key: %v", err)
	}
	db4.Close()
}

// A passphrase change rewrites the key header and nothing else.
func TestChangePassphraseRewritesOnlyHeader(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	path := f.DB.Path()
	f.DB.Close()
	db, err := store.Open(ctx, path, storetest.Passphrase, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	if err := db.ChangePassphrase(ctx, "another good passphrase"); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(path)
	const headerSize = 8192
	if !bytes.Equal(before[headerSize:], after[headerSize:len(before)]) {
		t.Error("the passphrase change rewrote pages beyond the key header")
	}
	if bytes.Equal(before[:headerSize], after[:headerSize]) {
		t.Error("the key header did not change")
	}
	db.Close()
}

// Either slot of the header may be torn by a crash; the other still unlocks.
func TestTornHeaderSlot(t *testing.T) {
	db, _ := storetest.Create(t, store.Options{})
	path := db.Path()
	db.Close()
	orig, _ := os.ReadFile(path)
	for _, off := range []int{100, 4096 + 100} {
		b := bytes.Clone(orig)
		for i := off; i < off+200; i++ {
			b[i] ^= 0xff
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		db, err := store.Open(context.Background(), path, storetest.Passphrase, store.Options{})
		if err != nil {
			t.Fatalf("torn slot at %d: %v", off, err)
		}
		db.Close()
	}
}

func TestCreateRefusesExisting(t *testing.T) {
	db := storetest.Open(t)
	_, _, err := store.Create(context.Background(), db.Path(), storetest.Passphrase, storetest.Salon, store.Options{KDF: store.CheapKDF})
	if !errors.Is(err, store.ErrExists) {
		t.Errorf("create over an existing file: %v", err)
	}
}

func TestRecoveryKeyFormat(t *testing.T) {
	raw := bytes.Repeat([]byte{0xA5}, 20)
	s := store.FormatRecoveryKey(raw)
	if len(s) != 39 || s[4] != '-' {
		t.Errorf("format = %q, want 8 groups of 4", s)
	}
	back, err := store.ParseRecoveryKey(s)
	if err != nil || !bytes.Equal(back, raw) {
		t.Errorf("parse(format) = %x, %v", back, err)
	}
}

func TestCheckPassphrase(t *testing.T) {
	db, _ := storetest.Create(t, store.Options{})
	if err := db.CheckPassphrase(storetest.Passphrase); err != nil {
		t.Errorf("the right passphrase: %v", err)
	}
	for _, wrong := range []string{"", "test passphrase 43", storetest.Passphrase + " "} {
		if err := db.CheckPassphrase(wrong); !errors.Is(err, store.ErrWrongPassphrase) {
			t.Errorf("CheckPassphrase(%q) = %v, want ErrWrongPassphrase", wrong, err)
		}
	}
	if err := db.ChangePassphrase(context.Background(), "a brand new passphrase"); err != nil {
		t.Fatal(err)
	}
	if err := db.CheckPassphrase(storetest.Passphrase); !errors.Is(err, store.ErrWrongPassphrase) {
		t.Error("the old passphrase still checks after a change")
	}
	if err := db.CheckPassphrase("a brand new passphrase"); err != nil {
		t.Errorf("the new passphrase: %v", err)
	}
}
