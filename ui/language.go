package ui

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	textlang "golang.org/x/text/language"

	"kartoteka/assets"
)

// language is one language the app speaks, named in itself.
type language struct {
	Code, Name string
}

// languages are the app's languages, in the order the pickers show them.
var languages = []language{
	{"en", "English"},
	{"pl", "Polski"},
	{"de", "Deutsch"},
	{"da", "Dansk"},
}

// currentLanguage is the code of the language lang.L speaks now.
func currentLanguage() string { return lang.L(languageKey) }

// languageKey is a message every translation file holds with its own
// language code as the text: it tells which file lang.L is reading.
const languageKey = "language.code"

// prefLanguage is the Fyne preference holding the chosen language code.
const prefLanguage = "language"

// supportedLanguage returns code when the app speaks it, else "".
func supportedLanguage(code string) string {
	code = strings.ToLower(code)
	for _, l := range languages {
		if l.Code == code {
			return code
		}
	}
	return ""
}

// systemLanguage is the system locale's language when the app speaks it,
// else English: the language of the first start, before the owner chooses.
// Fyne reads the locale from LANGUAGE, LC_ALL, LC_MESSAGES or LANG on Linux,
// from the user's locale (GetUserDefaultLocaleName) on Windows and from the
// preferred languages on macOS.
func systemLanguage() string { return localeLanguage(string(lang.SystemLocale())) }

// localeLanguage is the app's language for a locale such as "pl-PL",
// "de_AT.UTF-8" or "da", else English.
func localeLanguage(loc string) string {
	base, _, _ := strings.Cut(strings.ReplaceAll(loc, "_", "-"), "-")
	if c := supportedLanguage(base); c != "" {
		return c
	}
	return "en"
}

// The app chooses its language itself, on every system.
//
// Fyne's lang package picks its language from the system locale and has no
// call to choose another (fyne-io/fyne#5333); LANGUAGE steers it on Linux
// only, as Windows and macOS take the locale from the system's settings. So
// the app keeps its translations in a go-i18n bundle of its own, each file
// under its own language, and so with that language's plural rules (Polish
// counts 1 wizyta, 3 wizyty, 5 wizyt whatever the system speaks), and
// points lang.L, lang.N, lang.X and lang.XN, the variables through which
// every lookup goes, Fyne's own dialogs and menus included, at a localizer
// for the chosen language. A key the app's files lack (a string of Fyne's
// they do not carry) goes to Fyne's own lookup, in the system's language.
var (
	bundleOnce sync.Once
	bundle     *i18n.Bundle
	bundleErr  error

	// chosen is the localizer of the chosen language; nil until
	// setLanguage first runs.
	chosen atomic.Pointer[i18n.Localizer]

	// Fyne's own lookups, for the keys the app's files lack.
	fyneX, fyneXN = lang.X, lang.XN
)

func init() {
	lang.L = func(in string, data ...any) string { return localizeKey(in, in, data...) }
	lang.N = func(in string, count int, data ...any) string { return localizePluralKey(in, in, count, data...) }
	lang.X = localizeKey
	lang.XN = localizePluralKey
}

// appBundle parses the embedded translations once.
func appBundle() (*i18n.Bundle, error) {
	bundleOnce.Do(func() {
		b := i18n.NewBundle(textlang.English)
		b.RegisterUnmarshalFunc("json", json.Unmarshal)
		for _, l := range languages {
			name := "translations/" + l.Code + ".json"
			data, err := assets.Translations.ReadFile(name)
			if err == nil {
				_, err = b.ParseMessageFileBytes(data, name)
			}
			if err != nil {
				bundleErr = fmt.Errorf("ui: load translations: %w", err)
				return
			}
		}
		bundle = b
	})
	return bundle, bundleErr
}

// localizeKey is lang.X: key in the chosen language, else Fyne's lookup.
func localizeKey(key, fallback string, data ...any) string {
	if s, ok := lookup(key, nil, data); ok {
		return s
	}
	return fyneX(key, fallback, data...)
}

// localizePluralKey is lang.XN: the form of key for count in the chosen
// language, else Fyne's lookup.
func localizePluralKey(key, fallback string, count int, data ...any) string {
	if s, ok := lookup(key, count, data); ok {
		return s
	}
	return fyneXN(key, fallback, count, data...)
}

// lookup finds key in the app's translations, in the chosen language or
// else in English; ok is false when neither has it (or no language is
// chosen yet). count is nil, or the number a plural form is chosen by.
func lookup(key string, count any, data []any) (s string, ok bool) {
	l := chosen.Load()
	if l == nil {
		return "", false
	}
	cfg := &i18n.LocalizeConfig{MessageID: key, PluralCount: count}
	if len(data) > 0 {
		cfg.TemplateData = data[0]
	}
	// A key missing in the chosen language comes back in English, with an
	// error saying so: English is better than Fyne's guess.
	s, err := l.Localize(cfg)
	return s, err == nil || s != ""
}

// setLanguage makes lang.L and lang.N answer in the language code, with its
// plural rules, on every system.
func setLanguage(code string) error {
	if supportedLanguage(code) == "" {
		return fmt.Errorf("ui: unknown language %q", code)
	}
	b, err := appBundle()
	if err != nil {
		return err
	}
	chosen.Store(i18n.NewLocalizer(b, code))
	return nil
}

// newLanguageSelect is a picker of the app's languages, each in its own
// name, set to current; onChange gets the chosen code.
func newLanguageSelect(current string, onChange func(code string)) *widget.Select {
	names := make([]string, len(languages))
	for i, l := range languages {
		names[i] = l.Name
	}
	s := widget.NewSelect(names, nil)
	for _, l := range languages {
		if l.Code == current {
			s.SetSelected(l.Name)
		}
	}
	s.OnChanged = func(name string) {
		for _, l := range languages {
			if l.Name == name && l.Code != current {
				onChange(l.Code)
			}
		}
	}
	return s
}
