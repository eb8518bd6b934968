package locale

import (
	"testing"
	"time"

	"kartoteka/store"
)

func TestFormatCount(t *testing.T) {
	cases := []struct {
		code string
		n    int
		want string
	}{
		{"en", 0, "0"},
		{"en", 999, "999"},
		{"en", 4812, "4,812"},
		{"en", 1234567, "1,234,567"},
		{"pl", 4812, "4812"},
		{"pl", 20000, "20\u00a0000"},
		{"de", 4812, "4.812"},
		{"da", -12345, "-12.345"},
	}
	for _, c := range cases {
		if got := Count(c.code, c.n); got != c.want {
			t.Errorf("Count(%s, %d) = %q, want %q", c.code, c.n, got, c.want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	d := time.Date(2025, 3, 7, 12, 0, 0, 0, time.Local)
	for code, want := range map[string]string{"en": "7 Mar 2025", "pl": "07.03.2025", "de": "07.03.2025", "da": "07.03.2025"} {
		if got := Date(code, d); got != want {
			t.Errorf("Date(%s) = %q, want %q", code, got, want)
		}
	}
	if got := Date("pl", time.Time{}); got != "—" {
		t.Errorf("formatDate of no date = %q", got)
	}
}

func TestDay(t *testing.T) {
	for _, c := range []struct{ code, iso, want string }{
		{"pl", "1990-05-17", "17.05.1990"}, {"da", "1990-05-17", "17.05.1990"}, {"en", "1990-05-17", "17 May 1990"},
		{"de", "", ""}, {"de", "17.05.1990", "17.05.1990"},
	} {
		if got := Day(c.code, c.iso); got != c.want {
			t.Errorf("Day(%s, %q) = %q, want %q", c.code, c.iso, got, c.want)
		}
	}
}

func TestFormatPhone(t *testing.T) {
	cases := []struct{ e164, country, want string }{
		{"+48601234567", "PL", "601 234 567"},
		{"+48601234567", "DE", "+48 601 234 567"},
		{"+4520123456", "DK", "20 12 34 56"},
		{"+4520123456", "XX", "+45 20 12 34 56"},
		{"", "PL", ""},
		{"not a number", "PL", "not a number"},
	}
	for _, c := range cases {
		if got := Phone(c.e164, c.country); got != c.want {
			t.Errorf("Phone(%q, %s) = %q, want %q", c.e164, c.country, got, c.want)
		}
	}
}

func TestMoney(t *testing.T) {
	for _, c := range []struct {
		code string
		m    store.Money
		want string
	}{
		{"pl", store.Money{Minor: 123450, Currency: "PLN"}, "1\u00a0234,50\u00a0zł"},
		{"de", store.Money{Minor: 123450, Currency: "EUR"}, "1.234,50\u00a0€"},
		{"da", store.Money{Minor: 123450, Currency: "DKK"}, "1.234,50\u00a0kr."},
		{"en", store.Money{Minor: 5, Currency: "GBP"}, "0.05\u00a0GBP"},
		{"en", store.Money{Minor: -12000, Currency: "PLN"}, "-120.00\u00a0zł"},
	} {
		if got := Money(c.code, c.m); got != c.want {
			t.Errorf("Money(%s, %v) = %q, want %q", c.code, c.m, got, c.want)
		}
	}
}
