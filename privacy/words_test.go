package privacy_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"kartoteka/assets"
	"kartoteka/privacy"
	"kartoteka/store"
)

// TestRefusalNoticeOneBracketDeep: the refusal notice names the authority
// outside any brackets of its own, so that a name that carries its
// abbreviation, 'Prezes Urzędu Ochrony Danych Osobowych (UODO)', does not
// end in '(UODO))' (it used to be put in brackets).
func TestRefusalNoticeOneBracketDeep(t *testing.T) {
	r := store.PrivacyRequest{Outcome: store.RequestRefused, RefusalReason: "manifestly unfounded", Closed: exportNow}
	for _, salon := range []store.Salon{{Country: "PL"}, {Country: "DE", Land: "BY"}, {Country: "DE"}, {Country: "DK"}, {Country: "AT"}, {Country: "XX"}} {
		for _, code := range []string{"en", "pl", "de", "da"} {
			got := privacy.SalonRefusalNotice(r, salon, code)
			if strings.Contains(got, "((") || strings.Contains(got, "))") || strings.Count(got, "(") != strings.Count(got, ")") {
				t.Errorf("%s %s, %s: brackets in %q", salon.Country, salon.Land, code, got)
			}
			if !strings.Contains(got, "manifestly unfounded") {
				t.Errorf("%s, %s: no reason in %q", salon.Country, code, got)
			}
		}
	}
	if got := privacy.RefusalNotice(r, "PL", "pl"); !strings.Contains(got, "Organ nadzorczy: Prezes Urzędu Ochrony Danych Osobowych (UODO).") {
		t.Errorf("the Polish notice: %q", got)
	}
}

// wordsOf reads one language's translations, the plural forms joined.
func wordsOf(t *testing.T, code string) map[string]string {
	t.Helper()
	data, err := assets.Translations.ReadFile("translations/" + code + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, v := range raw {
		switch v := v.(type) {
		case string:
			out[k] = v
		case map[string]any:
			var forms []string
			for _, f := range v {
				forms = append(forms, f.(string))
			}
			out[k] = strings.Join(forms, "\n")
		}
	}
	return out
}

// TestTranslationsUseOneWord: one thing, one word, in every string of a
// language; and no free text or authority's name inside brackets, where a
// bracket of its own would double them. Each case is a term QA found mixed.
func TestTranslationsUseOneWord(t *testing.T) {
	for _, c := range []struct {
		code, why string
		not       *regexp.Regexp
	}{
		{"pl", "a request's done status is 'zrealizowane' (the status and the export say so), not 'załatwione'", regexp.MustCompile(`(?i)załatwi`)},
		{"pl", "the card that keeps detached paid bookings is 'anonimowa karta zbiorcza', not 'karta księgowa'", regexp.MustCompile(`(?i)kart\pL* księgow`)},
		{"de", "a request is a 'Antrag' (Art. 12 DSGVO), as everywhere else, not an 'Anfrage'", regexp.MustCompile(`(?i)datenschutzanfrage`)},
		{"de", "a request is closed as 'beantwortet' (its status); 'erledigt' is a booking's", regexp.MustCompile(`(?i)als erledigt abgeschlossen|als erledigt abschließen|^Erledigt: Der Antrag`)},
		{"en", "brackets of the text around a reason or an authority double theirs", regexp.MustCompile(`\(\{\{\.(Reason|Authority)\}\}\)`)},
		{"pl", "brackets of the text around a reason or an authority double theirs", regexp.MustCompile(`\(\{\{\.(Reason|Authority)\}\}\)`)},
		{"de", "brackets of the text around a reason or an authority double theirs", regexp.MustCompile(`\(\{\{\.(Reason|Authority)\}\}\)`)},
		{"da", "brackets of the text around a reason or an authority double theirs", regexp.MustCompile(`\(\{\{\.(Reason|Authority)\}\}\)`)},
	} {
		for key, v := range wordsOf(t, c.code) {
			if c.not.MatchString(v) {
				t.Errorf("%s.json %q = %q: %s", c.code, key, v, c.why)
			}
		}
	}
	// The heading of the request log serves the owner's screens and the
	// client's export alike: it says whose data in neither.
	if v := wordsOf(t, "da")["Privacy requests"]; strings.Contains(v, "dine") {
		t.Errorf("da.json 'Privacy requests' = %q: the owner's screens head with it too", v)
	}
	if wordsOf(t, "pl")["Answered"] != "Zrealizowane" {
		t.Errorf("pl.json 'Answered' = %q", wordsOf(t, "pl")["Answered"])
	}
}
