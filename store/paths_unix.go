//go:build !windows && !darwin

package store

import (
	"fmt"
	"os"
	"path/filepath"
)

// appDataDir is $XDG_DATA_HOME, or ~/.local/share when it is unset or not
// an absolute path (as the XDG Base Directory specification says).
func appDataDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("store: find the home folder: %w", err)
	}
	return filepath.Join(home, ".local", "share"), nil
}
