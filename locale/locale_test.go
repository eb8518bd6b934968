package locale

import (
	"errors"
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

// dayCases seed FuzzParseDay: want is the day read, or which error.
var dayCases = []struct {
	in   string
	want string // YYYY-MM-DD, "format" or "no such date"
}{
	{"17.05.1990", "1990-05-17"},
	{"17/05/1990", "1990-05-17"},
	{"17-05-1990", "1990-05-17"},
	{"1990-05-17", "1990-05-17"},
	{" 1.2.2026 ", "2026-02-01"},
	{"01.12.26", "2026-12-01"},
	{"29.02.2028", "2028-02-29"},
	{"31.02.2026", "no such date"},
	{"29.02.2027", "no such date"},
	{"31.04.2026", "no such date"},
	{"12.13.2026", "no such date"},
	{"00.01.2026", "no such date"},
	{"2026-02-31", "no such date"},
	{"2026-00-10", "no such date"},
	{"31.02", "format"},
	{"tomorrow", "format"},
	{"", "format"},
	{"1.2.x", "format"},
	{"1.2.202", "format"},
	{"123.1.2026", "format"},
	{"1.2.3.4", "format"},
	{"+1.2.2026", "format"},
	{"2026-123-1", "format"},
}

// TestParseDay: a day that cannot be read is told apart from one written
// the right way that the calendar does not have (31.02.2026 used to be
// answered "write it as DD.MM.YYYY", which it was).
func TestParseDay(t *testing.T) {
	for _, c := range dayCases {
		got, err := ParseDay(c.in)
		switch c.want {
		case "format":
			if !errors.Is(err, store.ErrInvalidDate) || errors.Is(err, store.ErrNoSuchDate) {
				t.Errorf("ParseDay(%q) = %v, %v; want a format error, not 'no such date'", c.in, got, err)
			}
		case "no such date":
			if !errors.Is(err, store.ErrNoSuchDate) || !errors.Is(err, store.ErrInvalidDate) {
				t.Errorf("ParseDay(%q) = %v, %v; want ErrNoSuchDate, also an ErrInvalidDate", c.in, got, err)
			}
		default:
			if err != nil || got.Format(time.DateOnly) != c.want || got.Hour() != 0 || got.Location() != time.Local {
				t.Errorf("ParseDay(%q) = %v, %v; want %s at local midnight", c.in, got, err, c.want)
			}
		}
	}
}

// FuzzParseDay: whatever is typed, ParseDay returns a local midnight or one
// of its two errors, and a day it reads, written back, reads the same.
func FuzzParseDay(f *testing.F) {
	if len(dayCases) == 0 {
		f.Fatal("no seeds")
	}
	for _, c := range dayCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDay(s)
		if err != nil {
			if !errors.Is(err, store.ErrInvalidDate) {
				t.Errorf("ParseDay(%q): %v, not a date error", s, err)
			}
			return
		}
		if got.Hour() != 0 || got.Minute() != 0 {
			t.Errorf("ParseDay(%q) = %v, not midnight", s, got)
		}
		if again, err := ParseDay(got.Format("02.01.2006")); err != nil || !again.Equal(got) {
			t.Errorf("ParseDay(%q) = %v, written back reads %v, %v", s, got, again, err)
		}
	})
}
