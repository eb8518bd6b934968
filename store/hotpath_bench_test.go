package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"kartoteka/demo"
	"kartoteka/store"
)

// benchNow is "today" of the benchmark salon.
var benchNow = time.Date(2026, 3, 10, 10, 30, 0, 0, time.UTC)

// loop runs op in a b.Loop and reports the CPU time of the process per
// operation beside the wall time: on a machine others use too it says more.
func loop(b *testing.B, op func(i int)) {
	cpu, ok := processCPU()
	i := 0
	for b.Loop() {
		op(i)
		i++
	}
	if end, _ := processCPU(); ok {
		b.ReportMetric(float64(end-cpu)/float64(b.N), "cpu-ns/op")
	}
}

// benchSalon makes a realistic small salon to measure the hot paths on: the
// demo generator's 1,000 clients (the S salon of the bench tool), five years
// of bookings, payments, invoices and consents; default options, as the app
// opens it. It returns the salon's live clients, by name.
func benchSalon(b *testing.B) (*store.DB, []store.Client) {
	b.Helper()
	ctx := context.Background()
	db, _, err := store.Create(ctx, filepath.Join(b.TempDir(), "bench.kartoteka"), "bench passphrase 42",
		store.Salon{Name: "Salon Benchmark", Country: "PL"}, store.Options{KDF: store.CheapKDF})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := demo.Generate(ctx, db, demo.Options{Clients: 1000, Seed: 1, Now: benchNow}); err != nil {
		b.Fatal(err)
	}
	n, err := db.LiveClientCount(ctx)
	if err != nil {
		b.Fatal(err)
	}
	clients, err := db.LiveClients(ctx, 0, n)
	if err != nil {
		b.Fatal(err)
	}
	return db, clients
}

func BenchmarkClientByID(b *testing.B) {
	ctx := context.Background()
	db, clients := benchSalon(b)
	loop(b, func(i int) {
		if _, err := db.Client(ctx, clients[i%len(clients)].ID); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkClientCard(b *testing.B) {
	ctx := context.Background()
	db, clients := benchSalon(b)
	loop(b, func(i int) {
		if _, err := db.ClientCard(ctx, clients[i%len(clients)].ID); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkSearch types the first three letters of a last name, and six
// digits of a phone number after the country code, as the search box gets
// them.
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	db, clients := benchSalon(b)
	var names, phones []string
	for _, c := range clients {
		names = append(names, string([]rune(c.LastName)[:min(3, len([]rune(c.LastName)))]))
		if len(c.Phone) >= 9 {
			phones = append(phones, c.Phone[3:9])
		}
	}
	for _, bc := range []struct {
		name    string
		queries []string
	}{{"name", names}, {"phone", phones}} {
		b.Run(bc.name, func(b *testing.B) {
			loop(b, func(i int) {
				found, err := db.SearchClients(ctx, bc.queries[i%len(bc.queries)], 50)
				if err != nil || len(found) == 0 {
					b.Fatal(bc.queries[i%len(bc.queries)], len(found), err)
				}
			})
		})
	}
}

// BenchmarkWeekCalendar reads the bookings of a week, one of the last year's
// in turn.
func BenchmarkWeekCalendar(b *testing.B) {
	ctx := context.Background()
	db, _ := benchSalon(b)
	monday := time.Date(benchNow.Year(), benchNow.Month(), benchNow.Day()-int(benchNow.Weekday()+6)%7, 0, 0, 0, 0, time.UTC)
	loop(b, func(i int) {
		from := monday.AddDate(0, 0, -7*(i%52))
		if _, err := db.BookingsBetween(ctx, from, from.AddDate(0, 0, 7)); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkCreateClient adds a card, each in its own committed transaction
// as the new-client form does. Each insert grows the salon and its WAL, so
// the time per insert depends on how many ran: compare runs with the same
// -benchtime=Nx.
func BenchmarkCreateClient(b *testing.B) {
	ctx := context.Background()
	db, _ := benchSalon(b)
	loop(b, func(i int) {
		in := store.ClientInput{FirstName: "Bench", LastName: fmt.Sprintf("Wstawiony %d", i), Phone: "601 000 000", Email: "bench@example.com"}
		if _, err := db.CreateClient(ctx, in); err != nil {
			b.Fatal(err)
		}
	})
}
