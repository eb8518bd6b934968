package main

import (
	"strings"
	"testing"
	"time"
)

func TestForget(t *testing.T) {
	s := newSalon(t)
	staff, service, client := s.fixture()
	future := time.Now().AddDate(0, 0, 3).Format("2006-01-02") + "T10:00"
	booking := strings.TrimSpace(s.ok("booking", "add", "--client", client, "--staff", staff, "--service", service, "--start", future))
	s.ok("client", "restrict", client, "--on", "--reason", "dispute")

	if errOut := s.expect(exitUsage, "forget", "--client", client); !strings.Contains(errOut, "--yes") {
		t.Errorf("forget without --yes: %q", errOut)
	}
	if errOut := s.expect(exitRefused, "forget", "--client", client, "--yes"); !strings.Contains(errOut, "restricted") || !strings.Contains(errOut, "lift the restriction") {
		t.Errorf("restricted: %q", errOut)
	}
	s.ok("client", "restrict", client, "--off")
	if errOut := s.expect(exitRefused, "forget", "--client", client, "--yes"); !strings.Contains(errOut, "upcoming") || !strings.Contains(errOut, booking) {
		t.Errorf("upcoming booking: %q", errOut)
	}
	if show := s.ok("client", "show", client, "--json"); !strings.Contains(show, `"anonymized": false`) {
		t.Error("a refused forget changed the card")
	}
}

func TestForgetProof(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	out := s.ok("forget", "--client", client, "--yes")
	if !strings.Contains(out, "no trace found in ") || !strings.Contains(out, " pages") {
		t.Errorf("forget output = %q, want the proof line", out)
	}
	show := s.ok("client", "show", client, "--json")
	if !strings.Contains(show, `"anonymized": true`) || strings.Contains(show, "@") {
		t.Errorf("card after forget = %s", show)
	}
	if errOut := s.expect(exitRefused, "forget", "--client", client, "--yes"); !strings.Contains(errOut, "already anonymized") {
		t.Errorf("forget twice: %q", errOut)
	}
	if audit := s.ok("audit"); !strings.Contains(audit, "client.forget") || !strings.Contains(audit, "client.erasure_verified") {
		t.Errorf("audit = %q", audit)
	}
}
