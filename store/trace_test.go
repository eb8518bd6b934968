package store_test

import (
	"bytes"
	"context"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// Renaming a client leaves no trace of the old name, phone, email, address
// or notes in any page of the decrypted database or WAL, free pages
// included: the search and name indexes are built so that Forget can erase
// for good.
func TestReplacedDetailsLeaveNoTrace(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	old := store.ClientInput{FirstName: "Bożydar", LastName: "Przybyszewski-Ørsted", Phone: "601 777 888", Email: "bozydar.ørsted@example.com",
		Address: "ul. Wrzosowa 19", Notes: "likes jasmine tea", HealthNotes: "latex allergy", HealthConsentChannel: "paper"}
	var id int64
	var err error
	for i := 0; i < 3; i++ { // few: no segment merge may hide a leftover
		in := store.ClientInput{FirstName: "Inna", LastName: "Osoba", Email: "inna@example.com"}
		if i == 1 {
			in = old
		}
		got, err := db.CreateClient(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			id = got
		}
	}
	traces := []string{"Przybyszewski", "przybyszewski", "rsted", "601777888", "48601777888", "bozydar", "Bożydar", "Wrzosowa", "jasmine", "latex"}
	count := func() int { return tracesIn(t, db, traces) }
	if n := count(); n == 0 {
		t.Fatal("the scan does not see the details while they are stored")
	}
	if err = db.UpdateClient(ctx, id, store.ClientInput{FirstName: "Jan", LastName: "Nowak"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.SearchClients(ctx, "przybyszewski", 10); len(got) != 0 {
		t.Errorf("the old name is still found by search")
	}
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 0 {
		t.Errorf("%d traces of the old details remain in the decrypted pages", n)
	}
}

// Forgetting a client leaves none of the card's words in any page, the name
// index's copy of the card included.
func TestForgottenCardLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	id, err := f.DB.CreateClient(ctx, store.ClientInput{FirstName: "Bożydar", LastName: "Przybyszewski", Phone: "601 777 888",
		Address: "ul. Wrzosowa 19", Notes: "likes jasmine tea", HealthNotes: "latex allergy", HealthConsentChannel: "paper"})
	if err != nil {
		t.Fatal(err)
	}
	traces := []string{"Przybyszewski", "przybyszewski", "601777888", "Wrzosowa", "jasmine", "latex"}
	count := func() int { return tracesIn(t, f.DB, traces) }
	if n := count(); n == 0 {
		t.Fatal("the scan does not see the card while it is stored")
	}
	if _, err := f.DB.Anonymize(ctx, id, "test", func(store.ForgetFacts) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if err := f.DB.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 0 {
		t.Errorf("%d traces of the forgotten card remain in the decrypted pages", n)
	}
}

// tracesIn counts the traces in every decrypted page of db and its WAL.
func tracesIn(t *testing.T, db *store.DB, traces []string) int {
	t.Helper()
	n := 0
	err := db.ScanPlaintext(context.Background(), func(_ string, _ int64, b []byte) error {
		for _, s := range traces {
			n += bytes.Count(b, []byte(s))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Closing the request of someone who is not a client erases their contact,
// needed only to answer them, from every page once the WAL is checkpointed;
// their name stays as evidence of whom the salon answered, until the purge.
func TestClosedRequestLeavesNoContact(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	var ids []int64
	for _, contact := range []string{"jan.obcy@example.com", "+48 601 555 444", "ul. Różana 7, Kraków"} {
		id, err := f.DB.CreateRequest(ctx, store.RequestInput{Kind: store.RequestAccess, Received: day(2026, 3, 1), Due: day(2026, 4, 1),
			RequesterName: "Jan Obcy", RequesterContact: contact})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	contacts := []string{"jan.obcy@", "601 555 444", "Różana"}
	if n := tracesIn(t, f.DB, contacts); n == 0 {
		t.Fatal("the scan does not see the contacts while they are stored")
	}
	for i, outcome := range store.RequestOutcomes {
		reason := ""
		if outcome == store.RequestRefused {
			reason = "manifestly unfounded"
		}
		if err := f.DB.CloseRequest(ctx, ids[i], outcome, "", reason, nil); err != nil {
			t.Fatal(err)
		}
		if r, err := f.DB.Request(ctx, ids[i]); err != nil || r.RequesterContact != "" || r.RequesterName != "Jan Obcy" {
			t.Errorf("closed %s: name %q, contact %q, %v; want the name kept, the contact erased", outcome, r.RequesterName, r.RequesterContact, err)
		}
	}
	if err := f.DB.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if n := tracesIn(t, f.DB, contacts); n != 0 {
		t.Errorf("%d traces of the contacts remain in the decrypted pages after closing", n)
	}
	if n := tracesIn(t, f.DB, []string{"Jan Obcy"}); n == 0 {
		t.Error("the name is gone with the contact")
	}
}
