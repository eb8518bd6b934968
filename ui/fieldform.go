package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// formField is one field of a fieldForm: the store's name for it, its label,
// its widget and the message shown beneath it when the store refuses it.
type formField struct {
	name  string // as in store.FieldError.Field
	label string
	input fyne.CanvasObject
	err   *widget.Label
	// row is the field's label and cell once laid out; hidden hides them.
	row    [2]fyne.CanvasObject
	hidden bool
	// secret fields (a PIN) are left out of values: never in a draft.
	secret bool
}

// fieldForm is a form of labelled fields with a message beneath each, for
// clients, services, staff and the salon settings.
type fieldForm struct {
	fields  []*formField
	formErr *problemBox // refusals that name no field of the form
	// failed says what failed when a refusal is not about a field.
	failed string
	saved  formValues // what the fields held when last saved or filled
}

func newFieldForm() *fieldForm {
	return &fieldForm{formErr: newProblemBox(), failed: lang.L("This could not be saved.")}
}

// add appends a field named name (as the store names it).
func (f *fieldForm) add(name, label string, input fyne.CanvasObject) {
	f.fields = append(f.fields, &formField{name: name, label: label, input: input, err: errorText()})
}

// addSecret appends a field whose input values leaves out, as a PIN must
// never be kept in a draft.
func (f *fieldForm) addSecret(name, label string, input fyne.CanvasObject) {
	f.add(name, label, input)
	f.fields[len(f.fields)-1].secret = true
}

// content lays the form out: labels on the left (wrapping when long),
// each message under its field.
func (f *fieldForm) content() fyne.CanvasObject {
	grid := container.New(formLayout{})
	for _, c := range f.fields {
		c.row = [2]fyne.CanvasObject{formLabel(c.label), container.NewVBox(c.input, c.err)}
		grid.Add(c.row[0])
		grid.Add(c.row[1])
		c.show(!c.hidden)
	}
	return container.NewVBox(grid, f.formErr)
}

// show shows or hides the field named name, its label with it, as a
// field that does not apply (the Land of a salon outside Germany).
func (f *fieldForm) show(name string, on bool) {
	for _, c := range f.fields {
		if c.name == name {
			c.hidden = !on
			c.show(on)
		}
	}
}

func (c *formField) show(on bool) {
	for _, o := range c.row {
		if o == nil {
			continue
		}
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
}

// errLabel is the message label of the field named name.
func (f *fieldForm) errLabel(name string) *widget.Label {
	for _, c := range f.fields {
		if c.name == name {
			return c.err
		}
	}
	panic("ui: the form has no field " + name)
}

// has reports whether the form has a field named name.
func (f *fieldForm) has(name string) bool {
	for _, c := range f.fields {
		if c.name == name {
			return true
		}
	}
	return false
}

// clearErrors hides every message.
func (f *fieldForm) clearErrors() {
	for _, c := range f.fields {
		setError(c.err, "")
	}
	f.formErr.clear()
}

// setEnabled enables or disables every field.
func (f *fieldForm) setEnabled(on bool) {
	for _, c := range f.fields {
		if w, ok := c.input.(fyne.Disableable); ok {
			if on {
				w.Enable()
			} else {
				w.Disable()
			}
		}
	}
}

// showError puts the store's refusal beside the field it names, or under the
// form when it names none of the form's fields.
func (f *fieldForm) showError(err error) {
	var fe *store.FieldError
	if !errors.As(err, &fe) || !f.has(fe.Field) {
		f.formErr.show(f.failed, err)
		return
	}
	setError(f.errLabel(fe.Field), fieldMessage(fe.Err))
}
