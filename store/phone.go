package store

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// NormalizePhone returns a phone number in E.164 ("+48601234567"), reading
// numbers without a country code as numbers of the salon's country. Empty
// stays empty.
func NormalizePhone(s, country string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if len(s) > 40 {
		return "", fieldErr("phone", ErrTooLong)
	}
	region := country
	if region == "XX" {
		region = ""
	}
	if strings.HasPrefix(s, "00") {
		s = "+" + s[2:]
	}
	n, err := phonenumbers.Parse(s, region)
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return "", fieldErr("phone", ErrInvalidPhone)
	}
	e164 := phonenumbers.Format(n, phonenumbers.E164)
	if len(e164) > 16 { // E.164 allows at most 15 digits
		return "", fieldErr("phone", ErrInvalidPhone)
	}
	return e164, nil
}

// phoneSearchTerms are the forms of a stored number a person may type: all
// digits with the country code, and the national number.
func phoneSearchTerms(e164 string) string {
	if e164 == "" {
		return ""
	}
	digits := strings.TrimPrefix(e164, "+")
	if national, err := NationalNumber(e164); err == nil {
		return digits + " " + national
	}
	return digits
}

// NationalNumber is the number without its country code, as people often
// type it: "+48601234567" → "601234567".
func NationalNumber(e164 string) (string, error) {
	n, err := phonenumbers.Parse(e164, "")
	if err != nil {
		return "", fieldErr("phone", ErrInvalidPhone)
	}
	return phonenumbers.GetNationalSignificantNumber(n), nil
}
