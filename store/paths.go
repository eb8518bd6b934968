package store

import "path/filepath"

// DataDir is the per-user folder where Kartoteka keeps its database: the
// platform's application data folder with "kartoteka" added —
// %AppData%\kartoteka on Windows, ~/Library/Application Support/kartoteka
// on macOS, $XDG_DATA_HOME/kartoteka or ~/.local/share/kartoteka on Linux
// and the BSDs. The folder need not exist yet.
func DataDir() (string, error) {
	base, err := appDataDir()
	if err != nil {
		return "", err
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
