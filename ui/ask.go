package ui

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// question asks once before something that cannot be undone: it says what
// will happen and to whom, with the careful choice (keep) focused, so Enter
// or Esc keeps and only a deliberate click or Tab does it.
type question struct {
	dialog   *dialog.CustomDialog
	text     *widget.Label
	yes, not *keyButton
}

// ask shows a question titled title saying text; yes names the act (such
// as "Withdraw and delete the notes"), not the way back. Exactly one of
// onYes and onNot runs.
func ask(win fyne.Window, title, text, yes, not string, onYes, onNot func()) *question {
	q := &question{text: paragraph(text)}
	answer := answerOnce(func() { q.dialog.Hide() })
	q.not = newKeyButton(not, theme.CancelIcon(), answer(onNot))
	q.not.OnTapped = answer(onNot)
	q.yes = newKeyButton(yes, theme.WarningIcon(), answer(onNot))
	q.yes.OnTapped = answer(onYes)
	q.yes.Importance = widget.DangerImportance
	body := container.NewVBox(q.text, container.NewHBox(layout.NewSpacer(), q.not, q.yes))
	q.dialog = dialog.NewCustomWithoutButtons(title, container.New(&widthLayout{width: 460}, body), win)
	q.dialog.Show()
	win.Canvas().Focus(q.not)
	return q
}

// answerOnce makes the answers of a question: the first answer given hides
// it (hide) and runs its action, if any; any later one does nothing, so a
// double click or Enter and Esc together cannot act twice.
func answerOnce(hide func()) func(action func()) func() {
	answered := false
	return func(action func()) func() {
		return func() {
			if answered {
				return
			}
			answered = true
			hide()
			if action != nil {
				action()
			}
		}
	}
}

// askOnce is ask with "Cancel" as the way back.
func askOnce(win fyne.Window, title, text, yes string, onYes, onNot func()) *question {
	return ask(win, title, text, yes, lang.L("Cancel"), onYes, onNot)
}

// reasonLimit is the longest reason the store keeps (its short text).
const reasonLimit = 200

// reasonQuestion asks for a reason before an act that needs one on record.
type reasonQuestion struct {
	dialog   *dialog.CustomDialog
	text     *widget.Label
	reason   *textEntry
	problem  *widget.Label
	yes, not *keyButton
}

// askReason shows a question titled title saying text, with a field for
// the reason (hint shows an example); yes does the act once a reason is
// typed, Cancel or Esc does nothing.
func askReason(win fyne.Window, title, text, hint, yes string, onYes func(reason string)) *reasonQuestion {
	q := &reasonQuestion{text: paragraph(text), reason: newEntry(), problem: errorText()}
	q.reason.SetPlaceHolder(hint)
	done := func() { q.dialog.Hide() }
	submit := func() {
		r := strings.TrimSpace(q.reason.Text)
		switch {
		case r == "":
			setError(q.problem, lang.L("Write the reason: it is kept on record."))
			return
		case utf8.RuneCountInString(r) > reasonLimit:
			setError(q.problem, lang.L("Keep the reason under {{.Limit}} characters.", map[string]any{"Limit": reasonLimit}))
			return
		}
		done()
		onYes(r)
	}
	q.not = newKeyButton(lang.L("Cancel"), theme.CancelIcon(), done)
	q.not.OnTapped = done
	q.yes = newKeyButton(yes, theme.ConfirmIcon(), done)
	q.yes.OnTapped = submit
	q.yes.Importance = widget.HighImportance
	q.reason.OnSubmitted = func(string) { submit() }
	q.reason.onEscape = done
	body := container.NewVBox(q.text, q.reason, q.problem, container.NewHBox(layout.NewSpacer(), q.not, q.yes))
	q.dialog = dialog.NewCustomWithoutButtons(title, container.New(&widthLayout{width: 460}, body), win)
	q.dialog.Show()
	win.Canvas().Focus(q.reason)
	return q
}

// choiceQuestion asks to confirm an act along with one choice about it,
// such as how a consent was given.
type choiceQuestion struct {
	dialog   *dialog.CustomDialog
	text     *widget.Label
	pick     *widget.Select
	yes, not *keyButton
}

// askChoice shows a question titled title saying text, with a picker of
// options (the first chosen); yes does the act with the index picked, Cancel
// or Esc runs onNot.
func askChoice(win fyne.Window, title, text string, options []string, yes string, onYes func(i int), onNot func()) *choiceQuestion {
	q := &choiceQuestion{text: paragraph(text), pick: widget.NewSelect(options, nil)}
	q.pick.SetSelectedIndex(0)
	answer := answerOnce(func() { q.dialog.Hide() })
	q.not = newKeyButton(lang.L("Cancel"), theme.CancelIcon(), answer(onNot))
	q.not.OnTapped = answer(onNot)
	q.yes = newKeyButton(yes, theme.ConfirmIcon(), answer(onNot))
	q.yes.OnTapped = answer(func() { onYes(max(q.pick.SelectedIndex(), 0)) })
	q.yes.Importance = widget.HighImportance
	body := container.NewVBox(q.text, q.pick, container.NewHBox(layout.NewSpacer(), q.not, q.yes))
	q.dialog = dialog.NewCustomWithoutButtons(title, container.New(&widthLayout{width: 460}, body), win)
	q.dialog.Show()
	win.Canvas().Focus(q.yes)
	return q
}
