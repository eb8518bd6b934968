package privacy_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"kartoteka/privacy"
	"kartoteka/store"
	"kartoteka/store/storetest"
)

// backedUp is a salon with two clients and a backup of it.
func backedUp(t *testing.T) (f storetest.Fixture, rec, backup string, other int64) {
	t.Helper()
	ctx := context.Background()
	db, rec := storetest.Create(t, store.Options{})
	f = storetest.Fixture{DB: db}
	var err error
	if f.ClientID, err = db.CreateClient(ctx, store.ClientInput{FirstName: "Zofia", LastName: "Kowalska-Øster", Phone: "601 234 567", Email: "zofia@example.com"}); err != nil {
		t.Fatal(err)
	}
	if other, err = db.CreateClient(ctx, store.ClientInput{FirstName: "Anna", LastName: "Nowak"}); err != nil {
		t.Fatal(err)
	}
	backup = filepath.Join(t.TempDir(), privacy.BackupName(exportNow))
	m, err := privacy.WriteBackup(ctx, db, backup)
	if err != nil {
		t.Fatal(err)
	}
	if m.Counts.Clients != 2 || m.Size == 0 {
		t.Fatalf("manifest = %+v", m)
	}
	return f, rec, backup, other
}

func TestRestoreForgetsAgain(t *testing.T) {
	ctx := context.Background()
	f, _, backup, other := backedUp(t)
	former, _ := f.DB.Client(ctx, f.ClientID)
	if _, err := privacy.Forget(ctx, f.DB, f.ClientID, "request of the client", nil); err != nil {
		t.Fatal(err)
	}
	ledger, _ := f.DB.ErasureLedger(ctx)
	path := f.DB.Path()
	f.DB.Close()

	res, err := privacy.Restore(ctx, backup, path, store.Unlock{Passphrase: storetest.Passphrase}, ledger)
	if err != nil {
		t.Fatal(err)
	}
	if res.ForgottenAgain != 1 || res.SafetyCopy == "" || res.Manifest.Counts.Clients != 2 {
		t.Errorf("restore = %+v", res)
	}
	db, err := store.Open(ctx, path, storetest.Passphrase, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if c, _ := db.Client(ctx, f.ClientID); !c.Anonymized {
		t.Fatal("the backup brought a forgotten client back")
	}
	if c, _ := db.Client(ctx, other); c.LastName != "Nowak" {
		t.Errorf("the other client = %+v", c)
	}
	proof, err := privacy.VerifyErased(ctx, db, privacy.TracesOf(former), nil)
	if err != nil || proof.Found != 0 {
		t.Errorf("proof after restore: %+v, %v", proof, err)
	}
	if l, _ := db.ErasureLedger(ctx); len(l) != 1 {
		t.Errorf("the restored ledger has %d entries, want the erasure", len(l))
	}
}

func TestRestoreRefusesDamageAndWrongKeys(t *testing.T) {
	ctx := context.Background()
	f, rec, backup, _ := backedUp(t)
	path := f.DB.Path()
	f.DB.Close()
	before, _ := os.ReadFile(path)
	data, _ := os.ReadFile(backup)
	untouched := func(what string) {
		t.Helper()
		if now, _ := os.ReadFile(path); !bytes.Equal(now, before) {
			t.Errorf("%s: the database changed", what)
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".kartoteka-restore-*")); len(left) != 0 {
			t.Errorf("%s: left %v behind", what, left)
		}
	}
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"one byte changed", func() []byte { b := bytes.Clone(data); b[len(b)/2] ^= 1; return b }()},
		{"the manifest changed", bytes.Replace(data, []byte(`"clients":2`), []byte(`"clients":3`), 1)},
		{"cut short", data[:len(data)-100]},
		{"a byte added", append(bytes.Clone(data), 0)},
	} {
		bad := filepath.Join(t.TempDir(), "bad.ktkbak")
		os.WriteFile(bad, c.data, 0o600)
		if _, err := privacy.Restore(ctx, bad, path, store.Unlock{Passphrase: storetest.Passphrase}, nil); !errors.Is(err, store.ErrBackupDamaged) {
			t.Errorf("%s: err = %v, want ErrBackupDamaged", c.name, err)
		}
		untouched(c.name)
	}
	if _, err := privacy.Restore(ctx, backup, path, store.Unlock{Passphrase: "not the passphrase"}, nil); !errors.Is(err, store.ErrWrongPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	untouched("wrong passphrase")
	if _, err := privacy.Restore(ctx, backup, path, store.Unlock{RecoveryKey: rec}, nil); err != nil {
		t.Errorf("the recovery key does not restore: %v", err)
	}
}
