package demo

import (
	"math"
	"time"

	"kartoteka/store"
)

// Shares of outcomes, in percent.
const (
	pctCompleted     = 89 // of past bookings; the rest are cancelled or no-shows
	pctCancelled     = 7  // of past bookings
	pctUnpaid        = 2  // of completed visits: an open balance
	permilleInvoiced = 25 // of paid visits, per mille
	pctTaxID         = 40 // of invoices: issued to a business
)

// booking writes a visit: the booking with its outcome and, for a completed
// one, its payment and now and then an invoice.
func (w *writer) booking(b *store.Batch, e event) error {
	r, t := w.r, w.txt
	def, svc := w.defs[e.aux], w.svcs[e.aux]
	start := time.Unix(e.at, 0).In(w.loc)
	end := start.Add(time.Duration(def.minutes) * time.Minute)
	status := store.StatusBooked
	if !end.After(w.now) {
		switch x := r.IntN(100); {
		case x < pctCompleted:
			status = store.StatusCompleted
		case x < pctCompleted+pctCancelled:
			status = store.StatusCancelled
		default:
			status = store.StatusNoShow
		}
	} else if r.IntN(100) < 5 {
		status = store.StatusCancelled
	}
	var notes string
	switch {
	case status == store.StatusCancelled && r.IntN(100) < 40:
		notes = pick(r, t.cancelNotes)
	case status == store.StatusNoShow && r.IntN(100) < 30:
		notes = pick(r, t.noShowNotes)
	case status == store.StatusCompleted && def.group == groupWomen && def.minutes >= 90 && r.IntN(100) < 35:
		notes = pick(r, t.colourNotes)
	case status != store.StatusCancelled && status != store.StatusNoShow && r.IntN(100) < 5:
		notes = pick(r, t.visitNotes)
	}
	price := w.priceAt(svc.Price.Minor, start, def.group == groupWomen && r.IntN(100) < 15)
	// Booked a few hours to three weeks ahead, never before the card was
	// made nor after today.
	created := min(max(start.Unix()-int64(1+r.IntN(21*24))*3600, w.p.clients[e.client].join), w.now.Unix())
	b.SetClock(time.Unix(created, 0).In(w.loc))
	client := w.ids[e.client]
	in := store.BookingInput{ClientID: client, StaffID: w.staff[e.staff], ServiceID: svc.ID,
		Start: start, End: end, Status: status, Price: &price, Notes: notes}
	if w.restricted[e.client] {
		in.Basis = store.BasisConsent
	}
	id, err := b.CreateBooking(in)
	if err != nil {
		return err
	}
	w.sum.Bookings++
	if status != store.StatusCompleted || r.IntN(100) < pctUnpaid {
		return nil
	}
	pay := store.PaymentInput{ClientID: client, BookingID: id, Amount: price, Method: w.method(), At: end}
	if r.IntN(100) < 2 {
		pay.Notes = pick(r, t.paymentNotes)
	}
	if _, err := b.CreatePayment(pay); err != nil {
		return err
	}
	w.sum.Payments++
	if r.IntN(1000) >= permilleInvoiced {
		return nil
	}
	issued := min(end.Unix()+int64(2+r.IntN(14))*60, w.now.Unix())
	inv := store.InvoiceInput{ClientID: client, At: time.Unix(issued, 0).In(w.loc),
		Lines: []store.InvoiceLine{{Description: svc.Name, Quantity: 1, UnitPrice: price}}}
	if r.IntN(100) < pctTaxID {
		inv.BuyerTaxID = taxID(r, w.salon.Country)
	}
	if _, err := b.CreateInvoice(inv); err != nil {
		return err
	}
	w.sum.Invoices++
	return nil
}

// priceAt is what a service cost at t: the price list went up about 6% each
// January; long hair costs a fifth more.
func (w *writer) priceAt(now int64, t time.Time, long bool) int64 {
	f := math.Pow(0.94, float64(max(w.now.Year()-t.Year(), 0)))
	if long {
		f *= 1.2
	}
	return roundTo(float64(now)*f, priceStep(w.salon.Currency))
}

// method is how a client pays, by the habits of the salon's country.
func (w *writer) method() string {
	card, cash := 70, 25
	switch w.salon.Country {
	case "PL":
		card, cash = 55, 40
	case "DE", "AT":
		card, cash = 46, 50
	case "DK":
		card, cash = 90, 5
	}
	switch x := w.r.IntN(100); {
	case x < card:
		return "card"
	case x < card+cash:
		return "cash"
	}
	return "transfer"
}
