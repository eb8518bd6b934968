//go:build !windows && !darwin

package store_test

import (
	"testing"

	"kartoteka/store"
)

// On Linux and the BSDs the salon lives in $XDG_DATA_HOME/kartoteka, or
// ~/.local/share/kartoteka when that is unset or relative.
func TestDataDirXDG(t *testing.T) {
	for _, c := range []struct{ home, xdg, want string }{
		{"/home/łucja wąż", "", "/home/łucja wąż/.local/share/kartoteka"},
		{"/home/anna", "/data/anna share", "/data/anna share/kartoteka"},
		{"/home/anna", "relative/share", "/home/anna/.local/share/kartoteka"},
	} {
		t.Setenv("HOME", c.home)
		t.Setenv("XDG_DATA_HOME", c.xdg)
		if got, err := store.DataDir(); err != nil || got != c.want {
			t.Errorf("HOME=%q XDG_DATA_HOME=%q: %q, %v; want %q", c.home, c.xdg, got, err, c.want)
		}
		if got, err := store.DemoPath(); err != nil || got != c.want+"/demo.kartoteka" {
			t.Errorf("DemoPath: %q, %v", got, err)
		}
	}
}
