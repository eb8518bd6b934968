package ui

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

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

var langMu sync.Mutex

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
// else English.
func systemLanguage() string {
	loc := string(lang.SystemLocale())
	base, _, _ := strings.Cut(loc, "-")
	if c := supportedLanguage(base); c != "" {
		return c
	}
	return "en"
}

// setLanguage makes lang.L and lang.N answer in the language code.
//
// Fyne's lang package picks its language from the system locale and has no
// call to choose another (fyne-io/fyne#5333). Where the locale comes from the
// environment (Linux, the BSDs), setting LANGUAGE and reloading the
// translations makes Fyne choose code, its own strings included. Elsewhere the
// file of code is loaded a second time under the language Fyne did choose, so
// the app's strings follow the choice; plural rules then stay the system's.
func setLanguage(code string) error {
	if supportedLanguage(code) == "" {
		return fmt.Errorf("ui: unknown language %q", code)
	}
	langMu.Lock()
	defer langMu.Unlock()
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		os.Setenv("LANGUAGE", code)
	}
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		return fmt.Errorf("ui: load translations: %w", err)
	}
	active := lang.L(languageKey)
	if active == code {
		return nil
	}
	data, err := assets.Translations.ReadFile("translations/" + code + ".json")
	if err != nil {
		return fmt.Errorf("ui: load translations: %w", err)
	}
	if supportedLanguage(active) == "" {
		active = "en"
	}
	if err := lang.AddTranslationsForLocale(data, fyne.Locale(active)); err != nil {
		return fmt.Errorf("ui: load translations: %w", err)
	}
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
