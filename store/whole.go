package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	sqlite3 "modernc.org/sqlite/lib"

	"kartoteka/store/internal/pagecrypt"
)

// ErrDamaged is a salon file whose pages are missing or unreadable: cut
// short, overwritten, or left by a creation that did not finish. It is
// refused as it is, never repaired into an empty salon.
var ErrDamaged = errors.New("this salon file is damaged or incomplete: restore a backup")

// PageDamage is a page of the salon file, or of its write-ahead log, that
// does not authenticate: damaged on the disk or changed outside Kartoteka.
// It is an [ErrDamaged].
type PageDamage struct {
	Page  uint32 `json:"page"`   // 0 when a WAL header could not be read
	InLog bool   `json:"in_log"` // in the write-ahead log rather than the file
}

func (d PageDamage) Error() string {
	if d.InLog {
		return fmt.Sprintf("a page of the salon's write-ahead log (page %d) is damaged or was changed outside Kartoteka", d.Page)
	}
	return fmt.Sprintf("page %d of the salon file is damaged or was changed outside Kartoteka", d.Page)
}

// Is makes every PageDamage an ErrDamaged.
func (d PageDamage) Is(target error) bool { return target == ErrDamaged }

// checkWhole refuses, before SQLite reads a byte, a file that cannot be a
// whole salon: one whose creation did not finish (its header lacks the
// set-up mark), or whose first page is missing or does not decrypt to an
// SQLite header. A set-up salon always has its first page in the file, as
// Create checkpoints before it sets the mark. page1 is the first page as
// readHead read it, decrypted in place.
func (db *DB) checkWhole(page1 []byte) error {
	h := db.kr.header
	if h.version >= 2 && !h.setUp() {
		return fmt.Errorf("store: the salon's creation did not finish: %w", ErrDamaged)
	}
	first, err := db.kr.key.OpenPage(page1, 1)
	if d := (pagecrypt.Damage{}); errors.As(err, &d) {
		return fmt.Errorf("store: %w", PageDamage{Page: 1})
	}
	if err != nil {
		return fmt.Errorf("store: the first page does not decrypt: %w", err)
	}
	if first == nil {
		return fmt.Errorf("store: the salon file holds no pages: %w", ErrDamaged)
	}
	if !bytes.HasPrefix(first, []byte("SQLite format 3\x00")) {
		return fmt.Errorf("store: the first page does not decrypt: %w", ErrDamaged)
	}
	return nil
}

// checkSchema refuses a file with no schema, or an older one than its key
// header says it had: pages are missing. Only Create gives an empty file its
// schema.
func (db *DB) checkSchema(ctx context.Context) error {
	if db.creating {
		return nil
	}
	var v int
	if err := db.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("store: read schema version: %w", err)
	}
	if v == 0 {
		return fmt.Errorf("store: the salon file holds no schema: %w", ErrDamaged)
	}
	if db.kr != nil && db.kr.header.setUp() && v < int(db.kr.header.schema) {
		return fmt.Errorf("store: schema %d, the key header says %d: %w", v, db.kr.header.schema, ErrDamaged)
	}
	return nil
}

// schemaBehind reports whether the file's schema is older than this
// program's, so that opening it means migrating.
func (db *DB) schemaBehind(ctx context.Context) (bool, error) {
	var v int
	if err := db.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return false, damaged(fmt.Errorf("store: read schema version: %w", err))
	}
	return v < len(migrations), nil
}

// markSetUp writes the set-up mark of the current schema into the key
// header.
func (db *DB) markSetUp() error {
	if db.kr == nil {
		return nil
	}
	db.hdrMu.Lock()
	defer db.hdrMu.Unlock()
	h := db.kr.header.marked(SchemaVersion())
	h.seq++
	if err := writeHeader(db.hf, h); err != nil {
		return err
	}
	h.version = headerVersion
	db.kr.header = h
	return nil
}

// pageDamage is the page the VFS last found damaged.
func pageDamage() error {
	if d := pagecrypt.LastDamage(); d != nil {
		return PageDamage{Page: d.Page, InLog: d.InLog}
	}
	return PageDamage{}
}

// damaged turns SQLite's "not a database" and "malformed" at open into
// ErrDamaged, keeping the original for support.
func damaged(err error) error {
	var se interface{ Code() int }
	if errors.As(err, &se) {
		if se.Code() == sqlite3.SQLITE_IOERR_DATA {
			return fmt.Errorf("%w (%w)", pageDamage(), err)
		}
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%w (%w)", ErrDamaged, err)
		}
	}
	return err
}

// SafetyCopyDays is how long a restore's safety copy is kept at most; a
// good backup ends it sooner.
const SafetyCopyDays = 7

// SafetyCopyPath is where a restore keeps the database it replaced, beside
// the salon file at path, until the next good backup.
func SafetyCopyPath(path string) string { return path + ".before-restore" }

// RemoveSafetyCopy deletes the safety copies of the salon file at path (a
// restore's and an upgrade's), with their WAL, and reports whether there
// was one.
func RemoveSafetyCopy(path string) (bool, error) {
	removed := false
	for _, safety := range []string{SafetyCopyPath(path), UpgradeCopyPath(path)} {
		if _, err := os.Lstat(safety); err != nil {
			continue
		}
		removed = true
		for _, ext := range []string{"", "-wal", "-shm", "-journal", ".lock"} {
			if err := os.Remove(safety + ext); err != nil && !errors.Is(err, os.ErrNotExist) {
				return true, fmt.Errorf("store: remove the safety copy: %w", bare(err))
			}
		}
	}
	return removed, nil
}

// pruneSafetyCopy removes a safety copy older than SafetyCopyDays. A restore
// sets its time when it makes it.
func (db *DB) pruneSafetyCopy() {
	for _, safety := range []string{SafetyCopyPath(db.path), UpgradeCopyPath(db.path)} {
		if fi, err := os.Stat(safety); err == nil && db.now().Sub(fi.ModTime()) > SafetyCopyDays*24*time.Hour {
			RemoveSafetyCopy(db.path)
		}
	}
}

// The disk's refusals, as [DiskProblem] names them.
var (
	ErrDiskFull = errors.New("the disk is full: free some space and try again; nothing was half-written")
	ErrIO       = errors.New("the disk reported an error reading or writing the salon's files; nothing was half-written")
)

// DiskProblem says whether err comes from the disk refusing: ErrDiskFull
// when it is full, ErrIO for an I/O error, nil for anything else. The
// store's errors keep SQLite's and the system's own; this names them for a
// person.
func DiskProblem(err error) error {
	var se interface{ Code() int }
	if errors.As(err, &se) {
		if se.Code() == sqlite3.SQLITE_IOERR_DATA {
			return pageDamage()
		}
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_FULL:
			return ErrDiskFull
		case sqlite3.SQLITE_IOERR:
			return ErrIO
		}
	}
	switch {
	case diskFull(err):
		return ErrDiskFull
	case diskFailed(err):
		return ErrIO
	}
	return nil
}
