package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// mergeSalon is a salon with two cards of one person: keep, older, and
// from, with a booking past and one to come, a payment, an invoice, a
// consent history and a privacy request.
type mergeSalon struct {
	db                     *store.DB
	clock                  *time.Time
	keep, from             int64
	staff, service         int64
	past, upcoming, paidBy int64
	invoice, request       int64
}

func newMergeSalon(t *testing.T) mergeSalon {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.Local)
	m := mergeSalon{clock: &now}
	m.db, _ = storetest.Create(t, store.Options{Now: func() time.Time { return *m.clock }})
	must := func(id int64, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	m.staff = must(m.db.CreateStaff(ctx, store.Staff{Name: "Ola", Role: "stylist"}))
	m.service = must(m.db.CreateService(ctx, store.Service{Name: "Cut", Minutes: 60, Price: store.Money{Minor: 10000}}))
	m.keep = must(m.db.CreateClient(ctx, store.ClientInput{FirstName: "Zofia", LastName: "Kowalska", Phone: "601 234 567", Notes: "likes tea"}))
	m.from = must(m.db.CreateClient(ctx, store.ClientInput{FirstName: "Zofja", LastName: "Kowalska", Email: "zofja.k@example.com",
		BirthDate: "1985-03-15", Notes: "allergic to latex"}))
	// keep said no to email marketing in January; from said yes in March:
	// the newest decision, on either card, is the one in force.
	*m.clock = time.Date(2026, 1, 10, 10, 0, 0, 0, time.Local)
	if err := m.db.SetConsent(ctx, m.keep, store.ConsentMarketingEmail, false, "paper", ""); err != nil {
		t.Fatal(err)
	}
	*m.clock = time.Date(2026, 3, 10, 10, 0, 0, 0, time.Local)
	if err := m.db.SetConsent(ctx, m.from, store.ConsentMarketingEmail, true, "email", "v2"); err != nil {
		t.Fatal(err)
	}
	if err := m.db.SetConsent(ctx, m.from, store.ConsentMarketingSMS, true, "in_person", ""); err != nil {
		t.Fatal(err)
	}
	*m.clock = now
	m.past = must(m.db.CreateBooking(ctx, store.BookingInput{ClientID: m.from, StaffID: m.staff, ServiceID: m.service,
		Start: time.Date(2026, 5, 2, 10, 0, 0, 0, time.Local), Status: store.StatusCompleted, Notes: "short bob"}))
	m.upcoming = must(m.db.CreateBooking(ctx, store.BookingInput{ClientID: m.from, StaffID: m.staff, ServiceID: m.service,
		Start: time.Date(2026, 7, 2, 10, 0, 0, 0, time.Local), Status: store.StatusBooked}))
	m.paidBy = must(m.db.CreatePayment(ctx, store.PaymentInput{ClientID: m.from, BookingID: m.past, Amount: 10000, Method: "card",
		At: time.Date(2026, 5, 2, 11, 0, 0, 0, time.Local)}))
	m.invoice = must(m.db.CreateInvoice(ctx, store.InvoiceInput{ClientID: m.from, Amount: 10000, At: time.Date(2026, 5, 2, 11, 0, 0, 0, time.Local)}))
	m.request = must(m.db.CreateRequest(ctx, store.RequestInput{Kind: "access", Received: now.AddDate(0, 0, -3), ClientID: m.from,
		Due: now.AddDate(0, 1, -3)}))
	return m
}

func (m mergeSalon) allowAll(store.MergeFacts) error { return nil }

func TestMergeClientsMovesEverything(t *testing.T) {
	ctx := context.Background()
	m := newMergeSalon(t)
	db := m.db
	card := store.ClientInput{FirstName: "Zofia", LastName: "Kowalska", Phone: "+48601234567", Email: "zofja.k@example.com",
		BirthDate: "1985-03-15", Notes: "likes tea\n\nallergic to latex"}
	got, err := db.MergeClients(ctx, m.keep, m.from, store.MergeInput{Card: card}, m.allowAll)
	if err != nil {
		t.Fatal(err)
	}
	want := store.RecordCounts{Bookings: 2, Payments: 1, Invoices: 1, Consents: 2, Requests: 1}
	if got.Moved != want {
		t.Errorf("moved = %+v, want %+v", got.Moved, want)
	}
	kept, err := db.ClientCard(ctx, m.keep)
	if err != nil {
		t.Fatal(err)
	}
	c := kept.Client
	if c.FirstName != "Zofia" || c.Email != "zofja.k@example.com" || c.BirthDate != "1985-03-15" || c.Phone != "+48601234567" ||
		c.Notes != card.Notes {
		t.Errorf("kept card = %+v", c)
	}
	if len(kept.Bookings) != 2 || len(kept.Payments) != 1 || len(kept.Invoices) != 1 || len(kept.Consents) != 3 {
		t.Errorf("kept card has %d bookings, %d payments, %d invoices, %d consents; want 2, 1, 1, 3",
			len(kept.Bookings), len(kept.Payments), len(kept.Invoices), len(kept.Consents))
	}
	if !c.LastVisit.Equal(time.Date(2026, 5, 2, 10, 0, 0, 0, time.Local)) {
		t.Errorf("the kept card's last visit = %v, want the merged card's", c.LastVisit)
	}
	// The whole history stays; the newest decision of each kind wins.
	now := store.CurrentConsents(kept.Consents)
	if !now[store.ConsentMarketingEmail] || !now[store.ConsentMarketingSMS] {
		t.Errorf("consents in force = %v, want the merged card's newer yes to email and sms", now)
	}
	reqs, err := db.ClientRequests(ctx, m.keep)
	if err != nil || len(reqs) != 1 || reqs[0].ID != m.request {
		t.Errorf("requests of the kept card = %+v, %v", reqs, err)
	}
	// The merged card is forgotten: nothing left on it, nothing pointing
	// at it but the anonymous card itself.
	gone, err := db.Client(ctx, m.from)
	if err != nil || !gone.Anonymized || gone.FirstName != "" || gone.Email != "" || gone.Notes != "" || gone.BirthDate != "" {
		t.Errorf("merged card = %+v, %v", gone, err)
	}
	rc, err := db.RecordCounts(ctx, m.from)
	if err != nil || rc != (store.RecordCounts{}) {
		t.Errorf("records still on the merged card: %+v, %v", rc, err)
	}
	for _, q := range []string{"kowalska", "zofja"} { // the kept card took the email
		if hits, _ := db.SearchClients(ctx, q, 10); len(hits) != 1 || hits[0].ID != m.keep {
			t.Errorf("search %q finds %+v, want only the kept card", q, hits)
		}
	}
	ledger, _ := db.ErasureLedger(ctx)
	if len(ledger) != 1 || ledger[0].ClientID != m.from {
		t.Errorf("ledger = %+v, want the merged card", ledger)
	}
	events, _ := db.AuditLog(ctx, 3)
	if len(events) < 2 || events[0].Action != "client.merge" || events[0].SubjectID != m.keep || events[0].Details["from_client"] != int(m.from) ||
		events[0].Details["bookings"] != 2 || events[1].Action != "client.forget" || events[1].SubjectID != m.from {
		t.Errorf("audit = %+v", events)
	}
	// The upcoming booking moved, so forgetting the kept card is blocked by it.
	if f, _ := db.ForgetFacts(ctx, m.keep); len(f.UpcomingBookings) != 1 || f.UpcomingBookings[0] != m.upcoming {
		t.Errorf("the kept card's upcoming bookings = %v", f.UpcomingBookings)
	}
}

func TestMergeClientsRefusals(t *testing.T) {
	ctx := context.Background()
	m := newMergeSalon(t)
	db := m.db
	card := store.ClientInput{FirstName: "Zofia", LastName: "Kowalska"}
	unchanged := func(t *testing.T) {
		t.Helper()
		if rc, _ := db.RecordCounts(ctx, m.from); rc.Bookings != 2 || rc.Consents != 2 {
			t.Fatalf("a refused merge moved records: %+v", rc)
		}
		if c, _ := db.Client(ctx, m.from); c.Anonymized {
			t.Fatal("a refused merge forgot the card")
		}
	}
	if _, err := db.MergeClients(ctx, m.keep, m.keep, store.MergeInput{Card: card}, m.allowAll); !errors.Is(err, store.ErrMergeSelf) {
		t.Errorf("into itself: %v", err)
	}
	// Health notes stay only under a health consent in force.
	withHealth := card
	withHealth.HealthNotes = "patch test: reacts to PPD"
	if _, err := db.MergeClients(ctx, m.keep, m.from, store.MergeInput{Card: withHealth}, m.allowAll); !errors.Is(err, store.ErrNoHealthConsent) {
		t.Errorf("health notes without consent: %v", err)
	}
	unchanged(t)
	// The rules' check refuses, and everything rolls back.
	rule := errors.New("refused by the rules")
	if _, err := db.MergeClients(ctx, m.keep, m.from, store.MergeInput{Card: card}, func(store.MergeFacts) error { return rule }); err != rule {
		t.Errorf("check: %v", err)
	}
	unchanged(t)
	// A restricted card needs a ground of Art. 18(2), and passes its
	// restriction on.
	if err := db.SetRestriction(ctx, m.from, true, "contests the accuracy"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.MergeClients(ctx, m.keep, m.from, store.MergeInput{Card: card}, m.allowAll); !errors.Is(err, store.ErrRestricted) {
		t.Errorf("restricted without a ground: %v", err)
	}
	unchanged(t)
	got, err := db.MergeClients(ctx, m.keep, m.from, store.MergeInput{Card: card, Basis: store.BasisLegalClaim}, m.allowAll)
	if err != nil {
		t.Fatal(err)
	}
	kept, _ := db.Client(ctx, m.keep)
	hist, _ := db.RestrictionHistory(ctx, m.keep)
	if !got.Restricted || !kept.Restricted || kept.RestrictionReason != "contests the accuracy" || len(hist) != 1 {
		t.Errorf("restriction after the merge: %+v, card %v %q, history %+v", got, kept.Restricted, kept.RestrictionReason, hist)
	}
	if ev, _ := db.AuditLog(ctx, 2); ev[0].Action != "client.merge" || ev[0].Basis != store.BasisLegalClaim {
		t.Errorf("merge event = %+v, want the ground recorded", ev[0])
	}
	// A forgotten card is merged no more.
	if _, err := db.MergeClients(ctx, m.keep, m.from, store.MergeInput{Card: card, Basis: store.BasisLegalClaim}, m.allowAll); !errors.Is(err, store.ErrAnonymized) {
		t.Errorf("merging a forgotten card: %v", err)
	}
}

func TestMergeClientsPermissions(t *testing.T) {
	ctx := context.Background()
	m := newMergeSalon(t)
	db := m.db
	card := store.ClientInput{FirstName: "Zofia", LastName: "Kowalska"}
	for _, role := range []string{"reception", "stylist", "accountant"} {
		id, err := db.CreateStaff(ctx, store.Staff{Name: "Staff " + role, Role: role})
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.MergeClients(store.ActAs(ctx, id), m.keep, m.from, store.MergeInput{Card: card}, m.allowAll)
		if !errors.Is(err, store.ErrNotPermitted) {
			t.Errorf("%s merged: %v", role, err)
		}
	}
	manager, _ := db.CreateStaff(ctx, store.Staff{Name: "Manager", Role: "manager"})
	if _, err := db.MergeClients(store.ActAs(ctx, manager), m.keep, m.from, store.MergeInput{Card: card}, m.allowAll); err != nil {
		t.Errorf("a manager may merge: %v", err)
	}
	if ev, _ := db.AuditLog(ctx, 1); ev[0].Actor != store.StaffActor(manager) {
		t.Errorf("merge audited as %q", ev[0].Actor)
	}
}

// TestMergeByStaffWithoutHealthKeepsHealthNotes: someone who may merge but
// not see health notes gives none; the merged card's (an allergy) must not
// be lost with it, and the kept card's stay.
func TestMergeByStaffWithoutHealthKeepsHealthNotes(t *testing.T) {
	ctx := context.Background()
	m := newMergeSalon(t)
	db := m.db
	for id, notes := range map[int64]string{m.keep: "sensitive scalp", m.from: "allergic to PPD"} {
		if err := db.SetConsent(ctx, id, store.ConsentHealth, true, "in_person", ""); err != nil {
			t.Fatal(err)
		}
		c, _ := db.Client(ctx, id)
		in := store.ClientInput{FirstName: c.FirstName, LastName: c.LastName, Phone: c.Phone, Email: c.Email, BirthDate: c.BirthDate,
			Notes: c.Notes, HealthNotes: notes}
		if err := db.UpdateClient(ctx, id, in); err != nil {
			t.Fatal(err)
		}
	}
	desk, err := db.CreateStaff(ctx, store.Staff{Name: "Desk", Role: "reception"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetPermissions(ctx, desk, []store.Permission{store.PermClientsView, store.PermClientsEdit, store.PermForget}); err != nil {
		t.Fatal(err)
	}
	card := store.ClientInput{FirstName: "Zofia", LastName: "Kowalska"} // no health notes: they are hidden from the desk
	if _, err := db.MergeClients(store.ActAs(ctx, desk), m.keep, m.from, store.MergeInput{Card: card}, m.allowAll); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.Client(ctx, m.keep); c.HealthNotes != "sensitive scalp\n\nallergic to PPD" {
		t.Errorf("kept card's health notes = %q, want both cards'", c.HealthNotes)
	}
}
