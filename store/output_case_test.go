//go:build windows || darwin

package store_test

import (
	"path/filepath"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// Windows and macOS ignore letter case in file names: the salon's WAL in
// capitals, not yet there, is the WAL all the same.
func TestCheckOutputsIgnoresCase(t *testing.T) {
	db := storetest.Open(t)
	for _, name := range []string{"SALON.KARTOTEKA-WAL", "Salon.Kartoteka.Before-Restore", "salon.KARTOTEKA.lock"} {
		if err := store.CheckOutputs(db.Path(), filepath.Join(filepath.Dir(db.Path()), name)); err == nil {
			t.Errorf("%s was not refused", name)
		}
	}
}
