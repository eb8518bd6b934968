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
	kwidget "kartoteka/ui/widget"
)

// passphraseChange is part of Settings → Security: the current passphrase,
// the new one twice with its strength; only the key header is rewritten,
// and the old passphrase stops working at once.
type passphraseChange struct {
	u                  *App
	current, next, rep *widget.Entry
	strength           *kwidget.StrengthMeter
	form               *fieldForm
	change             *widget.Button
	activity           *widget.Activity
	done               *widget.Label
}

func newPassphraseChange(u *App) *passphraseChange {
	c := &passphraseChange{u: u, form: newFieldForm(), activity: widget.NewActivity()}
	c.activity.Hide()
	c.current, c.next, c.rep = widget.NewPasswordEntry(), widget.NewPasswordEntry(), widget.NewPasswordEntry()
	c.strength = kwidget.NewStrengthMeter(store.MinPassphraseLen)
	c.next.OnChanged = c.strength.SetPassphrase
	c.rep.OnSubmitted = func(string) { c.onChange() }
	c.form.add("current", lang.L("Current passphrase"), c.current)
	c.form.add("passphrase", lang.L("New passphrase"), container.NewVBox(c.next, c.strength))
	c.form.add("repeat", lang.L("New passphrase again"), c.rep)
	c.change = widget.NewButtonWithIcon(lang.L("Change the passphrase"), theme.ConfirmIcon(), c.onChange)
	c.done = paragraph("")
	c.done.Importance = widget.SuccessImportance
	c.done.Hide()
	return c
}

func (c *passphraseChange) content() fyne.CanvasObject {
	return container.NewVBox(c.form.content(), container.NewHBox(c.change, c.activity), c.done)
}

func (c *passphraseChange) onChange() {
	c.form.clearErrors()
	c.done.Hide()
	cur, next := c.current.Text, c.next.Text
	switch {
	case cur == "":
		setError(c.form.errLabel("current"), lang.L("Type the passphrase of the salon first."))
		return
	case next != c.rep.Text:
		setError(c.form.errLabel("repeat"), lang.L("The two passphrases differ."))
		return
	}
	c.setWorking(true)
	dbWork(c.u, func(ctx context.Context, db *store.DB) (struct{}, error) {
		if err := db.CheckPassphrase(cur); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, db.ChangePassphrase(ctx, next)
	}, func(_ struct{}, err error) {
		c.setWorking(false)
		switch {
		case errors.Is(err, store.ErrWrongPassphrase):
			setError(c.form.errLabel("current"), lang.L("That is not the passphrase of this salon."))
		case err != nil && !errors.Is(err, store.ErrHeaderChangedUnaudited):
			c.form.showError(err)
		default: // changed, even when its audit event could not be written
			for _, e := range []*widget.Entry{c.current, c.next, c.rep} {
				e.SetText("")
			}
			msg := lang.L("The passphrase is changed: from now on only the new one opens the salon.")
			if err != nil { // store.ErrHeaderChangedUnaudited
				msg += " " + errorMessage(err)
			}
			c.done.SetText(msg)
			c.done.Show()
		}
	})
}

func (c *passphraseChange) setWorking(on bool) {
	working(c.activity, on, c.current, c.next, c.rep, c.change)
}
