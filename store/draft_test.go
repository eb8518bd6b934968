package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

func TestDrafts(t *testing.T) {
	ctx := context.Background()
	clock := time.Date(2026, 2, 1, 10, 0, 0, 0, time.Local)
	db, _ := storetest.Create(t, store.Options{Now: func() time.Time { return clock }})
	zofia, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Zofia", LastName: "Nowak"})
	if err != nil {
		t.Fatal(err)
	}
	events, _ := db.AuditLog(ctx, 0)
	save := func(d store.Draft) {
		t.Helper()
		if err := db.SaveDraft(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	save(store.Draft{Key: "client:1", ClientID: zofia, Data: []byte(`{"notes":"first words"}`)})
	clock = clock.Add(time.Minute)
	save(store.Draft{Key: "new-client", Data: []byte(`{"first":"Ewa"}`)})
	clock = clock.Add(time.Minute)
	save(store.Draft{Key: "client:1", ClientID: zofia, Data: []byte(`{"notes":"first words, then more"}`)}) // replaces it
	save(store.Draft{Key: "booking:new", Data: nil, Saved: clock.Add(-time.Hour)})

	got, err := db.Drafts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.Draft{
		{Key: "booking:new", Data: []byte{}, Saved: clock.Add(-time.Hour)},
		{Key: "new-client", Data: []byte(`{"first":"Ewa"}`), Saved: clock.Add(-time.Minute)},
		{Key: "client:1", ClientID: zofia, Data: []byte(`{"notes":"first words, then more"}`), Saved: clock},
	}
	if len(got) != len(want) {
		t.Fatalf("drafts = %+v", got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Key != w.Key || g.ClientID != w.ClientID || string(g.Data) != string(w.Data) || !g.Saved.Equal(w.Saved) {
			t.Errorf("drafts[%d] = %+v, want %+v", i, g, w)
		}
	}
	if err := db.SaveDraft(ctx, store.Draft{Key: " ", Data: []byte("x")}); !errors.Is(err, store.ErrRequired) {
		t.Errorf("a draft without a key: %v", err)
	}
	if err := db.SaveDraft(ctx, store.Draft{Key: "client:999", ClientID: 999, Data: []byte("x")}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a draft about a missing client: %v", err)
	}

	if err := db.DeleteDraft(ctx, "new-client"); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteDraft(ctx, "new-client"); err != nil {
		t.Errorf("deleting a draft twice: %v", err)
	}
	if got, _ := db.Drafts(ctx); len(got) != 2 {
		t.Errorf("after deleting one: %+v", got)
	}
	if after, _ := db.AuditLog(ctx, 0); len(after) != len(events) {
		t.Errorf("drafts were audited: %d events, want %d", len(after), len(events))
	}
	if err := db.DeleteDrafts(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Drafts(ctx); len(got) != 0 {
		t.Errorf("after deleting all: %+v", got)
	}
}

func TestAnonymizeRemovesDraftsAndRestrictionHistory(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	other, err := f.DB.CreateClient(ctx, store.ClientInput{FirstName: "Ida", LastName: "Lund"})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []store.Draft{
		{Key: "client", ClientID: f.ClientID, Data: []byte("notes being typed")},
		{Key: "booking", ClientID: f.ClientID, Data: []byte("a booking being made")},
		{Key: "other", ClientID: other, Data: []byte("Ida's card")},
		{Key: "new-client", Data: []byte("someone new")},
	} {
		if err := f.DB.SaveDraft(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	for _, on := range []bool{true, false} {
		if err := f.DB.SetRestriction(ctx, f.ClientID, on, "contests the data"); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.DB.SetRestriction(ctx, other, true, "objection"); err != nil {
		t.Fatal(err)
	}
	e, err := f.DB.Anonymize(ctx, f.ClientID, "test", func(store.ForgetFacts) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if e.Drafts != 2 || e.Restrictions != 2 {
		t.Errorf("erased = %+v, want 2 drafts and 2 restriction changes", e)
	}
	if ev := lastEvent(t, f.DB); ev.Action != "client.forget" || ev.Details["drafts"] != 2 || ev.Details["restriction_history"] != 2 {
		t.Errorf("forget event = %+v", ev)
	}
	drafts, _ := f.DB.Drafts(ctx)
	if len(drafts) != 2 || drafts[0].Key != "other" && drafts[1].Key != "other" {
		t.Errorf("drafts left = %+v, want the other client's and the new client's", drafts)
	}
	if h, _ := f.DB.RestrictionHistory(ctx, f.ClientID); len(h) != 0 {
		t.Errorf("restriction history kept: %+v", h)
	}
	if h, _ := f.DB.RestrictionHistory(ctx, other); len(h) != 1 {
		t.Errorf("the other client's history = %+v", h)
	}
	if err := f.DB.SaveDraft(ctx, store.Draft{Key: "late", ClientID: f.ClientID, Data: []byte("x")}); !errors.Is(err, store.ErrAnonymized) {
		t.Errorf("a draft about a forgotten client: %v", err)
	}
}
