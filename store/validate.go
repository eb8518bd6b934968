package store

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Sentinel errors for input the store refuses. Each reaches callers wrapped
// in a [*FieldError] naming the field, so a form can show the message beside
// it; errors.Is finds the sentinel.
var (
	ErrRequired         = errors.New("required")
	ErrTooLong          = errors.New("too long")
	ErrInvalidEmail     = errors.New("not a valid email address")
	ErrInvalidPhone     = errors.New("not a valid phone number")
	ErrInvalidDate      = errors.New("not a valid date")
	ErrDateOutOfRange   = errors.New("date out of range")
	ErrEndBeforeStart   = errors.New("end must be after start")
	ErrTooLongBooking   = errors.New("a booking may last at most 12 hours")
	ErrOverlap          = errors.New("the staff member already has a booking at that time")
	ErrInvalidAmount    = errors.New("not a valid amount")
	ErrInvalidChoice    = errors.New("not one of the allowed values")
	ErrWeakPassphrase   = errors.New("the passphrase must have at least 10 characters")
	ErrNotFound         = errors.New("not found")
	ErrAnonymized       = errors.New("the client is anonymized")
	ErrCurrencyMismatch = errors.New("the currency differs from the salon's")
	ErrCurrencyInUse    = errors.New("the currency cannot change once prices or payments are recorded")
	ErrOutOfRange       = errors.New("out of the allowed range")
)

// ErrNoSuchDate refuses a date written the right way that the calendar
// does not have: 2026-02-31, 31.02.2026, a 13th month. It is distinct from a
// date that cannot be read at all, which is only an [ErrInvalidDate], so
// that a message can say "no such date" rather than "write it as…"; it is
// also an ErrInvalidDate, so that code which knows only that one still
// refuses it.
var ErrNoSuchDate error = noSuchDate{}

type noSuchDate struct{}

func (noSuchDate) Error() string        { return "no such date in the calendar" }
func (noSuchDate) Is(target error) bool { return target == ErrInvalidDate }

// IsDateShaped reports whether s is written as a calendar date, YYYY-MM-DD
// with digits in their places, whether or not the calendar has it.
func IsDateShaped(s string) bool {
	if len(s) != len(time.DateOnly) {
		return false
	}
	for i, r := range s {
		if i == 4 || i == 7 {
			if r != '-' {
				return false
			}
		} else if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// FieldError says which field of the input was refused and why.
type FieldError struct {
	Field string
	Err   error
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Err.Error() }
func (e *FieldError) Unwrap() error { return e.Err }

func fieldErr(field string, err error) error { return &FieldError{Field: field, Err: err} }

// MinPassphraseLen is the shortest passphrase accepted, in characters;
// MaxPassphraseLen the longest, in bytes (UTF-8).
const (
	MinPassphraseLen = 10
	MaxPassphraseLen = 1024
)

func validatePassphrase(p string) error {
	if utf8.RuneCountInString(p) < MinPassphraseLen {
		return fieldErr("passphrase", ErrWeakPassphrase)
	}
	if len(p) > MaxPassphraseLen {
		return fieldErr("passphrase", ErrTooLong)
	}
	return nil
}

func randRead(b []byte) (int, error) { return rand.Read(b) }

// text trims s and checks it against a limit in characters.
func text(field, s string, limit int, required bool) (string, error) {
	s = strings.TrimSpace(s)
	if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
		return "", fieldErr(field, ErrInvalidChoice)
	}
	if required && s == "" {
		return "", fieldErr(field, ErrRequired)
	}
	if utf8.RuneCountInString(s) > limit {
		return "", fieldErr(field, ErrTooLong)
	}
	return s, nil
}

// Length limits, in characters.
const (
	limitName    = 100
	limitShort   = 200
	limitAddress = 500
	limitNotes   = 10000
	limitEmail   = 254
)

// NormalizeEmail trims and lowercases an email and checks its syntax: one
// plain address, a dot in the domain. Empty stays empty.
func NormalizeEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if len(s) > limitEmail {
		return "", fieldErr("email", ErrTooLong)
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s || strings.ContainsAny(s, " <>\"") {
		return "", fieldErr("email", ErrInvalidEmail)
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	if at < 1 || !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") ||
		strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return "", fieldErr("email", ErrInvalidEmail)
	}
	return strings.ToLower(s), nil
}

// parseBirthDate reads YYYY-MM-DD; birth dates must lie between 1900 and
// today. A date so written that the calendar lacks is [ErrNoSuchDate].
func parseBirthDate(s string, now time.Time) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil && IsDateShaped(s) {
		return "", fieldErr("birth_date", ErrNoSuchDate)
	}
	if err != nil {
		return "", fieldErr("birth_date", fmt.Errorf("%w: write it as YYYY-MM-DD", ErrInvalidDate))
	}
	if d.Year() < 1900 || d.After(now) {
		return "", fieldErr("birth_date", fmt.Errorf("%w: must lie between 1900-01-01 and today (%s)",
			ErrDateOutOfRange, now.Format(time.DateOnly)))
	}
	return d.Format(time.DateOnly), nil
}

// checkTime keeps booking and payment times within a sane window, 2000
// to 2100, and says so.
func checkTime(field string, t time.Time) error {
	if t.Year() < 2000 || t.Year() > 2100 {
		return fieldErr(field, fmt.Errorf("%w: must lie between 2000-01-01 and 2100-12-31", ErrDateOutOfRange))
	}
	return nil
}

func oneOf(field, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return fieldErr(field, fmt.Errorf("%w: %s", ErrInvalidChoice, strings.Join(allowed, ", ")))
}
