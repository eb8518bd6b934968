package main

import (
	"encoding/json"
	"errors"
	"flag"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"kartoteka/store"
)

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// newTable aligns tab-separated columns; call Flush at the end.
func newTable(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
}

// row writes one table row, each cell made safe for a terminal; an empty
// cell shows as "-".
func row(tw io.Writer, cells ...string) {
	for i, c := range cells {
		cells[i] = or(cell(c), "-")
	}
	io.WriteString(tw, strings.Join(cells, "\t")+"\n")
}

// cell makes stored text safe for a terminal: control characters (escape
// sequences in an imported name, tabs, newlines) become spaces.
func cell(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// count writes "1 client", "2 clients".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// or returns s, or def when s is empty.
func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// isoTime writes a time as ISO 8601 with its offset.
func isoTime(t time.Time) string { return t.Format(time.RFC3339) }

// isoOrNull is isoTime, or JSON null for a zero time.
func isoOrNull(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := isoTime(t)
	return &s
}

// shortTime writes a local time for a table; "-" for none.
func shortTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}

var (
	errBadTime = errors.New("not a valid time (use 2026-03-01T10:00, or 2026-03-01T10:00:00+01:00 with an offset)")
	errBadDate = errors.New("not a valid date or time (use 2026-03-01, 2026-03-01T10:00 or 2026-03-01T10:00:00+01:00)")
	errBadID   = errors.New("not a valid ID (a positive whole number)")
)

// parseTime reads a local time, or one with an offset; with dateOK a bare
// date means its local midnight. A day written YYYY-MM-DD that the calendar
// lacks is store.ErrNoSuchDate, not the format error.
func parseTime(field, s string, dateOK bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	layouts := []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02 15:04:05"}
	if dateOK {
		layouts = append(layouts, time.DateOnly)
	}
	for _, layout := range layouts {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	if day, _, _ := strings.Cut(strings.Replace(s, " ", "T", 1), "T"); store.IsDateShaped(day) {
		if _, err := time.Parse(time.DateOnly, day); err != nil {
			return time.Time{}, &store.FieldError{Field: field, Err: store.ErrNoSuchDate} // 2026-02-31: the form is right
		}
	}
	if dateOK {
		return time.Time{}, &store.FieldError{Field: field, Err: errBadDate}
	}
	return time.Time{}, &store.FieldError{Field: field, Err: errBadTime}
}

// parseOptionalTime is parseTime, or the zero time for an empty flag.
func parseOptionalTime(field, s string, dateOK bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return parseTime(field, s, dateOK)
}

// parseID reads a record ID.
func parseID(field, s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || id <= 0 {
		return 0, &store.FieldError{Field: field, Err: errBadID}
	}
	return id, nil
}

// parseOptionalID is parseID, or 0 for an empty flag.
func parseOptionalID(field, s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	return parseID(field, s)
}

// parseMoney reads a decimal amount into minor units.
func parseMoney(field, s string) (int64, error) {
	v, err := store.ParseAmount(s)
	if err != nil {
		return 0, &store.FieldError{Field: field, Err: store.ErrInvalidAmount}
	}
	return v, nil
}

// need refuses missing required flags; pairs are flag name, value.
func need(pairs ...string) error {
	var missing []string
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.TrimSpace(pairs[i+1]) == "" {
			missing = append(missing, "--"+pairs[i])
		}
	}
	switch len(missing) {
	case 0:
		return nil
	case 1:
		return usagef("%s is required", missing[0])
	default:
		return usagef("%s are required", strings.Join(missing, ", "))
	}
}

// noArgs refuses positional arguments for commands that take none.
func noArgs(name string, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, only flags (see: kartoteka-cli help %s)", name, name)
	}
	return nil
}

// oneArg returns the single positional argument of a command.
func oneArg(name, what string, args []string) (string, error) {
	if len(args) != 1 {
		return "", usagef("%s needs exactly one %s (see: kartoteka-cli help %s)", name, what, name)
	}
	return args[0], nil
}

// intRange refuses a numeric flag outside [lo, hi], naming both.
func intRange(name string, v, lo, hi int) error {
	if v < lo || v > hi {
		return usagef("--%s must be between %d and %d", name, lo, hi)
	}
	return nil
}

// given reports whether the flag name was set on the command line.
func given(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// Ranges of the numeric flags that have no store rule of their own.
const (
	maxAuditLimit  = 1_000_000
	maxDemoClients = 100_000
)
