package main

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"kartoteka/privacy"
	"kartoteka/store"
)

// Clean client records (issue 17): duplicates and merging, inactive
// clients forgotten in bulk, mailing lists, unsubscribing.

// duplicateGroupJSON is one group of `client duplicates --json`.
type duplicateGroupJSON struct {
	Clients []int64             `json:"clients"`
	Reasons []string            `json:"reasons"`
	Links   []duplicateLinkJSON `json:"links"`
}

type duplicateLinkJSON struct {
	Clients [2]int64 `json:"clients"`
	Reasons []string `json:"reasons"`
}

func setupClientDuplicates(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(e *env, args []string) error {
		if err := noArgs("client duplicates", args); err != nil {
			return err
		}
		return e.withReadDB(func(db *store.DB) error {
			groups, err := db.DuplicateGroups(e.ctx)
			if err != nil {
				return err
			}
			if *asJSON {
				out := []duplicateGroupJSON{}
				for _, g := range groups {
					j := duplicateGroupJSON{Reasons: g.Reasons, Links: []duplicateLinkJSON{}}
					for _, c := range g.Clients {
						j.Clients = append(j.Clients, c.ID)
					}
					for _, l := range g.Links {
						j.Links = append(j.Links, duplicateLinkJSON{Clients: [2]int64{l.A, l.B}, Reasons: l.Reasons})
					}
					out = append(out, j)
				}
				return writeJSON(e.stdout, out)
			}
			tw := newTable(e.stdout)
			row(tw, "GROUP", "ID", "NAME", "PHONE", "EMAIL", "BIRTH DATE", "LAST VISIT")
			for i, g := range groups {
				for _, c := range g.Clients {
					row(tw, strconv.Itoa(i+1), strconv.FormatInt(c.ID, 10), strings.TrimSpace(c.FirstName+" "+c.LastName),
						or(c.Phone, "-"), or(c.Email, "-"), or(c.BirthDate, "-"), shortTime(c.LastVisit))
				}
				fmt.Fprintf(tw, "\t\twhy: %s\n", strings.Join(g.Reasons, ", "))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "%s of cards that may be one person; merge them with: client merge --keep ID --from ID --yes\n",
				count(len(groups), "group"))
			return nil
		})
	}
}

func setupClientMerge(fs *flag.FlagSet) runFunc {
	keep := fs.String("keep", "", "the `ID` of the card that stays (required)")
	from := fs.String("from", "", "the `ID` of the card whose records move to --keep, and which is then forgotten (required)")
	yes := fs.Bool("yes", false, "really merge: the --from card is forgotten, which cannot be undone")
	dryRun := fs.Bool("dry-run", false, "show what would move and what the kept card would say, changing nothing")
	take := fs.String("take", "", "take these `FIELDS` from the --from card, comma separated: "+strings.Join(privacy.MergeFields, ", ")+
		"\n(default: the kept card's, each empty one filled from --from; both cards' notes)")
	despite := fs.String("despite-restriction", "", "merge a card whose processing is restricted (GDPR Art. 18) on the `GROUND` of\n"+
		"Art. 18(2) that applies: "+basesList+"; it is audited, and the kept card stays restricted")
	reason := fs.String("reason", "", "why, a `TEXT` for the erasure ledger (no personal data; default: merged into client ID)")
	return func(e *env, args []string) error {
		if err := noArgs("client merge", args); err != nil {
			return err
		}
		if err := need("keep", *keep, "from", *from); err != nil {
			return err
		}
		keepID, err := parseID("keep", *keep)
		if err != nil {
			return err
		}
		fromID, err := parseID("from", *from)
		if err != nil {
			return err
		}
		if keepID == fromID {
			return usagef("--keep and --from name the same card: %s", store.ErrMergeSelf)
		}
		if *despite != "" && !slices.Contains(store.RestrictionBases, *despite) {
			return usagef("--despite-restriction must be one of the grounds of GDPR Art. 18(2): %s", basesList)
		}
		if !*yes && !*dryRun {
			return usagef("merging forgets the --from card, which cannot be undone: add --yes to confirm (or --dry-run to see it first)")
		}
		run := e.withDB
		if *dryRun {
			run = e.withReadDB
		}
		return run(func(db *store.DB) error {
			p, err := privacy.PreviewMerge(e.ctx, db, keepID, fromID)
			if err != nil {
				return err
			}
			card, err := privacy.PickFields(p.Proposed, p.From, strings.Split(*take, ","))
			if err != nil {
				return err
			}
			m := p.Moves
			fmt.Fprintf(e.stderr, "moves from client %d to %d: %d bookings (%d upcoming), %d payments, %d invoices, %d consent records, %d privacy requests\n",
				fromID, keepID, m.Bookings, p.UpcomingBookings, m.Payments, m.Invoices, m.Consents, m.Requests)
			if p.TakesRestriction {
				fmt.Fprintf(e.stderr, "note: client %d is restricted (GDPR Art. 18): the restriction goes over to client %d\n", fromID, keepID)
			}
			if p.TakesHold {
				fmt.Fprintf(e.stderr, "note: client %d is kept out of automatic retention: the hold goes over to client %d\n", fromID, keepID)
			}
			for _, kind := range p.Revived {
				fmt.Fprintf(e.stderr, "warning: the client withdrew their %s consent, and only an imported file's consent is newer: after the merge "+
					"they are on that mailing list again; if the withdrawal stands, run: client unsubscribe %d --channel %s\n",
					kind, keepID, strings.TrimPrefix(kind, "marketing_"))
			}
			if *dryRun {
				if len(p.Blocks) > 0 && !(p.NeedsBasis && *despite != "" && len(p.Blocks) == 1) {
					return mergeRefusal(joinBlocks(p.Blocks))
				}
				fmt.Fprintf(e.stdout, "client %d would say: %s\n", keepID, describeCard(card))
				fmt.Fprintf(e.stdout, "client %d would be forgotten (dry run: nothing was changed)\n", fromID)
				return nil
			}
			res, err := privacy.Merge(e.ctx, db, keepID, fromID, store.MergeInput{Card: card, Basis: *despite, Reason: *reason},
				[]string{filepath.Dir(db.Path())})
			if err := e.doneAnyway(err); err != nil {
				return mergeRefusal(err)
			}
			fmt.Fprintf(e.stdout, "Client %d merged into client %d: %d bookings, %d payments, %d invoices, %d consent records and %d privacy requests moved; client %d forgotten.\n",
				fromID, keepID, res.Moved.Bookings, res.Moved.Payments, res.Moved.Invoices, res.Moved.Consents, res.Moved.Requests, fromID)
			if deleted, left := privacy.RemoveExports(res.Exports); deleted > 0 || left > 0 {
				fmt.Fprintf(e.stdout, "%d export files the app had written for client %d deleted.\n", deleted, fromID)
				if left > 0 {
					fmt.Fprintf(e.stderr, "warning: %d export files could not be deleted (not writable): delete them by hand\n", left)
				}
			}
			if res.Proof.Found != 0 {
				return proofFailure(res.Proof, fmt.Sprintf("client %d", fromID))
			}
			fmt.Fprintf(e.stdout, "no trace of client %d found in %d pages and %d files", fromID, res.Proof.Pages, res.Proof.Files)
			if len(res.Proof.Skipped) > 0 {
				fmt.Fprintf(e.stdout, " (not searched, as client %d or the law keeps it: %s)", keepID, strings.Join(res.Proof.Skipped, ", "))
			}
			fmt.Fprintln(e.stdout)
			return nil
		})
	}
}

// mergeRefusal words a merge refused for a restriction with the flag that
// gives the ground; other errors pass.
func mergeRefusal(err error) error {
	for _, b := range privacy.BlocksIn(err) {
		if errors.Is(b.Rule, store.ErrRestricted) {
			msg, _ := blockedMessage(err)
			return &codeError{code: exitRefused, msg: msg + "; add --despite-restriction " + basesList + " if one of these grounds applies"}
		}
	}
	return err
}

func joinBlocks(bs []*privacy.BlockedError) error {
	errs := make([]error, len(bs))
	for i, b := range bs {
		errs[i] = b
	}
	return errors.Join(errs...)
}

// describeCard says which fields a card has, never their values.
func describeCard(in store.ClientInput) string {
	var has []string
	for _, f := range []struct{ name, v string }{{"phone", in.Phone}, {"email", in.Email}, {"birth_date", in.BirthDate},
		{"address", in.Address}, {"language", in.Language}, {"notes", in.Notes}, {"health_notes", in.HealthNotes}} {
		if strings.TrimSpace(f.v) != "" {
			has = append(has, f.name)
		}
	}
	if len(has) == 0 {
		return "a name and nothing else"
	}
	return "a name, " + strings.Join(has, ", ")
}

// forgetInactiveJSON is what `client forget-inactive --json` prints.
type forgetInactiveJSON struct {
	DryRun    bool          `json:"dry_run"`
	Since     string        `json:"since"`
	Forgotten []int64       `json:"forgotten"`
	Blocked   []blockedJSON `json:"blocked"`
	// Warnings (dry run only) are what to look at before forgetting.
	Warnings []warningJSON `json:"warnings,omitempty"`
}

type warningJSON struct {
	Client   int64    `json:"client"`
	Warnings []string `json:"warnings"` // open_balance, invoices_kept, possible_duplicate, open_request
}

type blockedJSON struct {
	Client  int64    `json:"client"`
	Reason  string   `json:"reason"`  // the first rule
	Reasons []string `json:"reasons"` // every rule
}

func setupClientForgetInactive(fs *flag.FlagSet) runFunc {
	since := fs.String("since", "", "forget the live clients with no visit since `DATE` (a card never visited counts from when it was made)")
	months := fs.Int("months", 0, "or with no visit for `N` months")
	never := fs.Bool("never-visited", false, "only those who never had a visit")
	dryRun := fs.Bool("dry-run", false, "say who would be forgotten and who is blocked, changing nothing")
	yes := fs.Bool("yes", false, "really forget them: this cannot be undone")
	asJSON := fs.Bool("json", false, "print JSON: {\"forgotten\": [ID...], \"blocked\": [{\"client\", \"reason\"}]}")
	reason := fs.String("reason", "inactive client", "why, a `TEXT` for the erasure ledger (no personal data)")
	return func(e *env, args []string) error {
		if err := noArgs("client forget-inactive", args); err != nil {
			return err
		}
		if (*since == "") == (*months == 0) {
			return usagef("client forget-inactive needs either --since DATE or --months N")
		}
		cutoff, err := parseOptionalTime("since", *since, true)
		if err != nil {
			return err
		}
		if *months != 0 {
			if err := intRange("months", *months, 1, 1200); err != nil {
				return err
			}
			cutoff = time.Now().AddDate(0, -*months, 0)
		}
		if !*yes && !*dryRun {
			return usagef("forgetting cannot be undone: add --yes to confirm (or --dry-run to see who first)")
		}
		run := e.withDB
		if *dryRun {
			run = e.withReadDB
		}
		return run(func(db *store.DB) error {
			found, err := privacy.InactiveClients(e.ctx, db, cutoff, *never)
			if err != nil {
				return err
			}
			ids := make([]int64, len(found))
			for i, c := range found {
				ids[i] = c.ID
			}
			out := forgetInactiveJSON{DryRun: *dryRun, Since: cutoff.Format(time.DateOnly), Forgotten: []int64{}, Blocked: []blockedJSON{}}
			var blocked []privacy.Blocked
			var res privacy.BulkResult
			if *dryRun {
				p, err := privacy.PreviewForgetMany(e.ctx, db, ids)
				if err != nil {
					return err
				}
				out.Forgotten, blocked = append(out.Forgotten, p.Forget...), p.Blocked
				for _, w := range p.Warnings {
					out.Warnings = append(out.Warnings, warningJSON{Client: w.Client, Warnings: w.Kinds})
				}
			} else if len(ids) > 0 {
				res, err = privacy.ForgetMany(e.ctx, db, ids, *reason, []string{filepath.Dir(db.Path())})
				if err := e.doneAnyway(err); err != nil {
					return err
				}
				out.Forgotten, blocked = append(out.Forgotten, res.Forgotten...), res.Blocked
			}
			for _, b := range blocked {
				j := blockedJSON{Client: b.Client}
				for _, be := range b.Blocks {
					j.Reasons = append(j.Reasons, be.Reason())
				}
				j.Reason = j.Reasons[0]
				out.Blocked = append(out.Blocked, j)
			}
			if !*dryRun && res.Proof.Found != 0 {
				return proofFailure(res.Proof, "forgotten clients")
			}
			if deleted, left := privacy.RemoveExports(res.Exports); left > 0 {
				fmt.Fprintf(e.stderr, "warning: %d export files written for these clients could not be deleted (not writable): delete them by hand\n", left)
			} else if deleted > 0 {
				fmt.Fprintf(e.stderr, "%d export files the app had written for them deleted\n", deleted)
			}
			if *asJSON {
				return writeJSON(e.stdout, out)
			}
			verb := "forgotten"
			if *dryRun {
				verb = "would be forgotten (dry run: nothing was changed)"
			}
			fmt.Fprintf(e.stdout, "%s with no visit since %s: %s %s, %d blocked\n", count(len(found), "client"), out.Since,
				count(len(out.Forgotten), "client"), verb, len(out.Blocked))
			for _, b := range out.Blocked {
				fmt.Fprintf(e.stdout, "  client %d blocked: %s\n", b.Client, strings.Join(b.Reasons, ", "))
			}
			for _, w := range out.Warnings {
				fmt.Fprintf(e.stdout, "  client %d, look first: %s\n", w.Client, strings.Join(w.Warnings, ", "))
			}
			if !*dryRun && len(out.Forgotten) > 0 {
				x := res.Erased
				fmt.Fprintf(e.stdout, "erased: %d consent records, %d booking and %d payment notes; kept anonymized: %d bookings, %d payments, %d invoices\n",
					x.Consents, x.BookingNotes, x.PaymentNotes, x.Bookings, x.Payments, x.Invoices)
				fmt.Fprintf(e.stdout, "no trace found in %d pages and %d files\n", res.Proof.Pages, res.Proof.Files)
			}
			return nil
		})
	}
}

func setupClientUnsubscribe(fs *flag.FlagSet) runFunc {
	channel := fs.String("channel", "", "the mailing list to leave, a `CHANNEL`: email or sms (required)")
	via := fs.String("via", "in_person", "how the client said so, a `CHANNEL`: in_person, phone, paper or email")
	return func(e *env, args []string) error {
		id, err := idArg("client unsubscribe", "client", args)
		if err != nil {
			return err
		}
		kind := map[string]string{privacy.ChannelEmail: store.ConsentMarketingEmail, privacy.ChannelSMS: store.ConsentMarketingSMS}[*channel]
		if kind == "" {
			return usagef("--channel must be email or sms")
		}
		return e.withDB(func(db *store.DB) error {
			if err := db.Unsubscribe(e.ctx, id, kind, *via); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "client %d: %s withdrawn (%s)\n", id, kind, *via)
			return nil
		})
	}
}

func setupMailingList(fs *flag.FlagSet) runFunc {
	channel := fs.String("channel", "", "the `CHANNEL`: email or sms (required)")
	csvPath := fs.String("csv", "", "write the list as CSV to `FILE` (name, email or phone, language; UTF-8 for Excel)")
	vcard := fs.String("vcard", "", "write the list as vCard 3.0 to `FILE`")
	return func(e *env, args []string) error {
		if err := noArgs("mailing-list", args); err != nil {
			return err
		}
		if *channel != privacy.ChannelEmail && *channel != privacy.ChannelSMS {
			return usagef("--channel must be email or sms")
		}
		if *csvPath != "" && *vcard != "" {
			return usagef("give either --csv FILE or --vcard FILE, not both")
		}
		format, out := privacy.FormatCSV, *csvPath
		if *vcard != "" {
			format, out = privacy.FormatVCard, *vcard
		}
		if out == "" {
			out = privacy.MailingListFileName(*channel, format, time.Now())
		}
		path, err := e.path()
		if err != nil {
			return err
		}
		if err := store.CheckOutputs(path, out); err != nil {
			return err
		}
		return e.withDB(func(db *store.DB) error {
			n, err := privacy.WriteMailingList(e.ctx, db, *channel, format, out)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s with a current %s consent written to %s\n", count(n, "client"), *channel, out)
			return nil
		})
	}
}
