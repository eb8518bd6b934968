package store

import (
	"context"
	"fmt"
)

// Counts is how many records of each kind the database holds.
type Counts struct {
	Staff    int `json:"staff"`
	Services int `json:"services"`
	Clients  int `json:"clients"` // every card, anonymized ones included
	Bookings int `json:"bookings"`
	Payments int `json:"payments"`
	Invoices int `json:"invoices"`
	Consents int `json:"consents"`
	// LiveClients are the cards not anonymized.
	LiveClients int `json:"live_clients"`
}

// Counts counts the records in one snapshot.
func (db *DB) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := db.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM staff), (SELECT count(*) FROM services), (SELECT count(*) FROM clients),
		(SELECT count(*) FROM bookings), (SELECT count(*) FROM payments), (SELECT count(*) FROM invoices), (SELECT count(*) FROM consents),
		(SELECT count(*) FROM clients WHERE anonymized_at IS NULL)`).
		Scan(&c.Staff, &c.Services, &c.Clients, &c.Bookings, &c.Payments, &c.Invoices, &c.Consents, &c.LiveClients)
	if err != nil {
		return c, fmt.Errorf("store: counts: %w", err)
	}
	return c, nil
}
