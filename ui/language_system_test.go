//go:build windows || darwin

package ui

import (
	"os"
	"testing"
)

// On Windows and macOS the system's language comes from its settings, not
// the environment: test/windows/smoke.sh starts Wine in a Polish, a German
// and a Danish locale and says which in KARTOTEKA_SYSTEM_LANGUAGE. A first
// start speaks the system's language.
func TestFirstStartSpeaksTheSystemLanguage(t *testing.T) {
	want := os.Getenv("KARTOTEKA_SYSTEM_LANGUAGE")
	if want == "" {
		t.Skip("KARTOTEKA_SYSTEM_LANGUAGE names the language the system is set to (test/windows/smoke.sh sets it)")
	}
	if got := systemLanguage(); got != want {
		t.Errorf("the system's language is %q, want %q", got, want)
	}
	chosen, remembered := firstStart(t)
	if chosen != want || remembered != want {
		t.Errorf("first start: speaks %q, remembers %q; want %q", chosen, remembered, want)
	}
}
