package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// Issue 17: clean client records from the command line.

func TestClientDuplicatesAndMerge(t *testing.T) {
	s := newSalon(t)
	staff, service, zofia := s.fixture() // Zofia Kowalska-Øster, 601 234 567, zofia@example.com
	samePhone := s.ok("client", "add", "--first", "Zosia", "--last", "Kowalska", "--phone", "+48601234567")
	typo := s.ok("client", "add", "--first", "Katarzyna", "--last", "Nowakowska", "--email", "kasia@example.com")
	typo2 := s.ok("client", "add", "--first", "Nowakowksa", "--last", "Katarzyna") // swapped, and a typo
	s.ok("client", "add", "--first", "Jan", "--last", "Lis")

	var groups []struct {
		Clients []int64  `json:"clients"`
		Reasons []string `json:"reasons"`
	}
	if err := json.Unmarshal([]byte(s.ok("client", "duplicates", "--json")), &groups); err != nil {
		t.Fatal(err)
	}
	id := func(v string) int64 { n, _ := strconv.ParseInt(v, 10, 64); return n }
	if len(groups) != 2 || !slices.Equal(groups[0].Clients, []int64{id(zofia), id(samePhone)}) || !slices.Equal(groups[0].Reasons, []string{"phone"}) ||
		!slices.Equal(groups[1].Clients, []int64{id(typo), id(typo2)}) || !slices.Equal(groups[1].Reasons, []string{"similar_name"}) {
		t.Errorf("duplicates = %+v", groups)
	}
	if out := s.ok("client", "duplicates"); !strings.Contains(out, "why: phone") {
		t.Errorf("duplicates table:\n%s", out)
	}

	// The second card has a visit and a booking to come.
	s.ok("booking", "add", "--client", samePhone, "--service", service, "--staff", staff, "--start", "2026-01-05T10:00", "--status", "completed")
	s.ok("booking", "add", "--client", samePhone, "--service", service, "--staff", staff, "--start", "2030-01-07T10:00")
	s.ok("consent", "set", samePhone, "--kind", "marketing_sms", "--given")
	s.expect(exitUsage, "client", "merge", "--keep", zofia, "--from", samePhone)                   // no --yes
	s.expect(exitUsage, "client", "merge", "--keep", zofia, "--from", zofia, "--yes")              // itself
	s.expect(exitUsage, "client", "merge", "--keep", zofia, "--from", "999", "--yes")              // no such card
	s.expect(exitUsage, "client", "merge", "--keep", zofia, "--from", samePhone, "--take", "shoe") // no such field
	if out := s.ok("client", "merge", "--keep", zofia, "--from", samePhone, "--dry-run"); !strings.Contains(out, "dry run") {
		t.Errorf("dry run: %q", out)
	}
	out := s.ok("client", "merge", "--keep", zofia, "--from", samePhone, "--take", "first_name", "--yes")
	if !strings.Contains(out, "2 bookings") || !strings.Contains(out, "no trace of client") {
		t.Errorf("merge: %q", out)
	}
	var kept, gone struct {
		FirstName  string `json:"first_name"`
		Anonymized bool   `json:"anonymized"`
		Bookings   []any  `json:"bookings"`
		Consents   []any  `json:"consents"`
	}
	json.Unmarshal([]byte(s.ok("client", "show", zofia, "--json")), &kept)
	json.Unmarshal([]byte(s.ok("client", "show", samePhone, "--json")), &gone)
	if kept.FirstName != "Zosia" || len(kept.Bookings) != 2 || len(kept.Consents) != 1 || !gone.Anonymized || len(gone.Bookings) != 0 {
		t.Errorf("after the merge: kept %+v, gone %+v", kept, gone)
	}
	s.expect(exitRefused, "client", "merge", "--keep", zofia, "--from", samePhone, "--yes") // forgotten already

	// A restricted card: refused without a ground, exit 4, and merged with one.
	s.ok("client", "restrict", typo2, "--on", "--reason", "contests her data")
	errOut := s.expect(exitRefused, "client", "merge", "--keep", typo, "--from", typo2, "--yes")
	if !strings.Contains(errOut, "--despite-restriction") {
		t.Errorf("restricted merge refused with %q", errOut)
	}
	s.expect(exitUsage, "client", "merge", "--keep", typo, "--from", typo2, "--yes", "--despite-restriction", "because")
	s.ok("client", "merge", "--keep", typo, "--from", typo2, "--yes", "--despite-restriction", "legal_claim")
	var k struct {
		Restricted bool `json:"restricted"`
	}
	json.Unmarshal([]byte(s.ok("client", "show", typo, "--json")), &k)
	if !k.Restricted {
		t.Error("the kept card did not take over the restriction")
	}
	if out := s.ok("client", "duplicates", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("duplicates after merging = %s", out)
	}
}

func TestClientMergeNotPermitted(t *testing.T) {
	s := newSalon(t)
	_, _, zofia := s.fixture()
	other := s.ok("client", "add", "--first", "Zofia", "--last", "Kowalska-Øster")
	owner := s.ok("staff", "add", "--name", "Owner", "--role", "owner")
	reception := s.ok("staff", "add", "--name", "Recepcja", "--role", "reception")
	s.ok("staff", "pin", owner, "--pin-file", s.write("owner.pin", "48151623\n"))
	pin := s.write("reception.pin", "2468\n")
	s.ok("staff", "pin", reception, "--pin-file", pin)
	errOut := s.expect(exitDenied, "client", "merge", "--keep", zofia, "--from", other, "--yes", "--as", reception, "--pin-file", pin)
	if !strings.Contains(errOut, "forget") {
		t.Errorf("refusal names %q", errOut)
	}
	s.expect(exitDenied, "client", "forget-inactive", "--since", "2099-01-01", "--yes", "--as", reception, "--pin-file", pin)
	s.expect(exitDenied, "mailing-list", "--channel", "email", "--csv", filepath.Join(s.dir, "m.csv"), "--as", reception, "--pin-file", pin)
}

func TestClientForgetInactive(t *testing.T) {
	s := newSalon(t)
	staff, service, zofia := s.fixture()
	old := s.ok("client", "add", "--first", "Agata", "--last", "Dawna", "--phone", "601 100 001")
	booked := s.ok("client", "add", "--first", "Danuta", "--last", "Przyszła")
	restricted := s.ok("client", "add", "--first", "Czesława", "--last", "Zastrzeżona")
	s.ok("booking", "add", "--client", old, "--service", service, "--staff", staff, "--start", "2025-01-05T10:00", "--status", "completed")
	s.ok("booking", "add", "--client", booked, "--service", service, "--staff", staff, "--start", "2099-01-05T10:00")
	s.ok("client", "restrict", restricted, "--on", "--reason", "a legal claim")
	tomorrow := time.Now().AddDate(0, 0, 1).Format(time.DateOnly) // every card made today is inactive "since tomorrow"

	s.expect(exitUsage, "client", "forget-inactive", "--since", tomorrow)                           // no --yes
	s.expect(exitUsage, "client", "forget-inactive", "--yes")                                       // no date
	s.expect(exitUsage, "client", "forget-inactive", "--since", "2026-02-31", "--yes")              // no such date
	s.expect(exitUsage, "client", "forget-inactive", "--since", tomorrow, "--months", "3", "--yes") // both
	type result struct {
		Forgotten []int64 `json:"forgotten"`
		Blocked   []struct {
			Client int64  `json:"client"`
			Reason string `json:"reason"`
		} `json:"blocked"`
		Warnings []struct {
			Client   int64    `json:"client"`
			Warnings []string `json:"warnings"`
		} `json:"warnings"`
	}
	var dry, done result
	if err := json.Unmarshal([]byte(s.ok("client", "forget-inactive", "--since", tomorrow, "--dry-run", "--json")), &dry); err != nil {
		t.Fatal(err)
	}
	id := func(v string) int64 { n, _ := strconv.ParseInt(v, 10, 64); return n }
	forgettable := []int64{id(old), id(zofia)} // longest inactive first: the visit in 2025, then a card of today
	blocked := map[int64]string{}
	for _, b := range dry.Blocked {
		blocked[b.Client] = b.Reason
	}
	// Agata's visit was never paid for: the dry run says so first.
	if len(dry.Warnings) != 1 || dry.Warnings[0].Client != id(old) || !slices.Equal(dry.Warnings[0].Warnings, []string{"open_balance"}) {
		t.Errorf("warnings = %+v, want Agata's open balance", dry.Warnings)
	}
	if !slices.Equal(dry.Forgotten, forgettable) || blocked[id(booked)] != "upcoming_booking" || blocked[id(restricted)] != "restricted" || len(blocked) != 2 {
		t.Errorf("dry run = %+v", dry)
	}
	if c := s.clientsJSON(); c[0]["anonymized"] == true || c[1]["anonymized"] == true {
		t.Error("a dry run forgot someone")
	}
	if err := json.Unmarshal([]byte(s.ok("client", "forget-inactive", "--since", tomorrow, "--yes", "--json")), &done); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(done.Forgotten, forgettable) || len(done.Blocked) != 2 {
		t.Errorf("forget-inactive = %+v", done)
	}
	for _, c := range s.clientsJSON() {
		want := c["id"] == float64(id(old)) || c["id"] == float64(id(zofia))
		if c["anonymized"] != want {
			t.Errorf("client %v anonymized = %v", c["id"], c["anonymized"])
		}
	}
	if out := s.ok("client", "forget-inactive", "--months", "1", "--yes"); !strings.Contains(out, "0 clients forgotten") {
		t.Errorf("nobody inactive for a month: %q", out)
	}
}

func TestMailingListAndUnsubscribe(t *testing.T) {
	s := newSalon(t)
	_, _, zofia := s.fixture()
	ewa := s.ok("client", "add", "--first", "Ewa", "--last", "Nowak", "--email", "ewa@example.com", "--phone", "602 000 111", "--language", "pl")
	jan := s.ok("client", "add", "--first", "Jan", "--last", "Lis", "--email", "jan@example.com")
	for _, c := range []string{zofia, ewa, jan} {
		s.ok("consent", "set", c, "--kind", "marketing_email", "--given")
	}
	s.ok("consent", "set", ewa, "--kind", "marketing_sms", "--given")
	s.ok("client", "restrict", jan, "--on", "--reason", "objects")
	s.ok("client", "unsubscribe", zofia, "--channel", "email", "--via", "email")
	s.expect(exitUsage, "client", "unsubscribe", zofia, "--channel", "fax")

	list := filepath.Join(s.dir, "list.csv")
	if out := s.ok("mailing-list", "--channel", "email", "--csv", list); !strings.Contains(out, "1 client") {
		t.Errorf("mailing-list: %q", out)
	}
	b, _ := os.ReadFile(list)
	if string(b) != "\ufeffname,email,language\r\nEwa Nowak,ewa@example.com,pl\r\n" {
		t.Errorf("list = %q", b)
	}
	vcf := filepath.Join(s.dir, "sms.vcf")
	s.ok("mailing-list", "--channel", "sms", "--vcard", vcf)
	if b, _ := os.ReadFile(vcf); !strings.Contains(string(b), "TEL;TYPE=CELL:+48602000111\r\n") {
		t.Errorf("vCard = %q", b)
	}
	s.expect(exitUsage, "mailing-list", "--channel", "fax", "--csv", list)
	s.expect(exitUsage, "mailing-list", "--channel", "email", "--csv", s.db)
	s.expect(exitUsage, "mailing-list", "--channel", "email", "--csv", s.db+"-wal")
	s.expect(exitUsage, "mailing-list", "--channel", "email", "--csv", s.dir)
	s.expect(exitUsage, "mailing-list", "--channel", "email", "--csv", list, "--vcard", vcf)
	audit := s.ok("audit", "--json")
	if !strings.Contains(audit, `"mailing_list.export"`) || strings.Contains(audit, "Nowak") || strings.Contains(audit, "ewa@") {
		t.Errorf("audit:\n%s", audit)
	}
	// The client list, for the owner's records.
	clients := filepath.Join(s.dir, "clients.csv")
	s.ok("client", "list", "--csv", clients)
	if b, _ := os.ReadFile(clients); !strings.Contains(string(b), "Ewa,Nowak,+48602000111") || strings.Contains(string(b), "Jan,Lis") {
		t.Errorf("client list = %q", b)
	}
	s.expect(exitUsage, "client", "list", "--csv", s.db)
}

func TestImportClientsEncodingsAndDuplicates(t *testing.T) {
	s := newSalon(t)
	pl, err := charmap.Windows1250.NewEncoder().String("Imię;Nazwisko;Telefon;E-mail;Data urodzenia;Zgoda SMS\r\n" +
		"Łucja;Wąsowska;601 234 999;lucja@example.pl;15.03.1985;tak\r\n" +
		"Ścibor;Żądło;;;1.2.1970;\r\n")
	if err != nil {
		t.Fatal(err)
	}
	plFile := s.write("klienci.csv", pl)
	code, out, errOut := s.run("import", "clients", plFile, "--dry-run")
	if code != exitOK || !strings.Contains(out, "2 clients would be imported") || !strings.Contains(errOut, "read as cp1250") {
		t.Fatalf("dry run = %d, %q, %q", code, out, errOut)
	}
	if out := s.ok("import", "clients", plFile); !strings.Contains(out, "2 clients imported, 0 skipped, 1 consent records") {
		t.Errorf("import = %q", out)
	}
	if c := s.clientsJSON(); len(c) != 2 || c[0]["last_name"] != "Wąsowska" || c[1]["last_name"] != "Żądło" {
		t.Errorf("clients = %+v", c)
	}
	// Again: every row is a client the salon has now.
	errOut = s.expect(exitUsage, "import", "clients", plFile)
	if !strings.Contains(errOut, "line 2: may be client 1 (phone, email, name_birth)") || !strings.Contains(errOut, "--on-duplicate") {
		t.Errorf("duplicates refused with %q", errOut)
	}
	if out := s.ok("import", "clients", plFile, "--on-duplicate", "skip"); !strings.Contains(out, "0 clients imported, 2 skipped") {
		t.Errorf("skip = %q", out)
	}
	// The wrong encoding chosen by hand gives other letters, the right one.
	s.ok("import", "clients", plFile, "--encoding", "cp1250", "--on-duplicate", "skip")
	s.expect(exitUsage, "import", "clients", plFile, "--encoding", "ebcdic")
	s.expect(exitUsage, "import", "clients", plFile, "--encoding", "utf-8") // not UTF-8
	s.expect(exitUsage, "import", "clients", plFile, "--on-duplicate", "join")
	// Merged: both rows match one card each; nothing new is made.
	if out := s.ok("import", "clients", plFile, "--on-duplicate", "merge"); !strings.Contains(out, "0 clients imported, 2 merged into cards the salon has") {
		t.Errorf("merge = %q", out)
	}
	if c := s.clientsJSON(); len(c) != 2 {
		t.Errorf("after the merge %d cards, want 2", len(c))
	}
	// A restricted card takes no merge: with --on-duplicate merge, the
	// refusal counts and names that row alone, and does not ask for the
	// merge the owner chose.
	s.ok("client", "restrict", "2", "--on", "--reason", "contests the accuracy")
	errOut = s.expect(exitUsage, "import", "clients", plFile, "--on-duplicate", "merge")
	if !strings.Contains(errOut, "line 3: may be client 2") || !strings.Contains(errOut, "cannot be merged: the card is restricted") ||
		!strings.Contains(errOut, "1 row that may be a client the salon has cannot be merged") || strings.Contains(errOut, "skip, merge or import") {
		t.Errorf("merge refused for a restricted card with %q", errOut)
	}
	s.ok("client", "restrict", "2", "--off", "--reason", "corrected")

	de := s.write("kunden.csv", "\ufeffVorname;Nachname;Handy;E-Mail;Geburtsdatum;Kundennr\r\n"+
		"Jürgen;Müller;+49 171 2345678;juergen@example.de;03.07.1962;4711\r\n"+
		"Gisela;Groß;;;31.02.1970;4712\r\n")
	errOut = s.expect(exitUsage, "import", "clients", de, "--dry-run")
	if !strings.Contains(errOut, "line 3: birth_date: no such date") || strings.Contains(errOut, "Groß") {
		t.Errorf("rejected: %q", errOut)
	}
	var rep struct {
		Encoding string `json:"encoding"`
		Rejected []struct {
			Line  int    `json:"line"`
			Field string `json:"field"`
		} `json:"rejected"`
	}
	code, out, _ = s.run("import", "clients", de, "--dry-run", "--json")
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != exitUsage || rep.Encoding != "utf-8" || len(rep.Rejected) != 1 || rep.Rejected[0].Line != 3 {
		t.Errorf("--json = %d %+v %v", code, rep, err)
	}
	s.write("kunden.csv", strings.Replace(readFile(t, de), "31.02.1970", "28.02.1970", 1))
	s.ok("import", "clients", de, "--map", "Kundennr=notes", "--map", "3=phone")
	if out := s.ok("client", "list", "--search", "muller", "--json"); !strings.Contains(out, `"+491712345678"`) {
		t.Errorf("Müller = %s", out)
	}
	s.expect(exitUsage, "import", "clients", de, "--map", "Schuhgröße=notes")
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestImportClientsRefusesWhatIsNoClientFile: the salon's own file, its
// write-ahead log, a folder and a device are refused before a byte is
// read (exit 2), as is a file of a header alone.
func TestImportClientsRefusesWhatIsNoClientFile(t *testing.T) {
	s := newSalon(t)
	refused := []string{s.db, s.db + "-wal", filepath.Dir(s.db)}
	if runtime.GOOS != "windows" {
		refused = append(refused, "/dev/zero")
	}
	for _, p := range refused {
		if _, err := os.Stat(p); err != nil {
			continue
		}
		if errOut := s.expect(exitUsage, "import", "clients", p, "--dry-run"); !strings.Contains(errOut, "is the salon's own database") &&
			!strings.Contains(errOut, "is a folder") && !strings.Contains(errOut, "not a regular file") {
			t.Errorf("%s refused with %q", p, errOut)
		}
	}
	if errOut := s.expect(exitUsage, "import", "clients", s.write("header.csv", "Imię;Nazwisko\r\n")); !strings.Contains(errOut, "a header but no clients") {
		t.Errorf("a header alone refused with %q", errOut)
	}
}

// TestMergeWarnsOfConsentRevivedByFile: unsubscribed, re-imported anyway
// with the file's consent, merged: the merge warns that the client is on
// the mailing list again on the file's word, and says how to undo it.
func TestMergeWarnsOfConsentRevivedByFile(t *testing.T) {
	s := newSalon(t)
	file := s.write("lista.csv", "Imię;Nazwisko;Telefon;E-mail;Zgoda email\nEwa;Lis;601000001;ewa@lis.pl;tak\n")
	s.ok("import", "clients", file)
	s.ok("client", "unsubscribe", "1", "--channel", "email", "--via", "email")
	s.ok("import", "clients", file, "--on-duplicate", "import")
	code, _, errOut := s.run("client", "merge", "--keep", "1", "--from", "2", "--dry-run")
	if code != exitOK || !strings.Contains(errOut, "warning: the client withdrew their marketing_email consent") ||
		!strings.Contains(errOut, "client unsubscribe 1 --channel email") {
		t.Errorf("dry run = %d, %q", code, errOut)
	}
}
