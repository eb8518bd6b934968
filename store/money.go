package store

import (
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in minor units (grosze, cents, øre) of a currency.
// Kartoteka never keeps money in floats.
type Money struct {
	Minor    int64
	Currency string
}

// minorDigits is the number of decimals of every supported currency.
const minorDigits = 2

// ParseAmount reads "120", "120.5", "120.50" or "120,50" into minor units.
func ParseAmount(s string) (int64, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", "."))
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || len(frac) > minorDigits || (hasFrac && frac == "") || len(whole) > 12 {
		return 0, fieldErr("amount", ErrInvalidAmount)
	}
	for _, part := range []string{whole, frac} {
		for _, c := range part {
			if c < '0' || c > '9' {
				return 0, fieldErr("amount", ErrInvalidAmount)
			}
		}
	}
	frac += strings.Repeat("0", minorDigits-len(frac))
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	v := w*100 + f
	if neg {
		v = -v
	}
	return v, nil
}

// FormatAmount writes minor units as a decimal string: 12050 → "120.50".
func FormatAmount(minor int64) string {
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	return fmt.Sprintf("%s%d.%02d", sign, minor/100, minor%100)
}

// String is the amount with its currency: "120.50 PLN".
func (m Money) String() string { return FormatAmount(m.Minor) + " " + m.Currency }
