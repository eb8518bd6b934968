package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
	kwidget "kartoteka/ui/widget"
)

// extendQuestion asks by how much, why and since when the person knows,
// before the due day of a request is extended (GDPR Art. 12(3)); a rule
// that refuses shows in it, and the request stays as it was.
type extendQuestion struct {
	dialog   *dialog.CustomDialog
	months   *kwidget.RadioGroup
	reason   *textEntry
	told     *textEntry
	problem  *widget.Label
	yes, not *keyButton
}

// onExtend asks for the extension, then records it.
func (d *requestDetail) onExtend() {
	sh, r := d.view.shell, d.r
	code := sh.u.lang
	q := &extendQuestion{reason: newEntry(), told: newEntry(), problem: errorText()}
	// Only what the rules still allow (Extend… is off when nothing is).
	left, _ := privacy.ExtensionMonthsLeft(r, sh.u.now())
	options := []string{lang.L("One month more: due by {{.Date}}", map[string]any{"Date": formatDate(code, privacy.ExtendedDue(r, 1))})}
	if left >= 2 {
		options = append(options, lang.L("Two months more: due by {{.Date}}", map[string]any{"Date": formatDate(code, privacy.ExtendedDue(r, 2))}))
	}
	q.months = kwidget.NewRadioGroup(options, nil)
	q.months.Required = true
	q.months.SetSelected(q.months.Options[0])
	q.reason.SetPlaceHolder(lang.L("e.g. many requests at once; the data is also in paper files"))
	q.told.SetText(numericDate(code, sh.u.now()))
	q.told.SetPlaceHolder(dateHint(code))
	hide := func() { q.dialog.Hide() }
	submit := func() {
		months := q.months.SelectedIndex() + 1
		told, ok := parseDay(q.told.Text)
		if !ok {
			setError(q.problem, fieldMessage(dayProblem(q.told.Text)))
			return
		}
		reason, id, now := strings.TrimSpace(q.reason.Text), d.id, sh.u.now()
		q.yes.Disable()
		dbWork(sh.u, func(ctx context.Context, db *store.DB) (store.PrivacyRequest, error) {
			if err := privacy.ExtendRequest(ctx, db, id, months, reason, told, now); err != nil {
				return store.PrivacyRequest{}, err
			}
			return db.Request(ctx, id)
		}, func(after store.PrivacyRequest, err error) {
			q.yes.Enable()
			if err != nil {
				setError(q.problem, requestRuleMessage(err, r, code))
				return
			}
			hide()
			sh.say(lang.L("Extended: the answer is now due by {{.Date}}. Tell the person, with the reasons, if you have not yet.",
				map[string]any{"Date": formatDate(code, after.DueBy())}))
			sh.loadRequestsDue()
			d.reload("extend")
		})
	}
	q.not = newKeyButton(lang.L("Cancel"), theme.CancelIcon(), hide, hide)
	q.yes = newKeyButton(lang.L("Extend"), theme.ConfirmIcon(), submit, hide)
	q.yes.Importance = widget.HighImportance
	submitWith(submit, q.reason, q.told)
	q.reason.onEscape, q.told.onEscape = hide, hide
	form := newFieldForm()
	form.add("months", lang.L("By"), q.months)
	form.add("reason", lang.L("Reasons"), q.reason)
	form.add("told", lang.L("Person told on"), q.told)
	body := container.NewVBox(paragraph(lang.L("The answer is due by {{.Date}}. Where a request is complex, or there are many, the answer may be delayed by up to two further months in all; the person must be told, with the reasons, within the first month (GDPR Art. 12(3)).",
		map[string]any{"Date": formatDate(code, r.DueBy())})), form.content(), q.problem)
	q.dialog = showQuestion(sh.u.win, lang.L("Extend the time to answer?"), 520, body, q.not, q.yes)
	sh.u.win.Canvas().Focus(q.reason)
	d.askedExtend = q
}

// closeQuestion asks how a request ended before it is closed: done,
// refused (with the reasons the person is told, and their right to
// complain) or withdrawn.
type closeQuestion struct {
	dialog   *dialog.CustomDialog
	outcome  *kwidget.RadioGroup
	note     *textEntry
	label    *widget.Label
	remind   *widget.Label
	problem  *widget.Label
	yes, not *keyButton
}

// onClose asks how the request ended, then closes it.
func (d *requestDetail) onClose() {
	sh, r := d.view.shell, d.r
	code := sh.u.lang
	q := &closeQuestion{note: newEntry(), label: widget.NewLabel(""), problem: errorText()}
	q.remind = paragraph(lang.L("The person must be told, within the time to answer, why their request is refused, and that they may complain to the supervisory authority and go to court (GDPR Art. 12(4)). Once closed, the request shows the words to give them."))
	q.remind.Importance = widget.WarningImportance
	outcomes := []string{store.RequestDone, store.RequestRefused, store.RequestWithdrawn}
	q.outcome = kwidget.NewRadioGroup([]string{lang.L("Done: the request is answered"), lang.L("Refused"), lang.L("Withdrawn by the person")},
		func(string) { q.showOutcome() })
	q.outcome.Required = true
	q.outcome.SetSelected(q.outcome.Options[0])
	hide := func() { q.dialog.Hide() }
	submit := func() {
		outcome := outcomes[0]
		for i, o := range q.outcome.Options {
			if o == q.outcome.Selected {
				outcome = outcomes[i]
			}
		}
		note, reason := strings.TrimSpace(q.note.Text), ""
		if outcome == store.RequestRefused {
			note, reason = "", note
		}
		q.yes.Disable()
		closeRequest(sh, d.id, outcome, note, reason, func(err error) {
			q.yes.Enable()
			if err != nil {
				setError(q.problem, requestRuleMessage(err, r, code))
				return
			}
			hide()
			sh.say(lang.L("The request is closed."))
			d.reload("close")
		})
	}
	q.not = newKeyButton(lang.L("Cancel"), theme.CancelIcon(), hide, hide)
	q.yes = newKeyButton(lang.L("Close the request"), theme.ConfirmIcon(), submit, hide)
	q.yes.Importance = widget.HighImportance
	submitWith(submit, q.note)
	q.note.onEscape = hide
	q.showOutcome()
	body := container.NewVBox(q.outcome, q.label, q.note, q.remind, q.problem)
	q.dialog = showQuestion(sh.u.win, lang.L("Close the request?"), 520, body, q.not, q.yes)
	sh.u.win.Canvas().Focus(q.note)
	d.askedClose = q
}

// showOutcome words the field for the outcome chosen: the reasons of a
// refusal, with the reminder, or a note of what was done.
func (q *closeQuestion) showOutcome() {
	setError(q.problem, "")
	if q.outcome.Selected == q.outcome.Options[1] {
		q.label.SetText(lang.L("Reasons for refusing (required)"))
		q.note.SetPlaceHolder(lang.L("e.g. the same request was answered last month"))
		q.remind.Show()
		return
	}
	q.label.SetText(lang.L("What was done (optional)"))
	q.note.SetPlaceHolder(lang.L("e.g. data handed over in person"))
	q.remind.Hide()
}
