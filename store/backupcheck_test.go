package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

func TestCheckBackupUnlock(t *testing.T) {
	db, rec := storetest.Create(t, store.Options{})
	var buf bytes.Buffer
	if _, err := db.Backup(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "b.ktkbak")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		u    store.Unlock
		want error
	}{
		{store.Unlock{Passphrase: storetest.Passphrase}, nil},
		{store.Unlock{RecoveryKey: rec}, nil},
		{store.Unlock{Passphrase: "not the passphrase"}, store.ErrWrongPassphrase},
	} {
		if err := store.CheckBackupUnlock(path, c.u); !errors.Is(err, c.want) {
			t.Errorf("%+v: %v, want %v", c.u, err, c.want)
		}
	}
	if err := os.WriteFile(path, []byte("not a backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := store.CheckBackupUnlock(path, store.Unlock{Passphrase: storetest.Passphrase}); !errors.Is(err, store.ErrBackupDamaged) {
		t.Errorf("a file that is no backup: %v", err)
	}
}
