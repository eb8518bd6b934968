package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.Local) }

// TestRequestLog records requests of a client and of a stranger, lists them
// by due day, extends and closes them, each write audited without a name.
func TestRequestLog(t *testing.T) {
	ctx := store.WithActor(context.Background(), "staff:1")
	f := storetest.NewFixture(t)
	db := f.DB
	late, err := db.CreateRequest(ctx, store.RequestInput{Kind: store.RequestAccess, Received: day(2026, 3, 10), Due: day(2026, 4, 10),
		ClientID: f.ClientID, IdentityCheck: "known_client", Channel: "email"})
	if err != nil {
		t.Fatal(err)
	}
	soon, err := db.CreateRequest(ctx, store.RequestInput{Kind: store.RequestErasure, Received: day(2026, 3, 1), Due: day(2026, 4, 1),
		RequesterName: "Jan Obcy", RequesterContact: "jan@example.com", Channel: "letter"})
	if err != nil {
		t.Fatal(err)
	}
	if ev := lastEvent(t, db); ev.Action != "request.create" || ev.SubjectID != soon || ev.Actor != "staff:1" {
		t.Errorf("audit of the creation: %+v", ev)
	}
	list, err := db.Requests(ctx, false)
	if err != nil || len(list) != 2 || list[0].ID != soon || list[1].ID != late {
		t.Fatalf("requests by due day: %+v, %v", list, err)
	}
	r := list[1]
	if r.ClientID != f.ClientID || r.RequesterName != "" || !r.Received.Equal(day(2026, 3, 10)) || !r.Due.Equal(day(2026, 4, 10)) ||
		r.Status != store.RequestOpen || r.Channel != "email" || r.IdentityCheck != "known_client" || r.IsClosed() {
		t.Errorf("the client's request: %+v", r)
	}

	// Extended, the earlier one moves behind the other.
	err = db.ExtendRequest(ctx, soon, func(r store.PrivacyRequest) (store.RequestExtension, error) {
		return store.RequestExtension{Months: 1, To: day(2026, 5, 1), Reason: "many records", Told: day(2026, 3, 20)}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if list, _ = db.Requests(ctx, false); list[0].ID != late || list[1].Status != store.RequestExtended || !list[1].DueBy().Equal(day(2026, 5, 1)) {
		t.Errorf("after the extension: %+v", list)
	}
	if ev := lastEvent(t, db); ev.Action != "request.extend" || ev.Details["months"] != 1 {
		t.Errorf("audit of the extension: %+v", ev)
	}

	if err := db.CloseRequest(ctx, late, store.RequestRefused, "", "", nil); !errors.Is(err, store.ErrRequired) {
		t.Errorf("refused without a reason: %v", err)
	}
	if err := db.CloseRequest(ctx, late, store.RequestDone, "data exported", "", nil); err != nil {
		t.Fatal(err)
	}
	if err := db.CloseRequest(ctx, late, store.RequestWithdrawn, "", "", nil); !errors.Is(err, store.ErrRequestClosed) {
		t.Errorf("closing twice: %v", err)
	}
	open, err := db.Requests(ctx, true)
	if err != nil || len(open) != 1 || open[0].ID != soon {
		t.Errorf("open requests: %+v, %v", open, err)
	}
	mine, err := db.ClientRequests(ctx, f.ClientID)
	if err != nil || len(mine) != 1 || mine[0].Outcome != store.RequestDone || mine[0].Status != store.RequestDone ||
		mine[0].Note != "data exported" || mine[0].Closed.IsZero() {
		t.Errorf("the client's requests: %+v, %v", mine, err)
	}
	for _, e := range auditText(t, db) {
		if strings.Contains(e, "Obcy") || strings.Contains(e, "jan@") {
			t.Errorf("personal data in the audit log: %s", e)
		}
	}
}

func auditText(t *testing.T, db *store.DB) []string {
	t.Helper()
	events, err := db.AuditLog(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range events {
		out = append(out, e.Action+" "+string(e.Actor)+" "+strings.Join(keys(e.Details), ","))
	}
	return out
}

func keys(m map[string]int) []string {
	var k []string
	for key := range m {
		k = append(k, key)
	}
	return k
}

// TestSecondExtensionTold: a first extension has no second day told; the
// second keeps the first day and records its own beside it.
func TestSecondExtensionTold(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	id, err := f.DB.CreateRequest(ctx, store.RequestInput{Kind: store.RequestAccess, Received: day(2026, 3, 2), Due: day(2026, 4, 2), ClientID: f.ClientID})
	if err != nil {
		t.Fatal(err)
	}
	extend := func(ext store.RequestExtension) error {
		return f.DB.ExtendRequest(ctx, id, func(store.PrivacyRequest) (store.RequestExtension, error) { return ext, nil })
	}
	var fe *store.FieldError
	if err := extend(store.RequestExtension{Months: 1, To: day(2026, 5, 2), Reason: "r", Told: day(2026, 3, 5), SecondTold: day(2026, 3, 6)}); !errors.As(err, &fe) || fe.Field != "told" {
		t.Errorf("a first extension with a second day told: %v, want a field error for told", err)
	}
	if err := extend(store.RequestExtension{Months: 1, To: day(2026, 5, 2), Reason: "r", Told: day(2026, 3, 5)}); err != nil {
		t.Fatal(err)
	}
	if err := extend(store.RequestExtension{Months: 2, To: day(2026, 6, 2), Reason: "r; s", Told: day(2026, 3, 5), SecondTold: day(2026, 3, 20)}); err != nil {
		t.Fatal(err)
	}
	if r, _ := f.DB.Request(ctx, id); !r.ExtensionTold.Equal(day(2026, 3, 5)) || !r.SecondExtensionTold.Equal(day(2026, 3, 20)) {
		t.Errorf("after the second extension: told %v, second %v", r.ExtensionTold, r.SecondExtensionTold)
	}
}

// TestRequestInputRefused: the fixed vocabularies, a client's request
// naming a person, a stranger's without name or contact, an unknown card.
func TestRequestInputRefused(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	base := store.RequestInput{Kind: store.RequestAccess, Received: day(2026, 3, 10), Due: day(2026, 4, 10), ClientID: f.ClientID}
	cases := []struct {
		name  string
		edit  func(*store.RequestInput)
		field string
	}{
		{"kind", func(in *store.RequestInput) { in.Kind = "gossip" }, "kind"},
		{"channel", func(in *store.RequestInput) { in.Channel = "pigeon" }, "channel"},
		{"identity", func(in *store.RequestInput) { in.IdentityCheck = "looked honest" }, "identity_check"},
		{"due before received", func(in *store.RequestInput) { in.Due = in.Received }, "due"},
		{"client and name", func(in *store.RequestInput) { in.RequesterName = "Zofia" }, "name"},
		{"no client, no name", func(in *store.RequestInput) { in.ClientID = 0; in.RequesterContact = "x@example.com" }, "name"},
		{"no client, no contact", func(in *store.RequestInput) { in.ClientID = 0; in.RequesterName = "Jan" }, "contact"},
		{"unknown card", func(in *store.RequestInput) { in.ClientID = 999 }, "client"},
	}
	for _, c := range cases {
		in := base
		c.edit(&in)
		_, err := f.DB.CreateRequest(ctx, in)
		var fe *store.FieldError
		if !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("%s: %v, want a field error for %s", c.name, err, c.field)
		}
	}
	if list, _ := f.DB.Requests(ctx, false); len(list) != 0 {
		t.Errorf("refused input recorded: %+v", list)
	}
}

// TestPurgeRequests deletes closed requests, with a stranger's name, and
// never an open one, however old.
func TestPurgeRequests(t *testing.T) {
	ctx := context.Background()
	clock := day(2022, 1, 10)
	db, _ := storetest.Create(t, store.Options{Now: func() time.Time { return clock }})
	oldOpen, _ := db.CreateRequest(ctx, store.RequestInput{Kind: store.RequestAccess, Received: day(2022, 1, 3), Due: day(2022, 2, 3),
		RequesterName: "Jan Obcy", RequesterContact: "jan@example.com"})
	closed, _ := db.CreateRequest(ctx, store.RequestInput{Kind: store.RequestErasure, Received: day(2022, 1, 3), Due: day(2022, 2, 3),
		RequesterName: "Ewa Obca", RequesterContact: "ewa@example.com"})
	if err := db.CloseRequest(ctx, closed, store.RequestDone, "", "", nil); err != nil {
		t.Fatal(err)
	}
	clock = day(2025, 1, 11)
	recent, _ := db.CreateRequest(ctx, store.RequestInput{Kind: store.RequestAccess, Received: day(2025, 1, 3), Due: day(2025, 2, 3),
		RequesterName: "Olga Nowa", RequesterContact: "olga@example.com"})
	if err := db.CloseRequest(ctx, recent, store.RequestWithdrawn, "", "", nil); err != nil {
		t.Fatal(err)
	}
	n, err := db.PurgeRequests(ctx, day(2022, 1, 11))
	if err != nil || n != 1 {
		t.Fatalf("purge = %d, %v", n, err)
	}
	list, _ := db.Requests(ctx, false)
	if len(list) != 2 || list[0].ID != oldOpen || list[1].ID != recent {
		t.Errorf("left after the purge: %+v", list)
	}
	if ev := lastEvent(t, db); ev.Action != "request.purge" || ev.Details["requests"] != 1 {
		t.Errorf("audit of the purge: %+v", ev)
	}
	if n, err := db.PurgeRequests(ctx, day(2022, 1, 11)); err != nil || n != 0 || lastEvent(t, db).Action != "request.purge" {
		t.Errorf("second purge = %d, %v", n, err)
	}
}

// TestForgetKeepsRequests: the erasure request stays on the anonymous card.
func TestForgetKeepsRequests(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	id, err := f.DB.CreateRequest(ctx, store.RequestInput{Kind: store.RequestErasure, Received: day(2026, 3, 10), Due: day(2026, 4, 10), ClientID: f.ClientID})
	if err != nil {
		t.Fatal(err)
	}
	e, err := f.DB.Anonymize(ctx, f.ClientID, "request", func(store.ForgetFacts) error { return nil })
	if err != nil || e.Requests != 1 {
		t.Fatalf("anonymize: %+v, %v", e, err)
	}
	r, err := f.DB.Request(ctx, id)
	if err != nil || r.ClientID != f.ClientID || r.Kind != store.RequestErasure || r.RequesterName != "" {
		t.Errorf("the erasure request after forgetting: %+v, %v", r, err)
	}
	if err := f.DB.CloseRequest(ctx, id, store.RequestDone, "forgotten", "", nil); err != nil {
		t.Errorf("closing the request of a forgotten client: %v", err)
	}
}
