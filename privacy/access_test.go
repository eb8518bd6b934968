package privacy_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"kartoteka/privacy"
	"kartoteka/store"
	"kartoteka/store/storetest"
)

// accessSalon is a salon with one client booked today (with health notes)
// and one who is not, and one staff member of each role.
type accessSalon struct {
	storetest.Fixture
	today, other int64
	staff        map[string]int64 // by role
}

func newAccessSalon(t *testing.T) accessSalon {
	t.Helper()
	ctx := context.Background()
	s := accessSalon{Fixture: storetest.NewFixture(t), staff: map[string]int64{}}
	db := s.DB
	s.other = s.ClientID
	var err error
	if s.today, err = db.CreateClient(ctx, store.ClientInput{FirstName: "Ewa", LastName: "Dzisiejsza", Phone: "602 345 678",
		HealthNotes: "uczulenie na amoniak", HealthConsentChannel: "in_person"}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	start := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local).Add(23*time.Hour + 30*time.Minute)
	if start.Before(now) {
		start = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local).Add(time.Minute)
	}
	if _, err := db.CreateBooking(ctx, store.BookingInput{ClientID: s.today, StaffID: s.Staff, ServiceID: s.Service, Start: start, End: start.Add(20 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreatePayment(ctx, store.PaymentInput{ClientID: s.other, Amount: 5000, Method: "cash"}); err != nil {
		t.Fatal(err)
	}
	for _, role := range store.Roles {
		if s.staff[role], err = db.CreateStaff(ctx, store.Staff{Name: "Osoba " + role, Role: role}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// What each permission guards, tried as someone acting: nil when it went
// ahead.
var guarded = map[store.Permission]func(ctx context.Context, s accessSalon, t *testing.T) error{
	store.PermClientsView: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		_, err := s.DB.ClientCard(ctx, s.other)
		return err
	},
	store.PermClientsToday: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		_, err := s.DB.ClientCard(ctx, s.today)
		return err
	},
	store.PermClientsEdit: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		return s.DB.UpdateClient(ctx, s.today, store.ClientInput{FirstName: "Ewa", LastName: "Dzisiejsza", Phone: "603 000 111",
			HealthNotes: "uczulenie na amoniak"})
	},
	store.PermHealthView: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		card, err := s.DB.ClientCard(ctx, s.today) // every role sees this card
		if err == nil && card.Client.HealthNotes == "" {
			return store.NotPermitted{}
		}
		return err
	},
	store.PermHealthEdit: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		// The card as it is, health notes changed: only health.edit counts.
		c, err := s.DB.ClientCard(store.CheckedFlow(context.Background()), s.today)
		if err != nil {
			return err
		}
		in := store.ClientInput{FirstName: c.Client.FirstName, LastName: c.Client.LastName, Phone: c.Client.Phone,
			Email: c.Client.Email, Language: c.Client.Language, HealthNotes: "uczulenie na amoniak i lateks"}
		return s.DB.UpdateClient(ctx, s.today, in)
	},
	store.PermBook: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		_, err := s.DB.CreateBooking(ctx, store.BookingInput{ClientID: s.today, StaffID: s.Staff, ServiceID: s.Service,
			Start: time.Now().AddDate(0, 0, 3).Truncate(time.Hour)})
		return err
	},
	store.PermCheckout: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		_, err := s.DB.CreatePayment(ctx, store.PaymentInput{ClientID: s.today, Amount: 100, Method: "card"})
		return err
	},
	store.PermPaymentsView: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		_, err := s.DB.ClientPayments(ctx, s.other)
		return err
	},
	store.PermExport: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		_, err := privacy.LoadSubject(ctx, s.DB, s.other, time.Now())
		return err
	},
	store.PermForget: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		_, err := privacy.PreviewForget(ctx, s.DB, s.other)
		return err
	},
	store.PermRequests: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		_, err := s.DB.Requests(ctx, false)
		return err
	},
	store.PermRetention: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		return s.DB.SetRetentionPolicy(ctx, store.RetentionPolicy{Policy: store.PolicyLastVisit, Days: 365, Months: 36})
	},
	store.PermStaff: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		_, err := s.DB.CreateStaff(ctx, store.Staff{Name: "Nowa", Role: "stylist"})
		return err
	},
	store.PermServices: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		_, err := s.DB.CreateService(ctx, store.Service{Name: "Farbowanie", Minutes: 90, Price: store.Money{Minor: 20000}})
		return err
	},
	store.PermSettings: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		salon, err := s.DB.Salon(ctx)
		if err != nil {
			return err
		}
		salon.Address = "ul. Nowa 1, Kraków"
		return s.DB.UpdateSalon(ctx, salon)
	},
	store.PermSecurity: func(ctx context.Context, s accessSalon, t *testing.T) error {
		return s.DB.DecryptedCopy(ctx, filepath.Join(t.TempDir(), "plain.db"))
	},
	store.PermBackup: func(ctx context.Context, s accessSalon, t *testing.T) error {
		_, err := privacy.WriteBackup(ctx, s.DB, filepath.Join(t.TempDir(), "b.ktkbak"))
		return err
	},
	store.PermRestore: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		return s.DB.Require(ctx, store.PermRestore) // the app asks before it locks to restore
	},
	store.PermAudit: func(ctx context.Context, s accessSalon, _ *testing.T) error {
		_, err := s.DB.AuditEvents(ctx, store.AuditFilter{}, 0, 10)
		return err
	},
}

// Issue 16: every kind of event a guarded action writes names its actor —
// the owner acting with a PIN, never "system"; each permission's action
// runs once as the owner, and every event written meanwhile is theirs.
func TestEveryGuardedEventNamesItsActor(t *testing.T) {
	s := newAccessSalon(t)
	ctx := context.Background()
	owner := s.staff["owner"]
	before, err := s.DB.AuditEvents(ctx, store.AuditFilter{}, 0, 1)
	if err != nil || len(before) != 1 {
		t.Fatalf("the fixture's events: %v, %v", before, err)
	}
	for _, p := range store.Permissions {
		if err := guarded[p](store.ActAs(ctx, owner), s, t); err != nil {
			t.Fatalf("the owner, %s: %v", p, err)
		}
	}
	all, err := s.DB.AuditEvents(ctx, store.AuditFilter{}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, e := range all {
		if e.ID <= before[0].ID {
			continue
		}
		kinds[e.Action] = true
		if e.Actor != store.StaffActor(owner) {
			t.Errorf("%s written as %q, want %q", e.Action, e.Actor, store.StaffActor(owner))
		}
	}
	if len(kinds) < 7 { // bookings, payments, cards, retention, salon, services, staff
		t.Errorf("only %d kinds of event written: %v", len(kinds), kinds)
	}
}

// Issue 16: each role's default permissions hold in the store and privacy
// layer — what a role has goes ahead, what it lacks is refused with a
// NotPermitted naming the permission — and no one acting passes everything.
func TestRoleDefaultsInTheStore(t *testing.T) {
	if len(guarded) != len(store.Permissions) {
		t.Fatalf("%d permissions guarded, %d exist", len(guarded), len(store.Permissions))
	}
	for _, role := range store.Roles {
		t.Run(role, func(t *testing.T) {
			s := newAccessSalon(t)
			ctx := store.ActAs(context.Background(), s.staff[role])
			for _, p := range store.Permissions {
				err := guarded[p](ctx, s, t)
				has := slices.Contains(store.RolePermissions[role], p)
				// A role that sees every client sees today's too.
				if p == store.PermClientsToday && slices.Contains(store.RolePermissions[role], store.PermClientsView) {
					has = true
				}
				var np store.NotPermitted
				switch {
				case has && err != nil:
					t.Errorf("%s: %v, want it allowed", p, err)
				case !has && !errors.As(err, &np):
					t.Errorf("%s: %v, want NotPermitted", p, err)
				}
			}
		})
	}
	s := newAccessSalon(t)
	for _, p := range store.Permissions {
		if err := guarded[p](context.Background(), s, t); err != nil {
			t.Errorf("the passphrase holder, %s: %v", p, err)
		}
	}
}

// A stylist sees today's clients only: in search, the list and the
// calendar, where other days' bookings show no name and no notes.
func TestStylistSeesTodaysClients(t *testing.T) {
	s := newAccessSalon(t)
	ctx := store.ActAs(context.Background(), s.staff["stylist"])
	for _, q := range []string{"Kowalska", "Dzisiejsza"} {
		found, err := s.DB.SearchClients(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if want := q == "Dzisiejsza"; (len(found) == 1) != want {
			t.Errorf("search %q as a stylist: %d found", q, len(found))
		}
	}
	if n, _ := s.DB.LiveClientCount(ctx); n != 1 {
		t.Errorf("a stylist counts %d clients, want today's 1", n)
	}
	if list, _ := s.DB.LiveClients(ctx, 0, 50); len(list) != 1 || list[0].ID != s.today {
		t.Errorf("a stylist's list: %v", list)
	}
	later := time.Now().AddDate(0, 0, 2).Truncate(time.Hour)
	id, err := s.DB.CreateBooking(context.Background(), store.BookingInput{ClientID: s.other, StaffID: s.Staff, ServiceID: s.Service, Start: later,
		Notes: "alergia na amoniak"})
	if err != nil {
		t.Fatal(err)
	}
	week, err := s.DB.BookingsBetween(ctx, time.Now().AddDate(0, 0, -1), time.Now().AddDate(0, 0, 7))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range week {
		if hidden := b.ClientID == s.other; b.ClientHidden != hidden || (b.ClientName == "") != hidden || (hidden && b.Notes != "") {
			t.Errorf("booking of client %d: name %q, notes %q, hidden %v", b.ClientID, b.ClientName, b.Notes, b.ClientHidden)
		}
	}
	// Opened on its own, the other day's booking shows no notes either;
	// moving it keeps the notes the stylist was not shown.
	b, err := s.DB.Booking(ctx, id)
	if err != nil || !b.ClientHidden || b.Notes != "" {
		t.Fatalf("the other day's booking as a stylist: %+v, %v", b, err)
	}
	price := b.Price.Minor
	if err := s.DB.UpdateBooking(ctx, id, store.BookingInput{ClientID: b.ClientID, StaffID: b.StaffID, ServiceID: b.ServiceID,
		Start: later.Add(time.Hour), Status: b.Status, Price: &price, Notes: b.Notes}); err != nil {
		t.Fatal(err)
	}
	if kept, _ := s.DB.Booking(context.Background(), id); kept.Notes != "alergia na amoniak" || !kept.Start.Equal(later.Add(time.Hour)) {
		t.Errorf("after the stylist moved it: notes %q, start %v", kept.Notes, kept.Start)
	}
}

// The owner adjusts one person: a stylist given checkout takes payments, a
// reception without book cannot book; a deactivated person may do nothing.
func TestPermissionsAdjustedPerPerson(t *testing.T) {
	s := newAccessSalon(t)
	ctx := context.Background()
	stylist, reception := s.staff["stylist"], s.staff["reception"]
	if err := s.DB.SetPermissions(ctx, stylist, append(slices.Clone(store.RolePermissions["stylist"]), store.PermCheckout)); err != nil {
		t.Fatal(err)
	}
	if err := guarded[store.PermCheckout](store.ActAs(ctx, stylist), s, t); err != nil {
		t.Errorf("a stylist given checkout: %v", err)
	}
	if err := s.DB.SetPermissions(ctx, reception, []store.Permission{store.PermClientsView}); err != nil {
		t.Fatal(err)
	}
	if err := guarded[store.PermBook](store.ActAs(ctx, reception), s, t); !errors.Is(err, store.ErrNotPermitted) {
		t.Errorf("reception without book: %v", err)
	}
	if err := s.DB.SetPermissions(ctx, reception, nil); err != nil {
		t.Fatal(err)
	}
	if err := guarded[store.PermBook](store.ActAs(ctx, reception), s, t); err != nil {
		t.Errorf("reception back on its role's permissions: %v", err)
	}
	if err := s.DB.SetPermissions(ctx, reception, []store.Permission{"fly"}); err == nil {
		t.Error("an unknown permission was taken")
	}
	if err := s.DB.UpdateStaff(ctx, store.Staff{ID: reception, Name: "Osoba reception", Role: "reception", Active: false}); err != nil {
		t.Fatal(err)
	}
	if err := guarded[store.PermClientsView](store.ActAs(ctx, reception), s, t); !errors.Is(err, store.ErrNotPermitted) {
		t.Errorf("someone who left: %v", err)
	}
}

// Someone without health.view saves a card: its health notes stay as they
// were, unseen and unchanged.
func TestHiddenHealthNotesSurviveAnEdit(t *testing.T) {
	s := newAccessSalon(t)
	ctx := store.ActAs(context.Background(), s.staff["reception"])
	card, err := s.DB.ClientCard(ctx, s.today)
	if err != nil {
		t.Fatal(err)
	}
	if card.Client.HealthNotes != "" || !card.Client.HealthHidden {
		t.Fatalf("reception sees health notes %q (hidden %v)", card.Client.HealthNotes, card.Client.HealthHidden)
	}
	c := card.Client
	if err := s.DB.UpdateClient(ctx, s.today, store.ClientInput{FirstName: c.FirstName, LastName: c.LastName, Phone: "604 111 222", Email: c.Email, Language: c.Language}); err != nil {
		t.Fatal(err)
	}
	after, _ := s.DB.ClientCard(context.Background(), s.today)
	if after.Client.HealthNotes != "uczulenie na amoniak" || after.Client.Phone != "+48604111222" {
		t.Errorf("after reception's edit: phone %q, health notes %q", after.Client.Phone, after.Client.HealthNotes)
	}
}

// Every event a person acting causes names them: the audit log filters by
// them, and their card's events by the client.
func TestAuditNamesWhoActed(t *testing.T) {
	s := newAccessSalon(t)
	ctx := context.Background()
	reception := s.staff["reception"]
	as := store.ActAs(ctx, reception)
	if _, err := s.DB.CreateBooking(as, store.BookingInput{ClientID: s.other, StaffID: s.Staff, ServiceID: s.Service, Start: time.Now().AddDate(0, 0, 4).Truncate(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.CreatePayment(as, store.PaymentInput{ClientID: s.other, Amount: 100, Method: "card"}); err != nil {
		t.Fatal(err)
	}
	mine, err := s.DB.AuditEvents(ctx, store.AuditFilter{Actor: store.StaffActor(reception)}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) != 2 || mine[0].Action != "payment.create" || mine[1].Action != "booking.create" {
		t.Errorf("reception's events: %+v", mine)
	}
	card, _ := s.DB.AuditEvents(ctx, store.AuditFilter{Client: s.other, Kind: "payment"}, 0, 0)
	if len(card) != 2 { // the fixture's payment and reception's
		t.Errorf("the card's payment events: %d, want 2", len(card))
	}
	if page, _ := s.DB.AuditEvents(ctx, store.AuditFilter{}, 1, 1); len(page) != 1 || page[0].ID != mine[1].ID {
		t.Errorf("the second newest event alone: %+v", page)
	}
}

// TestRetentionPlanNeedsRetention: the plan (kartoteka-cli retention run
// --dry-run, the preview) lists the client numbers due, so only whoever may
// run retention gets it; the daily job, no one in particular, does.
func TestRetentionPlanNeedsRetention(t *testing.T) {
	s := newAccessSalon(t)
	ctx := context.Background()
	p := store.RetentionPolicy{Policy: store.PolicyLastVisit, Days: 365, Months: 1}
	for _, role := range store.Roles {
		_, err := privacy.PlanRetention(store.ActAs(ctx, s.staff[role]), s.DB, p, time.Now())
		if has := slices.Contains(store.RolePermissions[role], store.PermRetention); has != (err == nil) || err != nil && !errors.Is(err, store.ErrNotPermitted) {
			t.Errorf("%s plans retention: %v", role, err)
		}
	}
	if _, err := privacy.PlanRetention(ctx, s.DB, p, time.Now()); err != nil {
		t.Errorf("the daily job plans: %v", err)
	}
}
