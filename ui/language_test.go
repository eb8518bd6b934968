package ui

import (
	"runtime"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

func TestLocaleLanguage(t *testing.T) {
	for _, c := range []struct{ locale, want string }{
		{"pl-PL", "pl"},
		{"pl", "pl"},
		{"PL-pl", "pl"},
		{"de-AT", "de"},
		{"de_CH.UTF-8", "de"},
		{"da-DK", "da"},
		{"en-GB", "en"},
		{"nb-NO", "en"},
		{"fr", "en"},
		{"", "en"},
	} {
		if got := localeLanguage(c.locale); got != c.want {
			t.Errorf("localeLanguage(%q) = %q, want %q", c.locale, got, c.want)
		}
	}
}

// The language chosen is the one spoken, whatever Fyne's own lookup took
// from the system: here (where the environment steers it) Fyne is made to
// speak German, as it would on a German Windows, and the owner chooses
// Polish. Polish plural rules, the app's strings and Fyne's own dialogs all
// follow the choice.
func TestChosenLanguageOverSystemLanguage(t *testing.T) {
	t.Cleanup(func() {
		setLanguage("en")
		fyneSpeaks() // after the environment is back
	})
	t.Setenv("LANGUAGE", "de")
	t.Setenv("LC_ALL", "de_DE.UTF-8")
	fyneSpeaks()
	if got := fyneX("Cancel", "Cancel"); runtime.GOOS == "linux" && got != "Abbrechen" {
		t.Fatalf("Fyne's own lookup says %q, want German", got)
	}
	if err := setLanguage("pl"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		count int
		want  string
	}{{1, "1 wizyta"}, {3, "3 wizyty"}, {5, "5 wizyt"}, {22, "22 wizyty"}} {
		if got := lang.N("{{.Count}} bookings", c.count, map[string]any{"Count": c.count}); got != c.want {
			t.Errorf("%d bookings in Polish: %q, want %q", c.count, got, c.want)
		}
	}
	if got := lang.L(languageKey); got != "pl" {
		t.Errorf("the app speaks %q", got)
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("t")
	w.Resize(fyne.NewSize(600, 400))
	d := dialog.NewConfirm("?", "?", func(bool) {}, w)
	d.Show()
	var labels []string
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok {
			labels = append(labels, b.Text)
		}
	}
	if len(labels) != 2 || labels[0] != "Nie" || labels[1] != "Tak" {
		t.Errorf("Fyne's confirm dialog says %q, want [Nie Tak]", labels)
	}
}

// A key the app's files lack goes to Fyne's own lookup.
func TestUnknownKeyFallsBackToFyne(t *testing.T) {
	t.Cleanup(func() { setLanguage("en") })
	if err := setLanguage("da"); err != nil {
		t.Fatal(err)
	}
	if got := lang.X("kartoteka.no.such.key", "Fallback {{.N}}", map[string]any{"N": 7}); got != "Fallback 7" {
		t.Errorf("an unknown key: %q", got)
	}
	if got := lang.XN("kartoteka.no.such.key", "{{.Count}} things", 2, map[string]any{"Count": 2}); got != "2 things" {
		t.Errorf("an unknown plural key: %q", got)
	}
}

// firstStart makes the app as on a computer where it never ran (no
// language remembered) and returns the language it chose and remembered.
func firstStart(t *testing.T) (chosen, remembered string) {
	t.Helper()
	t.Cleanup(func() { setLanguage("en") })
	a := test.NewTempApp(t)
	dir := t.TempDir()
	u := newApp(a, Config{Path: dir + "/salon.kartoteka", DemoPath: dir + "/demo.kartoteka", Options: store.Options{KDF: store.CheapKDF}}, func(func()) {})
	t.Cleanup(u.shutdown)
	if got := lang.L(languageKey); got != u.lang {
		t.Errorf("the app chose %q but speaks %q", u.lang, got)
	}
	return u.lang, a.Preferences().String(prefLanguage)
}

// fyneSpeaks makes Fyne's own lookup choose its language again from the
// system, as it does at start.
func fyneSpeaks() {
	lang.AddTranslationsForLocale([]byte("{}"), "en")
}
