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
