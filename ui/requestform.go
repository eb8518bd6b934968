package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
	kwidget "kartoteka/ui/widget"
)

// requestForm records a privacy request: its kind, the day it reached the
// salon (today unless changed), how, whether identity is checked, and who
// asked — a client, chosen as the booking form chooses one, or someone who
// is not a client, with the name and contact needed to answer them. It
// shows the day the answer is due as the received day is typed.
type requestForm struct {
	view *requestsView

	form     *fieldForm // kind, received, channel, identity, who
	other    *fieldForm // name and contact of someone who is not a client
	kind     *widget.Select
	received *textEntry
	channel  *widget.Select
	identity *widget.Select
	who      *kwidget.RadioGroup
	picker   *clientPicker
	name     *textEntry
	contact  *textEntry
	due      *widget.Label
	cancel   *widget.Button
	save     *widget.Button
	activity *widget.Activity
	otherBox fyne.CanvasObject
	start    string        // the day received as first filled in
	preset   *store.Client // the client given when the form opened
}

func newRequestForm(v *requestsView, c *store.Client) *requestForm {
	f := &requestForm{view: v, form: newFieldForm(), other: newFieldForm()}
	u := v.shell.u
	var kinds, channels []string
	for _, k := range store.RequestKinds {
		kinds = append(kinds, requestKindName(k))
	}
	for _, ch := range store.RequestChannels {
		channels = append(channels, requestChannelName(ch))
	}
	checks := []string{identityCheckName("")}
	for _, ch := range store.IdentityChecks {
		checks = append(checks, identityCheckName(ch))
	}
	f.kind = widget.NewSelect(kinds, nil)
	f.kind.PlaceHolder = lang.L("Choose what they ask for")
	f.received = newEntry()
	f.received.SetPlaceHolder(dateHint(u.lang))
	f.received.SetText(numericDate(u.lang, u.now()))
	f.received.OnChanged = func(string) { f.showDue() }
	f.channel = widget.NewSelect(channels, nil)
	f.channel.SetSelectedIndex(0)
	f.identity = widget.NewSelect(checks, nil)
	f.identity.SetSelectedIndex(0)
	f.picker = newClientPicker(u, c, false)
	f.name, f.contact = newEntry(), newEntry()
	f.contact.SetPlaceHolder(lang.L("Phone, email or address, to answer them"))
	f.other.add("name", lang.L("Name"), f.name)
	f.other.add("contact", lang.L("Contact"), f.contact)
	f.otherBox = f.other.content()
	f.who = kwidget.NewRadioGroup([]string{lang.L("A client of the salon"), lang.L("Someone who is not a client")}, func(string) { f.showWho() })
	f.who.Required = true
	f.who.SetSelected(f.who.Options[0])
	f.due = paragraph("")
	f.form.add("kind", lang.L("Request"), f.kind)
	f.form.add("received", lang.L("Received on"), container.NewVBox(f.received, f.due))
	f.form.add("channel", lang.L("Received how"), f.channel)
	f.form.add("identity_check", lang.L("Identity checked"), f.identity)
	f.form.add("client", lang.L("Who asks"), container.NewVBox(f.who, f.picker.content(), f.otherBox))
	f.cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), v.shell.asking(v.showList))
	f.save = widget.NewButtonWithIcon(lang.L("Record the request"), theme.DocumentSaveIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	f.activity = widget.NewActivity()
	f.activity.Hide()
	submitWith(f.onSave, f.received, f.name, f.contact)
	f.showWho()
	f.showDue()
	f.other.markSaved()
	f.start, f.preset = f.received.Text, f.picker.chosen
	return f
}

func (f *requestForm) content() fyne.CanvasObject {
	return widePage(container.NewVBox(
		heading(lang.L("New privacy request")),
		f.form.content(),
		container.NewBorder(nil, nil, f.cancel, container.NewHBox(f.activity, f.save)),
	))
}

// showWho shows the client picker, or the name and contact of someone who
// is not a client.
func (f *requestForm) showWho() {
	if f.who.Selected == f.who.Options[1] {
		f.picker.content().Hide()
		f.otherBox.Show()
	} else {
		f.picker.content().Show()
		f.otherBox.Hide()
	}
}

// showDue says the day the answer is due, worked out from the day typed.
func (f *requestForm) showDue() {
	code := f.view.shell.u.lang
	day, ok := parseDay(f.received.Text)
	if !ok {
		f.due.SetText(fieldMessage(dayProblem(f.received.Text)))
		f.due.Importance = widget.LowImportance
		return
	}
	f.due.Importance = widget.MediumImportance
	f.due.SetText(lang.L("The answer is due by {{.Date}}: one month after the request reached the salon (GDPR Art. 12(3)).",
		map[string]any{"Date": formatDate(code, privacy.RequestDue(day))}))
}

// unsaved is part of editor.
func (f *requestForm) unsaved() bool {
	return f.kind.SelectedIndex() >= 0 || f.received.Text != f.start || f.channel.SelectedIndex() != 0 ||
		f.identity.SelectedIndex() != 0 || f.other.changed() || f.picker.chosen != f.preset
}

// subject is part of editor.
func (f *requestForm) subject() string { return lang.L("the new privacy request") }

// draftKey is part of drafter: forgetting the client chosen deletes the
// draft with their other data.
func (f *requestForm) draftKey() (string, int64) { return "request:new", f.clientID() }

// draftData is part of drafter: the fields, the non-client's name and
// contact among them, and the client chosen.
func (f *requestForm) draftData() draftData {
	return draftData{Values: f.form.values(), Client: f.clientID()}
}

// clientID is the client chosen, 0 for none.
func (f *requestForm) clientID() int64 {
	if f.picker.chosen == nil {
		return 0
	}
	return f.picker.chosen.ID
}

// restore puts a draft kept by a lock into the form, opened for the client
// the draft chose: it counts as unsaved, the client too.
func (f *requestForm) restore(d draftData) {
	f.form.setValues(d.Values)
	f.preset = nil
	f.start = ""
	f.showWho()
	f.showDue()
	f.view.shell.restored(f)
}

func (f *requestForm) onSave() { f.saveThen(nil) }

// input is the request in the form; ok is false when it says what is
// missing beside a field.
func (f *requestForm) input() (store.RequestInput, bool) {
	f.form.clearErrors()
	f.other.clearErrors()
	in := store.RequestInput{Channel: store.RequestChannels[max(f.channel.SelectedIndex(), 0)]}
	ok := true
	if i := f.kind.SelectedIndex(); i >= 0 {
		in.Kind = store.RequestKinds[i]
	} else {
		setError(f.form.errLabel("kind"), lang.L("Choose what the person asks for."))
		ok = false
	}
	if i := f.identity.SelectedIndex(); i > 0 {
		in.IdentityCheck = store.IdentityChecks[i-1]
	}
	day, read := parseDay(f.received.Text)
	if !read {
		setError(f.form.errLabel("received"), fieldMessage(dayProblem(f.received.Text)))
		ok = false
	}
	in.Received = day
	switch {
	case f.who.Selected == f.who.Options[1]:
		in.RequesterName, in.RequesterContact = strings.TrimSpace(f.name.Text), strings.TrimSpace(f.contact.Text)
	case f.picker.chosen != nil:
		in.ClientID = f.picker.chosen.ID
	default:
		setError(f.form.errLabel("client"), lang.L("Choose the client, or say that they are not a client."))
		ok = false
	}
	return in, ok
}

// saveThen is part of editor: it records the request, then shows it.
func (f *requestForm) saveThen(next func()) {
	in, ok := f.input()
	if !ok {
		return
	}
	v, now := f.view, f.view.shell.u.now()
	working(f.activity, true, f.save, f.cancel)
	end := v.shell.begin(lang.L("Saving…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (store.PrivacyRequest, error) {
		id, err := privacy.AddRequest(ctx, db, in, now)
		if err != nil {
			return store.PrivacyRequest{}, err
		}
		return db.Request(ctx, id)
	}, func(r store.PrivacyRequest, err error) {
		end()
		working(f.activity, false, f.save, f.cancel)
		if err != nil {
			f.showError(err, now)
			return
		}
		v.form = nil
		v.shell.say(lang.L("The request is recorded. The answer is due by {{.Date}}.", map[string]any{"Date": formatDate(v.shell.u.lang, r.Due)}))
		v.shell.loadRequestsDue()
		if next != nil {
			next()
			return
		}
		v.open(r.ID)
	})
}

// showError puts the store's refusal beside the field it names.
func (f *requestForm) showError(err error, now time.Time) {
	var fe *store.FieldError
	switch {
	case errors.As(err, &fe) && fe.Field == "received" && errors.Is(err, store.ErrDateOutOfRange):
		setError(f.form.errLabel("received"), lang.L("The day received cannot be later than today ({{.Date}}).",
			map[string]any{"Date": formatDate(f.view.shell.u.lang, now)}))
	case errors.As(err, &fe) && f.other.has(fe.Field):
		f.other.showError(err)
	default:
		f.form.showError(err)
	}
}
