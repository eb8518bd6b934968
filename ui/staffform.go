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
	name    *widget.Entry
	role    *widget.Select
	buttons *editButtons
	root    *fyne.Container
	scroll  fyne.CanvasObject
}

// openStaffForm shows the form for m; a zero m adds a staff member.
func (s *shellScreen) openStaffForm(m store.Staff) {
	v := &staffView{shell: s, member: m, form: newFieldForm()}
	v.name = widget.NewEntry()
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
	v.buttons = newEditButtons(v.form, s.openServices, v.onSave)
	title := lang.L("New staff member")
	if m.ID != 0 {
		title = lang.L("Edit staff member")
	}
	v.root = container.NewVBox(heading(title), v.form.content(), v.buttons.content())
	v.scroll = page(v.root)
	s.showServicesView(v.scroll)
	s.staffForm = v
	s.u.win.Canvas().Focus(v.name)
}

func (v *staffView) onSave() {
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
		if v.shell.staffForm == v {
			v.shell.openServices()
		}
	})
}
