package store_test

import (
	"context"
	"slices"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

func TestDuplicatesOf(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t) // Zofia Kowalska-Øster, +48601234567, zofia@example.com
	add := func(in store.ClientInput) int64 {
		t.Helper()
		id, err := f.DB.CreateClient(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	born := add(store.ClientInput{FirstName: "Ewa", LastName: "Wiśniewska", BirthDate: "1990-04-02", Email: "ewa@example.pl"})
	namesake := add(store.ClientInput{FirstName: "Ewa", LastName: "Wisniewska", BirthDate: "1971-11-30"})
	gone := add(store.ClientInput{FirstName: "Piotr", LastName: "Lis", Phone: "+48 602 000 111"})
	if _, err := f.DB.Anonymize(ctx, gone, "test", func(store.ForgetFacts) error { return nil }); err != nil {
		t.Fatal(err)
	}
	type match struct {
		id      int64
		reasons []string
	}
	cases := []struct {
		name   string
		in     store.ClientInput
		except int64
		want   []match
	}{
		{"the phone typed as people do", store.ClientInput{FirstName: "Z", LastName: "K", Phone: "601-234-567"}, 0,
			[]match{{f.ClientID, []string{store.DuplicatePhone}}}},
		{"the email in capitals", store.ClientInput{Email: " ZOFIA@Example.com "}, 0,
			[]match{{f.ClientID, []string{store.DuplicateEmail}}}},
		{"the name folded", store.ClientInput{FirstName: "zofia", LastName: "KOWALSKA-OSTER"}, 0,
			[]match{{f.ClientID, []string{store.DuplicateName}}}},
		{"everything at once", store.ClientInput{FirstName: "Zofia", LastName: "Kowalska-Øster", Phone: "+48601234567", Email: "zofia@example.com"}, 0,
			[]match{{f.ClientID, []string{store.DuplicatePhone, store.DuplicateEmail, store.DuplicateName}}}},
		{"the card itself is left out", store.ClientInput{FirstName: "Zofia", LastName: "Kowalska-Øster", Phone: "+48601234567"}, f.ClientID, nil},
		{"name and birth date, and a namesake born another day", store.ClientInput{FirstName: "Ewa", LastName: "Wiśniewska", BirthDate: "1990-04-02"}, 0,
			[]match{{born, []string{store.DuplicateNameBirth}}, {namesake, []string{store.DuplicateName}}}},
		{"a name without a birth date", store.ClientInput{FirstName: "EWA", LastName: "wisniewska"}, 0,
			[]match{{born, []string{store.DuplicateName}}, {namesake, []string{store.DuplicateName}}}},
		{"a forgotten card never matches", store.ClientInput{FirstName: "Piotr", LastName: "Lis", Phone: "602000111"}, 0, nil},
		{"a bad phone matches nothing", store.ClientInput{Phone: "12"}, 0, nil},
		{"a bad email matches nothing", store.ClientInput{Email: "zofia@@example.com"}, 0, nil},
		{"a bad birth date is ignored", store.ClientInput{FirstName: "Ewa", LastName: "Wiśniewska", BirthDate: "1990-02-30"}, 0,
			[]match{{born, []string{store.DuplicateName}}, {namesake, []string{store.DuplicateName}}}},
		{"a first name alone", store.ClientInput{FirstName: "Ewa"}, 0, nil},
		{"nothing typed", store.ClientInput{}, 0, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := f.DB.DuplicatesOf(ctx, c.in, c.except)
			if err != nil {
				t.Fatal(err)
			}
			var gotM []match
			for _, d := range got {
				gotM = append(gotM, match{d.Client.ID, d.Reasons})
			}
			if !slices.EqualFunc(gotM, c.want, func(a, b match) bool { return a.id == b.id && slices.Equal(a.reasons, b.reasons) }) {
				t.Errorf("duplicates = %+v, want %+v", gotM, c.want)
			}
		})
	}
}
