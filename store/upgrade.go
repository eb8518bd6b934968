package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"kartoteka/store/internal/pagecrypt"
)

// UpgradeCopyPath is where an upgrade to the authenticated page format
// keeps the salon file as it was, beside the salon file at path, until the
// next good backup (or [SafetyCopyDays]).
func UpgradeCopyPath(path string) string { return path + ".before-upgrade" }

// upgradeTemp is where the upgraded file is written before it takes the
// salon file's place.
func upgradeTemp(path string) string { return path + ".upgrading" }

// needsUpgrade reports whether the open salon is in format 1 and may be
// rewritten: opened for writing, not being created.
func (db *DB) needsUpgrade() bool {
	return db.kr != nil && !db.shared && !db.creating && db.kr.header.format == pagecrypt.FormatXTS
}

// upgrade rewrites a format 1 salon in format 2: VACUUM INTO a new file
// beside it, under the same data key and file ID, checked, synced, and
// then renamed over the salon file in one step, the old file kept as
// [UpgradeCopyPath]. A crash at any moment leaves the old file in place (to
// be upgraded at the next unlock) or the new one whole. progress, when set,
// hears how many bytes of about total are written.
func (db *DB) upgrade(ctx context.Context, progress func(done, total int64)) (err error) {
	if err := db.Checkpoint(ctx); err != nil {
		return fmt.Errorf("store: upgrade: %w", err)
	}
	tmp := upgradeTemp(db.path)
	removeDBFiles(tmp)
	// The old file opened whole and its schema is current: the new one is
	// set up from the start.
	h := db.kr.header.marked(SchemaVersion())
	h.format, h.epoch, h.seq = pagecrypt.FormatGCM, 0, h.seq+1
	if err := writeNewFile(tmp, encodeHeaderFile(h)); err != nil {
		return fmt.Errorf("store: upgrade: %w", err)
	}
	defer func() {
		if err != nil {
			removeDBFiles(tmp)
		}
	}()
	kr, krID, err := newKeyring(h, db.kr.dataKey)
	if err != nil {
		return err
	}
	defer func() {
		pagecrypt.Remove(krID)
		kr.key.Wipe()
	}()
	kr.key.LeaveEmpty()
	if progress != nil {
		stop := watchSize(tmp, db.fileSize(), progress)
		defer stop()
	}
	if err := db.vacuumInto(ctx, db.dsnWith(tmp, krID)); err != nil {
		return fmt.Errorf("store: upgrade: %w", err)
	}
	if err := checkUpgraded(ctx, tmp, kr, krID); err != nil {
		return err
	}
	return db.swapUpgraded(ctx, tmp)
}

// vacuumInto writes the database, with reserved bytes on every page, into
// the new file the DSN into names.
func (db *DB) vacuumInto(ctx context.Context, into string) error {
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := conn.Raw(pagecrypt.RequestReserve); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "VACUUM INTO ?", into)
	return err
}

// dsnWith is a bare DSN for the file at path under the key handle krID.
func (db *DB) dsnWith(path string, krID uintptr) string {
	u := url.URL{Scheme: "file", OmitHost: true, Path: path}
	q := url.Values{}
	q.Set("vfs", pagecrypt.VFSName)
	q.Set("kkey", strconv.FormatUint(uint64(krID), 10))
	return u.String() + "?" + q.Encode()
}

// checkUpgraded opens the new file alone, puts it in WAL mode, and checks
// it whole before it may replace anything.
func checkUpgraded(ctx context.Context, path string, kr *keyring, krID uintptr) error {
	c := &DB{path: path, kr: kr, krID: krID}
	w, err := sql.Open("sqlite", c.dsn(path, 8, true))
	if err != nil {
		return fmt.Errorf("store: upgrade: %w", err)
	}
	w.SetMaxOpenConns(1)
	defer w.Close()
	var check string
	for _, q := range []string{"PRAGMA journal_mode=WAL", "PRAGMA wal_checkpoint(TRUNCATE)"} {
		if _, err := w.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: upgrade: %s: %w", q, err)
		}
	}
	if err := w.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil {
		return fmt.Errorf("store: upgrade: check: %w", err)
	}
	if check != "ok" {
		return fmt.Errorf("store: upgrade: the new file fails its check (%s): %w", check, ErrDamaged)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("store: upgrade: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("store: upgrade: %w", bare(err))
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("store: upgrade: %w", bare(err))
	}
	return nil
}

// swapUpgraded closes the old file, keeps it as the upgrade copy, renames
// the new one into its place and opens that.
func (db *DB) swapUpgraded(ctx context.Context, tmp string) error {
	db.closePools()
	if fi, err := os.Stat(db.path + "-wal"); err == nil && fi.Size() > 0 {
		// The checkpoint left commits in the WAL: keep format 1 for now.
		return db.reopen(ctx, fmt.Errorf("store: upgrade: the write-ahead log is not empty"))
	}
	for _, ext := range []string{"-wal", "-shm"} {
		os.Remove(db.path + ext)
	}
	// Windows renames no file that is open without delete sharing, as
	// os.OpenFile opens it: the header's handle goes first (the lock is
	// the .lock file's, not this one's).
	db.file.Close()
	keep := UpgradeCopyPath(db.path)
	os.Remove(keep)
	if err := os.Link(db.path, keep); err != nil {
		if err := copyWhole(db.path, keep); err != nil {
			return db.reopen(ctx, fmt.Errorf("store: upgrade: keep the old file: %w", err))
		}
	}
	now := time.Now()
	os.Chtimes(keep, now, now)
	if err := ReplaceFile(tmp, db.path); err != nil {
		os.Remove(keep) // the salon stays the old file itself
		return db.reopen(ctx, fmt.Errorf("store: upgrade: %w", bare(err)))
	}
	syncDir(filepath.Dir(db.path))
	return db.reopen(ctx, nil)
}

// reopen opens the salon file again after the pools were closed, reading its
// header anew; failed is the error that made it necessary, returned unless
// reopening fails too.
func (db *DB) reopen(ctx context.Context, failed error) error {
	db.file.Close()
	f, err := os.OpenFile(db.path, os.O_RDWR, 0)
	if err != nil {
		return errors.Join(failed, fmt.Errorf("store: reopen: %w", bare(err)))
	}
	h, hd, err := readHead(f)
	if err != nil {
		f.Close()
		return errors.Join(failed, err)
	}
	defer hd.release()
	kr, krID, err := newKeyring(*h, db.kr.dataKey)
	if err != nil {
		f.Close()
		return errors.Join(failed, err)
	}
	pagecrypt.Remove(db.krID)
	db.kr.key.Wipe()
	db.file, db.hf, db.kr, db.krID, db.sealedSeen = f, f, kr, krID, 0
	if err := db.checkWhole(hd.page1()); err != nil {
		return errors.Join(failed, err)
	}
	if err := db.openPools(ctx, db.opts); err != nil {
		return errors.Join(failed, damaged(err))
	}
	return failed
}

// closePools closes the connections, leaving the file, lock and key.
func (db *DB) closePools() {
	closeStmts(db.rdb, db.w)
	if db.rdb != nil {
		db.rdb.Close()
		db.rdb = nil
	}
	if db.w != nil {
		db.w.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		db.w.Close()
		db.w = nil
	}
}

// fileSize is the salon file's size on disk.
func (db *DB) fileSize() int64 {
	if fi, err := db.file.Stat(); err == nil {
		return fi.Size()
	}
	return 0
}

// watchSize tells progress how far the file at path has grown towards
// total, ten times a second, until stopped.
func watchSize(path string, total int64, progress func(done, total int64)) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				progress(total, total)
				return
			case <-t.C:
				if fi, err := os.Stat(path); err == nil {
					progress(min(fi.Size(), total), total)
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

// writeNewFile creates path, which must not exist, with b, synced.
func writeNewFile(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return bare(err)
	}
	if _, err = f.Write(b); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return bare(err)
}

// copyWhole copies the file src to the new file dst, synced.
func copyWhole(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return bare(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return bare(err)
	}
	if _, err = io.Copy(out, in); err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
	}
	return bare(err)
}
