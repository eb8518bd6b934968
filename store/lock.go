package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// ErrInUse means another program has the salon open: the desktop app, or a
// kartoteka-cli command that is still running. Nothing was changed.
var ErrInUse = errors.New("Kartoteka is open on this computer (the app or another kartoteka-cli command has this salon open): close it first")

// errLockBusy is what the platform's lock call says when another holder's
// lock is in the way.
var errLockBusy = errors.New("store: lock held elsewhere")

// A Lock is this process's claim on a salon file. It is an advisory lock
// (flock on Unix, LockFileEx on Windows) on a small file beside the
// database, named like it with ".lock" added: the operating system drops it
// when the process ends, however it ends, so a lock file left behind by a
// killed process never blocks anyone. [Open] and [Create] take one for as
// long as the database is open: exclusive, unless [Options.Shared] asks to
// read alongside other readers. [LockSalon] takes one without opening the
// file, for replacing it.
type Lock struct {
	f         *os.File
	path      string
	exclusive bool
}

// lockPath is the lock file of the salon file at path.
func lockPath(path string) string { return path + ".lock" }

// LockSalon takes the salon file at path, which need not exist, for this
// process alone, as an open database would: restores use it to replace the
// file while nobody has it open. It returns ErrInUse when anyone does.
func LockSalon(path string) (*Lock, error) { return acquireLock(path, true) }

// acquireLock takes the lock of the salon file at path without waiting.
func acquireLock(path string, exclusive bool) (*Lock, error) {
	lp := lockPath(path)
	for range 8 {
		f, err := os.OpenFile(lp, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, fmt.Errorf("store: lock the salon file: %w", bare(err))
		}
		if err := lockFile(f, exclusive); err != nil {
			f.Close()
			if errors.Is(err, errLockBusy) {
				return nil, ErrInUse
			}
			return nil, fmt.Errorf("store: lock the salon file: %w", err)
		}
		// The last holder removes the file when it lets go; if that
		// happened between our open and our lock, ours is a lock on a file
		// nobody else will ever open: start again on the current one.
		held, err1 := f.Stat()
		now, err2 := os.Stat(lp)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			return &Lock{f: f, path: lp, exclusive: exclusive}, nil
		}
		f.Close()
	}
	return nil, ErrInUse
}

// upgrade turns a shared lock into an exclusive one, or fails with ErrInUse
// (and then holds nothing: the platforms do not promise to convert a lock in
// one step).
func (l *Lock) upgrade() error {
	if l == nil || l.exclusive {
		return nil
	}
	if err := relockFile(l.f, true); err != nil {
		if errors.Is(err, errLockBusy) {
			return ErrInUse
		}
		return fmt.Errorf("store: lock the salon file: %w", err)
	}
	l.exclusive = true
	return nil
}

// Release lets go of the lock. The last holder removes the lock file, so
// none is left beside a closed salon.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	var err error
	if l.exclusive || relockFile(l.f, true) == nil {
		err = closeAndRemove(l.f)
	} else {
		err = l.f.Close()
	}
	l.f = nil
	return err
}

// Bare drops the file name from an error of the os package: messages name
// what failed in words, never an internal or temporary file.
func Bare(err error) error { return bare(err) }

func bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
