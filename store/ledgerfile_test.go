package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

func forgetFor(t *testing.T, db *store.DB, id int64) {
	t.Helper()
	if _, err := db.Anonymize(context.Background(), id, "request", func(store.ForgetFacts) error { return nil }); err != nil {
		t.Fatal(err)
	}
}

// The erasure ledger also lives in sealed files, beside the database and in
// other folders (a backup folder): numbers and times only, appended to, a
// torn end overwritten, a damaged record skipped and reported.
func TestLedgerFiles(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	db := f.DB
	usb := t.TempDir()
	second, _ := db.CreateClient(ctx, store.ClientInput{FirstName: "Druga", LastName: "Klientka"})
	forgetFor(t, db, f.ClientID)
	if err := db.SyncLedgerFiles(ctx, usb); err != nil {
		t.Fatal(err)
	}
	name := db.LedgerFileName()
	if !strings.HasPrefix(name, "kartoteka-erasures-") {
		t.Errorf("ledger file name %q", name)
	}
	for _, dir := range []string{filepath.Dir(db.Path()), usb} {
		got, err := db.LedgerFile(dir)
		if err != nil || len(got) != 1 || got[0].ClientID != f.ClientID || got[0].By != "system" {
			t.Errorf("%s: %+v, %v", dir, got, err)
		}
	}
	file := filepath.Join(usb, name)
	sealed, _ := os.ReadFile(file)
	if bytes.Contains(sealed, []byte("Kowalska")) || bytes.Contains(sealed, []byte("request")) {
		t.Error("the ledger file holds personal data or the reason")
	}

	// A crash while appending leaves a torn record: it is ignored, and the
	// next append writes over it.
	os.WriteFile(file, append(sealed, 0, 0, 0, 90, 1, 2, 3), 0o600)
	if got, err := db.LedgerFile(usb); err != nil || len(got) != 1 {
		t.Errorf("with a torn end: %+v, %v", got, err)
	}
	forgetFor(t, db, second)
	if err := db.SyncLedgerFiles(ctx, usb); err != nil {
		t.Fatal(err)
	}
	if got, err := db.LedgerFile(usb); err != nil || len(got) != 2 {
		t.Errorf("after the next append: %+v, %v", got, err)
	}
	// A changed byte in a record: that record is lost, the rest read.
	b, _ := os.ReadFile(file)
	b[40+4+30] ^= 1
	os.WriteFile(file, b, 0o600)
	got, err := db.LedgerFile(usb)
	if !errors.Is(err, store.ErrLedgerDamaged) || len(got) != 1 || got[0].ClientID != second {
		t.Errorf("a damaged record: %+v, %v", got, err)
	}
	// Another salon does not read this one's ledger.
	other := storetest.Open(t)
	if got, err := other.LedgerFile(usb); err != nil || len(got) != 0 {
		t.Errorf("another salon reads %+v, %v", got, err)
	}
}

// Issue 12, finding 5: every backup carries the ledger, the database's and
// the file's beside it.
func TestBackupCarriesTheLedger(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	forgetFor(t, f.DB, f.ClientID)
	if err := f.DB.SyncLedgerFiles(ctx); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.DB.Backup(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "b.ktkbak")
	os.WriteFile(src, buf.Bytes(), 0o600)
	dest := filepath.Join(t.TempDir(), "restored.kartoteka")
	ub, err := store.UnsealBackup(src, dest, store.Unlock{Passphrase: storetest.Passphrase})
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(ub.Path)
	if len(ub.Ledger) != 1 || ub.Ledger[0].ClientID != f.ClientID || ub.SameSalon {
		t.Errorf("unsealed: ledger %+v, same salon %v", ub.Ledger, ub.SameSalon)
	}
}
