package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"kartoteka/privacy"
	"kartoteka/store"
)

func setupForget(fs *flag.FlagSet) runFunc {
	client := fs.Int64("client", 0, "the client's `ID`")
	yes := fs.Bool("yes", false, "really forget: this cannot be undone")
	reason := fs.String("reason", "request of the client", "why, for the erasure ledger (no personal data)")
	return func(e *env, args []string) error {
		if err := noArgs("forget", args); err != nil {
			return err
		}
		if err := clientFlag(*client); err != nil {
			return err
		}
		if !*yes {
			return usagef("forgetting cannot be undone: add --yes to confirm")
		}
		return e.withDB(func(db *store.DB) error {
			p, err := privacy.PreviewForget(e.ctx, db, *client)
			if err != nil {
				return err
			}
			if p.Blocked == nil {
				warnForget(e, p)
			}
			res, err := privacy.Forget(e.ctx, db, *client, *reason, []string{filepath.Dir(db.Path())})
			if err := e.doneAnyway(err); err != nil {
				return err
			}
			x := res.Erased
			fmt.Fprintf(e.stdout, "Client %d forgotten: %d consent records deleted, %d booking and %d payment notes cleared; kept anonymized: %d bookings, %d payments, %d invoices.\n",
				*client, x.Consents, x.BookingNotes, x.PaymentNotes, x.Bookings, x.Payments, x.Invoices)
			if deleted, left := privacy.RemoveExports(res.Exports); deleted > 0 || left > 0 {
				fmt.Fprintf(e.stdout, "%d export files the app had written for the client deleted.\n", deleted)
				if left > 0 {
					fmt.Fprintf(e.stderr, "warning: %d export files written for the client could not be deleted (not writable): delete them by hand\n", left)
				}
			}
			if res.SafetyCopyRemoved {
				fmt.Fprintln(e.stdout, "The safety copy the last restore kept was deleted, as it held the client's data.")
			}
			if len(res.Proof.Skipped) > 0 {
				fmt.Fprintf(e.stdout, "Not searched, as the law or another card keeps it: %s.\n", strings.Join(res.Proof.Skipped, ", "))
			}
			if res.Proof.Found != 0 {
				return proofFailure(res.Proof, "the client")
			}
			fmt.Fprintf(e.stdout, "no trace found in %d pages and %d files\n", res.Proof.Pages, res.Proof.Files)
			return nil
		})
	}
}

// warnForget prints what the owner should know before the erasure goes on.
func warnForget(e *env, p privacy.Preview) {
	if p.OpenBalance > 0 {
		fmt.Fprintf(e.stderr, "warning: open balance of %s %s\n", store.FormatAmount(p.OpenBalance), p.Currency)
	}
	for _, d := range p.Duplicates {
		fmt.Fprintf(e.stderr, "warning: card %d may be the same person (same phone, email or name and birth date); forget or merge it too\n", d.ID)
	}
	if p.Subject != nil && p.Subject.Client.RetentionHold != "" {
		fmt.Fprintf(e.stderr, "warning: the card is kept out of automatic retention (client hold); forgetting by hand goes ahead\n")
	}
	for _, inv := range p.Invoices {
		fmt.Fprintf(e.stderr, "warning: invoice %d keeps the buyer's name and address until %s (statutory period)\n", inv.ID, inv.PurgeOn.Format("2006-01-02"))
	}
}

// blockedMessage words a refusal by the rules of erasure: every rule that
// blocks, each with its way out.
func blockedMessage(err error) (string, bool) {
	blocks := privacy.BlocksIn(err)
	if len(blocks) == 0 {
		return "", false
	}
	msgs := make([]string, len(blocks))
	for i, be := range blocks {
		msgs[i] = be.Error()
		if len(be.Bookings) > 0 {
			ids := make([]string, len(be.Bookings))
			for j, b := range be.Bookings {
				ids[j] = fmt.Sprint(b)
			}
			msgs[i] += " (bookings " + strings.Join(ids, ", ") + ")"
		}
	}
	return strings.Join(msgs, "; and "), true
}

// clientFlag checks a --client ID.
func clientFlag(id int64) error {
	switch {
	case id == 0:
		return usagef("--client ID is required")
	case id < 0:
		return usagef("--client must be a client's ID, a positive number")
	}
	return nil
}

// proofFailure says why an erasure proof found traces of who: in files the
// app did not write (named, to delete), or in the database, a bug.
func proofFailure(p privacy.Proof, who string) error {
	if len(p.FoundIn) > 0 {
		return failf("%d traces of %s remain in files in Kartoteka's folders that it did not write: %s; delete them "+
			"(a copy of the salon made by hand holds every client as they were then), or keep them only where the law allows",
			p.Found, who, strings.Join(p.FoundIn, ", "))
	}
	return failf("%d traces of %s found in %d pages after forgetting: this is a bug, please report it", p.Found, who, p.Pages)
}
