package ui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// clientForm is the form of a client's details, used to add a client and on
// the client card: a fieldForm of entries, with the language as a picker.
type clientForm struct {
	*fieldForm
	entries map[string]*textEntry
	lang    *widget.Select
}

// clientField is one entry of the client form and its message.
type clientField struct {
	entry *textEntry
	err   *widget.Label
}

// newClientForm makes an empty client form.
func newClientForm() *clientForm {
	f := &clientForm{fieldForm: newFieldForm(), entries: map[string]*textEntry{}}
	f.failed = lang.L("The client could not be saved.")
	add := func(name, label string, e *textEntry) {
		f.entries[name] = e
		f.add(name, label, e)
	}
	add("first_name", lang.L("First name"), newEntry())
	add("last_name", lang.L("Last name"), newEntry())
	add("phone", lang.L("Phone"), newEntry())
	add("email", lang.L("Email"), newEntry())
	birth := newEntry()
	birth.SetPlaceHolder(dateHint(currentLanguage()))
	add("birth_date", lang.L("Birth date"), birth)
	address := newMultiLineEntry()
	address.SetMinRowsVisible(2)
	address.Wrapping = fyne.TextWrapWord
	add("address", lang.L("Address"), address)

	names := []string{lang.L("Not set")}
	for _, l := range languages {
		names = append(names, l.Name)
	}
	f.lang = widget.NewSelect(names, nil)
	f.lang.SetSelectedIndex(0)
	f.add("language", lang.L("Preferred language"), f.lang)

	notes := newMultiLineEntry()
	notes.SetMinRowsVisible(3)
	notes.Wrapping = fyne.TextWrapWord
	add("notes", lang.L("Notes"), notes)
	f.markSaved()
	return f
}

// field returns the entry named name and its message.
func (f *clientForm) field(name string) *clientField {
	return &clientField{entry: f.entries[name], err: f.errLabel(name)}
}

// first is the widget that takes the keyboard when the form shows.
func (f *clientForm) first() fyne.Focusable { return f.entries["first_name"] }

// input is what the form holds, as the store takes it.
func (f *clientForm) input() store.ClientInput {
	v := func(name string) string { return strings.TrimSpace(f.field(name).entry.Text) }
	in := store.ClientInput{
		FirstName: v("first_name"),
		LastName:  v("last_name"),
		Phone:     v("phone"),
		Email:     v("email"),
		BirthDate: birthISO(v("birth_date"), time.Now()),
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
		"email": c.Email, "birth_date": birthText(c.BirthDate), "address": c.Address, "notes": c.Notes,
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
	f.markSaved()
}

// birthText shows a birth date (YYYY-MM-DD, as the store keeps it) the way
// dates are typed in the language in use: 17.05.1990, or 17/05/1990.
func birthText(iso string) string {
	t, err := time.ParseInLocation(time.DateOnly, iso, time.Local)
	if err != nil {
		return iso
	}
	return numericDate(currentLanguage(), t)
}

// birthISO reads a birth date typed as the calendar's days are (17.05.1990,
// 17/05/1990, 1990-05-17; 17.05.90 is 1990, not 2090) into the store's
// YYYY-MM-DD; what it cannot read goes to the store as typed, which refuses
// it with a message beside the field.
func birthISO(s string, now time.Time) string {
	t, ok := parseDay(s)
	if !ok {
		return s
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '/' || r == '-' })
	if len(parts[0]) != 4 && len(parts[2]) <= 2 && t.Year() > now.Year() {
		t = t.AddDate(-100, 0, 0) // a two-digit year: parseDay put it in this century
	}
	return t.Format(time.DateOnly)
}

// fieldMessage says in the language in use why the store refused a field.
func fieldMessage(err error) string {
	switch {
	case errors.Is(err, store.ErrNotPermitted):
		return errorMessage(err)
	case errors.Is(err, store.ErrRequired):
		return lang.L("This field is required.")
	case errors.Is(err, store.ErrTooLong):
		return lang.L("This is too long.")
	case errors.Is(err, store.ErrInvalidEmail):
		return lang.L("This is not a valid email address.")
	case errors.Is(err, store.ErrInvalidPhone):
		return lang.L("This is not a valid phone number.")
	case errors.Is(err, store.ErrNoSuchDate):
		return lang.L("There is no such day in the calendar.")
	case errors.Is(err, store.ErrInvalidDate):
		code := currentLanguage()
		return lang.L("Write the date as {{.Format}}, e.g. {{.Example}}.", map[string]any{
			"Format": dateHint(code), "Example": numericDate(code, time.Date(1990, 5, 17, 12, 0, 0, 0, time.Local))})
	case errors.Is(err, store.ErrDateOutOfRange):
		return lang.L("The date must lie between 1900 and today.")
	case errors.Is(err, store.ErrNoHealthConsent):
		return lang.L("Health notes need the client's health-data consent.")
	case errors.Is(err, store.ErrRestricted):
		return lang.L("Processing of this client's data is restricted (GDPR Art. 18): it needs a ground on record.")
	case errors.Is(err, store.ErrAnonymized):
		return lang.L("This client has been anonymized and cannot be changed.")
	case errors.Is(err, store.ErrCurrencyInUse):
		return lang.L("The currency cannot change once prices or payments are recorded.")
	default:
		return lang.L("This value cannot be saved.")
	}
}
