package store

import (
	"context"
	"path/filepath"
	"testing"
)

// On macOS every connection syncs with F_FULLFSYNC, for commits and for
// checkpoints.
func TestFullFsyncDarwin(t *testing.T) {
	path := filepath.Join(t.TempDir(), "salon.kartoteka")
	db, _, err := Create(context.Background(), path, "full fsync test", Salon{Name: "F", Country: "DK"}, Options{KDF: CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, p := range []string{"fullfsync", "checkpoint_fullfsync"} {
		var on int
		if err := db.w.QueryRow("PRAGMA " + p).Scan(&on); err != nil || on != 1 {
			t.Errorf("PRAGMA %s = %d, %v; want 1", p, on, err)
		}
	}
}
