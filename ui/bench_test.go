package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kartoteka/demo"
	"kartoteka/store"
)

// The benchmarks here measure the desktop app's paths at the M size (20,000
// clients, five years of bookings) against the real encrypted store. make
// bench runs them on its own M salon, named by KARTOTEKA_BENCH_SALON and
// opened with KARTOTEKA_BENCH_PASSPHRASE, as of KARTOTEKA_BENCH_NOW; without
// those they generate one as of today, which takes half a minute. Each
// reports its median and 99th percentile in milliseconds (median-ms,
// p99-ms); ns/op is the mean.

// benchSalon is a copy of an M salon in a temporary folder, with its
// passphrase; its key derivation is store.CheapKDF.
func benchSalon(b *testing.B) (path, passphrase string) {
	b.Helper()
	ctx := context.Background()
	path = filepath.Join(b.TempDir(), "m.kartoteka")
	if src := os.Getenv("KARTOTEKA_BENCH_SALON"); src != "" {
		data, err := os.ReadFile(src)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			b.Fatal(err)
		}
		return path, os.Getenv("KARTOTEKA_BENCH_PASSPHRASE")
	}
	db, _, err := store.Create(ctx, path, testPassphrase, store.Salon{Name: "Bench", Country: "PL"}, store.Options{KDF: store.CheapKDF})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := demo.Generate(ctx, db, demo.Options{Clients: 20000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return path, testPassphrase
}

// benchClock is the app's clock for a benchmark: the day the salon was
// generated as of (KARTOTEKA_BENCH_NOW, RFC 3339), so that the calendar opens
// on a week as busy as a real one; else the real time.
func benchClock() func() time.Time {
	at, err := time.Parse(time.RFC3339, os.Getenv("KARTOTEKA_BENCH_NOW"))
	if err != nil {
		return time.Now
	}
	start := time.Now()
	return func() time.Time { return at.Add(time.Since(start)) }
}

// reportSpread reports the median and the 99th percentile of samples.
func reportSpread(b *testing.B, samples []time.Duration) {
	b.Helper()
	if len(samples) == 0 {
		return
	}
	slices.Sort(samples)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(median(samples), "median-ms")
	b.ReportMetric(ms(samples[min(len(samples)-1, len(samples)*99/100)]), "p99-ms")
}

// BenchmarkUnlockToPaint measures what follows the key derivation when the
// owner unlocks: opening the database, reading the salon, building the main
// window, filling its first section (the client list, or the calendar's
// week) and the status line, and painting the window once (with Fyne's
// software painter, slower than the GPU's). The derivation itself uses
// store.CheapKDF here, which takes well under a millisecond.
func BenchmarkUnlockToPaint(b *testing.B) {
	path, pass := benchSalon(b)
	for _, c := range []struct {
		name    string
		section string
		ready   func(*shellScreen) bool
	}{
		{"clients", sectionClients, func(s *shellScreen) bool { return s.clients != nil && len(s.clients.rows) > 0 }},
		{"calendar-week", sectionCalendar, func(s *shellScreen) bool { return s.calendar != nil && s.calendar.loaded }},
	} {
		b.Run(c.name, func(b *testing.B) {
			var samples, ready, paint []time.Duration
			for b.Loop() {
				b.StopTimer()
				h := newHarnessAt(b, path, path+".demo")
				h.u.cfg.Clock = benchClock()
				h.u.fyne.Preferences().SetString(prefSection, c.section)
				h.u.fyne.Preferences().SetBool(prefCalendarWeek, true)
				h.u.win.Resize(fyne.NewSize(1100, 720))
				h.u.Start()
				s := screenOf[*unlockScreen](h, "the unlock screen")
				test.Type(s.pass, pass)
				b.StartTimer()
				start := time.Now()
				test.Tap(s.unlock)
				sh := screenOf[*shellScreen](h, "the main window")
				h.waitFor("the first section filled", func() bool { return c.ready(sh) && !sh.status.Busy() })
				filled := time.Now()
				h.u.win.Canvas().Capture()
				samples = append(samples, time.Since(start))
				ready, paint = append(ready, filled.Sub(start)), append(paint, time.Since(filled))
				b.StopTimer()
				h.stop()
				b.StartTimer()
			}
			reportSpread(b, samples)
			b.ReportMetric(median(ready), "filled-ms")
			b.ReportMetric(median(paint), "paint-ms")
		})
	}
}

// median is the middle of samples, in milliseconds.
func median(samples []time.Duration) float64 {
	slices.Sort(samples)
	return float64(samples[len(samples)/2]) / float64(time.Millisecond)
}

// BenchmarkSearchKeystroke measures what one keystroke in the client search
// costs: the search and the formatting off the UI goroutine, then filling
// the list on it; the debounce delay is not counted.
func BenchmarkSearchKeystroke(b *testing.B) {
	ctx := context.Background()
	path, pass := benchSalon(b)
	db, err := store.Open(ctx, path, pass, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	test.NewTempApp(b)
	u := &App{db: db, lang: "pl", salon: store.Salon{Country: "PL"}}
	s := newClientsView(u, nil)
	test.NewTempWindow(b, s.content()).Resize(fyne.NewSize(900, 700))
	// The owner types into the Clients screen as unlock leaves it: the full
	// list showing its first page.
	all, err := firstPage(ctx, db, "pl")
	if err != nil {
		b.Fatal(err)
	}
	s.show(all, "", "")
	queries := []string{"k", "ko", "kow", "kowa", "kowal", "n", "no", "now", "a", "an", "ann", "anna"}
	var samples []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		q := queries[i%len(queries)]
		found, err := db.SearchClients(ctx, q, searchLimit)
		if err != nil {
			b.Fatal(err)
		}
		s.show(clientRows(found, "pl"), q, "")
		samples = append(samples, time.Since(start))
		i++
	}
	reportSpread(b, samples)
}
