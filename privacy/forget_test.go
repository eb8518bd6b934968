package privacy_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kartoteka/privacy"
	"kartoteka/store"
	"kartoteka/store/storetest"
)

// salon is a small salon around one client with history: two past visits
// with notes, payments with notes, consents, health notes and an invoice.
type salon struct {
	db                 *store.DB
	staff, svc, client int64
}

func newSalon(t *testing.T) salon {
	t.Helper()
	ctx := store.WithActor(context.Background(), "staff:1")
	f := storetest.NewFixture(t)
	s := salon{db: f.DB, staff: f.Staff, svc: f.Service}
	var err error
	s.client, err = f.DB.CreateClient(ctx, store.ClientInput{
		FirstName: "Bożena", LastName: "Wróblewska-Ærø", Phone: "+48 602 111 222", Email: "bozena.w@example.pl",
		BirthDate: "1984-05-06", Address: "ul. Lipowa 7, Kraków", Notes: "prefers mornings",
		HealthNotes: "PPD patch test positive", HealthConsentChannel: "paper",
	})
	if err != nil {
		t.Fatal(err)
	}
	must(t, f.DB.SetConsent(ctx, s.client, store.ConsentMarketingEmail, true, "email", "v1"))
	for i, month := range []int{-3, -2} {
		start := time.Now().AddDate(0, month, 0).Truncate(time.Hour)
		b, err := f.DB.CreateBooking(ctx, store.BookingInput{ClientID: s.client, StaffID: s.staff, ServiceID: s.svc, Start: start,
			Status: store.StatusCompleted, Notes: "colour 7.1 — asked about Bożena's sister"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.DB.CreatePayment(ctx, store.PaymentInput{ClientID: s.client, BookingID: b, Amount: 12000 - int64(i)*2000, At: start.Add(time.Hour), Notes: "paid by Bożena"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.DB.CreateInvoice(ctx, store.InvoiceInput{ClientID: s.client, Amount: 12000}); err != nil {
		t.Fatal(err)
	}
	return s
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestForgetBlocked(t *testing.T) {
	ctx := context.Background()
	s := newSalon(t)
	must(t, s.db.SetRestriction(ctx, s.client, true, "legal claim pending"))
	if _, err := privacy.Forget(ctx, s.db, s.client, "request", nil); !errors.Is(err, privacy.ErrRestricted) {
		t.Fatalf("forget a restricted client: %v", err)
	}
	must(t, s.db.SetRestriction(ctx, s.client, false, ""))
	future, err := s.db.CreateBooking(ctx, store.BookingInput{ClientID: s.client, StaffID: s.staff, ServiceID: s.svc, Start: time.Now().AddDate(0, 0, 7).Truncate(time.Hour)})
	must(t, err)
	_, err = privacy.Forget(ctx, s.db, s.client, "request", nil)
	var be *privacy.BlockedError
	if !errors.Is(err, privacy.ErrUpcomingBookings) || !errors.As(err, &be) || len(be.Bookings) != 1 || be.Bookings[0] != future {
		t.Fatalf("forget with an upcoming booking: %v", err)
	}
	if c, _ := s.db.Client(ctx, s.client); c.Anonymized || c.LastName == "" {
		t.Fatal("a blocked forget changed the card")
	}
	p, err := privacy.PreviewForget(ctx, s.db, s.client)
	must(t, err)
	if p.Blocked == nil || !errors.Is(p.Blocked, privacy.ErrUpcomingBookings) {
		t.Errorf("preview does not show the block: %+v", p.Blocked)
	}
	if n, err := s.db.CancelUpcomingBookings(ctx, s.client); err != nil || n != 1 {
		t.Fatalf("cancel upcoming = %d, %v", n, err)
	}
	if _, err := privacy.Forget(ctx, s.db, s.client, "request", nil); err != nil {
		t.Fatalf("forget after the way out: %v", err)
	}
	if _, err := privacy.Forget(ctx, s.db, s.client, "request", nil); !errors.Is(err, privacy.ErrAlreadyAnonymized) {
		t.Errorf("forget twice: %v", err)
	}
}

func TestForgetWarnings(t *testing.T) {
	ctx := context.Background()
	s := newSalon(t)
	dup, err := s.db.CreateClient(ctx, store.ClientInput{FirstName: "Bozena", LastName: "Wroblewska", Phone: "602111222"})
	must(t, err)
	p, err := privacy.PreviewForget(ctx, s.db, s.client)
	must(t, err)
	if p.Blocked != nil {
		t.Errorf("blocked: %v", p.Blocked)
	}
	if p.OpenBalance != 2000 || p.Currency != "PLN" {
		t.Errorf("open balance = %d %s, want 2000 PLN (240.00 of visits, 220.00 paid)", p.OpenBalance, p.Currency)
	}
	if len(p.Duplicates) != 1 || p.Duplicates[0].ID != dup {
		t.Errorf("duplicates = %+v, want the card with the same phone", p.Duplicates)
	}
	wantPurge := time.Date(time.Now().Year()+7, 1, 1, 0, 0, 0, 0, time.Local)
	if len(p.Invoices) != 1 || !p.Invoices[0].PurgeOn.Equal(wantPurge) {
		t.Errorf("invoices held = %+v, want one until %v (PL: 5 years after the end of the year after issue)", p.Invoices, wantPurge)
	}
	if p.Consents != 2 || p.Notes != 4 || p.Bookings != 2 || p.Payments != 2 || p.InvoicesTotal != 1 {
		t.Errorf("counts = %+v", p)
	}
}

func TestForgetEffect(t *testing.T) {
	ctx := store.WithActor(context.Background(), "staff:1")
	s := newSalon(t)
	before, err := s.db.ClientCard(ctx, s.client)
	must(t, err)
	res, err := privacy.Forget(ctx, s.db, s.client, "client asked in person", nil)
	must(t, err)
	after, err := s.db.ClientCard(ctx, s.client)
	must(t, err)
	c := after.Client
	if !c.Anonymized || c.FirstName+c.LastName+c.Phone+c.Email+c.BirthDate+c.Address+c.Notes+c.HealthNotes != "" {
		t.Errorf("card after forget = %+v", c)
	}
	if len(after.Consents) != 0 {
		t.Errorf("%d consent records kept", len(after.Consents))
	}
	if perMonth(before) != perMonth(after) {
		t.Errorf("revenue and visits per month changed: %v → %v", perMonth(before), perMonth(after))
	}
	for _, b := range after.Bookings {
		if b.Notes != "" {
			t.Error("a booking note survived")
		}
	}
	for _, p := range after.Payments {
		if p.Notes != "" {
			t.Error("a payment note survived")
		}
	}
	if len(after.Invoices) != 1 || after.Invoices[0].BuyerName != "Bożena Wróblewska-Ærø" {
		t.Error("the invoice must stay unchanged in its statutory period")
	}
	if got, _ := s.db.SearchClients(ctx, "wroblewska", 10); len(got) != 0 {
		t.Error("the forgotten client is still found by search")
	}
	if res.Proof.Found != 0 || res.Proof.Pages == 0 {
		t.Errorf("proof = %+v, want no trace in a non-zero number of pages", res.Proof)
	}
	if strings.Join(res.Proof.Skipped, ",") != "name" {
		t.Errorf("skipped = %v, want the name (it stays on the invoice)", res.Proof.Skipped)
	}
	ledger, err := s.db.ErasureLedger(ctx)
	must(t, err)
	if len(ledger) != 1 || ledger[0].ClientID != s.client || ledger[0].By != "staff:1" {
		t.Errorf("ledger = %+v", ledger)
	}
	events, err := s.db.AuditLog(ctx, 2)
	must(t, err)
	if events[0].Action != "client.erasure_verified" || events[0].Details["pages"] != res.Proof.Pages || events[1].Action != "client.forget" {
		t.Errorf("audit = %+v", events)
	}
	if events[1].Details["consents"] != 2 || events[1].Details["booking_notes"] != 2 {
		t.Errorf("forget event counts = %v", events[1].Details)
	}
}

// perMonth sums payments and counts bookings by month: what statistics see.
func perMonth(c store.Card) string {
	m := map[string][2]int64{}
	for _, b := range c.Bookings {
		k := b.Start.Format("2006-01")
		v := m[k]
		v[0]++
		m[k] = v
	}
	for _, p := range c.Payments {
		k := p.At.Format("2006-01")
		v := m[k]
		v[1] += p.Amount.Minor
		m[k] = v
	}
	var sb strings.Builder
	for _, k := range []string{time.Now().AddDate(0, -3, 0).Format("2006-01"), time.Now().AddDate(0, -2, 0).Format("2006-01")} {
		sb.WriteString(k)
		sb.WriteString(":")
		sb.WriteString(strings.TrimSpace(strings.Repeat("x", int(m[k][0]))))
		sb.WriteString(store.FormatAmount(m[k][1]) + " ")
	}
	return sb.String()
}

// The proof finds a trace left on purpose, so it cannot be a no-op.
func TestVerifyErasedFindsPlantedTrace(t *testing.T) {
	ctx := context.Background()
	s := newSalon(t)
	former, err := s.db.Client(ctx, s.client)
	must(t, err)
	// Another card's notes repeat the client's phone number: Forget cannot
	// know, and the proof must say so.
	_, err = s.db.CreateClient(ctx, store.ClientInput{FirstName: "Inna", LastName: "Osoba", Notes: "sister, phone +48602111222"})
	must(t, err)
	res, err := privacy.Forget(ctx, s.db, s.client, "request", nil)
	must(t, err)
	if res.Proof.Found == 0 {
		t.Errorf("the proof missed a phone number planted in another card's notes")
	}
	dir := t.TempDir()
	must(t, writeFile(dir+"/export.json", `{"email":"bozena.w@example.pl"}`))
	p, err := privacy.VerifyErased(ctx, s.db, privacy.TracesOf(former), []string{dir})
	must(t, err)
	if p.Files != 1 || p.Found < 2 {
		t.Errorf("proof over a folder with a planted export = %+v", p)
	}
}

// TestForgetDoneAfterwards: when the ledger file beside the backups cannot
// be written (a stick pulled out), the client is forgotten all the same and
// the error says so — ErrAfterwards, never a plain failure.
func TestForgetDoneAfterwards(t *testing.T) {
	s := newSalon(t)
	gone := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(gone, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := privacy.Forget(context.Background(), s.db, s.client, "request", nil, gone)
	if !errors.Is(err, privacy.ErrAfterwards) {
		t.Fatalf("err = %v, want ErrAfterwards", err)
	}
	if c, _ := s.db.Client(context.Background(), s.client); !c.Anonymized || res.Proof.Found != 0 {
		t.Errorf("anonymized %v, traces %d", c.Anonymized, res.Proof.Found)
	}
}
