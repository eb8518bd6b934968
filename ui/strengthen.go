package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// strengthen is part of Settings → Security, shown only while the salon's
// passphrase is protected by key derivation below Kartoteka's standard (a
// salon made with test settings, or by an old version): the passphrase
// typed again, then derived with settings calibrated to this computer.
type strengthen struct {
	u        *App
	box      *fyne.Container
	pass     *widget.Entry
	problem  *widget.Label
	done     *widget.Label
	button   *widget.Button
	activity *widget.Activity
}

func newStrengthen(u *App) *strengthen {
	s := &strengthen{u: u, pass: widget.NewPasswordEntry(), problem: errorText(), activity: widget.NewActivity()}
	s.pass.SetPlaceHolder(lang.L("Passphrase"))
	s.pass.OnSubmitted = func(string) { s.onStrengthen() }
	s.button = widget.NewButtonWithIcon(lang.L("Strengthen the protection"), theme.ConfirmIcon(), s.onStrengthen)
	s.button.Importance = widget.HighImportance
	s.activity.Hide()
	s.done = paragraph("")
	s.done.Importance = widget.SuccessImportance
	s.done.Hide()
	warn := paragraph(lang.L("The passphrase of this salon is protected less strongly than Kartoteka's standard, so a stolen copy of the file would be easier to attack. Type the passphrase to protect it with settings made for this computer; it stays the same passphrase."))
	warn.Importance = widget.WarningImportance
	s.box = container.NewVBox(warn, container.NewBorder(nil, nil, nil, container.NewHBox(s.activity, s.button), s.pass), s.problem, widget.NewSeparator())
	if u.db == nil || !u.db.WeakKDF() {
		s.box.Hide()
	}
	return s
}

func (s *strengthen) content() fyne.CanvasObject { return container.NewVBox(s.box, s.done) }

func (s *strengthen) onStrengthen() {
	pass := s.pass.Text
	setError(s.problem, "")
	if pass == "" {
		setError(s.problem, lang.L("Type the passphrase of the salon first."))
		return
	}
	working(s.activity, true, s.pass, s.button)
	dbWork(s.u, func(ctx context.Context, db *store.DB) (struct{}, error) {
		return struct{}{}, db.StrengthenKDF(ctx, pass)
	}, func(_ struct{}, err error) {
		working(s.activity, false, s.pass, s.button)
		switch {
		case errors.Is(err, store.ErrWrongPassphrase):
			setError(s.problem, lang.L("That is not the passphrase of this salon."))
			return
		case err != nil && !errors.Is(err, store.ErrHeaderChangedUnaudited):
			setError(s.problem, lang.L("The protection was not changed.")+" "+errorMessage(err))
			return
		}
		s.pass.SetText("")
		s.box.Hide()
		msg := lang.L("The passphrase is now protected with settings made for this computer.")
		if err != nil { // store.ErrHeaderChangedUnaudited
			msg += " " + errorMessage(err)
		}
		s.done.SetText(msg)
		s.done.Show()
		if sh, ok := s.u.current.(*shellScreen); ok {
			sh.updateReminder()
		}
	})
}
