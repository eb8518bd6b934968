package main

import (
	"flag"
	"fmt"

	"kartoteka/store"
)

func setupBookingAdd(fs *flag.FlagSet) runFunc {
	client := fs.String("client", "", "the client's `ID` (required)")
	service := fs.String("service", "", "the service's `ID` (required)")
	staff := fs.String("staff", "", "the staff member's `ID` (required)")
	start := fs.String("start", "", "when it starts: a `TIME` such as 2026-03-01T10:00 (required)")
	end := fs.String("end", "", "when it ends, a `TIME` (default: start plus the service's duration)")
	status := fs.String("status", store.StatusBooked, "`STATUS`: booked, completed, cancelled or no_show")
	price := fs.String("price", "", "the `PRICE`, such as 120.00 (default: the service's)")
	notes := fs.String("notes", "", "free-text `NOTES`")
	return func(e *env, args []string) error {
		if err := noArgs("booking add", args); err != nil {
			return err
		}
		if err := need("client", *client, "service", *service, "staff", *staff, "start", *start); err != nil {
			return err
		}
		in := store.BookingInput{Status: *status, Notes: *notes}
		var err error
		if in.ClientID, err = parseID("client", *client); err != nil {
			return err
		}
		if in.ServiceID, err = parseID("service", *service); err != nil {
			return err
		}
		if in.StaffID, err = parseID("staff", *staff); err != nil {
			return err
		}
		if in.Start, err = parseTime("start", *start, false); err != nil {
			return err
		}
		if in.End, err = parseOptionalTime("end", *end, false); err != nil {
			return err
		}
		if *price != "" {
			p, err := parseMoney("price", *price)
			if err != nil {
				return err
			}
			in.Price = &p
		}
		return e.withDB(func(db *store.DB) error {
			id, err := db.CreateBooking(e.ctx, in)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, id)
			return nil
		})
	}
}

func setupPaymentAdd(fs *flag.FlagSet) runFunc {
	client := fs.String("client", "", "the client's `ID` (required)")
	booking := fs.String("booking", "", "the booking `ID` it pays for")
	amount := fs.String("amount", "", "the `AMOUNT` in the salon's currency, such as 120.00; negative for a refund (required)")
	method := fs.String("method", "card", "`METHOD`: cash, card or transfer")
	at := fs.String("at", "", "`TIME` of payment (default: now)")
	notes := fs.String("notes", "", "free-text `NOTES`")
	return func(e *env, args []string) error {
		if err := noArgs("payment add", args); err != nil {
			return err
		}
		if err := need("client", *client, "amount", *amount); err != nil {
			return err
		}
		in := store.PaymentInput{Method: *method, Notes: *notes}
		var err error
		if in.ClientID, err = parseID("client", *client); err != nil {
			return err
		}
		if in.BookingID, err = parseOptionalID("booking", *booking); err != nil {
			return err
		}
		if in.Amount, err = parseMoney("amount", *amount); err != nil {
			return err
		}
		if in.At, err = parseOptionalTime("at", *at, false); err != nil {
			return err
		}
		return e.withDB(func(db *store.DB) error {
			id, err := db.CreatePayment(e.ctx, in)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, id)
			return nil
		})
	}
}

func setupInvoiceAdd(fs *flag.FlagSet) runFunc {
	client := fs.String("client", "", "the client's `ID` (required)")
	amount := fs.String("amount", "", "the total `AMOUNT` in the salon's currency, such as 120.00 (required)")
	at := fs.String("at", "", "the issue `DATE` or time (default: now)")
	taxID := fs.String("tax-id", "", "the buyer's tax `ID`, when the invoice is for a business")
	return func(e *env, args []string) error {
		if err := noArgs("invoice add", args); err != nil {
			return err
		}
		if err := need("client", *client, "amount", *amount); err != nil {
			return err
		}
		in := store.InvoiceInput{BuyerTaxID: *taxID}
		var err error
		if in.ClientID, err = parseID("client", *client); err != nil {
			return err
		}
		if in.Amount, err = parseMoney("amount", *amount); err != nil {
			return err
		}
		if in.At, err = parseOptionalTime("at", *at, true); err != nil {
			return err
		}
		return e.withDB(func(db *store.DB) error {
			id, err := db.CreateInvoice(e.ctx, in)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, id)
			return nil
		})
	}
}
