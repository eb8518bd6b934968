package widget

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

var strengthCases = []struct {
	p    string
	want Strength
}{
	{"", TooShort},
	{"short", TooShort},
	{"ąęłżźśćńóx", Weak}, // ten letters, all of one kind
	{"aaaaaaaaaaaaaaaaaaaa", Weak},
	{"1234567890", Weak},
	{"password12", Fair},
	{"Salon2026!", Fair},
	{"correct horse battery staple", Strong},
	{"kot pies dom las", Strong},
	{"Tr0ub4dor&3xQ!9z", Strong},
}

func TestPassphraseStrength(t *testing.T) {
	for _, c := range strengthCases {
		if got := PassphraseStrength(c.p, 10); got != c.want {
			t.Errorf("PassphraseStrength(%q) = %d, want %d", c.p, got, c.want)
		}
	}
}

func FuzzPassphraseStrength(f *testing.F) {
	for _, c := range strengthCases {
		f.Add(c.p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		s := PassphraseStrength(p, 10)
		if s < TooShort || s > Strong {
			t.Fatalf("strength %d out of range", s)
		}
		if s > TooShort && PassphraseStrength(p+p, 10) < s {
			t.Fatalf("doubling %q made it weaker", p)
		}
	})
}

func TestStrengthMeter(t *testing.T) {
	test.NewTempApp(t)
	m := NewStrengthMeter(10)
	test.TempWidgetRenderer(t, m)
	empty := m.Hint()
	m.SetPassphrase("abc")
	if m.Strength() != TooShort || m.Hint() == empty {
		t.Errorf("short passphrase: strength %d, hint %q", m.Strength(), m.Hint())
	}
	m.SetPassphrase("correct horse battery staple")
	if m.Strength() != Strong {
		t.Errorf("strength %d, want strong", m.Strength())
	}
}

func TestStatusLine(t *testing.T) {
	test.NewTempApp(t)
	s := NewStatusLine("500 clients")
	test.TempWidgetRenderer(t, s)
	s.SetBusy("Counting…", -1)
	if !s.Busy() || s.Text() != "Counting…" {
		t.Errorf("busy %v, text %q", s.Busy(), s.Text())
	}
	s.SetBusy("Importing…", 0.5)
	s.SetIdle("501 clients")
	if s.Busy() || s.Text() != "501 clients" {
		t.Errorf("busy %v, text %q", s.Busy(), s.Text())
	}
}
