package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// editButtons are the Cancel and Save buttons under a form, with a spinner
// that turns while the store saves.
type editButtons struct {
	form     *fieldForm
	cancel   *widget.Button
	save     *widget.Button
	activity *widget.Activity
}

func newEditButtons(form *fieldForm, onCancel, onSave func()) *editButtons {
	b := &editButtons{form: form}
	b.cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), onCancel)
	b.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), onSave)
	b.save.Importance = widget.HighImportance
	b.activity = widget.NewActivity()
	b.activity.Hide()
	return b
}

func (b *editButtons) content() fyne.CanvasObject {
	return container.NewBorder(nil, nil, b.cancel, container.NewHBox(b.activity, b.save))
}

// setWorking disables the form while the store saves it.
func (b *editButtons) setWorking(on bool) {
	b.form.setEnabled(!on)
	if on {
		b.save.Disable()
		b.cancel.Disable()
		b.activity.Show()
		b.activity.Start()
		return
	}
	b.save.Enable()
	b.cancel.Enable()
	b.activity.Stop()
	b.activity.Hide()
}

// serviceView adds a service, or edits one, in the services section.
type serviceView struct {
	shell    *shellScreen
	service  store.Service // ID zero for a new service
	form     *fieldForm
	name     *textEntry
	category *textEntry
	minutes  *textEntry
	price    *textEntry
	buttons  *editButtons
	root     *fyne.Container
	scroll   fyne.CanvasObject
}

// openServiceForm shows the form for s; a zero s adds a service.
func (s *shellScreen) openServiceForm(svc store.Service) {
	if !s.u.may(store.PermServices) {
		s.warn(notAllowed(store.PermServices))
		return
	}
	v := &serviceView{shell: s, service: svc, form: newFieldForm()}
	v.name, v.category, v.minutes, v.price = newEntry(), newEntry(), newEntry(), newEntry()
	v.minutes.SetPlaceHolder("45")
	v.price.SetPlaceHolder(plainAmount(s.u.lang, 12000))
	if svc.ID != 0 {
		v.name.SetText(svc.Name)
		v.category.SetText(svc.Category)
		v.minutes.SetText(strconv.Itoa(svc.Minutes))
		v.price.SetText(store.FormatAmount(svc.Price.Minor))
	}
	v.form.add("name", lang.L("Service name"), v.name)
	v.form.add("category", lang.L("Category"), v.category)
	v.form.add("minutes", lang.L("Duration (minutes)"), v.minutes)
	v.form.add("price", lang.L("Price ({{.Currency}})", map[string]any{"Currency": s.u.salon.Currency}), v.price)
	v.buttons = newEditButtons(v.form, s.asking(s.openServices), v.onSave)
	title := lang.L("New service")
	if svc.ID != 0 {
		title = lang.L("Edit service")
	}
	v.root = container.NewVBox(heading(title), v.form.content(), v.buttons.content())
	v.scroll = page(v.root)
	s.showServicesView(v.scroll)
	s.serviceForm = v
	v.form.markSaved()
	submitWith(v.onSave, v.name, v.category, v.minutes, v.price)
	s.u.win.Canvas().Focus(v.name)
}

// unsaved is part of editor.
func (v *serviceView) unsaved() bool { return v.form.changed() }

// draftKey is part of drafter.
func (v *serviceView) draftKey() (string, int64) { return "service:" + itoa(v.service.ID), 0 }

// draftData is part of drafter.
func (v *serviceView) draftData() draftData { return draftData{Values: v.form.values()} }

// subject is part of editor.
func (v *serviceView) subject() string {
	if v.service.ID == 0 {
		return lang.L("the new service")
	}
	return lang.L("the service {{.Name}}", map[string]any{"Name": v.service.Name})
}

func (v *serviceView) onSave() { v.saveThen(nil) }

// saveThen is part of editor: it saves, then shows the price list, or runs
// next when given.
func (v *serviceView) saveThen(next func()) {
	v.form.clearErrors()
	svc := v.service
	svc.Name = strings.TrimSpace(v.name.Text)
	svc.Category = strings.TrimSpace(v.category.Text)
	svc.Price.Currency = "" // the salon's
	ok := true
	if m, err := strconv.Atoi(strings.TrimSpace(v.minutes.Text)); err != nil || m <= 0 || m > 12*60 {
		setError(v.form.errLabel("minutes"), lang.L("Write the duration in whole minutes, from 1 to 720."))
		ok = false
	} else {
		svc.Minutes = m
	}
	if p, err := store.ParseAmount(v.price.Text); err != nil || p < 0 {
		setError(v.form.errLabel("price"), lang.L("Write the price as a number, e.g. 120 or 120.50."))
		ok = false
	} else {
		svc.Price.Minor = p
	}
	if !ok {
		v.relayout()
		return
	}
	if svc.ID == 0 {
		svc.Active = true
	}
	v.buttons.setWorking(true)
	end := v.shell.begin(lang.L("Saving…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (struct{}, error) {
		if svc.ID == 0 {
			_, err := db.CreateService(ctx, svc)
			return struct{}{}, err
		}
		return struct{}{}, db.UpdateService(ctx, svc)
	}, func(_ struct{}, err error) {
		end()
		v.buttons.setWorking(false)
		if err != nil {
			v.form.showError(err)
			v.relayout()
			return
		}
		v.form.markSaved()
		switch {
		case next != nil:
			next()
		case v.shell.serviceForm == v:
			v.shell.openServices()
			v.shell.say(lang.L("Saved: {{.Name}}.", map[string]any{"Name": svc.Name}))
		}
	})
}

// relayout lays the form out again around its messages.
func (v *serviceView) relayout() {
	v.root.Refresh()
	v.scroll.Refresh()
}
