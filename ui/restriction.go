package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// badge is a short text on a coloured ground, such as "Processing
// restricted" at the top of a card.
func badge(text string, ground, ink fyne.ThemeColorName) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(ground))
	bg.CornerRadius = theme.InputRadiusSize()
	t := canvas.NewText(text, theme.Color(ink))
	t.TextStyle.Bold = true
	return container.NewHBox(container.NewStack(bg, container.NewPadded(t)))
}

// basisName says a ground of GDPR Art. 18(2) on which a restricted client's
// data may still be processed.
func basisName(basis string) string {
	switch basis {
	case store.BasisConsent:
		return lang.L("The client consents to it")
	case store.BasisLegalClaim:
		return lang.L("To establish, exercise or defend a legal claim")
	case store.BasisOthersRights:
		return lang.L("To protect the rights of another person")
	case store.BasisPublicInterest:
		return lang.L("For an important public interest")
	}
	return basis
}

// basisChoice is the choice of ground the booking form and the card offer
// for a restricted client: processing goes ahead only on one of them, and
// the ground chosen is recorded in the audit log.
type basisChoice struct {
	box   *fyne.Container
	about *widget.Label
	pick  *widget.Select // a picker: its long choices fit the calendar's narrow panel
}

func newBasisChoice() *basisChoice {
	b := &basisChoice{about: paragraph("")}
	b.about.Importance = widget.WarningImportance
	var names []string
	for _, basis := range store.RestrictionBases {
		names = append(names, basisName(basis))
	}
	b.pick = widget.NewSelect(names, nil)
	b.pick.PlaceHolder = lang.L("Choose the ground")
	b.box = container.NewVBox(b.about, b.pick)
	b.box.Hide()
	return b
}

// show offers the choice for client c, or hides it when c is not
// restricted.
func (b *basisChoice) show(c *store.Client, code string) {
	b.pick.ClearSelected()
	if c == nil || !c.Restricted {
		b.box.Hide()
		return
	}
	b.about.SetText(lang.L("Processing of {{.Name}}'s data is restricted (GDPR Art. 18) since {{.Date}}: {{.Reason}}. It may go ahead only on one of these grounds, which is recorded:",
		map[string]any{"Name": clientName(*c), "Date": formatDate(code, c.RestrictedAt), "Reason": c.RestrictionReason}))
	b.box.Show()
}

// basis is the ground chosen, "" for none.
func (b *basisChoice) basis() string {
	if i := b.pick.SelectedIndex(); i >= 0 {
		return store.RestrictionBases[i]
	}
	return ""
}

// basisQuestion asks on which ground a restricted client's data may be
// processed.
type basisQuestion struct {
	dialog   *dialog.CustomDialog
	choice   *basisChoice
	problem  *widget.Label
	yes, not *keyButton
}

// askBasis asks for the ground on which client c's data may be processed
// despite the restriction; yes goes ahead with it, Cancel or Esc does not.
func askBasis(win fyne.Window, c store.Client, code, yes string, onYes func(basis string)) *basisQuestion {
	q := &basisQuestion{choice: newBasisChoice(), problem: errorText()}
	q.choice.show(&c, code)
	done := func() { q.dialog.Hide() }
	q.not = newKeyButton(lang.L("Cancel"), theme.CancelIcon(), done, done)
	q.yes = newKeyButton(yes, theme.ConfirmIcon(), func() {
		basis := q.choice.basis()
		if basis == "" {
			setError(q.problem, lang.L("Choose the ground, or cancel."))
			return
		}
		done()
		onYes(basis)
	}, done)
	q.yes.Importance = widget.HighImportance
	q.dialog = showQuestion(win, lang.L("Processing restricted"), 480, container.NewVBox(q.choice.box, q.problem), q.not, q.yes)
	win.Canvas().Focus(q.not)
	return q
}
