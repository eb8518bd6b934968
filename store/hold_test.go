package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

func TestRetentionHold(t *testing.T) {
	ctx := context.Background()
	clock := time.Date(2026, 2, 1, 10, 0, 0, 0, time.Local)
	db, _ := storetest.Create(t, store.Options{Now: func() time.Time { return clock }})
	id, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Jan", LastName: "Nowak"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetRetentionHold(ctx, id, true, "  "); !errors.Is(err, store.ErrRequired) {
		t.Errorf("a hold without a reason: %v", err)
	}
	if err := db.SetRetentionHold(ctx, 999, true, "regular"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a hold on a missing card: %v", err)
	}
	reason := "comes twice a year, asked us to keep her card"
	if err := db.SetRetentionHold(ctx, id, true, reason); err != nil {
		t.Fatal(err)
	}
	c, _ := db.Client(ctx, id)
	if c.RetentionHold != reason || !c.RetentionHoldAt.Equal(clock) {
		t.Errorf("held card = %q since %v", c.RetentionHold, c.RetentionHoldAt)
	}
	if ev := lastEvent(t, db); ev.Action != "client.retention_hold" || ev.SubjectID != id || len(ev.Details) != 0 {
		t.Errorf("audit event = %+v", ev)
	}
	facts, err := db.RetentionFacts(ctx, clock, store.PolicyLastVisit)
	if err != nil || len(facts) != 1 || !facts[0].Held {
		t.Errorf("retention facts = %+v, %v", facts, err)
	}
	if f, err := db.ForgetFacts(ctx, id); err != nil || !f.Held {
		t.Errorf("forget facts = %+v, %v", f, err)
	}
	if err := db.SetRetentionHold(ctx, id, false, ""); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.Client(ctx, id); c.RetentionHold != "" || !c.RetentionHoldAt.IsZero() {
		t.Errorf("released card = %+v", c)
	}
	if ev := lastEvent(t, db); ev.Action != "client.retention_release" {
		t.Errorf("audit event = %+v", ev)
	}
	if facts, _ := db.RetentionFacts(ctx, clock, store.PolicyBookingEnd); facts[0].Held {
		t.Error("released, yet held")
	}

	// Forgetting clears the hold, and a forgotten card cannot be held.
	if err := db.SetRetentionHold(ctx, id, true, reason); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Anonymize(ctx, id, "test", func(store.ForgetFacts) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.Client(ctx, id); c.RetentionHold != "" || !c.RetentionHoldAt.IsZero() {
		t.Errorf("forgotten card keeps its hold: %+v", c)
	}
	if err := db.SetRetentionHold(ctx, id, true, reason); !errors.Is(err, store.ErrAnonymized) {
		t.Errorf("a hold on a forgotten card: %v", err)
	}
}
