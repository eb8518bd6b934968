package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// forgotPIN is "Forgot PIN?" on the switch screen, for an owner: the
// salon's passphrase, checked off the UI goroutine, sets a new PIN in
// place of the forgotten one, and the owner is signed in. Whoever holds
// the passphrase may act as the owner anyway; the store audits it as the
// owner's. Everyone else asks someone who may manage staff.
type forgotPIN struct {
	s        *switchScreen
	owner    store.Staff
	dialog   *dialog.CustomDialog
	pass     *textEntry
	pin      *textEntry
	again    *textEntry
	problem  *widget.Label
	activity *widget.Activity
	yes, not *keyButton
	working  bool
}

// onForgot asks the owner picked for the passphrase and a new PIN.
func (s *switchScreen) onForgot() {
	if s.working || s.chosen < 0 || s.staff[s.chosen].Role != "owner" {
		return
	}
	f := &forgotPIN{s: s, owner: s.staff[s.chosen], problem: errorText(), activity: widget.NewActivity()}
	f.pass = newEntry()
	f.pass.Password = true
	f.pass.SetPlaceHolder(lang.L("Passphrase"))
	f.pin, f.again = pinEntry(), pinEntry()
	f.pin.SetPlaceHolder(lang.L("New PIN, 4 to 8 digits"))
	f.again.SetPlaceHolder(lang.L("The new PIN again"))
	for _, e := range []*textEntry{f.pass, f.pin, f.again} {
		e.OnSubmitted = func(string) { f.onSet() }
		e.onEscape = f.onCancel
	}
	f.activity.Hide()
	f.not = newKeyButton(lang.L("Cancel"), theme.CancelIcon(), f.onCancel, f.onCancel)
	f.yes = newKeyButton(lang.L("Set the new PIN"), theme.ConfirmIcon(), f.onSet, f.onCancel)
	f.yes.Importance = widget.HighImportance
	text := paragraph(lang.L("Type the salon's passphrase, then a new PIN for {{.Name}} twice. The forgotten PIN stops working; the audit log records the change.",
		map[string]any{"Name": f.owner.Name}))
	f.dialog = showQuestion(s.u.win, lang.L("Forgot your PIN?"), 460,
		container.NewVBox(text, f.pass, f.pin, f.again, f.problem), f.activity, f.not, f.yes)
	s.forgotQ = f
	// After the key that pressed the button: Space, its character still
	// to come, would be typed into the passphrase.
	s.u.post(func() { s.u.win.Canvas().Focus(f.pass) })
}

func (f *forgotPIN) onCancel() {
	if f.working {
		return
	}
	f.dialog.Hide()
	f.s.forgotQ = nil
	f.s.u.win.Canvas().Focus(f.s.pin)
}

// onSet checks what was typed, then the passphrase off the UI goroutine.
func (f *forgotPIN) onSet() {
	if f.working {
		return
	}
	pass, pin := f.pass.Text, f.pin.Text
	switch {
	case pass == "":
		setError(f.problem, lang.L("Enter the passphrase first."))
		f.s.u.win.Canvas().Focus(f.pass)
		return
	case len(pin) < 4:
		setError(f.problem, lang.L("A PIN is 4 to 8 digits."))
		f.s.u.win.Canvas().Focus(f.pin)
		return
	case pin != f.again.Text:
		setError(f.problem, lang.L("The two PINs differ. Type the same PIN twice."))
		f.s.u.win.Canvas().Focus(f.again)
		return
	}
	setError(f.problem, "")
	f.setWorking(true)
	owner := f.owner
	dbWork(f.s.u, func(ctx context.Context, db *store.DB) (store.Grant, error) {
		if err := db.SetPINWithPassphrase(ctx, owner.ID, pass, pin); err != nil {
			return store.Grant{}, err
		}
		return db.Grant(store.ActAs(ctx, owner.ID))
	}, f.onDone)
}

// onDone signs the owner in with the new PIN set, or says what went wrong.
func (f *forgotPIN) onDone(g store.Grant, err error) {
	f.setWorking(false)
	if f.s.u.current != f.s || f.s.forgotQ != f {
		return
	}
	switch {
	case err == nil:
		f.dialog.Hide()
		f.s.forgotQ = nil
		f.s.u.signIn(f.owner, g)
		return
	case errors.Is(err, store.ErrWrongPassphrase):
		setError(f.problem, lang.L("Wrong passphrase. Check Caps Lock and try again."))
		f.pass.SetText("")
		f.s.u.win.Canvas().Focus(f.pass)
	default:
		fyne.LogError("ui: set a forgotten PIN", err)
		setError(f.problem, errorMessage(err))
	}
}

func (f *forgotPIN) setWorking(on bool) {
	f.working = on
	working(f.activity, on, f.pass, f.pin, f.again, f.yes, f.not)
}
