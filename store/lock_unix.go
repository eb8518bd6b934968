//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package store

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes a flock on f without waiting. flock locks belong to the
// open file, not the process, so two opens in one process exclude each
// other too, and they never interfere with the POSIX locks SQLite takes on
// the database itself.
func lockFile(f *os.File, exclusive bool) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return errLockBusy
		default:
			return err
		}
	}
}

// relockFile converts the lock f holds.
func relockFile(f *os.File, exclusive bool) error { return lockFile(f, exclusive) }

// renameWhileOpen: Unix renames and removes a file that is still open (and
// locked), so a finished temporary file is never unlocked under its
// temporary name, nor a lock file unlocked before it goes.
const renameWhileOpen = true
