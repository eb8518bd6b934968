package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// runFunc runs a command with its positional arguments; its flags were bound
// by the command's setup.
type runFunc func(e *env, args []string) error

// command is one entry of the command table.
type command struct {
	name  string // the command words: "client add"
	args  string // the synopsis after the name
	about string // one line for the usage
	// setup defines the command's flags on fs and returns what runs it.
	setup func(fs *flag.FlagSet) runFunc
}

// commands is every command, in the order the usage lists them.
var commands = []*command{
	{name: "init", args: "--salon NAME --country PL|DE|DK|AT|XX [--language en|pl|de|da] [--currency PLN]",
		about: "create a new encrypted database; prints the recovery key once, alone on the last line", setup: setupInit},
	{name: "demo", args: "[--clients N] [--seed S]",
		about: "add realistic multilingual demo data (staff, services, clients, years of bookings)", setup: setupDemo},
	{name: "salon set", args: "[--name N] [--address A] [--tax-id T] [--privacy-contact C] [--land XX]",
		about: "change the salon's details, printed on every export; only the flags given change; --land: the German Land (" + landsList + ")",
		setup: setupSalonSet},
	{name: "staff add", args: "--name NAME [--role owner|manager|reception|stylist|accountant]",
		about: "add a staff member; prints the new ID", setup: setupStaffAdd},
	{name: "staff list", args: "[--json]", about: "list the team", setup: setupStaffList},
	{name: "staff pin", args: "ID --pin-file F | --clear",
		about: "give a staff member a PIN (4 to 8 digits) or remove it; the first PIN goes to someone who may manage staff", setup: setupStaffPin},
	{name: "staff permissions", args: "ID --set LIST | --defaults | --list",
		about: "adjust what a staff member may do (the role's defaults otherwise)", setup: setupStaffPermissions},
	{name: "service add", args: "--name NAME --minutes M --price 120.00 [--category C]",
		about: "add a service; prints the new ID", setup: setupServiceAdd},
	{name: "service list", args: "[--json]", about: "list the services", setup: setupServiceList},
	{name: "client add", args: "--first F --last L [--phone P] [--email E] [--birth YYYY-MM-DD] [--address A]\n" +
		"           [--language xx] [--notes TEXT] [--health-notes TEXT --health-consent CHANNEL]",
		about: "add a client card; prints the new ID", setup: setupClientAdd},
	{name: "client list", args: "[--search Q] [--inactive-since DATE] [--json | --csv FILE]",
		about: "list, search or find inactive clients; --csv writes the list for the owner's records (audited)", setup: setupClientList},
	{name: "client show", args: "ID [--json]",
		about: "the card: details, bookings, payments, invoices, consents, restriction", setup: setupClientShow},
	{name: "client duplicates", args: "[--json]",
		about: "find cards that may be one person: the same phone, email, name and birth date, or similar names", setup: setupClientDuplicates},
	{name: "client merge", args: "--keep ID --from ID --yes [--take FIELDS] [--despite-restriction GROUND] [--dry-run]",
		about: "merge two cards of one person: --from's bookings, payments, invoices, consents and requests move to --keep, then --from is forgotten", setup: setupClientMerge},
	{name: "client forget-inactive", args: "--since DATE | --months N [--never-visited] [--dry-run] [--json] --yes",
		about: "forget the clients with no visit since then, by the rules of forget; the blocked ones are listed with the reason", setup: setupClientForgetInactive},
	{name: "client unsubscribe", args: "ID --channel email|sms [--via in_person|phone|paper|email]",
		about: "record that the client withdrew their marketing consent for email or SMS", setup: setupClientUnsubscribe},
	{name: "client restrict", args: "ID --on --reason TEXT | --off [--reason TEXT]",
		about: "turn restriction of processing (GDPR Art. 18) on or off, with the reason; each switch is kept", setup: setupClientRestrict},
	{name: "client hold", args: "ID --reason TEXT | --off",
		about: "keep a client out of automatic retention, with the reason, or let retention weigh them again", setup: setupClientHold},
	{name: "consent set", args: "ID --kind marketing_email|marketing_sms|health_data --given|--withdrawn [--channel C]",
		about: "record a consent given or withdrawn", setup: setupConsentSet},
	{name: "booking add", args: "--client ID --service ID --staff ID --start TIME [--end TIME]\n" +
		"           [--status booked|completed|cancelled|no_show] [--notes TEXT]\n" +
		"           [--despite-restriction consent|legal_claim|rights_of_others|public_interest]",
		about: "book a client; prints the new ID; a restricted client (GDPR Art. 18) only on a ground of Art. 18(2), audited", setup: setupBookingAdd},
	{name: "booking cancel", args: "ID [--reason TEXT]",
		about: "cancel a booked visit; the reason goes into its notes", setup: setupBookingCancel},
	{name: "payment add", args: "--client ID [--booking ID] --amount 120.00 [--method cash|card|transfer] [--at TIME]",
		about: "record a payment; prints the new ID", setup: setupPaymentAdd},
	{name: "invoice add", args: "--client ID --amount 120.00 [--at TIME]",
		about: "issue an invoice; prints the new ID", setup: setupInvoiceAdd},
	{name: "import clients", args: "FILE [--dry-run] [--encoding auto|utf-8|cp1250|cp1252|iso-8859-2|iso-8859-15]\n" +
		"           [--on-duplicate skip|import] [--map COLUMN=FIELD]... [--json]",
		about: "import client cards from a CSV or semicolon file with a header row in en/pl/de/da; all or nothing", setup: setupImportClients},
	{name: "mailing-list", args: "--channel email|sms [--csv FILE | --vcard FILE]",
		about: "write the clients with a current marketing consent for the channel (never restricted or forgotten); audited", setup: setupMailingList},
	{name: "passwd", args: "[--new-passphrase-file PATH] | --strengthen",
		about: "change the passphrase, or strengthen its protection (rewrites the key header only)", setup: setupPasswd},
	{name: "check", args: "[--deep] [--json]", about: "integrity check; every page must decrypt and authenticate", setup: setupCheck},
	{name: "decrypt", args: "--out FILE",
		about: "write a PLAINTEXT copy of the database file for migration and support", setup: setupDecrypt},
	{name: "audit", args: "[--limit N] [--actor A] [--kind K] [--client ID] [--since DATE] [--json]",
		about: "the audit log, newest first: who did what, by staff number and client number, never a name", setup: setupAudit},

	{name: "export", args: "--client ID [--pdf FILE] [--json FILE] [--language xx]",
		about: "write a client's personal data: a printable PDF (GDPR Art. 15) and/or a portable JSON (Art. 20)", setup: setupExport},
	{name: "forget", args: "--client ID --yes [--reason TEXT]",
		about: "forget a client (GDPR Art. 17) and prove no trace is left; exit 4 when a rule blocks it", setup: setupForget},
	{name: "request add", args: "--kind " + requestKindsList + "\n" +
		"           --received DATE [--client ID | --name NAME --contact C] [--identity-checked HOW] [--channel C]",
		about: "record a privacy request (GDPR Art. 15–21); prints the new ID; the answer is due a month later", setup: setupRequestAdd},
	{name: "request list", args: "[--open] [--json]", about: "the privacy requests, soonest due first, the overdue and due soon flagged", setup: setupRequestList},
	{name: "request show", args: "ID [--json]", about: "one privacy request, with the action that answers it", setup: setupRequestShow},
	{name: "request extend", args: "ID --months 1|2 --reason TEXT [--told DATE]",
		about: "extend the due date by up to two further months in all (Art. 12(3)); exit 4 past the limits or without the reason", setup: setupRequestExtend},
	{name: "request status", args: "ID --to waiting_identity|open|extended [--identity-checked HOW]",
		about: "wait for the person to confirm who they are, or go on once they have", setup: setupRequestStatus},
	{name: "request close", args: "ID --outcome " + requestOutcomesList + " [--reason TEXT]",
		about: "close a privacy request; refused needs the reason (exit 4 without it, or with a blank one)", setup: setupRequestClose},
	{name: "request purge", args: "", about: "delete the requests closed more than 3 years ago (the daily job does this too)", setup: setupRequestPurge},
	{name: "retention show", args: "[--json]", about: "show the retention policy and when it last ran", setup: setupRetentionShow},
	{name: "retention set", args: "--policy off|booking_end|last_visit [--days N | --months N] [--statutory-years N]",
		about: "set the retention policy (GDPR Art. 5(1)(e))", setup: setupRetentionSet},
	{name: "retention run", args: "[--dry-run] [--now TIME] [--json]",
		about: "apply the retention policy now; --dry-run says what it would do (at --now)", setup: setupRetentionRun},
	{name: "backup", args: "FILE", about: "write an encrypted, authenticated backup, with the erasure ledger beside it", setup: setupBackup},
	{name: "restore", args: "FILE", about: "restore a backup and forget again whoever was forgotten since; with no database, create it (a new computer)", setup: setupRestore},
}

// lookup finds a command by its words.
func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// subcommands lists the second words of the commands that start with group.
func subcommands(group string) []string {
	var subs []string
	for _, c := range commands {
		if g, sub, ok := strings.Cut(c.name, " "); ok && g == group {
			subs = append(subs, sub)
		}
	}
	return subs
}

func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// takesValue reports whether a flag of that name is followed by a value:
// findCommand must skip the value when it looks for the command words.
// words are the command words found so far: once they name a command, its
// own flags decide. Before that a flag that is a switch in some commands and
// takes a value in others (--json: export --json FILE, client list --json)
// takes none when the next argument is a command word.
func takesValue(name string, words []string, next string) bool {
	fs := newFlagSet("")
	(&globals{}).register(fs)
	if f := fs.Lookup(name); f != nil {
		return !isBoolFlag(f)
	}
	if c := commandOf(words); c != nil {
		return flagTakesValue(c, name)
	}
	valued, switched := false, false
	for _, c := range commands {
		fs := newFlagSet(c.name)
		c.setup(fs)
		if f := fs.Lookup(name); f != nil {
			if isBoolFlag(f) {
				switched = true
			} else {
				valued = true
			}
		}
	}
	if valued && switched {
		return lookup(next) == nil && len(subcommands(next)) == 0
	}
	return valued
}

// commandOf is the command words name, if they name one.
func commandOf(words []string) *command {
	if len(words) > 1 {
		if c := lookup(words[0] + " " + words[1]); c != nil {
			return c
		}
	}
	if len(words) > 0 {
		return lookup(words[0])
	}
	return nil
}

// flagTakesValue reports whether c has a flag name that takes a value.
func flagTakesValue(c *command, name string) bool {
	fs := newFlagSet(c.name)
	c.setup(fs)
	f := fs.Lookup(name)
	return f != nil && !isBoolFlag(f)
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// printUsage writes the general help.
func printUsage(w io.Writer) {
	fmt.Fprint(w, `kartoteka-cli — the command-line tool of Kartoteka, the offline salon manager

usage: kartoteka-cli [global flags] COMMAND [flags] [arguments]
       kartoteka-cli help COMMAND

Flags may come before or after the command words.

Global flags:
  --db PATH                  the database (default: $KARTOTEKA_DB, else the desktop app's file)
  --passphrase-file PATH     read the passphrase from the first line of PATH
                             (default: $KARTOTEKA_PASSPHRASE, else a prompt with echo off)
  --recovery-key-file PATH   unlock with the recovery key in PATH instead of the passphrase
  --as STAFF_ID              act as that staff member, with their PIN (--pin-file PATH, else
                             $KARTOTEKA_PIN, else a prompt): what they may not do exits 5.
                             Without --as the passphrase holder acts as the owner.

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %s %s\n", c.name, c.args)
		fmt.Fprintf(w, "      %s\n", c.about)
	}
	fmt.Fprint(w, `
Times are local unless they carry an offset: 2026-03-01T10:00, 2026-03-01T10:00:00+01:00.
Amounts are decimal: 120.00. --json prints JSON on stdout; messages go to stderr.

Environment:
  KARTOTEKA_DB           the database when --db is not given
  KARTOTEKA_PASSPHRASE   the passphrase when --passphrase-file is not given
  KARTOTEKA_PIN          the --as staff member's PIN when --pin-file is not given
  KARTOTEKA_KDF=cheap    init derives keys in milliseconds instead of about half a second.
                         ONLY for tests and throwaway salons: such a passphrase protects
                         nothing. It never weakens an existing salon.

Exit codes:
  0 done
  1 failed (I/O, a full disk, a damaged file, the salon open elsewhere, bug); nothing was half-done
  2 bad usage or bad input; nothing changed
  3 wrong passphrase or recovery key; the file is untouched
  4 refused by a privacy rule (e.g. the client is restricted or anonymized, a request's extension
    past its limits)
`)
}

// printCommandHelp writes the help of one command.
func printCommandHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "usage: kartoteka-cli %s %s\n\n%s.\n", c.name, c.args, upperFirst(c.about))
	fs := newFlagSet(c.name)
	c.setup(fs)
	var b strings.Builder
	fs.SetOutput(&b)
	fs.PrintDefaults()
	if b.Len() > 0 {
		fmt.Fprintf(w, "\nFlags:\n%s", strings.ReplaceAll(b.String(), "  -", "  --"))
	}
	fmt.Fprint(w, "\nGlobal flags --db, --passphrase-file, --recovery-key-file and --as: see kartoteka-cli help.\n")
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
