package main

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"kartoteka/store"
)

// basesList is the grounds of GDPR Art. 18(2) as the flag takes them.
var basesList = strings.Join(store.RestrictionBases, "|")

func setupBookingAdd(fs *flag.FlagSet) runFunc {
	client := fs.String("client", "", "the client's `ID` (required)")
	service := fs.String("service", "", "the service's `ID` (required)")
	staff := fs.String("staff", "", "the staff member's `ID` (required)")
	start := fs.String("start", "", "when it starts: a `TIME` such as 2026-03-01T10:00 (required)")
	end := fs.String("end", "", "when it ends, a `TIME` (default: start plus the service's duration)")
	status := fs.String("status", store.StatusBooked, "`STATUS`: booked, completed, cancelled or no_show")
	price := fs.String("price", "", "the `PRICE`, such as 120.00 (default: the service's)")
	notes := fs.String("notes", "", "free-text `NOTES`")
	despite := fs.String("despite-restriction", "", "book a client whose processing is restricted (GDPR Art. 18) on the `GROUND` of\n"+
		"Art. 18(2) that applies: "+basesList+"; it is audited")
	return func(e *env, args []string) error {
		if err := noArgs("booking add", args); err != nil {
			return err
		}
		if err := need("client", *client, "service", *service, "staff", *staff, "start", *start); err != nil {
			return err
		}
		if *despite != "" && !slices.Contains(store.RestrictionBases, *despite) {
			return usagef("--despite-restriction must be one of the grounds of GDPR Art. 18(2): %s", basesList)
		}
		in := store.BookingInput{Status: *status, Notes: *notes, Basis: *despite}
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

func setupBookingCancel(fs *flag.FlagSet) runFunc {
	reason := fs.String("reason", "", "why, a `TEXT` added to the booking's notes on a line of its own")
	return func(e *env, args []string) error {
		arg, err := oneArg("booking cancel", "booking ID", args)
		if err != nil {
			return err
		}
		id, err := parseID("booking", arg)
		if err != nil {
			return err
		}
		return e.withDB(func(db *store.DB) error {
			b, err := db.Booking(e.ctx, id)
			if err != nil {
				return err
			}
			if err := db.CancelBooking(e.ctx, id, *reason); err != nil {
				return err
			}
			if b.Status == store.StatusCancelled {
				fmt.Fprintf(e.stderr, "booking %d was already cancelled; nothing changed\n", id)
			} else {
				fmt.Fprintf(e.stderr, "booking %d cancelled\n", id)
			}
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
