package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// unlockScreen opens the salon with its passphrase or, when that is lost,
// its recovery key.
type unlockScreen struct {
	u *App

	hint     *widget.Label
	notice   *widget.Label // what happened before, such as a restore
	pass     *widget.Entry
	key      *textEntry
	message  *widget.Label
	unlock   *widget.Button
	toggle   *widget.Button
	demo     *widget.Button
	restore  *widget.Button
	language *widget.Select
	activity *widget.Activity

	useKey bool // the recovery key entry is showing
}

// showUnlock shows the unlock screen of the salon at the configured path.
func (u *App) showUnlock() { u.showUnlockSaying("", false) }

// showUnlockSaying shows the unlock screen with a notice above the
// passphrase: good news, or a problem when bad is set.
func (u *App) showUnlockSaying(notice string, bad bool) {
	s := &unlockScreen{u: u}
	s.notice = paragraph(notice)
	s.notice.Importance = widget.SuccessImportance
	if bad {
		s.notice.Importance = widget.DangerImportance
	}
	if notice == "" {
		s.notice.Hide()
	}
	s.hint = paragraph("")
	s.pass = widget.NewPasswordEntry()
	s.pass.SetPlaceHolder(lang.L("Passphrase"))
	s.pass.OnSubmitted = func(string) { s.onUnlock() }
	s.key = newEntry()
	s.key.SetPlaceHolder("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
	s.key.TextStyle.Monospace = true
	s.key.OnSubmitted = func(string) { s.onUnlock() }
	s.message = errorText()
	s.unlock = widget.NewButton(lang.L("Unlock"), s.onUnlock)
	s.unlock.Importance = widget.HighImportance
	s.toggle = widget.NewButton("", s.onToggle)
	s.toggle.Importance = widget.LowImportance
	s.demo = widget.NewButton(lang.L("Explore the demo salon"), s.onDemo)
	s.demo.Importance = widget.LowImportance
	s.restore = widget.NewButton(lang.L("Restore from a backup…"), func() { u.showRestore("") })
	s.restore.Importance = widget.LowImportance
	s.language = newLanguageSelect(u.lang, s.onLanguage)
	s.activity = widget.NewActivity()
	s.activity.Hide()
	s.setMode(false)
	u.show(s)
}

func (s *unlockScreen) content() fyne.CanvasObject {
	return page(
		logo(96),
		heading(lang.L("Unlock your salon")),
		s.notice,
		s.hint,
		container.NewStack(s.pass, s.key),
		s.message,
		container.NewBorder(nil, nil, s.toggle, container.NewHBox(s.activity, s.unlock)),
		widget.NewSeparator(),
		container.NewBorder(nil, nil, container.NewHBox(s.demo, s.restore), s.language),
	)
}

func (s *unlockScreen) initialFocus() fyne.Focusable {
	if s.useKey {
		return s.key
	}
	return s.pass
}

// setMode shows the passphrase entry, or the recovery key entry when useKey.
func (s *unlockScreen) setMode(useKey bool) {
	s.useKey = useKey
	setError(s.message, "")
	if useKey {
		s.pass.Hide()
		s.key.Show()
		s.hint.SetText(lang.L("Type the recovery key you stored when the salon was created. Upper or lower case, with or without dashes."))
		s.toggle.SetText(lang.L("Use the passphrase instead"))
	} else {
		s.key.Hide()
		s.pass.Show()
		s.hint.SetText(lang.L("Enter the passphrase that protects the salon's data."))
		s.toggle.SetText(lang.L("Use the recovery key instead"))
	}
}

func (s *unlockScreen) onToggle() {
	s.setMode(!s.useKey)
	s.u.win.Canvas().Focus(s.initialFocus())
}

func (s *unlockScreen) onLanguage(code string) {
	s.u.useLanguage(code)
	s.u.showUnlock()
}

func (s *unlockScreen) onDemo() { s.u.showDemo() }

func (s *unlockScreen) onUnlock() {
	if s.unlock.Disabled() {
		return
	}
	secret, useKey := s.pass.Text, s.useKey
	if useKey {
		secret = s.key.Text
	}
	if secret == "" {
		setError(s.message, lang.L("Enter the passphrase first."))
		if useKey {
			setError(s.message, lang.L("Enter the recovery key first."))
		}
		return
	}
	setError(s.message, "")
	s.setWorking(true)
	path, opts := s.u.cfg.Path, s.u.cfg.Options
	step := progress(s.u, s.showUpgrade)
	opts.Upgrading = func(done, total int64) { step(int(done>>10), int(total>>10)) }
	background(s.u, func(ctx context.Context) (session, error) {
		var db *store.DB
		var err error
		if useKey {
			db, err = store.OpenWithRecoveryKey(ctx, path, secret, opts)
		} else {
			db, err = store.Open(ctx, path, secret, opts)
		}
		if err != nil {
			return session{}, err
		}
		return openSession(ctx, db)
	}, s.onUnlocked)
}

// showUpgrade says how far the salon file's upgrade to authenticated pages
// has come; opening a salon of an older Kartoteka does that first.
func (s *unlockScreen) showUpgrade(fraction float64) {
	s.notice.Importance = widget.MediumImportance
	s.notice.SetText(lang.L("Making the salon file tamper-evident (a one-time upgrade): {{.Percent}}%", map[string]any{"Percent": int(fraction * 100)}))
	s.notice.Show()
}

func (s *unlockScreen) onUnlocked(sess session, err error) {
	s.setWorking(false)
	if err == nil {
		s.pass.SetText("")
		s.key.SetText("")
		if uerr := sess.db.UpgradeFailed(); uerr != nil {
			fyne.LogError("ui: upgrade the salon file", uerr)
			s.u.enterNote = lang.L("The salon file could not be upgraded to the tamper-evident format; it works as before, and the next unlock tries again.") + " " + errorMessage(uerr)
		}
		s.u.enter(sess, false)
		return
	}
	switch {
	case errors.Is(err, store.ErrWrongPassphrase) && s.useKey:
		setError(s.message, lang.L("That recovery key does not open this salon. Check it and try again."))
	case errors.Is(err, store.ErrWrongPassphrase):
		setError(s.message, lang.L("Wrong passphrase. Check Caps Lock and try again."))
		s.pass.SetText("")
	case errors.Is(err, store.ErrTooNew), errors.Is(err, store.ErrInUse), errors.Is(err, store.ErrDamaged):
		setError(s.message, errorMessage(err)) // each says what to do
	default:
		fyne.LogError("ui: open the salon", err)
		setError(s.message, lang.L("The salon could not be opened.")+" "+errorMessage(err))
	}
	s.u.win.Canvas().Focus(s.initialFocus())
}

// setWorking disables the screen and shows the spinner while the key is derived.
func (s *unlockScreen) setWorking(on bool) {
	for _, w := range []fyne.Disableable{s.pass, s.key, s.unlock, s.toggle, s.demo, s.restore, s.language} {
		if on {
			w.Disable()
		} else {
			w.Enable()
		}
	}
	if on {
		s.activity.Show()
		s.activity.Start()
	} else {
		s.activity.Stop()
		s.activity.Hide()
	}
}
