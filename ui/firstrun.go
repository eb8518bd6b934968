package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// firstRunScreen greets a new owner: pick the language, then create a salon
// or explore the demo one.
type firstRunScreen struct {
	u        *App
	language *widget.Select
	create   *keyButton // Enter presses the focused one
	explore  *keyButton
	restore  *keyButton
}

// showFirstRun shows the welcome screen of a computer with no salon yet.
func (u *App) showFirstRun() {
	s := &firstRunScreen{u: u}
	s.language = newLanguageSelect(u.lang, s.onLanguage)
	s.create = newKeyButton(lang.L("Create my salon"), nil, s.onCreate, nil)
	s.create.Importance = widget.HighImportance
	s.explore = newKeyButton(lang.L("Explore a demo salon"), nil, s.onExplore, nil)
	s.restore = newKeyButton(lang.L("Restore from a backup…"), nil, func() { u.showRestore("") }, nil)
	u.show(s)
}

func (s *firstRunScreen) content() fyne.CanvasObject {
	createHint := paragraph(lang.L("Start with an empty salon of your own, encrypted on this computer."))
	exploreHint := paragraph(lang.L("Try Kartoteka on a made-up salon with clients and five years of bookings. It is kept apart from your own data."))
	return page(
		logo(96),
		heading(lang.L("Welcome to Kartoteka")),
		paragraph(lang.L("Client cards, appointments and payments for your salon: on this computer only, encrypted, and ready for the GDPR.")),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Language")), nil, s.language),
		widget.NewSeparator(),
		s.create, createHint,
		s.explore, exploreHint,
		s.restore, paragraph(lang.L("Moving to a new computer? Bring your salon back from a backup, with the passphrase it was made with.")),
	)
}

func (s *firstRunScreen) initialFocus() fyne.Focusable { return s.create }

func (s *firstRunScreen) onLanguage(code string) {
	s.u.useLanguage(code)
	s.u.showFirstRun()
}

func (s *firstRunScreen) onCreate() { s.u.showCreate() }

func (s *firstRunScreen) onExplore() { s.u.showDemo() }
