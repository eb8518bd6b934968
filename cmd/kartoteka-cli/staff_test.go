package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// Issue 16: staff pin and --as. Acting as a stylist, what the role does not
// permit exits 5 naming the permission and changes nothing; a wrong PIN
// exits 3; without --as the passphrase holder acts as the owner; the audit
// names who acted.
func TestActingAsStaff(t *testing.T) {
	s := newSalon(t)
	stylist, service, client := s.fixture()
	owner := s.ok("staff", "add", "--name", "Ola Właścicielka", "--role", "owner")
	ownerPIN, stylistPIN, wrong := s.write("owner.pin", "48151623\n"), s.write("stylist.pin", "2468\n"), s.write("wrong.pin", "1111\n")

	if errOut := s.expect(exitRefused, "staff", "pin", stylist, "--pin-file", stylistPIN); !strings.Contains(errOut, "owner a PIN first") {
		t.Errorf("the first PIN to a stylist: %q", errOut)
	}
	s.expect(exitUsage, "staff", "pin", owner, "--pin-file", s.write("short.pin", "12\n"))
	s.ok("staff", "pin", owner, "--pin-file", ownerPIN)
	s.ok("staff", "pin", stylist, "--pin-file", stylistPIN)
	s.expect(exitUsage, "staff", "pin", stylist)

	errOut := s.expect(exitDenied, "client", "add", "--first", "Nowa", "--last", "Klientka", "--as", stylist, "--pin-file", stylistPIN)
	if !strings.Contains(errOut, "not permitted for stylist") || !strings.Contains(errOut, "clients.edit") || strings.Contains(errOut, "Nowa") {
		t.Errorf("a stylist adding a client: %q", errOut)
	}
	// Refused before any warning about the export or the plaintext copy.
	for _, args := range [][]string{{"export", "--client", client, "--json", s.dir + "/e.json"}, {"decrypt", "--out", s.dir + "/plain.db"}} {
		if errOut := s.expect(exitDenied, append(args, "--as", stylist, "--pin-file", stylistPIN)...); strings.Contains(errOut, "salon's address") || strings.Contains(errOut, "PLAINTEXT") {
			t.Errorf("%s refused with a warning first: %q", args[0], errOut)
		}
	}
	s.expect(exitDenied, "audit", "--as", stylist, "--pin-file", stylistPIN)
	s.expect(exitDenied, "forget", "--client", client, "--yes", "--as", stylist, "--pin-file", stylistPIN)
	// A demo is refused before it writes anything, not "stopped part-way".
	if errOut := s.expect(exitDenied, "demo", "--clients", "5", "--as", stylist, "--pin-file", stylistPIN); strings.Contains(errOut, "part-way") {
		t.Errorf("a stylist's demo: %q", errOut)
	}
	if n := len(s.clientsJSON()); n != 1 {
		t.Errorf("%d clients after the refusals, want 1", n)
	}
	// Only the owner restores: a stylist's restore changes nothing (the
	// client added after the backup stays).
	bak := s.dir + "/before.ktkbak"
	s.ok("backup", bak)
	s.ok("client", "add", "--first", "Po", "--last", "Kopii")
	if errOut := s.expect(exitDenied, "restore", bak, "--as", stylist, "--pin-file", stylistPIN); !strings.Contains(errOut, `"restore"`) {
		t.Errorf("a stylist's restore: %q", errOut)
	}
	if n := len(s.clientsJSON()); n != 2 {
		t.Errorf("%d clients after a stylist's restore, want 2", n)
	}
	s.expect(exitLocked, "service", "list", "--as", stylist, "--pin-file", wrong)
	// No PIN at all says so; spaces around one are not part of it.
	if errOut := s.expect(exitUsage, "service", "list", "--as", stylist); !strings.Contains(errOut, "no PIN for --as") {
		t.Errorf("--as without a PIN: %q", errOut)
	}
	s.ok("service", "list", "--as", stylist, "--pin-file", s.write("spaced.pin", " 2468 \r\n"))
	// What cannot be a PIN is bad input, and no wrong try (the audit below
	// has none for them).
	for _, bad := range []string{"24a8", "246", "246824682"} {
		if errOut := s.expect(exitUsage, "service", "list", "--as", stylist, "--pin-file", s.write("bad.pin", bad+"\n")); !strings.Contains(errOut, "4 to 8 digits") {
			t.Errorf("PIN %q: %q", bad, errOut)
		}
	}
	t.Setenv("KARTOTEKA_PIN", "2468")
	booking := s.ok("booking", "add", "--client", client, "--service", service, "--staff", stylist, "--start", "2030-01-07T10:00", "--as", stylist)
	t.Setenv("KARTOTEKA_PIN", "")
	s.ok("client", "add", "--first", "Nowa", "--last", "Klientka", "--as", owner, "--pin-file", ownerPIN)

	var events []map[string]any
	if err := json.Unmarshal([]byte(s.ok("audit", "--json", "--actor", "staff:"+stylist)), &events); err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range events {
		actions = append(actions, e["action"].(string))
	}
	if got := strings.Join(actions, " "); got != "booking.create staff.sign_in staff.sign_in staff.pin_wrong staff.sign_in staff.sign_in staff.sign_in staff.sign_in staff.sign_in staff.sign_in staff.sign_in" {
		t.Errorf("the stylist's events: %s", got)
	}
	if events[0]["subject_id"] != float64(mustAtoi(t, booking)) {
		t.Errorf("the booking's event: %v", events[0])
	}
	if out := s.ok("audit", "--kind", "client", "--limit", "1"); !strings.Contains(out, "staff:"+owner) {
		t.Errorf("the owner's new client is not theirs in the audit: %q", out)
	}

	// Leaving removes the PIN; the owner's cannot go while others have one.
	s.expect(exitRefused, "staff", "pin", owner, "--clear")
	if list := s.ok("staff", "list"); !strings.Contains(list, "PIN") {
		t.Errorf("staff list: %q", list)
	}
	s.ok("staff", "permissions", stylist, "--set", "clients.today,health.view,book,checkout")
	s.ok("payment", "add", "--client", client, "--amount", "10.00", "--as", stylist, "--pin-file", stylistPIN)
	s.expect(exitUsage, "staff", "permissions", stylist, "--set", "fly")
	s.ok("staff", "permissions", stylist, "--defaults")
	s.expect(exitDenied, "payment", "add", "--client", client, "--amount", "10.00", "--as", stylist, "--pin-file", stylistPIN)

	// An accountant sees that a card has health notes, not what they say
	// ("-" would say there are none).
	accountant := s.ok("staff", "add", "--name", "Ela Księgowa", "--role", "accountant")
	accountantPIN := s.write("accountant.pin", "9753\n")
	s.ok("staff", "pin", accountant, "--pin-file", accountantPIN)
	ill := s.ok("client", "add", "--first", "Ida", "--last", "Alergiczna", "--health-notes", "uczulona na lateks", "--health-consent", "in_person")
	out := s.ok("client", "show", ill, "--as", accountant, "--pin-file", accountantPIN)
	if !strings.Contains(out, "(hidden: not permitted to see health notes)") || strings.Contains(out, "lateks") {
		t.Errorf("an accountant's card of a client with health notes: %q", out)
	}
	var card map[string]any
	if err := json.Unmarshal([]byte(s.ok("client", "show", ill, "--json", "--as", accountant, "--pin-file", accountantPIN)), &card); err != nil {
		t.Fatal(err)
	}
	if card["health_hidden"] != true || card["health_notes"] != "" {
		t.Errorf("an accountant's JSON card: health_hidden %v, health_notes %q", card["health_hidden"], card["health_notes"])
	}
	if out := s.ok("client", "show", client, "--as", accountant, "--pin-file", accountantPIN); strings.Contains(out, "hidden") {
		t.Errorf("a card without health notes says they are hidden: %q", out)
	}
}
