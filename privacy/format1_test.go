package privacy_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"kartoteka/privacy"
	"kartoteka/store"
)

// A backup made by Kartoteka before authenticated pages restores: the
// salon it holds is upgraded on the way in, and nothing of the upgrade is
// left beside it.
func TestRestoreFormat1Backup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dest := filepath.Join(dir, "salon.kartoteka")
	r, err := privacy.Restore(ctx, "../store/testdata/format1/salon.ktkbackup", dest, store.Unlock{Passphrase: "frozen format one"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Created {
		t.Error("not reported as created")
	}
	db, err := store.Open(ctx, dest, "frozen format one", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Format() != 2 {
		t.Errorf("format %d after restoring", db.Format())
	}
	if cs, err := db.Clients(ctx); err != nil || len(cs) != 2 {
		t.Errorf("%d clients restored, %v; the backup holds 2", len(cs), err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		switch e.Name() {
		case "salon.kartoteka", "salon.kartoteka.lock", "salon.kartoteka-wal", "salon.kartoteka-shm":
		default:
			if filepath.Ext(e.Name()) != ".ktkledger" {
				t.Errorf("left beside the salon: %s", e.Name())
			}
		}
	}
}

// A backup of a format 2 salon restores as it is.
func TestRestoreFormat2Backup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "salon.kartoteka")
	db, _, err := store.Create(ctx, src, "format two passphrase", store.Salon{Name: "Two", Country: "DK"}, store.Options{KDF: store.CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Ida", LastName: "Andersen"}); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "b.ktkbak")
	if _, err := privacy.WriteBackup(ctx, db, backup); err != nil {
		t.Fatal(err)
	}
	db.Close()
	dest := filepath.Join(t.TempDir(), "restored.kartoteka")
	if _, err := privacy.Restore(ctx, backup, dest, store.Unlock{Passphrase: "format two passphrase"}, nil); err != nil {
		t.Fatal(err)
	}
	again, err := store.Open(ctx, dest, "format two passphrase", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if cs, _ := again.Clients(ctx); again.Format() != 2 || len(cs) != 1 {
		t.Errorf("format %d, %d clients", again.Format(), len(cs))
	}
}
