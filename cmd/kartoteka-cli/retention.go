package main

import (
	"flag"
	"fmt"
	"time"

	"kartoteka/privacy"
	"kartoteka/store"
)

func setupRetentionShow(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(e *env, args []string) error {
		if err := noArgs("retention show", args); err != nil {
			return err
		}
		return e.withReadDB(func(db *store.DB) error {
			p, err := db.RetentionPolicy(e.ctx)
			if err != nil {
				return err
			}
			last, err := privacy.LastRetentionRun(e.ctx, db)
			if err != nil {
				return err
			}
			if *asJSON {
				out := map[string]any{"policy": p.Policy, "days": p.Days, "months": p.Months, "statutory_years": p.StatutoryYears, "last_run": nil}
				if !last.IsZero() {
					out["last_run"] = last.Format(time.RFC3339)
				}
				return writeJSON(e.stdout, out)
			}
			switch p.Policy {
			case store.PolicyOff:
				fmt.Fprintln(e.stdout, "Retention is off: nothing is forgotten automatically.")
			case store.PolicyBookingEnd:
				fmt.Fprintf(e.stdout, "Bookings are removed %d days after they end; clients left with none, and nothing upcoming, are forgotten.\n", p.Days)
			case store.PolicyLastVisit:
				fmt.Fprintf(e.stdout, "Clients are forgotten %d months after their last visit (never seen: after the card was made).\n", p.Months)
			}
			if last.IsZero() {
				fmt.Fprintln(e.stdout, "Last run: never.")
			} else {
				fmt.Fprintf(e.stdout, "Last run: %s.\n", last.Local().Format("2006-01-02 15:04"))
			}
			return nil
		})
	}
}

func setupRetentionSet(fs *flag.FlagSet) runFunc {
	policy := fs.String("policy", "", "off, booking_end or last_visit")
	days := fs.Int("days", 0, "for booking_end: remove bookings `N` days (1 to 3650) after they end")
	months := fs.Int("months", 0, "for last_visit: forget clients `N` months (1 to 240) after their last visit")
	years := fs.Int("statutory-years", 0, "years, 0 to 15, invoices keep their buyer data after the year of issue (0: the law of the salon's country; never fewer than the law's)")
	return func(e *env, args []string) error {
		if err := noArgs("retention set", args); err != nil {
			return err
		}
		if *policy == "" {
			return usagef("--policy off|booking_end|last_visit is required")
		}
		// Every number given must be in its range; none is read into a
		// default nobody typed.
		for _, r := range []struct {
			name    string
			v       int
			lo, hi  int
			applies string
		}{
			{"days", *days, 1, 3650, store.PolicyBookingEnd},
			{"months", *months, 1, 240, store.PolicyLastVisit},
			{"statutory-years", *years, 0, 15, ""},
		} {
			if !given(fs, r.name) {
				continue
			}
			if err := intRange(r.name, r.v, r.lo, r.hi); err != nil {
				return err
			}
			if r.applies != "" && *policy != r.applies {
				return usagef("--%s is for --policy %s", r.name, r.applies)
			}
		}
		if *policy == store.PolicyBookingEnd && !given(fs, "days") || *policy == store.PolicyLastVisit && !given(fs, "months") {
			return usagef("booking_end needs --days N; last_visit needs --months N")
		}
		return e.withDB(func(db *store.DB) error {
			p, err := db.RetentionPolicy(e.ctx)
			if err != nil {
				return err
			}
			p.Policy = *policy
			if given(fs, "days") {
				p.Days = *days
			}
			if given(fs, "months") {
				p.Months = *months
			}
			if given(fs, "statutory-years") {
				salon, err := db.Salon(e.ctx)
				if err != nil {
					return err
				}
				if least := privacy.MinStatutoryYears(salon.Country); *years != 0 && *years < least {
					return usagef("--statutory-years: the law of %s keeps invoices at least %d years", salon.Country, least)
				}
				p.StatutoryYears = *years
			}
			if err := db.SetRetentionPolicy(e.ctx, p); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Retention policy set: %s.\n", p.Policy)
			return nil
		})
	}
}

// retentionJSON is the shape CLI.md gives `retention run --json`.
type retentionJSON struct {
	Now               string              `json:"now"`
	Policy            string              `json:"policy"`
	ForgetClients     []int64             `json:"forget_clients"`
	RemoveBookings    []int64             `json:"remove_bookings"`
	AnonymizeBookings []int64             `json:"anonymize_bookings"`
	PurgeInvoices     []int64             `json:"purge_invoices"`
	Excluded          []privacy.Exclusion `json:"excluded"`
	DueSoon           []dueJSON           `json:"due_soon"`
}

type dueJSON struct {
	Client int64  `json:"client"`
	Due    string `json:"due"`
}

func setupRetentionRun(fs *flag.FlagSet) runFunc {
	dry := fs.Bool("dry-run", false, "say what would be done, and change nothing")
	nowFlag := fs.String("now", "", "with --dry-run: plan as of `TIME` instead of now")
	asJSON := fs.Bool("json", false, "print JSON")
	return func(e *env, args []string) error {
		if err := noArgs("retention run", args); err != nil {
			return err
		}
		now := time.Now()
		if *nowFlag != "" {
			if !*dry {
				return usagef("--now is only allowed with --dry-run: a real run happens now")
			}
			var err error
			if now, err = parseTime("now", *nowFlag, true); err != nil {
				return err
			}
		}
		with := e.withDB
		if *dry {
			with = e.withReadDB
		}
		return with(func(db *store.DB) error {
			p, err := db.RetentionPolicy(e.ctx)
			if err != nil {
				return err
			}
			plan, err := privacy.PlanRetention(e.ctx, db, p, now)
			if err != nil {
				return err
			}
			var run store.RetentionRun
			if !*dry && (p.Policy != store.PolicyOff || !plan.Empty()) {
				if run, err = privacy.ApplyRetention(e.ctx, db, plan, nil); e.doneAnyway(err) != nil {
					return err
				}
			}
			if *asJSON {
				out := retentionJSON{Now: now.Format(time.RFC3339), Policy: p.Policy, ForgetClients: nonNil(plan.ForgetClients),
					RemoveBookings: nonNil(plan.RemoveBookings), AnonymizeBookings: nonNil(plan.AnonymizeBookings),
					PurgeInvoices: nonNil(plan.PurgeInvoices), Excluded: nonNil(plan.Excluded), DueSoon: []dueJSON{}}
				for _, d := range plan.DueSoon {
					out.DueSoon = append(out.DueSoon, dueJSON{d.Client, d.Due.Format(time.DateOnly)})
				}
				return writeJSON(e.stdout, out)
			}
			switch {
			case p.Policy == store.PolicyOff && *dry:
				fmt.Fprintf(e.stdout, "Retention is off: no client is forgotten (see retention set). Would purge the buyer data of %d invoices past their statutory period.\n", len(plan.PurgeInvoices))
			case p.Policy == store.PolicyOff:
				fmt.Fprintf(e.stdout, "Retention is off: no client is forgotten (see retention set). The buyer data of %d invoices past their statutory period purged.\n", run.InvoicesPurged)
			case *dry:
				fmt.Fprintf(e.stdout, "Would forget %d clients, remove %d bookings, move %d paid bookings to the accounts card, purge the buyer data of %d invoices; %d clients left out, %d due within %d days.\n",
					len(plan.ForgetClients), len(plan.RemoveBookings), len(plan.AnonymizeBookings), len(plan.PurgeInvoices), len(plan.Excluded), len(plan.DueSoon), privacy.DueSoonDays)
			default:
				fmt.Fprintf(e.stdout, "%d clients forgotten, %d bookings removed, %d paid bookings moved to the accounts card, the buyer data of %d invoices purged.\n",
					run.ClientsForgotten, run.BookingsRemoved, run.BookingsAnonymized, run.InvoicesPurged)
			}
			return nil
		})
	}
}
