package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"kartoteka/locale"
)

// weekdayName is the name of t's day of the week in the language in use.
func weekdayName(t time.Time) string {
	switch t.Local().Weekday() {
	case time.Monday:
		return lang.L("Monday")
	case time.Tuesday:
		return lang.L("Tuesday")
	case time.Wednesday:
		return lang.L("Wednesday")
	case time.Thursday:
		return lang.L("Thursday")
	case time.Friday:
		return lang.L("Friday")
	case time.Saturday:
		return lang.L("Saturday")
	default:
		return lang.L("Sunday")
	}
}

// shortWeekdayName is the short name of t's day of the week: "Mon", "pon.".
func shortWeekdayName(t time.Time) string {
	switch t.Local().Weekday() {
	case time.Monday:
		return lang.L("Mon")
	case time.Tuesday:
		return lang.L("Tue")
	case time.Wednesday:
		return lang.L("Wed")
	case time.Thursday:
		return lang.L("Thu")
	case time.Friday:
		return lang.L("Fri")
	case time.Saturday:
		return lang.L("Sat")
	default:
		return lang.L("Sun")
	}
}

// shortDate is the day and month of t: "1 Dec" in English, "01.12" in the
// other languages.
func shortDate(code string, t time.Time) string {
	if code == "en" {
		return t.Local().Format("2 Jan")
	}
	return t.Local().Format("02.01")
}

// numericDate is t's day the way the language code writes it by hand and
// parseDay reads it back: "01/12/2026" in English, "01.12.2026" elsewhere.
func numericDate(code string, t time.Time) string {
	if code == "en" {
		return t.Local().Format("02/01/2006")
	}
	return t.Local().Format("02.01.2006")
}

// dateHint is how a day is written in the language code.
func dateHint(code string) string {
	if code == "en" {
		return "DD/MM/YYYY"
	}
	return lang.L("DD.MM.YYYY")
}

// parseDay reads a day as people type it (17.05.2026, 17/05/2026,
// 2026-05-17, 17.05.26); dayProblem says why one cannot be read.
func parseDay(s string) (time.Time, bool) {
	t, err := locale.ParseDay(s)
	return t, err == nil
}

// dayProblem is the reason s is not a day: store.ErrNoSuchDate for one the
// calendar does not have (31.02.2026), else store.ErrInvalidDate; nil for a
// day. fieldMessage words it.
func dayProblem(s string) error {
	_, err := locale.ParseDay(s)
	return err
}

// parseClock reads a time of day: "14:30", "14.30", "1430" or "9".
func parseClock(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	h, m, found := strings.Cut(strings.ReplaceAll(s, ".", ":"), ":")
	if !found && len(s) > 2 {
		h, m = s[:len(s)-2], s[len(s)-2:]
	}
	hh, err := strconv.Atoi(h)
	if err != nil || hh < 0 || hh > 23 {
		return 0, false
	}
	mm := 0
	if m != "" {
		if mm, err = strconv.Atoi(m); err != nil || mm < 0 || mm > 59 || len(m) != 2 {
			return 0, false
		}
	}
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, true
}

// plainAmount is an amount for typing in: "120.50" in English, "120,50"
// elsewhere, with no grouping and no currency.
func plainAmount(code string, minor int64) string {
	s := strconv.FormatInt(minor/100, 10) + "." + strconv.FormatInt(100+minor%100, 10)[1:]
	if code != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// initialsOf is the first letter of each word of a name: "AK".
func initialsOf(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r := []rune(w)
		b.WriteString(strings.ToUpper(string(r[0])))
	}
	return b.String()
}

// itoa writes an ID.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }
