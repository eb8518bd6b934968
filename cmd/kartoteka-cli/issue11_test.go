package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"kartoteka/store"
)

// card is `client show ID --json`.
func (s *salon) card(id string) map[string]any {
	s.t.Helper()
	var card map[string]any
	if err := json.Unmarshal([]byte(s.ok("client", "show", id, "--json")), &card); err != nil {
		s.t.Fatal(err)
	}
	return card
}

func TestBookingDespiteRestriction(t *testing.T) {
	s := newSalon(t)
	staff, service, client := s.fixture()
	s.ok("client", "restrict", client, "--on", "--reason", "contests her data")
	book := func(start string, extra ...string) []string {
		return append([]string{"booking", "add", "--client", client, "--service", service, "--staff", staff, "--start", start}, extra...)
	}
	errOut := s.expect(exitRefused, book("2026-03-01T10:00")...)
	for _, want := range []string{"client " + client, "restricted (GDPR Art. 18)",
		"add --despite-restriction consent|legal_claim|rights_of_others|public_interest if one of these grounds of GDPR Art. 18(2) applies"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("refusal lacks %q: %q", want, errOut)
		}
	}
	if strings.Contains(errOut, "Kowalska") || strings.Contains(errOut, "contests") {
		t.Errorf("the refusal echoes personal data: %q", errOut)
	}
	for _, bad := range []string{"because", "CONSENT", "legal claim"} {
		errOut := s.expect(exitUsage, book("2026-03-01T10:00", "--despite-restriction", bad)...)
		if !strings.Contains(errOut, "consent|legal_claim|rights_of_others|public_interest") {
			t.Errorf("--despite-restriction %q: %q", bad, errOut)
		}
	}
	if n := len(s.card(client)["bookings"].([]any)); n != 0 {
		t.Fatalf("%d bookings after refusals", n)
	}
	id := s.ok(book("2026-03-01T10:00", "--despite-restriction", "legal_claim")...)
	var events []store.AuditEvent
	if err := json.Unmarshal([]byte(s.ok("audit", "--json")), &events); err != nil {
		t.Fatal(err)
	}
	if e := events[0]; e.Action != "booking.create" || fmt.Sprint(e.SubjectID) != id || e.Basis != store.BasisLegalClaim {
		t.Errorf("newest event = %+v, want booking.create on the basis legal_claim", e)
	}
	var raw []map[string]any
	json.Unmarshal([]byte(s.ok("audit", "--json", "--limit", "2")), &raw)
	if raw[0]["basis"] != "legal_claim" {
		t.Errorf("audit --json = %v", raw[0])
	}
	if _, ok := raw[1]["basis"]; ok {
		t.Errorf("an event without a basis shows one: %v", raw[1])
	}
	if out := s.ok("audit", "--limit", "1"); !strings.Contains(out, "basis=legal_claim") {
		t.Errorf("audit = %q", out)
	}
	// A client who is not restricted is booked with or without the flag.
	other := s.ok("client", "add", "--first", "Ida", "--last", "Lund")
	s.ok("booking", "add", "--client", other, "--service", service, "--staff", staff, "--start", "2026-03-02T10:00")
	s.ok("booking", "add", "--client", other, "--service", service, "--staff", staff, "--start", "2026-03-03T10:00", "--despite-restriction", "consent")
}

func TestBookingCancel(t *testing.T) {
	s := newSalon(t)
	staff, service, client := s.fixture()
	book := func(start, status string) string {
		return s.ok("booking", "add", "--client", client, "--service", service, "--staff", staff, "--start", start, "--status", status, "--notes", "fringe")
	}
	booked := book("2026-03-01T10:00", "booked")
	if errOut := s.expect(exitOK, "booking", "cancel", booked, "--reason", "ill"); !strings.Contains(errOut, "cancelled") {
		t.Errorf("cancel = %q", errOut)
	}
	b := s.card(client)["bookings"].([]any)[0].(map[string]any)
	if b["status"] != "cancelled" || b["notes"] != "fringe\nill" {
		t.Errorf("booking after cancel = %v", b)
	}
	if errOut := s.expect(exitOK, "booking", "cancel", booked); !strings.Contains(errOut, "already cancelled") {
		t.Errorf("cancel again = %q", errOut)
	}
	for _, status := range []string{"completed", "no_show"} {
		id := book("2026-02-0"+map[string]string{"completed": "1", "no_show": "2"}[status]+"T10:00", status)
		if errOut := s.expect(exitUsage, "booking", "cancel", id); !strings.Contains(errOut, "only a booked visit can be cancelled") {
			t.Errorf("cancel a %s booking: %q", status, errOut)
		}
	}
	s.expect(exitUsage, "booking", "cancel", "999")
	s.expect(exitUsage, "booking", "cancel", "abc")
	s.expect(exitUsage, "booking", "cancel")
	// A restricted client's booking is cancelled without a ground.
	future := book("2026-04-01T10:00", "booked")
	s.ok("client", "restrict", client, "--on", "--reason", "objection")
	s.ok("booking", "cancel", future)
}

func TestRestrictionOffWithAReason(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	s.ok("client", "restrict", client, "--on", "--reason", "contests her data")
	if errOut := s.expect(exitOK, "client", "restrict", client, "--off", "--reason", "data checked"); strings.Contains(errOut, "note") {
		t.Errorf("a note although a reason was given: %q", errOut)
	}
	s.ok("client", "restrict", client, "--on", "--reason", "objection")
	if errOut := s.expect(exitOK, "client", "restrict", client, "--off"); !strings.Contains(errOut, "no reason was recorded") {
		t.Errorf("lifting without a reason: %q", errOut)
	}
	hist := s.card(client)["restriction_history"].([]any)
	var got []string
	for _, h := range hist {
		h := h.(map[string]any)
		got = append(got, fmt.Sprintf("%v:%v:%v", h["restricted"], h["reason"], h["actor"]))
	}
	want := []string{"true:contests her data:cli", "false:data checked:cli", "true:objection:cli", "false::cli"}
	if !slices.Equal(got, want) {
		t.Errorf("restriction history = %v, want %v", got, want)
	}
	if out := s.ok("client", "show", client); !strings.Contains(out, "Restriction history") || !strings.Contains(out, "data checked") {
		t.Errorf("client show lacks the history:\n%s", out)
	}
}

func TestClientHold(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	s.ok("retention", "set", "--policy", "last_visit", "--months", "12")
	planned := func() (forget []any, excluded []any) {
		var plan map[string]any
		if err := json.Unmarshal([]byte(s.ok("retention", "run", "--dry-run", "--now", "2099-01-01T00:00", "--json")), &plan); err != nil {
			t.Fatal(err)
		}
		return plan["forget_clients"].([]any), plan["excluded"].([]any)
	}
	if forget, _ := planned(); len(forget) != 1 {
		t.Fatalf("forget = %v, want the client", forget)
	}
	s.expect(exitUsage, "client", "hold", client)                                       // neither
	s.expect(exitUsage, "client", "hold", client, "--off", "--reason", "x")             // both
	s.expect(exitUsage, "client", "hold", "999", "--reason", "a regular")               // no such card
	s.expect(exitUsage, "client", "hold", client, "--reason", strings.Repeat("x", 201)) // too long
	s.ok("client", "hold", client, "--reason", "a regular, keep her card")
	card := s.card(client)
	if card["retention_hold"] != "a regular, keep her card" || card["retention_hold_at"] == nil {
		t.Errorf("card = %v", card)
	}
	forget, excluded := planned()
	if len(forget) != 0 || len(excluded) != 1 {
		t.Fatalf("forget %v, excluded %v", forget, excluded)
	}
	if x := excluded[0].(map[string]any); fmt.Sprint(x["client"]) != client || x["reason"] != "kept" {
		t.Errorf("excluded = %v, want the client as kept", x)
	}
	if out := s.ok("client", "show", client); !strings.Contains(out, "KEPT out of automatic retention") {
		t.Errorf("client show:\n%s", out)
	}
	s.ok("client", "hold", client, "--off")
	if card := s.card(client); card["retention_hold"] != "" || card["retention_hold_at"] != nil {
		t.Errorf("card after --off = %v", card)
	}
	if forget, _ := planned(); len(forget) != 1 {
		t.Errorf("forget after --off = %v", forget)
	}
	// Forgetting by hand is not blocked by a hold; a forgotten card cannot be held.
	s.ok("client", "hold", client, "--reason", "a regular")
	code, _, errOut := s.run("forget", "--client", client, "--yes")
	if code != exitOK || !strings.Contains(errOut, "kept out of automatic retention") {
		t.Errorf("forget a held client = %d, %q", code, errOut)
	}
	s.expect(exitRefused, "client", "hold", client, "--reason", "a regular")
}

func TestForgetNamesEveryBlock(t *testing.T) {
	s := newSalon(t)
	staff, service, client := s.fixture()
	s.ok("client", "restrict", client, "--on", "--reason", "legal claim pending")
	booking := s.ok("booking", "add", "--client", client, "--service", service, "--staff", staff, "--start", "2099-03-01T10:00",
		"--despite-restriction", "legal_claim")
	errOut := s.expect(exitRefused, "forget", "--client", client, "--yes")
	for _, want := range []string{"restricted (GDPR Art. 18)", "lift the restriction", "upcoming bookings", "cancel the upcoming bookings", "bookings " + booking} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the refusal lacks %q: %q", want, errOut)
		}
	}
	s.ok("booking", "cancel", booking)
	errOut = s.expect(exitRefused, "forget", "--client", client, "--yes")
	if strings.Contains(errOut, "upcoming") || !strings.Contains(errOut, "restricted") {
		t.Errorf("one block left: %q", errOut)
	}
}

func TestUsageListsIssue11Commands(t *testing.T) {
	s := newSalon(t)
	_, out, _ := s.runRaw("help")
	for _, want := range []string{"  booking cancel ID [--reason TEXT]", "  client hold ID --reason TEXT | --off",
		"--despite-restriction consent|legal_claim|rights_of_others|public_interest", "  client restrict ID --on --reason TEXT | --off [--reason TEXT]"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	if code, out, _ := s.runRaw("help", "booking", "add"); code != exitOK || !strings.Contains(out, "--despite-restriction") {
		t.Errorf("help booking add = %d, %q", code, out)
	}
}
