package privacy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"kartoteka/store"
)

// BackupName is the file name offered for a backup: the day and time, never
// a name.
func BackupName(at time.Time) string {
	return "kartoteka-backup-" + at.Format("2006-01-02-1504") + ".ktkbak"
}

// WriteBackup writes a sealed backup of db to path atomically.
func WriteBackup(ctx context.Context, db *store.DB, path string) (store.BackupManifest, error) {
	var m store.BackupManifest
	err := writeAtomic(path, func(w io.Writer) error {
		var err error
		m, err = db.Backup(ctx, w)
		return err
	})
	return m, err
}

// RestoreResult says what a restore brought back.
type RestoreResult struct {
	Manifest       store.BackupManifest
	ForgottenAgain int    // clients of the ledger the backup still held
	SafetyCopy     string // the replaced database, kept until the next good backup
}

// ErrIntegrity is a backup whose database fails SQLite's integrity check.
var ErrIntegrity = errors.New("privacy: the database in the backup fails its integrity check; nothing was restored")

// Restore brings the salon back from the backup at src into dest, which
// must be closed. It unseals and checks the backup whole (a changed byte is
// store.ErrBackupDamaged, a wrong passphrase or key store.ErrWrongPassphrase),
// opens it and runs integrity_check, forgets again everyone in ledger (the
// current database's erasure ledger) before any of it is shown, and only
// then swaps it in atomically, keeping the replaced file as a safety copy.
// A refused or interrupted restore leaves dest as it was.
func Restore(ctx context.Context, src, dest string, u store.Unlock, ledger []store.LedgerEntry) (RestoreResult, error) {
	var r RestoreResult
	tmp, m, err := store.UnsealBackup(src, dest, u)
	if err != nil {
		return r, err
	}
	r.Manifest = m
	done := false
	defer func() {
		if !done {
			removeDB(tmp)
		}
	}()
	restored, err := store.OpenUnlocked(ctx, tmp, u, store.Options{})
	if err != nil {
		return r, err
	}
	check, err := restored.Check(ctx)
	if err == nil && !check.OK {
		err = ErrIntegrity
	}
	if err == nil {
		r.ForgottenAgain, err = restored.ForgetAgain(store.WithActor(ctx, "restore"), ledger)
	}
	if cerr := restored.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return r, err
	}
	if r.SafetyCopy, err = swapIn(tmp, dest); err != nil {
		return r, err
	}
	done = true
	return r, nil
}

// swapIn renames tmp over dest in one step, after keeping dest as a hard
// link (or, where links fail, a copy) named dest.before-restore; a WAL left
// beside dest goes with the safety copy, never into the restored file.
func swapIn(tmp, dest string) (string, error) {
	safety := dest + ".before-restore"
	removeDB(safety)
	if _, err := os.Stat(dest); err == nil {
		if err := os.Link(dest, safety); err != nil {
			if err := copyFile(dest, safety); err != nil {
				return "", fmt.Errorf("privacy: restore: safety copy: %w", err)
			}
		}
		for _, ext := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(dest + ext); err == nil {
				if err := os.Rename(dest+ext, safety+ext); err != nil {
					return "", fmt.Errorf("privacy: restore: %w", err)
				}
			}
		}
	} else {
		safety = ""
	}
	if err := os.Rename(tmp, dest); err != nil {
		return "", fmt.Errorf("privacy: restore: %w", err)
	}
	return safety, nil
}

// removeDB removes a database file and its WAL and shared memory.
func removeDB(path string) {
	for _, ext := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + ext)
	}
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return writeAtomic(dst, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}
