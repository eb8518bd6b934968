package demo_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kartoteka/demo"
	"kartoteka/store"
)

// now is "today" for every test: a Tuesday morning.
var now = time.Date(2026, 3, 10, 10, 30, 0, 0, time.UTC)

func newDB(t testing.TB, country string) *store.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.kartoteka")
	db, _, err := store.Create(context.Background(), path, "demo passphrase 123",
		store.Salon{Name: "Salon Demo", Country: country}, store.Options{KDF: store.CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func generate(t testing.TB, country string, o demo.Options) (*store.DB, demo.Summary) {
	t.Helper()
	db := newDB(t, country)
	sum, err := demo.Generate(context.Background(), db, o)
	if err != nil {
		t.Fatal(err)
	}
	return db, sum
}

// allBookings reads the whole appointment book through the calendar query.
func allBookings(t testing.TB, db *store.DB, years int) []store.Booking {
	t.Helper()
	bs, err := db.BookingsBetween(context.Background(), now.AddDate(-years-1, 0, 0), now.AddDate(0, 3, 0))
	if err != nil {
		t.Fatal(err)
	}
	return bs
}

func TestSmallSalon(t *testing.T) {
	ctx := context.Background()
	calls := 0
	db, sum := generate(t, "PL", demo.Options{Clients: 200, Seed: 7, Now: now, Progress: func(done, total int) {
		if done > total {
			t.Errorf("progress %d of %d", done, total)
		}
		calls++
	}})
	t.Logf("%+v", sum)
	if calls < 2 {
		t.Errorf("progress called %d times", calls)
	}

	staff, err := db.StaffMembers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]int{}
	for _, s := range staff {
		roles[s.Role]++
	}
	if len(staff) < 3 || len(staff) > 6 || sum.Staff != len(staff) || roles["owner"] != 1 || roles["reception"] != 1 {
		t.Errorf("staff %v, roles %v", staff, roles)
	}

	services, err := db.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, s := range services {
		names[s.Name] = true
		if s.Minutes%15 != 0 || s.Price.Minor <= 0 || s.Price.Minor%100 != 0 || s.Price.Currency != "PLN" || s.Category == "" {
			t.Errorf("service %+v", s)
		}
	}
	for _, n := range []string{"Strzyżenie damskie", "Koloryzacja", "Balayage", "Manicure hybrydowy", "Pedicure"} {
		if !names[n] {
			t.Errorf("no service %q", n)
		}
	}

	clients, err := db.Clients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(clients) != 200 || sum.Clients != 200 {
		t.Fatalf("%d clients, summary %d", len(clients), sum.Clients)
	}
	letters := map[string]bool{}
	phones, emails := map[string]int{}, map[string]int{}
	var restricted, health, never, inactive, noPhone, noEmail, polish int
	var completed, unpaid, withdrawn, invoices int
	for _, c := range clients {
		name := c.FirstName + " " + c.LastName
		for lang, set := range map[string]string{"pl": "ąćęłńśźżŁŚŻ", "de": "äöüßÄÖÜ", "da": "æøåÆØÅ"} {
			if strings.ContainsAny(name, set) {
				letters[lang] = true
			}
			// A first name with a country's letters is of that country.
			if strings.ContainsAny(c.FirstName, set) && c.Language != lang && c.Language != "en" {
				t.Errorf("%s speaks %q", name, c.Language)
			}
		}
		if !strings.Contains("pl de da en", c.Language) || c.Language == "" {
			t.Errorf("%s: language %q", name, c.Language)
		}
		if c.Phone == "" {
			noPhone++
		} else if p, err := store.NormalizePhone(c.Phone, "PL"); err != nil || p != c.Phone {
			t.Errorf("%s: phone %q: %v", name, c.Phone, err)
		} else if strings.HasPrefix(c.Phone, "+48") {
			polish++
		}
		phones[c.Phone]++
		if c.Email == "" {
			noEmail++
		} else if e, err := store.NormalizeEmail(c.Email); err != nil || e != c.Email || !strings.Contains(c.Email, "@example.") {
			t.Errorf("%s: email %q: %v", name, c.Email, err)
		}
		emails[c.Email]++
		if c.Restricted {
			restricted++
			if c.RestrictionReason == "" {
				t.Errorf("%s restricted without a reason", name)
			}
		}
		if c.LastVisit.IsZero() {
			never++
		} else if c.LastVisit.Before(now.AddDate(-3, 0, 0)) {
			inactive++
		}
		card, err := db.ClientCard(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.HealthNotes != "" {
			health++
			if !store.CurrentConsents(card.Consents)[store.ConsentHealth] {
				t.Errorf("%s: health notes without health consent", name)
			}
		}
		for _, k := range card.Consents {
			if !k.Given {
				withdrawn++
			}
			if k.At.Before(c.CreatedAt) || k.At.After(now) {
				t.Errorf("%s: consent at %v, card made %v", name, k.At, c.CreatedAt)
			}
		}
		invoices += len(card.Invoices)
		paid := map[int64]store.Payment{}
		for _, p := range card.Payments {
			paid[p.BookingID] = p
		}
		for _, b := range card.Bookings {
			if b.Start.Before(c.CreatedAt) {
				t.Errorf("%s: booking %d before the card was made", name, b.ID)
			}
			p, ok := paid[b.ID]
			switch {
			case b.Status == store.StatusCompleted && !ok:
				unpaid++
			case b.Status == store.StatusCompleted:
				completed++
				if p.Amount != b.Price || !p.At.Equal(b.End) {
					t.Errorf("booking %+v paid %+v", b, p)
				}
			case ok:
				t.Errorf("booking %d %s paid", b.ID, b.Status)
			}
		}
	}
	if completed == 0 || unpaid > completed/20 || withdrawn == 0 || invoices != sum.Invoices {
		t.Errorf("%d paid visits, %d unpaid, %d consents withdrawn, %d invoices", completed, unpaid, withdrawn, invoices)
	}
	if polish < (200-noPhone)*8/10 {
		t.Errorf("only %d of %d phones Polish", polish, 200-noPhone)
	}
	if len(letters) != 3 {
		t.Errorf("names use only %v", letters)
	}
	shared := 0
	for k, n := range phones {
		if k != "" && n > 1 {
			shared += n - 1
		}
	}
	for k, n := range emails {
		if k != "" && n > 1 {
			shared += n - 1
		}
	}
	if shared == 0 || shared != sum.Duplicates {
		t.Errorf("%d shared phones or emails, %d duplicates", shared, sum.Duplicates)
	}
	if restricted == 0 || restricted != sum.Restricted || health == 0 || never == 0 || inactive == 0 || noPhone == 0 || noEmail == 0 {
		t.Errorf("restricted %d, with health notes %d, never seen %d, inactive %d, no phone %d, no email %d",
			restricted, health, never, inactive, noPhone, noEmail)
	}
	if sum.Payments == 0 || sum.Invoices == 0 || sum.Consents == 0 {
		t.Errorf("summary %+v", sum)
	}

	bookings := allBookings(t, db, 5)
	if len(bookings) != sum.Bookings || sum.Bookings < 200*7 || sum.Bookings > 200*13 {
		t.Errorf("%d bookings, summary %d", len(bookings), sum.Bookings)
	}
	checkBookings(t, bookings)
}

// checkBookings checks the book: every status, no two active bookings of
// one stylist at once, opening hours, past and future told apart.
func checkBookings(t *testing.T, bookings []store.Booking) {
	t.Helper()
	statuses := map[string]int{}
	lastEnd := map[int64]time.Time{}
	for _, b := range bookings {
		statuses[b.Status]++
		start, end := b.Start.In(time.UTC), b.End.In(time.UTC)
		if start.Weekday() == time.Sunday || start.Hour() < 8 || end.After(time.Date(end.Year(), end.Month(), end.Day(), 20, 0, 0, 0, time.UTC)) ||
			start.Minute()%15 != 0 || end.Sub(start)%(15*time.Minute) != 0 {
			t.Errorf("booking %d at %v–%v", b.ID, start, end)
		}
		switch b.Status {
		case store.StatusBooked:
			if !end.After(now) || start.After(now.AddDate(0, 0, 29)) {
				t.Errorf("booking %d booked at %v", b.ID, start)
			}
		case store.StatusCompleted, store.StatusNoShow:
			if end.After(now) {
				t.Errorf("booking %d %s in the future", b.ID, b.Status)
			}
		}
		if b.Status != store.StatusBooked && b.Status != store.StatusCompleted {
			continue
		}
		if start.Before(lastEnd[b.StaffID]) {
			t.Errorf("booking %d overlaps another of staff %d", b.ID, b.StaffID)
		}
		lastEnd[b.StaffID] = end
	}
	for _, s := range store.Statuses {
		if statuses[s] == 0 {
			t.Errorf("no booking %s: %v", s, statuses)
		}
	}
}

func ExampleGenerate() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "kartoteka-demo")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, _, err := store.Create(ctx, filepath.Join(dir, "demo.kartoteka"), "demo passphrase 123",
		store.Salon{Name: "Frisør Demo", Country: "DK"}, store.Options{KDF: store.CheapKDF})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	sum, err := demo.Generate(ctx, db, demo.Options{Clients: 300, Seed: 1, Now: time.Date(2026, 3, 10, 10, 30, 0, 0, time.UTC)})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(sum.Clients, "client cards,", sum.Duplicates, "of them duplicates")
	// Output: 300 client cards, 6 of them duplicates
}

func TestSameSeedSameData(t *testing.T) {
	dump := func(seed int64) string {
		db, sum := generate(t, "DK", demo.Options{Clients: 80, Seed: seed, Now: now, Years: 4})
		var b strings.Builder
		fmt.Fprintf(&b, "%+v\n", sum)
		clients, err := db.Clients(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range clients {
			c.CreatedAt = c.CreatedAt.UTC()
			fmt.Fprintf(&b, "%+v\n", c)
		}
		for _, bk := range allBookings(t, db, 4) {
			fmt.Fprintf(&b, "%d %d %d %d %d %s %v %q\n", bk.ClientID, bk.StaffID, bk.ServiceID, bk.Start.Unix(), bk.End.Unix(), bk.Status, bk.Price, bk.Notes)
		}
		return b.String()
	}
	a, b, c := dump(42), dump(42), dump(43)
	if a != b {
		t.Error("same seed, different data")
	}
	if a == c {
		t.Error("different seeds, same data")
	}
}

// TestCountries checks that a German and a Danish salon get their own
// language, currency, phones and opening days.
func TestCountries(t *testing.T) {
	for _, tc := range []struct{ country, service, currency string }{
		{"DE", "Damenhaarschnitt", "EUR"},
		{"DK", "Dameklip", "DKK"},
		{"AT", "Herrenhaarschnitt", "EUR"},
	} {
		t.Run(tc.country, func(t *testing.T) {
			ctx := context.Background()
			db, _ := generate(t, tc.country, demo.Options{Clients: 100, Seed: 1, Now: now, Years: 2})
			services, err := db.Services(ctx)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, s := range services {
				found = found || s.Name == tc.service
				if s.Price.Currency != tc.currency {
					t.Errorf("service %+v", s)
				}
			}
			if !found {
				t.Errorf("no %q", tc.service)
			}
			clients, err := db.Clients(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range clients {
				if p, err := store.NormalizePhone(c.Phone, tc.country); err != nil || p != c.Phone {
					t.Errorf("phone %q: %v", c.Phone, err)
				}
			}
			bookings := allBookings(t, db, 2)
			checkBookings(t, bookings)
			if tc.country == "DE" {
				for _, b := range bookings {
					if b.Start.In(time.UTC).Weekday() == time.Monday {
						t.Fatalf("booking %d on a Monday", b.ID)
					}
				}
			}
		})
	}
}

// BenchmarkGenerate20k makes a salon of 20,000 clients and about 200,000
// bookings.
func BenchmarkGenerate20k(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		db := newDB(b, "PL")
		b.StartTimer()
		sum, err := demo.Generate(context.Background(), db, demo.Options{Clients: 20000, Seed: 1, Now: now})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(sum.Bookings), "bookings/op")
		b.ReportMetric(float64(sum.Staff), "staff/op")
	}
}
