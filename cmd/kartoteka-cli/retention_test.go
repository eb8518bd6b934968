package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestRetentionCommands(t *testing.T) {
	s := newSalon(t)
	staff, service, client := s.fixture()
	old := time.Now().AddDate(-3, 0, 0).Format("2006-01-02") + "T10:00"
	s.ok("booking", "add", "--client", client, "--staff", staff, "--service", service, "--start", old, "--status", "completed")
	if out := s.ok("retention", "show"); !strings.Contains(out, "off") {
		t.Errorf("show = %q, want off by default", out)
	}
	if errOut := s.expect(exitUsage, "retention", "set", "--policy", "last_visit"); !strings.Contains(errOut, "--months") {
		t.Errorf("set without months: %q", errOut)
	}
	if errOut := s.expect(exitUsage, "retention", "set", "--policy", "last_visit", "--months", "999"); !strings.Contains(errOut, "months") {
		t.Errorf("set 999 months: %q", errOut)
	}
	s.ok("retention", "set", "--policy", "last_visit", "--months", "24")
	if errOut := s.expect(exitUsage, "retention", "run", "--now", "2030-01-01"); !strings.Contains(errOut, "--dry-run") {
		t.Errorf("--now without --dry-run: %q", errOut)
	}

	var plan struct {
		Now           string
		Policy        string
		ForgetClients []int64 `json:"forget_clients"`
		DueSoon       []struct {
			Client int64
			Due    string
		} `json:"due_soon"`
		Excluded []struct{ Client int64 } `json:"excluded"`
	}
	// A year ago the client still had a year to go; today they are due.
	past := time.Now().AddDate(-1, 0, 0).Format("2006-01-02")
	json.Unmarshal([]byte(s.ok("retention", "run", "--dry-run", "--now", past, "--json")), &plan)
	if len(plan.ForgetClients) != 0 || plan.Policy != "last_visit" {
		t.Errorf("a year ago: %+v", plan)
	}
	json.Unmarshal([]byte(s.ok("retention", "run", "--dry-run", "--json")), &plan)
	if len(plan.ForgetClients) != 1 || plan.ForgetClients[0] != 1 {
		t.Fatalf("dry run today: %+v", plan)
	}
	if show := s.ok("client", "show", client, "--json"); !strings.Contains(show, `"anonymized": false`) {
		t.Error("a dry run changed the card")
	}
	if out := s.ok("retention", "run"); !strings.Contains(out, "1 clients forgotten") {
		t.Errorf("run = %q", out)
	}
	if show := s.ok("client", "show", client, "--json"); !strings.Contains(show, `"anonymized": true`) {
		t.Error("the run did not forget the client")
	}
	if out := s.ok("retention", "show"); strings.Contains(out, "Last run: never") {
		t.Errorf("show after a run = %q", out)
	}
	if audit := s.ok("audit"); !strings.Contains(audit, "retention.run") || !strings.Contains(audit, "retention") {
		t.Errorf("audit lacks the run: %q", audit)
	}
}

// TestRetentionOffStillPurgesInvoices: with the policy off, retention run
// purges the buyer data of invoices past the law's period and forgets
// nobody; the owner may lengthen the period, never shorten it below the law.
func TestRetentionOffStillPurgesInvoices(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	old := time.Now().AddDate(-8, 0, 0).Format("2006-01-02") + "T10:00"
	invoice := strings.TrimSpace(s.ok("invoice", "add", "--client", client, "--amount", "120.00", "--at", old))
	if errOut := s.expect(exitUsage, "retention", "set", "--policy", "off", "--statutory-years", "3"); !strings.Contains(errOut, "at least 5 years") {
		t.Errorf("3 statutory years in Poland: %q, want the law's 5 said", errOut)
	}
	var plan struct {
		Policy        string
		ForgetClients []int64 `json:"forget_clients"`
		PurgeInvoices []int64 `json:"purge_invoices"`
	}
	json.Unmarshal([]byte(s.ok("retention", "run", "--dry-run", "--json")), &plan)
	if plan.Policy != "off" || len(plan.ForgetClients) != 0 || len(plan.PurgeInvoices) != 1 || strconv.FormatInt(plan.PurgeInvoices[0], 10) != invoice {
		t.Fatalf("dry run with retention off: %+v, want invoice %s purged and nobody forgotten", plan, invoice)
	}
	if out := s.ok("retention", "run"); !strings.Contains(out, "Retention is off") || !strings.Contains(out, "1 invoices") {
		t.Errorf("run with retention off = %q", out)
	}
	if show := s.ok("client", "show", client, "--json"); !strings.Contains(show, `"anonymized": false`) || !strings.Contains(show, `"buyer_purged": true`) {
		t.Errorf("after the run the card is %s", show)
	}
}
