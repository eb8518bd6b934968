package privacy_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/json"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"kartoteka/privacy"
	"kartoteka/store"
	"kartoteka/store/storetest"
)

// withRequests is a fixture whose client made three requests: access,
// answered; erasure, refused; portability, extended and still open. A
// stranger's request is in the log too and must not reach her export.
func withRequests(t *testing.T) (storetest.Fixture, *privacy.Subject) {
	t.Helper()
	ctx := context.Background()
	f := storetest.NewFixture(t)
	add := func(kind string, received time.Time) int64 {
		id, err := privacy.AddRequest(ctx, f.DB, store.RequestInput{Kind: kind, Received: received, ClientID: f.ClientID, IdentityCheck: "known_client"}, exportNow)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	access := add(store.RequestAccess, day(2026, 1, 31))
	erasure := add(store.RequestErasure, day(2026, 6, 2))
	portability := add(store.RequestPortability, day(2026, 11, 20))
	steps := []error{
		privacy.CloseRequest(ctx, f.DB, access, store.RequestDone, "PDF handed over", ""),
		privacy.CloseRequest(ctx, f.DB, erasure, store.RequestRefused, "", "unpaid invoice in dispute"),
		privacy.ExtendRequest(ctx, f.DB, portability, 1, "moving to a new system", time.Time{}, exportNow),
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := privacy.AddRequest(ctx, f.DB, store.RequestInput{Kind: store.RequestObjection, Received: day(2026, 11, 1),
		RequesterName: "Jan Obcy", RequesterContact: "jan@example.com"}, exportNow); err != nil {
		t.Fatal(err)
	}
	s, err := privacy.LoadSubject(ctx, f.DB, f.ClientID, exportNow)
	if err != nil {
		t.Fatal(err)
	}
	return f, s
}

func TestJSONExportListsRequests(t *testing.T) {
	_, s := withRequests(t)
	var b bytes.Buffer
	if err := s.WriteJSON(&b, "en"); err != nil {
		t.Fatal(err)
	}
	validate(t, personalDataSchema(t), b.Bytes())
	var got struct {
		Requests []struct {
			Kind          string  `json:"kind"`
			Received      string  `json:"received_on"`
			Due           string  `json:"due_on"`
			ExtendedTo    *string `json:"extended_to"`
			Status        string  `json:"status"`
			Outcome       *string `json:"outcome"`
			Note          string  `json:"note"`
			RefusalReason string  `json:"refusal_reason"`
			Closed        *string `json:"closed_on"`
		} `json:"privacy_requests"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	r := got.Requests
	if len(r) != 3 {
		t.Fatalf("%d requests in the export, want the client's 3: %s", len(r), b.String())
	}
	if r[0].Kind != "access" || r[0].Received != "2026-01-31" || r[0].Due != "2026-02-28" || r[0].Status != "done" ||
		r[0].Outcome == nil || *r[0].Outcome != "done" || r[0].Note != "PDF handed over" || r[0].Closed == nil {
		t.Errorf("the access request: %+v", r[0])
	}
	if r[1].Kind != "erasure" || r[1].Status != "refused" || r[1].RefusalReason != "unpaid invoice in dispute" {
		t.Errorf("the erasure request: %+v", r[1])
	}
	if r[2].Kind != "portability" || r[2].Due != "2026-12-20" || r[2].ExtendedTo == nil || *r[2].ExtendedTo != "2027-01-20" ||
		r[2].Status != "extended" || r[2].Outcome != nil || r[2].Closed != nil {
		t.Errorf("the portability request: %+v", r[2])
	}
	if strings.Contains(b.String(), "Obcy") {
		t.Error("a stranger's request in the client's export")
	}
}

func TestPDFExportListsRequests(t *testing.T) {
	_, s := withRequests(t)
	for _, c := range []struct{ code, kind, refused, status string }{
		{"en", "Access to your data", "complaint with the supervisory authority", "Deadline extended"},
		{"pl", "Dostęp do danych", "UODO", "Termin przedłużony"},
	} {
		var b bytes.Buffer
		if err := s.WritePDF(&b, c.code); err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, b.Bytes())
		for _, want := range []string{c.kind, c.refused, c.status, "unpaid invoice in dispute", "PDF handed over"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the PDF lacks %q", c.code, want)
			}
		}
		if strings.Contains(text, "None recorded") || strings.Contains(text, "Nie odnotowano") {
			t.Errorf("%s: the PDF still says no request was recorded", c.code)
		}
	}
}

func TestRefusalNoticeNamesTheAuthority(t *testing.T) {
	r := store.PrivacyRequest{Outcome: store.RequestRefused, RefusalReason: "manifestly unfounded", Closed: exportNow}
	for country, want := range map[string]string{"PL": "UODO", "DK": "Datatilsynet", "AT": "Datenschutzbehörde"} {
		got := privacy.RefusalNotice(r, country, "en")
		if !strings.Contains(got, want) || !strings.Contains(got, "manifestly unfounded") || !strings.Contains(got, "complaint") {
			t.Errorf("%s: %q", country, got)
		}
	}
}

// pdfStream finds a content stream. gofpdf ends each with "\nendstream";
// the data before it is deflate output, whose last byte may be a \r, so
// only the \n is taken as the end of line (an optional \r before it cut
// that byte off and dropped the page's text).
var pdfStream = regexp.MustCompile(`(?s)stream\r?\n(.*?)\nendstream`)

// pdfText inflates the PDF's content streams and returns their text
// operands, decoded from the UTF-16 the embedded fonts are written in, as
// one string with the lines joined by spaces.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	var out strings.Builder
	for _, m := range pdfStream.FindAllSubmatch(pdf, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		data, err := io.ReadAll(zr)
		if err != nil || !bytes.Contains(data, []byte("Tj")) {
			continue
		}
		for _, op := range regexp.MustCompile(`(?s)\((.*?[^\\])\)\s*Tj`).FindAllSubmatch(data, -1) {
			raw := unescapePDF(op[1])
			units := make([]uint16, len(raw)/2)
			for i := range units {
				units[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
			}
			out.WriteString(string(utf16.Decode(units)) + " ")
		}
	}
	return strings.Join(strings.Fields(out.String()), " ")
}

func unescapePDF(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) {
			i++
			switch b[i] {
			case 'r':
				out = append(out, '\r')
			case 'n':
				out = append(out, '\n')
			default:
				out = append(out, b[i])
			}
			continue
		}
		out = append(out, b[i])
	}
	return out
}
