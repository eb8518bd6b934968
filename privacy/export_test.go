package privacy_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"kartoteka/assets"
	"kartoteka/demo"
	"kartoteka/privacy"
	"kartoteka/store"
	"kartoteka/store/storetest"
)

var exportNow = time.Date(2026, 12, 1, 10, 0, 0, 0, time.Local)

// personalDataSchema is the shipped JSON Schema, compiled with formats
// (date-time, date, uri) asserted.
func personalDataSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(assets.PersonalDataSchema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("personal-data.v1.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("personal-data.v1.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t *testing.T, schema *jsonschema.Schema, data []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(v); err != nil {
		t.Fatalf("the export does not match the schema: %v", err)
	}
}

func TestEveryDemoExportMatchesTheSchema(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	if _, err := demo.Generate(ctx, db, demo.Options{Clients: 80, Seed: 7, Now: exportNow}); err != nil {
		t.Fatal(err)
	}
	schema := personalDataSchema(t)
	clients, err := db.Clients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	exported := 0
	for _, c := range clients {
		s, err := privacy.LoadSubject(ctx, db, c.ID, exportNow)
		if errors.Is(err, privacy.ErrAnonymizedSubject) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, code := range []string{"en", "pl", "de", "da"} {
			var b bytes.Buffer
			if err := s.WriteJSON(&b, code); err != nil {
				t.Fatal(err)
			}
			validate(t, schema, b.Bytes())
		}
		exported++
	}
	if exported < 60 {
		t.Fatalf("only %d of %d demo clients exported", exported, len(clients))
	}

	// The schema is no formality: a wrong amount or an unknown field fails.
	var b bytes.Buffer
	s, _ := privacy.LoadSubject(ctx, db, clients[0].ID, exportNow)
	s.WriteJSON(&b, "en")
	for _, broken := range []string{
		strings.Replace(b.String(), `"format": "kartoteka.personal-data"`, `"format": "something else"`, 1),
		strings.Replace(b.String(), `"version": 1,`, `"version": 1, "surname": "x",`, 1),
	} {
		v, _ := jsonschema.UnmarshalJSON(strings.NewReader(broken))
		if schema.Validate(v) == nil {
			t.Error("a broken export passes the schema")
		}
	}
}

// fullClient is a client with a bit of everything: consents with history,
// a restriction, notes, health notes, bookings, payments and an invoice.
func fullClient(t *testing.T, db *store.DB, f storetest.Fixture) {
	t.Helper()
	ctx := context.Background()
	steps := []error{
		db.SetConsent(ctx, f.ClientID, store.ConsentHealth, true, "in_person", "v1"),
		db.SetConsent(ctx, f.ClientID, store.ConsentMarketingSMS, true, "phone", "v1"),
		db.SetConsent(ctx, f.ClientID, store.ConsentMarketingSMS, false, "email", "v1"),
		db.UpdateClient(ctx, f.ClientID, store.ClientInput{FirstName: "Zofia", LastName: "Kowalska-Øster", Phone: "601 234 567",
			Email: "zofia@example.com", Notes: "Prefers mornings", HealthNotes: "PPD allergy, patch test 2026-03-01", Language: "pl"}),
		db.SetRestriction(ctx, f.ClientID, true, "Disputes her invoice"),
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	start := exportNow.AddDate(0, -2, 0)
	for i := range 3 {
		id, err := db.CreateBooking(ctx, store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service,
			Start: start.AddDate(0, 0, 7*i), Status: store.StatusCompleted, Notes: "Colour 6.1", Basis: store.BasisConsent})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreatePayment(ctx, store.PaymentInput{ClientID: f.ClientID, BookingID: id, Amount: 12000 + int64(i), Method: "card"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.CreateInvoice(ctx, store.InvoiceInput{ClientID: f.ClientID, Amount: 12000, At: start}); err != nil {
		t.Fatal(err)
	}
}

func TestJSONExportHoldsTheWholeCard(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	fullClient(t, f.DB, f)
	s, err := privacy.LoadSubject(ctx, f.DB, f.ClientID, exportNow)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.WriteJSON(&b, s.Language()); err != nil {
		t.Fatal(err)
	}
	validate(t, personalDataSchema(t), b.Bytes())
	var got struct {
		Language string
		Subject  struct {
			FirstName   string `json:"first_name"`
			LastName    string `json:"last_name"`
			Phone       string
			HealthNotes string `json:"health_notes"`
		}
		Restriction struct {
			Restricted bool
			Reason     string
		}
		Consents []struct {
			Kind  string
			Given bool
		}
		Bookings []struct {
			ID     int64
			Status string
			Notes  string
			Price  struct{ Amount, Currency string }
		}
		Payments []struct {
			ID        int64
			BookingID *int64 `json:"booking_id"`
			Amount    struct{ Amount, Currency string }
		}
		Invoices []struct {
			Number    string
			KeptUntil string `json:"kept_unchanged_until"`
		}
		Events      []struct{ Action string } `json:"audit_events"`
		Information struct {
			Authority struct{ Name string } `json:"supervisory_authority"`
		}
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	card, _ := f.DB.ClientCard(ctx, f.ClientID)
	if got.Language != "pl" || got.Subject.LastName != "Kowalska-Øster" || got.Subject.Phone != "+48601234567" || !strings.Contains(got.Subject.HealthNotes, "PPD") {
		t.Errorf("subject = %+v, language %s", got.Subject, got.Language)
	}
	if !got.Restriction.Restricted || got.Restriction.Reason != "Disputes her invoice" {
		t.Errorf("restriction = %+v", got.Restriction)
	}
	if len(got.Consents) != len(card.Consents) || len(got.Consents) != 3 || got.Consents[2].Given {
		t.Errorf("consents = %+v, want the three records, the withdrawal last", got.Consents)
	}
	if len(got.Bookings) != len(card.Bookings) {
		t.Fatalf("%d bookings exported, the card has %d", len(got.Bookings), len(card.Bookings))
	}
	ids := map[int64]bool{}
	for _, bk := range got.Bookings {
		ids[bk.ID] = true
		if bk.Price.Amount != "120.00" || bk.Price.Currency != "PLN" || bk.Notes != "Colour 6.1" || bk.Status != "completed" {
			t.Errorf("booking = %+v", bk)
		}
	}
	for _, bk := range card.Bookings {
		if !ids[bk.ID] {
			t.Errorf("booking %d is on the card but not in the export", bk.ID)
		}
	}
	if len(got.Payments) != len(card.Payments) {
		t.Fatalf("%d payments exported, the card has %d", len(got.Payments), len(card.Payments))
	}
	amounts := map[string]bool{}
	for _, p := range got.Payments {
		amounts[p.Amount.Amount] = true
		if p.BookingID == nil || !ids[*p.BookingID] {
			t.Errorf("payment %d points at booking %v", p.ID, p.BookingID)
		}
	}
	for _, want := range []string{"120.00", "120.01", "120.02"} {
		if !amounts[want] {
			t.Errorf("payment of %s missing", want)
		}
	}
	if len(got.Invoices) != 1 || got.Invoices[0].KeptUntil != "2032-12-31" {
		t.Errorf("invoices = %+v, want kept unchanged until the end of 2032 (PL: five years after the year after issue)", got.Invoices)
	}
	actions := map[string]bool{}
	for _, e := range got.Events {
		actions[e.Action] = true
	}
	for _, want := range []string{"client.create", "client.update", "consent.give", "consent.withdraw", "client.restrict", "booking.create", "payment.create", "invoice.create"} {
		if !actions[want] {
			t.Errorf("the record of changes lacks %s: %v", want, actions)
		}
	}
	if !strings.Contains(got.Information.Authority.Name, "UODO") {
		t.Errorf("a Polish salon's authority = %q", got.Information.Authority.Name)
	}
}

var pageObject = regexp.MustCompile(`/Type /Page\b[^s]`)

// pdfOf writes the PDF of a client called first last, speaking code, with n
// bookings, and returns it with its number of pages.
func pdfOf(t *testing.T, first, last, code string, n int) ([]byte, int) {
	t.Helper()
	ctx := context.Background()
	f := storetest.NewFixture(t)
	if err := f.DB.UpdateClient(ctx, f.ClientID, store.ClientInput{FirstName: first, LastName: last, Language: code,
		Notes: strings.Repeat("A long note that has to wrap across the width of the page. ", 6)}); err != nil {
		t.Fatal(err)
	}
	err := f.DB.Batch(ctx, "test.bookings", func(b *store.Batch) error {
		start := exportNow.AddDate(-3, 0, 0)
		for i := range n {
			if _, err := b.CreateBooking(store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service,
				Start: start.Add(time.Duration(i) * 50 * time.Hour), Status: store.StatusCompleted}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := privacy.LoadSubject(ctx, f.DB, f.ClientID, exportNow)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.WritePDF(&b, code); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), len(pageObject.FindAll(b.Bytes(), -1))
}

func TestPDFExports(t *testing.T) {
	for _, c := range []struct{ first, last, code string }{
		{"Łucja", "Wójcik-Żółć", "pl"},
		{"Jürgen", "Größmann", "de"},
		{"Søren", "Ærø-Åberg", "da"},
		{"Anne", "O'Connor-Smith", "en"},
	} {
		pages := map[int]int{}
		for _, n := range []int{0, 1, 500} {
			pdf, count := pdfOf(t, c.first, c.last, c.code, n)
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf, []byte("%%EOF")) {
				t.Fatalf("%s with %d bookings: not a whole PDF", c.code, n)
			}
			if !bytes.Contains(pdf, []byte("/FontFile2")) || !bytes.Contains(pdf, []byte("/MediaBox [0 0 595.28 841.89]")) {
				t.Errorf("%s: no embedded TrueType font, or not A4", c.code)
			}
			pages[n] = count
		}
		// One booking fits on the pages of none; 500 one-line rows of 6 mm
		// fill another eleven or twelve A4 pages (43 rows a page), no more.
		if pages[0] < 2 || pages[1] != pages[0] {
			t.Errorf("%s: %d pages with no booking, %d with one", c.code, pages[0], pages[1])
		}
		if extra := pages[500] - pages[0]; extra < 11 || extra > 13 {
			t.Errorf("%s: 500 bookings add %d pages to %d", c.code, extra, pages[0])
		}
	}
}

func TestExportWritesAtomicallyAndRemembers(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	out := t.TempDir()
	req := privacy.ExportRequest{ClientID: f.ClientID, Now: exportNow,
		PDF:  filepath.Join(out, privacy.DefaultExportName(f.ClientID, "pdf", exportNow)),
		JSON: filepath.Join(out, privacy.DefaultExportName(f.ClientID, "json", exportNow))}
	files, err := privacy.Export(ctx, f.DB, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || filepath.Base(req.PDF) != "client-1-2026-12-01.pdf" {
		t.Fatalf("files = %+v", files)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 2 {
		t.Errorf("the folder holds %d files, want the two exports and no temporary one", len(entries))
	}
	recorded, err := f.DB.ExportFiles(ctx, f.ClientID)
	if err != nil || len(recorded) != 2 {
		t.Fatalf("recorded = %+v, %v", recorded, err)
	}
	log, _ := f.DB.AuditLog(ctx, 1)
	if log[0].Action != "client.export" || log[0].Details["pdf"] != 1 || log[0].Details["json"] != 1 || log[0].SubjectID != f.ClientID {
		t.Errorf("audit event = %+v", log[0])
	}

	// Never beside the database.
	inside := filepath.Join(filepath.Dir(f.DB.Path()), "client.pdf")
	if _, err := privacy.Export(ctx, f.DB, privacy.ExportRequest{ClientID: f.ClientID, PDF: inside}); !errors.Is(err, privacy.ErrExportInDataFolder) {
		t.Errorf("export into the data folder: err = %v", err)
	}
	if _, err := os.Stat(inside); err == nil {
		t.Error("a refused export left a file")
	}

	// Forgetting the client forgets the records of the files too (their
	// paths may name the client).
	if _, err := f.DB.Anonymize(ctx, f.ClientID, "test", func(store.ForgetFacts) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if recorded, _ := f.DB.ExportFiles(ctx, f.ClientID); len(recorded) != 0 {
		t.Errorf("after forgetting, %d export records remain", len(recorded))
	}
	if _, err := privacy.Export(ctx, f.DB, req); !errors.Is(err, privacy.ErrAnonymizedSubject) {
		t.Errorf("exporting a forgotten client: err = %v", err)
	}
}

func TestRecoverySheet(t *testing.T) {
	const key = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789"
	for _, code := range []string{"en", "pl", "de", "da"} {
		var b bytes.Buffer
		if err := privacy.WriteRecoverySheet(&b, "Salon Róża Ærø", key, exportNow, code); err != nil {
			t.Fatal(err)
		}
		pdf := b.Bytes()
		if n := len(pageObject.FindAll(pdf, -1)); n != 1 {
			t.Errorf("%s: the recovery sheet has %d pages, want one", code, n)
		}
		if c := bytes.Count(pdf, []byte("/FontFile2")); c < 2 {
			t.Errorf("%s: %d embedded fonts, want the text and the monospaced key fonts", code, c)
		}
	}
	if got := privacy.RecoverySheetName(exportNow); got != "kartoteka-recovery-sheet-2026-12-01.pdf" {
		t.Errorf("name = %q", got)
	}
}

func TestForgetOffersTheExports(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	out := t.TempDir()
	pdf, js := filepath.Join(out, "a.pdf"), filepath.Join(out, "a.json")
	if _, err := privacy.Export(ctx, f.DB, privacy.ExportRequest{ClientID: f.ClientID, PDF: pdf, JSON: js}); err != nil {
		t.Fatal(err)
	}
	os.Remove(js) // the owner deleted one already
	other := filepath.Join(out, "someone-else.pdf")
	writeFile(other, "another client's export")
	res, err := privacy.Forget(ctx, f.DB, f.ClientID, "request of the client", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Exports) != 2 {
		t.Fatalf("forget returned %d export files, want the 2 written", len(res.Exports))
	}
	if _, err := os.Stat(pdf); err != nil {
		t.Errorf("forget deleted an export before it was asked to: %v", err)
	}
	if deleted, left := privacy.RemoveExports(res.Exports); deleted != 2 || left != 0 {
		t.Errorf("deleted %d, left %d; want 2, 0", deleted, left)
	}
	if _, err := os.Stat(pdf); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the PDF export survived forgetting: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("a file the app did not write for this client was touched: %v", err)
	}
}

func TestExportStatesTheRetentionDate(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	visit := time.Date(2026, 3, 2, 10, 0, 0, 0, time.Local)
	if _, err := f.DB.CreateBooking(ctx, store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service, Start: visit, Status: store.StatusCompleted}); err != nil {
		t.Fatal(err)
	}
	if err := f.DB.SetRetentionPolicy(ctx, store.RetentionPolicy{Policy: store.PolicyLastVisit, Days: 30, Months: 24, StatutoryYears: 7}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.DB.CreateInvoice(ctx, store.InvoiceInput{ClientID: f.ClientID, Amount: 12000, At: visit}); err != nil {
		t.Fatal(err)
	}
	s, err := privacy.LoadSubject(ctx, f.DB, f.ClientID, exportNow)
	if err != nil {
		t.Fatal(err)
	}
	info := s.Information("en")
	if got := info.Retention[0]; !got.Until.Equal(visit.AddDate(2, 0, 0)) || !strings.Contains(got.What, "24 months after your last visit") {
		t.Errorf("card retention = %+v, want two years after the visit", got)
	}
	if got := s.Invoices[0].KeepUntil; got.Year() != 2035 {
		t.Errorf("invoice kept until %v, want the salon's seven years after 2027, the year the tax fell due", got)
	}
}
