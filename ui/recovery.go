package ui

import (
	"context"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
)

// keyCard shows a recovery key, once: in large groups, with Copy, Save the
// recovery sheet (a one-page PDF to print) and a required "I have stored it".
// The new-salon screen and Settings → Security both use it.
type keyCard struct {
	u      *App
	salon  string
	key    string
	rows   []*widget.Label
	copy   *widget.Button
	save   *widget.Button
	open   *widget.Button
	saved  string // the sheet's path, once saved
	note   *widget.Label
	stored *widget.Check
}

func newKeyCard(u *App, salon, key string, onStored func(bool)) *keyCard {
	k := &keyCard{u: u, salon: salon, key: key}
	groups := strings.Split(key, "-")
	for i := 0; i < len(groups); i += 4 {
		row := widget.NewLabel(strings.Join(groups[i:min(i+4, len(groups))], "  "))
		row.TextStyle = fyne.TextStyle{Monospace: true}
		row.SizeName = theme.SizeNameHeadingText
		row.Alignment = fyne.TextAlignCenter
		k.rows = append(k.rows, row)
	}
	k.copy = widget.NewButtonWithIcon(lang.L("Copy"), theme.ContentCopyIcon(), k.onCopy)
	k.save = widget.NewButtonWithIcon(lang.L("Save the recovery sheet…"), theme.DocumentSaveIcon(), k.onSave)
	k.open = widget.NewButtonWithIcon(lang.L("Open it to print"), theme.DocumentPrintIcon(), k.onOpen)
	k.open.Hide()
	k.note = paragraph("")
	k.note.Hide()
	k.stored = widget.NewCheck(lang.L("I have stored the recovery key in a safe place"), onStored)
	return k
}

func (k *keyCard) content() fyne.CanvasObject {
	keyBox := container.NewVBox()
	for _, r := range k.rows {
		keyBox.Add(r)
	}
	return container.NewVBox(
		widget.NewCard("", "", keyBox),
		container.NewHBox(k.copy, k.save, k.open),
		k.note,
		k.stored,
	)
}

func (k *keyCard) onCopy() {
	k.u.fyne.Clipboard().SetContent(k.key)
	k.setNote(lang.L("Copied. Paste it where you keep it, then clear the clipboard."), widget.SuccessImportance)
}

func (k *keyCard) onSave() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close() // the sheet is written whole, through a temporary file, by saveTo
		k.saveTo(path)
	}, k.u.win)
	d.SetFileName(privacy.RecoverySheetName(k.u.now()))
	if l, err := storage.ListerForURI(storage.NewFileURI(defaultExportFolder())); err == nil {
		d.SetLocation(l)
	}
	d.Show()
}

// saveTo writes the recovery sheet to path in the background.
func (k *keyCard) saveTo(path string) {
	salon, key, day, code := k.salon, k.key, k.u.now(), k.u.lang
	k.save.Disable()
	background(k.u, func(context.Context) (struct{}, error) {
		return struct{}{}, privacy.SaveRecoverySheet(path, salon, key, day, code)
	}, func(_ struct{}, err error) {
		k.save.Enable()
		if err != nil {
			k.setNote(lang.L("The recovery sheet could not be saved.")+" "+errorMessage(err), widget.DangerImportance)
			return
		}
		k.saved = path
		k.setNote(lang.L("Saved as {{.Name}}. Print it, then delete the file: the key must not stay on this computer.",
			map[string]any{"Name": filepath.Base(path)}), widget.SuccessImportance)
		k.open.Show()
	})
}

func (k *keyCard) onOpen() {
	if link, err := url.Parse(storage.NewFileURI(k.saved).String()); err == nil && k.saved != "" {
		k.u.fyne.OpenURL(link)
	}
}

func (k *keyCard) setNote(text string, importance widget.Importance) {
	k.note.SetText(text)
	k.note.Importance = importance
	k.note.Show()
	k.note.Refresh()
}

// recoveryScreen shows a new salon's recovery key, once, and lets the owner
// go on only after confirming they stored it.
type recoveryScreen struct {
	u       *App
	sess    session
	card    *keyCard
	proceed *widget.Button
}

// showRecoveryKey shows key for the freshly created salon of sess.
func (u *App) showRecoveryKey(sess session, key string) {
	s := &recoveryScreen{u: u, sess: sess}
	s.card = newKeyCard(u, sess.salon.Name, key, s.onStored)
	s.proceed = widget.NewButton(lang.L("Continue"), s.onContinue)
	s.proceed.Importance = widget.HighImportance
	s.proceed.Disable()
	u.setTitle()
	u.show(s)
}

func (s *recoveryScreen) content() fyne.CanvasObject {
	warn := paragraph(lang.L("This is the only time Kartoteka shows it."))
	warn.Importance = widget.WarningImportance
	warn.TextStyle.Bold = true
	return page(
		heading(lang.L("Your recovery key")),
		paragraph(lang.L("If the passphrase is ever forgotten, this key is the only way to open the salon's data. Print it or write it down, and keep it somewhere safe, away from this computer.")),
		warn,
		s.card.content(),
		container.NewBorder(nil, nil, nil, s.proceed),
	)
}

func (s *recoveryScreen) initialFocus() fyne.Focusable { return s.card.copy }

func (s *recoveryScreen) onStored(on bool) {
	if on {
		s.proceed.Enable()
	} else {
		s.proceed.Disable()
	}
}

func (s *recoveryScreen) onContinue() {
	if !s.card.stored.Checked {
		return
	}
	s.card.key = ""
	s.u.enter(s.sess, false)
}
