package ui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// servicesScreen is the services and staff section: the price list and the
// team, each with Add, and Edit and Deactivate (or Activate) on every row.
type servicesScreen struct {
	shell      *shellScreen
	problem    *problemBox
	addService *widget.Button
	addStaff   *widget.Button
	servicesNo *widget.Label // why the services cannot be changed here, when they cannot
	staffNo    *widget.Label // likewise for the staff
	services   *fyne.Container
	staff      *fyne.Container
	root       *fyne.Container
	scroll     fyne.CanvasObject

	loaded      bool
	asked       *question    // the last question asked, for tests
	pending     *pendingForm // a form's draft to open once the lists are read
	serviceRows []serviceRow // as last shown
	staffRows   []staffRow
}

// serviceRow is a service on screen with its buttons.
type serviceRow struct {
	service store.Service
	edit    *widget.Button
	toggle  *widget.Button
}

// staffRow is a staff member on screen with their buttons.
type staffRow struct {
	member store.Staff
	edit   *widget.Button
	toggle *widget.Button
}

// teamData is the price list and the team, read off the UI goroutine.
type teamData struct {
	services []store.Service
	staff    []store.Staff
}

// newServicesScreen makes the section and starts reading it.
func newServicesScreen(shell *shellScreen) *servicesScreen {
	v := &servicesScreen{shell: shell, problem: newProblemBox()}
	v.addService = widget.NewButtonWithIcon(lang.L("Add a service"), theme.ContentAddIcon(), func() { shell.openServiceForm(store.Service{}) })
	v.addStaff = widget.NewButtonWithIcon(lang.L("Add a staff member"), theme.ContentAddIcon(), func() { shell.openStaffForm(store.Staff{}) })
	v.servicesNo, v.staffNo = reasonLine(), reasonLine()
	if !shell.u.may(store.PermServices) {
		v.addService.Hide()
		setReason(v.servicesNo, notAllowed(store.PermServices))
	}
	if !shell.u.may(store.PermStaff) {
		v.addStaff.Hide()
		setReason(v.staffNo, notAllowed(store.PermStaff))
	}
	v.services, v.staff = container.NewVBox(), container.NewVBox()
	v.load()
	return v
}

func (v *servicesScreen) content() fyne.CanvasObject {
	v.root = container.NewVBox(
		heading(lang.L("Services & staff")),
		v.problem,
		container.NewBorder(nil, nil, subheading(lang.L("Services")), v.addService),
		v.servicesNo,
		v.serviceHeading(),
		v.services,
		widget.NewSeparator(),
		container.NewBorder(nil, nil, subheading(lang.L("Staff")), v.addStaff),
		v.staffNo,
		v.staff,
		pinNote(),
	)
	v.scroll = widePage(v.root)
	return v.scroll
}

// serviceColumns are the widths of a service's name, category, minutes,
// price and status.
var serviceColumns = []float32{3, 2, 1, 2, 1}

// serviceHeading names the columns of the services, with room for the
// buttons of whom may change them.
func (v *servicesScreen) serviceHeading() fyne.CanvasObject {
	titles := []string{lang.L("Service name"), lang.L("Category"), lang.L("Min."), lang.L("Price"), lang.L("Status")}
	if !v.shell.u.may(store.PermServices) {
		return textRow(serviceColumns, titles...)
	}
	return textRow(append(append([]float32{}, serviceColumns...), 3), append(titles, "")...)
}

// load reads the services and the staff in the background and shows them.
func (v *servicesScreen) load() {
	end := v.shell.begin(lang.L("Loading services and staff…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (teamData, error) {
		services, err := db.Services(ctx)
		if err != nil {
			return teamData{}, err
		}
		staff, err := db.StaffMembers(ctx)
		return teamData{services: services, staff: staff}, err
	}, func(d teamData, err error) {
		end()
		if err != nil {
			v.problem.show(lang.L("Services and staff could not be loaded."), err)
			return
		}
		v.show(d)
	})
}

// show puts a freshly read price list and team on screen.
func (v *servicesScreen) show(d teamData) {
	v.loaded = true
	code := v.shell.u.lang
	v.serviceRows = v.serviceRows[:0]
	var rows []fyne.CanvasObject
	for _, s := range d.services {
		r := serviceRow{service: s}
		r.edit = widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), func() { v.shell.openServiceForm(s) })
		r.toggle = toggleButton(s.Active, func() {
			c := s
			c.Active = !c.Active
			c.Price.Currency = "" // the store keeps the price's own currency
			v.save(func(ctx context.Context, db *store.DB) error { return db.UpdateService(ctx, c) })
		})
		v.serviceRows = append(v.serviceRows, r)
		if !v.shell.u.may(store.PermServices) { // no buttons: the whole width for the columns
			r.edit.Hide()
			r.toggle.Hide()
			rows = append(rows, textRow(serviceColumns, s.Name, s.Category, strconv.Itoa(s.Minutes), formatMoney(code, s.Price), serviceActiveName(s.Active)))
			continue
		}
		rows = append(rows, container.NewBorder(nil, nil, nil, container.NewHBox(r.edit, r.toggle),
			textRow([]float32{3, 2, 1, 2, 1}, s.Name, s.Category, strconv.Itoa(s.Minutes), formatMoney(code, s.Price), serviceActiveName(s.Active))))
	}
	setRows(v.services, rows, lang.L("No services yet."))

	v.staffRows = v.staffRows[:0]
	rows = nil
	for _, m := range d.staff {
		r := staffRow{member: m}
		r.edit = widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), func() { v.shell.openStaffForm(m) })
		r.toggle = toggleButton(m.Active, func() { v.onToggleStaff(m) })
		showIf(r.edit, v.shell.u.may(store.PermStaff))
		showIf(r.toggle, v.shell.u.may(store.PermStaff))
		v.staffRows = append(v.staffRows, r)
		pin := ""
		if m.HasPIN {
			pin = lang.L("PIN")
		}
		rows = append(rows, container.NewBorder(nil, nil, nil, container.NewHBox(r.edit, r.toggle),
			textRow([]float32{3, 2, 1, 1}, m.Name, roleName(m.Role), staffActiveName(m.Active), pin)))
	}
	setRows(v.staff, rows, lang.L("No staff members yet."))
	if v.root != nil {
		v.root.Refresh()
		v.scroll.Refresh()
	}
	if p := v.pending; p != nil {
		v.pending = nil
		v.openPending(p, d)
	}
}

// openPending opens the form a draft was kept for, with the draft in it.
func (v *servicesScreen) openPending(p *pendingForm, d teamData) {
	sh := v.shell
	if p.kind == "service" {
		svc := store.Service{}
		for _, s := range d.services {
			if s.ID == p.id {
				svc = s
			}
		}
		sh.openServiceForm(svc)
		if sh.serviceForm == nil {
			return // not for the person acting
		}
		sh.serviceForm.form.setValues(p.data.Values)
		sh.restored(sh.serviceForm)
		return
	}
	m := store.Staff{}
	for _, s := range d.staff {
		if s.ID == p.id {
			m = s
		}
	}
	sh.openStaffForm(m)
	if sh.staffForm == nil {
		return // not for the person acting
	}
	sh.staffForm.form.setValues(p.data.Values)
	sh.restored(sh.staffForm)
}

// save runs a change in the background, then reads the lists again.
func (v *servicesScreen) save(work func(ctx context.Context, db *store.DB) error) {
	v.saveThen(work, nil)
}

// saveThen is save, running then once the change is saved.
func (v *servicesScreen) saveThen(work func(ctx context.Context, db *store.DB) error, then func()) {
	end := v.shell.begin(lang.L("Saving…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (struct{}, error) {
		return struct{}{}, work(ctx, db)
	}, func(_ struct{}, err error) {
		end()
		if err != nil {
			v.problem.show(lang.L("This could not be saved."), err)
			return
		}
		v.problem.clear()
		v.load()
		if then != nil {
			then()
		}
	})
}

// onToggleStaff activates m, or deactivates them after saying what that
// does: their PIN goes, their bookings and history stay.
func (v *servicesScreen) onToggleStaff(m store.Staff) {
	c := m
	c.Active = !c.Active
	save := func() {
		v.saveThen(func(ctx context.Context, db *store.DB) error { return db.UpdateStaff(ctx, c) },
			func() { v.shell.refreshTeam(nil) }) // a PIN fewer may end the switch screen, or this person's session
	}
	if !m.Active {
		save()
		return
	}
	v.asked = askOnce(v.shell.u.win, lang.L("Deactivate {{.Name}}?", map[string]any{"Name": m.Name}), deactivateText(m),
		lang.L("Deactivate"), save, nil)
}

// deactivateText says what deactivating m does.
func deactivateText(m store.Staff) string {
	return lang.L("{{.Name}} is no longer offered for new bookings and cannot sign in: their PIN is removed. Their bookings and the audit of what they did stay. You can activate them again later.",
		map[string]any{"Name": m.Name})
}

// pinNote says plainly what PINs are for, under the staff.
func pinNote() *widget.Label {
	l := paragraph(lang.L("Once two people have a PIN, Kartoteka asks who is working after unlocking, and each sees and does what their role allows. PINs say who is acting in an unlocked salon; they do not encrypt anything, and anyone with the salon's passphrase can act as the owner."))
	l.Importance = widget.LowImportance
	return l
}

// toggleButton is Deactivate for something active, Activate otherwise.
func toggleButton(active bool, tapped func()) *widget.Button {
	if active {
		return widget.NewButtonWithIcon(lang.L("Deactivate"), theme.VisibilityOffIcon(), tapped)
	}
	return widget.NewButtonWithIcon(lang.L("Activate"), theme.VisibilityIcon(), tapped)
}

// serviceActiveName says whether a service is in use; a word of its own,
// apart from a staff member's, as Polish agrees it with the noun: usługa
// aktywna, pracownik aktywny.
func serviceActiveName(active bool) string {
	if active {
		return lang.L("Active (service)")
	}
	return lang.L("Inactive (service)")
}

// staffActiveName says whether a staff member is in use (see
// serviceActiveName).
func staffActiveName(active bool) string {
	if active {
		return lang.L("Active (staff member)")
	}
	return lang.L("Inactive (staff member)")
}

// roleName is a staff role in the language in use.
func roleName(role string) string {
	switch role {
	case "owner":
		return lang.L("Owner")
	case "manager":
		return lang.L("Manager")
	case "reception":
		return lang.L("Reception")
	case "stylist":
		return lang.L("Stylist")
	case "accountant":
		return lang.L("Accountant")
	default:
		return role
	}
}

// showServicesView puts o in the services section in place of what it showed.
func (s *shellScreen) showServicesView(o fyne.CanvasObject) {
	s.say("")
	s.services, s.serviceForm, s.staffForm = nil, nil, nil
	s.body.Objects = []fyne.CanvasObject{o}
	s.body.Refresh()
}

func (s *shellScreen) buildServices() fyne.CanvasObject {
	s.services = newServicesScreen(s)
	return s.services.content()
}

// openServices shows the lists of services and staff.
func (s *shellScreen) openServices() {
	o := s.buildServices()
	v := s.services
	s.showServicesView(o)
	s.services = v
}
