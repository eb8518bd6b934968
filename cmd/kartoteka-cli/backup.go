package main

import (
	"flag"
	"fmt"

	"kartoteka/privacy"
	"kartoteka/store"
)

func setupBackup(fs *flag.FlagSet) runFunc {
	return func(e *env, args []string) error {
		if len(args) != 1 {
			return usagef("backup needs the FILE to write")
		}
		return e.withDB(func(db *store.DB) error {
			m, err := privacy.WriteBackup(e.ctx, db, args[0])
			if err != nil {
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
		// The current database's erasure ledger, so that whoever was
		// forgotten since the backup is forgotten again.
		var ledger []store.LedgerEntry
		var u store.Unlock
		err := e.withDB(func(db *store.DB) error {
			var err error
			ledger, err = db.ErasureLedger(e.ctx)
			return err
		})
		if err != nil {
			return err
		}
		if e.g.recoveryKeyFile != "" {
			if u.RecoveryKey, err = readFirstLine(e.g.recoveryKeyFile, "--recovery-key-file"); err != nil {
				return err
			}
		} else if u.Passphrase, err = e.passphrase(); err != nil {
			return err
		}
		path, err := e.path()
		if err != nil {
			return err
		}
		res, err := privacy.Restore(e.ctx, args[0], path, u, ledger)
		if err != nil {
			return err
		}
		m := res.Manifest
		fmt.Fprintf(e.stdout, "Restored the backup of %s: %d clients, %d bookings; %d forgotten again, as they were forgotten after it was made.\n",
			m.Created.Local().Format("2006-01-02 15:04"), m.Counts.Clients, m.Counts.Bookings, res.ForgottenAgain)
		if res.SafetyCopy != "" {
			fmt.Fprintf(e.stdout, "The database it replaced is kept as %s until you are sure.\n", res.SafetyCopy)
		}
		return nil
	}
}
