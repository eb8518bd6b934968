package store

import (
	"os"
	"path/filepath"
	"runtime"
)

// DataDir is the per-user folder where Kartoteka keeps its database: the
// platform's application data folder ($XDG_DATA_HOME or ~/.local/share on
// Linux, ~/Library/Application Support on macOS, %AppData% on Windows).
func DataDir() (string, error) {
	var base string
	switch runtime.GOOS {
	case "windows", "darwin":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		base = d
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			base = d
		} else {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", err
			}
			base = filepath.Join(home, ".local", "share")
		}
	}
	return filepath.Join(base, "kartoteka"), nil
}

// DefaultPath is the salon database the desktop app and the CLI open unless
// told otherwise.
func DefaultPath() (string, error) {
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "salon.kartoteka"), nil
}

// DemoPath is the separate demo database, never mixed with real data.
func DemoPath() (string, error) {
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "demo.kartoteka"), nil
}
