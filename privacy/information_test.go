package privacy_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"kartoteka/privacy"
	"kartoteka/store"
	"kartoteka/store/storetest"
)

// subjectIn is the fixture's client, with health notes when health is set,
// of a salon in country (and Land), as the export reads it.
func subjectIn(t *testing.T, country, land string, health bool) *privacy.Subject {
	t.Helper()
	ctx := context.Background()
	f := storetest.NewFixture(t)
	if health {
		fullClient(t, f.DB, f)
	}
	s, err := f.DB.Salon(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Country, s.Land = country, land
	if err := f.DB.UpdateSalon(ctx, s); err != nil {
		t.Fatal(err)
	}
	sub, err := privacy.LoadSubject(ctx, f.DB, f.ClientID, exportNow)
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

func pdfTextOf(t *testing.T, s *privacy.Subject, code string) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.WritePDF(&b, code); err != nil {
		t.Fatal(err)
	}
	return pdfText(t, b.Bytes())
}

// The PDF tells the client, in their language, that no automated decision
// is made about them (GDPR Art. 15(1)(h)), which categories of their data
// the salon holds (Art. 15(1)(b)), health notes as a special category only
// when there are some, and who the controller is.
func TestPDFStatesDecisionsAndCategories(t *testing.T) {
	with := subjectIn(t, "PL", "", true)
	without := subjectIn(t, "PL", "", false)
	for _, c := range []struct {
		code, decisions, identification, special, controller string
	}{
		{"pl", "podejmowania decyzji w sposób zautomatyzowany, w tym profilowania", "Dane identyfikacyjne i kontaktowe",
			"szczególna kategoria danych osobowych (art. 9 RODO)", "Administratorem Twoich danych"},
		{"de", "automatisierte Entscheidungsfindung einschließlich Profiling", "Identifikations- und Kontaktdaten",
			"besondere Kategorie personenbezogener Daten (Art. 9 DSGVO)", "Verantwortlicher für Ihre Daten"},
		{"da", "automatiske afgørelser, herunder profilering", "Identifikations- og kontaktoplysninger",
			"særlig kategori af personoplysninger", "Dataansvarlig for dine oplysninger"},
		{"en", "No automated decision-making, including profiling, is used", "Identification and contact data",
			"special category of personal data (GDPR Art. 9)", "The controller of your data"},
	} {
		text := pdfTextOf(t, with, c.code)
		for _, want := range []string{c.decisions, c.identification, c.special, c.controller,
			storetest.Salon.Name, storetest.Salon.Address, storetest.Salon.PrivacyContact} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the PDF lacks %q", c.code, want)
			}
		}
		text = pdfTextOf(t, without, c.code)
		if !strings.Contains(text, c.decisions) || !strings.Contains(text, c.identification) {
			t.Errorf("%s: a client without health notes is not told the rest", c.code)
		}
		if strings.Contains(text, c.special) {
			t.Errorf("%s: health notes listed for a client who has none", c.code)
		}
	}
}

// The PDF names the authority that supervises the salon: in Germany its
// Land's, with address and website; in Austria the DSB; a German salon
// with no Land gets the general words, and the export warns of the gap.
func TestPDFNamesTheAuthority(t *testing.T) {
	for _, c := range []struct {
		country, land string
		want          []string
	}{
		{"DE", "BY", []string{"Bayerisches Landesamt für Datenschutzaufsicht (BayLDA)", "Promenade 18, 91522 Ansbach", "https://www.lda.bayern.de"}},
		{"DE", "HH", []string{"Der Hamburgische Beauftragte für Datenschutz und Informationsfreiheit", "Ludwig-Erhard-Straße 22, 20459 Hamburg", "https://datenschutz-hamburg.de"}},
		{"AT", "", []string{"Österreichische Datenschutzbehörde", "Barichgasse 40–42, 1030 Wien", "https://www.dsb.gv.at"}},
		{"DE", "", []string{"Datenschutz-Aufsichtsbehörde des Bundeslandes", "bfdi.bund.de"}},
	} {
		s := subjectIn(t, c.country, c.land, false)
		for _, code := range []string{"de", "pl", "da"} {
			text := pdfTextOf(t, s, code)
			want := c.want
			if c.land == "" && c.country == "DE" && code != "de" {
				want = want[1:] // the general words are translated
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("%s %s, in %s: the PDF lacks %q", c.country, c.land, code, w)
				}
			}
		}
		gaps := privacy.ControllerGaps(s.Salon)
		if lacks := slices.Contains(gaps, privacy.GapLand); lacks != (c.country == "DE" && c.land == "") {
			t.Errorf("%s %q: gaps %v", c.country, c.land, gaps)
		}
	}
}

// The JSON carries the same: the categories by stable code, health as a
// special category, no automated decisions, the Land and its authority.
func TestJSONStatesDecisionsCategoriesAndLand(t *testing.T) {
	s := subjectIn(t, "DE", "BY", true)
	var b bytes.Buffer
	if err := s.WriteJSON(&b, "de"); err != nil {
		t.Fatal(err)
	}
	validate(t, personalDataSchema(t), b.Bytes())
	var got struct {
		Controller  struct{ Land string }
		Information struct {
			Categories []struct {
				Code    string
				Name    string
				Special bool `json:"special_category"`
			}
			Automated struct {
				Used      bool
				Statement string
			} `json:"automated_decisions"`
			Authority struct{ Name, Address, Web string } `json:"supervisory_authority"`
		}
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Controller.Land != "BY" || !strings.Contains(got.Information.Authority.Name, "BayLDA") || got.Information.Authority.Web != "https://www.lda.bayern.de" {
		t.Errorf("controller land %q, authority %+v", got.Controller.Land, got.Information.Authority)
	}
	if got.Information.Automated.Used || !strings.Contains(got.Information.Automated.Statement, "einschließlich Profiling") {
		t.Errorf("automated decisions = %+v", got.Information.Automated)
	}
	codes := map[string]bool{}
	for _, c := range got.Information.Categories {
		codes[c.Code] = true
		if c.Special != (c.Code == "health_notes") || c.Name == "" {
			t.Errorf("category %+v", c)
		}
	}
	for _, want := range []string{"identification_contact", "bookings", "payments_invoices", "notes", "health_notes", "consents", "restriction", "record_of_changes"} {
		if !codes[want] {
			t.Errorf("categories %v lack %s", codes, want)
		}
	}
}

func TestControllerGaps(t *testing.T) {
	full := storetest.Salon
	for _, c := range []struct {
		name string
		edit func(*store.Salon)
		want []string
	}{
		{"complete", func(*store.Salon) {}, nil},
		{"no address", func(s *store.Salon) { s.Address = " " }, []string{privacy.GapAddress}},
		{"no contact", func(s *store.Salon) { s.PrivacyContact = "" }, []string{privacy.GapPrivacyContact}},
		{"neither", func(s *store.Salon) { s.Address, s.PrivacyContact = "", "" }, []string{privacy.GapAddress, privacy.GapPrivacyContact}},
		{"DE without a Land", func(s *store.Salon) { s.Country = "DE" }, []string{privacy.GapLand}},
		{"DE with a Land", func(s *store.Salon) { s.Country, s.Land = "DE", "SN" }, nil},
		{"AT", func(s *store.Salon) { s.Country = "AT" }, nil},
	} {
		s := full
		c.edit(&s)
		if got := privacy.ControllerGaps(s); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// Every Land the store takes has a German name and an authority with an
// address and a website.
func TestEveryLandHasItsAuthority(t *testing.T) {
	seen := map[string]bool{}
	for _, code := range store.GermanLands {
		name := privacy.LandName(code)
		if name == "" || seen[name] {
			t.Errorf("%s: name %q", code, name)
		}
		seen[name] = true
		s := &privacy.Subject{Salon: store.Salon{Country: "DE", Land: code}}
		a := s.Information("de").Authority
		if a.Name == "" || !strings.Contains(a.Address, " ") || !strings.HasPrefix(a.Web, "https://") || strings.Contains(a.Web, "bfdi") {
			t.Errorf("%s: authority %+v", code, a)
		}
	}
}
