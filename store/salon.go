package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Salon is the controller: printed on every export.
type Salon struct {
	Name           string
	Address        string
	TaxID          string
	Country        string // PL, DE, DK, AT or XX (other)
	Currency       string // ISO 4217
	Language       string // en, pl, de, da
	PrivacyContact string
	// Land is the German federal state (one of GermanLands) of a salon in
	// DE, whose authority supervises it; empty when not set or not in DE.
	Land string
}

// Countries, languages and currencies the salon may choose.
var (
	Countries  = []string{"PL", "DE", "DK", "AT", "XX"}
	Languages  = []string{"en", "pl", "de", "da"}
	Currencies = []string{"PLN", "EUR", "DKK", "CHF", "GBP", "SEK", "NOK", "CZK", "USD"}
	// GermanLands are the codes of the 16 German Länder (ISO 3166-2:DE
	// without the "DE-").
	GermanLands = []string{"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"}
)

// ErrLandOutsideGermany refuses a Land for a salon whose country is not DE.
var ErrLandOutsideGermany = errors.New("a Land is set only for a salon in Germany (DE)")

// DefaultCurrency is the currency a salon in country uses unless told.
func DefaultCurrency(country string) string {
	switch country {
	case "PL":
		return "PLN"
	case "DK":
		return "DKK"
	default:
		return "EUR"
	}
}

// DefaultLanguage is the language a salon in country speaks unless told.
func DefaultLanguage(country string) string {
	switch country {
	case "PL":
		return "pl"
	case "DE", "AT":
		return "de"
	case "DK":
		return "da"
	default:
		return "en"
	}
}

func (s *Salon) validate() error {
	var err error
	if s.Name, err = text("name", s.Name, limitName, true); err != nil {
		return err
	}
	if s.Address, err = text("address", s.Address, limitAddress, false); err != nil {
		return err
	}
	if s.TaxID, err = text("tax_id", s.TaxID, 40, false); err != nil {
		return err
	}
	if s.PrivacyContact, err = text("privacy_contact", s.PrivacyContact, limitShort, false); err != nil {
		return err
	}
	s.Country = strings.ToUpper(strings.TrimSpace(s.Country))
	if err := oneOf("country", s.Country, Countries...); err != nil {
		return err
	}
	if s.Currency = strings.ToUpper(strings.TrimSpace(s.Currency)); s.Currency == "" {
		s.Currency = DefaultCurrency(s.Country)
	}
	if err := oneOf("currency", s.Currency, Currencies...); err != nil {
		return err
	}
	if s.Language = strings.ToLower(strings.TrimSpace(s.Language)); s.Language == "" {
		s.Language = DefaultLanguage(s.Country)
	}
	if err := oneOf("language", s.Language, Languages...); err != nil {
		return err
	}
	if s.Land = strings.ToUpper(strings.TrimSpace(s.Land)); s.Land == "" {
		return nil
	}
	if s.Country != "DE" {
		return fieldErr("land", ErrLandOutsideGermany)
	}
	return oneOf("land", s.Land, GermanLands...)
}

func (db *DB) initSalon(ctx context.Context, s Salon) error {
	return db.write(ctx, "salon.create", func(tx *sql.Tx) (int64, map[string]int, error) {
		_, err := tx.ExecContext(ctx, `INSERT INTO salon (id, name, address, tax_id, country, currency, language, privacy_contact, created_at)
			VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`, s.Name, s.Address, s.TaxID, s.Country, s.Currency, s.Language, s.PrivacyContact, db.now().Unix())
		if err == nil && s.Land != "" {
			// Only when set: tests create salons at schemas before the column.
			_, err = tx.ExecContext(ctx, `UPDATE salon SET land = ? WHERE id = 1`, s.Land)
		}
		return 0, nil, err
	})
}

// Salon returns the salon's settings.
func (db *DB) Salon(ctx context.Context) (Salon, error) {
	var s Salon
	err := db.r.QueryRowContext(ctx, `SELECT name, address, tax_id, country, currency, language, privacy_contact, land FROM salon WHERE id = 1`).
		Scan(&s.Name, &s.Address, &s.TaxID, &s.Country, &s.Currency, &s.Language, &s.PrivacyContact, &s.Land)
	if errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("store: salon: %w", ErrNotFound)
	}
	if err != nil {
		return s, fmt.Errorf("store: salon: %w", err)
	}
	return s, nil
}

// UpdateSalon changes the salon's settings, all of them: read them with
// Salon first to change a few. A Land outside DE is refused
// (ErrLandOutsideGermany).
func (db *DB) UpdateSalon(ctx context.Context, s Salon) error {
	if err := s.validate(); err != nil {
		return err
	}
	return db.write(ctx, "salon.update", func(tx *sql.Tx) (int64, map[string]int, error) {
		// Amounts are kept without conversion: the currency is fixed once
		// any price or payment is recorded in it.
		var current string
		var used bool
		err := tx.QueryRowContext(ctx, `SELECT currency, EXISTS (SELECT 1 FROM services) OR EXISTS (SELECT 1 FROM bookings)
			OR EXISTS (SELECT 1 FROM payments) OR EXISTS (SELECT 1 FROM invoices) FROM salon WHERE id = 1`).Scan(&current, &used)
		if err != nil {
			return 0, nil, notFound(err, "salon", 1)
		}
		if used && current != s.Currency {
			return 0, nil, fieldErr("currency", ErrCurrencyInUse)
		}
		_, err = tx.ExecContext(ctx, `UPDATE salon SET name = ?, address = ?, tax_id = ?, country = ?, currency = ?, language = ?, privacy_contact = ?, land = ? WHERE id = 1`,
			s.Name, s.Address, s.TaxID, s.Country, s.Currency, s.Language, s.PrivacyContact, s.Land)
		return 0, nil, err
	})
}
