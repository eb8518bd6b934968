package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// settingsScreen holds the app's settings: the language of the app, kept
// in the preferences, and the salon's details, kept in the salon.
type settingsScreen struct {
	u        *App
	language *widget.Select
	salon    *salonSettings
	security *securitySettings
	backups  *backupSettings
}

func newSettings(u *App, shell *shellScreen) *settingsScreen {
	s := &settingsScreen{u: u}
	s.language = newLanguageSelect(u.lang, s.onLanguage)
	s.salon = newSalonSettings(u, shell)
	s.security = newSecuritySettings(u)
	s.backups = newBackupSettings(u)
	return s
}

// content shows each part to whom may use it (the salon's details with
// settings, backups with backup and restore, security with security);
// for anyone else the part is its title and the reason.
func (s *settingsScreen) content() fyne.CanvasObject {
	form := container.New(formLayout{}, formLabel(lang.L("Language")), s.language)
	part := func(p store.Permission, title string, o func() fyne.CanvasObject) fyne.CanvasObject {
		if s.u.may(p) {
			return o()
		}
		why := reasonLine()
		setReason(why, notAllowed(p))
		return container.NewVBox(subheading(title), why)
	}
	return page(heading(lang.L("Settings")), form,
		widget.NewSeparator(), part(store.PermSettings, lang.L("Salon details"), s.salon.content),
		widget.NewSeparator(), s.backups.content(),
		widget.NewSeparator(), part(store.PermSecurity, lang.L("Security"), s.security.content))
}

// onLanguage speaks code from now on: the window is built again in it,
// keeping what was typed into the salon's details and not saved yet.
func (s *settingsScreen) onLanguage(code string) {
	typed := s.salon.form.values()
	s.u.useLanguage(code)
	s.u.showShell(sectionSettings)
	if sh, ok := s.u.current.(*shellScreen); ok && sh.settings != nil {
		sh.settings.salon.form.setValues(typed)
	}
}
