package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Card is everything the client card shows: the client, their bookings,
// payments, invoices, consent history and restriction history, read in
// one snapshot.
type Card struct {
	Client       Client
	Bookings     []Booking
	Payments     []Payment
	Invoices     []Invoice
	Consents     []Consent
	Restrictions []RestrictionChange // oldest first
	// MoneyHidden says the person acting may not see payments and
	// invoices: Payments and Invoices are then empty.
	MoneyHidden bool
}

// ClientCard loads a card in one read transaction, through prepared
// statements.
func (db *DB) ClientCard(ctx context.Context, id int64) (Card, error) {
	g, err := db.readGrant(ctx)
	if err != nil {
		return Card{}, err
	}
	tx, err := beginTx(ctx, db.rdb, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Card{}, fmt.Errorf("store: card %d: %w", id, err)
	}
	defer tx.Rollback()
	snap := &DB{r: &preparedTx{tx: tx, pool: db.rdb}, now: db.now}
	var card Card
	if card.Client, err = snap.Client(ctx, id); err != nil {
		return card, err
	}
	// The person may see this card: the rest is read as checked, and
	// payments and invoices only with their own permission.
	ctx = CheckedFlow(ctx)
	if card.Bookings, err = snap.ClientBookings(ctx, id); err != nil {
		return card, err
	}
	card.MoneyHidden = !g.Has(PermPaymentsView)
	if !card.MoneyHidden {
		if card.Payments, err = snap.ClientPayments(ctx, id); err != nil {
			return card, err
		}
		if card.Invoices, err = snap.ClientInvoices(ctx, id); err != nil {
			return card, err
		}
	}
	if card.Consents, err = snap.Consents(ctx, id); err != nil {
		return card, err
	}
	if card.Restrictions, err = snap.RestrictionHistory(ctx, id); err != nil {
		return card, err
	}
	return card, nil
}
