package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// restoreScreen restores a salon from a backup before any salon is open: on
// a new computer (from the first-run screen), or when the salon file on this
// one is damaged (from the unlock screen).
type restoreScreen struct {
	u       *App
	problem *widget.Label
	panel   *restorePanel
	back    *widget.Button
}

// showRestore shows the restore screen, with problem (the outcome of a
// restore that failed) above it when not empty.
func (u *App) showRestore(problem string) {
	s := &restoreScreen{u: u, problem: errorText(), panel: newRestorePanel(u)}
	setError(s.problem, problem)
	s.back = widget.NewButtonWithIcon(lang.L("Back"), theme.NavigateBackIcon(), u.Start)
	u.show(s)
}

func (s *restoreScreen) content() fyne.CanvasObject {
	return page(
		heading(lang.L("Restore from a backup")),
		paragraph(lang.L("Choose a Kartoteka backup (kartoteka-backup-….ktkbak), from a USB stick or a synced folder. It needs the passphrase it was made with. Whoever was forgotten since it was made is forgotten again.")),
		s.problem,
		s.panel.content(),
		widget.NewSeparator(),
		container.NewHBox(s.back),
	)
}
