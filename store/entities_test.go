package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

var clientCases = []struct {
	name  string
	in    store.ClientInput
	field string
	err   error
}{
	{"ok", store.ClientInput{FirstName: " Łucja ", LastName: "Wójcik"}, "", nil},
	{"no first name", store.ClientInput{FirstName: "  ", LastName: "Wójcik"}, "first_name", store.ErrRequired},
	{"no last name", store.ClientInput{FirstName: "Łucja"}, "last_name", store.ErrRequired},
	{"long name", store.ClientInput{FirstName: strings.Repeat("ą", 101), LastName: "X"}, "first_name", store.ErrTooLong},
	{"bad email", store.ClientInput{FirstName: "A", LastName: "B", Email: "a@b"}, "email", store.ErrInvalidEmail},
	{"bad phone", store.ClientInput{FirstName: "A", LastName: "B", Phone: "12345"}, "phone", store.ErrInvalidPhone},
	{"future birth", store.ClientInput{FirstName: "A", LastName: "B", BirthDate: "2999-01-01"}, "birth_date", store.ErrDateOutOfRange},
	{"bad birth", store.ClientInput{FirstName: "A", LastName: "B", BirthDate: "1990-02-30"}, "birth_date", store.ErrInvalidDate},
	{"bad language", store.ClientInput{FirstName: "A", LastName: "B", Language: "fr"}, "language", store.ErrInvalidChoice},
	{"health without consent", store.ClientInput{FirstName: "A", LastName: "B", HealthNotes: "PPD allergy"}, "health_notes", store.ErrNoHealthConsent},
}

func TestCreateClientValidation(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	for _, c := range clientCases {
		t.Run(c.name, func(t *testing.T) {
			before, _ := db.Clients(ctx)
			id, err := db.CreateClient(ctx, c.in)
			if !errors.Is(err, c.err) {
				t.Fatalf("err = %v, want %v", err, c.err)
			}
			var fe *store.FieldError
			if c.err != nil {
				if !errors.As(err, &fe) || fe.Field != c.field {
					t.Errorf("field error = %v, want field %s", err, c.field)
				}
				if after, _ := db.Clients(ctx); len(after) != len(before) {
					t.Error("a refused client was saved")
				}
				return
			}
			got, _ := db.Client(ctx, id)
			if got.FirstName != strings.TrimSpace(c.in.FirstName) {
				t.Errorf("first name = %q, not trimmed", got.FirstName)
			}
		})
	}
}

func TestBookingRules(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, time.Local)
	id, err := f.DB.CreateBooking(ctx, store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service, Start: start})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := f.DB.Booking(ctx, id)
	if !b.End.Equal(start.Add(time.Hour)) || b.Price.Minor != 12000 || b.Status != store.StatusBooked {
		t.Errorf("booking = %+v; want the service's hour and price", b)
	}
	cases := []struct {
		name string
		in   store.BookingInput
		err  error
	}{
		{"overlap", store.BookingInput{Start: start.Add(30 * time.Minute)}, store.ErrOverlap},
		{"covers", store.BookingInput{Start: start.Add(-time.Hour), End: start.Add(2 * time.Hour)}, store.ErrOverlap},
		{"end before start", store.BookingInput{Start: start.Add(5 * time.Hour), End: start.Add(4 * time.Hour)}, store.ErrEndBeforeStart},
		{"too long", store.BookingInput{Start: start.Add(24 * time.Hour), End: start.Add(37 * time.Hour)}, store.ErrTooLongBooking},
		{"out of range", store.BookingInput{Start: time.Date(1999, 1, 1, 10, 0, 0, 0, time.Local)}, store.ErrDateOutOfRange},
		{"cancelled may overlap", store.BookingInput{Start: start, Status: store.StatusCancelled}, nil},
		{"back to back", store.BookingInput{Start: start.Add(time.Hour)}, nil},
		{"unknown staff", store.BookingInput{Start: start.Add(48 * time.Hour), StaffID: 999}, store.ErrNotFound},
	}
	for _, c := range cases {
		in := c.in
		in.ClientID, in.ServiceID = f.ClientID, f.Service
		if in.StaffID == 0 {
			in.StaffID = f.Staff
		}
		if _, err := f.DB.CreateBooking(ctx, in); !errors.Is(err, c.err) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.err)
		}
	}
	if err := f.DB.SetBookingStatus(ctx, id, store.StatusCancelled); err != nil {
		t.Fatal(err)
	}
	if _, err := f.DB.CreateBooking(ctx, store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service, Start: start}); err != nil {
		t.Errorf("slot freed by cancelling is refused: %v", err)
	}
}

func TestHealthNotesFollowConsent(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	in := store.ClientInput{FirstName: "Zofia", LastName: "Kowalska-Øster", HealthNotes: "patch test 2026-01: negative"}
	if err := f.DB.UpdateClient(ctx, f.ClientID, in); !errors.Is(err, store.ErrNoHealthConsent) {
		t.Fatalf("health notes without consent: %v", err)
	}
	if err := f.DB.SetConsent(ctx, f.ClientID, store.ConsentHealth, true, "paper", "v1"); err != nil {
		t.Fatal(err)
	}
	if err := f.DB.UpdateClient(ctx, f.ClientID, in); err != nil {
		t.Fatal(err)
	}
	if err := f.DB.SetConsent(ctx, f.ClientID, store.ConsentHealth, false, "email", ""); err != nil {
		t.Fatal(err)
	}
	card, err := f.DB.ClientCard(ctx, f.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	if card.Client.HealthNotes != "" {
		t.Error("health notes kept after the consent was withdrawn")
	}
	if len(card.Consents) != 2 || store.CurrentConsents(card.Consents)[store.ConsentHealth] {
		t.Errorf("consent history = %+v; want given then withdrawn", card.Consents)
	}
}

func TestCardAndPayments(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	start := time.Now().Add(-48 * time.Hour).Truncate(time.Hour)
	bid, err := f.DB.CreateBooking(ctx, store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service, Start: start, Status: store.StatusCompleted})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.DB.CreatePayment(ctx, store.PaymentInput{ClientID: f.ClientID, BookingID: bid, Amount: 12000, Method: "cash"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.DB.CreatePayment(ctx, store.PaymentInput{ClientID: f.ClientID, Amount: 0}); !errors.Is(err, store.ErrInvalidAmount) {
		t.Errorf("zero payment: %v", err)
	}
	if _, err := f.DB.CreateInvoice(ctx, store.InvoiceInput{ClientID: f.ClientID, Amount: 12000}); err != nil {
		t.Fatal(err)
	}
	card, err := f.DB.ClientCard(ctx, f.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	if len(card.Bookings) != 1 || len(card.Payments) != 1 || len(card.Invoices) != 1 {
		t.Fatalf("card has %d bookings, %d payments, %d invoices", len(card.Bookings), len(card.Payments), len(card.Invoices))
	}
	if card.Payments[0].Amount != (store.Money{Minor: 12000, Currency: "PLN"}) || card.Payments[0].BookingID != bid {
		t.Errorf("payment = %+v", card.Payments[0])
	}
	if !card.Client.LastVisit.Equal(start) {
		t.Errorf("last visit = %v, want %v", card.Client.LastVisit, start)
	}
	inv := card.Invoices[0]
	if inv.BuyerName != "Zofia Kowalska-Øster" || !strings.HasSuffix(inv.Number, "/0001") || inv.Total.Minor != 12000 {
		t.Errorf("invoice = %+v", inv)
	}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	for _, in := range []store.ClientInput{
		{FirstName: "Søren", LastName: "Ærø", Email: "soren.aero@example.dk"},
		{FirstName: "Łukasz", LastName: "Groß", Phone: "+49 151 23456789"},
		{FirstName: "Kowal", LastName: "Nowak"},
	} {
		if _, err := f.DB.CreateClient(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		q    string
		want []string
	}{
		{"kowalska-oster", []string{"Kowalska-Øster"}},
		{"KOWALSKA ØSTER", []string{"Kowalska-Øster"}},
		{"kow", []string{"Kowalska-Øster", "Nowak"}},
		{"zof kow", []string{"Kowalska-Øster"}},
		{"soren", []string{"Ærø"}},
		{"aero", []string{"Ærø"}},
		{"lukasz gross", []string{"Groß"}},
		{"601 234", []string{"Kowalska-Øster"}},
		{"+48601", []string{"Kowalska-Øster"}},
		{"0151 2345", []string{"Groß"}},
		{"soren.aero@exa", []string{"Ærø"}},
		{"zzz", nil},
		{"", nil},
		{`"); DROP TABLE clients; --`, nil},
	}
	for _, c := range cases {
		got, err := f.DB.SearchClients(ctx, c.q, 10)
		if err != nil {
			t.Errorf("search %q: %v", c.q, err)
			continue
		}
		var names []string
		for _, g := range got {
			names = append(names, g.LastName)
		}
		if strings.Join(names, ",") != strings.Join(c.want, ",") {
			t.Errorf("search %q = %v, want %v", c.q, names, c.want)
		}
	}
}

func TestAuditHasNoPersonalData(t *testing.T) {
	ctx := store.WithActor(context.Background(), "cli")
	f := storetest.NewFixture(t)
	if err := f.DB.SetRestriction(ctx, f.ClientID, true, "Kowalska asked by letter"); err != nil {
		t.Fatal(err)
	}
	events, err := f.DB.AuditLog(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) < 5 {
		t.Fatalf("%d audit events, want one per write", len(events))
	}
	if events[0].Action != "client.restrict" || events[0].Actor != "cli" || events[0].SubjectID != f.ClientID {
		t.Errorf("latest event = %+v", events[0])
	}
	for _, e := range events {
		s := e.Action + string(e.Actor)
		for k := range e.Details {
			s += k
		}
		if strings.Contains(strings.ToLower(s), "kowal") || strings.Contains(s, "601") {
			t.Errorf("personal data in audit event %+v", e)
		}
	}
}

func TestImportCSV(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	bad := "first_name,last_name,email,phone\nAnna,Nowak,anna@example.com,\nJan,,jan@example.com,\nEwa,Lis,ewa@bad,\nOla,Kot,,12\n"
	rep, err := db.ImportClientsCSV(ctx, strings.NewReader(bad), false)
	if !errors.Is(err, store.ErrImportRejected) {
		t.Fatalf("import with bad rows: %v", err)
	}
	want := []struct {
		line  int
		field string
	}{{3, "last_name"}, {4, "email"}, {5, "phone"}}
	if len(rep.Rejected) != len(want) {
		t.Fatalf("rejected = %+v", rep.Rejected)
	}
	for i, w := range want {
		if rep.Rejected[i].Line != w.line || rep.Rejected[i].Field != w.field {
			t.Errorf("rejected[%d] = %+v, want line %d field %s", i, rep.Rejected[i], w.line, w.field)
		}
	}
	if all, _ := db.Clients(ctx); len(all) != 0 {
		t.Errorf("a rejected import saved %d clients", len(all))
	}
	good := "first_name;last_name;email\nSøren;Ærø;soren@example.dk\nAnna;Nowak;\n"
	if rep, err := db.ImportClientsCSV(ctx, strings.NewReader(good), true); err != nil || rep.Rows != 2 || rep.Imported != 0 {
		t.Errorf("dry run = %+v, %v", rep, err)
	}
	if rep, err := db.ImportClientsCSV(ctx, strings.NewReader(good), false); err != nil || rep.Imported != 2 {
		t.Errorf("import = %+v, %v", rep, err)
	}
	if got, _ := db.SearchClients(ctx, "aero", 10); len(got) != 1 {
		t.Errorf("imported client not searchable")
	}
	if _, err := db.ImportClientsCSV(ctx, strings.NewReader("foo,bar\n1,2\n"), true); !errors.Is(err, store.ErrBadCSV) {
		t.Errorf("CSV without name columns: %v", err)
	}
}

func TestClientsInactiveSince(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	db, _ := storetest.Create(t, store.Options{Now: func() time.Time { return now }})
	staff, _ := db.CreateStaff(ctx, store.Staff{Name: "Ola"})
	svc, _ := db.CreateService(ctx, store.Service{Name: "Cut", Minutes: 30, Price: store.Money{Minor: 5000}})
	visit := func(first string, at time.Time) int64 {
		id, err := db.CreateClient(ctx, store.ClientInput{FirstName: first, LastName: "Test"})
		if err != nil {
			t.Fatal(err)
		}
		if !at.IsZero() {
			if _, err := db.CreateBooking(ctx, store.BookingInput{ClientID: id, StaffID: staff, ServiceID: svc, Start: at, Status: store.StatusCompleted}); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	old := visit("Old", now.AddDate(-3, 0, 0))
	visit("Recent", now.AddDate(0, -1, 0))
	visit("Never", time.Time{}) // created now: not inactive yet
	got, err := db.ClientsInactiveSince(ctx, now.AddDate(-1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != old || !got[0].LastVisit.Equal(now.AddDate(-3, 0, 0)) {
		t.Errorf("inactive for a year = %+v, want only the client last seen three years ago", got)
	}
}

func TestCurrencyFixedOnceUsed(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	s, _ := db.Salon(ctx)
	s.Currency = "EUR"
	if err := db.UpdateSalon(ctx, s); err != nil {
		t.Fatalf("change currency of an empty salon: %v", err)
	}
	if _, err := db.CreateService(ctx, store.Service{Name: "Cut", Minutes: 30, Price: store.Money{Minor: 3000}}); err != nil {
		t.Fatal(err)
	}
	s.Currency = "PLN"
	if err := db.UpdateSalon(ctx, s); !errors.Is(err, store.ErrCurrencyInUse) {
		t.Errorf("change currency with prices recorded: %v", err)
	}
	s.Currency, s.Address = "EUR", "Neue Straße 1"
	if err := db.UpdateSalon(ctx, s); err != nil {
		t.Errorf("update without a currency change: %v", err)
	}
}

func TestLiveClientsPages(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	names := []string{"Żak", "Adamska", "Łukasik", "Nowak", "Ørsted", "Kowalska"}
	var ids []int64
	for _, n := range names {
		id, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Anna", LastName: n})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if _, err := db.Anonymize(ctx, ids[3], "test", func(store.ForgetFacts) error { return nil }); err != nil {
		t.Fatal(err)
	}
	n, err := db.LiveClientCount(ctx)
	if err != nil || n != 5 {
		t.Fatalf("live clients = %d, %v; want 5 (one anonymized)", n, err)
	}
	var got []string
	for offset := 0; offset < n; offset += 2 {
		page, err := db.LiveClients(ctx, offset, 2)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page {
			got = append(got, c.LastName)
		}
	}
	want := []string{"Adamska", "Kowalska", "Łukasik", "Ørsted", "Żak"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("pages of 2 = %v, want %v (by folded name, none anonymized)", got, want)
	}
}
