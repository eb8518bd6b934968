package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// recoveryScreen shows a new salon's recovery key, once, and lets the owner
// go on only after confirming they stored it.
type recoveryScreen struct {
	u       *App
	sess    session
	key     string
	rows    []*widget.Label
	copy    *widget.Button
	copied  *widget.Label
	stored  *widget.Check
	proceed *widget.Button
}

// showRecoveryKey shows key for the freshly created salon of sess.
func (u *App) showRecoveryKey(sess session, key string) {
	s := &recoveryScreen{u: u, sess: sess, key: key}
	groups := strings.Split(key, "-")
	for i := 0; i < len(groups); i += 4 {
		row := widget.NewLabel(strings.Join(groups[i:min(i+4, len(groups))], "  "))
		row.TextStyle = fyne.TextStyle{Monospace: true}
		row.SizeName = theme.SizeNameHeadingText
		row.Alignment = fyne.TextAlignCenter
		s.rows = append(s.rows, row)
	}
	s.copy = widget.NewButtonWithIcon(lang.L("Copy"), theme.ContentCopyIcon(), s.onCopy)
	s.copied = paragraph("")
	s.copied.Importance = widget.SuccessImportance
	s.copied.Hide()
	s.stored = widget.NewCheck(lang.L("I have stored the recovery key in a safe place"), s.onStored)
	s.proceed = widget.NewButton(lang.L("Continue"), s.onContinue)
	s.proceed.Importance = widget.HighImportance
	s.proceed.Disable()
	u.setTitle()
	u.show(s)
}

func (s *recoveryScreen) content() fyne.CanvasObject {
	keyBox := container.NewVBox()
	for _, r := range s.rows {
		keyBox.Add(r)
	}
	warn := paragraph(lang.L("This is the only time Kartoteka shows it."))
	warn.Importance = widget.WarningImportance
	warn.TextStyle.Bold = true
	return page(
		heading(lang.L("Your recovery key")),
		paragraph(lang.L("If the passphrase is ever forgotten, this key is the only way to open the salon's data. Print it or write it down, and keep it somewhere safe, away from this computer.")),
		warn,
		widget.NewCard("", "", keyBox),
		container.NewHBox(s.copy),
		s.copied,
		s.stored,
		container.NewBorder(nil, nil, nil, s.proceed),
	)
}

func (s *recoveryScreen) initialFocus() fyne.Focusable { return s.copy }

func (s *recoveryScreen) onCopy() {
	s.u.fyne.Clipboard().SetContent(s.key)
	s.copied.SetText(lang.L("Copied. Paste it where you keep it, then clear the clipboard."))
	s.copied.Show()
}

func (s *recoveryScreen) onStored(on bool) {
	if on {
		s.proceed.Enable()
	} else {
		s.proceed.Disable()
	}
}

func (s *recoveryScreen) onContinue() {
	if !s.stored.Checked {
		return
	}
	s.key = ""
	s.u.enter(s.sess, false)
}
