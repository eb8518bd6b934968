package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
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
}

// fieldForm is a form of labelled fields with a message beneath each, for
// clients, services, staff and the salon settings.
type fieldForm struct {
	fields  []*formField
	formErr *widget.Label // refusals that name no field of the form
	// failed words a refusal that is not about a field.
	failed func(err error) string
}

func newFieldForm() *fieldForm {
	return &fieldForm{formErr: errorText(), failed: func(err error) string {
		return lang.L("This could not be saved: {{.Error}}", map[string]any{"Error": err.Error()})
	}}
}

// add appends a field named name (as the store names it).
func (f *fieldForm) add(name, label string, input fyne.CanvasObject) {
	f.fields = append(f.fields, &formField{name: name, label: label, input: input, err: errorText()})
}

// content lays the form out: labels on the left, each message under its field.
func (f *fieldForm) content() fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout())
	for _, c := range f.fields {
		grid.Add(widget.NewLabel(c.label))
		grid.Add(container.NewVBox(c.input, c.err))
	}
	return container.NewVBox(grid, f.formErr)
}

// errLabel is the message label of the field named name, or the form's own.
func (f *fieldForm) errLabel(name string) *widget.Label {
	for _, c := range f.fields {
		if c.name == name {
			return c.err
		}
	}
	return f.formErr
}

// clearErrors hides every message.
func (f *fieldForm) clearErrors() {
	for _, c := range f.fields {
		setError(c.err, "")
	}
	setError(f.formErr, "")
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
	if !errors.As(err, &fe) {
		setError(f.formErr, f.failed(err))
		return
	}
	setError(f.errLabel(fe.Field), fieldMessage(fe.Err))
}
