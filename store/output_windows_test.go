package store_test

import (
	"errors"
	"path/filepath"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// On Windows an output named like a device would write to the device, and
// "a:b" into a hidden stream of the file a: both are refused before
// anything is written, as are names Windows would change.
func TestCheckOutputsWindowsNames(t *testing.T) {
	db := storetest.Open(t)
	dir := filepath.Join(t.TempDir(), "Łucja Wąż", "Moje dokumenty")
	for _, name := range []string{"CON", "nul.pdf", "Com1.json", "LPT1.ktkbak", "client:42.pdf", "report.", "what?.pdf"} {
		err := store.CheckOutputs(db.Path(), filepath.Join(dir, name))
		var oe *store.OutputError
		if !errors.Is(err, store.ErrUnsafeOutput) || !errors.As(err, &oe) {
			t.Errorf("%s: %v, want an OutputError", name, err)
		}
	}
	for _, name := range []string{"client-42-2026-12-01.pdf", "Łucja Wąż – kopia.ktkbak", "console.pdf"} {
		if err := store.CheckOutputs(db.Path(), filepath.Join(dir, name)); err != nil {
			t.Errorf("%s refused: %v", name, err)
		}
	}
}
