package privacy_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"kartoteka/privacy"
	"kartoteka/store"
	"kartoteka/store/storetest"
)

// salonAt builds the cast of the retention scenarios, relative to now (the
// store checks upcoming bookings against the real clock): each client is
// named by what the scenarios expect of them.
type cast struct {
	db                                                 *store.DB
	staff, svc                                         int64
	oldVisit, recentVisit, boundary, neverSeen, newbie int64
	restricted, upcoming, dueSoon                      int64
	mixed                                              int64 // a client with old and recent bookings
	oldPaid, oldUnpaid, recentBooking                  int64 // the mixed client's bookings
	oldInvoice, newInvoice                             int64
}

func newCast(t *testing.T, now time.Time) *cast {
	t.Helper()
	ctx := context.Background()
	f := storetest.NewFixture(t)
	c := &cast{db: f.DB, staff: f.Staff, svc: f.Service}
	at := func(months int) time.Time { return now.AddDate(0, -months, 0) }
	client := func(name string, created time.Time) int64 {
		var id int64
		err := f.DB.Batch(ctx, "test.client", func(b *store.Batch) error {
			b.SetClock(created)
			var err error
			id, err = b.CreateClient(store.ClientInput{FirstName: "Klient", LastName: name})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	book := func(client int64, start time.Time, status string, notes string) int64 {
		id, err := f.DB.CreateBooking(ctx, store.BookingInput{ClientID: client, StaffID: c.staff, ServiceID: c.svc, Start: start, Status: status, Notes: notes})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	pay := func(client, booking int64) {
		if _, err := f.DB.CreatePayment(ctx, store.PaymentInput{ClientID: client, BookingID: booking, Amount: 12000}); err != nil {
			t.Fatal(err)
		}
	}
	old := at(40)
	c.oldVisit = client("Dawno", old)
	book(c.oldVisit, at(13), store.StatusCompleted, "")
	c.recentVisit = client("Niedawno", old)
	book(c.recentVisit, at(11), store.StatusCompleted, "")
	c.boundary = client("Granica", old)
	book(c.boundary, at(12).Add(-time.Hour), store.StatusCompleted, "") // its twelve months end an hour before now
	c.neverSeen = client("Nigdy", at(13))
	c.newbie = client("Nowa", at(2))
	c.restricted = client("Wstrzymana", old)
	book(c.restricted, at(20), store.StatusCompleted, "")
	if err := f.DB.SetRestriction(ctx, c.restricted, true, "dispute"); err != nil {
		t.Fatal(err)
	}
	c.upcoming = client("Przyszła", old)
	book(c.upcoming, at(21), store.StatusCompleted, "")
	book(c.upcoming, now.AddDate(0, 0, 10), store.StatusBooked, "")
	c.dueSoon = client("Wkrótce", old)
	book(c.dueSoon, at(12).AddDate(0, 0, 10), store.StatusCompleted, "")
	c.mixed = client("Mieszana", old)
	c.oldPaid = book(c.mixed, at(30), store.StatusCompleted, "colour 6.1")
	pay(c.mixed, c.oldPaid)
	c.oldUnpaid = book(c.mixed, at(29), store.StatusCancelled, "")
	c.recentBooking = book(c.mixed, now.AddDate(0, 0, -3), store.StatusCompleted, "")
	// Invoices across a year end (PL: kept to the end of the year after
	// issue plus five): one issued in June seven years ago is due, one
	// issued on 31 December six years ago, which a count from the year of
	// issue would purge, is not.
	var err error
	if c.oldInvoice, err = f.DB.CreateInvoice(ctx, store.InvoiceInput{ClientID: c.mixed, Amount: 12000, At: time.Date(now.Year()-7, 6, 1, 12, 0, 0, 0, time.Local)}); err != nil {
		t.Fatal(err)
	}
	if c.newInvoice, err = f.DB.CreateInvoice(ctx, store.InvoiceInput{ClientID: c.mixed, Amount: 12000, At: time.Date(now.Year()-6, 12, 31, 12, 0, 0, 0, time.Local)}); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRetentionLastVisit(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	c := newCast(t, now)
	p := store.RetentionPolicy{Policy: store.PolicyLastVisit, Days: 30, Months: 12}
	plan, err := privacy.PlanRetention(ctx, c.db, p, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, cs := range []struct {
		name   string
		id     int64
		forget bool
	}{
		{"a visit 13 months ago", c.oldVisit, true},
		{"a visit 11 months ago", c.recentVisit, false},
		{"the exact boundary", c.boundary, true},
		{"never seen, card made 13 months ago", c.neverSeen, true},
		{"never seen, card made 2 months ago", c.newbie, false},
		{"restricted", c.restricted, false},
		{"an upcoming booking", c.upcoming, false},
		{"a visit three days ago", c.mixed, false},
	} {
		if got := slices.Contains(plan.ForgetClients, cs.id); got != cs.forget {
			t.Errorf("%s: forget = %v, want %v", cs.name, got, cs.forget)
		}
	}
	wantExcluded := []privacy.Exclusion{{Client: c.restricted, Reason: privacy.ExcludedRestricted}, {Client: c.upcoming, Reason: privacy.ExcludedUpcoming}}
	if !slices.Equal(plan.Excluded, wantExcluded) {
		t.Errorf("excluded = %+v, want %+v", plan.Excluded, wantExcluded)
	}
	if len(plan.DueSoon) != 1 || plan.DueSoon[0].Client != c.dueSoon {
		t.Errorf("due soon = %+v, want the client whose year ends in ten days", plan.DueSoon)
	}
	if !slices.Equal(plan.PurgeInvoices, []int64{c.oldInvoice}) {
		t.Errorf("invoices to purge = %v, want only the one issued seven years ago", plan.PurgeInvoices)
	}
	if len(plan.RemoveBookings)+len(plan.AnonymizeBookings) != 0 {
		t.Error("the last-visit policy removes bookings")
	}

	// The run does what the preview said, and a second run does nothing.
	run, err := privacy.ApplyRetention(ctx, c.db, plan, nil)
	if err != nil {
		t.Fatal(err)
	}
	if run.ClientsForgotten != len(plan.ForgetClients) || run.InvoicesPurged != 1 {
		t.Errorf("run = %+v, plan forgot %d", run, len(plan.ForgetClients))
	}
	for _, id := range plan.ForgetClients {
		if cl, _ := c.db.Client(ctx, id); !cl.Anonymized {
			t.Errorf("client %d planned for forgetting is not anonymized", id)
		}
	}
	ledger, _ := c.db.ErasureLedger(ctx)
	if len(ledger) != run.ClientsForgotten || ledger[0].By != "retention" {
		t.Errorf("ledger = %+v", ledger)
	}
	again, err := privacy.PlanRetention(ctx, c.db, p, now)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Empty() {
		t.Errorf("a second plan still has work: %+v", again)
	}
	if last, _ := privacy.LastRetentionRun(ctx, c.db); last.IsZero() {
		t.Error("the run is not in the history")
	}
}

func TestRetentionBookingEnd(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	c := newCast(t, now)
	p := store.RetentionPolicy{Policy: store.PolicyBookingEnd, Days: 365, Months: 12}
	plan, err := privacy.PlanRetention(ctx, c.db, p, now)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(plan.RemoveBookings, c.oldUnpaid) || slices.Contains(plan.RemoveBookings, c.oldPaid) {
		t.Errorf("remove = %v: want the old unpaid booking, not the paid one", plan.RemoveBookings)
	}
	if !slices.Contains(plan.AnonymizeBookings, c.oldPaid) {
		t.Errorf("anonymize = %v, want the mixed client's old paid booking among them", plan.AnonymizeBookings)
	}
	if slices.Contains(plan.ForgetClients, c.mixed) || !slices.Contains(plan.ForgetClients, c.oldVisit) {
		t.Errorf("forget = %v: the client with a recent booking stays, the one with only old ones goes", plan.ForgetClients)
	}
	takings, err := c.db.PaymentsByMonth(ctx)
	if err != nil {
		t.Fatal(err)
	}
	run, err := privacy.ApplyRetention(ctx, c.db, plan, nil)
	if err != nil {
		t.Fatal(err)
	}
	if run.BookingsRemoved != len(plan.RemoveBookings) || run.BookingsAnonymized != len(plan.AnonymizeBookings) {
		t.Errorf("run = %+v for plan %d removals, %d detached", run, len(plan.RemoveBookings), len(plan.AnonymizeBookings))
	}
	// The regular client's old paid booking has left the card, with its
	// payment, for the accounts card; the recent one stays.
	bs, _ := c.db.ClientBookings(ctx, c.mixed)
	var ids []int64
	for _, b := range bs {
		ids = append(ids, b.ID)
	}
	if !slices.Equal(ids, []int64{c.recentBooking}) {
		t.Errorf("the mixed client's bookings = %v, want only the recent one", ids)
	}
	if ps, _ := c.db.ClientPayments(ctx, c.mixed); len(ps) != 0 {
		t.Errorf("the mixed client keeps %d payments of detached bookings", len(ps))
	}
	accounts, err := c.db.AccountsClient(ctx)
	if err != nil || accounts == 0 {
		t.Fatalf("no accounts card after detaching: %d, %v", accounts, err)
	}
	if card, err := c.db.Client(ctx, accounts); err != nil || !card.Anonymized || card.FirstName+card.LastName != "" {
		t.Errorf("the accounts card = %+v, %v; want an anonymous card", card, err)
	}
	kept, _ := c.db.ClientBookings(ctx, accounts)
	found := false
	for _, b := range kept {
		if b.ID == c.oldPaid {
			found = true
			if b.Notes != "" || b.Price.Minor == 0 || b.Start.IsZero() {
				t.Errorf("the detached booking = %+v, want its price and dates without notes", b)
			}
		}
	}
	if !found {
		t.Errorf("the old paid booking is not on the accounts card: %+v", kept)
	}
	if after, err := c.db.PaymentsByMonth(ctx); err != nil || !slices.Equal(after, takings) {
		t.Errorf("payments by month changed by the run: %+v, was %+v (%v)", after, takings, err)
	}
	if again, _ := privacy.PlanRetention(ctx, c.db, p, now); !again.Empty() {
		t.Errorf("a second plan still has work: %+v", again)
	}
}

func TestRetentionInterruptedRunIsFinishedByTheNext(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	f := storetest.NewFixture(t)
	err := f.DB.Batch(ctx, "test.clients", func(b *store.Batch) error {
		b.SetClock(now.AddDate(-3, 0, 0))
		for range 450 {
			if _, err := b.CreateClient(store.ClientInput{FirstName: "Dawna", LastName: "Klientka"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	p := store.RetentionPolicy{Policy: store.PolicyLastVisit, Days: 30, Months: 24}
	if err := f.DB.SetRetentionPolicy(ctx, p); err != nil {
		t.Fatal(err)
	}
	stop, cancel := context.WithCancel(ctx)
	plan, _ := privacy.PlanRetention(ctx, f.DB, p, now)
	_, err = privacy.ApplyRetention(stop, f.DB, plan, func(done, total int) {
		if done >= 200 {
			cancel() // as if the app were closed after the first batch
		}
	})
	if err == nil {
		t.Fatal("a cancelled run reports success")
	}
	if ok, err := f.DB.Check(ctx); err != nil || !ok.OK {
		t.Fatalf("after an interrupted run: %+v, %v", ok, err)
	}
	left, _ := privacy.PlanRetention(ctx, f.DB, p, now)
	if len(left.ForgetClients) != 250 {
		t.Errorf("%d clients left after one batch of 200, want 250", len(left.ForgetClients))
	}
	if last, _ := privacy.LastRetentionRun(ctx, f.DB); !last.IsZero() {
		t.Error("an interrupted run is in the history as finished")
	}
	run, err := privacy.RunRetention(ctx, f.DB, now, nil)
	if err != nil || run.ClientsForgotten != 250 {
		t.Fatalf("the next run: %+v, %v", run, err)
	}
	if again, _ := privacy.PlanRetention(ctx, f.DB, p, now); !again.Empty() {
		t.Error("work is left after the second run")
	}
}

// A client the owner keeps is left out of the plan (after the restriction
// and upcoming-booking reasons), never due soon, and their bookings stay.
func TestRetentionLeavesKeptClientsAlone(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	c := newCast(t, now)
	for _, id := range []int64{c.oldVisit, c.dueSoon, c.mixed, c.restricted, c.upcoming} {
		if err := c.db.SetRetentionHold(ctx, id, true, "a regular, keep her card"); err != nil {
			t.Fatal(err)
		}
	}
	last := store.RetentionPolicy{Policy: store.PolicyLastVisit, Days: 30, Months: 12}
	plan, err := privacy.PlanRetention(ctx, c.db, last, now)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(plan.ForgetClients, c.oldVisit) || !slices.Contains(plan.ForgetClients, c.neverSeen) {
		t.Errorf("forget = %v: the kept client stays, the others go", plan.ForgetClients)
	}
	wantExcluded := []privacy.Exclusion{{Client: c.oldVisit, Reason: privacy.ExcludedKept},
		{Client: c.restricted, Reason: privacy.ExcludedRestricted}, {Client: c.upcoming, Reason: privacy.ExcludedUpcoming}}
	if !slices.Equal(plan.Excluded, wantExcluded) {
		t.Errorf("excluded = %+v, want %+v", plan.Excluded, wantExcluded)
	}
	if len(plan.DueSoon) != 0 {
		t.Errorf("due soon = %+v, want nobody: the client falling due is kept", plan.DueSoon)
	}
	if _, err := privacy.ApplyRetention(ctx, c.db, plan, nil); err != nil {
		t.Fatal(err)
	}
	if cl, _ := c.db.Client(ctx, c.oldVisit); cl.Anonymized {
		t.Error("retention forgot a kept client")
	}

	ends := store.RetentionPolicy{Policy: store.PolicyBookingEnd, Days: 365, Months: 12}
	plan, err = privacy.PlanRetention(ctx, c.db, ends, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []int64{c.oldPaid, c.oldUnpaid} {
		if slices.Contains(plan.RemoveBookings, b) || slices.Contains(plan.AnonymizeBookings, b) {
			t.Errorf("booking %d of a kept client is in the plan", b)
		}
	}
}

// A client put on hold between the plan and its run is skipped by the run,
// both as a client to forget and as the owner of bookings to retire.
func TestRetentionSkipsClientsKeptSinceThePlan(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	c := newCast(t, now)
	p := store.RetentionPolicy{Policy: store.PolicyBookingEnd, Days: 365, Months: 12}
	plan, err := privacy.PlanRetention(ctx, c.db, p, now)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(plan.ForgetClients, c.oldVisit) || !slices.Contains(plan.RemoveBookings, c.oldUnpaid) ||
		!slices.Contains(plan.AnonymizeBookings, c.oldPaid) {
		t.Fatalf("the plan lacks what the test needs: %+v", plan)
	}
	for _, id := range []int64{c.oldVisit, c.mixed} {
		if err := c.db.SetRetentionHold(ctx, id, true, "asked today to be kept"); err != nil {
			t.Fatal(err)
		}
	}
	run, err := privacy.ApplyRetention(ctx, c.db, plan, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cl, _ := c.db.Client(ctx, c.oldVisit); cl.Anonymized {
		t.Error("a client kept since the plan was forgotten")
	}
	if run.ClientsForgotten != len(plan.ForgetClients)-1 {
		t.Errorf("forgotten %d of the %d planned, want all but the kept one", run.ClientsForgotten, len(plan.ForgetClients))
	}
	bs, _ := c.db.ClientBookings(ctx, c.mixed)
	kept := map[int64]string{}
	for _, b := range bs {
		kept[b.ID] = b.Notes
	}
	if _, ok := kept[c.oldUnpaid]; !ok {
		t.Error("an unpaid booking of a client kept since the plan was removed")
	}
	if kept[c.oldPaid] != "colour 6.1" {
		t.Error("the notes of a paid booking of a client kept since the plan were cleared")
	}
	// Forgetting by hand is the owner's decision, hold or not.
	if _, err := c.db.CancelUpcomingBookings(ctx, c.oldVisit); err != nil {
		t.Fatal(err)
	}
	if _, err := privacy.Forget(ctx, c.db, c.oldVisit, "asked to be forgotten after all", nil); err != nil {
		t.Errorf("forget a kept client by hand: %v", err)
	}
}
