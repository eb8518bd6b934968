package store

import (
	"errors"
	"os"
)

// appDataDir is %AppData%, the roaming application data folder
// (C:\Users\NAME\AppData\Roaming), where Windows programs keep what belongs
// to their user.
func appDataDir() (string, error) {
	d := os.Getenv("AppData")
	if d == "" {
		return "", errors.New("store: %AppData% is not set: there is no folder for the salon")
	}
	return d, nil
}
