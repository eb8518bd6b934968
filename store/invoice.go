package store

import (
	"context"
	"fmt"
	"time"
)

// Invoice is kept unchanged for its statutory period, then its buyer data is
// purged.
type Invoice struct {
	ID          int64
	Number      string
	ClientID    int64
	IssuedAt    time.Time
	BuyerName   string
	BuyerAddr   string
	BuyerTaxID  string
	Total       Money
	BuyerPurged bool
	Lines       []InvoiceLine
}

// InvoiceLine is one position of an invoice.
type InvoiceLine struct {
	Description string
	Quantity    int64
	UnitPrice   int64
	Total       int64
}

// InvoiceInput issues an invoice to a client; the buyer's name and address
// are copied from the card as they are now. No lines means one line
// "Services" for Amount.
type InvoiceInput struct {
	ClientID   int64
	Amount     int64
	At         time.Time
	BuyerTaxID string
	Lines      []InvoiceLine
}

// CreateInvoice issues an invoice numbered per year ("2026/0007").
func (db *DB) CreateInvoice(ctx context.Context, in InvoiceInput) (int64, error) {
	return db.one(ctx, "invoice.create", func(b *Batch) (int64, error) { return b.CreateInvoice(in) })
}

// CreateInvoice issues an invoice numbered per year.
func (b *Batch) CreateInvoice(in InvoiceInput) (int64, error) {
	var err error
	if in.At.IsZero() {
		in.At = b.clock()
	}
	if err := checkTime("at", in.At); err != nil {
		return 0, err
	}
	if len(in.Lines) == 0 {
		in.Lines = []InvoiceLine{{Description: "Services", Quantity: 1, UnitPrice: in.Amount}}
	}
	var total int64
	for i := range in.Lines {
		l := &in.Lines[i]
		if l.Description, err = text("description", l.Description, limitShort, true); err != nil {
			return 0, err
		}
		if l.Quantity <= 0 || l.UnitPrice <= 0 {
			return 0, fieldErr("amount", ErrInvalidAmount)
		}
		l.Total = l.Quantity * l.UnitPrice
		total += l.Total
	}
	if in.BuyerTaxID, err = text("buyer_tax_id", in.BuyerTaxID, 40, false); err != nil {
		return 0, err
	}
	ctx, tx := b.ctx, b.tx
	if err := checkLive(ctx, tx, in.ClientID); err != nil {
		return 0, fieldErr("client", err)
	}
	var name, addr string
	if err := tx.QueryRowContext(ctx, `SELECT first_name || ' ' || last_name, address FROM clients WHERE id = ?`, in.ClientID).Scan(&name, &addr); err != nil {
		return 0, err
	}
	year := in.At.Year()
	from := time.Date(year, 1, 1, 0, 0, 0, 0, in.At.Location()).Unix()
	to := time.Date(year+1, 1, 1, 0, 0, 0, 0, in.At.Location()).Unix()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM invoices WHERE issued_at >= ? AND issued_at < ?`, from, to).Scan(&n); err != nil {
		return 0, err
	}
	number := fmt.Sprintf("%d/%04d", year, n+1)
	res, err := tx.ExecContext(ctx, `INSERT INTO invoices (number, client_id, issued_at, buyer_name, buyer_address, buyer_tax_id, total, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		number, in.ClientID, in.At.Unix(), name, addr, in.BuyerTaxID, total, b.salon.Currency)
	if err != nil {
		return 0, fmt.Errorf("store: create invoice: %w", err)
	}
	id, _ := res.LastInsertId()
	for _, l := range in.Lines {
		if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_lines (invoice_id, description, quantity, unit_price, total) VALUES (?, ?, ?, ?, ?)`,
			id, l.Description, l.Quantity, l.UnitPrice, l.Total); err != nil {
			return 0, err
		}
	}
	b.count("invoices")
	return id, nil
}

// ClientInvoices returns the invoices issued to a client, with their lines.
func (db *DB) ClientInvoices(ctx context.Context, clientID int64) ([]Invoice, error) {
	if err := db.Require(ctx, PermPaymentsView); err != nil {
		return nil, err
	}
	invs, err := queryAll(ctx, db.prepared(), `SELECT id, number, coalesce(client_id, 0), issued_at, buyer_name, buyer_address, buyer_tax_id, total, currency, buyer_purged_at IS NOT NULL
		FROM invoices WHERE client_id = ? ORDER BY issued_at DESC`, []any{clientID}, func(r scanner) (Invoice, error) {
		var v Invoice
		var at int64
		err := r.Scan(&v.ID, &v.Number, &v.ClientID, &at, &v.BuyerName, &v.BuyerAddr, &v.BuyerTaxID, &v.Total.Minor, &v.Total.Currency, &v.BuyerPurged)
		v.IssuedAt = time.Unix(at, 0)
		return v, err
	})
	if err != nil {
		return nil, err
	}
	for i := range invs {
		invs[i].Lines, err = queryAll(ctx, db.prepared(), `SELECT description, quantity, unit_price, total FROM invoice_lines WHERE invoice_id = ? ORDER BY id`,
			[]any{invs[i].ID}, func(r scanner) (InvoiceLine, error) {
				var l InvoiceLine
				return l, r.Scan(&l.Description, &l.Quantity, &l.UnitPrice, &l.Total)
			})
		if err != nil {
			return nil, err
		}
	}
	return invs, nil
}

// InvoiceBuyers lists the buyer name, address and tax ID of every invoice
// still in its statutory period (buyer data not purged), whoever's card it
// is on: what the proof of erasure leaves alone, as the law keeps it. No
// permission is checked; only the proof reads it.
func (db *DB) InvoiceBuyers(ctx context.Context) ([]string, error) {
	return queryAll(ctx, db.r, `SELECT buyer_name || char(10) || buyer_address || char(10) || buyer_tax_id FROM invoices
		WHERE buyer_purged_at IS NULL`, nil, func(r scanner) (string, error) {
		var s string
		return s, r.Scan(&s)
	})
}
