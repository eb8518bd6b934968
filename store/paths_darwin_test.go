package store_test

import (
	"testing"

	"kartoteka/store"
)

// On macOS the salon lives in ~/Library/Application Support/kartoteka.
func TestDataDirDarwin(t *testing.T) {
	t.Setenv("HOME", "/Users/Łucja Wąż")
	t.Setenv("XDG_DATA_HOME", "/elsewhere") // not a macOS convention: ignored
	want := "/Users/Łucja Wąż/Library/Application Support/kartoteka"
	if got, err := store.DataDir(); err != nil || got != want {
		t.Errorf("DataDir: %q, %v; want %q", got, err, want)
	}
	if got, err := store.DefaultPath(); err != nil || got != want+"/salon.kartoteka" {
		t.Errorf("DefaultPath: %q, %v", got, err)
	}
}
