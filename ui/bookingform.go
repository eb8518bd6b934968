package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// bookingForm books a client, or moves a booking, in the calendar's panel:
// the client (found as you type), the service, which sets the length and the
// price, the staff member, the day and the time. Tapping an empty place in
// the grid while it shows moves its staff, day and time there. The store
// checks the booking; a clash with another booking is shown beside the time.
type bookingForm struct {
	cal     *calendarScreen
	editing store.Booking // the booking being moved; ID 0 for a new one

	form     *fieldForm
	client   *clientPicker
	service  *widget.Select
	staff    *widget.Select
	date     *textEntry
	start    *choiceEntry
	notes    *textEntry
	ends     *widget.Label
	basis    *basisChoice // for a restricted client
	basisErr *widget.Label
	save     *widget.Button
	cancel   *widget.Button
	activity *widget.Activity

	staffList []store.Staff   // the choices of staff, as in the picker
	services  []store.Service // the choices of service, as in the picker

	marked      bool       // the form as first filled is marked as saved
	savedClient int64      // the client chosen then, 0 for none
	pending     *draftData // a draft to put in once the choices are there
}

// newBookingForm makes a form for b: a new booking when b.ID is 0, else the
// booking to move. cl is the client to book, or nil to let the owner find one.
func newBookingForm(cal *calendarScreen, b store.Booking, cl *store.Client) *bookingForm {
	f := &bookingForm{cal: cal, editing: b, form: newFieldForm()}
	f.form.failed = lang.L("The booking could not be saved.")
	f.client = newClientPicker(cal.shell.u, cl, b.ID != 0)
	f.basis, f.basisErr = newBasisChoice(), errorText()
	f.basis.show(cl, cal.shell.u.lang)
	f.client.onChosen = func() {
		f.basis.show(f.client.chosen, cal.shell.u.lang)
		cal.panel.Refresh()
		cal.shell.u.win.Canvas().Focus(f.service)
	}
	f.service = widget.NewSelect(nil, func(string) { f.updateEnds() })
	f.service.PlaceHolder = lang.L("Choose the service")
	f.staff = widget.NewSelect(nil, nil)
	f.staff.PlaceHolder = lang.L("Choose who works")
	f.date = newEntry()
	f.date.SetPlaceHolder(dateHint(cal.shell.u.lang))
	f.date.OnChanged = func(string) { f.updateEnds() }
	f.start = newChoiceEntry(quarterHours())
	f.start.SetPlaceHolder("14:30")
	f.start.OnChanged = func(string) { f.updateEnds() }
	f.notes = newEntry()
	f.notes.SetText(b.Notes)
	f.ends = widget.NewLabel("")
	f.ends.Importance = widget.LowImportance
	f.ends.Wrapping = fyne.TextWrapWord
	f.form.add("client", lang.L("Client"), f.client.content())
	f.form.add("service", lang.L("Service"), f.service)
	f.form.add("staff", lang.L("Staff member"), f.staff)
	f.form.add("date", lang.L("Day"), f.date)
	f.form.add("start", lang.L("Time"), container.NewVBox(f.start, f.ends))
	f.form.add("notes", lang.L("Notes"), f.notes)
	label := lang.L("Book")
	if b.ID != 0 {
		label = lang.L("Move")
	}
	f.save = widget.NewButtonWithIcon(label, theme.ConfirmIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	f.cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), cal.shell.asking(f.onCancel))
	f.activity = widget.NewActivity()
	f.activity.Hide()
	for _, e := range []*widget.Entry{&f.date.Entry, &f.start.Entry, &f.notes.Entry} {
		e.OnSubmitted = func(string) { f.onSave() } // Enter books
	}
	if !b.Start.IsZero() {
		f.setSlot(b.StaffID, b.Start)
	}
	return f
}

func (f *bookingForm) content() fyne.CanvasObject {
	title := lang.L("New booking")
	if f.editing.ID != 0 {
		title = lang.L("Move the booking")
	}
	h := subheading(title)
	h.Wrapping = fyne.TextWrapWord
	// a restricted client's rule and ground come first, where they are seen
	return container.NewVBox(h, f.basis.box, f.basisErr, f.form.content(),
		container.NewBorder(nil, nil, f.cancel, container.NewHBox(f.activity, f.save)))
}

// initialFocus is the client search, or the time when the client is known.
func (f *bookingForm) initialFocus() fyne.Focusable {
	if f.client.chosen == nil {
		return f.client.search
	}
	return f.start
}

// setChoices offers the active staff and services, and those of the booking
// being moved; it keeps what is chosen.
func (f *bookingForm) setChoices(staff []store.Staff, services []store.Service) {
	staffID, serviceID := f.editing.StaffID, f.editing.ServiceID
	if i := f.staff.SelectedIndex(); i >= 0 && i < len(f.staffList) {
		staffID = f.staffList[i].ID
	}
	if i := f.service.SelectedIndex(); i >= 0 && i < len(f.services) {
		serviceID = f.services[i].ID
	}
	f.staffList, f.services = nil, nil
	var names []string
	for _, s := range staff {
		if s.Active || s.ID == staffID {
			f.staffList = append(f.staffList, s)
			names = append(names, s.Name)
		}
	}
	f.staff.SetOptions(names)
	names = nil
	code := f.cal.shell.u.lang
	for _, s := range services {
		if s.Active || s.ID == serviceID {
			f.services = append(f.services, s)
			names = append(names, s.Name+" · "+minutesText(s.Minutes)+" · "+formatMoney(code, s.Price))
		}
	}
	f.service.SetOptions(names)
	f.selectStaff(staffID)
	for i, s := range f.services {
		if s.ID == serviceID {
			f.service.SetSelectedIndex(i)
		}
	}
	f.updateEnds()
	if !f.marked && f.cal.loaded { // the choices are there to mark
		f.marked = true
		f.form.markSaved()
		f.savedClient = f.clientID()
		if d := f.pending; d != nil {
			f.pending = nil
			f.form.setValues(d.Values)
			f.updateEnds()
			f.cal.shell.restored(f)
		}
	}
}

// draftKey is part of drafter.
func (f *bookingForm) draftKey() (string, int64) {
	if f.editing.ID != 0 {
		return "booking:" + itoa(f.editing.ID), f.editing.ClientID
	}
	return "booking:new", f.clientID()
}

// draftData is part of drafter.
func (f *bookingForm) draftData() draftData {
	return draftData{Values: f.form.values(), Client: f.clientID()}
}

// clientID is the client chosen, 0 for none.
func (f *bookingForm) clientID() int64 {
	if f.client.chosen == nil {
		return 0
	}
	return f.client.chosen.ID
}

// unsaved is part of editor: something was chosen or typed beyond the
// place tapped in the grid.
func (f *bookingForm) unsaved() bool {
	return f.marked && (f.form.changed() || f.clientID() != f.savedClient)
}

// subject is part of editor.
func (f *bookingForm) subject() string {
	if f.editing.ID != 0 {
		return lang.L("the booking being moved")
	}
	return lang.L("the new booking")
}

func (f *bookingForm) selectStaff(id int64) {
	for i, s := range f.staffList {
		if s.ID == id {
			f.staff.SetSelectedIndex(i)
		}
	}
}

// setSlot puts the staff member, day and time of a place in the grid in
// the form.
func (f *bookingForm) setSlot(staffID int64, start time.Time) {
	if staffID != 0 {
		f.editing.StaffID = staffID
		f.selectStaff(staffID)
	}
	f.date.SetText(numericDate(f.cal.shell.u.lang, start))
	f.start.SetText(start.Local().Format("15:04"))
	f.updateEnds()
	if f.marked { // a place tapped in the grid is not a change to keep
		now := f.form.values()
		for _, k := range []string{"staff", "date", "start"} {
			f.form.saved[k] = now[k]
		}
	}
}

// chosenService is the service picked, if any.
func (f *bookingForm) chosenService() (store.Service, bool) {
	i := f.service.SelectedIndex()
	if i < 0 || i >= len(f.services) {
		return store.Service{}, false
	}
	return f.services[i], true
}

// length is how long the booking lasts: the service's length, or the moved
// booking's own while its service stays.
func (f *bookingForm) length(s store.Service) time.Duration {
	if f.editing.ID != 0 && s.ID == f.editing.ServiceID {
		return f.editing.End.Sub(f.editing.Start)
	}
	return time.Duration(s.Minutes) * time.Minute
}

// updateEnds says when the booking would end and what it costs.
func (f *bookingForm) updateEnds() {
	s, ok := f.chosenService()
	start, okStart := f.startTime()
	if !ok || !okStart {
		f.ends.Hide()
		return
	}
	f.ends.SetText(lang.L("Until {{.End}} · {{.Price}}", map[string]any{
		"End": start.Add(f.length(s)).Format("15:04"), "Price": formatMoney(f.cal.shell.u.lang, f.price(s))}))
	f.ends.Show()
}

// price is what the booking costs: the service's price, or the moved
// booking's own while its service stays.
func (f *bookingForm) price(s store.Service) store.Money {
	if f.editing.ID != 0 && s.ID == f.editing.ServiceID {
		return f.editing.Price
	}
	return s.Price
}

// startTime is the day and time in the form, if both can be read.
func (f *bookingForm) startTime() (time.Time, bool) {
	day, ok := parseDay(f.date.Text)
	if !ok {
		return time.Time{}, false
	}
	at, ok := parseClock(f.start.Text)
	if !ok {
		return time.Time{}, false
	}
	return day.Add(at), true
}

func (f *bookingForm) onCancel() {
	f.client.stop()
	if f.editing.ID != 0 {
		f.cal.openDetails(f.editing.ID)
		return
	}
	f.cal.closePanel()
}

// input checks what the store cannot (a client chosen, a readable day and
// time) and says so beside the field; ok is false when something is missing.
func (f *bookingForm) input() (in store.BookingInput, ok bool) {
	f.form.clearErrors()
	setError(f.basisErr, "")
	ok = true
	refuse := func(field, msg string) {
		setError(f.form.errLabel(field), msg)
		ok = false
	}
	if f.client.chosen == nil {
		refuse("client", lang.L("Find the client and choose them from the list."))
	} else {
		in.ClientID = f.client.chosen.ID
		in.Basis = f.basis.basis()
		if f.client.chosen.Restricted && in.Basis == "" {
			setError(f.basisErr, lang.L("Choose the ground on which the booking may go ahead, or do not book."))
			ok = false
		}
	}
	s, chosen := f.chosenService()
	if !chosen {
		refuse("service", lang.L("Choose a service."))
	}
	if i := f.staff.SelectedIndex(); i >= 0 && i < len(f.staffList) {
		in.StaffID = f.staffList[i].ID
	} else {
		refuse("staff", lang.L("Choose a staff member."))
	}
	day, dayOK := parseDay(f.date.Text)
	if !dayOK {
		refuse("date", fieldMessage(dayProblem(f.date.Text)))
	}
	at, atOK := parseClock(f.start.Text)
	if !atOK {
		refuse("start", lang.L("Write the time as HH:MM, e.g. 14:30."))
	}
	if !ok {
		return in, false
	}
	in.ServiceID = s.ID
	in.Start = day.Add(at)
	in.End = in.Start.Add(f.length(s))
	in.Notes = strings.TrimSpace(f.notes.Text)
	if f.editing.ID != 0 {
		in.Status = f.editing.Status
		price := f.price(s).Minor
		in.Price = &price
	}
	return in, true
}

func (f *bookingForm) onSave() { f.saveThen(nil) }

// saveThen is part of editor: it books (or moves), then shows the booking,
// or runs next when given.
func (f *bookingForm) saveThen(next func()) {
	in, ok := f.input()
	if !ok {
		f.cal.panel.Refresh()
		return
	}
	staffName := f.staff.Selected
	id := f.editing.ID
	f.setWorking(true)
	end := f.cal.shell.begin(lang.L("Saving…"))
	dbWork(f.cal.shell.u, func(ctx context.Context, db *store.DB) (int64, error) {
		if id != 0 {
			return id, db.UpdateBooking(ctx, id, in)
		}
		return db.CreateBooking(ctx, in)
	}, func(saved int64, err error) {
		end()
		f.setWorking(false)
		if err != nil {
			f.showError(err, staffName)
			return
		}
		f.form.markSaved()
		f.savedClient = f.clientID()
		f.client.stop()
		f.cal.shell.loadCounts()
		if next != nil {
			f.cal.load() // the grid shows the booking just saved
			next()
			return
		}
		if f.cal.form != f {
			return // the owner has closed the form meanwhile
		}
		f.cal.goTo(in.Start)
		f.cal.openDetails(saved)
	})
}

// showError puts the store's refusal beside the field it concerns.
func (f *bookingForm) showError(err error, staffName string) {
	var fe *store.FieldError
	switch {
	case errors.Is(err, store.ErrOverlap):
		setError(f.form.errLabel("start"), lang.L("{{.Staff}} already has a booking at that time.", map[string]any{"Staff": staffName}))
	case errors.Is(err, store.ErrDateOutOfRange):
		setError(f.form.errLabel("date"), lang.L("The day must lie between 2000 and 2100."))
	case errors.Is(err, store.ErrTooLongBooking), errors.Is(err, store.ErrEndBeforeStart):
		setError(f.form.errLabel("start"), lang.L("A booking must end on the day it starts, within 12 hours."))
	case errors.As(err, &fe) && fe.Field == "end":
		setError(f.form.errLabel("start"), fieldMessage(err))
	default:
		f.form.showError(err)
	}
	f.cal.panel.Refresh()
}

// setWorking disables the form while the store saves it.
func (f *bookingForm) setWorking(on bool) {
	f.form.setEnabled(!on)
	working(f.activity, on, f.save, f.cancel)
}

// minutesText is a length in minutes: "45 min".
func minutesText(m int) string {
	return lang.L("{{.Minutes}} min", map[string]any{"Minutes": strconv.Itoa(m)})
}

// quarterHours are the times a booking usually starts at, 06:00 to 21:45.
func quarterHours() []string {
	var out []string
	for m := 6 * 60; m < 22*60; m += 15 {
		out = append(out, time.Date(2000, 1, 1, m/60, m%60, 0, 0, time.UTC).Format("15:04"))
	}
	return out
}
