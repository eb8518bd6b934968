package ui

import (
	"context"
	"errors"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// staffView adds a staff member, or edits one, in the services section:
// name, role and whether they work here; their PIN (typed twice, set with
// Save, removed with its own button), and what they may do — their role's
// defaults, which the owner may adjust for them. Only someone who may
// manage staff sees it. The PIN never goes into a draft.
type staffView struct {
	shell    *shellScreen
	member   store.Staff // ID zero for a new member
	form     *fieldForm
	name     *textEntry
	role     *widget.Select
	active   *widget.Check
	leaving  *widget.Label // what deactivating does, while unticked
	hasPIN   *widget.Label
	pin      *textEntry
	again    *textEntry
	pinErr   *widget.Label
	clearPIN *widget.Button
	perms    map[store.Permission]*widget.Check
	permNote *widget.Label
	defaults *widget.Button
	buttons  *editButtons
	root     *fyne.Container
	scroll   fyne.CanvasObject
	asked    *question // the last question asked, for tests

	lastRole string // the role the checks last followed
}

// openStaffForm shows the form for m; a zero m adds a staff member.
func (s *shellScreen) openStaffForm(m store.Staff) {
	if !s.u.may(store.PermStaff) {
		s.warn(notAllowed(store.PermStaff))
		return
	}
	v := &staffView{shell: s, member: m, form: newFieldForm(), perms: map[store.Permission]*widget.Check{}}
	v.name = newEntry()
	v.name.SetText(m.Name)
	names := make([]string, len(store.Roles))
	for i, r := range store.Roles {
		names[i] = roleName(r)
	}
	v.role = widget.NewSelect(names, func(string) { v.onRole() })
	role := m.Role
	if role == "" {
		role = "stylist"
	}
	v.lastRole = role
	v.active = widget.NewCheck(lang.L("Works here (active)"), func(bool) { v.onActive() })
	v.active.Checked = m.ID == 0 || m.Active
	v.leaving = paragraph("")
	v.leaving.Importance = widget.WarningImportance
	v.leaving.Hide()
	checks := container.NewVBox()
	for _, p := range store.Permissions {
		c := widget.NewCheck(permissionName(p), func(bool) { v.showPermNote() })
		v.perms[p] = c
		checks.Add(c)
	}
	v.setChecks(m.Permissions)
	if m.ID == 0 {
		v.setChecks(store.RolePermissions[role])
	}
	v.permNote = paragraph("")
	v.permNote.Importance = widget.LowImportance
	v.defaults = widget.NewButtonWithIcon(lang.L("Back to the role's defaults"), theme.HistoryIcon(), v.onDefaults)
	v.role.SetSelectedIndex(max(slices.Index(store.Roles, role), 0))
	v.form.add("name", lang.L("Name"), v.name)
	v.form.add("role", lang.L("Role"), v.role)
	if m.ID != 0 {
		v.form.add("active", "", container.NewVBox(v.active, v.leaving))
	}
	v.hasPIN = paragraph("")
	v.pin, v.again = pinEntry(), pinEntry()
	v.pin.SetPlaceHolder(lang.L("New PIN, 4 to 8 digits"))
	v.again.SetPlaceHolder(lang.L("The new PIN again"))
	v.pinErr = errorText()
	v.clearPIN = widget.NewButtonWithIcon(lang.L("Remove the PIN…"), theme.DeleteIcon(), v.onClearPIN)
	v.showPIN()
	v.form.addSecret("pin", lang.L("PIN"), container.NewVBox(v.hasPIN, v.pin, v.again, v.pinErr, container.NewHBox(v.clearPIN)))
	v.form.add("permissions", lang.L("Permissions"), container.NewVBox(v.permNote, checks, container.NewHBox(v.defaults)))

	v.buttons = newEditButtons(v.form, s.asking(s.openServices), v.onSave)
	title := lang.L("New staff member")
	if m.ID != 0 {
		title = lang.L("Edit staff member")
	}
	v.root = container.NewVBox(heading(title), v.form.content(), pinNote(), v.buttons.content())
	v.scroll = widePage(v.root)
	s.showServicesView(v.scroll)
	s.staffForm = v
	v.form.markSaved()
	v.showPermNote()
	submitWith(v.onSave, v.name, v.pin, v.again)
	s.u.win.Canvas().Focus(v.name)
}

// pinEntry is a masked field that keeps digits only, eight at most.
// Unlike a passphrase field it has no eye to show what was typed: a PIN
// is typed in front of colleagues. (Fyne gives a Password field without
// an action item its eye; an empty one takes that place.)
func pinEntry() *textEntry {
	e := newEntry()
	e.Password = true
	e.ActionItem = canvas.NewRectangle(color.Transparent)
	e.OnChanged = func(text string) {
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, text)
		if len(digits) > 8 {
			digits = digits[:8]
		}
		if digits != text {
			e.SetText(digits)
			e.CursorColumn = len(digits)
		}
	}
	return e
}

// showPIN says whether the member has a PIN, and offers to remove it.
func (v *staffView) showPIN() {
	switch {
	case !v.member.HasPIN:
		v.hasPIN.SetText(lang.L("No PIN yet. Type one twice to give it; Save sets it."))
		v.clearPIN.Hide()
	default:
		v.hasPIN.SetText(lang.L("Has a PIN. Type a new one twice to change it; Save sets it."))
		v.clearPIN.Show()
	}
}

// onRole makes the checks follow the new role, unless they were adjusted.
func (v *staffView) onRole() {
	role := v.chosenRole()
	if v.checked().equal(store.RolePermissions[v.lastRole]) {
		v.setChecks(store.RolePermissions[role])
	}
	v.lastRole = role
	v.showPermNote()
}

// onActive says what unticking Active does.
func (v *staffView) onActive() {
	if v.member.ID != 0 && v.member.Active && !v.active.Checked {
		v.leaving.SetText(deactivateText(v.member))
		v.leaving.Show()
	} else {
		v.leaving.Hide()
	}
	v.relayout()
}

// onDefaults puts back the role's defaults.
func (v *staffView) onDefaults() {
	v.setChecks(store.RolePermissions[v.chosenRole()])
	v.showPermNote()
}

// showPermNote says whether the checks are the role's defaults.
func (v *staffView) showPermNote() {
	if v.permNote == nil {
		return
	}
	if v.checked().equal(store.RolePermissions[v.chosenRole()]) {
		v.permNote.SetText(lang.L("The defaults of the role {{.Role}}. Tick or untick to adjust them for this person.", map[string]any{"Role": roleName(v.chosenRole())}))
		v.defaults.Disable()
	} else {
		v.permNote.SetText(lang.L("Adjusted for this person: not the defaults of the role {{.Role}}.", map[string]any{"Role": roleName(v.chosenRole())}))
		v.defaults.Enable()
	}
}

// chosenRole is the role picked.
func (v *staffView) chosenRole() string { return store.Roles[max(v.role.SelectedIndex(), 0)] }

// permissionSet is a set of permissions in the store's order.
type permissionSet []store.Permission

func (ps permissionSet) equal(other []store.Permission) bool {
	for _, p := range store.Permissions {
		if slices.Contains(ps, p) != slices.Contains(other, p) {
			return false
		}
	}
	return true
}

// checked are the permissions ticked.
func (v *staffView) checked() permissionSet {
	var out permissionSet
	for _, p := range store.Permissions {
		if v.perms[p].Checked {
			out = append(out, p)
		}
	}
	return out
}

// setChecks ticks exactly ps.
func (v *staffView) setChecks(ps []store.Permission) {
	for p, c := range v.perms {
		c.SetChecked(slices.Contains(ps, p))
	}
}

func (v *staffView) relayout() {
	if v.root != nil {
		v.root.Refresh()
		v.scroll.Refresh()
	}
}

// unsaved is part of editor: the fields, or a PIN typed.
func (v *staffView) unsaved() bool { return v.form.changed() || v.pin.Text != "" || v.again.Text != "" }

// draftKey is part of drafter.
func (v *staffView) draftKey() (string, int64) { return "staff:" + itoa(v.member.ID), 0 }

// draftData is part of drafter: the fields, never the PIN.
func (v *staffView) draftData() draftData { return draftData{Values: v.form.values()} }

// subject is part of editor.
func (v *staffView) subject() string {
	if v.member.ID == 0 {
		return lang.L("the new staff member")
	}
	return lang.L("the details of {{.Name}}", map[string]any{"Name": v.member.Name})
}

func (v *staffView) onSave() { v.saveThen(nil) }

// saveThen is part of editor: it saves the details, the permissions when
// they changed and the PIN when one is typed, then shows the team, or runs
// next when given.
func (v *staffView) saveThen(next func()) {
	v.form.clearErrors()
	setError(v.pinErr, "")
	pin := v.pin.Text
	switch {
	case pin != v.again.Text:
		setError(v.pinErr, lang.L("The two PINs differ. Type the same PIN twice."))
		v.relayout()
		return
	case pin != "" && len(pin) < 4:
		setError(v.pinErr, lang.L("A PIN is 4 to 8 digits."))
		v.relayout()
		return
	case pin != "" && v.member.ID != 0 && !v.active.Checked:
		setError(v.pinErr, lang.L("Only an active staff member can have a PIN."))
		v.relayout()
		return
	}
	m := v.member
	m.Name = strings.TrimSpace(v.name.Text)
	m.Role = v.chosenRole()
	m.Active = m.ID == 0 || v.active.Checked
	var perms []store.Permission // nil: the role's defaults
	if ps := v.checked(); !ps.equal(store.RolePermissions[m.Role]) {
		perms = append([]store.Permission{}, ps...)
	}
	setPerms := m.ID == 0 && perms != nil || m.ID != 0 && (m.Adjusted != (perms != nil) || perms != nil && !permissionSet(perms).equal(m.Permissions))
	v.buttons.setWorking(true)
	end := v.shell.begin(lang.L("Saving…"))
	type outcome struct {
		id     int64
		pinErr bool // the error is about the PIN
	}
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (outcome, error) {
		o := outcome{id: m.ID}
		var err error
		if m.ID == 0 {
			if o.id, err = db.CreateStaff(ctx, m); err != nil {
				return o, err
			}
		} else if err = db.UpdateStaff(ctx, m); err != nil {
			return o, err
		}
		if setPerms {
			if err := db.SetPermissions(ctx, o.id, perms); err != nil {
				return o, err
			}
		}
		if pin != "" && m.Active {
			o.pinErr = true
			return o, db.SetPIN(ctx, o.id, pin)
		}
		return o, nil
	}, func(o outcome, err error) {
		end()
		v.buttons.setWorking(false)
		v.member.ID = o.id // made, even when what followed failed: Save again changes it
		switch {
		case err != nil && (o.pinErr || errors.Is(err, store.ErrLastOwner)):
			setError(v.pinErr, errorMessage(err))
			v.relayout()
			return
		case err != nil:
			v.form.showError(err)
			v.relayout()
			return
		}
		v.form.markSaved()
		v.pin.SetText("")
		v.again.SetText("")
		v.shell.refreshTeam(func(sh *shellScreen) {
			switch {
			case next != nil:
				next()
			case sh != v.shell || sh.staffForm == v:
				sh.openServices()
				sh.say(lang.L("Saved: {{.Name}}.", map[string]any{"Name": m.Name}))
			}
		})
	})
}

// onClearPIN removes the member's PIN, after asking once.
func (v *staffView) onClearPIN() {
	m := v.member
	v.asked = askOnce(v.shell.u.win, lang.L("Remove the PIN of {{.Name}}?", map[string]any{"Name": m.Name}),
		lang.L("{{.Name}} can then no longer sign in on the switch screen. Their bookings and history stay.", map[string]any{"Name": m.Name}),
		lang.L("Remove the PIN"), func() {
			end := v.shell.begin(lang.L("Saving…"))
			setError(v.pinErr, "")
			dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (struct{}, error) {
				return struct{}{}, db.ClearPIN(ctx, m.ID)
			}, func(_ struct{}, err error) {
				end()
				if err != nil {
					setError(v.pinErr, errorMessage(err))
					v.relayout()
					return
				}
				v.member.HasPIN = false
				v.showPIN()
				v.relayout()
				v.shell.refreshTeam(func(sh *shellScreen) {
					if sh != v.shell { // built again: the quick switch went with the PIN
						sh.openServices()
					}
					sh.say(lang.L("The PIN of {{.Name}} is removed.", map[string]any{"Name": m.Name}))
				})
			})
		}, nil)
}
