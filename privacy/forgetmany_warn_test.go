package privacy_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"kartoteka/privacy"
	"kartoteka/store"
)

// TestBulkPreviewWarns: the bulk preview points out, client by client,
// what forgetting them one by one would: money still open, an invoice that
// keeps the name, a live card not chosen that may be the same person, an
// open privacy request; a client with none of these has no warning.
func TestBulkPreviewWarns(t *testing.T) {
	ctx := context.Background()
	clock := time.Now().AddDate(-2, 0, 0)
	db, _ := createSalon(t, func() time.Time { return clock })
	staff, _ := db.CreateStaff(ctx, store.Staff{Name: "Ola", Role: "stylist"})
	svc, _ := db.CreateService(ctx, store.Service{Name: "Cut", Minutes: 60, Price: store.Money{Minor: 9000}})
	add := func(first, last, phone string) int64 {
		t.Helper()
		id, err := db.CreateClient(ctx, store.ClientInput{FirstName: first, LastName: last, Phone: phone})
		must(t, err)
		return id
	}
	visit := func(id int64) {
		t.Helper()
		_, err := db.CreateBooking(ctx, store.BookingInput{ClientID: id, StaffID: staff, ServiceID: svc, Start: clock.Add(time.Duration(id) * time.Hour), Status: store.StatusCompleted})
		must(t, err)
	}
	owes := add("Agata", "Dłużna", "601 200 001")
	invoiced := add("Bożena", "Fakturowa", "601 200 002")
	twin := add("Celina", "Podwójna", "601 200 003")
	asks := add("Dorota", "Pytająca", "601 200 004")
	clean := add("Ewa", "Czysta", "601 200 005")
	for _, id := range []int64{owes, invoiced, twin, asks, clean} {
		visit(id)
	}
	for _, id := range []int64{invoiced, twin, asks, clean} {
		_, err := db.CreatePayment(ctx, store.PaymentInput{ClientID: id, Amount: 9000, Method: "cash", At: clock.Add(2 * time.Hour)})
		must(t, err)
	}
	_, err := db.CreateInvoice(ctx, store.InvoiceInput{ClientID: invoiced, Amount: 9000, At: clock.Add(3 * time.Hour)})
	must(t, err)
	clock = time.Now()
	add("Celina", "Podwójna", "601 200 003") // a card of hers from today
	_, err = db.CreateRequest(ctx, store.RequestInput{Kind: store.RequestAccess, Received: clock, Due: clock.AddDate(0, 1, 0), ClientID: asks})
	must(t, err)

	p, err := privacy.PreviewForgetMany(ctx, db, []int64{owes, invoiced, twin, asks, clean})
	must(t, err)
	got := map[int64][]string{}
	for _, w := range p.Warnings {
		got[w.Client] = w.Kinds
	}
	want := map[int64][]string{
		owes:     {privacy.WarnOpenBalance},
		invoiced: {privacy.WarnInvoicesKept},
		twin:     {privacy.WarnPossibleDuplicate},
		asks:     {privacy.WarnOpenRequest},
	}
	for id, w := range want {
		if !slices.Equal(got[id], w) {
			t.Errorf("client %d warned of %v, want %v", id, got[id], w)
		}
	}
	if len(got[clean]) != 0 || len(p.Warnings) != len(want) {
		t.Errorf("warnings = %+v", p.Warnings)
	}
}
