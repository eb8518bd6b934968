package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// dupWarning says, before a card is saved, that it may be a client the salon
// already has (same phone, email, or name), with a link to each such card
// and Save anyway; it stays hidden while there are none.
type dupWarning struct {
	box    *fyne.Container
	anyway *widget.Button
	open   []*widget.Button // one per possible duplicate
	// shown is the input the cards on show were found for; seen is the one
	// the owner chose Save anyway for: saving it asks no more. Saving again
	// by Enter or Save, without Save anyway, warns again.
	shown, seen *store.ClientInput
}

func newDupWarning(saveAnyway func()) *dupWarning {
	w := &dupWarning{box: container.NewVBox()}
	w.anyway = widget.NewButtonWithIcon(lang.L("Save anyway"), theme.DocumentSaveIcon(), func() {
		w.seen = w.shown
		saveAnyway()
	})
	w.box.Hide()
	return w
}

// show lists dupes of in, with a way to open each card.
func (w *dupWarning) show(shell *shellScreen, in store.ClientInput, dupes []store.Duplicate) {
	text := paragraph(lang.L("This may be a client you already have. Open the card to check, or save anyway if it is someone else:"))
	text.Importance = widget.WarningImportance
	objs := []fyne.CanvasObject{text}
	w.open = nil
	for _, d := range dupes {
		var why []string
		for _, r := range d.Reasons {
			why = append(why, duplicateReason(r))
		}
		b := widget.NewButtonWithIcon(clientName(d.Client)+" · "+strings.Join(why, ", "), theme.AccountIcon(), func() {
			shell.leaveThen(func() { shell.showClientCard(d.Client.ID) })
		})
		w.open = append(w.open, b)
		objs = append(objs, container.NewHBox(b))
	}
	shown := in
	w.shown = &shown
	w.box.Objects = append(objs, container.NewHBox(w.anyway))
	w.box.Show()
	w.box.Refresh()
}

// hide takes the warning away.
func (w *dupWarning) hide() {
	w.box.Hide()
	w.box.Objects = nil
}

// accepted reports whether the owner chose to save in despite the cards
// shown for it.
func (w *dupWarning) accepted(in store.ClientInput) bool {
	return w.seen != nil && *w.seen == in
}

// duplicateReason says why two cards may be one person.
func duplicateReason(r string) string {
	switch r {
	case store.DuplicatePhone:
		return lang.L("same phone")
	case store.DuplicateEmail:
		return lang.L("same email")
	case store.DuplicateNameBirth:
		return lang.L("same name and birth date")
	case store.DuplicateName:
		return lang.L("same name")
	case store.DuplicateSimilarName:
		return lang.L("a name written almost the same")
	}
	return r
}
