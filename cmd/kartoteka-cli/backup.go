package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"kartoteka/privacy"
	"kartoteka/store"
)

func setupBackup(fs *flag.FlagSet) runFunc {
	return func(e *env, args []string) error {
		if len(args) != 1 {
			return usagef("backup needs the FILE to write")
		}
		path, err := e.path()
		if err != nil {
			return err
		}
		if err := store.CheckOutputs(path, args[0]); err != nil {
			return err
		}
		return e.withDB(func(db *store.DB) error {
			m, err := privacy.WriteBackup(e.ctx, db, args[0])
			if err := e.doneAnyway(err); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Backup written: %d clients, %d bookings, %d payments, sealed and encrypted.\n", m.Counts.Clients, m.Counts.Bookings, m.Counts.Payments)
			return nil
		})
	}
}

func setupRestore(fs *flag.FlagSet) runFunc {
	return func(e *env, args []string) error {
		if len(args) != 1 {
			return usagef("restore needs the backup FILE")
		}
		path, err := e.path()
		if err != nil {
			return err
		}
		if _, err := os.Stat(args[0]); err != nil {
			return usagef("cannot read the backup %s: %v", args[0], errors.Unwrap(err))
		}
		var u store.Unlock
		if e.g.recoveryKeyFile != "" {
			if u.RecoveryKey, err = readFirstLine(e.g.recoveryKeyFile, "--recovery-key-file"); err != nil {
				return err
			}
		} else if u.Passphrase, err = e.passphrase(); err != nil {
			return err
		}
		// The current database's erasure ledger, so that whoever was
		// forgotten since the backup is forgotten again. With no database
		// (a new computer) the ledger files beside it and beside the backup
		// still count; a damaged one is replaced, its ledger file still
		// counts.
		var ledger []store.LedgerEntry
		if _, err := os.Stat(path); err == nil {
			err := e.withDB(func(db *store.DB) error {
				// Only whoever may restore (the owner) replaces the salon.
				if err := db.Require(e.ctx, store.PermRestore); err != nil {
					return err
				}
				var err error
				ledger, err = db.ErasureLedger(e.ctx)
				return err
			})
			switch {
			case errors.Is(err, store.ErrDamaged):
				fmt.Fprintln(e.stderr, "warning: the current salon file is damaged: it is replaced, and kept aside; its erasure ledger is read from the ledger files instead")
			case err != nil:
				return err
			}
		} else if errors.Is(err, os.ErrNotExist) {
			if e.g.as != 0 {
				return usagef("--as: there is no salon at %s yet to check the PIN in; restore without --as", path)
			}
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				return failf("create the folder for the database: %v", errors.Unwrap(err))
			}
		}
		res, err := privacy.Restore(e.ctx, args[0], path, u, ledger)
		if err != nil {
			return err
		}
		m := res.Manifest
		if res.Created {
			fmt.Fprintf(e.stdout, "Created %s from the backup.\n", path)
		}
		fmt.Fprintf(e.stdout, "Restored the backup of %s: %d clients, %d bookings; %d forgotten again, as they were forgotten after it was made (%d erasures in the ledgers).\n",
			m.Created.Local().Format("2006-01-02 15:04"), m.Counts.Clients, m.Counts.Bookings, res.ForgottenAgain, res.Ledger)
		if res.LedgerDamaged > 0 {
			fmt.Fprintf(e.stderr, "warning: %d erasure ledger files were damaged; what could be read of them was applied\n", res.LedgerDamaged)
		}
		if res.SafetyCopy != "" {
			fmt.Fprintf(e.stdout, "The database it replaced is kept as %s until the next backup (%d days at most).\n", res.SafetyCopy, store.SafetyCopyDays)
		}
		return nil
	}
}
