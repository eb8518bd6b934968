package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExport(t *testing.T) {
	s := newSalon(t)
	staff, service, client := s.fixture()
	s.ok("booking", "add", "--client", client, "--staff", staff, "--service", service, "--start", "2026-03-02T10:00", "--status", "completed")
	out := t.TempDir()
	pdf, js := filepath.Join(out, "c.pdf"), filepath.Join(out, "c.json")
	if msg := s.ok("export", "--client", client, "--pdf", pdf, "--json", js, "--language", "de"); !strings.Contains(msg, "PDF and JSON written") {
		t.Errorf("export said %q", msg)
	}
	data, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("no PDF: %v", err)
	}
	var doc struct {
		Format   string
		Language string
		Bookings []struct{ Status string }
	}
	data, _ = os.ReadFile(js)
	if err := json.Unmarshal(data, &doc); err != nil || doc.Format != "kartoteka.personal-data" || doc.Language != "de" || len(doc.Bookings) != 1 {
		t.Errorf("JSON = %+v, %v", doc, err)
	}
	// --json takes a file here and is a switch elsewhere; flags may come
	// before or after the command words.
	s.ok("export", "--json", js, "--client", client)
	s.ok("--json", js, "export", "--client", client)
	if audit := s.ok("audit"); !strings.Contains(audit, "client.export") || strings.Contains(audit, out) {
		t.Errorf("audit = %q: want the export, without its path", audit)
	}

	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"export", "--client", client}, exitUsage, "--pdf FILE"},
		{[]string{"export", "--client", client, "--json", js, "--language", "fr"}, exitUsage, "--language"},
		{[]string{"export", "--client", "999", "--json", js}, exitUsage, "not found"},
		{[]string{"export", "--client", client, "--json", filepath.Join(filepath.Dir(s.db), "x.json")}, exitUsage, "data folder"},
	} {
		if errOut := s.expect(c.code, c.args...); !strings.Contains(errOut, c.want) {
			t.Errorf("%v: %q, want %q", c.args, errOut, c.want)
		}
	}
	s.ok("forget", "--client", client, "--yes")
	if errOut := s.expect(exitRefused, "export", "--client", client, "--json", js); !strings.Contains(errOut, "anonymized") {
		t.Errorf("exporting a forgotten client: %q", errOut)
	}
}
