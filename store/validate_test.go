package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// The tables below also seed the fuzz tests in fuzz_test.go.

var emailCases = []struct {
	in, want string
	err      error
}{
	{"anna.nowak@example.com", "anna.nowak@example.com", nil},
	{"  Anna.Nowak@Example.COM ", "anna.nowak@example.com", nil},
	{"", "", nil},
	{"søren@example.dk", "søren@example.dk", nil},
	{"anna", "", store.ErrInvalidEmail},
	{"anna@", "", store.ErrInvalidEmail},
	{"anna@localhost", "", store.ErrInvalidEmail},
	{"Anna <anna@example.com>", "", store.ErrInvalidEmail},
	{"anna@@example.com", "", store.ErrInvalidEmail},
	{"anna@example..com", "", store.ErrInvalidEmail},
	{"an na@example.com", "", store.ErrInvalidEmail},
	{strings.Repeat("a", 250) + "@example.com", "", store.ErrTooLong},
}

func TestNormalizeEmail(t *testing.T) {
	for _, c := range emailCases {
		got, err := store.NormalizeEmail(c.in)
		if got != c.want || !errors.Is(err, c.err) {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q, %v", c.in, got, err, c.want, c.err)
		}
	}
}

var phoneCases = []struct {
	in, country, want string
	err               error
}{
	{"601 234 567", "PL", "+48601234567", nil},
	{"+48 601-234-567", "DE", "+48601234567", nil},
	{"0048601234567", "DK", "+48601234567", nil},
	{"0151 23456789", "DE", "+4915123456789", nil},
	{"20 12 34 56", "DK", "+4520123456", nil},
	{"0664 1234567", "AT", "+436641234567", nil},
	{"+45 20123456", "XX", "+4520123456", nil},
	{"", "PL", "", nil},
	{"12", "PL", "", store.ErrInvalidPhone},
	{"601 234 567", "XX", "", store.ErrInvalidPhone},
	{"not a phone", "PL", "", store.ErrInvalidPhone},
	{"+48 123", "PL", "", store.ErrInvalidPhone},
	{strings.Repeat("1", 41), "PL", "", store.ErrTooLong},
}

func TestNormalizePhone(t *testing.T) {
	for _, c := range phoneCases {
		got, err := store.NormalizePhone(c.in, c.country)
		if got != c.want || !errors.Is(err, c.err) {
			t.Errorf("NormalizePhone(%q, %s) = %q, %v; want %q, %v", c.in, c.country, got, err, c.want, c.err)
		}
	}
}

var foldCases = []struct{ in, want string }{
	{"Kowalska-Øster", "kowalska-oster"},
	{"Łukasz Żółć", "lukasz zolc"},
	{"Søren Ærø", "soren aero"},
	{"Åse Grøn", "ase gron"},
	{"Groß Müller", "gross muller"},
	{"ŚWIĘTOKRZYSKA", "swietokrzyska"},
	{"Ñandú Crème", "nandu creme"},
	{"plain", "plain"},
}

func TestFold(t *testing.T) {
	for _, c := range foldCases {
		if got := store.Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

var amountCases = []struct {
	in   string
	want int64
	ok   bool
}{
	{"120", 12000, true},
	{"120.5", 12050, true},
	{"120,50", 12050, true},
	{"0.01", 1, true},
	{"-15.00", -1500, true},
	{"", 0, false},
	{"12.345", 0, false},
	{"1e3", 0, false},
	{"12.", 0, false},
	{".5", 0, false},
	{"9999999999999", 0, false},
}

func TestParseAmount(t *testing.T) {
	for _, c := range amountCases {
		got, err := store.ParseAmount(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d ok=%v", c.in, got, err, c.want, c.ok)
		}
		if c.ok && store.FormatAmount(got) != strings.ReplaceAll(fmtTwo(c.in), ",", ".") {
			t.Errorf("FormatAmount(%d) = %q", got, store.FormatAmount(got))
		}
	}
}

// fmtTwo pads a decimal string to two decimals: "120" → "120.00".
func fmtTwo(s string) string {
	s = strings.ReplaceAll(s, ",", ".")
	whole, frac, _ := strings.Cut(s, ".")
	return whole + "." + (frac + "00")[:2]
}

// Issue 12, finding 8: a negative payment is a refund, and gives back no
// more than was paid.
func TestRefundNoMoreThanPaid(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	if _, err := f.DB.CreatePayment(ctx, store.PaymentInput{ClientID: f.ClientID, Amount: -500}); !errors.Is(err, store.ErrRefundTooLarge) {
		t.Errorf("a refund with nothing paid: %v", err)
	}
	if _, err := f.DB.CreatePayment(ctx, store.PaymentInput{ClientID: f.ClientID, Amount: 12000}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.DB.CreatePayment(ctx, store.PaymentInput{ClientID: f.ClientID, Amount: -12001}); !errors.Is(err, store.ErrRefundTooLarge) {
		t.Errorf("a refund of more than was paid: %v", err)
	}
	if _, err := f.DB.CreatePayment(ctx, store.PaymentInput{ClientID: f.ClientID, Amount: -12000}); err != nil {
		t.Errorf("a refund of what was paid: %v", err)
	}
}
