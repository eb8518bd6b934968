//go:build benchplain

package main

import (
	"context"
	"fmt"
	"golang.org/x/crypto/argon2"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"kartoteka/privacy"
	"kartoteka/store"
)

// result is one figure for one salon, as bench/results.json has it.
type result struct {
	Name      string  `json:"name"`
	Size      string  `json:"size"`
	Unit      string  `json:"unit"`
	Encrypted float64 `json:"encrypted"`
	Plain     float64 `json:"plain"`
}

// pair times the same operation on the encrypted and the plain database,
// alternating so that noise on this shared machine hits both alike.
type pair struct{ enc, plain []time.Duration }

func (p *pair) run(n int, op func(db *store.DB, i int) error, enc, plain *store.DB) error {
	for i := 0; i < n; i++ {
		for _, side := range []struct {
			db  *store.DB
			out *[]time.Duration
		}{{enc, &p.enc}, {plain, &p.plain}} {
			start := time.Now()
			if err := op(side.db, i); err != nil {
				return err
			}
			*side.out = append(*side.out, time.Since(start))
		}
	}
	return nil
}

func quantile(d []time.Duration, q float64) float64 {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := min(int(q*float64(len(s))), len(s)-1)
	return float64(s[i]) / float64(time.Millisecond)
}

func (p *pair) result(name string, sz size, q float64) result {
	return result{Name: name, Size: sz.Name, Unit: "ms", Encrypted: quantile(p.enc, q), Plain: quantile(p.plain, q)}
}

// measure runs every figure on one salon.
func measure(ctx context.Context, ds *dataset) ([]result, []string, error) {
	sz := ds.size
	fmt.Fprintf(os.Stderr, "bench: measuring %s\n", sz.Name)
	cache := int(fileSize(ds.plain)>>20)*5/4 + 16
	opts := store.Options{CacheMiB: cache, Readers: 1}
	var out []result

	// Open without the KDF: the bench salons use store.CheapKDF, whose
	// cost is timed on its own and taken off the encrypted opens.
	kdf := cheapKDFTime()
	var open pair
	for i := 0; i < 21; i++ {
		for _, enc := range []bool{true, false} {
			start := time.Now()
			var d *store.DB
			var err error
			if enc {
				d, err = store.Open(ctx, ds.enc, benchPass, opts)
			} else {
				d, err = store.OpenPlain(ctx, ds.plain, opts)
			}
			if err != nil {
				return nil, nil, err
			}
			if _, err := d.Salon(ctx); err != nil {
				return nil, nil, err
			}
			took := time.Since(start)
			d.Close()
			if enc {
				open.enc = append(open.enc, max(took-kdf, 0))
			} else {
				open.plain = append(open.plain, took)
			}
		}
	}
	out = append(out, open.result("open", sz, 0.5))

	enc, err := store.Open(ctx, ds.enc, benchPass, opts)
	if err != nil {
		return nil, nil, err
	}
	defer enc.Close()
	plain, err := store.OpenPlain(ctx, ds.plain, opts)
	if err != nil {
		return nil, nil, err
	}
	defer plain.Close()

	// Warm both page caches with one full pass, as a day's use would.
	for _, db := range []*store.DB{enc, plain} {
		if _, err := db.IntegrityCheck(ctx); err != nil {
			return nil, nil, err
		}
	}
	var integrity pair
	if err := integrity.run(5, func(db *store.DB, _ int) error {
		r, err := db.IntegrityCheck(ctx)
		if err == nil && r != "ok" {
			err = fmt.Errorf("integrity: %s", r)
		}
		return err
	}, enc, plain); err != nil {
		return nil, nil, err
	}
	out = append(out, integrity.result("integrity_check", sz, 0.5))

	clients, err := enc.Clients(ctx)
	if err != nil {
		return nil, nil, err
	}
	rng := rand.New(rand.NewPCG(7, uint64(sz.Clients)))
	queries := searchQueries(rng, clients, 1000)
	var search pair
	if err := search.run(len(queries), func(db *store.DB, i int) error {
		_, err := db.SearchClients(ctx, queries[i], 50)
		return err
	}, enc, plain); err != nil {
		return nil, nil, err
	}
	out = append(out, search.result("search_p50", sz, 0.5), search.result("search_p99", sz, 0.99))

	var card pair
	ids := make([]int64, 500)
	for i := range ids {
		ids[i] = clients[rng.IntN(len(clients))].ID
	}
	if err := card.run(len(ids), func(db *store.DB, i int) error {
		_, err := db.ClientCard(ctx, ids[i])
		return err
	}, enc, plain); err != nil {
		return nil, nil, err
	}
	out = append(out, card.result("card_load", sz, 0.5))

	var week pair
	weeks := make([]time.Time, 50)
	for i := range weeks {
		d := benchNow.AddDate(0, 0, -rng.IntN(5*365))
		weeks[i] = time.Date(d.Year(), d.Month(), d.Day()-int(d.Weekday()+6)%7, 0, 0, 0, 0, time.Local)
	}
	if err := week.run(len(weeks), func(db *store.DB, i int) error {
		_, err := db.BookingsBetween(ctx, weeks[i], weeks[i].AddDate(0, 0, 7))
		return err
	}, enc, plain); err != nil {
		return nil, nil, err
	}
	out = append(out, week.result("week_calendar", sz, 0.5))

	var insClient, insBooking pair
	if err := insClient.run(100, func(db *store.DB, i int) error {
		_, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Bench", LastName: fmt.Sprintf("Wstawiony %d", i), Phone: "601 000 000", Email: "bench@example.com"})
		return err
	}, enc, plain); err != nil {
		return nil, nil, err
	}
	staff, _ := enc.StaffMembers(ctx)
	svcs, _ := enc.Services(ctx)
	slot := time.Date(2090, 1, 1, 8, 0, 0, 0, time.UTC)
	if err := insBooking.run(100, func(db *store.DB, i int) error {
		start := slot.Add(time.Duration(i) * 12 * time.Hour)
		// the demo's restricted clients are booked as an owner would: on a
		// ground of Art. 18(2) (ignored for the others)
		_, err := db.CreateBooking(ctx, store.BookingInput{ClientID: clients[i].ID, StaffID: staff[0].ID, ServiceID: svcs[0].ID, Start: start,
			Basis: store.BasisConsent})
		return err
	}, enc, plain); err != nil {
		return nil, nil, err
	}
	out = append(out, insClient.result("insert_client", sz, 0.5), insBooking.result("insert_booking", sz, 0.5))

	var pdf, js pair
	if err := exportFigures(ctx, enc, plain, staff[len(staff)-1].ID, svcs[0].ID, &pdf, &js); err != nil {
		return nil, nil, err
	}
	out = append(out, pdf.result("export_pdf_500_bookings", sz, 0.5), js.result("export_json_500_bookings", sz, 0.5))

	var plan pair
	if err := plan.run(3, func(db *store.DB, _ int) error {
		_, err := privacy.PlanRetention(ctx, db, store.RetentionPolicy{Policy: store.PolicyBookingEnd, Days: 365, Months: 24}, benchNow)
		return err
	}, enc, plain); err != nil {
		return nil, nil, err
	}
	out = append(out, plan.result("retention_plan", sz, 0.5))
	var backupNote string
	if sz.Name == "M" {
		var err error
		if backupNote, err = backupFigures(ctx, enc); err != nil {
			return nil, nil, err
		}
		apply, err := retentionApply(ctx, enc, plain)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, apply)
	}

	var forget, proof pair
	if err := forgetFigures(ctx, enc, plain, staff[len(staff)-1].ID, svcs[0].ID, &forget, &proof); err != nil {
		return nil, nil, err
	}
	out = append(out, forget.result("forget_200_bookings", sz, 0.5), proof.result("erasure_proof", sz, 0.5))

	enc.Checkpoint(ctx)
	plain.Checkpoint(ctx)
	out = append(out, result{Name: "file_size", Size: sz.Name, Unit: "bytes", Encrypted: float64(fileSize(ds.enc)), Plain: float64(fileSize(ds.plain))})

	notes := []string{fmt.Sprintf("%s: %d clients, %d bookings, %d payments, %d invoices, %d consents; page cache %d MiB per connection",
		sz.Name, ds.counts.Clients, ds.counts.Bookings, ds.counts.Payments, ds.counts.Invoices, ds.counts.Consents, cache)}
	if ds.generated > 0 {
		notes = append(notes, fmt.Sprintf("%s: the demo generator made this salon in %.1f s", sz.Name, ds.generated.Seconds()))
	}
	if backupNote != "" {
		notes = append(notes, backupNote)
	}
	if sz.Name == "L" {
		if rss, err := cliSearchRSS(ds.enc, queries[0]); err == nil {
			notes = append(notes, fmt.Sprintf("L: `kartoteka-cli client list --search %q` peak memory %.0f MB (target < 300 MB)", queries[0], rss))
		} else {
			notes = append(notes, "L: CLI memory not measured: "+err.Error())
		}
	}
	return out, notes, nil
}

// searchQueries are what people type: the start of a last name (with or
// without its diacritics), a first and last name, part of a phone number or
// of an email.
func searchQueries(rng *rand.Rand, clients []store.Client, n int) []string {
	var live []store.Client
	for _, c := range clients {
		if !c.Anonymized {
			live = append(live, c)
		}
	}
	prefix := func(s string, n int) string {
		r := []rune(s)
		return string(r[:min(n, len(r))])
	}
	qs := make([]string, 0, n)
	for len(qs) < n {
		c := live[rng.IntN(len(live))]
		switch k := rng.IntN(10); {
		case k < 5:
			qs = append(qs, prefix(c.LastName, 2+rng.IntN(5)))
		case k < 6:
			qs = append(qs, store.Fold(prefix(c.LastName, 3+rng.IntN(4))))
		case k < 8:
			qs = append(qs, c.FirstName+" "+prefix(c.LastName, 3))
		case k < 9 && c.Phone != "":
			qs = append(qs, c.Phone[3:3+min(6, len(c.Phone)-3)])
		case c.Email != "":
			at := strings.IndexByte(c.Email, '@')
			qs = append(qs, c.Email[:max(2, at)])
		}
	}
	return qs
}

// cheapKDFTime is the median time of one store.CheapKDF derivation.
func cheapKDFTime() time.Duration {
	var d []time.Duration
	for i := 0; i < 21; i++ {
		start := time.Now()
		argon2.IDKey([]byte(benchPass), make([]byte, 16), store.CheapKDF.Time, store.CheapKDF.MemoryKiB, store.CheapKDF.Threads, 32)
		d = append(d, time.Since(start))
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2]
}

// backupFigures times a sealed backup of the salon and its restore (unseal,
// check, forget again, swap) into a copy, medians of three; a sealed backup
// has no plain-SQLite counterpart, so these are absolute figures.
func backupFigures(ctx context.Context, db *store.DB) (string, error) {
	dir, err := os.MkdirTemp("", "kartoteka-bench-backup")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	ledger, err := db.ErasureLedger(ctx)
	if err != nil {
		return "", err
	}
	var backups, restores []time.Duration
	for i := 0; i < 3; i++ {
		file := filepath.Join(dir, fmt.Sprintf("b%d.ktkbak", i))
		start := time.Now()
		if _, err := privacy.WriteBackup(ctx, db, file); err != nil {
			return "", err
		}
		backups = append(backups, time.Since(start))
		start = time.Now()
		if _, err := privacy.Restore(ctx, file, filepath.Join(dir, "restored.kartoteka"), store.Unlock{Passphrase: benchPass}, ledger); err != nil {
			return "", err
		}
		restores = append(restores, time.Since(start))
	}
	med := func(d []time.Duration) float64 {
		sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
		return d[len(d)/2].Seconds()
	}
	b, r := med(backups), med(restores)
	verdict := func(v, limit float64) string {
		if v <= limit {
			return "✓"
		}
		return "✗"
	}
	return fmt.Sprintf("M: a sealed backup takes %.2f s (target ≤ 3 s %s), its restore (unseal, integrity check, forget again, swap) %.2f s (target ≤ 5 s %s)",
		b, verdict(b, 3), r, verdict(r, 5)), nil
}

// retentionApply times applying retention to 10,000 clients, once on each
// database: the first 10,000 that a one-month last-visit policy would forget.
func retentionApply(ctx context.Context, enc, plain *store.DB) (result, error) {
	r := result{Name: "retention_apply_10k_clients", Size: "M", Unit: "ms"}
	for _, db := range []*store.DB{enc, plain} {
		plan, err := privacy.PlanRetention(ctx, db, store.RetentionPolicy{Policy: store.PolicyLastVisit, Days: 30, Months: 1}, benchNow)
		if err != nil {
			return r, err
		}
		if len(plan.ForgetClients) < 10000 {
			return r, fmt.Errorf("only %d clients due for the retention benchmark", len(plan.ForgetClients))
		}
		plan.ForgetClients = plan.ForgetClients[:10000]
		plan.PurgeInvoices = nil
		start := time.Now()
		if _, err := privacy.ApplyRetention(ctx, db, plan, nil); err != nil {
			return r, err
		}
		ms := float64(time.Since(start)) / float64(time.Millisecond)
		if db == enc {
			r.Encrypted = ms
		} else {
			r.Plain = ms
		}
	}
	return r, nil
}

// exportFigures times the personal-data exports of a client with 500
// bookings and a payment for each: reading the subject and writing the PDF,
// and the same for the JSON, eleven times on each database.
func exportFigures(ctx context.Context, enc, plain *store.DB, staff, svc int64, pdf, js *pair) error {
	ids := map[*store.DB]int64{}
	for _, db := range []*store.DB{enc, plain} {
		err := db.Batch(ctx, "bench.client", func(b *store.Batch) error {
			id, err := b.CreateClient(store.ClientInput{FirstName: "Łucja", LastName: "Stała-Bywalczyni", Phone: "601 999 777", Email: "lucja@example.com", Language: "pl"})
			if err != nil {
				return err
			}
			ids[db] = id
			from := time.Date(2095, 1, 1, 8, 0, 0, 0, time.UTC)
			for k := 0; k < 500; k++ {
				bid, err := b.CreateBooking(store.BookingInput{ClientID: id, StaffID: staff, ServiceID: svc, Start: from.Add(time.Duration(k) * 4 * time.Hour), Status: store.StatusCompleted})
				if err != nil {
					return err
				}
				if _, err := b.CreatePayment(store.PaymentInput{ClientID: id, BookingID: bid, Amount: 12000, Method: "card"}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	export := func(p *pair, write func(*privacy.Subject) error) error {
		return p.run(11, func(db *store.DB, _ int) error {
			s, err := privacy.LoadSubject(ctx, db, ids[db], time.Now())
			if err != nil {
				return err
			}
			return write(s)
		}, enc, plain)
	}
	if err := export(pdf, func(s *privacy.Subject) error { return s.WritePDF(io.Discard, "pl") }); err != nil {
		return err
	}
	return export(js, func(s *privacy.Subject) error { return s.WriteJSON(io.Discard, "pl") })
}

// forgetFigures times forgetting a client with 200 bookings (without the
// proof) and the proof scan that follows, five times on each database.
func forgetFigures(ctx context.Context, enc, plain *store.DB, staff, svc int64, forget, proof *pair) error {
	slot := time.Date(2001, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := 0; i < 5; i++ {
		for _, db := range []*store.DB{enc, plain} {
			f, p, err := forgetOne(ctx, db, staff, svc, slot.Add(time.Duration(i*200)*4*time.Hour), i)
			if err != nil {
				return err
			}
			if db == enc {
				forget.enc, proof.enc = append(forget.enc, f), append(proof.enc, p)
			} else {
				forget.plain, proof.plain = append(forget.plain, f), append(proof.plain, p)
			}
		}
	}
	return nil
}

// forgetOne makes a client with 200 past bookings, forgets them, and proves
// it, returning how long the forget and the proof took.
func forgetOne(ctx context.Context, db *store.DB, staff, svc int64, from time.Time, i int) (time.Duration, time.Duration, error) {
	var id int64
	err := db.Batch(ctx, "bench.client", func(b *store.Batch) error {
		var err error
		id, err = b.CreateClient(store.ClientInput{FirstName: "Zapomniana", LastName: fmt.Sprintf("Klientka %d", i), Phone: "601 999 888", Email: "zapomniana@example.com"})
		if err != nil {
			return err
		}
		for k := 0; k < 200; k++ {
			start := from.Add(time.Duration(k) * 4 * time.Hour)
			if _, err := b.CreateBooking(store.BookingInput{ClientID: id, StaffID: staff, ServiceID: svc, Start: start, Status: store.StatusCompleted, Notes: "bench"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	former, err := db.Client(ctx, id)
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	if _, err := db.Anonymize(ctx, id, "bench", func(store.ForgetFacts) error { return nil }); err != nil {
		return 0, 0, err
	}
	forgot := time.Since(start)
	start = time.Now()
	p, err := privacy.VerifyErased(ctx, db, privacy.TracesOf(former), nil)
	if err != nil {
		return 0, 0, err
	}
	if p.Found != 0 {
		return 0, 0, fmt.Errorf("erasure proof found %d traces", p.Found)
	}
	return forgot, time.Since(start), nil
}
