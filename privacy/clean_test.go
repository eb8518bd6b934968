package privacy_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kartoteka/privacy"
	"kartoteka/store"
	"kartoteka/store/storetest"
)

// TestMergeLeavesNoTraceOfMergedCard: the merged card's records all move,
// and nothing of it is left in the file, its WAL or the data folder but
// what the kept card holds by right (and the invoice, for its period).
func TestMergeLeavesNoTraceOfMergedCard(t *testing.T) {
	ctx := context.Background()
	s := newSalon(t) // Bożena Wróblewska-Ærø, +48602111222, bozena.w@example.pl, with history
	keep, err := s.db.CreateClient(ctx, store.ClientInput{FirstName: "Bożena", LastName: "Wróblewska", Phone: "+48 603 999 888",
		Notes: "new card made at reception"})
	must(t, err)
	out := t.TempDir()
	exported, err := privacy.Export(ctx, s.db, privacy.ExportRequest{ClientID: s.client, JSON: filepath.Join(out, "client.json")})
	must(t, err)

	p, err := privacy.PreviewMerge(ctx, s.db, keep, s.client)
	must(t, err)
	if len(p.Blocks) != 0 || p.Moves.Bookings != 2 || p.Moves.Payments != 2 || p.Moves.Invoices != 1 || len(p.Exports) != 1 {
		t.Fatalf("preview = %+v", p)
	}
	// The proposal: the kept card's own details, its gaps filled, notes
	// of both, health notes under the health consent that moves with them.
	pr := p.Proposed
	if pr.Phone != "+48603999888" || pr.Email != "bozena.w@example.pl" || pr.BirthDate != "1984-05-06" ||
		pr.Notes != "new card made at reception\n\nprefers mornings" || pr.HealthNotes != "PPD patch test positive" {
		t.Errorf("proposed = %+v", pr)
	}
	if !p.Current[store.ConsentHealth] || !p.Current[store.ConsentMarketingEmail] {
		t.Errorf("consents in force after the merge = %v", p.Current)
	}

	dataDir := filepath.Dir(s.db.Path())
	res, err := privacy.Merge(ctx, s.db, keep, s.client, store.MergeInput{Card: pr}, []string{dataDir})
	must(t, err)
	if res.Moved.Bookings != 2 || res.Moved.Consents != 2 || res.Proof.Found != 0 || res.Proof.Pages == 0 {
		t.Errorf("merge = %+v", res)
	}
	if len(res.Exports) != 1 || res.Exports[0].Path != exported[0].Path {
		t.Errorf("exports to remove = %+v", res.Exports)
	}
	if deleted, left := privacy.RemoveExports(res.Exports); deleted != 1 || left != 0 {
		t.Errorf("removed %d, left %d", deleted, left)
	}
	// The merged card's phone is on no card now: it must be nowhere.
	// Its email and health notes live on in the kept card, and its name
	// on the invoice, lawfully.
	if !slices.Contains(res.Proof.Skipped, "email") || slices.Contains(res.Proof.Skipped, "phone") {
		t.Errorf("skipped = %v", res.Proof.Skipped)
	}
	proof, err := privacy.VerifyErased(ctx, s.db, []privacy.Trace{{Kind: "phone", Value: "+48602111222"}, {Kind: "phone", Value: "602111222"},
		{Kind: "name", Value: "Wróblewska-Ærø"}, {Kind: "name", Value: "wroblewska-aero"}}, []string{dataDir})
	must(t, err)
	// The invoice keeps the buyer's name as issued (statutory period):
	// once, in the invoice row.
	if proof.Found > 1 {
		t.Errorf("%d traces of the merged card after the merge", proof.Found)
	}
	card, err := s.db.ClientCard(ctx, keep)
	must(t, err)
	if len(card.Bookings) != 2 || len(card.Payments) != 2 || len(card.Invoices) != 1 || card.Client.HealthNotes == "" {
		t.Errorf("kept card: %d bookings, %d payments, %d invoices, health %q", len(card.Bookings), len(card.Payments),
			len(card.Invoices), card.Client.HealthNotes)
	}
	ledger, err := s.db.LedgerFile(dataDir)
	must(t, err)
	if len(ledger) != 1 || ledger[0].ClientID != s.client {
		t.Errorf("ledger file = %+v", ledger)
	}
	events, _ := s.db.AuditLog(ctx, 3)
	if events[0].Action != "client.erasure_verified" || events[0].SubjectID != s.client || events[1].Action != "client.merge" {
		t.Errorf("audit = %+v", events)
	}
}

func TestMergeRestrictedNeedsGround(t *testing.T) {
	ctx := context.Background()
	s := newSalon(t)
	keep, err := s.db.CreateClient(ctx, store.ClientInput{FirstName: "Bożena", LastName: "Wróblewska"})
	must(t, err)
	must(t, s.db.SetRestriction(ctx, s.client, true, "contests the accuracy of her data"))
	p, err := privacy.PreviewMerge(ctx, s.db, keep, s.client)
	must(t, err)
	if !p.NeedsBasis || !p.TakesRestriction || len(p.Blocks) != 1 || !errors.Is(p.Blocks[0].Rule, privacy.ErrRestricted) {
		t.Errorf("preview = %+v", p)
	}
	_, err = privacy.Merge(ctx, s.db, keep, s.client, store.MergeInput{Card: p.Proposed}, nil)
	if bs := privacy.BlocksIn(err); len(bs) != 1 || bs[0].Reason() != privacy.ReasonRestricted {
		t.Fatalf("merge of a restricted card without a ground: %v", err)
	}
	if c, _ := s.db.Client(ctx, s.client); c.Anonymized {
		t.Fatal("a refused merge forgot the card")
	}
	res, err := privacy.Merge(ctx, s.db, keep, s.client, store.MergeInput{Card: p.Proposed, Basis: store.BasisConsent}, nil)
	must(t, err)
	if kept, _ := s.db.Client(ctx, keep); !res.Restricted || !kept.Restricted {
		t.Error("the restriction did not go over to the kept card")
	}
	// A forgotten card cannot be merged, either way round.
	other, _ := s.db.CreateClient(ctx, store.ClientInput{FirstName: "B", LastName: "W"})
	_, err = privacy.Merge(ctx, s.db, other, s.client, store.MergeInput{Card: store.ClientInput{FirstName: "B", LastName: "W"}}, nil)
	if !errors.Is(err, privacy.ErrAlreadyAnonymized) {
		t.Errorf("merge a forgotten card: %v", err)
	}
	_, err = privacy.Merge(ctx, s.db, s.client, other, store.MergeInput{Card: store.ClientInput{FirstName: "B", LastName: "W"}}, nil)
	if !errors.Is(err, privacy.ErrKeepAnonymized) {
		t.Errorf("merge into a forgotten card: %v", err)
	}
}

// createSalon is a new salon on the clock now.
func createSalon(t *testing.T, now func() time.Time) (*store.DB, string) {
	t.Helper()
	return storetest.Create(t, store.Options{Now: now})
}

// TestForgetInactiveHonoursEveryBlock: the bulk forget forgets whom the
// rules allow, leaves every blocked client alone with the reason, and
// proves the erasure as forgetting one by one does.
func TestForgetInactiveHonoursEveryBlock(t *testing.T) {
	ctx := context.Background()
	clock := time.Now().AddDate(-2, 0, 0)
	db, _ := createSalon(t, func() time.Time { return clock })
	staff, _ := db.CreateStaff(ctx, store.Staff{Name: "Ola", Role: "stylist"})
	svc, _ := db.CreateService(ctx, store.Service{Name: "Cut", Minutes: 60, Price: store.Money{Minor: 9000}})
	add := func(first, last, phone string) int64 {
		t.Helper()
		id, err := db.CreateClient(ctx, store.ClientInput{FirstName: first, LastName: last, Phone: phone, Email: strings.ToLower(first) + "@example.com"})
		must(t, err)
		return id
	}
	visit := func(id int64, at time.Time, status string) {
		t.Helper()
		_, err := db.CreateBooking(ctx, store.BookingInput{ClientID: id, StaffID: staff, ServiceID: svc, Start: at, Status: status})
		must(t, err)
	}
	old := add("Agata", "Dawna", "601 100 001")                 // visited 20 months ago
	never := add("Bronisława", "Nigdy", "601 100 002")          // card two years old, never visited
	restricted := add("Czesława", "Zastrzeżona", "601 100 003") // restricted
	upcoming := add("Danuta", "Przyszła", "601 100 004")        // old visit, but booked again
	kept := add("Eugenia", "Trzymana", "601 100 005")           // the owner keeps her
	both := add("Felicja", "Podwójna", "601 100 006")           // restricted and booked
	clock = time.Now().AddDate(0, -20, 0)
	for i, id := range []int64{old, restricted, upcoming, kept, both} {
		visit(id, clock.Add(time.Duration(i+1)*time.Hour), store.StatusCompleted)
	}
	clock = time.Now()
	recent := add("Gabriela", "Świeża", "601 100 007")
	visit(recent, clock.AddDate(0, -1, 0), store.StatusCompleted)
	visit(upcoming, clock.AddDate(0, 0, 7).Truncate(time.Hour), store.StatusBooked)
	visit(both, clock.AddDate(0, 0, 8).Truncate(time.Hour), store.StatusBooked)
	must(t, db.SetRestriction(ctx, restricted, true, "a legal claim"))
	must(t, db.SetRestriction(ctx, both, true, "a legal claim"))
	must(t, db.SetRetentionHold(ctx, kept, true, "long-standing client, asked to be kept"))

	since := clock.AddDate(0, -12, 0)
	found, err := privacy.InactiveClients(ctx, db, since, false)
	must(t, err)
	reasons := map[int64][]string{}
	var ids []int64
	for _, c := range found {
		ids = append(ids, c.ID)
		for _, b := range c.Blocks {
			reasons[c.ID] = append(reasons[c.ID], b.Reason())
		}
		if c.ID == upcoming && (c.Upcoming != 1 || c.NextBooking.IsZero()) {
			t.Errorf("upcoming = %d, next %v", c.Upcoming, c.NextBooking)
		}
	}
	slices.Sort(ids)
	if want := []int64{old, never, restricted, upcoming, kept, both}; !slices.Equal(ids, want) {
		t.Errorf("inactive = %v, want %v", ids, want)
	}
	if nv, _ := privacy.InactiveClients(ctx, db, since, true); len(nv) != 1 || nv[0].ID != never {
		t.Errorf("never visited = %+v", nv)
	}
	p, err := privacy.PreviewForgetMany(ctx, db, ids)
	must(t, err)
	if !slices.Equal(p.Forget, []int64{old, never}) || len(p.Blocked) != 4 {
		t.Errorf("preview = %+v", p)
	}

	res, err := privacy.ForgetMany(ctx, db, ids, "inactive", []string{filepath.Dir(db.Path())})
	must(t, err)
	slices.Sort(res.Forgotten)
	if !slices.Equal(res.Forgotten, []int64{old, never}) {
		t.Errorf("forgotten = %v", res.Forgotten)
	}
	blocked := map[int64][]string{}
	for _, b := range res.Blocked {
		for _, be := range b.Blocks {
			blocked[b.Client] = append(blocked[b.Client], be.Reason())
		}
	}
	want := map[int64][]string{restricted: {"restricted"}, upcoming: {"upcoming_booking"}, kept: {"kept"}, both: {"restricted", "upcoming_booking"}}
	for id, w := range want {
		if !slices.Equal(blocked[id], w) || !slices.Equal(reasons[id], w) {
			t.Errorf("client %d blocked by %v (listed with %v), want %v", id, blocked[id], reasons[id], w)
		}
		if c, _ := db.Client(ctx, id); c.Anonymized {
			t.Errorf("blocked client %d was forgotten", id)
		}
	}
	if res.Proof.Found != 0 || res.Proofs[old].Found != 0 || res.Proofs[old].Pages == 0 || len(res.Proofs) != 2 {
		t.Errorf("proof = %+v, %+v", res.Proof, res.Proofs)
	}
	for _, id := range []int64{old, never} {
		if c, _ := db.Client(ctx, id); !c.Anonymized || c.Phone != "" {
			t.Errorf("client %d = %+v", id, c)
		}
	}
	// The phone numbers of the forgotten are nowhere in the file.
	proof, err := privacy.VerifyErased(ctx, db, []privacy.Trace{{Kind: "phone", Value: "+48601100001"}, {Kind: "phone", Value: "+48601100002"},
		{Kind: "email", Value: "agata@example.com"}}, nil)
	must(t, err)
	if proof.Found != 0 {
		t.Errorf("%d traces of the forgotten", proof.Found)
	}
	ledger, _ := db.ErasureLedger(ctx)
	if len(ledger) != 2 {
		t.Errorf("ledger = %+v", ledger)
	}
	counts := map[string]int{}
	events, _ := db.AuditLog(ctx, 0)
	for _, e := range events {
		counts[e.Action]++
		if e.Action == "client.forget_many" && (e.Details["clients"] != 2 || e.Details["refused"] != 4) {
			t.Errorf("batch event = %+v", e)
		}
	}
	if counts["client.forget"] != 2 || counts["client.erasure_verified"] != 2 || counts["client.forget_many"] != 1 {
		t.Errorf("audit counts = %v", counts)
	}
	// Forgetting them again finds them anonymized: blocked, nothing done.
	again, err := privacy.ForgetMany(ctx, db, []int64{old}, "inactive", nil)
	must(t, err)
	if len(again.Forgotten) != 0 || len(again.Blocked) != 1 || again.Blocked[0].Blocks[0].Reason() != "anonymized" {
		t.Errorf("again = %+v", again)
	}
}

// TestMailingListExcludes: only the clients with a consent in force for
// the channel and an address for it, never a restricted, forgotten,
// withdrawn or never-asked one.
func TestMailingListExcludes(t *testing.T) {
	ctx := context.Background()
	clock := time.Now().AddDate(0, -1, 0)
	db, _ := createSalon(t, func() time.Time { return clock })
	add := func(first, email, phone string, consents ...bool) int64 {
		t.Helper()
		id, err := db.CreateClient(ctx, store.ClientInput{FirstName: first, LastName: "Klientka", Email: email, Phone: phone, Language: "pl"})
		must(t, err)
		for _, given := range consents {
			clock = clock.Add(time.Minute)
			must(t, db.SetConsent(ctx, id, store.ConsentMarketingEmail, given, "paper", ""))
		}
		return id
	}
	in := add("Alicja", "alicja@example.pl", "", true)
	back := add("Beata", "beata@example.pl", "", true, false, true) // withdrew, then gave again
	add("Celina", "celina@example.pl", "", true, false)             // withdrew
	add("Dorota", "dorota@example.pl", "")                          // never asked
	add("Emilia", "", "601 200 300", true)                          // no email
	restricted := add("Filomena", "filomena@example.pl", "", true)
	must(t, db.SetRestriction(ctx, restricted, true, "objects"))
	gone := add("Grażyna", "grazyna@example.pl", "", true)
	_, err := privacy.Forget(ctx, db, gone, "request", nil)
	must(t, err)
	sms := add("Halina", "halina@example.pl", "601 200 301")
	must(t, db.SetConsent(ctx, sms, store.ConsentMarketingSMS, true, "in_person", ""))
	unsub := add("Irena", "irena@example.pl", "", true)
	must(t, db.Unsubscribe(ctx, unsub, store.ConsentMarketingEmail, "email"))
	if err := db.Unsubscribe(ctx, unsub, store.ConsentHealth, "email"); !errors.Is(err, store.ErrNotMarketing) {
		t.Errorf("unsubscribe from health data: %v", err)
	}

	list, err := privacy.MailingList(ctx, db, privacy.ChannelEmail)
	must(t, err)
	var ids []int64
	for _, c := range list {
		ids = append(ids, c.ID)
	}
	if !slices.Equal(ids, []int64{in, back}) {
		t.Errorf("email list = %v, want %v", ids, []int64{in, back})
	}
	if smsList, _ := privacy.MailingList(ctx, db, privacy.ChannelSMS); len(smsList) != 1 || smsList[0].ID != sms {
		t.Errorf("sms list = %+v", smsList)
	}

	out := t.TempDir()
	name := privacy.MailingListFileName(privacy.ChannelEmail, privacy.FormatCSV, time.Date(2026, 12, 2, 9, 0, 0, 0, time.Local))
	if name != "mailing-list-email-2026-12-02.csv" {
		t.Errorf("file name = %q", name)
	}
	n, err := privacy.WriteMailingList(ctx, db, privacy.ChannelEmail, privacy.FormatCSV, filepath.Join(out, name))
	must(t, err)
	b, _ := os.ReadFile(filepath.Join(out, name))
	want := "\ufeffname,email,language\r\nAlicja Klientka,alicja@example.pl,pl\r\nBeata Klientka,beata@example.pl,pl\r\n"
	if n != 2 || string(b) != want {
		t.Errorf("CSV (%d) = %q, want %q", n, b, want)
	}
	ev, _ := db.AuditLog(ctx, 1)
	if ev[0].Action != store.ListMailing || ev[0].Details["email"] != 2 || ev[0].SubjectID != 0 {
		t.Errorf("audit = %+v", ev[0])
	}
	vcf := filepath.Join(out, "list.vcf")
	_, err = privacy.WriteMailingList(ctx, db, privacy.ChannelSMS, privacy.FormatVCard, vcf)
	must(t, err)
	b, _ = os.ReadFile(vcf)
	if !bytes.Equal(b, []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Klientka;Halina;;;\r\nFN:Halina Klientka\r\nTEL;TYPE=CELL:+48601200301\r\n"+
		"X-KARTOTEKA-LANGUAGE:pl\r\nEND:VCARD\r\n")) {
		t.Errorf("vCard = %q", b)
	}
	// Never into the data folder, never over the database.
	if _, err := privacy.WriteMailingList(ctx, db, privacy.ChannelEmail, privacy.FormatCSV, filepath.Join(filepath.Dir(db.Path()), "list.csv")); !errors.Is(err, privacy.ErrExportInDataFolder) {
		t.Errorf("into the data folder: %v", err)
	}
	if _, err := privacy.WriteMailingList(ctx, db, privacy.ChannelEmail, privacy.FormatCSV, db.Path()+"-wal"); !errors.Is(err, store.ErrUnsafeOutput) {
		t.Errorf("over the WAL: %v", err)
	}
	// Only who may export.
	stylist, _ := db.CreateStaff(ctx, store.Staff{Name: "S", Role: "stylist"})
	if _, err := privacy.WriteMailingList(store.ActAs(ctx, stylist), db, privacy.ChannelEmail, privacy.FormatCSV, filepath.Join(out, "x.csv")); !errors.Is(err, store.ErrNotPermitted) {
		t.Errorf("a stylist's mailing list: %v", err)
	}
}

func TestWriteClientList(t *testing.T) {
	ctx := context.Background()
	s := newSalon(t) // Bożena, with an email consent
	restricted, _ := s.db.CreateClient(ctx, store.ClientInput{FirstName: "Rita", LastName: "Zastrzeżona"})
	must(t, s.db.SetRestriction(ctx, restricted, true, "objects"))
	formula, _ := s.db.CreateClient(ctx, store.ClientInput{FirstName: "=HYPERLINK(\"x\")", LastName: "Test"})
	all, err := s.db.Clients(ctx)
	must(t, err)
	path := filepath.Join(t.TempDir(), privacy.ClientListFileName(time.Now()))
	sum, err := privacy.WriteClientList(ctx, s.db, all, path)
	must(t, err)
	if sum.Clients != 3 || sum.Restricted != 1 {
		t.Errorf("summary = %+v", sum)
	}
	b, _ := os.ReadFile(path)
	text := string(b)
	if !strings.HasPrefix(text, "\ufeffid,first_name,last_name,phone,email,birth_date,address,language,created,last_visit,marketing_email,marketing_sms\r\n") ||
		!strings.Contains(text, "Wróblewska-Ærø,+48602111222,bozena.w@example.pl,1984-05-06") || strings.Contains(text, "Rita") ||
		strings.Contains(text, "PPD") || strings.Contains(text, "prefers mornings") || !strings.Contains(text, ",yes,no\r\n") ||
		!strings.Contains(text, `'=HYPERLINK`) {
		t.Errorf("client list:\n%s", text)
	}
	_ = formula
	ev, _ := s.db.AuditLog(ctx, 1)
	if ev[0].Action != store.ListClients || ev[0].Details["clients"] != 3 || ev[0].Details["restricted_left_out"] != 1 {
		t.Errorf("audit = %+v", ev[0])
	}
}

// TestMergeIntoForgottenCardSaysSo: a merge into a card forgotten
// meanwhile, with the proposal its preview made (the forgotten card has
// no name, so neither has the proposal), is refused for the rule — the
// card to keep is anonymized — and not as a form with an empty name.
func TestMergeIntoForgottenCardSaysSo(t *testing.T) {
	ctx := context.Background()
	s := newSalon(t)
	keep, err := s.db.CreateClient(ctx, store.ClientInput{FirstName: "Bożena", LastName: "Wróblewska"})
	must(t, err)
	_, err = s.db.Anonymize(ctx, keep, "test", func(store.ForgetFacts) error { return nil })
	must(t, err)
	p, err := privacy.PreviewMerge(ctx, s.db, keep, s.client)
	must(t, err)
	if len(p.Blocks) != 1 || !errors.Is(p.Blocks[0].Rule, privacy.ErrKeepAnonymized) {
		t.Fatalf("preview blocks = %+v", p.Blocks)
	}
	_, err = privacy.Merge(ctx, s.db, keep, s.client, store.MergeInput{Card: p.Proposed}, nil)
	if bs := privacy.BlocksIn(err); len(bs) != 1 || !errors.Is(bs[0].Rule, privacy.ErrKeepAnonymized) {
		t.Fatalf("merge into a forgotten card with its proposal: %v, want the rule", err)
	}
	if c, _ := s.db.Client(ctx, s.client); c.Anonymized {
		t.Fatal("a refused merge forgot the card")
	}
}

// TestMergeWarnsWhenAFileOutdatesAWithdrawal: a client unsubscribed, then
// an old list was imported again with "import anyway" (a card of its own,
// its consent as the file states it); merging the two would put them back
// on the mailing list on the file's word alone. The preview says so.
func TestMergeWarnsWhenAFileOutdatesAWithdrawal(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.Local)
	db, _ := createSalon(t, func() time.Time { return now })
	file := "Imię;Nazwisko;Telefon;E-mail;Zgoda email;Zgoda SMS\nEwa;Lis;601000001;ewa@lis.pl;tak;tak\n"
	_, err := db.ImportClients(ctx, strings.NewReader(file), store.ImportOptions{})
	must(t, err)
	now = now.Add(time.Hour)
	must(t, db.Unsubscribe(ctx, 1, store.ConsentMarketingEmail, "email"))
	now = now.Add(time.Hour)
	_, err = db.ImportClients(ctx, strings.NewReader(file), store.ImportOptions{OnDuplicate: store.OnDuplicateImport})
	must(t, err)
	p, err := privacy.PreviewMerge(ctx, db, 1, 2)
	must(t, err)
	if !slices.Equal(p.Revived, []string{store.ConsentMarketingEmail}) {
		t.Errorf("revived = %v, want the email consent alone (SMS was never withdrawn)", p.Revived)
	}
	// The client's own word after the file's ends the warning.
	now = now.Add(time.Hour)
	must(t, db.SetConsent(ctx, 2, store.ConsentMarketingEmail, true, "in_person", ""))
	if p, _ = privacy.PreviewMerge(ctx, db, 1, 2); len(p.Revived) != 0 {
		t.Errorf("revived after a consent given in person = %v", p.Revived)
	}
}

func TestRevivedConsents(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 1, 1, h, 0, 0, 0, time.UTC) }
	email := store.ConsentMarketingEmail
	rec := func(h int, given bool, ch string) store.Consent {
		return store.Consent{Kind: email, Given: given, At: at(h), Channel: ch}
	}
	for _, tc := range []struct {
		name    string
		history []store.Consent
		want    bool
	}{
		{"file only", []store.Consent{rec(1, true, store.ChannelImport)}, false},
		{"withdrawn last", []store.Consent{rec(1, true, store.ChannelImport), rec(2, false, "email")}, false},
		{"file after withdrawal", []store.Consent{rec(1, false, "email"), rec(2, true, store.ChannelImport)}, true},
		{"given in person after", []store.Consent{rec(1, false, "email"), rec(2, true, store.ChannelImport), rec(3, true, "in_person")}, false},
		{"file says no after", []store.Consent{rec(1, false, "email"), rec(2, true, store.ChannelImport), rec(3, false, store.ChannelImport)}, false},
	} {
		if got := len(privacy.RevivedConsents(tc.history)) == 1; got != tc.want {
			t.Errorf("%s: revived %v, want %v", tc.name, got, tc.want)
		}
	}
}
