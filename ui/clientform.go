package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// clientField is one field of the client form: its store name, its entry and
// the message shown beside it when the store refuses it.
type clientField struct {
	name  string // the store's field name, as in store.FieldError.Field
	label string
	entry *widget.Entry
	err   *widget.Label
}

// clientForm is the form of a client's details, used to add a client and on
// the client card. The language is a picker; the rest are entries.
type clientForm struct {
	fields  []*clientField
	lang    *widget.Select
	langErr *widget.Label
	formErr *widget.Label // refusals that name no field of the form
}

// newClientForm makes an empty client form.
func newClientForm() *clientForm {
	f := &clientForm{}
	add := func(name, label string, e *widget.Entry) {
		f.fields = append(f.fields, &clientField{name: name, label: label, entry: e, err: errorText()})
	}
	add("first_name", lang.L("First name"), widget.NewEntry())
	add("last_name", lang.L("Last name"), widget.NewEntry())
	add("phone", lang.L("Phone"), widget.NewEntry())
	add("email", lang.L("Email"), widget.NewEntry())
	birth := widget.NewEntry()
	birth.SetPlaceHolder(lang.L("YYYY-MM-DD"))
	add("birth_date", lang.L("Birth date"), birth)
	address := widget.NewMultiLineEntry()
	address.SetMinRowsVisible(2)
	address.Wrapping = fyne.TextWrapWord
	add("address", lang.L("Address"), address)
	notes := widget.NewMultiLineEntry()
	notes.SetMinRowsVisible(3)
	notes.Wrapping = fyne.TextWrapWord
	add("notes", lang.L("Notes"), notes)

	names := []string{lang.L("Not set")}
	for _, l := range languages {
		names = append(names, l.Name)
	}
	f.lang = widget.NewSelect(names, nil)
	f.lang.SetSelectedIndex(0)
	f.langErr = errorText()
	f.formErr = errorText()
	return f
}

// field returns the field named name.
func (f *clientForm) field(name string) *clientField {
	for _, c := range f.fields {
		if c.name == name {
			return c
		}
	}
	return nil
}

// content lays the form out: labels on the left, each message under its field.
func (f *clientForm) content() fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout())
	for _, c := range f.fields {
		if c.name == "notes" {
			grid.Add(widget.NewLabel(lang.L("Preferred language")))
			grid.Add(container.NewVBox(f.lang, f.langErr))
		}
		grid.Add(widget.NewLabel(c.label))
		grid.Add(container.NewVBox(c.entry, c.err))
	}
	return container.NewVBox(grid, f.formErr)
}

// first is the widget that takes the keyboard when the form shows.
func (f *clientForm) first() fyne.Focusable { return f.fields[0].entry }

// input is what the form holds, as the store takes it.
func (f *clientForm) input() store.ClientInput {
	v := func(name string) string { return strings.TrimSpace(f.field(name).entry.Text) }
	in := store.ClientInput{
		FirstName: v("first_name"),
		LastName:  v("last_name"),
		Phone:     v("phone"),
		Email:     v("email"),
		BirthDate: v("birth_date"),
		Address:   v("address"),
		Notes:     v("notes"),
	}
	if i := f.lang.SelectedIndex(); i > 0 {
		in.Language = languages[i-1].Code
	}
	return in
}

// set fills the form with c's details, the phone formatted for country.
func (f *clientForm) set(c store.Client, country string) {
	for name, v := range map[string]string{
		"first_name": c.FirstName, "last_name": c.LastName, "phone": formatPhone(c.Phone, country),
		"email": c.Email, "birth_date": c.BirthDate, "address": c.Address, "notes": c.Notes,
	} {
		f.field(name).entry.SetText(v)
	}
	f.lang.SetSelectedIndex(0)
	for i, l := range languages {
		if l.Code == c.Language {
			f.lang.SetSelectedIndex(i + 1)
		}
	}
	f.clearErrors()
}

// clearErrors hides every message.
func (f *clientForm) clearErrors() {
	for _, c := range f.fields {
		setError(c.err, "")
	}
	setError(f.langErr, "")
	setError(f.formErr, "")
}

// setEnabled enables or disables every field.
func (f *clientForm) setEnabled(on bool) {
	ws := []fyne.Disableable{f.lang}
	for _, c := range f.fields {
		ws = append(ws, c.entry)
	}
	for _, w := range ws {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

// showError puts the store's refusal beside the field it names, or under the
// form when it names none of the form's fields.
func (f *clientForm) showError(err error) {
	var fe *store.FieldError
	if !errors.As(err, &fe) {
		setError(f.formErr, lang.L("The client could not be saved: {{.Error}}", map[string]any{"Error": err.Error()}))
		return
	}
	msg := fieldMessage(fe.Err)
	switch c := f.field(fe.Field); {
	case c != nil:
		setError(c.err, msg)
	case fe.Field == "language":
		setError(f.langErr, msg)
	default:
		setError(f.formErr, msg)
	}
}

// fieldMessage says in the language in use why the store refused a field.
func fieldMessage(err error) string {
	switch {
	case errors.Is(err, store.ErrRequired):
		return lang.L("This field is required.")
	case errors.Is(err, store.ErrTooLong):
		return lang.L("This is too long.")
	case errors.Is(err, store.ErrInvalidEmail):
		return lang.L("This is not a valid email address.")
	case errors.Is(err, store.ErrInvalidPhone):
		return lang.L("This is not a valid phone number.")
	case errors.Is(err, store.ErrInvalidDate):
		return lang.L("Write the date as YYYY-MM-DD, e.g. 1990-05-17.")
	case errors.Is(err, store.ErrDateOutOfRange):
		return lang.L("The date must lie between 1900 and today.")
	case errors.Is(err, store.ErrNoHealthConsent):
		return lang.L("Health notes need the client's health-data consent.")
	case errors.Is(err, store.ErrAnonymized):
		return lang.L("This client has been anonymized and cannot be changed.")
	case errors.Is(err, store.ErrCurrencyInUse):
		return lang.L("The currency cannot change once prices or payments are recorded.")
	default:
		return lang.L("This value cannot be saved.")
	}
}
