package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
)

func (s *salon) requests(args ...string) []map[string]any {
	s.t.Helper()
	var list []map[string]any
	if err := json.Unmarshal([]byte(s.ok(append([]string{"request", "list", "--json"}, args...)...)), &list); err != nil {
		s.t.Fatal(err)
	}
	return list
}

func (s *salon) request(id string) map[string]any {
	s.t.Helper()
	var r map[string]any
	if err := json.Unmarshal([]byte(s.ok("request", "show", id, "--json")), &r); err != nil {
		s.t.Fatal(err)
	}
	return r
}

func TestRequestCommands(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	today := time.Now().Format(time.DateOnly)
	fresh := s.ok("request", "add", "--kind", "portability", "--received", today, "--client", client, "--identity-checked", "known_client")
	old := s.ok("request", "add", "--kind", "access", "--received", "2025-01-31", "--name", "Jan Obcy", "--contact", "jan@example.com", "--channel", "letter")

	list := s.requests()
	if len(list) != 2 || list[0]["id"] != float64(mustAtoi(t, old)) {
		t.Fatalf("list sorted by due date: %v", list)
	}
	o := list[0]
	if o["kind"] != "access" || o["client"] != nil || o["received"] != "2025-01-31" || o["due"] != "2025-02-28" ||
		o["extended_to"] != nil || o["status"] != "open" || o["outcome"] != nil || o["closed"] != nil || o["overdue"] != true {
		t.Errorf("the stranger's request: %v", o)
	}
	if f := list[1]; f["client"] != float64(mustAtoi(t, client)) || f["kind"] != "portability" || f["overdue"] != false {
		t.Errorf("the client's request: %v", f)
	}
	if text := s.ok("request", "list"); !strings.Contains(text, "OVERDUE") || !strings.Contains(text, "not a client") {
		t.Errorf("request list: %q", text)
	}
	if r := s.request(old); r["requester_name"] != "Jan Obcy" || r["channel"] != "letter" || r["action"] != "export" {
		t.Errorf("request show: %v", r)
	}

	// Extensions: past the due day, without a reason, beyond two months: exit 4.
	if errOut := s.expect(exitRefused, "request", "extend", old, "--months", "1", "--reason", "backlog"); !strings.Contains(errOut, "first month") {
		t.Errorf("extending after the due day: %q", errOut)
	}
	if errOut := s.expect(exitRefused, "request", "extend", fresh, "--months", "1"); !strings.Contains(errOut, "reasons") {
		t.Errorf("extending without a reason: %q", errOut)
	}
	s.expect(exitRefused, "request", "extend", fresh, "--months", "3", "--reason", "backlog")
	s.expect(exitUsage, "request", "extend", fresh, "--reason", "backlog")
	s.ok("request", "extend", fresh, "--months", "1", "--reason", "backlog", "--told", today)
	if errOut := s.expect(exitRefused, "request", "extend", fresh, "--months", "2", "--reason", "more"); !strings.Contains(errOut, "two further months") {
		t.Errorf("a third month: %q", errOut)
	}
	s.ok("request", "extend", fresh, "--months", "1", "--reason", "more")
	r := s.request(fresh)
	received, _ := time.ParseInLocation(time.DateOnly, today, time.Local)
	if want := received.AddDate(0, 3, 0); r["status"] != "extended" || r["extension_months"] != float64(2) ||
		received.Day() <= 28 && r["extended_to"] != want.Format(time.DateOnly) {
		t.Errorf("after two extensions: %v", r)
	}

	// Closing: a refusal needs its reason; a closed request stays closed.
	if errOut := s.expect(exitRefused, "request", "close", old, "--outcome", "refused"); !strings.Contains(errOut, "reason") {
		t.Errorf("refused without a reason: %q", errOut)
	}
	s.expect(exitUsage, "request", "close", old, "--outcome", "lost")
	s.ok("request", "close", old, "--outcome", "refused", "--reason", "could not confirm identity")
	s.expect(exitRefused, "request", "close", old, "--outcome", "done")
	s.ok("request", "close", fresh, "--outcome", "done", "--reason", "JSON sent")
	if open := s.requests("--open"); len(open) != 0 {
		t.Errorf("open after closing both: %v", open)
	}
	r = s.request(old)
	if r["status"] != "refused" || r["outcome"] != "refused" || r["refusal_reason"] != "could not confirm identity" || r["closed"] == nil {
		t.Errorf("the refused request: %v", r)
	}
	if r = s.request(fresh); r["outcome"] != "done" || r["note"] != "JSON sent" {
		t.Errorf("the done request: %v", r)
	}
	if audit := s.ok("audit"); !strings.Contains(audit, "request.close") || strings.Contains(audit, "Obcy") {
		t.Errorf("audit: %q", audit)
	}
}

// TestRequestSecondExtensionKeepsTold: request extend a second time without
// --told keeps the day the person was first told (it used to put today
// over it); with --told it shows that day beside the first.
func TestRequestSecondExtensionKeepsTold(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	now := time.Now()
	received, told := now.AddDate(0, 0, -5).Format(time.DateOnly), now.AddDate(0, 0, -4).Format(time.DateOnly)
	today := now.Format(time.DateOnly)

	id := s.ok("request", "add", "--kind", "access", "--received", received, "--client", client)
	s.ok("request", "extend", id, "--months", "1", "--reason", "backlog", "--told", told)
	s.ok("request", "extend", id, "--months", "1", "--reason", "paper files")
	if r := s.request(id); r["extension_told"] != told || r["second_extension_told"] != nil || r["extension_months"] != float64(2) {
		t.Errorf("second extension without --told: told %v, second %v; want %s kept and no second day", r["extension_told"], r["second_extension_told"], told)
	}

	id = s.ok("request", "add", "--kind", "access", "--received", received, "--client", client)
	s.ok("request", "extend", id, "--months", "1", "--reason", "backlog", "--told", told)
	s.ok("request", "extend", id, "--months", "1", "--reason", "paper files", "--told", today)
	if r := s.request(id); r["extension_told"] != told || r["second_extension_told"] != today {
		t.Errorf("second extension with --told: told %v, second %v; want %s and %s", r["extension_told"], r["second_extension_told"], told, today)
	}
	if show := s.ok("request", "show", id); !strings.Contains(show, "told "+told+", of the second month "+today) {
		t.Errorf("request show: %q", show)
	}
}

// TestRequestReasonRequiredIsARule: reasons the GDPR requires (an
// extension's, Art. 12(3); a refusal's, Art. 12(4)) are privacy rules: left
// out or blank, exit 4 (CLI.md), not 2; the request is left as it was.
func TestRequestReasonRequiredIsARule(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	id := s.ok("request", "add", "--kind", "access", "--received", time.Now().Format(time.DateOnly), "--client", client)
	for _, args := range [][]string{
		{"request", "extend", id, "--months", "1"},
		{"request", "extend", id, "--months", "1", "--reason", ""},
		{"request", "extend", id, "--months", "1", "--reason", "   "},
		{"request", "close", id, "--outcome", "refused"},
		{"request", "close", id, "--outcome", "refused", "--reason", ""},
		{"request", "close", id, "--outcome", "refused", "--reason", " \t "},
	} {
		code, _, errOut := s.run(args...)
		if code != exitRefused || !strings.Contains(errOut, "reasons") {
			t.Errorf("%v = %d, want %d with the rule; stderr %q", args, code, exitRefused, errOut)
		}
	}
	if r := s.request(id); r["status"] != "open" || r["extension_months"] != float64(0) {
		t.Errorf("the request after the refusals: %v", r)
	}
}

// TestClosedRequestKeepsNameNotContact: closing a non-client's request
// erases the contact they gave to be answered and keeps their name, in
// request show and its JSON.
func TestClosedRequestKeepsNameNotContact(t *testing.T) {
	s := newSalon(t)
	id := s.ok("request", "add", "--kind", "erasure", "--received", time.Now().Format(time.DateOnly), "--name", "Jan Obcy",
		"--contact", "jan.obcy@example.com")
	if r := s.request(id); r["requester_contact"] != "jan.obcy@example.com" {
		t.Fatalf("the open request: %v", r)
	}
	s.ok("request", "close", id, "--outcome", "done", "--reason", "no data held")
	if r := s.request(id); r["requester_name"] != "Jan Obcy" || r["requester_contact"] != "" {
		t.Errorf("the closed request: name %v, contact %v; want the name kept, the contact erased", r["requester_name"], r["requester_contact"])
	}
	show := s.ok("request", "show", id)
	if strings.Contains(show, "jan.obcy@") || !strings.Contains(show, "Jan Obcy (contact erased at closing), not a client") {
		t.Errorf("request show: %q", show)
	}
}

// TestRequestMessagesRead: refusals name the allowed statuses as words,
// not a Go list; a request that has had both months says it cannot be
// extended again (not "by 0 more"); a day out of range names the range.
func TestRequestMessagesRead(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	now := time.Now()
	today := now.Format(time.DateOnly)
	id := s.ok("request", "add", "--kind", "access", "--received", today, "--client", client)

	errOut := s.expect(exitRefused, "request", "status", id, "--to", "extended")
	if strings.ContainsAny(errOut, "[]") || !strings.Contains(errOut, "can only become waiting_identity") {
		t.Errorf("open to extended: %q", errOut)
	}
	s.ok("request", "status", id, "--to", "waiting_identity")
	s.ok("request", "extend", id, "--months", "2", "--reason", "backlog")
	errOut = s.expect(exitRefused, "request", "status", id, "--to", "open")
	if strings.ContainsAny(errOut, "[]") || !strings.Contains(errOut, "can only become waiting_identity") {
		t.Errorf("extended to open: %q", errOut)
	}
	s.ok("request", "status", id, "--to", "waiting_identity")
	errOut = s.expect(exitRefused, "request", "status", id, "--to", "waiting_identity")
	if strings.ContainsAny(errOut, "[]") || !strings.Contains(errOut, "can only become open or extended") {
		t.Errorf("waiting to waiting: %q", errOut)
	}

	errOut = s.expect(exitRefused, "request", "extend", id, "--months", "1", "--reason", "more")
	if strings.Contains(errOut, "0 more") || !strings.Contains(errOut, "cannot be extended again") {
		t.Errorf("a third month: %q", errOut)
	}
	other := s.ok("request", "add", "--kind", "access", "--received", today, "--client", client)
	s.ok("request", "extend", other, "--months", "1", "--reason", "backlog")
	if errOut = s.expect(exitRefused, "request", "extend", other, "--months", "2", "--reason", "more"); !strings.Contains(errOut, "one more month at most") {
		t.Errorf("two more after one: %q", errOut)
	}

	tomorrow := now.AddDate(0, 0, 1).Format(time.DateOnly)
	if errOut = s.expect(exitUsage, "request", "add", "--kind", "access", "--received", tomorrow, "--client", client); !strings.Contains(errOut, "between 2000-01-01 and today ("+today+")") {
		t.Errorf("received tomorrow: %q", errOut)
	}
	if errOut = s.expect(exitUsage, "request", "add", "--kind", "access", "--received", "1999-12-31", "--client", client); !strings.Contains(errOut, "between 2000-01-01 and today") {
		t.Errorf("received in 1999: %q", errOut)
	}
	if errOut = s.expect(exitUsage, "client", "add", "--first", "Ala", "--last", "Nowa", "--birth", tomorrow); !strings.Contains(errOut, "between 1900-01-01 and today") {
		t.Errorf("born tomorrow: %q", errOut)
	}
	if errOut = s.expect(exitUsage, "payment", "add", "--client", client, "--amount", "10.00", "--at", "1999-12-31T10:00"); !strings.Contains(errOut, "between 2000-01-01 and 2100-12-31") {
		t.Errorf("paid in 1999: %q", errOut)
	}
}

// TestNoSuchDate: a day written the right way that the calendar lacks is
// "no such date", not the format it was written in; a day that cannot be
// read still gets the format.
func TestNoSuchDate(t *testing.T) {
	s := newSalon(t)
	staff, service, client := s.fixture()
	for _, args := range [][]string{
		{"request", "add", "--kind", "access", "--received", "2026-02-31", "--client", client},
		{"request", "add", "--kind", "access", "--received", "2026-13-01", "--client", client},
		{"request", "extend", "1", "--months", "1", "--reason", "backlog", "--told", "2026-04-31"},
		{"client", "add", "--first", "Ala", "--last", "Nowa", "--birth", "1990-02-30"},
		{"booking", "add", "--client", client, "--service", service, "--staff", staff, "--start", "2027-02-29T10:00"},
	} {
		if errOut := s.expect(exitUsage, args...); !strings.Contains(errOut, "no such date") || strings.Contains(errOut, "use 2026-03-01") {
			t.Errorf("%v: %q, want 'no such date'", args, errOut)
		}
	}
	for _, args := range [][]string{
		{"request", "add", "--kind", "access", "--received", "31.01.2026", "--client", client},
		{"client", "add", "--first", "Ala", "--last", "Nowa", "--birth", "17.05.1990"},
	} {
		if errOut := s.expect(exitUsage, args...); strings.Contains(errOut, "no such date") || !strings.Contains(errOut, "2026-03-01") && !strings.Contains(errOut, "YYYY-MM-DD") {
			t.Errorf("%v: %q, want the format", args, errOut)
		}
	}
}

func TestRequestAddRefused(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	for _, args := range [][]string{
		{"--kind", "access", "--received", "2026-01-10"},
		{"--kind", "access", "--received", "2026-01-10", "--client", client, "--name", "Jan", "--contact", "x"},
		{"--kind", "access", "--received", "2026-01-10", "--name", "Jan"},
		{"--kind", "gossip", "--received", "2026-01-10", "--client", client},
		{"--kind", "access", "--received", "yesterday", "--client", client},
		{"--kind", "access", "--received", "2026-01-10", "--client", client, "--identity-checked", "vibes"},
		{"--kind", "access", "--received", time.Now().AddDate(0, 0, 2).Format(time.DateOnly), "--client", client},
		{"--kind", "access", "--received", "2026-01-10", "--client", "999"},
	} {
		s.expect(exitUsage, append([]string{"request", "add"}, args...)...)
	}
	if list := s.requests(); len(list) != 0 {
		t.Errorf("refused requests recorded: %v", list)
	}
}

// TestForgetKeepsRequestCLI: after forget the erasure request is still
// listed under the client's number, and the card holds no name.
func TestForgetKeepsRequestCLI(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	id := s.ok("request", "add", "--kind", "erasure", "--received", time.Now().Format(time.DateOnly), "--client", client, "--identity-checked", "known_client")
	s.ok("forget", "--client", client, "--yes")
	s.ok("request", "close", id, "--outcome", "done", "--reason", "client forgotten")
	r := s.request(id)
	if r["client"] != float64(mustAtoi(t, client)) || r["kind"] != "erasure" || r["outcome"] != "done" || r["requester_name"] != "" {
		t.Errorf("the erasure request after forget: %v", r)
	}
	if show := s.ok("request", "show", id); strings.Contains(show, "Zofia") || strings.Contains(show, "Kowalska") {
		t.Errorf("request show names the forgotten client: %q", show)
	}
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("not an ID: %q", s)
	}
	return n
}
