package privacy

import (
	"context"
	"errors"
	"fmt"
	"time"

	"kartoteka/store"
)

// ErrAnonymizedSubject refuses to export a forgotten client: nothing is held
// about them any more.
var ErrAnonymizedSubject = errors.New("privacy: the client has been anonymized; nothing personal is held")

// Subject is everything the salon holds about one client (GDPR Art. 15),
// read in one snapshot: the card, consents with their history, bookings,
// payments, invoices, privacy requests, the audit events about them, and
// the Art. 15 information that follows from the salon's settings. The PDF
// and JSON exports are written from it.
type Subject struct {
	Salon       store.Salon
	Client      store.Client
	Consents    []store.Consent  // every record, oldest first
	Bookings    []SubjectBooking // oldest first
	Payments    []store.Payment  // oldest first
	Invoices    []SubjectInvoice
	Requests    []store.PrivacyRequest // the client's privacy requests, oldest first
	Events      []store.AuditEvent     // about the client, oldest first
	Retention   store.RetentionPolicy
	GeneratedAt time.Time
}

// SubjectBooking is a booking with the names of its service and staff.
type SubjectBooking struct {
	store.Booking
	Service, Staff string
}

// SubjectInvoice is an invoice with the day its buyer data may be purged.
type SubjectInvoice struct {
	store.Invoice
	KeepUntil time.Time // the first day after the statutory period
}

// LoadSubject reads what the salon holds about client id at now.
func LoadSubject(ctx context.Context, db *store.DB, id int64, now time.Time) (*Subject, error) {
	if err := db.Require(ctx, store.PermExport); err != nil {
		return nil, err
	}
	ctx = store.CheckedFlow(ctx)
	card, err := db.ClientCard(ctx, id)
	if err != nil {
		return nil, err
	}
	if card.Client.Anonymized {
		return nil, ErrAnonymizedSubject
	}
	s := &Subject{Client: card.Client, Consents: card.Consents, GeneratedAt: now}
	for i := len(card.Payments) - 1; i >= 0; i-- { // oldest first, as the bookings
		s.Payments = append(s.Payments, card.Payments[i])
	}
	if s.Salon, err = db.Salon(ctx); err != nil {
		return nil, err
	}
	if s.Retention, err = db.RetentionPolicy(ctx); err != nil {
		return nil, err
	}
	names, err := teamNames(ctx, db)
	if err != nil {
		return nil, err
	}
	for i := len(card.Bookings) - 1; i >= 0; i-- { // oldest first
		b := card.Bookings[i]
		s.Bookings = append(s.Bookings, SubjectBooking{Booking: b, Service: names.services[b.ServiceID], Staff: names.staff[b.StaffID]})
	}
	for _, inv := range card.Invoices {
		s.Invoices = append(s.Invoices, SubjectInvoice{Invoice: inv, KeepUntil: InvoicePurgeDate(inv.IssuedAt, s.Salon.Country, s.Retention.StatutoryYears)})
	}
	if s.Requests, err = db.ClientRequests(ctx, id); err != nil {
		return nil, fmt.Errorf("privacy: requests of client %d: %w", id, err)
	}
	if s.Events, err = db.ClientAudit(ctx, id); err != nil {
		return nil, fmt.Errorf("privacy: audit of client %d: %w", id, err)
	}
	return s, nil
}

// team maps staff and service IDs to names.
type team struct{ staff, services map[int64]string }

func teamNames(ctx context.Context, db *store.DB) (team, error) {
	t := team{staff: map[int64]string{}, services: map[int64]string{}}
	staff, err := db.StaffMembers(ctx)
	if err != nil {
		return t, err
	}
	for _, m := range staff {
		t.staff[m.ID] = m.Name
	}
	services, err := db.Services(ctx)
	if err != nil {
		return t, err
	}
	for _, sv := range services {
		t.services[sv.ID] = sv.Name
	}
	return t, nil
}

// Language is the language the client's exports are written in: the
// client's own, else the salon's, else English.
func (s *Subject) Language() string {
	for _, l := range []string{s.Client.Language, s.Salon.Language} {
		if l != "" {
			return l
		}
	}
	return "en"
}
