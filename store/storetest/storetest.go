// Package storetest builds real encrypted salon databases for tests, in
// t.TempDir() and with key derivation cheap enough for a test.
package storetest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"kartoteka/store"
)

// Passphrase opens every database this package makes.
const Passphrase = "test passphrase 42"

// Salon is the salon every database starts with.
var Salon = store.Salon{Name: "Salon Test", Country: "PL", Address: "ul. Testowa 1, 00-001 Warszawa", PrivacyContact: "privacy@example.com"}

// Create makes a new database and returns it with its recovery key; it is
// closed when the test ends.
func Create(t testing.TB, opts store.Options) (*store.DB, string) {
	t.Helper()
	if opts.KDF.Time == 0 {
		opts.KDF = store.CheapKDF
	}
	path := filepath.Join(t.TempDir(), "salon.kartoteka")
	db, rec, err := store.Create(context.Background(), path, Passphrase, Salon, opts)
	if err != nil {
		t.Fatalf("storetest: create: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db, rec
}

// Open makes a new database with default options.
func Open(t testing.TB) *store.DB {
	t.Helper()
	db, _ := Create(t, store.Options{})
	return db
}

// Fixture is a small salon: one stylist, one service, one client.
type Fixture struct {
	DB                       *store.DB
	Staff, Service, ClientID int64
}

// NewFixture opens a database holding a stylist, a 60-minute service at
// 120.00 and one client.
func NewFixture(t testing.TB) Fixture {
	t.Helper()
	ctx := context.Background()
	db := Open(t)
	f := Fixture{DB: db}
	var err error
	if f.Staff, err = db.CreateStaff(ctx, store.Staff{Name: "Anna Stylistka", Role: "stylist"}); err != nil {
		t.Fatal(err)
	}
	if f.Service, err = db.CreateService(ctx, store.Service{Name: "Strzyżenie", Minutes: 60, Price: store.Money{Minor: 12000}}); err != nil {
		t.Fatal(err)
	}
	if f.ClientID, err = db.CreateClient(ctx, store.ClientInput{FirstName: "Zofia", LastName: "Kowalska-Øster", Phone: "601 234 567", Email: "zofia@example.com"}); err != nil {
		t.Fatal(err)
	}
	return f
}

// IsolateDataDir points the per-user data folder of every system into dir
// for the rest of the test ($XDG_DATA_HOME on Linux, %AppData% on Windows,
// $HOME on macOS), so that [store.DefaultPath] and [store.DemoPath] name
// files under dir and a test never reaches the real salon of whoever runs
// it.
func IsolateDataDir(t testing.TB, dir string) {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", dir)
	t.Setenv("AppData", dir)
	t.Setenv("HOME", dir)
	d, err := store.DataDir()
	if err != nil || !strings.HasPrefix(d, dir) {
		t.Fatalf("storetest: the data folder is %q (%v), not under %s", d, err, dir)
	}
}
