package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// A salon's Land: empty or one of the 16 codes, and only in Germany.
func TestSalonLand(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		country, land, want string
		err                 error
	}{
		{"DE", "", "", nil},
		{"DE", " hh ", "HH", nil},
		{"DE", "BY", "BY", nil},
		{"DE", "XX", "", store.ErrInvalidChoice},
		{"DE", "Bayern", "", store.ErrInvalidChoice},
		{"AT", "BY", "", store.ErrLandOutsideGermany},
		{"PL", "", "", nil},
	} {
		path := filepath.Join(t.TempDir(), "salon.kartoteka")
		db, _, err := store.Create(ctx, path, storetest.Passphrase, store.Salon{Name: "S", Country: c.country, Land: c.land}, store.Options{KDF: store.CheapKDF})
		var fe *store.FieldError
		if c.err != nil {
			if !errors.Is(err, c.err) || !errors.As(err, &fe) || fe.Field != "land" {
				t.Errorf("%s %q: create err = %v, want %v on land", c.country, c.land, err, c.err)
			}
			if err == nil {
				db.Close()
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s %q: %v", c.country, c.land, err)
		}
		if s, err := db.Salon(ctx); err != nil || s.Land != c.want {
			t.Errorf("%s %q: read back %q, %v", c.country, c.land, s.Land, err)
		}
		db.Close()
	}

	// UpdateSalon writes the Land, refuses one outside Germany, and a
	// salon moving out of Germany must give it up.
	db := storetest.Open(t)
	s, _ := db.Salon(ctx)
	s.Land = "BE"
	if err := db.UpdateSalon(ctx, s); !errors.Is(err, store.ErrLandOutsideGermany) {
		t.Errorf("a Polish salon with a Land: %v", err)
	}
	s.Country, s.Currency = "DE", "PLN"
	if err := db.UpdateSalon(ctx, s); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Salon(ctx); got.Land != "BE" || got.Country != "DE" {
		t.Errorf("after the update: %+v", got)
	}
	s.Country = "AT"
	if err := db.UpdateSalon(ctx, s); !errors.Is(err, store.ErrLandOutsideGermany) {
		t.Errorf("moving to Austria keeping the Land: %v", err)
	}
}
