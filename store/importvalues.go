package store

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// Refusals of an import's values, each in a [*FieldError] naming the
// column's field.
var (
	ErrShortYear   = errors.New("write the year with four digits")
	ErrMonthFirst  = errors.New("the dates of this column are written month first (MM/DD/YYYY): write them as YYYY-MM-DD or DD.MM.YYYY")
	ErrNotYesOrNo  = errors.New("write yes or no (tak/nie, ja/nein, ja/nej, 1/0), or leave it empty when the client was not asked")
	ErrUnknownLang = errors.New("not a language Kartoteka speaks: en, pl, de or da (English, polski, Deutsch, dansk)")
)

// importDate reads a birth date as people write it: 1985-03-15 (also with
// dots or slashes), and day first, as everywhere Kartoteka is sold:
// 15.03.1985, 15.3.1985, 15-03-1985, 15/03/1985. A time after it (an
// export's "1985-03-15 00:00:00") is ignored. A two-digit year is refused
// (ErrShortYear): 03 may be 1903 or 2003. It returns YYYY-MM-DD, or the
// value as it was when it is no date at all, for the card's own check to
// refuse.
func importDate(s string, monthFirst bool) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if d, _, ok := strings.Cut(s, " "); ok {
		s = d
	} else if d, t, ok := strings.Cut(s, "T"); ok && strings.Contains(t, ":") {
		s = d
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '/' || r == '-' })
	if len(parts) != 3 {
		return s, nil
	}
	n := make([]int, 3)
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || len(p) > 4 {
			return s, nil
		}
		n[i] = v
	}
	short := func(p string) bool { return len(p) >= 1 && len(p) <= 2 }
	var y, m, d int
	switch {
	case len(parts[0]) == 4 && short(parts[1]) && short(parts[2]):
		y, m, d = n[0], n[1], n[2]
	case len(parts[2]) == 4 && short(parts[0]) && short(parts[1]):
		if monthFirst && strings.Contains(s, "/") {
			return "", fieldErr(FieldBirthDate, ErrMonthFirst)
		}
		d, m, y = n[0], n[1], n[2]
	case short(parts[0]) && short(parts[1]) && short(parts[2]):
		return "", fieldErr(FieldBirthDate, ErrShortYear)
	default:
		return s, nil
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m || t.Year() != y {
		return "", fieldErr(FieldBirthDate, ErrNoSuchDate)
	}
	return t.Format(time.DateOnly), nil
}

// monthFirstColumn reports whether a column's slash dates are written month
// first: one at least reads only so (13/…/… is impossible, …/13/… is not),
// and none only day first.
func monthFirstColumn(values []string) bool {
	monthFirst, dayFirst := false, false
	for _, v := range values {
		v = strings.TrimSpace(v)
		if d, _, ok := strings.Cut(v, " "); ok {
			v = d
		}
		parts := strings.Split(v, "/")
		if len(parts) != 3 || len(parts[2]) != 4 {
			continue
		}
		a, errA := strconv.Atoi(parts[0])
		b, errB := strconv.Atoi(parts[1])
		if errA != nil || errB != nil {
			continue
		}
		switch {
		case a <= 12 && b > 12:
			monthFirst = true
		case a > 12 && b <= 12:
			dayFirst = true
		}
	}
	return monthFirst && !dayFirst
}

var (
	yesWords = []string{"yes", "y", "tak", "t", "ja", "j", "1", "true", "x", "✓", "✔"}
	noWords  = []string{"no", "n", "nie", "nein", "nej", "0", "false", "-"}
)

// yesNo reads a consent column: stated reports whether the file says
// anything (an empty cell says nothing, and records nothing).
func yesNo(field, s string) (given, stated bool, err error) {
	v := Fold(strings.TrimSpace(s))
	switch {
	case v == "":
		return false, false, nil
	case contains(yesWords, v):
		return true, true, nil
	case contains(noWords, v):
		return false, true, nil
	}
	return false, false, fieldErr(field, ErrNotYesOrNo)
}

func contains(list []string, v string) bool {
	for _, w := range list {
		if w == v {
			return true
		}
	}
	return false
}

// languageWords are the names of the app's languages as a client list may
// write them, folded.
var languageWords = map[string]string{
	"en": "en", "eng": "en", "english": "en", "englisch": "en", "engelsk": "en", "angielski": "en",
	"pl": "pl", "pol": "pl", "polish": "pl", "polski": "pl", "polnisch": "pl", "polsk": "pl",
	"de": "de", "deu": "de", "ger": "de", "german": "de", "deutsch": "de", "niemiecki": "de", "tysk": "de",
	"da": "da", "dan": "da", "dk": "da", "danish": "da", "dansk": "da", "danisch": "da", "dunski": "da",
}

// importLanguage reads a language column into a code.
func importLanguage(s string) (string, error) {
	v := Fold(strings.TrimSpace(s))
	if v == "" {
		return "", nil
	}
	if code, ok := languageWords[v]; ok {
		return code, nil
	}
	return "", fieldErr(FieldLanguage, ErrUnknownLang)
}

// splitFullName splits "Anna Maria Nowak" into "Anna Maria" and "Nowak".
func splitFullName(s string) (first, last string) {
	s = strings.Join(strings.Fields(s), " ")
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return "", s
	}
	return s[:i], s[i+1:]
}

// joinAddress puts street, postal code and city together as a card holds
// an address: "ul. Długa 5, 00-001 Warszawa".
func joinAddress(street, postal, city string) string {
	var parts []string
	if s := strings.TrimSpace(street); s != "" {
		parts = append(parts, s)
	}
	if pc := strings.TrimSpace(strings.TrimSpace(postal) + " " + strings.TrimSpace(city)); pc != "" {
		parts = append(parts, pc)
	}
	return strings.Join(parts, ", ")
}
