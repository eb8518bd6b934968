package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"kartoteka/privacy"
	"kartoteka/store"
)

// The vocabularies of the request commands, as their flags take them.
var (
	requestKindsList    = strings.Join(store.RequestKinds, "|")
	requestChannelsList = strings.Join(store.RequestChannels, "|")
	identityChecksList  = strings.Join(store.IdentityChecks, "|")
	requestOutcomesList = strings.Join(store.RequestOutcomes, "|")
)

// requestJSON is a request as request list --json and request show --json
// print it; days are YYYY-MM-DD, the closing time ISO 8601.
type requestJSON struct {
	ID         int64   `json:"id"`
	Kind       string  `json:"kind"`
	Client     *int64  `json:"client"` // null for someone who is not a client
	Received   string  `json:"received"`
	Due        string  `json:"due"`
	ExtendedTo *string `json:"extended_to"`
	Status     string  `json:"status"`
	Outcome    *string `json:"outcome"` // done, refused or withdrawn; null while open
	Closed     *string `json:"closed"`
	Overdue    bool    `json:"overdue"`
	DueSoon    bool    `json:"due_soon"`
}

// requestDetailJSON is request show --json: the list's fields and the rest.
type requestDetailJSON struct {
	requestJSON
	Channel          string  `json:"channel"`
	IdentityCheck    string  `json:"identity_check"`
	RequesterName    string  `json:"requester_name"`
	RequesterContact string  `json:"requester_contact"`
	ExtensionMonths  int     `json:"extension_months"`
	ExtensionReason  string  `json:"extension_reason"`
	ExtensionTold    *string `json:"extension_told"`
	// SecondExtensionTold is the day the person was told of a second
	// extension, when given; extension_told stays the first day.
	SecondExtensionTold *string `json:"second_extension_told"`
	Note                string  `json:"note"`
	RefusalReason       string  `json:"refusal_reason"`
	Action              string  `json:"action"` // what answers it: export, export_json, forget, edit_card, restrict, consents
}

func dayOrNull(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

func requestView(r store.PrivacyRequest, now time.Time) requestJSON {
	v := requestJSON{ID: r.ID, Kind: r.Kind, Received: r.Received.Format(time.DateOnly), Due: r.Due.Format(time.DateOnly),
		ExtendedTo: dayOrNull(r.ExtendedTo), Status: r.Status, Closed: isoOrNull(r.Closed),
		Overdue: privacy.RequestOverdue(r, now), DueSoon: privacy.RequestDueSoon(r, now)}
	if r.ClientID != 0 {
		id := r.ClientID
		v.Client = &id
	}
	if r.Outcome != "" {
		o := r.Outcome
		v.Outcome = &o
	}
	return v
}

func setupRequestAdd(fs *flag.FlagSet) runFunc {
	kind := fs.String("kind", "", "`KIND`: "+requestKindsList+" (required)")
	received := fs.String("received", "", "the `DATE` it reached the salon, such as 2026-03-01 (required)")
	client := fs.String("client", "", "the client's `ID`")
	name := fs.String("name", "", "for someone who is not a client: their `NAME`, only to answer them")
	contact := fs.String("contact", "", "for someone who is not a client: how to answer them, a `CONTACT`")
	identity := fs.String("identity-checked", "", "`HOW` the salon made sure who asks: "+identityChecksList+" (default: not yet)")
	channel := fs.String("channel", "in_person", "how it arrived, a `CHANNEL`: "+requestChannelsList)
	return func(e *env, args []string) error {
		if err := noArgs("request add", args); err != nil {
			return err
		}
		if err := need("kind", *kind, "received", *received); err != nil {
			return err
		}
		in := store.RequestInput{Kind: *kind, Channel: *channel, IdentityCheck: *identity, RequesterName: *name, RequesterContact: *contact}
		switch {
		case *client != "" && (*name != "" || *contact != ""):
			return usagef("give either --client ID or, for someone who is not a client, --name NAME --contact C")
		case *client == "" && (strings.TrimSpace(*name) == "" || strings.TrimSpace(*contact) == ""):
			return usagef("--client ID is required, or --name NAME --contact C for someone who is not a client")
		}
		var err error
		if in.ClientID, err = parseOptionalID("client", *client); err != nil {
			return err
		}
		if in.Received, err = parseTime("received", *received, true); err != nil {
			return err
		}
		return e.withDB(func(db *store.DB) error {
			id, err := privacy.AddRequest(e.ctx, db, in, time.Now())
			if err != nil {
				return err
			}
			r, err := db.Request(e.ctx, id)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, id)
			fmt.Fprintf(e.stderr, "request %d recorded; the answer is due by %s\n", id, r.Due.Format(time.DateOnly))
			return nil
		})
	}
}

func setupRequestList(fs *flag.FlagSet) runFunc {
	open := fs.Bool("open", false, "only the requests still open")
	asJSON := fs.Bool("json", false, "print JSON")
	return func(e *env, args []string) error {
		if err := noArgs("request list", args); err != nil {
			return err
		}
		return e.withReadDB(func(db *store.DB) error {
			list, err := db.Requests(e.ctx, *open)
			if err != nil {
				return err
			}
			now := time.Now()
			if *asJSON {
				out := []requestJSON{}
				for _, r := range list {
					out = append(out, requestView(r, now))
				}
				return writeJSON(e.stdout, out)
			}
			tw := newTable(e.stdout)
			row(tw, "ID", "KIND", "CLIENT", "RECEIVED", "DUE", "STATUS", "FLAG")
			for _, r := range list {
				row(tw, strconv.FormatInt(r.ID, 10), r.Kind, requestClient(r), r.Received.Format(time.DateOnly),
					r.DueBy().Format(time.DateOnly), r.Status, requestBadge(r, now))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintln(e.stderr, count(len(list), "request"))
			return nil
		})
	}
}

// requestClient is the client's number, or a word for someone who is not
// a client.
func requestClient(r store.PrivacyRequest) string {
	if r.ClientID == 0 {
		return "not a client"
	}
	return strconv.FormatInt(r.ClientID, 10)
}

// requestBadge flags a request that needs an answer soon.
func requestBadge(r store.PrivacyRequest, now time.Time) string {
	switch {
	case privacy.RequestOverdue(r, now):
		return "OVERDUE"
	case privacy.RequestDueSoon(r, now):
		return "due soon"
	}
	return ""
}

func setupRequestShow(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(e *env, args []string) error {
		id, err := requestArg("request show", args)
		if err != nil {
			return err
		}
		return e.withReadDB(func(db *store.DB) error {
			r, err := db.Request(e.ctx, id)
			if err != nil {
				return err
			}
			now := time.Now()
			if *asJSON {
				return writeJSON(e.stdout, requestDetailJSON{requestJSON: requestView(r, now), Channel: r.Channel,
					IdentityCheck: r.IdentityCheck, RequesterName: r.RequesterName, RequesterContact: r.RequesterContact,
					ExtensionMonths: r.ExtensionMonths, ExtensionReason: r.ExtensionReason, ExtensionTold: dayOrNull(r.ExtensionTold),
					SecondExtensionTold: dayOrNull(r.SecondExtensionTold), Note: r.Note, RefusalReason: r.RefusalReason, Action: privacy.RequestAction(r.Kind)})
			}
			printRequest(e.stdout, r, now)
			return nil
		})
	}
}

// printRequest writes a request for a person.
func printRequest(w io.Writer, r store.PrivacyRequest, now time.Time) {
	fmt.Fprintf(w, "Request %d: %s\n", r.ID, r.Kind)
	if b := requestBadge(r, now); b != "" {
		fmt.Fprintln(w, strings.ToUpper(b))
	}
	tw := newTable(w)
	if r.ClientID != 0 {
		row(tw, "Client:", strconv.FormatInt(r.ClientID, 10))
	} else {
		contact := r.RequesterContact
		if contact == "" {
			contact = "contact erased at closing"
		}
		row(tw, "Requester:", r.RequesterName+" ("+contact+"), not a client")
	}
	row(tw, "Received:", r.Received.Format(time.DateOnly)+" ("+r.Channel+")")
	row(tw, "Identity checked:", or(r.IdentityCheck, "not yet"))
	row(tw, "Due:", r.Due.Format(time.DateOnly))
	if r.ExtensionMonths > 0 {
		told := "told " + r.ExtensionTold.Format(time.DateOnly)
		if !r.SecondExtensionTold.IsZero() {
			told += ", of the second month " + r.SecondExtensionTold.Format(time.DateOnly)
		}
		row(tw, "Extended to:", fmt.Sprintf("%s (%s more; %s): %s", r.ExtendedTo.Format(time.DateOnly),
			count(r.ExtensionMonths, "month"), told, r.ExtensionReason))
	}
	row(tw, "Status:", r.Status)
	if r.IsClosed() {
		row(tw, "Closed:", shortTime(r.Closed))
		row(tw, "Outcome:", r.Outcome)
		row(tw, "Note:", r.Note)
		if r.Outcome == store.RequestRefused {
			row(tw, "Reason:", r.RefusalReason)
		}
	} else {
		row(tw, "Answer with:", privacy.RequestAction(r.Kind))
	}
	tw.Flush()
}

func setupRequestExtend(fs *flag.FlagSet) runFunc {
	months := fs.Int("months", 0, "how many further `MONTHS`: 1 or 2, at most two in all (required)")
	reason := fs.String("reason", "", "why the answer needs longer, a `TEXT` the person is told (required)")
	told := fs.String("told", "", "the `DATE` the person was told of the extension (default: today for a first extension;\n"+
		"a second keeps the day told of the first, and records this one beside it only when given)")
	return func(e *env, args []string) error {
		id, err := requestArg("request extend", args)
		if err != nil {
			return err
		}
		if *months == 0 {
			return usagef("--months 1|2 is required")
		}
		if *months < 0 {
			return usagef("--months must be 1 or 2")
		}
		toldOn, err := parseOptionalTime("told", *told, true)
		if err != nil {
			return err
		}
		return e.withDB(func(db *store.DB) error {
			if err := privacy.ExtendRequest(e.ctx, db, id, *months, *reason, toldOn, time.Now()); err != nil {
				return err
			}
			r, err := db.Request(e.ctx, id)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "request %d extended: the answer is due by %s\n", id, r.DueBy().Format(time.DateOnly))
			return nil
		})
	}
}

func setupRequestClose(fs *flag.FlagSet) runFunc {
	outcome := fs.String("outcome", "", "`OUTCOME`: "+requestOutcomesList+" (required)")
	reason := fs.String("reason", "", "with refused, why, a `TEXT` the person is told with their right to complain (required);\n"+
		"with done or withdrawn, a note of what was done")
	return func(e *env, args []string) error {
		id, err := requestArg("request close", args)
		if err != nil {
			return err
		}
		if err := need("outcome", *outcome); err != nil {
			return err
		}
		note, refusal := *reason, ""
		if *outcome == store.RequestRefused {
			note, refusal = "", *reason
		}
		return e.withDB(func(db *store.DB) error {
			if err := privacy.CloseRequest(e.ctx, db, id, *outcome, note, refusal); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "request %d closed: %s\n", id, *outcome)
			return nil
		})
	}
}

func setupRequestStatus(fs *flag.FlagSet) runFunc {
	to := fs.String("to", "", "the new `STATUS`: waiting_identity, or back to open (extended, if it was extended) (required)")
	identity := fs.String("identity-checked", "", "`HOW` identity was confirmed: "+identityChecksList)
	return func(e *env, args []string) error {
		id, err := requestArg("request status", args)
		if err != nil {
			return err
		}
		if err := need("to", *to); err != nil {
			return err
		}
		return e.withDB(func(db *store.DB) error {
			if err := privacy.SetRequestStatus(e.ctx, db, id, *to, *identity); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "request %d: %s\n", id, *to)
			return nil
		})
	}
}

func setupRequestPurge(fs *flag.FlagSet) runFunc {
	return func(e *env, args []string) error {
		if err := noArgs("request purge", args); err != nil {
			return err
		}
		return e.withDB(func(db *store.DB) error {
			n, err := privacy.PurgeRequests(e.ctx, db, time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s closed more than %d years ago deleted\n", count(n, "request"), privacy.RequestKeepYears)
			return nil
		})
	}
}

// requestArg reads the request ID of a command.
func requestArg(name string, args []string) (int64, error) { return idArg(name, "request", args) }
