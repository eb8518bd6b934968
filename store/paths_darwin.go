package store

import (
	"fmt"
	"os"
	"path/filepath"
)

// appDataDir is ~/Library/Application Support, where macOS programs keep
// what belongs to their user.
func appDataDir() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("store: find the home folder: %w", err)
	}
	return filepath.Join(home, "Library", "Application Support"), nil
}
