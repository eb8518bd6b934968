package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

const testPassphrase = "correct horse battery"

// salon is a CLI pointed at a fresh database in t.TempDir(), with cheap key
// derivation and a passphrase file.
type salon struct {
	t        *testing.T
	dir      string
	db       string
	passFile string
	recovery string
}

// newSalon runs init and returns the salon.
func newSalon(t *testing.T) *salon {
	t.Helper()
	s := blankSalon(t)
	code, out, errOut := s.run("init", "--salon", "Salon Test", "--country", "PL")
	if code != exitOK {
		t.Fatalf("init = %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	s.recovery = lines[len(lines)-1]
	return s
}

// blankSalon sets up the environment without creating the database.
func blankSalon(t *testing.T) *salon {
	t.Helper()
	t.Setenv("KARTOTEKA_KDF", "cheap")
	t.Setenv("KARTOTEKA_DB", "")
	t.Setenv("KARTOTEKA_PASSPHRASE", "")
	dir := t.TempDir()
	storetest.IsolateDataDir(t, filepath.Join(dir, "xdg")) // never the real default database
	s := &salon{t: t, dir: dir, db: filepath.Join(dir, "data", "salon.kartoteka"), passFile: filepath.Join(dir, "pass.txt")}
	s.write("pass.txt", testPassphrase+"\n")
	return s
}

// write makes a file in the salon's folder and returns its path.
func (s *salon) write(name, content string) string {
	s.t.Helper()
	p := filepath.Join(s.dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		s.t.Fatal(err)
	}
	return p
}

// run runs the CLI with --db and --passphrase-file appended.
func (s *salon) run(args ...string) (code int, stdout, stderr string) {
	s.t.Helper()
	return s.runRaw(append(args, "--db", s.db, "--passphrase-file", s.passFile)...)
}

// runRaw runs the CLI with exactly args.
func (s *salon) runRaw(args ...string) (code int, stdout, stderr string) {
	s.t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// ok runs the CLI, fails the test unless it exits 0, and returns stdout
// without its trailing newline.
func (s *salon) ok(args ...string) string {
	s.t.Helper()
	code, out, errOut := s.run(args...)
	if code != exitOK {
		s.t.Fatalf("%v = %d, stderr %q", args, code, errOut)
	}
	return strings.TrimRight(out, "\n")
}

// expect runs the CLI and fails the test unless it exits with want; it
// returns stderr.
func (s *salon) expect(want int, args ...string) string {
	s.t.Helper()
	code, _, errOut := s.run(args...)
	if code != want {
		s.t.Fatalf("%v = %d, want %d; stderr %q", args, code, want, errOut)
	}
	return errOut
}

// fixture adds a stylist, a 60-minute service at 120.00 and a client.
func (s *salon) fixture() (staff, service, client string) {
	staff = s.ok("staff", "add", "--name", "Anna Stylistka", "--role", "stylist")
	service = s.ok("service", "add", "--name", "Strzyżenie", "--minutes", "60", "--price", "120.00")
	client = s.ok("client", "add", "--first", "Zofia", "--last", "Kowalska-Øster", "--phone", "601 234 567", "--email", "zofia@example.com")
	return staff, service, client
}

func (s *salon) clientsJSON() []map[string]any {
	s.t.Helper()
	var list []map[string]any
	if err := json.Unmarshal([]byte(s.ok("client", "list", "--json")), &list); err != nil {
		s.t.Fatal(err)
	}
	return list
}

func TestInitPrintsRecoveryKeyLast(t *testing.T) {
	s := blankSalon(t)
	code, out, errOut := s.run("init", "--salon", "Salon Test", "--country", "DK")
	if code != exitOK {
		t.Fatalf("init = %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	key := lines[len(lines)-1]
	if _, err := store.ParseRecoveryKey(key); err != nil {
		t.Fatalf("last line %q is not a recovery key: %v", key, err)
	}
	if !strings.Contains(errOut, "only") {
		t.Errorf("stderr does not explain the recovery key: %q", errOut)
	}
	// Windows has no modes: a folder under %AppData% is the user's by the
	// access list it inherits.
	info, err := os.Stat(filepath.Dir(s.db))
	if err != nil || !info.IsDir() || runtime.GOOS != "windows" && info.Mode().Perm() != 0o700 {
		t.Errorf("parent folder = %v, %v; want mode 0700", info.Mode(), err)
	}

	before, _ := os.ReadFile(s.db)
	errOut = s.expect(exitUsage, "init", "--salon", "Other", "--country", "PL")
	if !strings.Contains(errOut, "already exists") {
		t.Errorf("second init: %q", errOut)
	}
	after, _ := os.ReadFile(s.db)
	if !bytes.Equal(before, after) {
		t.Error("a second init changed the existing file")
	}
}

func TestInitRefusesBadInput(t *testing.T) {
	s := blankSalon(t)
	s.expect(exitUsage, "init", "--salon", "X")                    // no country
	s.expect(exitUsage, "init", "--salon", "X", "--country", "FR") // not a country of ours
	s.write("pass.txt", "short\n")
	errOut := s.expect(exitUsage, "init", "--salon", "X", "--country", "PL")
	if !strings.Contains(errOut, "at least 10") {
		t.Errorf("weak passphrase: %q", errOut)
	}
	if _, err := os.Stat(s.db); !os.IsNotExist(err) {
		t.Errorf("a refused init left a file: %v", err)
	}
}

func TestPassphraseFromEnvironment(t *testing.T) {
	s := blankSalon(t)
	t.Setenv("KARTOTEKA_PASSPHRASE", testPassphrase)
	t.Setenv("KARTOTEKA_DB", s.db)
	if code, _, errOut := s.runRaw("init", "--salon", "S", "--country", "AT"); code != exitOK {
		t.Fatalf("init = %d, %q", code, errOut)
	}
	if code, _, errOut := s.runRaw("client", "list"); code != exitOK {
		t.Fatalf("client list = %d, %q", code, errOut)
	}
	t.Setenv("KARTOTEKA_PASSPHRASE", "")
	if code, _, errOut := s.runRaw("client", "list"); code != exitUsage || !strings.Contains(errOut, "no passphrase") {
		t.Errorf("without a passphrase = %d, %q; want 2", code, errOut)
	}
}

func TestWrongPassphraseExit3LeavesFileUnchanged(t *testing.T) {
	s := newSalon(t)
	s.fixture()
	before, err := os.ReadFile(s.db)
	if err != nil {
		t.Fatal(err)
	}
	s.write("pass.txt", "not the passphrase\n")
	for _, args := range [][]string{
		{"client", "list"},
		{"client", "add", "--first", "A", "--last", "B"},
		{"passwd", "--new-passphrase-file", s.passFile},
	} {
		errOut := s.expect(exitLocked, args...)
		if !strings.Contains(errOut, "wrong passphrase") {
			t.Errorf("%v: %q", args, errOut)
		}
	}
	rec := s.write("rec.txt", "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA\n")
	if code, _, _ := s.runRaw("client", "list", "--db", s.db, "--recovery-key-file", rec); code != exitLocked {
		t.Errorf("wrong recovery key = %d, want 3", code)
	}
	after, err := os.ReadFile(s.db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("a wrong passphrase changed the database file")
	}
	if _, err := os.Stat(s.db + "-wal"); err == nil {
		t.Error("a wrong passphrase left a WAL file")
	}
}

func TestRecoveryKeyFileUnlocks(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	rec := s.write("rec.txt", "\n  "+strings.ToLower(s.recovery)+"\n")
	code, out, errOut := s.runRaw("client", "show", client, "--db", s.db, "--recovery-key-file", rec)
	if code != exitOK || !strings.Contains(out, "Kowalska-Øster") {
		t.Fatalf("show with the recovery key = %d, %q, %q", code, out, errOut)
	}
	if code, _, _ := s.run("client", "list", "--recovery-key-file", rec); code != exitUsage {
		t.Errorf("both --passphrase-file and --recovery-key-file = %d, want 2", code)
	}
}

func TestClientAddBadEmailChangesNothing(t *testing.T) {
	s := newSalon(t)
	errOut := s.expect(exitUsage, "client", "add", "--first", "Zofia", "--last", "Nowak", "--email", "zofia@@example")
	if !strings.Contains(errOut, "email: not a valid email address") {
		t.Errorf("stderr = %q", errOut)
	}
	for _, personal := range []string{"Zofia", "Nowak", "zofia@@example"} {
		if strings.Contains(errOut, personal) {
			t.Errorf("the error echoes personal data %q: %q", personal, errOut)
		}
	}
	if list := s.clientsJSON(); len(list) != 0 {
		t.Errorf("clients after a refused add = %v", list)
	}
	s.expect(exitUsage, "client", "add", "--first", "Zofia")                                        // no last name
	s.expect(exitUsage, "client", "add", "--first", "Z", "--last", "N", "--phone", "12")            // bad phone
	s.expect(exitUsage, "client", "add", "--first", "Z", "--last", "N", "--birth", "2999-01-01")    // future
	s.expect(exitUsage, "client", "add", "--first", "Z", "--last", "N", "--language", "fr")         // not ours
	s.expect(exitUsage, "client", "add", "--first", "Z", "--last", "N", "--no-such-flag")           // unknown flag
	s.expect(exitUsage, "client", "add", "--first", "Z", "--last", "N", "stray")                    // argument
	s.expect(exitUsage, "client", "add", "--first", "Z", "--last", "N", "--email", "a@b.c", "--db") // no value
	if list := s.clientsJSON(); len(list) != 0 {
		t.Errorf("clients after refused adds = %v", list)
	}
}

func TestHealthNotesNeedConsent(t *testing.T) {
	s := newSalon(t)
	errOut := s.expect(exitUsage, "client", "add", "--first", "Ewa", "--last", "Lis", "--health-notes", "latex allergy")
	if !strings.Contains(errOut, "--health-consent") || strings.Contains(errOut, "latex") {
		t.Errorf("stderr = %q", errOut)
	}
	id := s.ok("client", "add", "--first", "Ewa", "--last", "Lis", "--health-notes", "latex allergy", "--health-consent", "paper")
	var card map[string]any
	json.Unmarshal([]byte(s.ok("client", "show", id, "--json")), &card)
	if card["health_notes"] != "latex allergy" || card["current_consents"].(map[string]any)["health_data"] != true {
		t.Errorf("card = %v", card)
	}
	s.ok("consent", "set", id, "--kind", "health_data", "--withdrawn")
	json.Unmarshal([]byte(s.ok("client", "show", id, "--json")), &card)
	if card["health_notes"] != "" {
		t.Errorf("health notes after withdrawal = %q", card["health_notes"])
	}
	s.expect(exitUsage, "consent", "set", id, "--kind", "health_data")                 // neither given nor withdrawn
	s.expect(exitUsage, "consent", "set", id, "--kind", "marketing_fax", "--given")    // unknown kind
	s.expect(exitUsage, "consent", "set", "999", "--kind", "marketing_sms", "--given") // unknown client
	s.expect(exitUsage, "consent", "set", id, "--kind", "marketing_sms", "--given", "--channel", "fax")
}

func TestBookingConflictExit2(t *testing.T) {
	s := newSalon(t)
	staff, service, client := s.fixture()
	s.ok("booking", "add", "--client", client, "--service", service, "--staff", staff, "--start", "2026-03-01T10:00")
	errOut := s.expect(exitUsage, "booking", "add", "--client", client, "--service", service, "--staff", staff,
		"--start", "2026-03-01T10:30")
	if !strings.Contains(errOut, "already has a booking") {
		t.Errorf("stderr = %q", errOut)
	}
	s.expect(exitUsage, "booking", "add", "--client", client, "--service", service, "--staff", staff,
		"--start", "2026-03-02T10:00", "--end", "2026-03-02T09:00") // end before start
	s.expect(exitUsage, "booking", "add", "--client", client, "--service", "99", "--staff", staff,
		"--start", "2026-03-02T10:00") // unknown service
	s.expect(exitUsage, "booking", "add", "--client", client, "--service", service, "--staff", staff,
		"--start", "tomorrow") // not a time
	var card map[string]any
	json.Unmarshal([]byte(s.ok("client", "show", client, "--json")), &card)
	if n := len(card["bookings"].([]any)); n != 1 {
		t.Errorf("bookings after refusals = %d, want 1", n)
	}
}

func TestClientListSearchFolds(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	s.ok("client", "add", "--first", "Jan", "--last", "Nowak")
	out := s.ok("client", "list", "--search", "kowalska-oster")
	if !strings.Contains(out, "Kowalska-Øster") || strings.Contains(out, "Nowak") {
		t.Errorf("search output = %q", out)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(s.ok("client", "list", "--search", "kowalska-oster", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || fmt.Sprint(list[0]["id"]) != client || list[0]["last_name"] != "Kowalska-Øster" {
		t.Fatalf("search JSON = %v", list)
	}
	for _, field := range []string{"id", "first_name", "last_name", "phone", "email", "last_visit", "anonymized", "restricted"} {
		if _, ok := list[0][field]; !ok {
			t.Errorf("client list --json lacks %q", field)
		}
	}
	if all := s.clientsJSON(); len(all) != 2 {
		t.Errorf("client list = %d clients, want 2", len(all))
	}
	var inactive []map[string]any
	json.Unmarshal([]byte(s.ok("client", "list", "--inactive-since", "2999-01-01", "--json")), &inactive)
	if len(inactive) != 2 {
		t.Errorf("inactive since 2999 = %d clients, want 2", len(inactive))
	}
	json.Unmarshal([]byte(s.ok("client", "list", "--inactive-since", "2000-01-01", "--json")), &inactive)
	if len(inactive) != 0 {
		t.Errorf("inactive since 2000 = %d clients, want 0", len(inactive))
	}
}

func TestFlagsBeforeOrAfterCommand(t *testing.T) {
	s := newSalon(t)
	s.fixture()
	for _, args := range [][]string{
		{"--db", s.db, "--passphrase-file", s.passFile, "client", "list", "--json"},
		{"client", "list", "--json", "--db", s.db, "--passphrase-file", s.passFile},
		{"--db=" + s.db, "client", "--passphrase-file", s.passFile, "list", "--json"},
		{"--json", "client", "list", "--db", s.db, "--passphrase-file=" + s.passFile},
	} {
		code, out, errOut := s.runRaw(args...)
		if code != exitOK || !strings.Contains(out, "Kowalska-Øster") {
			t.Errorf("%v = %d, %q, %q", args, code, out, errOut)
		}
	}
}

func TestClientShowJSON(t *testing.T) {
	s := newSalon(t)
	staff, service, client := s.fixture()
	booking := s.ok("booking", "add", "--client", client, "--service", service, "--staff", staff,
		"--start", "2026-03-01T10:00:00+01:00", "--status", "completed", "--notes", "first visit")
	s.ok("payment", "add", "--client", client, "--booking", booking, "--amount", "120", "--method", "cash", "--at", "2026-03-01T11:00")
	s.ok("payment", "add", "--client", client, "--amount", "20,5")
	s.ok("invoice", "add", "--client", client, "--amount", "120.00", "--at", "2026-03-01")
	s.ok("consent", "set", client, "--kind", "marketing_email", "--given", "--channel", "email")
	s.ok("client", "restrict", client, "--on", "--reason", "disputed data")

	var card map[string]any
	if err := json.Unmarshal([]byte(s.ok("client", "show", client, "--json")), &card); err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"id", "first_name", "last_name", "phone", "email", "birth_date", "language",
		"anonymized", "restricted", "restriction_reason", "last_visit", "consents", "bookings", "payments", "invoices"} {
		if _, ok := card[field]; !ok {
			t.Errorf("client show --json lacks %q", field)
		}
	}
	if card["phone"] != "+48601234567" || card["restricted"] != true || card["restriction_reason"] != "disputed data" {
		t.Errorf("card = %v", card)
	}
	if card["last_visit"] != "2026-03-01T10:00:00+01:00" && card["last_visit"] == nil {
		t.Errorf("last_visit = %v", card["last_visit"])
	}
	b := card["bookings"].([]any)[0].(map[string]any)
	for _, field := range []string{"id", "start", "end", "status", "service_id", "staff_id", "price", "notes"} {
		if _, ok := b[field]; !ok {
			t.Errorf("booking lacks %q", field)
		}
	}
	if b["price"] != "120.00" || b["status"] != "completed" || b["notes"] != "first visit" {
		t.Errorf("booking = %v", b)
	}
	payments := card["payments"].([]any)
	if len(payments) != 2 {
		t.Fatalf("payments = %v", payments)
	}
	amounts := map[string]bool{}
	for _, p := range payments {
		p := p.(map[string]any)
		for _, field := range []string{"id", "booking_id", "amount", "currency", "method", "at"} {
			if _, ok := p[field]; !ok {
				t.Errorf("payment lacks %q", field)
			}
		}
		amounts[p["amount"].(string)] = true
		if p["currency"] != "PLN" {
			t.Errorf("payment currency = %v", p["currency"])
		}
	}
	if !amounts["120.00"] || !amounts["20.50"] {
		t.Errorf("payment amounts = %v, want 120.00 and 20.50 as strings", amounts)
	}
	inv := card["invoices"].([]any)[0].(map[string]any)
	if inv["amount"] != "120.00" || inv["number"] != "2026/0001" {
		t.Errorf("invoice = %v", inv)
	}
	if c := card["consents"].([]any); len(c) != 1 {
		t.Errorf("consents = %v", c)
	}

	out := s.ok("client", "show", client)
	for _, want := range []string{"Kowalska-Øster", "RESTRICTED", "disputed data", "120.00 PLN", "2026/0001", "marketing_email"} {
		if !strings.Contains(out, want) {
			t.Errorf("client show lacks %q:\n%s", want, out)
		}
	}
	s.ok("client", "restrict", client, "--off")
	s.expect(exitUsage, "client", "restrict", client, "--on") // no reason
	s.expect(exitUsage, "client", "restrict", client)         // neither
	s.expect(exitUsage, "client", "show", "999")
	s.expect(exitUsage, "client", "show", "abc")
	s.expect(exitUsage, "client", "show")
	s.expect(exitUsage, "payment", "add", "--client", client, "--amount", "12.345")
	s.expect(exitUsage, "payment", "add", "--client", client, "--amount", "10", "--method", "bitcoin")
}

func TestImportOneBadRowImportsNothing(t *testing.T) {
	s := newSalon(t)
	bad := s.write("bad.csv", "first_name,last_name,email\nAnna,Nowak,anna@example.com\nPiotr,Wiśniewski,piotr(at)example\nOla,Lis,\n")
	code, out, errOut := s.run("import", "clients", bad)
	if code != exitUsage {
		t.Fatalf("import = %d, %q, %q", code, out, errOut)
	}
	if !strings.Contains(errOut, "line 3: email: not a valid email address") {
		t.Errorf("stderr = %q", errOut)
	}
	if strings.Contains(errOut, "piotr") || strings.Contains(errOut, "Wiśniewski") {
		t.Errorf("the report echoes personal data: %q", errOut)
	}
	if list := s.clientsJSON(); len(list) != 0 {
		t.Errorf("clients after a rejected import = %d", len(list))
	}

	good := s.write("good.csv", "first_name;last_name;phone\nAnna;Nowak;601 234 567\nOla;Lis;\n")
	if out := s.ok("import", "clients", "--dry-run", good); !strings.Contains(out, "2") || !strings.Contains(out, "would") {
		t.Errorf("dry run = %q", out)
	}
	if list := s.clientsJSON(); len(list) != 0 {
		t.Errorf("clients after a dry run = %d", len(list))
	}
	if out := s.ok("import", "clients", good); !strings.Contains(out, "2 clients imported") {
		t.Errorf("import = %q", out)
	}
	if list := s.clientsJSON(); len(list) != 2 {
		t.Errorf("clients after import = %d, want 2", len(list))
	}
	s.expect(exitUsage, "import", "clients", filepath.Join(s.dir, "missing.csv"))
	s.expect(exitUsage, "import", "clients", s.write("junk.csv", "no,header,here\n1,2,3\n"))
}

func TestPasswd(t *testing.T) {
	s := newSalon(t)
	newPass := s.write("new.txt", "an entirely new passphrase\r\n")
	s.write("weak.txt", "short\n")
	s.expect(exitUsage, "passwd", "--new-passphrase-file", filepath.Join(s.dir, "weak.txt"))
	s.ok("passwd", "--new-passphrase-file", newPass)
	s.expect(exitLocked, "client", "list")
	s.passFile = newPass
	s.ok("client", "list")
	// The recovery key still works and can set a passphrase again.
	rec := s.write("rec.txt", s.recovery+"\n")
	old := s.write("old.txt", testPassphrase+"\n")
	if code, _, errOut := s.runRaw("passwd", "--db", s.db, "--recovery-key-file", rec, "--new-passphrase-file", old); code != exitOK {
		t.Fatalf("passwd with the recovery key = %d, %q", code, errOut)
	}
	s.passFile = old
	s.ok("client", "list")
}

func TestCheckJSON(t *testing.T) {
	s := newSalon(t)
	s.fixture()
	var r struct {
		OK        bool   `json:"ok"`
		Pages     int64  `json:"pages"`
		Integrity string `json:"integrity"`
	}
	if err := json.Unmarshal([]byte(s.ok("check", "--json")), &r); err != nil {
		t.Fatal(err)
	}
	if !r.OK || r.Pages == 0 || r.Integrity != "ok" {
		t.Errorf("check = %+v", r)
	}
	if out := s.ok("check"); !strings.HasPrefix(out, "ok") {
		t.Errorf("check = %q", out)
	}
}

func TestDecrypt(t *testing.T) {
	s := newSalon(t)
	s.fixture()
	out := filepath.Join(s.dir, "plain.sqlite")
	code, _, errOut := s.run("decrypt", "--out", out)
	if code != exitOK {
		t.Fatalf("decrypt = %d, %q", code, errOut)
	}
	if !strings.Contains(errOut, "WARNING") || !strings.Contains(errOut, "PLAINTEXT") {
		t.Errorf("no loud warning: %q", errOut)
	}
	plain, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(plain, []byte("SQLite format 3\x00")) {
		t.Errorf("output starts with %q", plain[:16])
	}
	enc, _ := os.ReadFile(s.db)
	if bytes.Contains(enc, []byte("SQLite format 3")) {
		t.Error("the database file itself holds a plaintext header")
	}
	errOut = s.expect(exitUsage, "decrypt", "--out", out)
	if !strings.Contains(errOut, "already exists") {
		t.Errorf("decrypt over a file: %q", errOut)
	}
	s.expect(exitUsage, "decrypt")
}

func TestAuditJSON(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	var events []store.AuditEvent
	if err := json.Unmarshal([]byte(s.ok("audit", "--json")), &events); err != nil {
		t.Fatal(err)
	}
	if len(events) < 4 {
		t.Fatalf("audit events = %v", events)
	}
	if events[0].Action != "client.create" || events[0].Actor != "cli" || fmt.Sprint(events[0].SubjectID) != client {
		t.Errorf("newest event = %+v, want client.create by cli", events[0])
	}
	if out := s.ok("audit", "--limit", "1"); strings.Count(out, "\n") != 1 || strings.Contains(out, "Kowalska") {
		t.Errorf("audit --limit 1 = %q", out)
	}
}

func TestStaffAndServiceLists(t *testing.T) {
	s := newSalon(t)
	s.fixture()
	s.expect(exitUsage, "staff", "add", "--name", "X", "--role", "janitor")
	s.expect(exitUsage, "service", "add", "--name", "X", "--minutes", "30", "--price", "abc")
	s.expect(exitUsage, "service", "add", "--name", "X", "--price", "10")
	var services []map[string]any
	json.Unmarshal([]byte(s.ok("service", "list", "--json")), &services)
	if len(services) != 1 || services[0]["price"] != "120.00" {
		t.Errorf("services = %v", services)
	}
	if out := s.ok("staff", "list"); strings.Count(out, "Anna Stylistka") != 1 {
		t.Errorf("staff list = %q", out)
	}
}

func TestUsage(t *testing.T) {
	s := newSalon(t)
	for _, args := range [][]string{{}, {"help"}, {"--help"}, {"-h"}} {
		code, out, _ := s.runRaw(args...)
		if code != exitOK || strings.Contains(out, "ot available") {
			t.Errorf("%v = %d, %.200q", args, code, out)
		}
		for _, cmd := range []string{"client add", "export --client", "forget --client", "retention run", "backup FILE", "restore FILE", "passwd"} {
			if !strings.Contains(out, "  "+cmd) {
				t.Errorf("%v: the usage lacks %q", args, cmd)
			}
		}
	}
	for _, args := range [][]string{{"help", "client", "add"}, {"client", "add", "--help"}, {"--help", "client", "add"}} {
		code, out, _ := s.runRaw(args...)
		if code != exitOK || !strings.Contains(out, "--health-consent") {
			t.Errorf("%v = %d, %.200q", args, code, out)
		}
	}
	for _, args := range [][]string{{"frobnicate"}, {"client"}, {"client", "frob"}} {
		if code, _, _ := s.runRaw(args...); code != exitUsage {
			t.Errorf("%v = %d, want 2", args, code)
		}
	}

}

func TestMissingDatabase(t *testing.T) {
	s := blankSalon(t)
	errOut := s.expect(exitUsage, "client", "list")
	if !strings.Contains(errOut, "init") {
		t.Errorf("stderr = %q", errOut)
	}
	if _, err := os.Stat(s.db); !os.IsNotExist(err) {
		t.Error("opening a missing database created a file")
	}
}

func TestKDFEnvironment(t *testing.T) {
	s := blankSalon(t)
	t.Setenv("KARTOTEKA_KDF", "fast please")
	s.expect(exitUsage, "init", "--salon", "S", "--country", "PL")
}

func TestPassphraseFromPipe(t *testing.T) {
	s := blankSalon(t)
	var out, errOut bytes.Buffer
	code := run([]string{"init", "--db", s.db, "--salon", "S", "--country", "PL"}, strings.NewReader(testPassphrase+"\n"), &out, &errOut)
	if code != exitOK {
		t.Fatalf("init from a pipe = %d, %q", code, errOut.String())
	}
	out.Reset()
	code = run([]string{"check", "--db", s.db}, strings.NewReader(testPassphrase+"\r\n"), &out, &errOut)
	if code != exitOK || !strings.HasPrefix(out.String(), "ok") {
		t.Fatalf("check from a pipe = %d, %q", code, errOut.String())
	}
}

func TestDemo(t *testing.T) {
	s := newSalon(t)
	code, out, errOut := s.run("demo", "--clients", "25", "--seed", "3")
	if code != exitOK {
		t.Fatalf("demo = %d, %q", code, errOut)
	}
	if !strings.Contains(out, "25 clients") || !strings.Contains(errOut, "100%") {
		t.Errorf("demo output = %q, progress = %q", out, errOut)
	}
	if n := len(s.clientsJSON()); n < 25 {
		t.Errorf("clients after demo = %d", n)
	}
	s.ok("check")
}

func TestDemoRefusesTheRealSalon(t *testing.T) {
	s := newSalon(t)
	s.fixture()
	// The same database reached as the default path, without --db.
	storetest.IsolateDataDir(t, s.dir)
	def, err := store.DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(def), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(s.db, def); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := s.runRaw("demo", "--passphrase-file", s.passFile)
	if code != exitUsage || !strings.Contains(errOut, "refusing") {
		t.Errorf("demo on the default salon = %d, %q", code, errOut)
	}
}

// check --deep names a page changed outside Kartoteka instead of reading
// garbage, and exits 1.
func TestCheckDeepFindsAChangedByte(t *testing.T) {
	s := newSalon(t)
	s.fixture()
	raw, err := os.ReadFile(s.db)
	if err != nil {
		t.Fatal(err)
	}
	pages := (len(raw) - 8192) / 4096
	at := 8192 + (pages-1)*4096 + 2000 // inside the last page
	raw[at] ^= 0x40
	if err := os.WriteFile(s.db, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := s.run("check", "--deep", "--json")
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s %s", code, stdout, stderr)
	}
	var r struct {
		OK      bool `json:"ok"`
		Damaged []struct {
			Page  int  `json:"page"`
			InLog bool `json:"in_log"`
		} `json:"damaged"`
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	if r.OK || len(r.Damaged) != 1 || r.Damaged[0].Page != pages {
		t.Fatalf("check --deep = %+v, want page %d damaged", r, pages)
	}
	if !strings.Contains(stderr, fmt.Sprintf("page %d of the salon file is damaged", pages)) {
		t.Errorf("stderr %q does not name the page", stderr)
	}
}
