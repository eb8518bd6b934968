package store

import (
	"fmt"
	"os"
	"path/filepath"
)

// tempPrefix begins the name of every file Kartoteka writes under a
// temporary name before renaming it into place. Older versions used
// ".kartoteka-export-".
const tempPrefix = ".kartoteka-partial-"

var staleTempPatterns = []string{tempPrefix + "*", ".kartoteka-export-*"}

// TempFile is a file being written under a hidden temporary name in the
// folder of its final name, locked for as long as it is open: a temporary
// file nobody holds locked belongs to a writer that was killed, and the next
// [CreateTemp] in that folder removes it.
type TempFile struct {
	*os.File
	done bool
}

// CreateTemp creates a temporary file in dir, after removing the ones
// killed writers left there.
func CreateTemp(dir string) (*TempFile, error) {
	RemoveStaleTemps(dir)
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return nil, err
	}
	if err := lockFile(f, true); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &TempFile{File: f}, nil
}

// RemoveStaleTemps removes the temporary files in dir that no running
// writer holds: those of writers that were killed.
func RemoveStaleTemps(dir string) {
	for _, pattern := range staleTempPatterns {
		names, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, name := range names {
			f, err := os.OpenFile(name, os.O_RDWR, 0)
			if err != nil {
				continue
			}
			if lockFile(f, true) == nil {
				closeAndRemove(f)
				continue
			}
			f.Close()
		}
	}
}

// Commit makes the file durable and renames it to path in one step, so that
// path holds either what it held before or the whole new file; then it
// flushes the folder, where the system allows, so that the rename is
// durable too. On Windows the file is closed (and so unlocked) before the
// rename, which waits briefly for a program holding either name (see
// [ReplaceFile]).
func (t *TempFile) Commit(path string) error {
	if err := t.Sync(); err != nil {
		t.Discard()
		return fmt.Errorf("sync: %w", bare(err))
	}
	var err error
	if renameWhileOpen {
		if err = os.Rename(t.Name(), path); err == nil {
			err = t.Close()
		}
	} else if err = t.Close(); err == nil {
		err = ReplaceFile(t.Name(), path)
	}
	if err != nil {
		t.Discard()
		return bare(err)
	}
	t.done = true
	syncDir(filepath.Dir(path)) // the rename is done: a folder that cannot be flushed keeps it all the same
	return nil
}

// Discard closes and removes the file unless it was committed; it may be
// called more than once.
func (t *TempFile) Discard() {
	if t == nil || t.done {
		return
	}
	t.done = true
	closeAndRemove(t.File)
}
