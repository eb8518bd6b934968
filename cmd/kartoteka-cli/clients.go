package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"kartoteka/privacy"
	"kartoteka/store"
)

func setupClientAdd(fs *flag.FlagSet) runFunc {
	var in store.ClientInput
	fs.StringVar(&in.FirstName, "first", "", "first `NAME` (required)")
	fs.StringVar(&in.LastName, "last", "", "last `NAME` (required)")
	fs.StringVar(&in.Phone, "phone", "", "`PHONE` number; without a country code it is read as the salon's country's")
	fs.StringVar(&in.Email, "email", "", "`EMAIL` address")
	fs.StringVar(&in.BirthDate, "birth", "", "birth `DATE`, YYYY-MM-DD")
	fs.StringVar(&in.Address, "address", "", "postal `ADDRESS`")
	fs.StringVar(&in.Language, "language", "", "preferred `LANGUAGE`: en, pl, de or da")
	fs.StringVar(&in.Notes, "notes", "", "free-text `NOTES`")
	fs.StringVar(&in.HealthNotes, "health-notes", "", "allergies, skin, patch tests (`TEXT`): special-category data, needs --health-consent")
	fs.StringVar(&in.HealthConsentChannel, "health-consent", "", "record the health-data consent given `CHANNEL`: in_person, phone, paper or email")
	return func(e *env, args []string) error {
		if err := noArgs("client add", args); err != nil {
			return err
		}
		if err := need("first", in.FirstName, "last", in.LastName); err != nil {
			return err
		}
		return e.withDB(func(db *store.DB) error {
			id, err := db.CreateClient(e.ctx, in)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, id)
			return nil
		})
	}
}

// clientRowJSON is one client of `client list --json`.
type clientRowJSON struct {
	ID         int64   `json:"id"`
	FirstName  string  `json:"first_name"`
	LastName   string  `json:"last_name"`
	Phone      string  `json:"phone"`
	Email      string  `json:"email"`
	LastVisit  *string `json:"last_visit"`
	Anonymized bool    `json:"anonymized"`
	Restricted bool    `json:"restricted"`
}

func setupClientList(fs *flag.FlagSet) runFunc {
	search := fs.String("search", "", "find clients whose name, phone or email matches `Q`; case and diacritics ignored")
	inactive := fs.String("inactive-since", "", "only live clients with no visit since `DATE`")
	limit := fs.Int("limit", 0, "show at most `N` clients (default: all)")
	asJSON := fs.Bool("json", false, "print JSON")
	csvPath := fs.String("csv", "", "write the clients listed to `FILE` as CSV, for the owner's own records (audited;\n"+
		"restricted clients, notes and health notes are left out)")
	return func(e *env, args []string) error {
		if err := noArgs("client list", args); err != nil {
			return err
		}
		since, err := parseOptionalTime("inactive-since", *inactive, true)
		if err != nil {
			return err
		}
		if *limit < 0 {
			return usagef("--limit must not be negative")
		}
		if *csvPath != "" && *asJSON {
			return usagef("give either --json or --csv FILE, not both")
		}
		if *csvPath != "" {
			path, err := e.path()
			if err != nil {
				return err
			}
			if err := store.CheckOutputs(path, *csvPath); err != nil {
				return err
			}
		}
		return e.withDB(func(db *store.DB) error {
			clients, err := listClients(e, db, *search, since, *limit)
			if err != nil {
				return err
			}
			if *csvPath != "" {
				sum, err := privacy.WriteClientList(e.ctx, db, clients, *csvPath)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "%s written to %s\n", count(sum.Clients, "client"), *csvPath)
				if sum.Restricted > 0 {
					fmt.Fprintf(e.stderr, "%s left out: their processing is restricted (GDPR Art. 18)\n", count(sum.Restricted, "restricted client"))
				}
				return nil
			}
			if *asJSON {
				out := []clientRowJSON{}
				for _, c := range clients {
					out = append(out, clientRowJSON{ID: c.ID, FirstName: c.FirstName, LastName: c.LastName, Phone: c.Phone,
						Email: c.Email, LastVisit: isoOrNull(c.LastVisit), Anonymized: c.Anonymized, Restricted: c.Restricted})
				}
				return writeJSON(e.stdout, out)
			}
			tw := newTable(e.stdout)
			row(tw, "ID", "NAME", "PHONE", "EMAIL", "LAST VISIT", "STATUS")
			for _, c := range clients {
				row(tw, strconv.FormatInt(c.ID, 10), strings.TrimSpace(c.FirstName+" "+c.LastName), or(c.Phone, "-"),
					or(c.Email, "-"), shortTime(c.LastVisit), clientStatus(c))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintln(e.stderr, count(len(clients), "client"))
			return nil
		})
	}
}

// listClients searches, lists the inactive, or lists everyone; search and
// inactive-since together give the clients matching both.
func listClients(e *env, db *store.DB, search string, since time.Time, limit int) ([]store.Client, error) {
	var clients []store.Client
	var err error
	switch {
	case strings.TrimSpace(search) != "":
		clients, err = db.SearchClients(e.ctx, search, 1<<30)
	case !since.IsZero():
		clients, err = db.ClientsInactiveSince(e.ctx, since)
	default:
		clients, err = db.Clients(e.ctx)
	}
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(search) != "" && !since.IsZero() {
		inactive, err := db.ClientsInactiveSince(e.ctx, since)
		if err != nil {
			return nil, err
		}
		keep := map[int64]bool{}
		for _, c := range inactive {
			keep[c.ID] = true
		}
		var both []store.Client
		for _, c := range clients {
			if keep[c.ID] {
				both = append(both, c)
			}
		}
		clients = both
	}
	if limit > 0 && len(clients) > limit {
		clients = clients[:limit]
	}
	return clients, nil
}

func clientStatus(c store.Client) string {
	switch {
	case c.Anonymized:
		return "anonymized"
	case c.Restricted:
		return "restricted"
	}
	return ""
}

func setupClientRestrict(fs *flag.FlagSet) runFunc {
	on := fs.Bool("on", false, "restrict processing")
	off := fs.Bool("off", false, "lift the restriction")
	reason := fs.String("reason", "", "why processing is restricted, or why the restriction no longer applies, a `TEXT` (required with --on)")
	return func(e *env, args []string) error {
		arg, err := oneArg("client restrict", "client ID", args)
		if err != nil {
			return err
		}
		id, err := parseID("client", arg)
		if err != nil {
			return err
		}
		if *on == *off {
			return usagef("client restrict needs either --on --reason TEXT or --off [--reason TEXT]")
		}
		if *on {
			if err := need("reason", *reason); err != nil {
				return err
			}
		}
		return e.withDB(func(db *store.DB) error {
			if err := db.SetRestriction(e.ctx, id, *on, *reason); err != nil {
				return err
			}
			if *on {
				fmt.Fprintf(e.stderr, "client %d: processing restricted\n", id)
				return nil
			}
			fmt.Fprintf(e.stderr, "client %d: restriction lifted\n", id)
			if strings.TrimSpace(*reason) == "" {
				fmt.Fprintln(e.stderr, "note: no reason was recorded for lifting it; add --reason TEXT to say why the restriction no longer applies")
			}
			return nil
		})
	}
}

func setupClientHold(fs *flag.FlagSet) runFunc {
	reason := fs.String("reason", "", "why the client is kept out of automatic retention, a `TEXT`")
	off := fs.Bool("off", false, "let retention weigh the client again")
	return func(e *env, args []string) error {
		arg, err := oneArg("client hold", "client ID", args)
		if err != nil {
			return err
		}
		id, err := parseID("client", arg)
		if err != nil {
			return err
		}
		on := !*off
		switch {
		case *off && *reason != "":
			return usagef("client hold takes --reason TEXT to keep the client, or --off alone")
		case on:
			if err := need("reason", *reason); err != nil {
				return usagef("client hold needs --reason TEXT to keep the client, or --off")
			}
		}
		return e.withDB(func(db *store.DB) error {
			if err := db.SetRetentionHold(e.ctx, id, on, *reason); err != nil {
				return err
			}
			if on {
				fmt.Fprintf(e.stderr, "client %d: kept out of automatic retention (forgetting by hand still works)\n", id)
			} else {
				fmt.Fprintf(e.stderr, "client %d: retention weighs the client again\n", id)
			}
			return nil
		})
	}
}

func setupConsentSet(fs *flag.FlagSet) runFunc {
	kind := fs.String("kind", "", "`KIND`: marketing_email, marketing_sms or health_data (required)")
	given := fs.Bool("given", false, "the client gave the consent")
	withdrawn := fs.Bool("withdrawn", false, "the client withdrew the consent")
	channel := fs.String("channel", "in_person", "`CHANNEL`: in_person, phone, paper or email")
	version := fs.String("text-version", "", "the `VERSION` of the consent text the client saw")
	return func(e *env, args []string) error {
		arg, err := oneArg("consent set", "client ID", args)
		if err != nil {
			return err
		}
		id, err := parseID("client", arg)
		if err != nil {
			return err
		}
		if err := need("kind", *kind); err != nil {
			return err
		}
		if *given == *withdrawn {
			return usagef("consent set needs either --given or --withdrawn")
		}
		return e.withDB(func(db *store.DB) error {
			if err := db.SetConsent(e.ctx, id, *kind, *given, *channel, *version); err != nil {
				return err
			}
			state := "given"
			if *withdrawn {
				state = "withdrawn"
				if *kind == store.ConsentHealth {
					state += "; the health notes were cleared"
				}
			}
			fmt.Fprintf(e.stderr, "client %d: %s %s\n", id, *kind, state)
			return nil
		})
	}
}
