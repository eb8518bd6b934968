package privacy_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"kartoteka/privacy"
	"kartoteka/store"
)

func TestRestrictedIsOneErrorForBothPackages(t *testing.T) {
	ctx := context.Background()
	s := newSalon(t)
	must(t, s.db.SetRestriction(ctx, s.client, true, "legal claim pending"))
	_, err := s.db.CreateBooking(ctx, store.BookingInput{ClientID: s.client, StaffID: s.staff, ServiceID: s.svc, Start: time.Now().AddDate(0, 0, 3).Truncate(time.Hour)})
	if !errors.Is(err, privacy.ErrRestricted) || !errors.Is(err, store.ErrRestricted) {
		t.Errorf("booking a restricted client: %v", err)
	}
	_, err = privacy.Forget(ctx, s.db, s.client, "request", nil)
	if !errors.Is(err, store.ErrRestricted) {
		t.Errorf("forgetting a restricted client: %v", err)
	}
}

func TestForgetListsEveryBlock(t *testing.T) {
	ctx := context.Background()
	s := newSalon(t)
	must(t, s.db.SetRestriction(ctx, s.client, true, "legal claim pending"))
	future, err := s.db.CreateBooking(ctx, store.BookingInput{ClientID: s.client, StaffID: s.staff, ServiceID: s.svc,
		Start: time.Now().AddDate(0, 0, 7).Truncate(time.Hour), Basis: store.BasisLegalClaim})
	must(t, err)

	p, err := privacy.PreviewForget(ctx, s.db, s.client)
	must(t, err)
	if len(p.Blocks) != 2 || !errors.Is(p.Blocks[0], privacy.ErrRestricted) || !errors.Is(p.Blocks[1], privacy.ErrUpcomingBookings) ||
		!slices.Equal(p.Blocks[1].Bookings, []int64{future}) {
		t.Fatalf("blocks = %v, want the restriction and the upcoming booking", p.Blocks)
	}
	if p.Blocked != p.Blocks[0] {
		t.Errorf("Blocked = %v, want the first of Blocks", p.Blocked)
	}

	_, err = privacy.Forget(ctx, s.db, s.client, "request", nil)
	if !errors.Is(err, privacy.ErrRestricted) || !errors.Is(err, privacy.ErrUpcomingBookings) {
		t.Errorf("forget = %v, want both rules", err)
	}
	var be *privacy.BlockedError
	if !errors.As(err, &be) || be.Rule != privacy.ErrRestricted {
		t.Errorf("errors.As finds %v, want the first block", be)
	}
	if bs := privacy.BlocksIn(err); len(bs) != 2 || bs[1].Bookings[0] != future {
		t.Errorf("BlocksIn = %v", bs)
	}
	if c, _ := s.db.Client(ctx, s.client); c.Anonymized {
		t.Fatal("a blocked forget changed the card")
	}

	// One way out taken, one block left: the error is that block alone.
	must(t, s.db.SetRestriction(ctx, s.client, false, "claim settled"))
	_, err = privacy.Forget(ctx, s.db, s.client, "request", nil)
	if bs := privacy.BlocksIn(err); len(bs) != 1 || !errors.As(err, &be) || be.Rule != privacy.ErrUpcomingBookings {
		t.Errorf("forget with one block = %v", err)
	}
	must(t, s.db.CancelBooking(ctx, future, ""))
	if _, err := privacy.Forget(ctx, s.db, s.client, "request", nil); err != nil {
		t.Fatal(err)
	}
	// An anonymized card is blocked by that alone.
	p, err = privacy.PreviewForget(ctx, s.db, s.client)
	must(t, err)
	if len(p.Blocks) != 1 || !errors.Is(p.Blocked, privacy.ErrAlreadyAnonymized) {
		t.Errorf("blocks of a forgotten card = %v", p.Blocks)
	}
	if bs := privacy.BlocksIn(errors.New("disk full")); len(bs) != 0 {
		t.Errorf("BlocksIn of another error = %v", bs)
	}
}

// Text typed into a draft about a client, in two versions, is found in the
// file before Forget and nowhere after it; a hold does not stop forgetting
// by hand, and the restriction history goes too.
func TestForgetLeavesNoTraceOfDrafts(t *testing.T) {
	ctx := context.Background()
	s := newSalon(t)
	typed := []string{"Bozena mentioned her divorce lawyer Kwiatkowski-Ørnsholt", "Bozena mentioned her divorce lawyer Kwiatkowski-Ørnsholt, 2nd visit"}
	for _, text := range typed {
		must(t, s.db.SaveDraft(ctx, store.Draft{Key: "client-card", ClientID: s.client, Data: []byte(`{"notes":"` + text + `"}`)}))
	}
	must(t, s.db.SaveDraft(ctx, store.Draft{Key: "booking-form", ClientID: s.client, Data: []byte("Ørnsholt-Wrocławska booking draft")}))
	must(t, s.db.SetRestriction(ctx, s.client, true, "contests the invoice of Ørnsholt-Wrocławska"))
	must(t, s.db.SetRestriction(ctx, s.client, false, "settled with Ørnsholt-Wrocławska"))
	must(t, s.db.SetRetentionHold(ctx, s.client, true, "keeps coming back"))

	typedTraces := []privacy.Trace{{Kind: "draft", Value: "Kwiatkowski-Ørnsholt"}, {Kind: "draft", Value: "Ørnsholt-Wrocławska"}}
	before, err := privacy.VerifyErased(ctx, s.db, typedTraces, nil)
	must(t, err)
	if before.Found < 4 { // two drafts, two restriction reasons
		t.Fatalf("what was typed is found %d times before forgetting: the proof would prove nothing", before.Found)
	}

	res, err := privacy.Forget(ctx, s.db, s.client, "request", nil)
	if err != nil {
		t.Fatalf("forget a held client: %v", err)
	}
	if res.Erased.Drafts != 2 || res.Erased.Restrictions != 2 {
		t.Errorf("erased = %+v", res.Erased)
	}
	if res.Proof.Found != 0 {
		t.Errorf("proof = %+v", res.Proof)
	}
	after, err := privacy.VerifyErased(ctx, s.db, typedTraces, nil)
	must(t, err)
	if after.Found != 0 || after.Pages == 0 {
		t.Errorf("the drafts left %d traces in %d pages", after.Found, after.Pages)
	}
	if d, _ := s.db.Drafts(ctx); len(d) != 0 {
		t.Errorf("drafts left: %+v", d)
	}
	if c, _ := s.db.Client(ctx, s.client); c.RetentionHold != "" {
		t.Error("the hold's reason survived")
	}
}
