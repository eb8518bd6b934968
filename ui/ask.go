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
	q.not = newKeyButton(not, theme.CancelIcon(), answer(onNot), answer(onNot))
	q.yes = newKeyButton(yes, theme.WarningIcon(), answer(onYes), answer(onNot))
	q.yes.Importance = widget.DangerImportance
	q.dialog = showQuestion(win, title, 460, q.text, q.not, q.yes)
	win.Canvas().Focus(q.not)
	return q
}

// showQuestion shows a question titled title: body, then buttons along its
// foot on the right, in a dialog of width over the window.
func showQuestion(win fyne.Window, title string, width float32, body fyne.CanvasObject, buttons ...fyne.CanvasObject) *dialog.CustomDialog {
	foot := container.NewHBox(layout.NewSpacer())
	foot.Objects = append(foot.Objects, buttons...)
	d := dialog.NewCustomWithoutButtons(title, container.New(&widthLayout{width: width}, container.NewVBox(body, foot)), win)
	d.Show()
	return d
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
	q.not = newKeyButton(lang.L("Cancel"), theme.CancelIcon(), done, done)
	q.yes = newKeyButton(yes, theme.ConfirmIcon(), submit, done)
	q.yes.Importance = widget.HighImportance
	q.reason.OnSubmitted = func(string) { submit() }
	q.reason.onEscape = done
	q.dialog = showQuestion(win, title, 460, container.NewVBox(q.text, q.reason, q.problem), q.not, q.yes)
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
	q.not = newKeyButton(lang.L("Cancel"), theme.CancelIcon(), answer(onNot), answer(onNot))
	q.yes = newKeyButton(yes, theme.ConfirmIcon(), answer(func() { onYes(max(q.pick.SelectedIndex(), 0)) }), answer(onNot))
	q.yes.Importance = widget.HighImportance
	q.dialog = showQuestion(win, title, 460, container.NewVBox(q.text, q.pick), q.not, q.yes)
	win.Canvas().Focus(q.yes)
	return q
}

// askKeep asks why the client named name should be kept out of automatic
// retention, then keeps them with that reason: from the card and from the
// retention preview alike.
func askKeep(win fyne.Window, name string, keep func(reason string)) *reasonQuestion {
	return askReason(win, lang.L("Keep {{.Name}}?", map[string]any{"Name": name}),
		lang.L("Retention will leave {{.Name}} alone, today and later, until you stop keeping them. Say why, for the record (GDPR Art. 5(2)).", map[string]any{"Name": name}),
		lang.L("e.g. regular client; asked us to keep her history"), lang.L("Keep"), keep)
}

// askRelease asks once before retention may apply to the client named name
// again.
func askRelease(win fyne.Window, name string, release func()) *question {
	return askOnce(win, lang.L("Stop keeping {{.Name}}?", map[string]any{"Name": name}),
		lang.L("Retention may then forget {{.Name}} at its next run, if the policy says so.", map[string]any{"Name": name}),
		lang.L("Stop keeping"), release, nil)
}
