package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"kartoteka/store"
)

// TestImportMergesIntoTheCard: a row that matches one card adds what the
// card lacks and never overwrites it; a consent the file states is recorded
// only where the card has none of its kind, so a withdrawal stays; rows
// that match a restricted card, several cards or only an earlier row
// cannot be merged and wait for skip or import.
func TestImportMergesIntoTheCard(t *testing.T) {
	ctx := context.Background()
	db := importSalon(t, "PL")
	anna, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Anna", LastName: "Nowak", Phone: "601 000 001", Notes: "Farba 6.1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetConsent(ctx, anna, store.ConsentMarketingEmail, false, "in_person", ""); err != nil {
		t.Fatal(err)
	}
	file := "Imię;Nazwisko;Telefon;E-mail;Data urodzenia;Zgoda e-mail;Zgoda SMS;Uwagi\n" +
		"Anna;Nowak;601000001;anna@example.pl;15.03.1985;tak;tak;Alergia na lateks\n" + // 2: Anna's phone
		"Jan;Lis;602000002;;;;;\n" // 3: new
	rep, err := db.ImportClients(ctx, strings.NewReader(file), store.ImportOptions{OnDuplicate: store.OnDuplicateMerge})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if rep.Merged != 1 || rep.Imported != 1 || rep.Consents != 1 {
		t.Errorf("merged %d, imported %d, consents %d; want 1, 1, 1", rep.Merged, rep.Imported, rep.Consents)
	}
	if n, _ := db.LiveClientCount(ctx); n != 2 {
		t.Errorf("%d cards, want 2 (Anna merged, Jan new)", n)
	}
	c, err := db.Client(ctx, anna)
	if err != nil {
		t.Fatal(err)
	}
	if c.Phone != "+48601000001" || c.Email != "anna@example.pl" || c.BirthDate != "1985-03-15" {
		t.Errorf("card after merge: phone %q email %q birth %q", c.Phone, c.Email, c.BirthDate)
	}
	if !strings.Contains(c.Notes, "Farba 6.1") || !strings.Contains(c.Notes, "Alergia na lateks") {
		t.Errorf("notes after merge: %q, want both", c.Notes)
	}
	history, _ := db.Consents(ctx, anna)
	latest := map[string]store.Consent{}
	for _, h := range history {
		latest[h.Kind] = h
	}
	if e := latest[store.ConsentMarketingEmail]; e.Given || e.Channel == store.ChannelImport {
		t.Errorf("the file undid the client's withdrawal of email marketing: %+v", e)
	}
	if s := latest[store.ConsentMarketingSMS]; !s.Given || s.Channel != store.ChannelImport {
		t.Errorf("SMS consent the file states, where the card had none: %+v", s)
	}

	// A restricted card, two cards with one phone, and a row that only
	// matches the row before it cannot be merged.
	if err := db.SetRestriction(ctx, anna, true, "sprzeciw"); err != nil {
		t.Fatal(err)
	}
	db.CreateClient(ctx, store.ClientInput{FirstName: "Ewa", LastName: "Bąk", Phone: "603 000 003"})
	db.CreateClient(ctx, store.ClientInput{FirstName: "Ewa", LastName: "Bąk", Phone: "603 000 003"})
	file = "Imię;Nazwisko;Telefon\n" +
		"Anna;Nowak;601000001\n" + // 2: restricted
		"Ewa;Bąk;603000003\n" + // 3: two cards
		"Olga;Sowa;604000004\n" + // 4: new
		"Olga;Sowa;604000004\n" // 5: the row before
	rep, err = db.ImportClients(ctx, strings.NewReader(file), store.ImportOptions{OnDuplicate: store.OnDuplicateMerge, DryRun: true})
	if !errors.Is(err, store.ErrImportDuplicates) {
		t.Fatalf("err = %v, want the rows that cannot be merged undecided", err)
	}
	why := map[int]string{}
	for _, r := range rep.Duplicates() {
		if r.Action != "" {
			t.Errorf("line %d: action %q, want undecided", r.Line, r.Action)
		}
		why[r.Line] = r.CannotMerge
	}
	want := map[int]string{2: store.CannotMergeRestricted, 3: store.CannotMergeSeveral, 5: store.CannotMergeRow}
	for line, w := range want {
		if why[line] != w {
			t.Errorf("line %d: cannot merge %q, want %q", line, why[line], w)
		}
	}
}

// TestImportMergeOnlyIntoTheSameName: a row that shares only a phone (or
// an email) with a card of another name — a daughter on her mother's
// number — is not merged into it: her email, notes and consent would become
// the mother's. A name typed with a typo or the other way round still
// merges.
func TestImportMergeOnlyIntoTheSameName(t *testing.T) {
	ctx := context.Background()
	db := importSalon(t, "PL")
	mother, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Łucja", LastName: "Wąsowska", Phone: "601 234 567"})
	if err != nil {
		t.Fatal(err)
	}
	file := "Imię;Nazwisko;Telefon;E-mail;Zgoda e-mail;Uwagi\n" +
		"Anna;Testowa;601234567;anna@t.pl;tak;córka\n"
	rep, err := db.ImportClients(ctx, strings.NewReader(file), store.ImportOptions{OnDuplicate: store.OnDuplicateMerge})
	if !errors.Is(err, store.ErrImportDuplicates) || len(rep.Accepted) != 1 || rep.Accepted[0].CannotMerge != store.CannotMergeOtherName {
		t.Fatalf("merge of another name = %+v, %v; want it refused as another name", rep.Accepted, err)
	}
	c, _ := db.Client(ctx, mother)
	consents, _ := db.Consents(ctx, mother)
	if c.Email != "" || c.Notes != "" || len(consents) != 0 {
		t.Errorf("the mother's card took the daughter's row: %+v, consents %+v", c, consents)
	}
	typo := "Imię;Nazwisko;Telefon;E-mail\nWasowska;Lucja;601234567;lucja@example.pl\n"
	if rep, err := db.ImportClients(ctx, strings.NewReader(typo), store.ImportOptions{OnDuplicate: store.OnDuplicateMerge}); err != nil || rep.Merged != 1 {
		t.Errorf("the same name, folded and the other way round = %+v, %v; want it merged", rep, err)
	}
	// The card's own history says an import changed it, and how much.
	events, err := db.AuditLog(ctx, 5)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, ev := range events {
		if ev.Action == "client.update" && ev.SubjectID == mother && ev.Details["import_line"] == 2 && ev.Details["fields_filled"] == 1 {
			found = true
		}
	}
	if !found {
		t.Errorf("no client.update on the card the import merged into: %+v", events)
	}
}
