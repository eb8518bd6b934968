package main

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"kartoteka/store"
)

// The JSON of `client show --json`; see CLI.md. Amounts are decimal strings.
type (
	cardJSON struct {
		ID                int64             `json:"id"`
		FirstName         string            `json:"first_name"`
		LastName          string            `json:"last_name"`
		Phone             string            `json:"phone"`
		Email             string            `json:"email"`
		BirthDate         string            `json:"birth_date"`
		Address           string            `json:"address"`
		Language          string            `json:"language"`
		Notes             string            `json:"notes"`
		HealthNotes       string            `json:"health_notes"`
		HealthHidden      bool              `json:"health_hidden,omitempty"` // the card has health notes the person acting (--as) may not see
		Anonymized        bool              `json:"anonymized"`
		Restricted        bool              `json:"restricted"`
		RestrictionReason string            `json:"restriction_reason"`
		RestrictedAt      *string           `json:"restricted_at"`
		RetentionHold     string            `json:"retention_hold"` // why the client is kept out of retention; "" when not
		RetentionHoldAt   *string           `json:"retention_hold_at"`
		Restrictions      []restrictionJSON `json:"restriction_history"`
		CreatedAt         string            `json:"created_at"`
		LastVisit         *string           `json:"last_visit"`
		CurrentConsents   map[string]bool   `json:"current_consents"`
		Consents          []store.Consent   `json:"consents"`
		Bookings          []bookingJSON     `json:"bookings"`
		Payments          []paymentJSON     `json:"payments"`
		Invoices          []invoiceJSON     `json:"invoices"`
		Balance           map[string]string `json:"balance"`
	}
	bookingJSON struct {
		ID        int64  `json:"id"`
		Start     string `json:"start"`
		End       string `json:"end"`
		Status    string `json:"status"`
		ServiceID int64  `json:"service_id"`
		StaffID   int64  `json:"staff_id"`
		Price     string `json:"price"`
		Currency  string `json:"currency"`
		Notes     string `json:"notes"`
	}
	paymentJSON struct {
		ID        int64  `json:"id"`
		BookingID *int64 `json:"booking_id"`
		Amount    string `json:"amount"`
		Currency  string `json:"currency"`
		Method    string `json:"method"`
		At        string `json:"at"`
		Notes     string `json:"notes"`
	}
	invoiceJSON struct {
		ID          int64             `json:"id"`
		Number      string            `json:"number"`
		IssuedAt    string            `json:"issued_at"`
		BuyerName   string            `json:"buyer_name"`
		BuyerAddr   string            `json:"buyer_address"`
		BuyerTaxID  string            `json:"buyer_tax_id"`
		Amount      string            `json:"amount"`
		Currency    string            `json:"currency"`
		BuyerPurged bool              `json:"buyer_purged"`
		Lines       []invoiceLineJSON `json:"lines"`
	}
	restrictionJSON struct {
		Restricted bool   `json:"restricted"`
		At         string `json:"at"`
		Reason     string `json:"reason"`
		Actor      string `json:"actor"`
	}
	invoiceLineJSON struct {
		Description string `json:"description"`
		Quantity    int64  `json:"quantity"`
		UnitPrice   string `json:"unit_price"`
		Total       string `json:"total"`
	}
)

func cardView(card store.Card) cardJSON {
	c := card.Client
	v := cardJSON{
		ID: c.ID, FirstName: c.FirstName, LastName: c.LastName, Phone: c.Phone, Email: c.Email,
		BirthDate: c.BirthDate, Address: c.Address, Language: c.Language, Notes: c.Notes, HealthNotes: c.HealthNotes,
		HealthHidden: c.HealthHidden, Anonymized: c.Anonymized, Restricted: c.Restricted, RestrictionReason: c.RestrictionReason,
		RestrictedAt: isoOrNull(c.RestrictedAt), RetentionHold: c.RetentionHold, RetentionHoldAt: isoOrNull(c.RetentionHoldAt),
		Restrictions: []restrictionJSON{}, CreatedAt: isoTime(c.CreatedAt), LastVisit: isoOrNull(c.LastVisit),
		CurrentConsents: store.CurrentConsents(card.Consents), Consents: nonNil(card.Consents),
		Bookings: []bookingJSON{}, Payments: []paymentJSON{}, Invoices: []invoiceJSON{}, Balance: balance(card),
	}
	for _, r := range card.Restrictions {
		v.Restrictions = append(v.Restrictions, restrictionJSON{Restricted: r.Restricted, At: isoTime(r.At), Reason: r.Reason, Actor: string(r.Actor)})
	}
	for _, b := range card.Bookings {
		v.Bookings = append(v.Bookings, bookingJSON{ID: b.ID, Start: isoTime(b.Start), End: isoTime(b.End), Status: b.Status,
			ServiceID: b.ServiceID, StaffID: b.StaffID, Price: store.FormatAmount(b.Price.Minor), Currency: b.Price.Currency, Notes: b.Notes})
	}
	for _, p := range card.Payments {
		pj := paymentJSON{ID: p.ID, Amount: store.FormatAmount(p.Amount.Minor), Currency: p.Amount.Currency,
			Method: p.Method, At: isoTime(p.At), Notes: p.Notes}
		if p.BookingID != 0 {
			id := p.BookingID
			pj.BookingID = &id
		}
		v.Payments = append(v.Payments, pj)
	}
	for _, inv := range card.Invoices {
		ij := invoiceJSON{ID: inv.ID, Number: inv.Number, IssuedAt: isoTime(inv.IssuedAt), BuyerName: inv.BuyerName,
			BuyerAddr: inv.BuyerAddr, BuyerTaxID: inv.BuyerTaxID, Amount: store.FormatAmount(inv.Total.Minor),
			Currency: inv.Total.Currency, BuyerPurged: inv.BuyerPurged, Lines: []invoiceLineJSON{}}
		for _, l := range inv.Lines {
			ij.Lines = append(ij.Lines, invoiceLineJSON{Description: l.Description, Quantity: l.Quantity,
				UnitPrice: store.FormatAmount(l.UnitPrice), Total: store.FormatAmount(l.Total)})
		}
		v.Invoices = append(v.Invoices, ij)
	}
	return v
}

// balance is what the client owes per currency: completed bookings minus
// payments; negative when paid ahead.
func balance(card store.Card) map[string]string {
	sums := map[string]int64{}
	for _, b := range card.Bookings {
		if b.Status == store.StatusCompleted {
			sums[b.Price.Currency] += b.Price.Minor
		}
	}
	for _, p := range card.Payments {
		sums[p.Amount.Currency] -= p.Amount.Minor
	}
	out := map[string]string{}
	for cur, v := range sums {
		out[cur] = store.FormatAmount(v)
	}
	return out
}

func setupClientShow(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(e *env, args []string) error {
		arg, err := oneArg("client show", "client ID", args)
		if err != nil {
			return err
		}
		id, err := parseID("client", arg)
		if err != nil {
			return err
		}
		return e.withDB(func(db *store.DB) error {
			card, err := db.ClientCard(e.ctx, id)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(e.stdout, cardView(card))
			}
			printCard(e.stdout, card)
			return nil
		})
	}
}

// printCard writes the card for a person.
func printCard(w io.Writer, card store.Card) {
	c := card.Client
	title := strings.TrimSpace(c.FirstName + " " + c.LastName)
	fmt.Fprintf(w, "Client %d: %s\n", c.ID, cell(title))
	if c.Anonymized {
		fmt.Fprintln(w, "ANONYMIZED: the personal data was erased; bookings and payments are kept for accounting.")
	}
	if c.Restricted {
		fmt.Fprintf(w, "RESTRICTED since %s: %s\n", shortTime(c.RestrictedAt), cell(c.RestrictionReason))
	}
	if c.RetentionHold != "" {
		fmt.Fprintf(w, "KEPT out of automatic retention since %s: %s\n", shortTime(c.RetentionHoldAt), cell(c.RetentionHold))
	}
	tw := newTable(w)
	health := c.HealthNotes
	if c.HealthHidden { // not "-": there are notes, which this person may not see
		health = "(hidden: not permitted to see health notes)"
	}
	for _, f := range [][2]string{
		{"Phone", c.Phone}, {"Email", c.Email}, {"Birth date", c.BirthDate}, {"Address", c.Address},
		{"Language", c.Language}, {"Notes", c.Notes}, {"Health notes", health},
	} {
		row(tw, f[0]+":", f[1])
	}
	row(tw, "Card made:", shortTime(c.CreatedAt))
	row(tw, "Last visit:", shortTime(c.LastVisit))
	bal := balance(card)
	var curs []string
	for cur := range bal {
		curs = append(curs, cur)
	}
	sort.Strings(curs)
	for _, cur := range curs {
		row(tw, "Balance due:", bal[cur]+" "+cur)
	}
	tw.Flush()

	current := store.CurrentConsents(card.Consents)
	fmt.Fprintln(w, "\nConsents:")
	tw = newTable(w)
	for _, kind := range store.ConsentKinds {
		state := "not given"
		if given, ok := current[kind]; ok && given {
			state = "given"
		} else if ok {
			state = "withdrawn"
		}
		row(tw, "  "+kind, state)
	}
	tw.Flush()
	if len(card.Consents) > 0 {
		fmt.Fprintln(w, "\nConsent history:")
		tw = newTable(w)
		row(tw, "  WHEN", "KIND", "GIVEN", "CHANNEL", "RECORDED BY")
		for _, h := range card.Consents {
			row(tw, "  "+shortTime(h.At), h.Kind, yesNo(h.Given), h.Channel, string(h.RecordedBy))
		}
		tw.Flush()
	}

	if len(card.Restrictions) > 0 {
		fmt.Fprintln(w, "\nRestriction history:")
		tw = newTable(w)
		row(tw, "  WHEN", "RESTRICTED", "REASON", "BY")
		for _, r := range card.Restrictions {
			row(tw, "  "+shortTime(r.At), yesNo(r.Restricted), or(cell(r.Reason), "-"), string(r.Actor))
		}
		tw.Flush()
	}

	fmt.Fprintf(w, "\nBookings (%d):\n", len(card.Bookings))
	if len(card.Bookings) > 0 {
		tw = newTable(w)
		row(tw, "  ID", "START", "END", "STATUS", "SERVICE", "STAFF", "PRICE", "NOTES")
		for _, b := range card.Bookings {
			row(tw, "  "+strconv.FormatInt(b.ID, 10), shortTime(b.Start), b.End.Local().Format("15:04"), b.Status,
				strconv.FormatInt(b.ServiceID, 10), strconv.FormatInt(b.StaffID, 10), b.Price.String(), b.Notes)
		}
		tw.Flush()
	}
	fmt.Fprintf(w, "\nPayments (%d):\n", len(card.Payments))
	if len(card.Payments) > 0 {
		tw = newTable(w)
		row(tw, "  ID", "AT", "AMOUNT", "METHOD", "BOOKING")
		for _, p := range card.Payments {
			booking := "-"
			if p.BookingID != 0 {
				booking = strconv.FormatInt(p.BookingID, 10)
			}
			row(tw, "  "+strconv.FormatInt(p.ID, 10), shortTime(p.At), p.Amount.String(), p.Method, booking)
		}
		tw.Flush()
	}
	fmt.Fprintf(w, "\nInvoices (%d):\n", len(card.Invoices))
	if len(card.Invoices) > 0 {
		tw = newTable(w)
		row(tw, "  ID", "NUMBER", "ISSUED", "TOTAL", "BUYER DATA")
		for _, inv := range card.Invoices {
			buyer := "kept"
			if inv.BuyerPurged {
				buyer = "purged"
			}
			row(tw, "  "+strconv.FormatInt(inv.ID, 10), inv.Number, shortTime(inv.IssuedAt), inv.Total.String(), buyer)
		}
		tw.Flush()
	}
}
