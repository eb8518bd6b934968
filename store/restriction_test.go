package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// restricted is a fixture whose client is restricted, acting as staff:1.
func restricted(t *testing.T) (context.Context, storetest.Fixture) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "staff:1")
	f := storetest.NewFixture(t)
	if err := f.DB.SetRestriction(ctx, f.ClientID, true, "disputes the accuracy of the data"); err != nil {
		t.Fatal(err)
	}
	return ctx, f
}

// lastEvent is the newest audit event.
func lastEvent(t *testing.T, db *store.DB) store.AuditEvent {
	t.Helper()
	events, err := db.AuditLog(context.Background(), 1)
	if err != nil || len(events) != 1 {
		t.Fatalf("audit log: %v, %v", events, err)
	}
	return events[0]
}

// wantRefused checks err is the refusal of a restricted client: a field
// error for "client" wrapping ErrRestricted.
func wantRefused(t *testing.T, what string, err error) {
	t.Helper()
	var fe *store.FieldError
	if !errors.Is(err, store.ErrRestricted) || !errors.As(err, &fe) || fe.Field != "client" {
		t.Errorf("%s: err = %v, want a field error for client wrapping ErrRestricted", what, err)
	}
}

func TestBookingARestrictedClient(t *testing.T) {
	ctx, f := restricted(t)
	start := time.Date(2026, 5, 4, 9, 0, 0, 0, time.Local)
	cases := []struct {
		name  string
		basis string
		field string // of the refusal; "" when booked
		err   error
	}{
		{"no basis", "", "client", store.ErrRestricted},
		{"free text", "she said it is fine", "basis", store.ErrInvalidChoice},
		{"a basis in capitals", "CONSENT", "basis", store.ErrInvalidChoice},
		{"consent", store.BasisConsent, "", nil},
		{"legal claim", store.BasisLegalClaim, "", nil},
		{"rights of others", store.BasisOthersRights, "", nil},
		{"public interest", store.BasisPublicInterest, "", nil},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, _ := f.DB.ClientBookings(ctx, f.ClientID)
			id, err := f.DB.CreateBooking(ctx, store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service,
				Start: start.AddDate(0, 0, i), Basis: c.basis})
			if !errors.Is(err, c.err) {
				t.Fatalf("err = %v, want %v", err, c.err)
			}
			if c.err != nil {
				var fe *store.FieldError
				if !errors.As(err, &fe) || fe.Field != c.field {
					t.Errorf("err = %v, want a field error for %s", err, c.field)
				}
				if after, _ := f.DB.ClientBookings(ctx, f.ClientID); len(after) != len(before) {
					t.Error("a refused booking was saved")
				}
				return
			}
			ev := lastEvent(t, f.DB)
			if ev.Action != "booking.create" || ev.SubjectID != id || ev.Basis != c.basis || ev.Actor != "staff:1" {
				t.Errorf("audit event = %+v, want booking.create of %d on basis %s", ev, id, c.basis)
			}
		})
	}

	// A client who is not restricted needs no basis; one given is not recorded.
	other, err := f.DB.CreateClient(ctx, store.ClientInput{FirstName: "Ida", LastName: "Lund"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.DB.CreateBooking(ctx, store.BookingInput{ClientID: other, StaffID: f.Staff, ServiceID: f.Service, Start: start.AddDate(0, 1, 0),
		Basis: store.BasisConsent}); err != nil {
		t.Fatal(err)
	}
	if ev := lastEvent(t, f.DB); ev.Basis != "" {
		t.Errorf("a basis recorded for a client who is not restricted: %+v", ev)
	}
}

func TestRestrictionIsCheckedInTheWritersTransaction(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	start := time.Date(2026, 5, 4, 9, 0, 0, 0, time.Local)
	// Restricted and booked in one transaction: the booking sees the
	// restriction that the same transaction has just made.
	err := f.DB.Batch(ctx, "test", func(b *store.Batch) error {
		if err := b.SetRestriction(f.ClientID, true, "objection"); err != nil {
			return err
		}
		_, err := b.CreateBooking(store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service, Start: start})
		return err
	})
	wantRefused(t, "booked in the batch that restricts", err)
	if c, _ := f.DB.Client(ctx, f.ClientID); c.Restricted {
		t.Error("the refused batch was half written")
	}
	// One batch records one basis.
	if err := f.DB.SetRestriction(ctx, f.ClientID, true, "objection"); err != nil {
		t.Fatal(err)
	}
	err = f.DB.Batch(ctx, "test", func(b *store.Batch) error {
		for i, basis := range []string{store.BasisConsent, store.BasisLegalClaim} {
			if _, err := b.CreateBooking(store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service,
				Start: start.AddDate(0, 0, i), Basis: basis}); err != nil {
				return err
			}
		}
		return nil
	})
	if !errors.Is(err, store.ErrMixedBases) {
		t.Errorf("two bases in one batch: %v", err)
	}
	err = f.DB.Batch(ctx, "test.import", func(b *store.Batch) error {
		for i := range 2 {
			if _, err := b.CreateBooking(store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service,
				Start: start.AddDate(0, 0, i), Basis: store.BasisLegalClaim}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if ev := lastEvent(t, f.DB); ev.Action != "test.import" || ev.Basis != store.BasisLegalClaim || ev.Details["bookings"] != 2 {
		t.Errorf("batch event = %+v", ev)
	}
}

func TestChangingARestrictedClientsBooking(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	start := time.Date(2026, 5, 4, 9, 0, 0, 0, time.Local)
	other, err := f.DB.CreateStaff(ctx, store.Staff{Name: "Ola", Role: "stylist"})
	if err != nil {
		t.Fatal(err)
	}
	svc2, err := f.DB.CreateService(ctx, store.Service{Name: "Modelowanie", Minutes: 30, Price: store.Money{Minor: 6000}})
	if err != nil {
		t.Fatal(err)
	}
	id, err := f.DB.CreateBooking(ctx, store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service, Start: start, Notes: "fringe"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.DB.SetRestriction(ctx, f.ClientID, true, "objection"); err != nil {
		t.Fatal(err)
	}
	price := func(p int64) *int64 { return &p }
	cases := []struct {
		name   string
		change func(in *store.BookingInput)
		basis  bool // needs one
	}{
		{"moved", func(in *store.BookingInput) { in.Start, in.End = in.Start.Add(2*time.Hour), in.End.Add(2*time.Hour) }, true},
		{"longer", func(in *store.BookingInput) { in.End = in.End.Add(30 * time.Minute) }, true},
		{"another stylist", func(in *store.BookingInput) { in.StaffID = other }, true},
		{"another service", func(in *store.BookingInput) { in.ServiceID = svc2 }, true},
		{"another price", func(in *store.BookingInput) { in.Price = price(9000) }, true},
		{"other notes", func(in *store.BookingInput) { in.Notes = "fringe, shorter" }, true},
		{"cancelled", func(in *store.BookingInput) { in.Status = store.StatusCancelled }, false},
		{"restored", func(in *store.BookingInput) { in.Status = store.StatusBooked }, false},
		{"completed", func(in *store.BookingInput) { in.Status = store.StatusCompleted }, false},
		{"no-show", func(in *store.BookingInput) { in.Status = store.StatusNoShow }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := f.DB.Booking(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			p := b.Price.Minor
			in := store.BookingInput{ClientID: b.ClientID, StaffID: b.StaffID, ServiceID: b.ServiceID, Start: b.Start, End: b.End,
				Status: b.Status, Price: &p, Notes: b.Notes}
			c.change(&in)
			err = f.DB.UpdateBooking(ctx, id, in)
			if !c.basis {
				if err != nil {
					t.Fatalf("a change of status only: %v", err)
				}
				if ev := lastEvent(t, f.DB); ev.Action != "booking.update" || ev.Basis != "" {
					t.Errorf("audit event = %+v", ev)
				}
				return
			}
			wantRefused(t, c.name, err)
			if after, _ := f.DB.Booking(ctx, id); after != b {
				t.Errorf("a refused change was saved: %+v → %+v", b, after)
			}
			in.Basis = store.BasisLegalClaim
			if err := f.DB.UpdateBooking(ctx, id, in); err != nil {
				t.Fatalf("with a basis: %v", err)
			}
			if ev := lastEvent(t, f.DB); ev.Action != "booking.update" || ev.SubjectID != id || ev.Basis != store.BasisLegalClaim {
				t.Errorf("audit event = %+v", ev)
			}
		})
	}
	// SetBookingStatus and CancelBooking change the status only.
	if err := f.DB.SetBookingStatus(ctx, id, store.StatusBooked); err != nil {
		t.Errorf("set status: %v", err)
	}
	if err := f.DB.CancelBooking(ctx, id, ""); err != nil {
		t.Errorf("cancel: %v", err)
	}
}

func TestEditingARestrictedCard(t *testing.T) {
	ctx, f := restricted(t)
	in := store.ClientInput{FirstName: "Zofia", LastName: "Kowalska-Øster", Phone: "601 234 567", Email: "zofia.k@example.com"}
	wantRefused(t, "an edit without a basis", f.DB.UpdateClient(ctx, f.ClientID, in))
	if c, _ := f.DB.Client(ctx, f.ClientID); c.Email != "zofia@example.com" {
		t.Errorf("a refused edit was saved: %s", c.Email)
	}
	bad := in
	bad.Basis = "owner decided"
	var fe *store.FieldError
	if err := f.DB.UpdateClient(ctx, f.ClientID, bad); !errors.Is(err, store.ErrInvalidChoice) || !errors.As(err, &fe) || fe.Field != "basis" {
		t.Errorf("an unknown basis: %v", err)
	}
	in.Basis = store.BasisConsent
	if err := f.DB.UpdateClient(ctx, f.ClientID, in); err != nil {
		t.Fatal(err)
	}
	if ev := lastEvent(t, f.DB); ev.Action != "client.update" || ev.SubjectID != f.ClientID || ev.Basis != store.BasisConsent {
		t.Errorf("audit event = %+v", ev)
	}
	if c, _ := f.DB.Client(ctx, f.ClientID); c.Email != "zofia.k@example.com" || !c.Restricted {
		t.Errorf("card after an edit on a basis = %+v", c)
	}
	// Consent is the client's to give or withdraw whatever the restriction.
	for _, given := range []bool{true, false} {
		if err := f.DB.SetConsent(ctx, f.ClientID, store.ConsentMarketingEmail, given, "email", ""); err != nil {
			t.Errorf("consent given=%v of a restricted client: %v", given, err)
		}
	}
}

func TestRestrictionHistory(t *testing.T) {
	ctx := store.WithActor(context.Background(), "staff:2")
	clock := time.Date(2026, 2, 1, 10, 0, 0, 0, time.Local)
	db, _ := storetest.Create(t, store.Options{Now: func() time.Time { return clock }})
	id, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Jan", LastName: "Nowak"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetRestriction(ctx, id, true, " "); !errors.Is(err, store.ErrRequired) {
		t.Errorf("restricted without a reason: %v", err)
	}
	steps := []struct {
		on     bool
		reason string
	}{
		{true, "contests the accuracy of his phone number"},
		{true, "contests the accuracy of his phone number"}, // the same again: no switch
		{true, "objected to processing (Art. 21)"},          // a new reason
		{false, "number checked and corrected"},
		{false, "again"}, // already lifted: no switch
		{true, "legal claim pending"},
		{false, ""}, // lifted without a reason (the CLI's --off alone)
	}
	var since time.Time
	for i, s := range steps {
		clock = clock.Add(24 * time.Hour)
		if err := db.SetRestriction(ctx, id, s.on, s.reason); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		c, _ := db.Client(ctx, id)
		if i == 0 {
			since = c.RestrictedAt
		}
		if i == 2 && (!c.RestrictedAt.Equal(since) || c.RestrictionReason != s.reason) {
			t.Errorf("a new reason: since %v (want %v), reason %q", c.RestrictedAt, since, c.RestrictionReason)
		}
	}
	day := func(n int) time.Time { return time.Date(2026, 2, 1+n, 10, 0, 0, 0, time.Local) }
	want := []store.RestrictionChange{
		{true, day(1), "contests the accuracy of his phone number", "staff:2"},
		{true, day(3), "objected to processing (Art. 21)", "staff:2"},
		{false, day(4), "number checked and corrected", "staff:2"},
		{true, day(6), "legal claim pending", "staff:2"},
		{false, day(7), "", "staff:2"},
	}
	got, err := db.RestrictionHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("history = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].Restricted != want[i].Restricted || !got[i].At.Equal(want[i].At) || got[i].Reason != want[i].Reason || got[i].Actor != want[i].Actor {
			t.Errorf("history[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
	card, err := db.ClientCard(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(card.Restrictions) != len(want) || card.Restrictions[3].Reason != "legal claim pending" {
		t.Errorf("card restrictions = %+v", card.Restrictions)
	}
	if card.Client.Restricted || card.Client.RestrictionReason != "" || !card.Client.RestrictedAt.IsZero() {
		t.Errorf("card after lifting = %+v", card.Client)
	}
	// The reasons are personal data: never in the audit log.
	events, _ := db.AuditLog(ctx, 0)
	for _, e := range events {
		if e.Action == "client.restrict" || e.Action == "client.unrestrict" {
			if len(e.Details) != 0 || e.Basis != "" {
				t.Errorf("restriction event carries more than IDs: %+v", e)
			}
		}
	}
}
