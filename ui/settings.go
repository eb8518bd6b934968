package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// settingsScreen holds the app's settings. For now only the language; the
// salon's details printed on exports come later.
type settingsScreen struct {
	u        *App
	language *widget.Select
}

func newSettings(u *App) *settingsScreen {
	s := &settingsScreen{u: u}
	s.language = newLanguageSelect(u.lang, s.onLanguage)
	return s
}

func (s *settingsScreen) content() fyne.CanvasObject {
	form := container.New(layout.NewFormLayout(), widget.NewLabel(lang.L("Language")), s.language)
	soon := paragraph(lang.L("Coming soon: the salon's details printed on exports (name, address, tax ID, privacy contact) and its currency."))
	soon.TextStyle.Italic = true
	return page(heading(lang.L("Settings")), form, soon)
}

func (s *settingsScreen) onLanguage(code string) {
	s.u.useLanguage(code)
	s.u.showShell(sectionSettings)
}
