package store

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var updateFrozen = flag.Bool("update-frozen", false, "rewrite testdata/schema-v1.kartoteka (only when migration 1 changes, which it must not)")

const (
	frozenV1   = "testdata/schema-v1.kartoteka"
	frozenPass = "frozen schema v1"
)

// The frozen file holds a salon at schema version 1, written by the first
// migration alone: one stylist, one service and the fictional client
// "Testowa Klientka-Øster".
func writeFrozenV1(t *testing.T) {
	ctx := context.Background()
	saved := migrations
	migrations = migrations[:1]
	defer func() { migrations = saved }()
	os.Remove(frozenV1)
	db, _, err := Create(ctx, frozenV1, frozenPass, Salon{Name: "Frozen", Country: "PL"}, Options{KDF: CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`INSERT INTO staff (name, role, created_at) VALUES ('Stylistka', 'stylist', 1700000000)`,
		`INSERT INTO services (name, minutes, price, currency) VALUES ('Strzyżenie', 60, 12000, 'PLN')`,
		`INSERT INTO clients (first_name, last_name, phone, created_at, updated_at) VALUES ('Testowa', 'Klientka-Øster', '+48601000000', 1700000000, 1700000000)`,
		`INSERT INTO bookings (client_id, staff_id, service_id, start_at, end_at, status, price, currency, created_at) VALUES (1, 1, 1, 1700000000, 1700003600, 'completed', 12000, 'PLN', 1700000000)`,
	} {
		if _, err := db.w.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

func copyFrozen(t *testing.T) string {
	t.Helper()
	src, err := os.Open(frozenV1)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst := filepath.Join(t.TempDir(), "old.kartoteka")
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, src); err != nil {
		t.Fatal(err)
	}
	out.Close()
	return dst
}

func TestMigrateFromFrozenV1(t *testing.T) {
	if *updateFrozen {
		writeFrozenV1(t)
	}
	ctx := context.Background()
	db, err := Open(ctx, copyFrozen(t), frozenPass, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	db.w.QueryRow("PRAGMA user_version").Scan(&v)
	if v != SchemaVersion() {
		t.Errorf("version after migration = %d, want %d", v, SchemaVersion())
	}
	got, err := db.SearchClients(ctx, "klientka-oster", 10)
	if err != nil || len(got) != 1 || got[0].LastVisit.Unix() != 1700000000 {
		t.Errorf("the old client after migration: %+v, %v", got, err)
	}
	if r, err := db.Check(ctx); err != nil || !r.OK {
		t.Errorf("check after migration: %+v, %v", r, err)
	}
	if c, err := db.Counts(ctx); err != nil || c.LiveClients != 1 {
		t.Errorf("counts after migration: %+v, %v", c, err)
	}
	if h, err := db.RestrictionHistory(ctx, got[0].ID); err != nil || len(h) != 0 || got[0].RetentionHold != "" {
		t.Errorf("the old client's hold %q and restriction history %+v, %v", got[0].RetentionHold, h, err)
	}
}

func TestMigrateFromEmpty(t *testing.T) {
	ctx := context.Background()
	db, _, err := Create(ctx, filepath.Join(t.TempDir(), "new.kartoteka"), "empty to latest", Salon{Name: "N", Country: "DE"}, Options{KDF: CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	db.w.QueryRow("PRAGMA user_version").Scan(&v)
	if v != SchemaVersion() {
		t.Errorf("new database at version %d, want %d", v, SchemaVersion())
	}
	if r, err := db.Check(ctx); err != nil || !r.OK || r.Pages < 2 {
		t.Errorf("check = %+v, %v", r, err)
	}
}

func TestRefuseNewerDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "future.kartoteka")
	db, _, err := Create(ctx, path, "from the future", Salon{Name: "F", Country: "DK"}, Options{KDF: CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	db.w.Exec("PRAGMA user_version = 999")
	db.Close()
	if _, err := Open(ctx, path, "from the future", Options{}); !errors.Is(err, ErrTooNew) {
		t.Errorf("open newer database: %v", err)
	}
}

// Migration 7 backfills the restriction history from the restricted cards
// of a version 6 database, with the actor of their audit event when there
// is one, and adds its columns with their defaults.
func TestMigrate7BackfillsRestrictions(t *testing.T) {
	ctx := context.Background()
	db, path := createAtSchema(t, 6, Salon{Name: "Six", Country: "PL"})
	var err error
	for _, q := range []string{
		`INSERT INTO clients (first_name, last_name, restricted, restriction_reason, restricted_at, created_at, updated_at)
			VALUES ('Anna', 'Audytowana', 1, 'contests her data', 1700000100, 1700000000, 1700000100)`,
		`INSERT INTO audit_events (at, actor, action, subject_id) VALUES (1700000100, 'staff:4', 'client.restrict', 1)`,
		`INSERT INTO clients (first_name, last_name, restricted, restriction_reason, restricted_at, created_at, updated_at)
			VALUES ('Bez', 'Zdarzenia', 1, 'objection', NULL, 1700000000, 1700000200)`,
		`INSERT INTO clients (first_name, last_name, created_at, updated_at) VALUES ('Wolna', 'Klientka', 1700000000, 1700000000)`,
	} {
		if _, err := db.w.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	db, err = Open(ctx, path, frozenPass, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := map[int64][]RestrictionChange{
		1: {{Restricted: true, At: time.Unix(1700000100, 0), Reason: "contests her data", Actor: "staff:4"}},
		2: {{Restricted: true, At: time.Unix(1700000200, 0), Reason: "objection", Actor: "system"}},
		3: nil,
	}
	for id, w := range want {
		got, err := db.RestrictionHistory(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(w) || len(w) == 1 && (got[0].Restricted != w[0].Restricted || !got[0].At.Equal(w[0].At) ||
			got[0].Reason != w[0].Reason || got[0].Actor != w[0].Actor) {
			t.Errorf("client %d: history %+v, want %+v", id, got, w)
		}
		c, err := db.Client(ctx, id)
		if err != nil || c.RetentionHold != "" || !c.RetentionHoldAt.IsZero() {
			t.Errorf("client %d after migration: %+v, %v", id, c, err)
		}
	}
	events, err := db.AuditLog(ctx, 0)
	if err != nil || len(events) == 0 || events[len(events)-1].Basis != "" {
		t.Errorf("audit log after migration: %+v, %v", events, err)
	}
	if d, err := db.Drafts(ctx); err != nil || len(d) != 0 {
		t.Errorf("drafts after migration: %+v, %v", d, err)
	}
}

// Migration 8 fills in the last visit of every card from its completed
// bookings and puts the live cards, and only those, in the name index.
func TestMigrate8LastVisitAndNameIndex(t *testing.T) {
	ctx := context.Background()
	db, path := createAtSchema(t, 7, Salon{Name: "Seven", Country: "PL"})
	var err error
	for _, q := range []string{
		`INSERT INTO staff (name, role, created_at) VALUES ('Stylistka', 'stylist', 1700000000)`,
		`INSERT INTO services (name, minutes, price, currency) VALUES ('Strzyżenie', 60, 12000, 'PLN')`,
		`INSERT INTO clients (first_name, last_name, sort_key, created_at, updated_at) VALUES ('Anna', 'Nowak', 'nowak' || char(0) || 'anna', 1700000000, 1700000000)`,
		`INSERT INTO clients (first_name, last_name, sort_key, created_at, updated_at) VALUES ('Ewa', 'Nowacka', 'nowacka' || char(0) || 'ewa', 1700000000, 1700000000)`,
		`INSERT INTO clients (first_name, last_name, sort_key, created_at, updated_at, anonymized_at) VALUES ('', '', '', 1700000000, 1700000000, 1700000500)`,
		`INSERT INTO bookings (client_id, staff_id, service_id, start_at, end_at, status, price, currency, created_at) VALUES
			(1, 1, 1, 1700000000, 1700003600, 'completed', 12000, 'PLN', 1700000000),
			(1, 1, 1, 1700100000, 1700103600, 'no_show', 12000, 'PLN', 1700000000),
			(1, 1, 1, 1700050000, 1700053600, 'completed', 12000, 'PLN', 1700000000),
			(2, 1, 1, 1700200000, 1700203600, 'booked', 12000, 'PLN', 1700000000),
			(3, 1, 1, 1700001000, 1700004600, 'completed', 12000, 'PLN', 1700000000)`,
	} {
		if _, err := db.w.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	db, err = Open(ctx, path, frozenPass, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for id, want := range map[int64]int64{1: 1700050000, 2: 0, 3: 1700001000} {
		c, err := db.Client(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.LastVisit; want == 0 && !got.IsZero() || want != 0 && got.Unix() != want {
			t.Errorf("client %d: last visit %v, want %d", id, got, want)
		}
	}
	var indexed int
	if err := db.w.QueryRow(`SELECT count(*) FROM clients INDEXED BY clients_by_name WHERE anonymized_at IS NULL AND sort_key >= ''`).Scan(&indexed); err != nil || indexed != 2 {
		t.Errorf("%d cards in the name index, %v", indexed, err)
	}
	got, err := db.SearchClients(ctx, "nowa", 10)
	if err != nil || len(got) != 2 || got[0].LastName != "Nowacka" || got[1].LastVisit.Unix() != 1700050000 {
		t.Errorf("search after migration: %+v, %v", got, err)
	}
}

// Migration 10 adds the privacy request log to a version 9 salon: its
// clients can make requests, and the CHECKs keep a client's request free
// of a name and a closed one in step with its outcome.
func TestMigrate10RequestLog(t *testing.T) {
	ctx := context.Background()
	db, path := createAtSchema(t, 9, Salon{Name: "Nine", Country: "DK"})
	var err error
	if _, err := db.w.Exec(`INSERT INTO clients (first_name, last_name, created_at, updated_at) VALUES ('Karen', 'Ærø', 1700000000, 1700000000)`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = Open(ctx, path, frozenPass, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	received := time.Date(2026, 1, 31, 0, 0, 0, 0, time.Local)
	id, err := db.CreateRequest(ctx, RequestInput{Kind: RequestPortability, Received: received, Due: received.AddDate(0, 0, 28), ClientID: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE privacy_requests SET requester_name = 'Karen' WHERE id = 1`,
		`UPDATE privacy_requests SET outcome = 'done' WHERE id = 1`,
		`UPDATE privacy_requests SET status = 'refused', outcome = 'refused', closed_at = 1 WHERE id = 1`,
		`UPDATE privacy_requests SET kind = 'complaint' WHERE id = 1`,
	} {
		if _, err := db.w.Exec(q); err == nil {
			t.Errorf("the schema lets through: %s", q)
		}
	}
	if r, err := db.Request(ctx, id); err != nil || r.ClientID != 1 || r.Due.Format(time.DateOnly) != "2026-02-28" {
		t.Errorf("the request after migration: %+v, %v", r, err)
	}
}

// Migration 11 gives a version 10 salon its Land, empty until set; the
// schema takes only the codes of the 16 Länder.
func TestMigrate11SalonLand(t *testing.T) {
	ctx := context.Background()
	db, path := createAtSchema(t, 10, Salon{Name: "Zehn", Country: "DE", Address: "Hauptstraße 1, 80331 München"})
	var err error
	db.Close()

	db, err = Open(ctx, path, frozenPass, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := db.Salon(ctx)
	if err != nil || s.Land != "" || s.Address != "Hauptstraße 1, 80331 München" {
		t.Fatalf("the salon after migration: %+v, %v", s, err)
	}
	s.Land = "by"
	if err := db.UpdateSalon(ctx, s); err != nil {
		t.Fatal(err)
	}
	if s, err := db.Salon(ctx); err != nil || s.Land != "BY" {
		t.Errorf("the Land read back: %q, %v", s.Land, err)
	}
	if _, err := db.w.Exec(`UPDATE salon SET land = 'XX'`); err == nil {
		t.Error("the schema lets through a Land that is none")
	}
}

// Migration 12 makes the staff table anew (a manager role, PINs, adjusted
// permissions) in a version 11 salon: every staff member is kept with their
// bookings, foreign keys are enforced again afterwards, and the schema takes
// a manager but no PIN for someone who left.
func TestMigrate12StaffAnew(t *testing.T) {
	ctx := context.Background()
	db, path := createAtSchema(t, 11, Salon{Name: "Jedenaście", Country: "PL"})
	for _, q := range []string{
		`INSERT INTO staff (name, role, active, created_at) VALUES ('Ola', 'owner', 1, 1700000000), ('Iza', 'stylist', 0, 1700000000)`,
		`INSERT INTO services (name, minutes, price, currency) VALUES ('Cięcie', 30, 5000, 'PLN')`,
		`INSERT INTO clients (first_name, last_name, created_at, updated_at) VALUES ('Ewa', 'Nowak', 1700000000, 1700000000)`,
		`INSERT INTO bookings (client_id, staff_id, service_id, start_at, end_at, status, price, currency, created_at)
			VALUES (1, 2, 1, 1700000000, 1700001800, 'completed', 5000, 'PLN', 1700000000)`,
	} {
		if _, err := db.w.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	db.Close()

	db, err := Open(ctx, path, frozenPass, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	team, err := db.StaffMembers(ctx)
	if err != nil || len(team) != 2 || team[0].Name != "Ola" || team[1].Name != "Iza" || team[1].Active || team[0].HasPIN {
		t.Fatalf("the team after migration: %+v, %v", team, err)
	}
	if b, err := db.ClientBookings(ctx, 1); err != nil || len(b) != 1 || b[0].StaffID != 2 {
		t.Errorf("the booking after migration: %+v, %v", b, err)
	}
	var fk int
	if err := db.w.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign keys after the migration: %d, %v", fk, err)
	}
	if _, err := db.w.Exec(`DELETE FROM staff WHERE id = 2`); err == nil {
		t.Error("a staff member with bookings was deleted: the foreign key is gone")
	}
	if _, err := db.CreateStaff(ctx, Staff{Name: "Kasia", Role: "manager"}); err != nil {
		t.Errorf("a manager: %v", err)
	}
	if _, err := db.w.Exec(`UPDATE staff SET pin_hash = x'00' WHERE id = 2`); err == nil {
		t.Error("the schema gives a PIN to someone who left")
	}
}

// Migration 13 gives a request extended before it the column for the day
// the person was told of a second extension: empty, the first day kept;
// the schema takes one only for a request extended by two months.
func TestMigrate13SecondExtensionTold(t *testing.T) {
	ctx := context.Background()
	db, path := createAtSchema(t, 12, Salon{Name: "Dwanaście", Country: "PL"})
	if _, err := db.w.Exec(`INSERT INTO privacy_requests (kind, received_at, channel, requester_name, requester_contact, due_at,
		extension_months, extended_to, extension_reason, extension_told_at, status, created_at)
		VALUES ('access', '2026-03-02', 'email', 'Jan Obcy', 'jan@example.com', '2026-04-02', 1, '2026-05-02', 'many records',
		'2026-03-05', 'extended', 1700000000)`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err := Open(ctx, path, frozenPass, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r, err := db.Request(ctx, 1)
	if err != nil || r.ExtensionTold.Format(time.DateOnly) != "2026-03-05" || !r.SecondExtensionTold.IsZero() || r.ExtensionMonths != 1 {
		t.Fatalf("the request after migration: %+v, %v", r, err)
	}
	if _, err := db.w.Exec(`UPDATE privacy_requests SET second_extension_told_at = '2026-03-20' WHERE id = 1`); err == nil {
		t.Error("the schema lets through a second day told for a request extended once")
	}
	if _, err := db.w.Exec(`UPDATE privacy_requests SET extension_months = 2, extended_to = '2026-06-02',
		second_extension_told_at = '2026-03-20' WHERE id = 1`); err != nil {
		t.Errorf("a second day told for a request extended twice: %v", err)
	}
}

// Migration 14 erases the contact of a non-client from the requests closed
// before closing did it, and leaves an open request's, and every name.
func TestMigrate14ClosedRequestContacts(t *testing.T) {
	ctx := context.Background()
	db, path := createAtSchema(t, 13, Salon{Name: "Trzynaście", Country: "PL"})
	for _, q := range []string{
		`INSERT INTO privacy_requests (kind, received_at, channel, requester_name, requester_contact, due_at, status, created_at)
			VALUES ('access', '2026-03-02', 'email', 'Jan Obcy', 'jan@example.com', '2026-04-02', 'open', 1700000000)`,
		`INSERT INTO privacy_requests (kind, received_at, channel, requester_name, requester_contact, due_at, status, outcome,
			closed_at, created_at) VALUES ('erasure', '2026-03-02', 'letter', 'Ewa Obca', 'ul. Różana 7', '2026-04-02', 'done', 'done',
			1700000500, 1700000000)`,
	} {
		if _, err := db.w.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	db, err := Open(ctx, path, frozenPass, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	open, err := db.Request(ctx, 1)
	if err != nil || open.RequesterName != "Jan Obcy" || open.RequesterContact != "jan@example.com" {
		t.Errorf("the open request after migration: %+v, %v", open, err)
	}
	closed, err := db.Request(ctx, 2)
	if err != nil || closed.RequesterName != "Ewa Obca" || closed.RequesterContact != "" || closed.Outcome != RequestDone {
		t.Errorf("the closed request after migration: %+v, %v", closed, err)
	}
}

// createAtSchema creates, in a temporary folder, a salon written by the
// first version migrations alone, as an older Kartoteka would have left it,
// and returns it open with its path.
func createAtSchema(t *testing.T, version int, salon Salon) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("v%d.kartoteka", version))
	saved := migrations
	migrations = migrations[:version]
	defer func() { migrations = saved }()
	db, _, err := Create(context.Background(), path, frozenPass, salon, Options{KDF: CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	return db, path
}
