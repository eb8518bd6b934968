package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// Issue 12, finding 1: outputs that are the database, a file beside it, a
// folder, a device or the same file twice are refused before anything is
// written.
func TestCheckOutputs(t *testing.T) {
	db := storetest.Open(t)
	path := db.Path()
	dir := t.TempDir()
	regular := filepath.Join(dir, "old.ktkbak")
	os.WriteFile(regular, []byte("x"), 0o600)
	link := filepath.Join(dir, "hardlink.kartoteka")
	if err := os.Link(path, link); err != nil {
		t.Fatal(err)
	}
	sym := filepath.Join(dir, "symlink")
	symErr := os.Symlink(regular, sym)
	other := filepath.Join(dir, "other")
	os.Mkdir(other, 0o700)
	refused := [][]string{
		{path},
		{path + "-wal"},
		{path + "-shm"},
		{path + "-journal"},
		{path + ".before-restore"},
		{path + ".lock"},
		{filepath.Join(filepath.Dir(path), ".", filepath.Base(path))},
		{link},
		{other},
		{filepath.Join(dir, "a.json"), filepath.Join(dir, "a.json")},
		{filepath.Join(dir, "a.json"), filepath.Join(other, "..", "a.json")},
	}
	// Windows makes links only for administrators and developers, and
	// Wine's are not seen as links: a link is tested where there is one.
	if fi, err := os.Lstat(sym); symErr == nil && err == nil && fi.Mode()&os.ModeSymlink != 0 {
		refused = append(refused, []string{sym})
	}
	if runtime.GOOS != "windows" {
		refused = append(refused, []string{"/dev/null"})
		if _, err := os.Stat("/dev/full"); err == nil {
			refused = append(refused, []string{"/dev/full"})
		}
	}
	for _, outs := range refused {
		err := store.CheckOutputs(path, outs...)
		var oe *store.OutputError
		if !errors.Is(err, store.ErrUnsafeOutput) || !errors.As(err, &oe) || oe.Problem == "" {
			t.Errorf("%v: %v, want an OutputError", outs, err)
		}
	}
	for _, outs := range [][]string{
		{filepath.Join(dir, "new.ktkbak")},
		{regular},
		{filepath.Join(dir, "a.pdf"), filepath.Join(dir, "a.json")},
		{"", filepath.Join(dir, "a.json")},
	} {
		if err := store.CheckOutputs(path, outs...); err != nil {
			t.Errorf("%v refused: %v", outs, err)
		}
	}
}
