package ui

import (
	"maps"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	kwidget "kartoteka/ui/widget"
)

// formValues are what the fields of a form hold, by field name (with "#2"
// and so on for a field's later inputs): text as typed, a choice by its
// position, so that a draft reads back in any language.
type formValues map[string]string

// inputsOf lists the inputs inside o, in order: text fields, pickers, check
// boxes and radio groups; labels and buttons are not inputs.
func inputsOf(o fyne.CanvasObject) []fyne.CanvasObject {
	switch o := o.(type) {
	case *textEntry, *choiceEntry, *widget.Entry, *widget.Select, *widget.Check, *kwidget.RadioGroup:
		return []fyne.CanvasObject{o}
	case *fyne.Container:
		var out []fyne.CanvasObject
		for _, c := range o.Objects {
			out = append(out, inputsOf(c)...)
		}
		return out
	}
	return nil
}

// valueOf is what input o holds.
func valueOf(o fyne.CanvasObject) string {
	switch o := o.(type) {
	case *textEntry:
		return o.Text
	case *choiceEntry:
		return o.Text
	case *widget.Entry:
		return o.Text
	case *widget.Select:
		return strconv.Itoa(o.SelectedIndex())
	case *widget.Check:
		return strconv.FormatBool(o.Checked)
	case *kwidget.RadioGroup:
		for i, opt := range o.Options {
			if opt == o.Selected {
				return strconv.Itoa(i)
			}
		}
		return "-1"
	}
	return ""
}

// setValueOf puts v back into input o.
func setValueOf(o fyne.CanvasObject, v string) {
	switch o := o.(type) {
	case *textEntry:
		o.SetText(v)
	case *choiceEntry:
		o.SetText(v)
	case *widget.Entry:
		o.SetText(v)
	case *widget.Select:
		if i, err := strconv.Atoi(v); err == nil && i >= 0 && i < len(o.Options) {
			o.SetSelectedIndex(i)
		}
	case *widget.Check:
		o.SetChecked(v == "true")
	case *kwidget.RadioGroup:
		if i, err := strconv.Atoi(v); err == nil && i >= 0 && i < len(o.Options) {
			o.SetSelected(o.Options[i])
		}
	}
}

// values is what the form's fields hold.
func (f *fieldForm) values() formValues {
	out := formValues{}
	for _, c := range f.fields {
		if c.secret {
			continue
		}
		for i, in := range inputsOf(c.input) {
			out[valueKey(c.name, i)] = valueOf(in)
		}
	}
	return out
}

// setValues puts v back into the fields; names it lacks stay as they are.
func (f *fieldForm) setValues(v formValues) {
	for _, c := range f.fields {
		if c.secret {
			continue
		}
		for i, in := range inputsOf(c.input) {
			if s, ok := v[valueKey(c.name, i)]; ok {
				setValueOf(in, s)
			}
		}
	}
}

func valueKey(name string, i int) string {
	if i == 0 {
		return name
	}
	return name + "#" + strconv.Itoa(i+1)
}

// markSaved takes what the fields hold now as saved.
func (f *fieldForm) markSaved() { f.saved = f.values() }

// changed reports whether the fields differ from what was marked saved.
func (f *fieldForm) changed() bool { return !maps.Equal(f.values(), f.saved) }
