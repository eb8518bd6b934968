//go:build benchplain

package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"

	"kartoteka/privacy"
	"kartoteka/store"
)

// bench is one run of make bench.
type bench struct {
	ctx  context.Context
	reps int
	rng  *rand.Rand // the order of the sides in each repetition
	// dropOS is set when the OS page cache can be dropped before every
	// cold run (root on Linux); dropWhy says why it cannot.
	dropOS  bool
	dropWhy string
	cpuid   string // the CPU's brand as go test prints it, once the app is measured
	only    string // the store figures to measure, comma-separated; empty means all
}

// wants reports whether the run measures the store figure called name.
func (b *bench) wants(name string) bool {
	return b.only == "" || slices.Contains(strings.Split(b.only, ","), name)
}

// cold prepares a cold run: a collection, so garbage from the last run is
// not collected in this one, and the OS page cache dropped when it can be.
func (b *bench) cold() error {
	runtime.GC()
	if !b.dropOS {
		return nil
	}
	if err := dropOSCache(); err != nil {
		return fmt.Errorf("drop the OS page cache: %w", err)
	}
	return nil
}

// side is one of the two databases a store figure compares: the encrypted
// salon, or its decrypted copy opened with plain SQLite.
type side struct {
	name     string // "encrypted" or "plain"
	enc      bool
	path     string // the working copy
	pristine string // an untouched copy of the salon, for fresh copies
	work     string // a folder of its own for scratch files

	exportID  int64          // the client with 500 bookings the exports read
	inserted  int            // clients and bookings the insert figures made so far
	pending   []store.Client // made by the forget figure's setup, forgotten by its passes
	forgotten []store.Client // forgotten in this repetition, for the erasure proof
	ledger    []store.LedgerEntry
	backup    string // a sealed backup for the restore figure
}

// open opens path as the app does: store.Options' zero value, so a 32 MiB
// page cache per connection and four readers.
func (s *side) open(ctx context.Context, path string) (*store.DB, error) {
	if s.enc {
		return store.Open(ctx, path, benchPass, store.Options{})
	}
	return store.OpenPlain(ctx, path, store.Options{})
}

// deriveKey runs the encrypted side's key derivation for the salon at path
// ahead of the opens that use it (the zero Derived for plain).
func (s *side) deriveKey(path string) (store.Derived, error) {
	if s.enc {
		return store.Derive(path, benchPass)
	}
	return store.Derived{}, nil
}

// openDerived opens path as open does, the encrypted side with its key
// derived beforehand.
func (s *side) openDerived(ctx context.Context, path string, d store.Derived) (*store.DB, error) {
	if s.enc {
		return store.OpenDerived(ctx, path, d, store.Options{})
	}
	return store.OpenPlain(ctx, path, store.Options{})
}

// storeFigure is one operation of the store. A trial runs it on one side:
// cold, as the first pass on a freshly opened database (new connections,
// empty page caches, the OS page cache dropped when it can be), then warm,
// as the same pass again on the same open database.
type storeFigure struct {
	name string
	// outputs are what one pass yields, each a quantile of its timings;
	// nil means the pass's median, under name.
	outputs []output
	// sizes limits the figure to some sizes ("M"); empty means all.
	sizes string
	// encOnly marks a figure with no plain counterpart (sealed backups).
	encOnly bool
	// setup prepares a trial, untimed, before the caches are dropped.
	setup func(s *side, rep int) error
	// pass runs the operation on a database opened for the trial.
	pass func(db *store.DB, s *side, warm bool) ([]time.Duration, error)
	// run replaces setup and pass for a figure that cannot repeat on one
	// open database (opening it; applying retention).
	run func(s *side, rep int) (cold, warm []time.Duration, err error)
	// trials is how many trials each side gets in a repetition, the
	// sides' order drawn anew for each (zero means one): a cold pass that
	// reads much of the file varies with the disk from one trial to the
	// next, and the medians of more samples say what the encryption costs
	// rather than which trials met a busy disk.
	trials int
}

type output struct {
	name string
	q    float64
}

func (f storeFigure) results() []output {
	if f.outputs == nil {
		return []output{{f.name, 0.5}}
	}
	return f.outputs
}

// trial runs f once on one side.
func (b *bench) trial(f storeFigure, s *side, rep int) (cold, warm []time.Duration, err error) {
	if f.run != nil {
		return f.run(s, rep)
	}
	if f.setup != nil {
		if err := f.setup(s, rep); err != nil {
			return nil, nil, err
		}
	}
	if err := b.cold(); err != nil {
		return nil, nil, err
	}
	db, err := s.open(b.ctx, s.path)
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	if cold, err = f.pass(db, s, false); err != nil {
		return nil, nil, err
	}
	if warm, err = f.pass(db, s, true); err != nil {
		return nil, nil, err
	}
	return cold, warm, db.Close()
}

// tally is one value per repetition for every output of every figure:
// name → [cold, warm] → [encrypted, plain].
type tally struct {
	names []string
	runs  map[string]*[2][2][]float64
}

func (t *tally) add(name string, state, side int, v float64) {
	if t.runs == nil {
		t.runs = map[string]*[2][2][]float64{}
	}
	r, ok := t.runs[name]
	if !ok {
		r = new([2][2][]float64)
		t.runs[name] = r
		t.names = append(t.names, name)
	}
	r[state][side] = append(r[state][side], v)
}

// measure runs every store figure on one salon: reps repetitions, each
// running every figure on both sides in an order drawn anew.
func (b *bench) measure(ds *dataset) ([]result, []string, error) {
	ctx := b.ctx
	sz := ds.size
	fmt.Fprintf(os.Stderr, "bench: measuring %s, %d repetitions\n", sz.Name, b.reps)
	enc := &side{name: "encrypted", enc: true, path: ds.enc, pristine: ds.master, work: filepath.Join(ds.work, "encrypted")}
	plain := &side{name: "plain", path: ds.plain, pristine: ds.pristine, work: filepath.Join(ds.work, "plain")}
	sides := []*side{enc, plain}
	fx, err := newFixtures(ctx, ds)
	if err != nil {
		return nil, nil, err
	}
	for _, s := range sides {
		if err := os.MkdirAll(s.work, 0o700); err != nil {
			return nil, nil, err
		}
		if err := fx.setUp(ctx, ds, s); err != nil {
			return nil, nil, err
		}
	}
	var figures []storeFigure
	for _, f := range b.storeFigures(fx) {
		if (f.sizes == "" || strings.Contains(f.sizes, sz.Name)) && b.wants(f.name) {
			figures = append(figures, f)
		}
	}
	var t tally
	started := time.Now()
	for rep := range b.reps {
		fmt.Fprintf(os.Stderr, "  %s repetition %d/%d", sz.Name, rep+1, b.reps)
		for _, f := range figures {
			for range max(f.trials, 1) {
				order := []int{0, 1}
				if f.encOnly {
					order = order[:1]
				}
				b.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
				for _, i := range order {
					cold, warm, err := b.trial(f, sides[i], rep)
					if err != nil {
						fmt.Fprintln(os.Stderr)
						return nil, nil, fmt.Errorf("%s at %s, %s: %w", f.name, sz.Name, sides[i].name, err)
					}
					for _, o := range f.results() {
						t.add(o.name, 0, i, quantile(cold, o.q))
						t.add(o.name, 1, i, quantile(warm, o.q))
					}
				}
			}
			fmt.Fprint(os.Stderr, ".")
		}
		fmt.Fprintf(os.Stderr, " %.0f s\n", time.Since(started).Seconds())
	}
	var out []result
	for _, name := range t.names {
		r := t.runs[name]
		out = append(out, result{Name: name, Size: sz.Name, Unit: "ms", Cold: compareOf(r[0]), Warm: compareOf(r[1])})
	}
	for _, s := range sides {
		db, err := s.open(ctx, s.path)
		if err != nil {
			return nil, nil, err
		}
		if err := db.Checkpoint(ctx); err != nil {
			db.Close()
			return nil, nil, err
		}
		if err := db.Close(); err != nil {
			return nil, nil, err
		}
	}
	out = append(out, result{Name: "file_size", Size: sz.Name, Unit: "bytes",
		Once: compareOf([2][]float64{{float64(fileSize(ds.enc))}, {float64(fileSize(ds.plain))}})})

	notes := []string{fmt.Sprintf("%s: %d clients, %d bookings, %d payments, %d invoices, %d consents; measured in %.0f s",
		sz.Name, ds.counts.Clients, ds.counts.Bookings, ds.counts.Payments, ds.counts.Invoices, ds.counts.Consents, time.Since(started).Seconds())}
	if ds.generated > 0 {
		notes = append(notes, fmt.Sprintf("%s: the demo generator made this salon in %.1f s", sz.Name, ds.generated.Seconds()))
	}
	if sz.Name == "L" {
		if rss, err := cliSearchRSS(ds.enc, fx.queries[0]); err == nil {
			notes = append(notes, fmt.Sprintf("L: `kartoteka-cli client list --search %q` peak memory %.0f MB (target < 300 MB %s)", fx.queries[0], rss, mark(rss < 300)))
		} else {
			notes = append(notes, "L: CLI memory not measured: "+err.Error())
		}
	}
	return out, notes, nil
}

// compareOf summarizes [encrypted, plain] values per repetition.
func compareOf(v [2][]float64) *compare {
	c := &compare{Encrypted: spreadOf(v[0]), Plain: spreadOf(v[1])}
	if c.Encrypted != nil && c.Plain != nil && c.Plain.Median > 0 {
		c.Ratio = c.Encrypted.Median / c.Plain.Median
	}
	return c
}

// fixtures are what the figures read and write, the same on both sides:
// the copies hold the same rows under the same ids.
type fixtures struct {
	clients   []store.Client // not anonymized: they can be booked
	queries   []string
	cards     []int64
	weeks     []time.Time
	staff     int64 // the first staff member, for inserted bookings
	lastStaff int64 // the last, for the export and forget clients
	service   int64
}

func newFixtures(ctx context.Context, ds *dataset) (*fixtures, error) {
	db, err := store.Open(ctx, ds.enc, benchPass, store.Options{})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	all, err := db.Clients(ctx)
	if err != nil {
		return nil, err
	}
	staff, err := db.StaffMembers(ctx)
	if err != nil {
		return nil, err
	}
	svcs, err := db.Services(ctx)
	if err != nil {
		return nil, err
	}
	if len(staff) == 0 || len(svcs) == 0 {
		return nil, fmt.Errorf("the %s salon has no staff or no services", ds.size.Name)
	}
	fx := &fixtures{staff: staff[0].ID, lastStaff: staff[len(staff)-1].ID, service: svcs[0].ID}
	for _, c := range all {
		if !c.Anonymized {
			fx.clients = append(fx.clients, c)
		}
	}
	// A fixed seed: the same queries, cards and weeks on every run.
	rng := rand.New(rand.NewPCG(7, uint64(ds.size.Clients)))
	fx.queries = searchQueries(rng, fx.clients, 1000)
	fx.cards = make([]int64, 500)
	for i := range fx.cards {
		fx.cards[i] = all[rng.IntN(len(all))].ID
	}
	fx.weeks = make([]time.Time, 50)
	for i := range fx.weeks {
		d := benchNow.AddDate(0, 0, -rng.IntN(5*365))
		fx.weeks[i] = time.Date(d.Year(), d.Month(), d.Day()-int(d.Weekday()+6)%7, 0, 0, 0, 0, time.Local)
	}
	return fx, nil
}

// setUp gives a side what the figures need before the repetitions: the
// client with 500 bookings and as many payments whose data the exports
// read, and at M the sealed backup the restore figure unseals.
func (fx *fixtures) setUp(ctx context.Context, ds *dataset, s *side) error {
	db, err := s.open(ctx, s.path)
	if err != nil {
		return err
	}
	defer db.Close()
	err = db.Batch(ctx, "bench.client", func(b *store.Batch) error {
		id, err := b.CreateClient(store.ClientInput{FirstName: "Łucja", LastName: "Stała-Bywalczyni", Phone: "601 999 777", Email: "lucja@example.com", Language: "pl"})
		if err != nil {
			return err
		}
		s.exportID = id
		from := time.Date(2095, 1, 1, 8, 0, 0, 0, time.UTC)
		for k := range 500 {
			bid, err := b.CreateBooking(store.BookingInput{ClientID: id, StaffID: fx.lastStaff, ServiceID: fx.service, Start: from.Add(time.Duration(k) * 4 * time.Hour), Status: store.StatusCompleted})
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
	if !s.enc || ds.size.Name != "M" {
		return db.Close()
	}
	s.backup = filepath.Join(s.work, "restore-from.ktkbak")
	if _, err := privacy.WriteBackup(ctx, db, s.backup); err != nil {
		return err
	}
	if s.ledger, err = db.ErasureLedger(ctx); err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	// A first restore, untimed, so that every timed one replaces a salon
	// (and keeps it as a safety copy), as a restore in the app does.
	_, err = privacy.Restore(ctx, s.backup, s.restored(), store.Unlock{Passphrase: benchPass}, s.ledger)
	return err
}

// restored is where the restore figure restores to.
func (s *side) restored() string { return filepath.Join(s.work, "restored", "salon.kartoteka") }

// storeFigures are the figures of one salon, in the order each repetition
// runs them.
// readTrials is the trials per side and repetition of the figures that do
// not consume what a repetition's setup made (forgetting, retention, the
// backups run once: each costs seconds or uses up its clients).
const readTrials = 3

func (b *bench) storeFigures(fx *fixtures) []storeFigure {
	ctx := b.ctx
	once := func(op func(db *store.DB, s *side) error) func(*store.DB, *side, bool) ([]time.Duration, error) {
		return func(db *store.DB, s *side, _ bool) ([]time.Duration, error) {
			return timeEach(1, func(int) error { return op(db, s) })
		}
	}
	return []storeFigure{
		{name: "open", trials: readTrials, run: func(s *side, _ int) (cold, warm []time.Duration, err error) {
			// Cold: the first open after the caches are dropped. Warm:
			// opening again, the file in the OS page cache (the new
			// connections' page caches are empty either way). The key
			// derivation is done before the caches are dropped and left
			// out: it has a line of its own, and unlock = derivation +
			// open + paint.
			key, err := s.deriveKey(s.path)
			if err != nil {
				return nil, nil, err
			}
			openOnce := func() (time.Duration, error) {
				start := time.Now()
				db, err := s.openDerived(ctx, s.path, key)
				if err != nil {
					return 0, err
				}
				if _, err := db.Salon(ctx); err != nil {
					db.Close()
					return 0, err
				}
				took := time.Since(start)
				return took, db.Close()
			}
			if err := b.cold(); err != nil {
				return nil, nil, err
			}
			d, err := openOnce()
			if err != nil {
				return nil, nil, err
			}
			cold = []time.Duration{d}
			for range 11 {
				if d, err = openOnce(); err != nil {
					return nil, nil, err
				}
				warm = append(warm, d)
			}
			return cold, warm, nil
		}},
		{name: "integrity_check", trials: readTrials, pass: once(func(db *store.DB, _ *side) error {
			r, err := db.IntegrityCheck(ctx)
			if err == nil && r != "ok" {
				err = fmt.Errorf("integrity: %s", r)
			}
			return err
		})},
		{name: "search", trials: readTrials, outputs: []output{{"search_p50", 0.5}, {"search_p99", 0.99}},
			pass: func(db *store.DB, _ *side, _ bool) ([]time.Duration, error) {
				return timeEach(len(fx.queries), func(i int) error {
					_, err := db.SearchClients(ctx, fx.queries[i], 50)
					return err
				})
			}},
		{name: "card_load", trials: readTrials, pass: func(db *store.DB, _ *side, _ bool) ([]time.Duration, error) {
			return timeEach(len(fx.cards), func(i int) error {
				_, err := db.ClientCard(ctx, fx.cards[i])
				return err
			})
		}},
		{name: "week_calendar", trials: readTrials, pass: func(db *store.DB, _ *side, _ bool) ([]time.Duration, error) {
			return timeEach(len(fx.weeks), func(i int) error {
				_, err := db.BookingsBetween(ctx, fx.weeks[i], fx.weeks[i].AddDate(0, 0, 7))
				return err
			})
		}},
		{name: "insert_client", trials: readTrials, pass: func(db *store.DB, s *side, _ bool) ([]time.Duration, error) {
			return timeEach(100, func(int) error {
				s.inserted++
				_, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Bench", LastName: fmt.Sprintf("Wstawiony %d", s.inserted), Phone: "601 000 000", Email: "bench@example.com"})
				return err
			})
		}},
		{name: "insert_booking", trials: readTrials, pass: func(db *store.DB, s *side, _ bool) ([]time.Duration, error) {
			slot := time.Date(2090, 1, 1, 8, 0, 0, 0, time.UTC)
			return timeEach(100, func(int) error {
				s.inserted++
				// the demo's restricted clients are booked as an owner
				// would: on a ground of Art. 18(2) (ignored for the others)
				_, err := db.CreateBooking(ctx, store.BookingInput{ClientID: fx.clients[s.inserted%len(fx.clients)].ID, StaffID: fx.staff, ServiceID: fx.service,
					Start: slot.Add(time.Duration(s.inserted) * 12 * time.Hour), Basis: store.BasisConsent})
				return err
			})
		}},
		{name: "export_pdf_500_bookings", trials: readTrials, pass: exportPass(ctx, func(s *privacy.Subject) error { return s.WritePDF(io.Discard, "pl") })},
		{name: "export_json_500_bookings", trials: readTrials, pass: exportPass(ctx, func(s *privacy.Subject) error { return s.WriteJSON(io.Discard, "pl") })},
		{name: "retention_plan", trials: readTrials, pass: once(func(db *store.DB, _ *side) error {
			_, err := privacy.PlanRetention(ctx, db, store.RetentionPolicy{Policy: store.PolicyBookingEnd, Days: 365, Months: 24}, benchNow)
			return err
		})},
		{name: "forget_200_bookings", setup: fx.forgetSetup(ctx),
			pass: func(db *store.DB, s *side, warm bool) ([]time.Duration, error) {
				// Cold: the first client; warm: the others, one by one.
				batch := s.pending[:1]
				if warm {
					batch = s.pending[1:]
				}
				return timeEach(len(batch), func(i int) error {
					_, err := db.Anonymize(ctx, batch[i].ID, "bench", func(store.ForgetFacts) error { return nil })
					s.forgotten = append(s.forgotten, batch[i])
					return err
				})
			}},
		{name: "erasure_proof", trials: readTrials, pass: func(db *store.DB, s *side, warm bool) ([]time.Duration, error) {
			// The proof of the client the cold forget erased, then of
			// the one the warm forget erased.
			c := s.forgotten[0]
			if warm {
				c = s.forgotten[1]
			}
			return timeEach(1, func(int) error {
				p, err := privacy.VerifyErased(ctx, db, privacy.TracesOf(c), nil)
				if err == nil && p.Found != 0 {
					err = fmt.Errorf("erasure proof found %d traces", p.Found)
				}
				return err
			})
		}},
		{name: "retention_apply_10k_clients", sizes: "M", run: b.retentionTrial},
		{name: "backup_sealed", sizes: "M", encOnly: true, pass: func(db *store.DB, s *side, warm bool) ([]time.Duration, error) {
			file := filepath.Join(s.work, fmt.Sprintf("backup-%t.ktkbak", warm))
			defer os.Remove(file)
			return timeEach(1, func(int) error {
				_, err := privacy.WriteBackup(ctx, db, file)
				return err
			})
		}},
		{name: "backup_restore", sizes: "M", encOnly: true, pass: func(_ *store.DB, s *side, _ bool) ([]time.Duration, error) {
			// Unseal, integrity check, forget again and swap into a
			// salon of its own; the salon itself stays open, as in the app.
			return timeEach(1, func(int) error {
				_, err := privacy.Restore(ctx, s.backup, s.restored(), store.Unlock{Passphrase: benchPass}, s.ledger)
				return err
			})
		}},
	}
}

// exportPass reads a client's 500 bookings and payments and writes their
// personal-data export: once cold, then five times warm.
func exportPass(ctx context.Context, write func(*privacy.Subject) error) func(*store.DB, *side, bool) ([]time.Duration, error) {
	return func(db *store.DB, s *side, warm bool) ([]time.Duration, error) {
		n := 1
		if warm {
			n = 5
		}
		return timeEach(n, func(int) error {
			sub, err := privacy.LoadSubject(ctx, db, s.exportID, benchNow)
			if err != nil {
				return err
			}
			return write(sub)
		})
	}
}

// forgetClients is how many clients with 200 past bookings each repetition
// of the forget figure makes: one forgotten cold, the others warm (the
// warm figure is their median).
const forgetClients = 6

// forgetSetup makes, before each forget trial, forgetClients clients with
// 200 past bookings each.

func (fx *fixtures) forgetSetup(ctx context.Context) func(*side, int) error {
	return func(s *side, rep int) error {
		db, err := s.open(ctx, s.path)
		if err != nil {
			return err
		}
		defer db.Close()
		s.pending, s.forgotten = nil, nil
		for k := range forgetClients {
			from := time.Date(2001, 1, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration((rep*forgetClients+k)*200) * 4 * time.Hour)
			var id int64
			err := db.Batch(ctx, "bench.client", func(b *store.Batch) error {
				var err error
				id, err = b.CreateClient(store.ClientInput{FirstName: "Zapomniana", LastName: fmt.Sprintf("Klientka %d-%d", rep, k), Phone: "601 999 888", Email: "zapomniana@example.com"})
				if err != nil {
					return err
				}
				for i := range 200 {
					start := from.Add(time.Duration(i) * 4 * time.Hour)
					if _, err := b.CreateBooking(store.BookingInput{ClientID: id, StaffID: fx.lastStaff, ServiceID: fx.service, Start: start, Status: store.StatusCompleted, Notes: "bench"}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			c, err := db.Client(ctx, id)
			if err != nil {
				return err
			}
			s.pending = append(s.pending, c)
		}
		return db.Close()
	}
}

// retentionTrial applies retention to 10,000 clients (the first 10,000 a
// one-month last-visit policy would forget) on a fresh copy of the salon,
// twice: cold, planned, closed, the caches dropped, opened again and
// applied; warm, applied right after the plan on the same open database.
func (b *bench) retentionTrial(s *side, _ int) (cold, warm []time.Duration, err error) {
	for _, isWarm := range []bool{false, true} {
		dir := filepath.Join(s.work, "retention")
		os.RemoveAll(dir)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, nil, err
		}
		path := filepath.Join(dir, filepath.Base(s.pristine))
		if err := copyFile(s.pristine, path); err != nil {
			return nil, nil, err
		}
		d, err := b.applyRetention(s, path, isWarm)
		os.RemoveAll(dir)
		if err != nil {
			return nil, nil, err
		}
		if isWarm {
			warm = []time.Duration{d}
		} else {
			cold = []time.Duration{d}
		}
	}
	return cold, warm, nil
}

func (b *bench) applyRetention(s *side, path string, warm bool) (time.Duration, error) {
	ctx := b.ctx
	db, err := s.open(ctx, path)
	if err != nil {
		return 0, err
	}
	defer func() { db.Close() }()
	plan, err := privacy.PlanRetention(ctx, db, store.RetentionPolicy{Policy: store.PolicyLastVisit, Days: 30, Months: 1}, benchNow)
	if err != nil {
		return 0, err
	}
	if len(plan.ForgetClients) < 10000 {
		return 0, fmt.Errorf("only %d clients due for the retention benchmark", len(plan.ForgetClients))
	}
	plan.ForgetClients = plan.ForgetClients[:10000]
	plan.PurgeInvoices = nil
	if !warm {
		if err := db.Close(); err != nil {
			return 0, err
		}
		if err := b.cold(); err != nil {
			return 0, err
		}
		if db, err = s.open(ctx, path); err != nil {
			return 0, err
		}
	}
	start := time.Now()
	if _, err := privacy.ApplyRetention(ctx, db, plan, nil); err != nil {
		return 0, err
	}
	took := time.Since(start)
	return took, db.Close()
}

// searchQueries are what people type: the start of a last name (with or
// without its diacritics), a first and last name, part of a phone number or
// of an email.
func searchQueries(rng *rand.Rand, live []store.Client, n int) []string {
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

// kdfFigure is the key derivation an unlock runs, with the parameters the
// app would give a new salon on this machine: cold, on memory just
// returned to the OS (an unlock is the app's first derivation, its 64 MiB
// freshly mapped), and warm, repeated at once.
type kdfFigure struct {
	Params store.KDFParams `json:"params"`
	Cold   *spread         `json:"cold_ms"`
	Warm   *spread         `json:"warm_ms"`
}

// kdfTarget is store's calibrationTarget (store/keys.go): what
// store.Create and StrengthenKDF calibrate Argon2id to, the app's setting.
const kdfTarget = 500 * time.Millisecond

// measureKDF calibrates Argon2id as the app does and times derivations
// with the result, reps times cold and warm.
func measureKDF(reps int) kdfFigure {
	p := store.CalibrateKDF(kdfTarget)
	var cold, warm []float64
	for range reps {
		debug.FreeOSMemory()
		start := time.Now()
		argon2Key(p)
		cold = append(cold, ms(time.Since(start)))
		start = time.Now()
		argon2Key(p)
		warm = append(warm, ms(time.Since(start)))
	}
	return kdfFigure{Params: p, Cold: spreadOf(cold), Warm: spreadOf(warm)}
}

// argon2Key derives a key as an unlock does.
func argon2Key(p store.KDFParams) []byte {
	return argon2.IDKey([]byte(benchPass), make([]byte, 16), p.Time, p.MemoryKiB, p.Threads, 32)
}
