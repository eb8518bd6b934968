package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
	kwidget "kartoteka/ui/widget"
)

// prefCalendarWeek remembers whether the calendar showed a week.
const prefCalendarWeek = "calendar.week"

// Hours the calendar shows at least; it grows to fit earlier or later
// bookings.
const (
	calendarFirstHour = 8
	calendarLastHour  = 20
)

// calendarScreen is the appointment book: a day with a column for each
// staff member, or a week with a column for each day split into a lane for
// each staff member (or one, when a staff member is chosen). Tapping an
// empty place books there; tapping a booking shows it beside the grid, with
// what can be done to it.
type calendarScreen struct {
	shell *shellScreen

	day   time.Time // the first day shown, at local midnight
	week  bool
	staff int64 // the one staff member a week shows; 0 for all

	title         *widget.Label
	hint          *widget.Label
	problem       *problemBox
	prev, next    *widget.Button
	today         *widget.Button
	mode          *kwidget.RadioGroup
	staffPick     *widget.Select
	showCancelled *widget.Check
	grid          *kwidget.Timetable
	scroll        *container.Scroll
	panel         *fyne.Container // what the side shows: a form or a booking
	panelBox      *fyne.Container // the side; hidden while panel is empty
	body          *fyne.Container // the grid and the side, laid out again when the side shows or hides

	data     calendarData
	shown    []store.Booking // the bookings drawn, in the order of the grid's blocks
	columns  []calendarColumn
	loaded   bool
	seq      int   // number of the latest load; older results are dropped
	selected int64 // the booking shown in the panel, 0 for none

	form    *bookingForm    // while a booking form shows in the panel
	details *bookingDetails // while a booking shows in the panel
}

// calendarData is what one period of the calendar shows, read off the UI
// goroutine.
type calendarData struct {
	from, to time.Time
	bookings []store.Booking
	staff    []store.Staff
	services []store.Service
}

// calendarColumn says which day and which staff a column (and its lanes)
// stands for.
type calendarColumn struct {
	day   time.Time
	staff []store.Staff // one per lane
}

// newCalendar makes the calendar at today and starts reading it.
func newCalendar(shell *shellScreen) *calendarScreen {
	c := &calendarScreen{shell: shell, day: midnight(shell.u.now())}
	c.week = shell.u.fyne.Preferences().Bool(prefCalendarWeek)
	c.title = heading("")
	c.title.Wrapping = fyne.TextWrapOff
	c.title.Truncation = fyne.TextTruncateEllipsis
	c.hint = widget.NewLabel(lang.L("Click an empty time to book it, or a booking to see it."))
	if !shell.u.may(store.PermBook) {
		c.hint.SetText(lang.L("Click a booking to see it.") + " " + notAllowed(store.PermBook))
	}
	c.hint.Importance = widget.LowImportance
	c.hint.Truncation = fyne.TextTruncateEllipsis
	c.problem = newProblemBox()
	c.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.step(-1) })
	c.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.step(1) })
	c.today = widget.NewButton(lang.L("Today"), c.onToday)
	c.mode = kwidget.NewRadioGroup([]string{lang.L("Day"), lang.L("Week")}, c.onMode)
	c.mode.Horizontal = true
	c.mode.Required = true
	c.staffPick = widget.NewSelect(nil, c.onStaffPick)
	c.showCancelled = widget.NewCheck(lang.L("Show cancelled"), func(bool) { c.draw() })
	c.grid = kwidget.NewTimetable(calendarFirstHour, calendarLastHour)
	c.grid.OnSlotTapped = c.onSlot
	c.grid.OnBlockTapped = c.onBlock
	c.scroll = container.NewVScroll(c.grid)
	c.panel = container.NewStack()
	c.panel.Hide()
	if c.week {
		c.mode.SetSelected(lang.L("Week"))
	} else {
		c.mode.SetSelected(lang.L("Day"))
	}
	c.load()
	return c
}

func (c *calendarScreen) content() fyne.CanvasObject {
	nav := container.NewHBox(c.today, c.prev, c.next)
	options := container.NewHBox(container.New(&widthLayout{width: 220}, c.staffPick), c.showCancelled)
	top := container.NewVBox(
		container.NewBorder(nil, nil, nav, c.mode, c.title),
		container.NewBorder(nil, nil, nil, options, c.hint),
		c.problem,
	)
	grid := container.NewBorder(c.grid.Header(), nil, nil, nil, c.scroll)
	side := container.New(&widthLayout{width: panelWidth, fixed: true}, container.NewVScroll(container.NewPadded(c.panel)))
	panelBox := container.NewBorder(nil, nil, widget.NewSeparator(), nil, side)
	c.panelBox = panelBox
	c.body = container.NewBorder(top, nil, nil, panelBox, grid)
	c.showPanel()
	return container.NewPadded(c.body)
}

// panelWidth is the width of the panel beside the grid.
const panelWidth = 340

// midnight is the start of t's day, in local time.
func midnight(t time.Time) time.Time {
	t = t.Local()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local)
}

// monday is the Monday of t's week.
func monday(t time.Time) time.Time {
	d := midnight(t)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// period is the first day shown and the day after the last.
func (c *calendarScreen) period() (from, to time.Time) {
	if c.week {
		from = monday(c.day)
		return from, from.AddDate(0, 0, 7)
	}
	return c.day, c.day.AddDate(0, 0, 1)
}

// step moves a day or a week back (-1) or on (+1).
func (c *calendarScreen) step(n int) {
	if c.week {
		c.day = c.day.AddDate(0, 0, 7*n)
	} else {
		c.day = c.day.AddDate(0, 0, n)
	}
	c.load()
}

func (c *calendarScreen) onToday() {
	c.day = midnight(c.shell.u.now())
	c.load()
}

// goTo shows the day or week of t and reads it again.
func (c *calendarScreen) goTo(t time.Time) {
	c.day = midnight(t)
	c.load()
}

func (c *calendarScreen) onMode(choice string) {
	week := choice == lang.L("Week")
	if week == c.week {
		return
	}
	c.week = week
	c.shell.u.fyne.Preferences().SetBool(prefCalendarWeek, week)
	c.load()
}

func (c *calendarScreen) onStaffPick(string) {
	i := c.staffPick.SelectedIndex()
	var id int64
	if staff := c.laneStaff(); i > 0 && i <= len(staff) {
		id = staff[i-1].ID
	}
	if id != c.staff {
		c.staff = id
		c.draw()
	}
}

// load reads the period on show in the background, then draws it.
func (c *calendarScreen) load() {
	c.seq++
	seq := c.seq
	from, to := c.period()
	c.setTitle(from, to)
	end := c.shell.begin(lang.L("Loading the calendar…"))
	dbWork(c.shell.u, func(ctx context.Context, db *store.DB) (calendarData, error) {
		d := calendarData{from: from, to: to}
		var err error
		if d.bookings, err = db.BookingsBetween(ctx, from, to); err != nil {
			return d, err
		}
		if d.staff, err = db.StaffMembers(ctx); err != nil {
			return d, err
		}
		d.services, err = db.Services(ctx)
		return d, err
	}, func(d calendarData, err error) {
		end()
		if seq != c.seq {
			return // the owner has moved on
		}
		if err != nil {
			c.problem.show(lang.L("The calendar could not be loaded."), err)
			return
		}
		c.problem.clear()
		c.data, c.loaded = d, true
		c.draw()
		if c.form != nil {
			c.form.setChoices(d.staff, d.services)
		}
	})
}

// setTitle names the period: the day, or the week's first and last day.
func (c *calendarScreen) setTitle(from, to time.Time) {
	code := c.shell.u.lang
	if !c.week {
		c.title.SetText(weekdayName(from) + ", " + formatDate(code, from))
		return
	}
	_, week := from.ISOWeek()
	c.title.SetText(lang.L("Week {{.Number}}: {{.From}} – {{.To}}", map[string]any{
		"Number": strconv.Itoa(week), "From": shortDate(code, from), "To": formatDate(code, to.AddDate(0, 0, -1))}))
}

// laneStaff are the staff members with a column or lane: the active ones,
// and any other with a booking in the period.
func (c *calendarScreen) laneStaff() []store.Staff {
	busy := map[int64]bool{}
	for _, b := range c.data.bookings {
		busy[b.StaffID] = true
	}
	var out []store.Staff
	for _, s := range c.data.staff {
		if s.Active || busy[s.ID] {
			out = append(out, s)
		}
	}
	return out
}

// draw lays the bookings of the period out in the grid.
func (c *calendarScreen) draw() {
	if !c.loaded {
		return
	}
	staff := c.laneStaff()
	c.updateStaffPick(staff)
	c.columns = c.columns[:0]
	now := c.shell.u.now()
	var cols []kwidget.TimetableColumn
	if c.week {
		lanes := staff
		if i := slices.IndexFunc(staff, func(s store.Staff) bool { return s.ID == c.staff }); i >= 0 {
			lanes = staff[i : i+1]
		}
		var initials []string
		if len(lanes) > 1 {
			for _, s := range lanes {
				initials = append(initials, initialsOf(s.Name))
			}
		}
		for d := c.data.from; d.Before(c.data.to); d = d.AddDate(0, 0, 1) {
			c.columns = append(c.columns, calendarColumn{day: d, staff: lanes})
			cols = append(cols, kwidget.TimetableColumn{Title: shortWeekdayName(d) + " " + shortDate(c.shell.u.lang, d), Lanes: initials, Today: d.Equal(midnight(now))})
		}
	} else {
		for _, s := range staff {
			c.columns = append(c.columns, calendarColumn{day: c.data.from, staff: []store.Staff{s}})
			cols = append(cols, kwidget.TimetableColumn{Title: s.Name, Today: c.data.from.Equal(midnight(now))})
		}
	}
	first, last := calendarFirstHour, calendarLastHour
	c.shown = c.shown[:0]
	var blocks []kwidget.TimetableBlock
	for _, b := range c.data.bookings {
		if b.Status == store.StatusCancelled && !c.showCancelled.Checked {
			continue
		}
		col, lane, ok := c.place(b)
		if !ok {
			continue
		}
		day := c.columns[col].day
		from, to := b.Start.Sub(day), min(b.End.Sub(day), 24*time.Hour)
		first = min(first, int(from.Hours()))
		last = max(last, int((to + time.Hour - 1).Hours()))
		c.shown = append(c.shown, b)
		blocks = append(blocks, kwidget.TimetableBlock{
			Column: col, Lane: lane, From: from, To: to,
			Title:       bookingClientName(b),
			Detail:      b.Start.Local().Format("15:04") + "–" + b.End.Local().Format("15:04") + " " + b.ServiceName,
			ShortTitle:  initialsOf(bookingClientName(b)),
			ShortDetail: b.Start.Local().Format("15:04"),
			Kind:        blockKind(b.Status),
			Selected:    b.ID == c.selected,
		})
	}
	c.grid.Columns, c.grid.Blocks = cols, blocks
	c.grid.FirstHour, c.grid.LastHour = max(first, 0), min(last, 24)
	c.grid.Now = now.Sub(midnight(now))
	c.grid.Refresh()
	if len(cols) == 0 {
		c.problem.show(lang.L("Add a staff member under Services & staff to start booking."), nil)
	}
}

// place finds the column and lane of booking b; ok is false when it has none.
func (c *calendarScreen) place(b store.Booking) (col, lane int, ok bool) {
	day := midnight(b.Start)
	for i, cc := range c.columns {
		if !cc.day.Equal(day) {
			continue
		}
		if l := slices.IndexFunc(cc.staff, func(s store.Staff) bool { return s.ID == b.StaffID }); l >= 0 {
			if c.week {
				return i, l, true
			}
			return i, 0, true
		}
	}
	return 0, 0, false
}

// updateStaffPick offers all staff or one, in the week view only.
func (c *calendarScreen) updateStaffPick(staff []store.Staff) {
	if !c.week {
		c.staffPick.Hide()
		return
	}
	opts := []string{lang.L("All staff")}
	sel := 0
	for i, s := range staff {
		opts = append(opts, s.Name)
		if s.ID == c.staff {
			sel = i + 1
		}
	}
	if sel == 0 {
		c.staff = 0
	}
	c.staffPick.Options = opts
	c.staffPick.SetSelectedIndex(sel)
	c.staffPick.Show()
}

// onSlot books at an empty place: it opens the booking form there, or moves
// the open form's time there.
func (c *calendarScreen) onSlot(col, lane int, at time.Duration) {
	if col >= len(c.columns) || !c.shell.u.may(store.PermBook) {
		return // the hint says why
	}
	cc := c.columns[col]
	staff := cc.staff[min(lane, len(cc.staff)-1)]
	start := cc.day.Add(at)
	if c.form != nil {
		c.form.setSlot(staff.ID, start)
		return
	}
	c.openForm(newBookingForm(c, store.Booking{StaffID: staff.ID, Start: start}, nil))
}

// onBlock shows the booking tapped.
func (c *calendarScreen) onBlock(i int) {
	if i < len(c.shown) {
		id := c.shown[i].ID
		c.shell.leaveThen(func() { c.openDetails(id) })
	}
}

// bookFor opens the booking form for client cl at the next quarter hour
// within the calendar's day (from its first hour, or the next day's when
// the day is over), showing that day.
func (c *calendarScreen) bookFor(cl store.Client) {
	start := nextBookable(c.shell.u.now())
	c.day = midnight(start)
	c.load()
	c.openForm(newBookingForm(c, store.Booking{Start: start}, &cl))
}

// nextBookable is the next quarter hour after now that the calendar shows by
// default: not before its first hour, and the next day's first hour once
// the last hour has begun.
func nextBookable(now time.Time) time.Time {
	start := now.Truncate(15 * time.Minute).Add(15 * time.Minute)
	day := midnight(start)
	first := day.Add(calendarFirstHour * time.Hour)
	switch {
	case start.Before(first):
		return first
	case !start.Before(day.Add(calendarLastHour * time.Hour)):
		return day.AddDate(0, 0, 1).Add(calendarFirstHour * time.Hour)
	}
	return start
}

// restore opens the booking form a lock kept a draft of, with the draft in
// it: the booking being moved (id), or a new one for the client chosen then.
func (c *calendarScreen) restore(id int64, data draftData) {
	type found struct {
		booking store.Booking
		client  *store.Client
	}
	dbWork(c.shell.u, func(ctx context.Context, db *store.DB) (found, error) {
		var f found
		var err error
		client := data.Client
		if id != 0 {
			if f.booking, err = db.Booking(ctx, id); err != nil {
				return f, err
			}
			client = f.booking.ClientID
		}
		if client != 0 {
			cl, err := db.Client(ctx, client)
			if errors.Is(err, store.ErrNotPermitted) { // a booking whose client the person may not see
				cl, err = store.Client{ID: client, FirstName: lang.L("Client")}, nil
			}
			if err != nil {
				return f, err
			}
			f.client = &cl
		}
		return f, nil
	}, func(f found, err error) {
		if err != nil {
			fyne.LogError("ui: booking draft", err)
			return
		}
		if c.shell.calendar != c {
			return
		}
		form := newBookingForm(c, f.booking, f.client)
		form.pending = &data
		c.openForm(form)
	})
}

// openForm shows f in the panel.
func (c *calendarScreen) openForm(f *bookingForm) {
	c.closePanel()
	c.form = f
	f.setChoices(c.data.staff, c.data.services)
	c.panel.Objects = []fyne.CanvasObject{f.content()}
	c.showPanel()
	c.shell.u.win.Canvas().Focus(f.initialFocus())
}

// openDetails shows booking id in the panel and marks it in the grid.
func (c *calendarScreen) openDetails(id int64) {
	c.closePanel()
	c.selected = id
	c.shell.u.win.Canvas().Unfocus() // the calendar's keys work again
	d := newBookingDetails(c, id)
	c.details = d
	c.panel.Objects = []fyne.CanvasObject{d.content()}
	c.showPanel()
	c.draw()
}

// closePanel empties the panel and unmarks the booking.
func (c *calendarScreen) closePanel() {
	c.form, c.details = nil, nil
	c.panel.Objects = nil
	if c.selected != 0 {
		c.selected = 0
		c.draw()
	}
	c.showPanel()
}

// showPanel shows the panel while it holds something.
func (c *calendarScreen) showPanel() {
	if c.panelBox == nil {
		return
	}
	if len(c.panel.Objects) == 0 {
		c.panelBox.Hide()
	} else {
		c.panel.Show()
		c.panelBox.Show()
	}
	c.body.Refresh()
}

// onKey handles keys pressed with no field focused, as calendar apps do:
// arrows and Page Up/Down move through days or weeks, Home or T goes to
// today, D and W switch to the day and the week, Escape closes the panel.
func (c *calendarScreen) onKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyLeft, fyne.KeyPageUp:
		c.step(-1)
	case fyne.KeyRight, fyne.KeyPageDown:
		c.step(1)
	case fyne.KeyHome, fyne.KeyT:
		c.onToday()
	case fyne.KeyD:
		c.mode.SetSelected(lang.L("Day"))
	case fyne.KeyW:
		c.mode.SetSelected(lang.L("Week"))
	}
}

// onEscape closes the panel, asking first when a booking form in it holds
// unsaved changes.
func (c *calendarScreen) onEscape() {
	if c.details != nil && c.details.confirm != nil {
		c.details.keepIt() // Esc answers the question: keep it
		return
	}
	if c.form != nil {
		c.shell.leaveThen(c.closePanel)
		return
	}
	c.closePanel()
}

// bookingClientName is the name a booking shows for its client: "Client"
// when the person acting may not see who it is (a stylist, on another day).
func bookingClientName(b store.Booking) string {
	if b.ClientHidden {
		return lang.L("Client")
	}
	if b.ClientName == "" || b.ClientName == " " {
		return lang.L("Anonymized client #{{.ID}}", map[string]any{"ID": strconv.FormatInt(b.ClientID, 10)})
	}
	return b.ClientName
}

// blockKind colours a booking by its status.
func blockKind(status string) kwidget.BlockKind {
	switch status {
	case store.StatusCompleted:
		return kwidget.BlockCompleted
	case store.StatusCancelled:
		return kwidget.BlockCancelled
	case store.StatusNoShow:
		return kwidget.BlockNoShow
	default:
		return kwidget.BlockBooked
	}
}
