package main

import (
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"kartoteka/store"
)

func setupPasswd(fs *flag.FlagSet) runFunc {
	newFile := fs.String("new-passphrase-file", "", "read the new passphrase from the first line of `PATH` (default: prompt twice)")
	strengthen := fs.Bool("strengthen", false, "keep the passphrase, and protect it with key derivation calibrated for this computer")
	return func(e *env, args []string) error {
		if err := noArgs("passwd", args); err != nil {
			return err
		}
		if *strengthen {
			if *newFile != "" || e.g.recoveryKeyFile != "" {
				return usagef("--strengthen keeps the passphrase that opens the salon: give it without --new-passphrase-file or --recovery-key-file")
			}
			return e.withDB(func(db *store.DB) error {
				if err := db.StrengthenKDF(e.ctx, e.pass); err != nil {
					return err
				}
				fmt.Fprintf(e.stderr, "The passphrase is the same; it is now protected by %s.\n", db.KDF())
				return nil
			})
		}
		// A new passphrase from a file is checked before unlocking; a
		// prompted one after, so nobody types it for a wrong old one.
		var pass string
		if *newFile != "" {
			p, err := e.newPassphrase(*newFile, "--new-passphrase-file", "")
			if err != nil {
				return err
			}
			pass = p
		}
		return e.withDB(func(db *store.DB) error {
			if pass == "" {
				p, err := e.newPassphrase("", "", "New passphrase")
				if err != nil {
					return err
				}
				pass = p
			}
			before := db.KDF()
			if err := db.ChangePassphrase(e.ctx, pass); err != nil {
				if errors.Is(err, store.ErrHeaderChangedUnaudited) {
					return failf("the passphrase WAS changed: the new one opens the salon now and the old one no longer does; "+
						"only the audit event of the change could not be written (%s)", diskWords(err))
				}
				return err
			}
			if cheapKDF() && !before.Weak() {
				fmt.Fprintln(e.stderr, "note: KARTOTEKA_KDF=cheap was ignored: it never weakens an existing salon")
			}
			fmt.Fprintln(e.stderr, "Passphrase changed; the old one no longer opens the database. The recovery key still does.")
			return nil
		})
	}
}

func setupCheck(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print JSON")
	deep := fs.Bool("deep", false, "authenticate every page of the file and every frame of its write-ahead log, listing each damaged one")
	return func(e *env, args []string) error {
		if err := noArgs("check", args); err != nil {
			return err
		}
		return e.withReadDB(func(db *store.DB) error {
			check := db.Check
			if *deep {
				check = db.DeepCheck
			}
			r, err := check(e.ctx)
			if err != nil {
				return err
			}
			for _, d := range r.Damaged {
				fmt.Fprintln(e.stderr, d.Error())
			}
			if *asJSON {
				if err := writeJSON(e.stdout, r); err != nil {
					return err
				}
			} else if r.OK {
				fmt.Fprintf(e.stdout, "ok: %d pages decrypt and authenticate (format %d), integrity ok\n", r.Pages, r.Format)
			}
			if !r.OK {
				return failf("the check found a problem: %s", r.Integrity)
			}
			return nil
		})
	}
}

func setupDecrypt(fs *flag.FlagSet) runFunc {
	out := fs.String("out", "", "the plaintext `FILE` to write; must not exist (required)")
	return func(e *env, args []string) error {
		if err := noArgs("decrypt", args); err != nil {
			return err
		}
		if err := need("out", *out); err != nil {
			return err
		}
		path, err := e.path()
		if err != nil {
			return err
		}
		if err := store.CheckOutputs(path, *out, *out+"-wal"); err != nil {
			return err
		}
		for _, p := range []string{*out, *out + "-wal", *out + "-journal"} {
			if _, err := os.Lstat(p); err == nil {
				return usagef("%s already exists; decrypt never overwrites a file", p)
			} else if !errors.Is(err, os.ErrNotExist) {
				return failf("cannot check %s: %v", p, errors.Unwrap(err))
			}
		}
		return e.withDB(func(db *store.DB) error {
			if err := db.Require(e.ctx, store.PermSecurity); err != nil {
				return err // before the warning about a copy that will not be made
			}
			fmt.Fprintf(e.stderr, "%s\n"+
				"WARNING: %s will hold the whole salon database in PLAINTEXT, unencrypted:\n"+
				"every client's name, phone, email, notes and health notes, readable by anyone\n"+
				"who gets the file. Use it only for migration or support, never put it in a shared\n"+
				"or cloud folder, and delete it securely as soon as you are done.\n%s\n",
				strings.Repeat("!", 78), *out, strings.Repeat("!", 78))
			if err := db.DecryptedCopy(e.ctx, *out); err != nil {
				return err
			}
			files := *out
			if _, err := os.Stat(*out + "-wal"); err == nil {
				files += " and " + *out + "-wal"
			}
			fmt.Fprintf(e.stderr, "Wrote the PLAINTEXT copy to %s.\n", files)
			return nil
		})
	}
}

func setupAudit(fs *flag.FlagSet) runFunc {
	limit := fs.Int("limit", 0, "show the newest `N` events (default: all)")
	asJSON := fs.Bool("json", false, "print JSON: an array of events")
	actor := fs.String("actor", "", "only the events of `ACTOR`: staff:3, retention, cli, system…")
	kind := fs.String("kind", "", "only the events of `KIND`: client, consent, booking, payment, invoice, request, retention, staff…")
	client := fs.String("client", "", "only the events about client `ID`")
	since := fs.String("since", "", "only the events from `DATE` on")
	return func(e *env, args []string) error {
		if err := noArgs("audit", args); err != nil {
			return err
		}
		if err := intRange("limit", *limit, 0, maxAuditLimit); err != nil {
			return err
		}
		f := store.AuditFilter{Actor: store.Actor(*actor), Kind: *kind}
		var err error
		if f.Client, err = parseOptionalID("client", *client); err != nil {
			return err
		}
		if f.From, err = parseOptionalTime("since", *since, true); err != nil {
			return err
		}
		return e.withReadDB(func(db *store.DB) error {
			events, err := db.AuditEvents(e.ctx, f, 0, *limit)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(e.stdout, nonNil(events))
			}
			tw := newTable(e.stdout)
			row(tw, "ID", "AT", "ACTOR", "ACTION", "SUBJECT", "DETAILS")
			for _, ev := range events {
				subject := "-"
				if ev.SubjectID != 0 {
					subject = strconv.FormatInt(ev.SubjectID, 10)
				}
				var details []string
				for _, k := range slices.Sorted(maps.Keys(ev.Details)) {
					details = append(details, k+"="+strconv.Itoa(ev.Details[k]))
				}
				if ev.Basis != "" {
					details = append(details, "basis="+ev.Basis)
				}
				row(tw, strconv.FormatInt(ev.ID, 10), ev.At.Local().Format("2006-01-02 15:04:05"), string(ev.Actor),
					ev.Action, subject, or(strings.Join(details, " "), "-"))
			}
			return tw.Flush()
		})
	}
}
