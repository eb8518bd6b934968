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

// securitySettings is Settings → Security: a new recovery key, made only
// with the passphrase typed again, after which the old key stops working;
// the new one is shown once, with its recovery sheet.
type securitySettings struct {
	u         *App
	pass      *widget.Entry
	passErr   *widget.Label
	renew     *widget.Button
	activity  *widget.Activity
	keyBox    *fyne.Container // the new key while it shows
	card      *keyCard
	done      *widget.Button
	passwd    *passphraseChange
	lockAfter *textEntry
	lockErr   *widget.Label
	back      *textEntry // idle minutes back to the switch screen, where two or more have a PIN
	backErr   *widget.Label
	strong    *strengthen
}

func newSecuritySettings(u *App) *securitySettings {
	s := &securitySettings{u: u, passErr: errorText(), keyBox: container.NewVBox()}
	s.pass = widget.NewPasswordEntry()
	s.pass.SetPlaceHolder(lang.L("Passphrase"))
	s.pass.OnSubmitted = func(string) { s.onRenew() }
	s.renew = widget.NewButtonWithIcon(lang.L("Make a new recovery key"), theme.ViewRefreshIcon(), s.onRenew)
	s.activity = widget.NewActivity()
	s.activity.Hide()
	s.done = widget.NewButton(lang.L("Done"), s.onDone)
	s.done.Importance = widget.HighImportance
	s.done.Disable()
	s.passwd = newPassphraseChange(u)
	s.strong = newStrengthen(u)
	s.lockAfter, s.lockErr = newEntry(), errorText()
	numberSetting(s.lockAfter, s.lockErr, u.fyne.Preferences(), prefAutoLock, 0, 24*60, defaultAutoLock)
	s.back, s.backErr = newEntry(), errorText()
	numberSetting(s.back, s.backErr, u.fyne.Preferences(), prefSwitchAfter, 0, 24*60, defaultSwitchAfter)
	return s
}

func (s *securitySettings) content() fyne.CanvasObject {
	times := container.New(formLayout{}, formLabel(lang.L("Lock after this many minutes without use (0: never)")),
		container.NewVBox(s.lockAfter, s.lockErr))
	if s.u.team.switching() { // a salon of one has no switch screen
		times.Add(formLabel(lang.L("Back to “Who is working?” after this many minutes without use (0: never)")))
		times.Add(container.NewVBox(s.back, s.backErr))
	}
	return container.NewVBox(
		subheading(lang.L("Security")),
		s.strong.content(),
		times,
		widget.NewSeparator(),
		s.passwd.content(),
		widget.NewSeparator(),
		paragraph(lang.L("The recovery key opens the salon's data if the passphrase is lost. If the key or its sheet may have been seen by someone else, make a new one: the old key stops working at once.")),
		container.NewBorder(nil, nil, nil, container.NewHBox(s.activity, s.renew), s.pass),
		s.passErr,
		s.keyBox,
	)
}

func (s *securitySettings) onRenew() {
	setError(s.passErr, "")
	pass := s.pass.Text
	if s.u.db == nil || pass == "" {
		setError(s.passErr, lang.L("Type the passphrase of the salon first."))
		return
	}
	s.setWorking(true)
	dbWork(s.u, func(ctx context.Context, db *store.DB) (string, error) {
		if err := db.CheckPassphrase(pass); err != nil {
			return "", err
		}
		return db.RegenerateRecoveryKey(ctx)
	}, func(key string, err error) {
		s.setWorking(false)
		switch {
		case errors.Is(err, store.ErrWrongPassphrase):
			setError(s.passErr, lang.L("That is not the passphrase of this salon."))
			return
		case err != nil:
			setError(s.passErr, lang.L("No new key was made.")+" "+errorMessage(err))
			return
		}
		s.pass.SetText("")
		s.card = newKeyCard(s.u, s.u.salon.Name, key, func(on bool) {
			if on {
				s.done.Enable()
			} else {
				s.done.Disable()
			}
		})
		warn := paragraph(lang.L("The old recovery key no longer works. This is the only time Kartoteka shows the new one."))
		warn.Importance = widget.WarningImportance
		warn.TextStyle.Bold = true
		s.keyBox.Objects = []fyne.CanvasObject{warn, s.card.content(), container.NewBorder(nil, nil, nil, s.done)}
		s.keyBox.Refresh()
	})
}

// onDone hides the new key once it is stored.
func (s *securitySettings) onDone() {
	if s.card == nil || !s.card.stored.Checked {
		return
	}
	s.card.key = ""
	s.card = nil
	s.keyBox.Objects = nil
	s.keyBox.Refresh()
}

func (s *securitySettings) setWorking(on bool) {
	working(s.activity, on, s.pass, s.renew)
}
