package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"kartoteka/store"
)

func setupInit(fs *flag.FlagSet) runFunc {
	salon := fs.String("salon", "", "the salon's `NAME` (required)")
	country := fs.String("country", "", "`COUNTRY`: PL, DE, DK, AT, or XX for another one (required)")
	language := fs.String("language", "", "`LANGUAGE`: en, pl, de or da (default: the country's)")
	currency := fs.String("currency", "", "ISO 4217 `CODE` such as PLN, EUR, DKK (default: the country's)")
	address := fs.String("address", "", "the salon's `ADDRESS`, printed on exports")
	taxID := fs.String("tax-id", "", "the salon's tax `ID`")
	contact := fs.String("privacy-contact", "", "whom clients `CONTACT` about their data")
	return func(e *env, args []string) error {
		if err := noArgs("init", args); err != nil {
			return err
		}
		if err := need("salon", *salon, "country", *country); err != nil {
			return err
		}
		if !slices.Contains(store.Countries, strings.ToUpper(strings.TrimSpace(*country))) {
			return usagef("country: %s: %s", store.ErrInvalidChoice, strings.Join(store.Countries, ", "))
		}
		path, err := e.path()
		if err != nil {
			return err
		}
		if _, err := os.Lstat(path); err == nil {
			return usagef("%s already exists; init never overwrites a file", path)
		} else if !errors.Is(err, os.ErrNotExist) {
			return failf("cannot check %s: %v", path, errors.Unwrap(err))
		}
		opts, err := e.options()
		if err != nil {
			return err
		}
		if e.g.recoveryKeyFile != "" {
			return usagef("init makes a new recovery key; --recovery-key-file is for opening a database")
		}
		pass, err := e.creationPassphrase()
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return failf("create the folder for the database: %v", err)
		}
		db, key, err := store.Create(e.ctx, path, pass, store.Salon{
			Name: *salon, Country: *country, Language: *language, Currency: *currency,
			Address: *address, TaxID: *taxID, PrivacyContact: *contact,
		}, opts)
		if err != nil {
			return err
		}
		if cheapKDF() {
			fmt.Fprintf(e.stderr, "%s\nWARNING: KARTOTEKA_KDF=cheap: this salon's passphrase is protected by test-strength key derivation\n"+
				"(%s) and so protects almost nothing. Use it only for tests and throwaway salons;\n"+
				"for real data run \"kartoteka-cli passwd --strengthen\" now.\n%s\n", strings.Repeat("!", 78), store.CheapKDF, strings.Repeat("!", 78))
		}
		fmt.Fprintf(e.stderr, "Created the encrypted database %s.\n\n"+
			"The recovery key below unlocks it if the passphrase is ever lost. It is shown only\n"+
			"this once: print it or write it down, and keep it safe and away from this computer.\n\n", path)
		fmt.Fprintln(e.stdout, key)
		if err := db.Close(); err != nil {
			return fmt.Errorf("close the new database: %w", err)
		}
		return nil
	}
}

func setupDemo(fs *flag.FlagSet) runFunc {
	clients := fs.Int("clients", 0, "how many clients `N` to add (default: the generator's)")
	seed := fs.Int64("seed", 0, "random `SEED`: the same seed gives the same data (default: the generator's)")
	return func(e *env, args []string) error {
		if err := noArgs("demo", args); err != nil {
			return err
		}
		if given(fs, "clients") {
			if err := intRange("clients", *clients, 1, maxDemoClients); err != nil {
				return err
			}
		}
		return e.withDB(func(db *store.DB) error {
			if !e.explicitPath() {
				existing, err := db.Clients(e.ctx)
				if err != nil {
					return err
				}
				if len(existing) > 0 {
					demoPath, _ := store.DemoPath()
					return usagef("refusing to mix demo data into the salon's own database, which already has clients; "+
						"make a separate one: kartoteka-cli --db %s init … then demo", demoPath)
				}
			}
			// Everything a demo writes, asked before the first write: a
			// refusal half-way would leave half a demo.
			for _, p := range []store.Permission{store.PermSettings, store.PermStaff, store.PermServices, store.PermClientsEdit,
				store.PermHealthEdit, store.PermBook, store.PermCheckout, store.PermRequests} {
				if err := db.Require(e.ctx, p); err != nil {
					return err
				}
			}
			var mu sync.Mutex
			lastStep := -1
			progress := func(done, total int) {
				if total <= 0 {
					return
				}
				mu.Lock()
				defer mu.Unlock()
				if step := done * 10 / total; step > lastStep {
					lastStep = step
					fmt.Fprintf(e.stderr, "demo: %d%% (%d of %d)\n", done*100/total, done, total)
				}
			}
			sum, err := generateDemo(e.ctx, db, *clients, *seed, progress)
			if err != nil {
				code, msg := classify(err)
				return &codeError{code: code, msg: "demo stopped part-way: " + msg +
					"; what it wrote so far stays, so start again with a fresh file for a clean demo"}
			}
			fmt.Fprintf(e.stdout, "Added %d staff, %d services, %d clients (%d restricted, %d possible duplicates), "+
				"%d bookings, %d payments, %d invoices and %d consent records.\n",
				sum.Staff, sum.Services, sum.Clients, sum.Restricted, sum.Duplicates,
				sum.Bookings, sum.Payments, sum.Invoices, sum.Consents)
			return nil
		})
	}
}
