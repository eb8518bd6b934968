package store_test

import (
	"context"
	"errors"
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

func TestDuplicatesOfSimilarName(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t) // Zofia Kowalska-Øster
	born, err := f.DB.CreateClient(ctx, store.ClientInput{FirstName: "Katarzyna", LastName: "Wiśniewska", BirthDate: "1990-04-02"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		in   store.ClientInput
		want []int64
	}{
		{"a typo in each word", store.ClientInput{FirstName: "Katarzina", LastName: "Wisnieska"}, []int64{born}},
		{"the words swapped", store.ClientInput{FirstName: "Kowalska-Øster", LastName: "Zofia"}, []int64{f.ClientID}},
		{"a typo, the same birth date", store.ClientInput{FirstName: "Katarzyna", LastName: "Wisniewsak", BirthDate: "1990-04-02"}, []int64{born}},
		{"a typo, another birth date", store.ClientInput{FirstName: "Katarzyna", LastName: "Wisniewsak", BirthDate: "1991-04-02"}, nil},
		{"two typos in one word", store.ClientInput{FirstName: "Katarzyna", LastName: "Wisnievsak"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := f.DB.DuplicatesOf(ctx, c.in, 0)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, d := range got {
				ids = append(ids, d.Client.ID)
				if !slices.Equal(d.Reasons, []string{store.DuplicateSimilarName}) {
					t.Errorf("reasons = %v, want similar_name alone", d.Reasons)
				}
			}
			if !slices.Equal(ids, c.want) {
				t.Errorf("duplicates = %v, want %v", ids, c.want)
			}
		})
	}
	// A card found for a stronger reason is not listed again as similar.
	got, _ := f.DB.DuplicatesOf(ctx, store.ClientInput{FirstName: "Zofja", LastName: "Kowalska-Øster", Phone: "601 234 567"}, 0)
	if len(got) != 1 || !slices.Equal(got[0].Reasons, []string{store.DuplicatePhone}) {
		t.Errorf("duplicates = %+v, want the phone alone", got)
	}
}

func TestDuplicateGroups(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t) // 1: Zofia Kowalska-Øster, +48601234567, zofia@example.com
	add := func(in store.ClientInput) int64 {
		t.Helper()
		id, err := f.DB.CreateClient(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	samePhone := add(store.ClientInput{FirstName: "Z.", LastName: "Kowalska", Phone: "+48 601 234 567"})
	sameEmail := add(store.ClientInput{FirstName: "Zosia", LastName: "K", Email: "ZOFIA@example.com"})
	ewa := add(store.ClientInput{FirstName: "Ewa", LastName: "Wiśniewska", BirthDate: "1990-04-02"})
	ewa2 := add(store.ClientInput{FirstName: "Wisniewska", LastName: "Ewa", BirthDate: "1990-04-02"}) // swapped
	kasia := add(store.ClientInput{FirstName: "Katarzyna", LastName: "Nowakowska"})
	kasia2 := add(store.ClientInput{FirstName: "Katarzyna", LastName: "Nowakowksa", Phone: "602 000 111"}) // a typo
	// Namesakes told apart by their birth dates, and other people.
	add(store.ClientInput{FirstName: "Jan", LastName: "Nowak", BirthDate: "1970-01-01"})
	add(store.ClientInput{FirstName: "Jan", LastName: "Nowak", BirthDate: "1980-01-01"})
	add(store.ClientInput{FirstName: "Anna", LastName: "Nowak"})
	add(store.ClientInput{FirstName: "Anna", LastName: "Kowal"})
	gone := add(store.ClientInput{FirstName: "Katarzyna", LastName: "Nowakowska"})
	if _, err := f.DB.Anonymize(ctx, gone, "test", func(store.ForgetFacts) error { return nil }); err != nil {
		t.Fatal(err)
	}
	groups, err := f.DB.DuplicateGroups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type group struct {
		ids     []int64
		reasons []string
	}
	want := []group{
		{[]int64{f.ClientID, samePhone, sameEmail}, []string{store.DuplicatePhone, store.DuplicateEmail}},
		{[]int64{ewa, ewa2}, []string{store.DuplicateNameBirth}},
		{[]int64{kasia, kasia2}, []string{store.DuplicateSimilarName}},
	}
	var got []group
	for _, g := range groups {
		var ids []int64
		for _, c := range g.Clients {
			ids = append(ids, c.ID)
			if c.FirstName == "" {
				t.Errorf("group card %d without its details", c.ID)
			}
		}
		got = append(got, group{ids, g.Reasons})
		for _, l := range g.Links {
			if l.A >= l.B || len(l.Reasons) == 0 {
				t.Errorf("link %+v", l)
			}
		}
	}
	if !slices.EqualFunc(got, want, func(a, b group) bool { return slices.Equal(a.ids, b.ids) && slices.Equal(a.reasons, b.reasons) }) {
		t.Errorf("groups = %+v, want %+v", got, want)
	}
	// Only who may see every card finds them.
	stylist, _ := f.DB.CreateStaff(ctx, store.Staff{Name: "S", Role: "stylist"})
	if _, err := f.DB.DuplicateGroups(store.ActAs(ctx, stylist)); !errors.Is(err, store.ErrNotPermitted) {
		t.Errorf("a stylist found duplicates: %v", err)
	}
}

// TestDuplicatesOfLikeliestFirst: the card with the same phone and name
// comes before one that only shares the phone (a family's number), whatever
// their names' order.
func TestDuplicatesOfLikeliestFirst(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t) // Zofia Kowalska-Øster, +48601234567, zofia@example.com
	mother, err := f.DB.CreateClient(ctx, store.ClientInput{FirstName: "Anna", LastName: "Abacka", Phone: "601 234 567"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.DB.DuplicatesOf(ctx, store.ClientInput{FirstName: "Zofia", LastName: "Kowalska-Øster", Phone: "0048 601 234 567"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Client.ID != f.ClientID || got[1].Client.ID != mother {
		t.Errorf("duplicates = %+v, want the same person first, then the shared phone", got)
	}
}
