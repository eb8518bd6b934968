package ui

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// staffView adds a staff member, or edits one, in the services section.
type staffView struct {
	shell   *shellScreen
	member  store.Staff // ID zero for a new member
	form    *fieldForm
	name    *textEntry
	role    *widget.Select
	buttons *editButtons
	root    *fyne.Container
	scroll  fyne.CanvasObject
}

// openStaffForm shows the form for m; a zero m adds a staff member.
func (s *shellScreen) openStaffForm(m store.Staff) {
	v := &staffView{shell: s, member: m, form: newFieldForm()}
	v.name = newEntry()
	v.name.SetText(m.Name)
	names := make([]string, len(store.Roles))
	for i, r := range store.Roles {
		names[i] = roleName(r)
	}
	v.role = widget.NewSelect(names, nil)
	role := m.Role
	if role == "" {
		role = "stylist"
	}
	v.role.SetSelectedIndex(max(slices.Index(store.Roles, role), 0))
	v.form.add("name", lang.L("Name"), v.name)
	v.form.add("role", lang.L("Role"), v.role)
	v.buttons = newEditButtons(v.form, s.asking(s.openServices), v.onSave)
	title := lang.L("New staff member")
	if m.ID != 0 {
		title = lang.L("Edit staff member")
	}
	v.root = container.NewVBox(heading(title), v.form.content(), v.buttons.content())
	v.scroll = page(v.root)
	s.showServicesView(v.scroll)
	s.staffForm = v
	v.form.markSaved()
	submitWith(v.onSave, v.name)
	s.u.win.Canvas().Focus(v.name)
}

// unsaved is part of editor.
func (v *staffView) unsaved() bool { return v.form.changed() }

// draftKey is part of drafter.
func (v *staffView) draftKey() (string, int64) { return "staff:" + itoa(v.member.ID), 0 }

// draftData is part of drafter.
func (v *staffView) draftData() draftData { return draftData{Values: v.form.values()} }

// subject is part of editor.
func (v *staffView) subject() string {
	if v.member.ID == 0 {
		return lang.L("the new staff member")
	}
	return lang.L("the details of {{.Name}}", map[string]any{"Name": v.member.Name})
}

func (v *staffView) onSave() { v.saveThen(nil) }

// saveThen is part of editor: it saves, then shows the team, or runs next
// when given.
func (v *staffView) saveThen(next func()) {
	v.form.clearErrors()
	m := v.member
	m.Name = strings.TrimSpace(v.name.Text)
	m.Role = store.Roles[max(v.role.SelectedIndex(), 0)]
	if m.ID == 0 {
		m.Active = true
	}
	v.buttons.setWorking(true)
	end := v.shell.begin(lang.L("Saving…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (struct{}, error) {
		if m.ID == 0 {
			_, err := db.CreateStaff(ctx, m)
			return struct{}{}, err
		}
		return struct{}{}, db.UpdateStaff(ctx, m)
	}, func(_ struct{}, err error) {
		end()
		v.buttons.setWorking(false)
		if err != nil {
			v.form.showError(err)
			v.root.Refresh()
			v.scroll.Refresh()
			return
		}
		v.form.markSaved()
		switch {
		case next != nil:
			next()
		case v.shell.staffForm == v:
			v.shell.openServices()
			v.shell.say(lang.L("Saved: {{.Name}}.", map[string]any{"Name": m.Name}))
		}
	})
}
