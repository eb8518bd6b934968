package privacy_test

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"kartoteka/demo"
	"kartoteka/privacy"
	"kartoteka/store"
	"kartoteka/store/storetest"
)

// TestRestoreKilled kills processes restoring a backup at random moments:
// afterwards the database opens, passes its integrity check and is either
// the one it was or the restored one, never a mix or nothing.
func TestRestoreKilled(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	if _, err := demo.Generate(ctx, f.DB, demo.Options{Clients: 150, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "b.ktkbak")
	if _, err := privacy.WriteBackup(ctx, f.DB, backup); err != nil {
		t.Fatal(err)
	}
	path := f.DB.Path()
	f.DB.Close()
	for round := range 4 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestRestoreChild$")
		cmd.Env = append(os.Environ(), "KARTOTEKA_RESTORE_DB="+path, "KARTOTEKA_RESTORE_FROM="+backup)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(5+rand.IntN(60)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		db, err := store.Open(ctx, path, storetest.Passphrase, store.Options{})
		if err != nil {
			t.Fatalf("round %d: the database does not open after a killed restore: %v", round, err)
		}
		r, err := db.Check(ctx)
		n, _ := db.Counts(ctx)
		db.Close()
		if err != nil || !r.OK || n.Clients != 151 {
			t.Fatalf("round %d: %+v, %v, %d clients", round, r, err, n.Clients)
		}
	}
}

// TestRestoreChild is the process TestRestoreKilled kills.
func TestRestoreChild(t *testing.T) {
	path := os.Getenv("KARTOTEKA_RESTORE_DB")
	if path == "" {
		t.Skip("run by TestRestoreKilled")
	}
	privacy.Restore(context.Background(), os.Getenv("KARTOTEKA_RESTORE_FROM"), path, store.Unlock{Passphrase: storetest.Passphrase}, nil)
}
