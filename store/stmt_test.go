package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// isPrepared reports whether q is prepared on pool.
func isPrepared(pool *sql.DB, q string) bool {
	set, ok := stmtSets.Load(pool)
	if !ok {
		return false
	}
	_, ok = set.(*stmtSet).byText.Load(q)
	return ok
}

// With one reading connection, and the writer's one, preparing inside a
// transaction would wait for the connection the transaction holds: the
// cache prepares outside, so every hot path finishes, on its second call
// through prepared statements; Close closes them.
func TestPreparedStatementsOneConnection(t *testing.T) {
	// A wait for a connection ends with the context: a deadlock fails
	// the test instead of hanging it.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, _, err := Create(ctx, filepath.Join(t.TempDir(), "salon.kartoteka"), "test passphrase 42",
		Salon{Name: "Salon Test", Country: "PL"}, Options{KDF: CheapKDF, Readers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	staff, err := db.CreateStaff(ctx, Staff{Name: "Anna Stylistka", Role: "stylist"})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := db.CreateService(ctx, Service{Name: "Strzyżenie", Minutes: 60, Price: Money{Minor: 12000}})
	if err != nil {
		t.Fatal(err)
	}
	const (
		insertClient   = "INSERT INTO clients (first_name"
		clientBookings = `SELECT ` + bookingColumns + ` FROM bookings b WHERE b.client_id = ? ORDER BY b.start_at DESC`
		clientByID     = `SELECT ` + clientColumns + ` FROM clients c WHERE c.id = ?`
	)
	start := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	var id int64
	for i := range 2 {
		if id, err = db.CreateClient(ctx, ClientInput{FirstName: "Zofia", LastName: "Kowalska", Phone: "601 234 567"}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateBooking(ctx, BookingInput{ClientID: id, StaffID: staff, ServiceID: svc, Start: start.Add(time.Duration(i) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreatePayment(ctx, PaymentInput{ClientID: id, Amount: 12000}); err != nil {
			t.Fatal(err)
		}
		if i == 0 && isPrepared(db.rdb, clientBookings) {
			t.Error("the card's statements are prepared before any card was read")
		}
		card, err := db.ClientCard(ctx, id)
		if err != nil || card.Client.ID != id || len(card.Bookings) != 1 || len(card.Payments) != 1 {
			t.Fatalf("card %d: %+v, %v", i, card, err)
		}
		if i == 0 && isPrepared(db.rdb, clientBookings) {
			t.Error("a statement was prepared on the pool inside the card's transaction")
		}
		if c, err := db.Client(ctx, id); err != nil || c.ID != id {
			t.Fatalf("client %d: %+v, %v", i, c, err)
		}
		if found, err := db.SearchClients(ctx, "kowal", 10); err != nil || len(found) != i+1 {
			t.Fatalf("search %d: %d found, %v", i, len(found), err)
		}
		if found, err := db.SearchClients(ctx, "601 23", 10); err != nil || len(found) != i+1 {
			t.Fatalf("search a phone %d: %d found, %v", i, len(found), err)
		}
		if week, err := db.BookingsBetween(ctx, start, start.AddDate(0, 0, 7)); err != nil || len(week) != i+1 {
			t.Fatalf("week %d: %d bookings, %v", i, len(week), err)
		}
	}
	if !isPrepared(db.rdb, clientBookings) || !isPrepared(db.rdb, clientByID) {
		t.Error("the card's statements are not prepared on the readers after the first card")
	}
	var insert bool
	set, _ := stmtSets.Load(db.w)
	set.(*stmtSet).byText.Range(func(q, _ any) bool {
		insert = insert || strings.HasPrefix(q.(string), insertClient)
		return !insert
	})
	if !insert {
		t.Error("the client insert is not prepared on the writer after the first")
	}
	r, w := db.rdb, db.w
	db.Close()
	for _, pool := range []*sql.DB{r, w} {
		if _, ok := stmtSets.Load(pool); ok {
			t.Error("statements are left after Close")
		}
	}
}
