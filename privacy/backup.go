package privacy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"kartoteka/store"
)

// BackupName is the file name offered for a backup: the day and time, never
// a name.
func BackupName(at time.Time) string {
	return "kartoteka-backup-" + at.Format("2006-01-02-1504") + ".ktkbak"
}

// WriteBackup writes a sealed backup of db to path atomically, carrying the
// salon's erasure ledger. Outputs [store.CheckOutputs] refuses (the
// database, a file beside it, a folder, a device) are refused before
// anything is written. After a good backup the ledger file goes beside it
// too (and the one beside the database is brought up to date), and the
// safety copy of an earlier restore is removed: the backup now keeps what
// it kept. An error after the backup is written says so.
func WriteBackup(ctx context.Context, db *store.DB, path string) (store.BackupManifest, error) {
	var m store.BackupManifest
	if err := db.Require(ctx, store.PermBackup); err != nil {
		return m, err
	}
	if err := store.CheckOutputs(db.Path(), path); err != nil {
		return m, err
	}
	if filepath.Base(path) == db.LedgerFileName() {
		return m, &store.OutputError{Path: path, Problem: "is the salon's erasure ledger: choose another name"}
	}
	err := writeAtomic(path, "backup", func(w io.Writer) error {
		var err error
		m, err = db.Backup(ctx, w)
		return err
	})
	if err != nil {
		return m, err
	}
	_, rerr := store.RemoveSafetyCopy(db.Path())
	lerr := db.SyncLedgerFiles(ctx, filepath.Dir(path))
	if err := errors.Join(rerr, lerr); err != nil {
		return m, fmt.Errorf("privacy: the backup is written, but: %w: %w", ErrAfterwards, err)
	}
	return m, nil
}

// RestoreResult says what a restore brought back.
type RestoreResult struct {
	Manifest store.BackupManifest
	// ForgottenAgain counts the clients of the ledgers the backup still
	// held, now forgotten again; Ledger is how many erasures the ledgers
	// listed together.
	ForgottenAgain int
	Ledger         int
	// LedgerDamaged counts ledger files only partly readable (what could be
	// read of them was applied).
	LedgerDamaged int
	// Created is true when there was no salon file: a new computer.
	Created bool
	// SafetyCopy is the replaced database, kept until the next good backup
	// or for store.SafetyCopyDays at most; empty when there was none.
	SafetyCopy string
}

// ErrIntegrity is a backup whose database fails SQLite's integrity check.
var ErrIntegrity = errors.New("privacy: the database in the backup fails its integrity check; nothing was restored")

// Restore brings the salon back from the backup at src into dest, which
// must be closed and need not exist (a new computer: it is created). It
// takes dest for itself first ([store.LockSalon]: store.ErrInUse while the
// app or another command has it open), unseals and checks the backup whole
// (a changed byte is store.ErrBackupDamaged, a wrong passphrase or key
// store.ErrWrongPassphrase), opens it and runs integrity_check, forgets
// again everyone in the union of the erasure ledgers it can find — ledger
// (the current database's, applied only when dest is the same salon), the
// one the backup carries, and the ledger files beside dest, beside src and
// in ledgerDirs (the app's backup folder) — before any of it is shown, and
// only then swaps it in atomically, keeping the replaced file as a safety
// copy. A refused or interrupted restore leaves dest as it was.
func Restore(ctx context.Context, src, dest string, u store.Unlock, ledger []store.LedgerEntry, ledgerDirs ...string) (RestoreResult, error) {
	var r RestoreResult
	// The caller checked store.PermRestore in the salon being replaced;
	// the restored file has staff of its own.
	ctx = store.CheckedFlow(ctx)
	if err := os.MkdirAll(filepath.Dir(dest), 0o700); err != nil {
		return r, fmt.Errorf("privacy: restore: create the data folder: %w", store.Bare(err))
	}
	lk, err := store.LockSalon(dest)
	if err != nil {
		return r, err
	}
	defer lk.Release()
	if _, err := os.Stat(dest); errors.Is(err, os.ErrNotExist) {
		r.Created = true
	}
	ub, err := store.UnsealBackup(src, dest, u)
	if err != nil {
		return r, err
	}
	r.Manifest = ub.Manifest
	done := false
	defer func() {
		if !done {
			removeDB(ub.Path)
		}
	}()
	restored, err := store.OpenUnlocked(ctx, ub.Path, u, store.Options{})
	if err != nil {
		return r, err
	}
	err = func() error {
		check, err := restored.Check(ctx)
		if err != nil {
			return err
		}
		if !check.OK {
			return ErrIntegrity
		}
		union := ub.Ledger
		if ub.SameSalon {
			union = append(union, ledger...)
		}
		for _, dir := range append([]string{filepath.Dir(dest), filepath.Dir(src)}, ledgerDirs...) {
			entries, err := restored.LedgerFile(dir)
			if errors.Is(err, store.ErrLedgerDamaged) {
				r.LedgerDamaged++
			} else if err != nil {
				return err
			}
			union = append(union, entries...)
		}
		union = store.UniqueLedger(union)
		r.Ledger = len(union)
		if r.ForgottenAgain, err = restored.ForgetAgain(store.WithActor(ctx, "restore"), union); err != nil {
			return err
		}
		// The ledger file beside the salon now lists them all.
		return restored.SyncLedgerFiles(ctx)
	}()
	if cerr := restored.Close(); err == nil {
		err = cerr
	}
	// A backup of the old page format was upgraded as it opened: the copy
	// of it that the upgrade kept is the backup itself.
	store.RemoveSafetyCopy(ub.Path)
	if err != nil {
		return r, err
	}
	if r.SafetyCopy, err = swapIn(ub.Path, dest); err != nil {
		return r, err
	}
	done = true
	return r, nil
}

// swapIn renames tmp over dest in one step, after keeping dest as a hard
// link (or, where links fail, a copy) named as store.SafetyCopyPath says; a
// WAL left beside dest goes with the safety copy, never into the restored
// file. The safety copy's time is the restore's, from which its days count.
func swapIn(tmp, dest string) (string, error) {
	safety := store.SafetyCopyPath(dest)
	if _, err := store.RemoveSafetyCopy(dest); err != nil {
		return "", err
	}
	if _, err := os.Stat(dest); err == nil {
		if err := os.Link(dest, safety); err != nil {
			if err := copyFile(dest, safety); err != nil {
				return "", fmt.Errorf("privacy: restore: safety copy: %w", err)
			}
		}
		now := time.Now()
		os.Chtimes(safety, now, now)
		for _, ext := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(dest + ext); err == nil {
				if err := store.ReplaceFile(dest+ext, safety+ext); err != nil {
					return "", fmt.Errorf("privacy: restore: %w", store.Bare(err))
				}
			}
		}
	} else {
		safety = ""
	}
	if err := store.ReplaceFile(tmp, dest); err != nil {
		return "", fmt.Errorf("privacy: restore: %w", store.Bare(err))
	}
	return safety, nil
}

// removeDB removes a database file and its WAL and shared memory.
func removeDB(path string) {
	for _, ext := range []string{"", "-wal", "-shm", "-journal", ".lock"} {
		os.Remove(path + ext)
	}
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return store.Bare(err)
	}
	defer in.Close()
	return writeAtomic(dst, "safety copy", func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}

// afterErasure keeps the files outside the database in step with an
// erasure: the ledger files beside it and in ledgerDirs get the new entries,
// and a restore's safety copy, which may still hold the client, goes.
func afterErasure(ctx context.Context, db *store.DB, ledgerDirs []string) error {
	_, rerr := store.RemoveSafetyCopy(db.Path())
	lerr := db.SyncLedgerFiles(ctx, ledgerDirs...)
	if err := errors.Join(rerr, lerr); err != nil {
		return fmt.Errorf("privacy: the erasure is done, but: %w: %w", ErrAfterwards, err)
	}
	return nil
}

// ErrAfterwards is an act that is done and committed — a client forgotten,
// a backup written — after which a file beside it could not be brought up to
// date (a ledger file in a backup folder on an unplugged stick, a safety
// copy that would not go). Callers report it as done, with a warning; the
// next erasure or backup writes the ledger files again.
var ErrAfterwards = errors.New("it is done, but a file beside it could not be updated")
