package ui

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"kartoteka/store"
)

// auditSeed is a salon whose log the tests read: who is who, and the days
// things happened.
type auditSeed struct {
	olga, renata  int64 // the owner and a receptionist
	zuzanna, adam int64 // two clients
}

// auditDay is an hour of a day of November 2026, when the seeded events
// happen.
func auditDay(day, hour int) time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, time.Local) }

// seedAudit creates the app's salon with a log of several people's
// events on several days: the owner Olga adds clients, the receptionist
// Renata books them and then types a wrong PIN three times, retention runs.
func (h *harness) seedAudit() auditSeed {
	h.t.Helper()
	ctx := context.Background()
	now := auditDay(2, 9)
	db, _, err := store.Create(ctx, h.u.cfg.Path, testPassphrase, store.Salon{Name: "Salon Testowy", Country: "PL"},
		store.Options{KDF: store.CheapKDF, Now: func() time.Time { return now }})
	if err != nil {
		h.t.Fatal(err)
	}
	defer db.Close()
	must := func(id int64, err error) int64 {
		h.t.Helper()
		if err != nil {
			h.t.Fatal(err)
		}
		return id
	}
	check := func(err error) {
		h.t.Helper()
		if err != nil {
			h.t.Fatal(err)
		}
	}
	var s auditSeed
	s.olga = must(db.CreateStaff(ctx, store.Staff{Name: "Olga Właścicielka", Role: "owner"}))
	s.renata = must(db.CreateStaff(ctx, store.Staff{Name: "Renata Recepcja", Role: "reception"}))
	cut := must(db.CreateService(ctx, store.Service{Name: "Strzyżenie", Minutes: 60, Price: store.Money{Minor: 12000}}))

	now = auditDay(10, 10)
	olga, renata := store.ActAs(ctx, s.olga), store.ActAs(ctx, s.renata)
	zuzanna := store.ClientInput{FirstName: "Zuzanna", LastName: "Wyjątkowa", Phone: "601 999 888", Email: "zuzanna@example.pl"}
	s.zuzanna = must(db.CreateClient(olga, zuzanna))
	s.adam = must(db.CreateClient(olga, store.ClientInput{FirstName: "Adam", LastName: "Drugi"}))

	now = auditDay(20, 11)
	must(db.CreateBooking(renata, store.BookingInput{ClientID: s.zuzanna, StaffID: s.olga, ServiceID: cut,
		Start: auditDay(28, 10), End: auditDay(28, 11), Status: store.StatusBooked}))
	must(db.CreateBooking(renata, store.BookingInput{ClientID: s.adam, StaffID: s.olga, ServiceID: cut,
		Start: auditDay(28, 12), End: auditDay(28, 13), Status: store.StatusBooked}))

	now = auditDay(25, 12)
	check(db.SetConsent(olga, s.zuzanna, store.ConsentMarketingEmail, true, "in_person", "v1"))
	check(db.SetRestriction(olga, s.zuzanna, true, "she disputes her data"))
	zuzanna.Notes, zuzanna.Basis = "checked", store.BasisConsent
	check(db.UpdateClient(olga, s.zuzanna, zuzanna))

	now = auditDay(26, 8)
	check(db.SetPIN(ctx, s.olga, "1234"))
	check(db.SetPIN(ctx, s.renata, "5678"))
	for range 3 {
		now = now.Add(time.Hour)
		if err := db.CheckPIN(ctx, s.renata, "0000"); !errors.Is(err, store.ErrWrongPIN) {
			h.t.Fatalf("a wrong PIN: %v", err)
		}
	}
	// No PINs again, so that the app asks no one who is working.
	check(db.ClearPIN(ctx, s.renata))
	check(db.ClearPIN(ctx, s.olga))

	now = auditDay(27, 3)
	check(db.RecordRetentionRun(store.WithActor(ctx, "retention"), store.RetentionRun{Started: now, Finished: now,
		Policy: store.PolicyLastVisit, BookingsRemoved: 4}))
	return s
}

// openAudit shows the Audit log section and waits for its first page.
func (h *harness) openAudit(sh *shellScreen) *auditView {
	h.t.Helper()
	sh.select_(sectionAudit)
	v := sh.audit
	if v == nil {
		h.t.Fatal("the audit section shows no audit log")
	}
	h.waitFor("the audit log", func() bool { return v.loaded && v.people })
	return v
}

// reload waits for the load that act starts.
func (h *harness) reload(v *auditView, act func()) {
	h.t.Helper()
	before := v.seq
	act()
	if v.seq == before {
		h.t.Fatal("no new page was asked for")
	}
	h.waitFor("the audit log's page", func() bool { return len(v.shell.tasks) == 0 })
}

// TestAuditLog: the log lists the events newest first, in sentences, with
// staff by name and number and clients by number; each filter narrows it,
// a day that cannot be read changes nothing, and Clear shows it all again.
func TestAuditLog(t *testing.T) {
	h := newHarness(t)
	s := h.seedAudit()
	sh := h.unlock()
	v := h.openAudit(sh)
	ctx := context.Background()

	all, err := h.u.db.AuditEvents(ctx, store.AuditFilter{}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.shown) != len(all) || v.more {
		t.Fatalf("the log lists %d events (more: %v), the salon has %d", len(v.shown), v.more, len(all))
	}
	for i := 1; i < len(v.shown); i++ {
		if v.shown[i].ID >= v.shown[i-1].ID {
			t.Fatalf("event %d (%d) is listed after %d: not newest first", i, v.shown[i].ID, v.shown[i-1].ID)
		}
	}
	for _, e := range v.shown {
		if _, ok := auditSentence(e); !ok {
			t.Errorf("no sentence for %s", e.Action)
		}
	}
	texts := shownTexts(v.rows)
	for _, want := range []string{
		"Retention ran", "Retention (automatic)", "Bookings removed: 4",
		"PIN entered wrongly (3 in a row)", "PIN entered wrongly (2 in a row)", "Renata Recepcja (no. 2)",
		"Client card changed", "Ground (GDPR Art. 18(2)): The client consents to it",
		"Processing restricted", "Consent given", "Booking made", "Booking no. 1",
		"Client card created", "Olga Właścicielka (no. 1)", "Client no. " + itoa(s.zuzanna),
		"Staff member added", "Service added", "Salon created", "System", "27 Nov 2026 03:00",
	} {
		mustContain(t, "the log", texts, want)
	}
	if first := strings.SplitN(texts, "\n", 5); first[1] != "Retention (automatic)" || first[2] != "Retention ran" {
		t.Errorf("the newest row reads %q, want retention's run", first[:4])
	}
	mustContain(t, "the pages", v.pages.Text, "Events 1–"+strconv.Itoa(len(all)))

	count := func(f store.AuditFilter) int {
		t.Helper()
		es, err := h.u.db.AuditEvents(ctx, f, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		return len(es)
	}
	// By person: Renata, named in the filter.
	i := slices.IndexFunc(v.person.Options, func(o string) bool { return o == "Renata Recepcja (no. 2)" })
	if i < 0 {
		t.Fatalf("the person filter offers %q", v.person.Options)
	}
	if got, want := strings.Join(v.person.Options, "|"), "Everyone|Olga Właścicielka (no. 1)|Renata Recepcja (no. 2)|Retention (automatic)|System"; got != want {
		t.Errorf("the person filter offers %s, want %s", got, want)
	}
	h.reload(v, func() { v.person.SetSelectedIndex(i) })
	if len(v.shown) != 5 || len(v.shown) != count(store.AuditFilter{Actor: store.StaffActor(s.renata)}) {
		t.Errorf("Renata's events: %d", len(v.shown))
	}
	for _, e := range v.shown {
		if e.Actor != store.StaffActor(s.renata) {
			t.Errorf("Renata's filter shows %s by %s", e.Action, e.Actor)
		}
	}
	// And by kind: her bookings.
	k := slices.Index(v.kind.Options, "Bookings")
	h.reload(v, func() { v.kind.SetSelectedIndex(k) })
	if len(v.shown) != 2 {
		t.Errorf("Renata's bookings: %d events", len(v.shown))
	}
	for _, e := range v.shown {
		if !strings.HasPrefix(e.Action, "booking.") || e.Actor != store.StaffActor(s.renata) {
			t.Errorf("Renata's bookings show %s by %s", e.Action, e.Actor)
		}
	}
	h.reload(v, v.onClear)
	if len(v.shown) != len(all) || v.person.SelectedIndex() != 0 || v.kind.SelectedIndex() != 0 {
		t.Errorf("after Clear: %d events, person %d, kind %d", len(v.shown), v.person.SelectedIndex(), v.kind.SelectedIndex())
	}

	// By days: the 25th and the 26th only.
	v.from.SetText("25/11/2026")
	v.to.SetText("26/11/2026")
	h.reload(v, func() { submit(v.to) })
	want := count(store.AuditFilter{From: auditDay(25, 0), To: auditDay(27, 0)})
	if len(v.shown) != want || want != 10 {
		t.Errorf("25–26 Nov: %d events, want %d (10)", len(v.shown), want)
	}
	for _, e := range v.shown {
		if e.At.Before(auditDay(25, 0)) || !e.At.Before(auditDay(27, 0)) {
			t.Errorf("25–26 Nov shows %s at %v", e.Action, e.At)
		}
	}
	// A day that does not exist is refused with a word, and the list stays.
	shown, seq := v.shown, v.seq
	v.to.SetText("31/02/2026")
	submit(v.to)
	if v.seq != seq || !slices.Equal(idsOf(v.shown), idsOf(shown)) {
		t.Error("a day that does not exist changed the list")
	}
	mustContain(t, "the message", visibleText(v.typo), "There is no such day in the calendar.")
	v.to.SetText("20.11")
	submit(v.to)
	mustContain(t, "a day that cannot be read", visibleText(v.typo), "Write the date as DD/MM/YYYY")
	v.to.SetText("20/11/2026")
	submit(v.to)
	mustContain(t, "the message", visibleText(v.typo), "The first day comes after the last.")
	if v.seq != seq {
		t.Error("days the wrong way round changed the list")
	}
	v.to.SetText("")
	h.reload(v, func() { submit(v.to) })
	if visibleText(v.typo) != "" || len(v.shown) != count(store.AuditFilter{From: auditDay(25, 0)}) {
		t.Errorf("from the 25th on: %d events, message %q", len(v.shown), visibleText(v.typo))
	}

	// By client number, with the days still set.
	v.client.SetText("x1")
	submit(v.client)
	mustContain(t, "the message", visibleText(v.typo), "Write the client's number")
	v.client.SetText(itoa(s.zuzanna))
	h.reload(v, func() { submit(v.client) })
	if want := count(store.AuditFilter{From: auditDay(25, 0), Client: s.zuzanna}); len(v.shown) != want || want != 3 {
		t.Errorf("Zuzanna's events from the 25th: %d, want %d (3)", len(v.shown), want)
	}
	h.reload(v, v.onClear)
	if v.from.Text != "" || v.client.Text != "" || len(v.shown) != len(all) {
		t.Errorf("after Clear: from %q, client %q, %d events", v.from.Text, v.client.Text, len(v.shown))
	}
}

func idsOf(es []store.AuditEvent) []int64 {
	var ids []int64
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	return ids
}

// TestAuditPages: the log comes a hundred events a page, the newest page
// first, with the way to older and newer pages.
func TestAuditPages(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	ctx := context.Background()
	db, err := store.Open(ctx, h.u.cfg.Path, testPassphrase, store.Options{KDF: store.CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	id, err := db.CreateService(ctx, store.Service{Name: "Strzyżenie", Minutes: 60, Price: store.Money{Minor: 12000}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 228 {
		svc := store.Service{ID: id, Name: "Strzyżenie " + strconv.Itoa(i), Minutes: 60, Price: store.Money{Minor: 12000}, Active: true}
		if err := db.UpdateService(ctx, svc); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	sh := h.unlock()
	v := h.openAudit(sh)
	total, err := h.u.db.AuditEvents(ctx, store.AuditFilter{}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := len(total) // the salon, the service and its changes
	if n < 230 {
		t.Fatalf("%d events", n)
	}
	page := func(first, last int) {
		t.Helper()
		if got, want := v.pages.Text, "Events "+strconv.Itoa(first)+"–"+strconv.Itoa(last); got != want {
			t.Errorf("pages %q, want %q", got, want)
		}
		if len(v.shown) != last-first+1 || v.shown[0].ID != total[first-1].ID {
			t.Errorf("the page lists %d events from %d, want %d from %d", len(v.shown), v.shown[0].ID, last-first+1, total[first-1].ID)
		}
		if v.prev.Disabled() != (first == 1) || v.next.Disabled() != (last == n) {
			t.Errorf("events %d–%d: Newer disabled %v, Older disabled %v", first, last, v.prev.Disabled(), v.next.Disabled())
		}
	}
	page(1, 100)
	h.reload(v, func() { test.Tap(v.next) })
	page(101, 200)
	h.reload(v, func() { test.Tap(v.next) })
	page(201, n)
	test.Tap(v.next) // nothing older
	page(201, n)
	h.reload(v, func() { test.Tap(v.prev) })
	page(101, 200)
	// A filter starts again at its newest page.
	h.reload(v, func() { v.kind.SetSelectedIndex(slices.Index(auditKinds, "service") + 1) })
	if v.offset != 0 || !strings.HasPrefix(v.pages.Text, "Events 1–100") {
		t.Errorf("a filter shows %q at offset %d", v.pages.Text, v.offset)
	}
}

// TestAuditFromCard: the client card's History of this card opens the log
// narrowed to that client's events, with a way back to the card; neither
// the log nor its filters ever name a client, only their number.
func TestAuditFromCard(t *testing.T) {
	h := newHarness(t)
	s := h.seedAudit()
	sh := h.unlock()
	sh.showClientCard(s.zuzanna)
	c := sh.card
	h.waitFor("the card", func() bool { return c.loaded })
	if !c.history.Visible() {
		t.Fatal("the owner's card has no History of this card")
	}
	test.Tap(c.history)
	v := sh.audit
	if v == nil {
		t.Fatal("History of this card does not open the audit log")
	}
	h.waitFor("the client's events", func() bool { return v.loaded && v.filter.Client == s.zuzanna && len(sh.tasks) == 0 })
	want, err := h.u.db.AuditEvents(context.Background(), store.AuditFilter{Client: s.zuzanna}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(idsOf(v.shown), idsOf(want)) || len(want) != 5 {
		t.Errorf("the card's history lists %v, want %v (5 events)", idsOf(v.shown), idsOf(want))
	}
	if v.client.Text != itoa(s.zuzanna) || !v.back.Visible() {
		t.Errorf("the client filter reads %q; back to the card shown: %v", v.client.Text, v.back.Visible())
	}
	if sectionIndex(sh, sh.current) != sectionIndex(sh, sectionAudit) {
		t.Errorf("the navigation shows %s", sh.current)
	}
	noNames := func(where string) {
		t.Helper()
		shown := shownTexts(h.u.win.Canvas().Content()) + strings.Join(v.person.Options, "\n")
		for _, personal := range []string{"Zuzanna", "Wyjątkowa", "601 999", "zuzanna@", "Adam", "Drugi", "disputes"} {
			if strings.Contains(shown, personal) {
				t.Errorf("%s shows %q:\n%s", where, personal, shown)
			}
		}
	}
	noNames("the card's history")
	h.reload(v, v.onClear)
	noNames("the whole log")

	h.reload(v, func() { v.client.SetText(itoa(s.zuzanna)); submit(v.client) })
	v.back.OnTapped()
	if sh.card == nil || sh.card.id != s.zuzanna {
		t.Fatal("Back to the card does not show the card")
	}
	h.waitFor("the card", func() bool { return sh.card.loaded })
}

// TestAuditNeedsPermission: who may not read the audit log (reception)
// has no Audit log in the navigation, no Ctrl+6 and no History of this
// card; the owner has all three.
func TestAuditNeedsPermission(t *testing.T) {
	h := newHarness(t)
	s := h.seedAudit()
	sh := h.unlock()
	if sectionIndex(sh, sectionAudit) != len(sh.sections)-1 {
		t.Fatalf("the owner's navigation: %v", sh.sections)
	}
	ctx := context.Background()
	for _, who := range []struct {
		id   int64
		sees bool
	}{{s.renata, false}, {s.olga, true}} {
		g, err := h.u.db.Grant(store.ActAs(ctx, who.id))
		if err != nil {
			t.Fatal(err)
		}
		h.u.acting, h.u.grant = who.id, g
		h.u.showShell(sectionClients)
		sh := h.u.current.(*shellScreen)
		if got := sectionIndex(sh, sectionAudit) >= 0; got != who.sees {
			t.Errorf("staff %d: the Audit log in the navigation: %v", who.id, got)
		}
		h.u.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(ctrl(fyne.KeyName("6")))
		if got := sh.audit != nil; got != who.sees {
			t.Errorf("staff %d: Ctrl+6 opens the audit log: %v", who.id, got)
		}
		sh.select_(sectionClients)
		sh.openAuditFor(s.zuzanna)
		if got := sh.audit != nil; got != who.sees {
			t.Errorf("staff %d: the card's history opens: %v", who.id, got)
		}
		sh.showClientCard(s.zuzanna)
		h.waitFor("the card", func() bool { return sh.card.loaded })
		if got := sh.card.history.Visible(); got != who.sees {
			t.Errorf("staff %d: History of this card shown: %v", who.id, got)
		}
		if who.sees {
			v := h.openAudit(sh)
			if len(v.shown) == 0 {
				t.Error("the owner, signed in, sees no events")
			}
		}
	}
}

// auditActionFuncs are the store's functions that write an audit event,
// with the position of their action among their parameters.
func auditActionFuncs(t *testing.T) map[string]int {
	t.Helper()
	funcs := map[string]int{}
	eachGoFile(t, []string{"../store"}, func(_ *token.FileSet, f *ast.File) {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			i := 0
			for _, field := range fn.Type.Params.List {
				for _, name := range field.Names {
					if typ, ok := field.Type.(*ast.Ident); ok && name.Name == "action" && typ.Name == "string" {
						funcs[fn.Name.Name] = i
					}
					i++
				}
				if len(field.Names) == 0 {
					i++
				}
			}
		}
	})
	return funcs
}

// writtenActions are every action the app's code can write into the audit
// log, found in its source: the literals handed to the store's functions
// that take an action, and those given to a variable named action.
func writtenActions(t *testing.T) []string {
	t.Helper()
	funcs := auditActionFuncs(t)
	if len(funcs) < 5 {
		t.Fatalf("found only %v taking an action", funcs)
	}
	set := map[string]bool{}
	action := regexp.MustCompile(`^[a-z_]+\.[a-z_]+$`)
	add := func(fset *token.FileSet, e ast.Expr) {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			t.Errorf("%s: an action that is not a literal", fset.Position(e.Pos()))
			return
		}
		s, _ := strconv.Unquote(lit.Value)
		if !action.MatchString(s) {
			t.Errorf("%s: %q does not look like an action", fset.Position(e.Pos()), s)
		}
		set[s] = true
	}
	dirs := []string{"../store", "../privacy", "../demo", "../cmd/kartoteka", "../cmd/kartoteka-cli", "."}
	eachGoFile(t, dirs, func(fset *token.FileSet, f *ast.File) {
		inStore := f.Name.Name == "store"
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				var name string
				switch fun := n.Fun.(type) {
				case *ast.Ident:
					name = fun.Name
				case *ast.SelectorExpr:
					name = fun.Sel.Name
				}
				i, ok := funcs[name]
				if !ok || i >= len(n.Args) || !inStore && !ast.IsExported(name) {
					return true // outside the store, a name alike is another function
				}
				if id, ok := n.Args[i].(*ast.Ident); ok && id.Name == "action" {
					return true // passed on; its values are found where they are given
				}
				add(fset, n.Args[i])
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == "action" && i < len(n.Rhs) && inStore {
						add(fset, n.Rhs[i])
					}
				}
			}
			return true
		})
	})
	return slices.Sorted(maps.Keys(set))
}

// eachGoFile parses the Go files of dirs but their tests.
func eachGoFile(t *testing.T, dirs []string, fn func(*token.FileSet, *ast.File)) {
	t.Helper()
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			t.Fatalf("no Go files in %s", dir)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			fn(fset, f)
		}
	}
}

// TestEveryAuditActionInWords: every action the code can write into the
// audit log has its sentence and its kind in the filter, and the screen
// knows no action the code no longer writes.
func TestEveryAuditActionInWords(t *testing.T) {
	written := writtenActions(t)
	if len(written) < 40 {
		t.Fatalf("found only %d actions in the source: %v", len(written), written)
	}
	for _, a := range written {
		if _, ok := auditSentence(store.AuditEvent{Action: a}); !ok {
			t.Errorf("the audit log has no sentence for %q", a)
		}
		if kind, _, _ := strings.Cut(a, "."); !slices.Contains(auditKinds, kind) {
			t.Errorf("the kind filter lacks %q (of %s)", kind, a)
		}
	}
	// And the other way: a sentence for an action nothing writes is stale.
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "auditwords.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Name.Name != "auditSentence" {
			continue
		}
		ast.Inspect(fn, func(n ast.Node) bool {
			if cc, ok := n.(*ast.CaseClause); ok {
				for _, e := range cc.List {
					if lit, ok := e.(*ast.BasicLit); ok {
						s, _ := strconv.Unquote(lit.Value)
						if !slices.Contains(written, s) {
							t.Errorf("auditSentence has %q, which nothing writes", s)
						}
					}
				}
			}
			return true
		})
	}
	for _, k := range auditKinds {
		if auditKindName(k) == k {
			t.Errorf("the kind %q has no name", k)
		}
		if !slices.ContainsFunc(written, func(a string) bool { return strings.HasPrefix(a, k+".") }) {
			t.Errorf("the kind filter offers %q, which nothing writes", k)
		}
	}
}

// TestAuditFitsColumns: in every language, at the window's first size
// (which fits a 1024×600 screen), every sentence fits its column, and so
// do the subjects with five-digit numbers (two for staff) and the names of
// the parts of the app that act: nothing the owner reads ends in an
// ellipsis but staff names longer than a column.
func TestAuditFitsColumns(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	h.u.win.Resize(fyne.NewSize(defaultWidth, defaultHeight))
	v := h.openAudit(sh)
	width := func(col int) float32 { return v.head.Objects[col].Size().Width - 2*theme.InnerPadding() }
	if width(2) < 200 {
		t.Fatalf("the What column is %v wide", width(2))
	}
	fits := func(code, what, text string, col int) {
		t.Helper()
		if w := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width; w > width(col) {
			t.Errorf("%s: %s %q is %.0f wide, its column %.0f", code, what, text, w, width(col))
		}
	}
	actions := writtenActions(t)
	for _, l := range languages {
		if err := setLanguage(l.Code); err != nil {
			t.Fatal(err)
		}
		fits(l.Code, "the time", auditWhen(l.Code, time.Date(2026, 12, 30, 23, 59, 0, 0, time.Local)), 0)
		for _, a := range []store.Actor{"retention", "system", "cli", "restore", "owner", "staff:99"} {
			fits(l.Code, "the actor", auditActorName(a, nil), 1)
		}
		for _, a := range actions {
			for _, d := range []map[string]int{nil, {"in_a_row": 10, "cleared": 1}} {
				e := store.AuditEvent{Action: a, SubjectID: 99999, Details: d}
				if strings.HasPrefix(a, "staff.") {
					e.SubjectID = 99
				}
				what, _ := auditSentence(e)
				fits(l.Code, "the sentence", what, 2)
				fits(l.Code, "the subject", auditSubject(e, nil), 3)
			}
		}
	}
}
