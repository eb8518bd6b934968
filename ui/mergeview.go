package ui

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
	kwidget "kartoteka/ui/widget"
)

// mergeView is the merge of two cards of one person (issue 17): field by
// field the values of both cards, with what the kept card is to say picked
// (privacy.ProposeMerge at first); what moves; that the other card is then
// forgotten, for good; for a restricted card, the ground of GDPR Art. 18(2)
// it goes ahead on. One confirmation naming both cards, then the merge
// runs in the background and the kept card opens, saying what was done.
type mergeView struct {
	shell      *shellScreen
	keep, from int64

	back     *widget.Button
	box      *fyne.Container
	problem  *problemBox
	preview  privacy.MergePreview
	fields   []*mergeField
	basis    *basisChoice // shown when either card is restricted
	basisErr *widget.Label
	merge    *widget.Button
	activity *widget.Activity
	revived  []*widget.Label // warnings of withdrawals an imported file outdates
	asked    *question       // the last question asked, for tests
	loaded   bool
}

// mergeField is one detail both cards have, with the choice of value.
type mergeField struct {
	name   string // of privacy.MergeFields
	values []string
	pick   *kwidget.RadioGroup // nil when there is nothing to choose
}

// value is the field's value as picked.
func (f *mergeField) value() string {
	if f.pick == nil {
		return f.values[0]
	}
	return f.values[max(f.pick.SelectedIndex(), 0)]
}

func newMergeView(shell *shellScreen, keep, from int64) *mergeView {
	v := &mergeView{shell: shell, keep: keep, from: from, box: container.NewVBox(), problem: newProblemBox(),
		activity: widget.NewActivity(), basisErr: errorText()}
	v.back = widget.NewButtonWithIcon(lang.L("Back to the duplicates"), theme.NavigateBackIcon(), func() { shell.openDuplicatesNear(keep) })
	v.load()
	return v
}

func (v *mergeView) content() fyne.CanvasObject {
	return widePage(container.NewVBox(container.NewHBox(v.back),
		heading(lang.L("Merge card {{.From}} into card {{.Keep}}", v.numbers())), v.box, v.problem))
}

// numbers are the cards' numbers for a message.
func (v *mergeView) numbers() map[string]any {
	return map[string]any{"Keep": cardNumber(v.keep), "From": cardNumber(v.from)}
}

// load reads what the merge would do, in the background.
func (v *mergeView) load() {
	keep, from := v.keep, v.from
	v.box.Objects = []fyne.CanvasObject{v.activity}
	v.activity.Start()
	end := v.shell.begin(lang.L("Comparing the two cards…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (privacy.MergePreview, error) {
		return privacy.PreviewMerge(ctx, db, keep, from)
	}, func(p privacy.MergePreview, err error) {
		end()
		v.activity.Stop()
		v.loaded = true
		if err != nil {
			v.box.Objects = nil
			v.box.Refresh()
			v.problem.show(lang.L("The cards could not be compared."), err)
			return
		}
		v.preview = p
		v.show()
	})
}

// show lays out the preview: blocks, or the fields, what moves, and Merge.
func (v *mergeView) show() {
	p := v.preview
	v.revived = nil
	var hard []*privacy.BlockedError // blocks no ground clears
	for _, b := range p.Blocks {
		if !errors.Is(b, privacy.ErrRestricted) {
			hard = append(hard, b)
		}
	}
	if len(hard) > 0 {
		objs := []fyne.CanvasObject{subheading(lang.L("These cards cannot be merged"))}
		for _, b := range hard {
			l := paragraph("• " + v.blockText(b))
			l.Importance = widget.DangerImportance
			objs = append(objs, l)
		}
		v.box.Objects = objs
		v.box.Refresh()
		return
	}
	objs := []fyne.CanvasObject{
		paragraph(lang.L("Pick what card {{.Keep}} is to say. Where the cards differ, the choice starts at Kartoteka's proposal: the kept card's details, empty ones filled from the other card, and both cards' notes.", v.numbers())),
		v.fieldForm(),
		subheading(lang.L("What moves to card {{.Keep}}", v.numbers())),
		paragraph(v.movesText()),
		paragraph(v.consentsText()),
	}
	for _, kind := range p.Revived {
		l := paragraph(lang.L("The client withdrew their consent to {{.Kind}}; only a consent stated by an imported file is newer, so after the merge they would be on that mailing list again. If the withdrawal stands, press Unsubscribe on the kept card afterwards.",
			map[string]any{"Kind": consentName(kind)}))
		l.Importance = widget.WarningImportance
		v.revived = append(v.revived, l)
		objs = append(objs, l)
	}
	if p.TakesRestriction {
		objs = append(objs, paragraph(lang.L("Card {{.From}} is restricted (GDPR Art. 18): the restriction goes over to card {{.Keep}}, with its reason.", v.numbers())))
	}
	if p.TakesHold {
		objs = append(objs, paragraph(lang.L("Card {{.From}} is kept out of automatic retention: card {{.Keep}} is kept out too.", v.numbers())))
	}
	if n := len(p.Exports); n > 0 {
		objs = append(objs, paragraph(lang.N("{{.Count}} export files Kartoteka wrote for card {{.From}} are deleted.", n,
			map[string]any{"Count": strconv.Itoa(n), "From": cardNumber(v.from)})))
	}
	objs = append(objs, subheading(lang.L("Then card {{.From}} is forgotten", v.numbers())),
		paragraph(lang.L("Its details are erased and it becomes “Anonymized client {{.From}}”, as Forget (GDPR) does; the erasure is recorded and proven.", v.numbers())))
	undo := paragraph(lang.L("This cannot be undone."))
	undo.Importance = widget.DangerImportance
	undo.TextStyle.Bold = true
	objs = append(objs, undo)
	v.basis = nil
	if p.NeedsBasis {
		objs = append(objs, v.restriction()...)
	}
	v.merge = widget.NewButtonWithIcon(lang.L("Merge…"), theme.ConfirmIcon(), v.onMerge)
	v.merge.Importance = widget.DangerImportance
	objs = append(objs, container.NewBorder(nil, nil, nil, container.NewHBox(v.activity, v.merge)))
	v.box.Objects = objs
	v.box.Refresh()
}

// fieldForm shows each detail either card has: both values, with the one
// the kept card is to say picked, or one value when they agree.
func (v *mergeView) fieldForm() fyne.CanvasObject {
	p := v.preview
	form := container.New(formLayout{})
	v.fields = nil
	for _, name := range privacy.MergeFields {
		if name == "health_notes" && !v.shell.u.may(store.PermHealthView) {
			continue // the notes are hidden for the role; the proposal keeps them
		}
		keep, from, proposed := mergeValue(p.Keep, name), mergeValue(p.From, name), mergeValue(mergeClient(p.Proposed), name)
		if keep == "" && from == "" {
			continue
		}
		f := &mergeField{name: name}
		v.fields = append(v.fields, f)
		var options []string
		add := func(label, value string) {
			if slices.Contains(f.values, value) {
				return
			}
			f.values = append(f.values, value)
			options = append(options, label+": "+v.shown(name, value))
		}
		add(cardNumber(v.keep), keep)
		add(cardNumber(v.from), from)
		add(lang.L("Both"), proposed) // the notes of both, joined
		if len(f.values) == 1 {
			form.Add(formLabel(mergeFieldName(name)))
			form.Add(widget.NewLabel(v.shown(name, keep)))
			continue
		}
		f.pick = kwidget.NewRadioGroup(options, nil)
		f.pick.Required = true
		f.pick.SetSelected(options[slices.Index(f.values, proposed)])
		form.Add(formLabel(mergeFieldName(name)))
		form.Add(f.pick)
	}
	return form
}

// field is the field named name on show, or nil.
func (v *mergeView) field(name string) *mergeField {
	for _, f := range v.fields {
		if f.name == name {
			return f
		}
	}
	return nil
}

// shown is how a field's value shows in a choice: on one line, not too
// long, the phone formatted, an empty one said.
func (v *mergeView) shown(name, value string) string {
	switch {
	case value == "":
		return lang.L("(empty)")
	case name == "phone":
		return formatPhone(value, v.shell.u.salon.Country)
	case name == "birth_date":
		return birthText(value)
	case name == "language":
		for _, l := range languages {
			if l.Code == value {
				return l.Name
			}
		}
	}
	value = strings.Join(strings.Fields(value), " ")
	if r := []rune(value); len(r) > 60 {
		value = string(r[:59]) + "…"
	}
	return value
}

// movesText says how many records of the merged card move.
func (v *mergeView) movesText() string {
	p, code := v.preview, v.shell.u.lang
	n := func(k int) string { return formatCount(code, k) }
	return lang.L("From card {{.From}}: bookings: {{.Bookings}} ({{.Upcoming}} upcoming); payments: {{.Payments}}; invoices: {{.Invoices}}; consent records: {{.Consents}}; privacy requests: {{.Requests}}.",
		map[string]any{"From": cardNumber(v.from), "Bookings": n(p.Moves.Bookings), "Upcoming": n(p.UpcomingBookings), "Payments": n(p.Moves.Payments),
			"Invoices": n(p.Moves.Invoices), "Consents": n(p.Moves.Consents), "Requests": n(p.Moves.Requests)})
}

// consentsText names the consents in force after the merge: the newest
// decision of each kind, on either card.
func (v *mergeView) consentsText() string {
	var given []string
	for _, kind := range store.ConsentKinds {
		if v.preview.Current[kind] {
			given = append(given, consentName(kind))
		}
	}
	if len(given) == 0 {
		return lang.L("Both consent histories are joined; no consent is given afterwards.")
	}
	return lang.L("Both consent histories are joined; given afterwards, as the newest record of each says: {{.Consents}}.",
		map[string]any{"Consents": strings.Join(given, ", ")})
}

// restriction shows the restricted cards and the choice of ground.
func (v *mergeView) restriction() []fyne.CanvasObject {
	p, code := v.preview, v.shell.u.lang
	v.basis = newBasisChoice()
	var restricted []store.Client
	for _, c := range []store.Client{p.Keep, p.From} {
		if c.Restricted {
			restricted = append(restricted, c)
		}
	}
	v.basis.show(&restricted[0], code)
	objs := []fyne.CanvasObject{subheading(lang.L("Processing restricted"))}
	if len(restricted) > 1 {
		c := restricted[1]
		l := paragraph(lang.L("Card {{.Number}} is restricted too, since {{.Date}}: {{.Reason}}.",
			map[string]any{"Number": cardNumber(c.ID), "Date": formatDate(code, c.RestrictedAt), "Reason": c.RestrictionReason}))
		l.Importance = widget.WarningImportance
		objs = append(objs, l)
	}
	return append(objs, v.basis.box, v.basisErr)
}

// card is the kept card as picked.
func (v *mergeView) card() store.ClientInput {
	in := v.preview.Proposed
	for _, f := range v.fields {
		setMergeValue(&in, f.name, f.value())
	}
	return in
}

// onMerge asks once, naming both cards, then merges.
func (v *mergeView) onMerge() {
	basis := ""
	if v.basis != nil {
		if basis = v.basis.basis(); basis == "" {
			setError(v.basisErr, lang.L("Choose the ground on which the restricted card is merged, or go back."))
			return
		}
	}
	setError(v.basisErr, "")
	v.asked = askOnce(v.shell.u.win, lang.L("Merge the cards?"),
		lang.L("Merge card {{.From}} into card {{.Keep}}? Card {{.From}} is then forgotten; this cannot be undone.", v.numbers()),
		lang.L("Merge and forget {{.From}}", v.numbers()), func() { v.run(basis) }, nil)
}

// mergeOutcome is what the merge did.
type mergeOutcome struct {
	res           privacy.MergeResult
	deleted, left int
	warning       error // privacy.ErrAfterwards: done, but a ledger file could not be written
}

// run merges in the background, then opens the kept card saying what was
// done.
func (v *mergeView) run(basis string) {
	keep, from, ledgers := v.keep, v.from, backupFolders(v.shell.u)
	in := store.MergeInput{Card: v.card(), Basis: basis}
	v.merge.Disable()
	v.back.Disable()
	v.activity.Start()
	v.problem.clear()
	end := v.shell.begin(lang.L("Merging, then proving the other card is forgotten…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (mergeOutcome, error) {
		res, err := privacy.Merge(ctx, db, keep, from, in, []string{filepath.Dir(db.Path())}, ledgers...)
		out := mergeOutcome{res: res}
		if errors.Is(err, privacy.ErrAfterwards) { // merged; a ledger file could not be written
			out.warning, err = err, nil
		}
		if err == nil {
			out.deleted, out.left = privacy.RemoveExports(res.Exports)
		}
		return out, err
	}, func(out mergeOutcome, err error) {
		end()
		v.activity.Stop()
		v.back.Enable()
		if err != nil {
			v.merge.Enable()
			v.failed(err)
			return
		}
		v.shell.loadCounts()
		if v.shell.merge == v { // not gone elsewhere meanwhile
			v.shell.openCard(keep)
		}
		v.shell.sayAs(v.doneText(out))
	})
}

// failed says why the merge did not happen: the rules that refused it,
// each in words, or what went wrong.
func (v *mergeView) failed(err error) {
	bs := privacy.BlocksIn(err)
	if len(bs) == 0 {
		v.problem.show(lang.L("The cards were not merged."), err)
		return
	}
	why := make([]string, len(bs))
	for i, b := range bs {
		why[i] = v.blockText(b)
	}
	v.problem.show(lang.L("The cards were not merged.")+" "+strings.Join(why, " "), nil)
}

// doneText says what the merge did, and how it should look.
func (v *mergeView) doneText(out mergeOutcome) (string, widget.Importance) {
	m, code := out.res.Moved, v.shell.u.lang
	n := func(k int) string { return formatCount(code, k) }
	text := lang.L("Card {{.From}} merged into this card: bookings: {{.Bookings}}, payments: {{.Payments}}, invoices: {{.Invoices}}, consent records: {{.Consents}} and privacy requests: {{.Requests}} moved; card {{.From}} is forgotten.",
		map[string]any{"From": cardNumber(v.from), "Bookings": n(m.Bookings), "Payments": n(m.Payments), "Invoices": n(m.Invoices),
			"Consents": n(m.Consents), "Requests": n(m.Requests)})
	importance := widget.SuccessImportance
	if p := out.res.Proof; p.Found != 0 {
		text += " " + proofFault(p, false)
		importance = widget.DangerImportance
	}
	if out.left > 0 {
		text += " " + lang.L("{{.Left}} export files could not be deleted: delete them by hand.", map[string]any{"Left": strconv.Itoa(out.left)})
		importance = widget.WarningImportance
	}
	if out.warning != nil {
		text += " " + lang.L("The erasure is done, but the erasure record beside the backups could not be written; it is written with the next backup or erasure.")
		importance = widget.WarningImportance
	}
	return text, importance
}

// blockText says in words a rule that refuses the merge.
func (v *mergeView) blockText(b *privacy.BlockedError) string {
	switch {
	case errors.Is(b, privacy.ErrAlreadyAnonymized):
		return lang.L("Card {{.From}} has already been forgotten: nothing is left to merge.", v.numbers())
	case errors.Is(b, privacy.ErrKeepAnonymized):
		return lang.L("Card {{.Keep}} has been forgotten: keep a live card of the client.", v.numbers())
	case errors.Is(b, privacy.ErrRestricted):
		return lang.L("A restricted card (GDPR Art. 18) is merged only on a ground of Art. 18(2): choose it above.")
	}
	return errorMessage(b)
}

// mergeFieldName is a field of privacy.MergeFields in words.
func mergeFieldName(name string) string {
	switch name {
	case "first_name":
		return lang.L("First name")
	case "last_name":
		return lang.L("Last name")
	case "phone":
		return lang.L("Phone")
	case "email":
		return lang.L("Email")
	case "birth_date":
		return lang.L("Birth date")
	case "address":
		return lang.L("Address")
	case "language":
		return lang.L("Preferred language")
	case "notes":
		return lang.L("Notes")
	case "health_notes":
		return lang.L("Health notes")
	}
	return name
}

// mergeClient is in as a card, for mergeValue.
func mergeClient(in store.ClientInput) store.Client {
	return store.Client{FirstName: in.FirstName, LastName: in.LastName, Phone: in.Phone, Email: in.Email, BirthDate: in.BirthDate,
		Address: in.Address, Language: in.Language, Notes: in.Notes, HealthNotes: in.HealthNotes}
}

// mergeValue is the field named name of c.
func mergeValue(c store.Client, name string) string {
	switch name {
	case "first_name":
		return c.FirstName
	case "last_name":
		return c.LastName
	case "phone":
		return c.Phone
	case "email":
		return c.Email
	case "birth_date":
		return c.BirthDate
	case "address":
		return c.Address
	case "language":
		return c.Language
	case "notes":
		return c.Notes
	case "health_notes":
		return c.HealthNotes
	}
	return ""
}

// setMergeValue sets the field named name of in to value.
func setMergeValue(in *store.ClientInput, name, value string) {
	switch name {
	case "first_name":
		in.FirstName = value
	case "last_name":
		in.LastName = value
	case "phone":
		in.Phone = value
	case "email":
		in.Email = value
	case "birth_date":
		in.BirthDate = value
	case "address":
		in.Address = value
	case "language":
		in.Language = value
	case "notes":
		in.Notes = value
	case "health_notes":
		in.HealthNotes = value
	}
}

// openMerge shows the merge of card from into card keep.
func (s *shellScreen) openMerge(keep, from int64) {
	if missing := mergeMissing(s.u); len(missing) > 0 {
		s.warn(notAllowed(missing...))
		return
	}
	v := newMergeView(s, keep, from)
	s.showClientsView(v.content())
	s.merge = v
	s.u.win.Canvas().Focus(v.back)
}
