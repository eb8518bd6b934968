package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"kartoteka/store"
)

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		err  error
		code int
		want string
	}{
		{fmt.Errorf("store: client 3: %w", store.ErrAnonymized), exitRefused, "anonymized"},
		{&store.FieldError{Field: "client", Err: fmt.Errorf("store: client 3: %w", store.ErrAnonymized)}, exitRefused, "anonymized"},
		{fmt.Errorf("store: open: %w", store.ErrWrongPassphrase), exitLocked, "wrong passphrase"},
		{&store.FieldError{Field: "email", Err: store.ErrInvalidEmail}, exitUsage, "email: not a valid email address"},
		{&store.FieldError{Field: "service", Err: fmt.Errorf("store: service 9: %w", store.ErrNotFound)}, exitUsage, "service 9: not found"},
		{&store.FieldError{Field: "booking", Err: store.ErrNotFound}, exitUsage, "booking: not found"},
		{fmt.Errorf("store: client 9: %w", store.ErrNotFound), exitUsage, "client 9: not found"},
		{&store.FieldError{Field: "health_notes", Err: store.ErrNoHealthConsent}, exitUsage, "--health-consent"},
		{store.ErrExists, exitUsage, "already exists"},
		{store.ErrTooNew, exitFailed, "newer version"},
		{errors.New("store: write: disk full"), exitFailed, "write: disk full"},
		{usagef("bad"), exitUsage, "bad"},
	} {
		code, msg := classify(tc.err)
		if code != tc.code || !strings.Contains(msg, tc.want) || strings.Contains(msg, "store: ") {
			t.Errorf("classify(%v) = %d, %q; want %d with %q", tc.err, code, msg, tc.code, tc.want)
		}
	}
}

func TestParseTime(t *testing.T) {
	local := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02T15:04:05", s, time.Local)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		in     string
		dateOK bool
		want   time.Time
		bad    bool
	}{
		{in: "2026-03-01T10:00", want: local("2026-03-01T10:00:00")},
		{in: "2026-03-01T10:00:30", want: local("2026-03-01T10:00:30")},
		{in: "2026-03-01 10:00", want: local("2026-03-01T10:00:00")},
		{in: "2026-03-01T10:00:00+01:00", want: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)},
		{in: "2026-03-01T10:00Z", want: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)},
		{in: "2026-03-01", dateOK: true, want: local("2026-03-01T00:00:00")},
		{in: "2026-03-01", bad: true},
		{in: "01.03.2026 10:00", bad: true},
		{in: "2026-02-30T10:00", bad: true},
		{in: "", bad: true},
	} {
		got, err := parseTime("start", tc.in, tc.dateOK)
		if tc.bad {
			var fe *store.FieldError
			if !errors.As(err, &fe) || fe.Field != "start" {
				t.Errorf("parseTime(%q) = %v, %v; want a field error", tc.in, got, err)
			}
			continue
		}
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("parseTime(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestFindCommand(t *testing.T) {
	for _, tc := range []struct {
		args []string
		cmd  string
		rest string
		help bool
	}{
		{args: []string{"client", "show", "7", "--json"}, cmd: "client show", rest: "7 --json"},
		{args: []string{"--db", "client", "client", "list"}, cmd: "client list", rest: "--db client"},
		{args: []string{"--search", "list", "client", "list"}, cmd: "client list", rest: "--search list"},
		{args: []string{"import", "clients", "x.csv"}, cmd: "import clients", rest: "x.csv"},
		{args: []string{"backup", "show"}, cmd: "backup", rest: "show"},
		{args: []string{"help", "client", "add"}, cmd: "client add", help: true},
		{args: []string{"--help", "check"}, cmd: "check", rest: "--help", help: true},
		{args: []string{"help"}},
		{args: nil},
	} {
		p, err := findCommand(tc.args)
		if err != nil {
			t.Errorf("findCommand(%q): %v", tc.args, err)
			continue
		}
		name := ""
		if p.cmd != nil {
			name = p.cmd.name
		}
		if name != tc.cmd || strings.Join(p.rest, " ") != tc.rest || p.help != tc.help {
			t.Errorf("findCommand(%q) = %q %q %v; want %q %q %v", tc.args, name, p.rest, p.help, tc.cmd, tc.rest, tc.help)
		}
	}
}
