package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// ErrUnsafeOutput is an output file Kartoteka refuses to write, before
// writing anything: see [CheckOutputs].
var ErrUnsafeOutput = errors.New("not a file Kartoteka may write")

// OutputError says which output was refused and why, in words.
type OutputError struct {
	Path    string
	Problem string
}

func (e *OutputError) Error() string { return e.Path + ": " + e.Problem }
func (e *OutputError) Unwrap() error { return ErrUnsafeOutput }

// companions are the files that belong to a salon file: SQLite's, the
// safety copy of a restore and its own, and the lock.
var companions = []string{"", "-wal", "-shm", "-journal", ".lock",
	".before-restore", ".before-restore-wal", ".before-restore-shm", ".before-restore-journal",
	".before-upgrade", ".upgrading", ".upgrading-journal"}

// CheckOutputs refuses output files (backups, exports, plaintext copies,
// recovery sheets) that must not be written: the salon file at dbPath
// (empty: none), a file that belongs to it (its -wal, -shm, -journal, lock
// or safety copy, by name or as the same file under another name), a
// folder, anything that exists but is not a regular file (a device such as
// /dev/full, a pipe, a link), and the same file named twice. Each refusal is
// an [*OutputError] wrapping ErrUnsafeOutput; nothing is written by
// checking.
func CheckOutputs(dbPath string, paths ...string) error {
	var own []string
	if dbPath != "" {
		for _, ext := range companions {
			own = append(own, dbPath+ext)
		}
	}
	for i, p := range paths {
		if p == "" {
			continue
		}
		if problem := platformNameProblem(p); problem != "" {
			return &OutputError{p, problem}
		}
		fi, err := os.Lstat(p)
		switch {
		case err == nil && fi.IsDir():
			return &OutputError{p, "is a folder: name a file in it"}
		case err == nil && !fi.Mode().IsRegular():
			return &OutputError{p, "is not a regular file (a device, a pipe or a link): name a new file or a regular one"}
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return &OutputError{p, "cannot be checked: " + bare(err).Error()}
		}
		for _, o := range own {
			if samePath(p, o) {
				return &OutputError{p, "is the salon's own database or a file that belongs to it: choose another name"}
			}
		}
		for _, q := range paths[:i] {
			if q != "" && samePath(p, q) {
				return &OutputError{p, "is named twice: give each output a file of its own"}
			}
		}
	}
	return nil
}

// samePath reports whether a and b name the same file: the same existing
// file (hard links and symbolic links to folders included), or the same
// name in the same folder, letter case ignored where the file system
// usually ignores it.
func samePath(a, b string) bool {
	ca, errA := filepath.Abs(a)
	cb, errB := filepath.Abs(b)
	if errA == nil && errB == nil && (ca == cb || caseInsensitive && strings.EqualFold(ca, cb)) {
		// The same name: no need to ask the file system, which may not
		// tell (Windows cannot always read the identity of a file SQLite
		// holds open, such as the -shm).
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(fa, fb)
	}
	if filepath.Base(a) != filepath.Base(b) && !(caseInsensitive && strings.EqualFold(filepath.Base(a), filepath.Base(b))) {
		return false
	}
	da, errA := os.Stat(filepath.Dir(a))
	db, errB := os.Stat(filepath.Dir(b))
	if errA == nil && errB == nil {
		return os.SameFile(da, db)
	}
	return false // not the same name (see above), and no folder to compare
}

// caseInsensitive is true where file systems ignore letter case by default.
var caseInsensitive = runtime.GOOS == "windows" || runtime.GOOS == "darwin"
