//go:build !windows

package store

import "os"

// heldElsewhere is false: Unix renames over a file others have open.
func heldElsewhere(error) bool { return false }

// syncDir flushes the folder dir (fsync) so that a rename in it survives a
// power cut.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
