package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// editor is a view with fields the owner may change and then save: the
// client forms, the booking form, the forms of services, staff and the
// salon, the retention policy. Nothing typed there is lost silently:
// leaving it with unsaved changes asks first (leaveThen), and a lock keeps
// the changes as a draft (see drafter).
type editor interface {
	// unsaved reports whether the fields differ from what is saved.
	unsaved() bool
	// saveThen saves the fields; next runs once the store has taken them.
	// A refusal keeps the view on show, with its message.
	saveThen(next func())
	// subject names what is being edited, as the question puts it: "the
	// card of Anna Nowak", "the new client".
	subject() string
}

// editing is the view of the section on show that edits something, if any.
func (s *shellScreen) editing() editor {
	var candidates []editor
	if s.newClient != nil {
		candidates = append(candidates, s.newClient)
	}
	if s.card != nil {
		candidates = append(candidates, s.card)
	}
	if s.calendar != nil && s.calendar.form != nil {
		candidates = append(candidates, s.calendar.form)
	}
	if s.serviceForm != nil {
		candidates = append(candidates, s.serviceForm)
	}
	if s.staffForm != nil {
		candidates = append(candidates, s.staffForm)
	}
	if s.settings != nil {
		candidates = append(candidates, s.settings.salon)
	}
	if s.privacy != nil {
		candidates = append(candidates, s.privacy)
	}
	if s.requests != nil && s.requests.form != nil {
		candidates = append(candidates, s.requests.form)
	}
	for _, e := range candidates {
		if e.unsaved() {
			return e
		}
	}
	return nil
}

// leaveThen runs next, which replaces what shows, once any unsaved changes
// are dealt with: when the view on show has some, the owner chooses to save
// them, discard them, or stay.
func (s *shellScreen) leaveThen(next func()) {
	if s.prompt != nil {
		return // already asking
	}
	e := s.editing()
	if e == nil {
		next()
		return
	}
	s.askUnsaved(e, next)
}

// asking is next behind leaveThen: for every button that replaces or
// resets what shows (Back, Cancel, Book, Export, Forget…), so none of them
// drops typed changes without the question.
func (s *shellScreen) asking(next func()) func() {
	return func() { s.leaveThen(next) }
}

// unsavedPrompt asks what to do with unsaved changes.
type unsavedPrompt struct {
	dialog              *dialog.CustomDialog
	save, discard, stay *keyButton
}

// askUnsaved shows the question about e's changes; Save is focused, so
// Enter or Space saves, and Esc stays.
func (s *shellScreen) askUnsaved(e editor, next func()) {
	p := &unsavedPrompt{}
	done := func() {
		p.dialog.Hide()
		s.prompt = nil
	}
	p.stay = newKeyButton(lang.L("Stay"), nil, done, done)
	p.discard = newKeyButton(lang.L("Discard the changes"), theme.DeleteIcon(), func() {
		done()
		next()
	}, done)
	p.save = newKeyButton(lang.L("Save"), theme.DocumentSaveIcon(), func() {
		done()
		e.saveThen(next)
	}, done)
	p.save.Importance = widget.HighImportance
	text := paragraph(lang.L("You have changed {{.What}} and not saved it. Save the changes before you go on?", map[string]any{"What": e.subject()}))
	s.prompt = p
	p.dialog = showQuestion(s.u.win, lang.L("Unsaved changes"), 420, text, p.stay, p.discard, p.save)
	s.u.win.Canvas().Focus(p.save)
}

// keyButton is a button that Enter presses as well as Space (Fyne's take
// Space only); Esc calls cancel, or goes to the window when there is none.
type keyButton struct {
	widget.Button
	cancel func()
}

func newKeyButton(label string, icon fyne.Resource, tapped, cancel func()) *keyButton {
	b := &keyButton{cancel: cancel}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey is part of fyne.Focusable.
func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	case fyne.KeyEscape:
		if b.cancel != nil {
			b.cancel()
		} else {
			passEscape(b, ev)
		}
	default:
		b.Button.TypedKey(ev)
	}
}
