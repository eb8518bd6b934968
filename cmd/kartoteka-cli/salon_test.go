package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSalonSet(t *testing.T) {
	s := newSalon(t) // PL, with no address or privacy contact
	_, _, client := s.fixture()
	js := filepath.Join(t.TempDir(), "c.json")

	// An export from a salon lacking its details works, and warns.
	code, _, errOut := s.run("export", "--client", client, "--json", js)
	if code != exitOK || !strings.Contains(errOut, "address is not set") || !strings.Contains(errOut, "privacy contact is not set") ||
		!strings.Contains(errOut, "salon set --address") || strings.Contains(errOut, "Land") {
		t.Errorf("export of a salon without details = %d, stderr %q", code, errOut)
	}

	out := s.ok("salon", "set", "--address", "ul. Różana 5, 31-000 Kraków", "--privacy-contact", "rodo@example.pl")
	if out != "address: ul. Różana 5, 31-000 Kraków\nprivacy-contact: rodo@example.pl" {
		t.Errorf("salon set printed %q", out)
	}
	code, _, errOut = s.run("export", "--client", client, "--json", js)
	if code != exitOK || strings.Contains(errOut, "is not set") {
		t.Errorf("export of a complete salon = %d, stderr %q", code, errOut)
	}
	var doc struct {
		Controller struct {
			Name, Address, Land string
			Contact             string `json:"privacy_contact"`
		}
	}
	data, _ := os.ReadFile(js)
	if err := json.Unmarshal(data, &doc); err != nil || doc.Controller.Name != "Salon Test" || doc.Controller.Address != "ul. Różana 5, 31-000 Kraków" ||
		doc.Controller.Contact != "rodo@example.pl" || doc.Controller.Land != "" {
		t.Errorf("controller = %+v, %v: only the flags given change", doc.Controller, err)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"salon", "set"}, "nothing to set"},
		{[]string{"salon", "set", "--land", "XX"}, "BW BY BE BB HB HH HE MV NI NW RP SL SN ST SH TH"},
		{[]string{"salon", "set", "--land", "BY"}, "not DE"},
		{[]string{"salon", "set", "--name", ""}, "name"},
		{[]string{"salon", "set", "--name", "x", "extra"}, "no arguments"},
	} {
		if errOut := s.expect(exitUsage, c.args...); !strings.Contains(errOut, c.want) {
			t.Errorf("%v: %q, want %q", c.args, errOut, c.want)
		}
	}

	// A German salon: without its Land the export warns; with it, it names
	// the Land's authority.
	de := blankSalon(t)
	if code, _, errOut := de.run("init", "--salon", "Salon Isar", "--country", "DE", "--address", "Marienplatz 1, 80331 München",
		"--privacy-contact", "datenschutz@example.de"); code != exitOK {
		t.Fatalf("init = %d, %q", code, errOut)
	}
	client = de.ok("client", "add", "--first", "Jürgen", "--last", "Größmann")
	code, _, errOut = de.run("export", "--client", client, "--json", js)
	if code != exitOK || !strings.Contains(errOut, "Land is not set") || strings.Contains(errOut, "address") {
		t.Errorf("export of a German salon without its Land = %d, stderr %q", code, errOut)
	}
	if out := de.ok("salon", "set", "--land", "by"); out != "land: BY (Bayern)" {
		t.Errorf("salon set --land printed %q", out)
	}
	code, _, errOut = de.run("export", "--client", client, "--json", js)
	data, _ = os.ReadFile(js)
	if code != exitOK || strings.Contains(errOut, "is not set") || !strings.Contains(string(data), "BayLDA") {
		t.Errorf("export of a Bavarian salon = %d, stderr %q, authority named: %v", code, errOut, strings.Contains(string(data), "BayLDA"))
	}
	if audit := de.ok("audit"); !strings.Contains(audit, "salon.update") {
		t.Errorf("audit = %q: want the change of the salon", audit)
	}
}
