// Package locale writes numbers, money and dates the way each of
// Kartoteka's languages does (en, pl, de, da), for the desktop app and for
// the exports alike.
package locale

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"

	"kartoteka/store"
)

// Count writes n with the thousands separator of the language code:
// "4,812", "4 812", "4.812".
func Count(code string, n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	if len(s) <= 4 && code == "pl" { // Polish groups only from five digits on
		if neg {
			return "-" + s
		}
		return s
	}
	sep := ","
	switch code {
	case "pl":
		sep = "\u00a0"
	case "de", "da":
		sep = "."
	}
	out := make([]byte, 0, len(s)+len(s)/3*len(sep)+1)
	if neg {
		out = append(out, '-')
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, sep...)
		}
		out = append(out, s[i])
	}
	return string(out)
}

// Date writes the day of t the way the language code does:
// "7 Mar 2025" in English, "07.03.2025" in Polish, German and Danish. The
// zero time is a dash.
func Date(code string, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.Local()
	if code == "en" {
		return t.Format("2 Jan 2006")
	}
	return t.Format("02.01.2006")
}

// Day writes a calendar date kept as YYYY-MM-DD, such as a birth date, as
// Date writes a day: "17 May 1990", "17.05.1990". An empty date stays
// empty; one that cannot be read is written as it is.
func Day(code, iso string) string {
	t, err := time.ParseInLocation(time.DateOnly, iso, time.Local)
	if err != nil {
		return iso
	}
	return Date(code, t)
}

// ParseDay reads a day as people type it, as local midnight: DD.MM.YYYY,
// DD/MM/YYYY, DD-MM-YYYY or YYYY-MM-DD, a two-digit year taken as 20YY.
// It tells the two ways of getting a day wrong apart, so that the message
// can fit: what cannot be read as a day ("31.02", "1.2.x", "tomorrow") is a
// [store.ErrInvalidDate], to be answered with the format; a day written
// the right way that the calendar does not have ("31.02.2026",
// "29.02.2027", "12.13.2026") is a [store.ErrNoSuchDate], to be answered
// with "no such date" (it is also an ErrInvalidDate). Neither error holds
// what was typed.
func ParseDay(s string) (time.Time, error) {
	parts := strings.FieldsFunc(strings.TrimSpace(s), func(r rune) bool { return r == '.' || r == '/' || r == '-' })
	if len(parts) != 3 {
		return time.Time{}, store.ErrInvalidDate
	}
	day, month, year := parts[0], parts[1], parts[2]
	if len(day) == 4 {
		year, day = day, year
	}
	if len(day) > 2 || len(month) > 2 || len(year) != 2 && len(year) != 4 {
		return time.Time{}, store.ErrInvalidDate
	}
	n := make([]int, 3)
	for i, p := range []string{day, month, year} {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || strings.ContainsAny(p, "+-") {
			return time.Time{}, store.ErrInvalidDate
		}
		n[i] = v
	}
	d, m, y := n[0], n[1], n[2]
	if y < 100 {
		y += 2000
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.Local)
	if t.Day() != d || int(t.Month()) != m || t.Year() != y {
		return time.Time{}, store.ErrNoSuchDate
	}
	return t, nil
}

// Money writes an amount the way the language code does, with the
// currency's sign where people use one: "1,234.50 zł" in English,
// "1 234,50 zł" in Polish, "1.234,50 €" in German, "1.234,50 kr." in Danish.
func Money(code string, m store.Money) string {
	neg := m.Minor < 0
	minor := m.Minor
	if neg {
		minor = -minor
	}
	units := Count(code, int(minor/100))
	if code == "pl" { // amounts are grouped from four digits on, as in "1 234,50 zł"
		units = strings.ReplaceAll(Count("de", int(minor/100)), ".", "\u00a0")
	}
	dec := "."
	if code != "en" {
		dec = ","
	}
	s := fmt.Sprintf("%s%s%02d", units, dec, minor%100)
	if neg {
		s = "-" + s
	}
	return s + "\u00a0" + CurrencySign(m.Currency)
}

// CurrencySign is the sign a currency is written with after an amount.
func CurrencySign(currency string) string {
	switch currency {
	case "PLN":
		return "zł"
	case "EUR":
		return "€"
	case "DKK", "SEK", "NOK":
		return "kr."
	default:
		return currency
	}
}

// Phone writes an E.164 number for reading: in the national form when
// it belongs to the salon's country, else in the international one.
func Phone(e164, country string) string {
	if e164 == "" {
		return ""
	}
	num, err := phonenumbers.Parse(e164, "")
	if err != nil {
		return e164
	}
	if country != "XX" && phonenumbers.GetRegionCodeForNumber(num) == country {
		return phonenumbers.Format(num, phonenumbers.NATIONAL)
	}
	return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
}
