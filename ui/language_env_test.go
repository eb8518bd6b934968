//go:build !windows && !darwin

package ui

import "testing"

// On Linux and the BSDs the system's language is the environment's: a
// first start on a Polish, German or Danish system speaks it, and any
// other starts in English.
func TestFirstStartSpeaksTheSystemLanguage(t *testing.T) {
	for _, c := range []struct{ lang, want string }{
		{"pl_PL.UTF-8", "pl"},
		{"de_DE.UTF-8", "de"},
		{"da_DK.UTF-8", "da"},
		{"fr_FR.UTF-8", "en"},
		{"C.UTF-8", "en"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			t.Setenv("LANGUAGE", "")
			t.Setenv("LC_ALL", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANG", c.lang)
			chosen, remembered := firstStart(t)
			if chosen != c.want || remembered != c.want {
				t.Errorf("first start on %s: speaks %q, remembers %q; want %q", c.lang, chosen, remembered, c.want)
			}
		})
	}
}
