package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
	kwidget "kartoteka/ui/widget"
)

// team is what the calendar tests book with.
type team struct {
	anna, piotr int64 // staff
	cut         int64 // a 60-minute service at 120.00
	zofia       int64 // a client
}

// makeTeam adds two stylists, a service and a client to the closed salon.
func (h *harness) makeTeam() team {
	h.t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, h.u.cfg.Path, testPassphrase, store.Options{KDF: store.CheapKDF})
	if err != nil {
		h.t.Fatal(err)
	}
	defer db.Close()
	var tm team
	must := func(id int64, err error) int64 {
		h.t.Helper()
		if err != nil {
			h.t.Fatal(err)
		}
		return id
	}
	tm.anna = must(db.CreateStaff(ctx, store.Staff{Name: "Anna Stylistka", Role: "stylist"}))
	tm.piotr = must(db.CreateStaff(ctx, store.Staff{Name: "Piotr Fryzjer", Role: "stylist"}))
	tm.cut = must(db.CreateService(ctx, store.Service{Name: "Strzyżenie", Minutes: 60, Price: store.Money{Minor: 12000}}))
	tm.zofia = must(db.CreateClient(ctx, store.ClientInput{FirstName: "Zofia", LastName: "Nowak", Phone: "601 234 567"}))
	return tm
}

// openCalendar unlocks the salon and shows the calendar, loaded.
func (h *harness) openCalendar() (*shellScreen, *calendarScreen) {
	h.t.Helper()
	sh := h.unlock()
	sh.select_(sectionCalendar)
	c := sh.calendar
	if c == nil {
		h.t.Fatal("the calendar section shows no calendar")
	}
	h.waitFor("the calendar", func() bool { return c.loaded })
	return sh, c
}

// tapSlot taps the grid where lane of column shows the time of day at.
func (h *harness) tapSlot(c *calendarScreen, column, lane int, at time.Duration) {
	h.t.Helper()
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(c.grid)
	test.TapCanvas(h.u.win.Canvas(), abs.Add(c.grid.PositionOf(column, lane, at).AddXY(0, 4)))
}

// chooseClient finds q in the booking form's client picker and takes the
// first match with Enter.
func (h *harness) chooseClient(f *bookingForm, q string) {
	h.t.Helper()
	test.Type(f.client.search, q)
	h.waitFor("the client matches", func() bool { return len(f.client.matches) > 0 })
	submit(f.client.search)
	if f.client.chosen == nil {
		h.t.Fatal("Enter does not choose the first match")
	}
}

func (h *harness) bookings(tm team) []store.Booking {
	h.t.Helper()
	bs, err := h.u.db.ClientBookings(context.Background(), tm.zofia)
	if err != nil {
		h.t.Fatal(err)
	}
	return bs
}

func TestCalendarBookAndConflict(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	tm := h.makeTeam()
	_, c := h.openCalendar()
	if len(c.grid.Columns) != 2 || c.grid.Columns[0].Title != "Anna Stylistka" {
		t.Fatalf("day view columns = %+v, want one per staff member", c.grid.Columns)
	}

	// An empty place at 10:00 in Piotr's column opens the form there.
	h.tapSlot(c, 1, 0, 10*time.Hour)
	f := c.form
	if f == nil {
		t.Fatal("tapping an empty place opens no booking form")
	}
	if f.staff.Selected != "Piotr Fryzjer" || f.start.Text != "10:00" || f.date.Text != numericDate("en", testClock()) {
		t.Fatalf("form at staff %q, day %q, time %q", f.staff.Selected, f.date.Text, f.start.Text)
	}
	if h.u.win.Canvas().Focused() != f.client.search {
		t.Error("the client search does not have the keyboard")
	}
	test.Tap(f.save)
	if msg := visibleText(f.form.errLabel("client")); msg == "" {
		t.Error("booking with no client gives no message beside the client")
	}
	h.chooseClient(f, "nowak")
	f.service.SetSelectedIndex(0)
	mustContain(t, "end", f.ends.Text, "Until 11:00")
	test.Tap(f.save)
	h.waitFor("the booking", func() bool { return c.details != nil && c.details.loaded })
	bs := h.bookings(tm)
	if len(bs) != 1 || bs[0].StaffID != tm.piotr || bs[0].Start.Local().Format("15:04") != "10:00" || bs[0].End.Sub(bs[0].Start) != time.Hour {
		t.Fatalf("bookings = %+v", bs)
	}
	h.waitFor("the block", func() bool { return len(c.grid.Blocks) == 1 })
	if b := c.grid.Blocks[0]; b.Column != 1 || b.Title != "Zofia Nowak" || !strings.Contains(b.Detail, "Strzyżenie") || !b.Selected {
		t.Errorf("block = %+v", b)
	}

	// Half an hour earlier with Piotr again: the hour overlaps; refused,
	// beside the time.
	h.tapSlot(c, 1, 0, 9*time.Hour+30*time.Minute)
	f = c.form
	if f == nil || f.start.Text != "09:30" {
		t.Fatal("no form at 09:30")
	}
	h.chooseClient(f, "601")
	f.service.SetSelectedIndex(0)
	test.Tap(f.save)
	msg := f.form.errLabel("start")
	h.waitFor("the conflict message", func() bool { return visibleText(msg) != "" })
	mustContain(t, "conflict message", msg.Text, "Piotr Fryzjer already has a booking at that time")
	if n := len(h.bookings(tm)); n != 1 {
		t.Errorf("%d bookings after a refused one, want 1", n)
	}

	// Tapping Anna's column while the form is open moves it there: fine.
	h.tapSlot(c, 0, 0, 9*time.Hour+30*time.Minute)
	if c.form != f || f.staff.Selected != "Anna Stylistka" {
		t.Fatalf("the open form did not follow the tap: staff %q", f.staff.Selected)
	}
	test.Tap(f.save)
	h.waitFor("the second booking", func() bool { return len(h.bookings(tm)) == 2 })
}

// bookAt puts a booking of the team's service for Zofia in the database.
func (h *harness) bookAt(tm team, staff int64, start time.Time) int64 {
	h.t.Helper()
	id, err := h.u.db.CreateBooking(context.Background(), store.BookingInput{ClientID: tm.zofia, StaffID: staff, ServiceID: tm.cut, Start: start})
	if err != nil {
		h.t.Fatal(err)
	}
	return id
}

func TestCalendarCheckOut(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	tm := h.makeTeam()
	sh := h.unlock()
	id := h.bookAt(tm, tm.anna, midnight(testClock()).Add(9*time.Hour))
	sh.select_(sectionCalendar)
	c := sh.calendar
	h.waitFor("the booking in the grid", func() bool { return len(c.grid.Blocks) == 1 })

	h.tapSlot(c, 0, 0, 9*time.Hour+30*time.Minute) // on the block
	d := c.details
	if d == nil {
		t.Fatal("tapping a booking does not show it")
	}
	h.waitFor("the booking", func() bool { return d.loaded })
	test.Tap(d.checkOut)
	co := d.checkout
	if co == nil || co.amount.Text != "120.00" || co.method.Selected != "Card" {
		t.Fatalf("checkout prefilled with %q, %q", co.amount.Text, co.method.Selected)
	}
	co.amount.SetText("12O")
	test.Tap(co.take)
	if visibleText(co.amountEr) == "" {
		t.Error("a mistyped amount gives no message")
	}
	co.amount.SetText("130.00")
	co.method.SetSelected("Cash")
	test.Tap(co.take)
	h.waitFor("the paid booking", func() bool { return d.checkout == nil && d.loaded && d.paid == 13000 })
	if d.booking.Status != store.StatusCompleted {
		t.Errorf("status after checkout = %s", d.booking.Status)
	}
	ps, err := h.u.db.ClientPayments(context.Background(), tm.zofia)
	if err != nil || len(ps) != 1 || ps[0].BookingID != id || ps[0].Amount.Minor != 13000 || ps[0].Method != "cash" {
		t.Fatalf("payments = %+v, %v", ps, err)
	}

	// The payment is on the client's card.
	test.Tap(d.openCard)
	card := sh.card
	if card == nil {
		t.Fatal("Open the client card does not open it")
	}
	h.waitFor("the card", func() bool { return card.loaded })
	if got := rowTexts(card.payments); !strings.Contains(got, "130.00") || !strings.Contains(got, "Cash") {
		t.Errorf("the card's payments read %q", got)
	}
}

// rowTexts is the text of the labels in the rows of box.
func rowTexts(box *fyne.Container) string {
	var b strings.Builder
	for _, row := range box.Objects {
		if r, ok := row.(*fyne.Container); ok {
			for _, cell := range r.Objects {
				if l, ok := cell.(*widget.Label); ok {
					b.WriteString(l.Text + " ")
				}
			}
		}
	}
	return b.String()
}

func TestCalendarMoveAndStatus(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	tm := h.makeTeam()
	sh := h.unlock()
	day := midnight(testClock())
	id := h.bookAt(tm, tm.anna, day.Add(9*time.Hour))
	h.bookAt(tm, tm.piotr, day.Add(13*time.Hour))
	sh.select_(sectionCalendar)
	c := sh.calendar
	h.waitFor("the bookings", func() bool { return len(c.grid.Blocks) == 2 })
	c.openDetails(id)
	d := c.details
	h.waitFor("the booking", func() bool { return d.loaded })

	// Move to Piotr at 13:30: he is busy until 14:00.
	test.Tap(d.move)
	f := c.form
	if f == nil || f.client.chosen == nil || f.client.chosen.ID != tm.zofia {
		t.Fatal("Move opens no form with the client")
	}
	f.staff.SetSelected("Piotr Fryzjer")
	f.start.SetText("13:30")
	test.Tap(f.save)
	msg := f.form.errLabel("start")
	h.waitFor("the conflict", func() bool { return visibleText(msg) != "" })
	f.start.SetText("14:00")
	test.Tap(f.save)
	h.waitFor("the moved booking", func() bool { return c.details != nil && c.details.loaded })
	b, err := h.u.db.Booking(context.Background(), id)
	if err != nil || b.StaffID != tm.piotr || b.Start.Local().Format("15:04") != "14:00" || b.Status != store.StatusBooked {
		t.Fatalf("after the move: %+v, %v", b, err)
	}

	d = c.details
	test.Tap(d.noShow)
	h.waitFor("no-show", func() bool { return d.loaded && d.booking.Status == store.StatusNoShow })
	h.waitFor("the no-show drawn as one", func() bool {
		return len(c.grid.Blocks) == 2 && c.grid.Blocks[1].Kind == kwidget.BlockNoShow
	})
	test.Tap(d.restore)
	h.waitFor("booked again", func() bool { return d.loaded && d.booking.Status == store.StatusBooked })

	// Cancel asks first, in the place of the button, naming whose booking;
	// Keep it keeps it.
	at := slices.Index(d.box.Objects, fyne.CanvasObject(d.cancel))
	test.Tap(d.cancel)
	if d.confirm == nil {
		t.Fatal("cancel does not ask")
	}
	if at < 0 || d.box.Objects[at] != fyne.CanvasObject(d.confirm) {
		t.Error("the question does not show where Cancel was")
	}
	mustContain(t, "question", d.confirm.Objects[0].(*widget.Label).Text, "Cancel Zofia Nowak's booking on")
	grid := d.confirm.Objects[1].(*fyne.Container)
	test.Tap(grid.Objects[0].(*widget.Button))
	if d.confirm != nil {
		t.Fatal("Keep it leaves the question")
	}
	test.Tap(d.cancel)
	h.key(fyne.KeyEscape)
	if d.confirm != nil || c.details != d {
		t.Fatal("Esc on the question does not keep the booking, with its panel open")
	}
	// The question stands among the buttons: when they are laid out again
	// (another action taken meanwhile), it goes, and keeping is harmless
	// (it once indexed the question that was no longer there).
	test.Tap(d.cancel)
	d.show(detailsData{booking: d.booking, client: d.client})
	d.keepIt()
	test.Tap(d.cancel)
	test.Tap(d.confirm.Objects[1].(*fyne.Container).Objects[1].(*widget.Button))
	h.waitFor("cancelled", func() bool { return d.loaded && d.booking.Status == store.StatusCancelled })
	h.waitFor("the grid without it", func() bool { return len(c.grid.Blocks) == 1 })
	c.showCancelled.SetChecked(true)
	if len(c.grid.Blocks) != 2 {
		t.Error("Show cancelled does not show it")
	}
}

func TestCalendarWeekAndKeys(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	tm := h.makeTeam()
	sh := h.unlock()
	mon := monday(testClock())
	h.bookAt(tm, tm.piotr, mon.AddDate(0, 0, 2).Add(11*time.Hour))
	h.bookAt(tm, tm.anna, mon.Add(7*time.Hour)) // before the usual first hour
	sh.select_(sectionCalendar)
	c := sh.calendar
	h.waitFor("the day", func() bool { return c.loaded })
	c.mode.SetSelected("Week")
	h.waitFor("the week", func() bool { return c.loaded && len(c.grid.Columns) == 7 && len(c.grid.Blocks) == 2 })
	if got := c.grid.Columns[0]; !strings.HasPrefix(got.Title, "Mon ") || len(got.Lanes) != 2 || got.Lanes[1] != "PF" {
		t.Errorf("Monday's column = %+v", got)
	}
	if c.grid.FirstHour != 7 {
		t.Errorf("first hour = %d, want 7 to show the early booking", c.grid.FirstHour)
	}
	found := false
	for _, b := range c.grid.Blocks {
		if b.Column == 2 && b.Lane == 1 && b.From == 11*time.Hour {
			found = true
		}
	}
	if !found {
		t.Errorf("Piotr's Wednesday booking is not in Wednesday's second lane: %+v", c.grid.Blocks)
	}
	c.staffPick.SetSelected("Piotr Fryzjer")
	if len(c.grid.Blocks) != 1 || len(c.grid.Columns[0].Lanes) != 0 {
		t.Errorf("one staff member's week: %d blocks, lanes %v", len(c.grid.Blocks), c.grid.Columns[0].Lanes)
	}
	if !h.u.fyne.Preferences().Bool(prefCalendarWeek) {
		t.Error("the week view is not remembered")
	}

	// With no field focused, Page Down shows the next week, Home today's.
	h.u.win.Canvas().Unfocus()
	h.u.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	h.waitFor("next week", func() bool { return c.loaded && c.data.from.Equal(mon.AddDate(0, 0, 7)) })
	if len(c.grid.Blocks) != 0 {
		t.Errorf("next week shows %d bookings", len(c.grid.Blocks))
	}
	c.onKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	h.waitFor("this week", func() bool { return c.loaded && c.data.from.Equal(mon) })

	// The panel takes room from the grid while it shows, and gives it back.
	wide := c.grid.Size().Width
	h.tapSlot(c, 0, 0, 9*time.Hour)
	if c.form == nil || c.grid.Size().Width > wide-panelWidth+1 {
		t.Fatalf("with the form open the grid is %v wide, was %v", c.grid.Size().Width, wide)
	}
	h.key(fyne.KeyEscape)
	if c.form != nil || c.grid.Size().Width != wide {
		t.Errorf("after Escape: form %v, grid %v wide, want %v", c.form != nil, c.grid.Size().Width, wide)
	}
	c.onKey(&fyne.KeyEvent{Name: fyne.KeyD})
	h.waitFor("the day", func() bool { return c.loaded && !c.week && len(c.grid.Columns) == 2 })
}

func TestBookFromCard(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	tm := h.makeTeam()
	sh := h.unlock()
	sh.openCard(tm.zofia)
	card := sh.card
	h.waitFor("the card", func() bool { return card.loaded })
	test.Tap(card.book)
	c := sh.calendar
	if c == nil || c.form == nil || c.form.client.chosen == nil || c.form.client.chosen.ID != tm.zofia {
		t.Fatal("Book on the card opens no booking form for the client")
	}
	h.waitFor("the choices", func() bool { return len(c.form.staffList) == 2 })
	c.form.service.SetSelectedIndex(0)
	c.form.staff.SetSelectedIndex(0)
	c.form.date.SetText(numericDate("en", testClock().AddDate(0, 0, 1)))
	c.form.start.SetText("9.15")
	c.form.start.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter books
	h.waitFor("the booking", func() bool { return len(h.bookings(tm)) == 1 })
	if got := h.bookings(tm)[0].Start.Local().Format("15:04"); got != "09:15" {
		t.Errorf("booked at %s", got)
	}
}

func TestParseDayAndClock(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"01.12.2026", "2026-12-01"}, {"1/12/2026", "2026-12-01"}, {"2026-12-01", "2026-12-01"},
		{"31.02.2026", ""}, {"12.2026", ""}, {"aa.bb.cccc", ""}, {"5.3.26", "2026-03-05"},
	} {
		d, ok := parseDay(c.in)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != c.want {
			t.Errorf("parseDay(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"14:30", 14*time.Hour + 30*time.Minute, true}, {"9", 9 * time.Hour, true}, {"0915", 9*time.Hour + 15*time.Minute, true},
		{"9.15", 9*time.Hour + 15*time.Minute, true}, {"24:00", 0, false}, {"10:7", 0, false}, {"x", 0, false},
	} {
		got, ok := parseClock(c.in)
		if ok != c.ok || got != c.want {
			t.Errorf("parseClock(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestSwitchLanguageInSettings(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	tm := h.makeTeam()
	sh := h.unlock()
	id := h.bookAt(tm, tm.anna, midnight(testClock()).Add(11*time.Hour))
	sh.select_(sectionSettings)
	sh.settings.language.SetSelected("Deutsch")
	de, ok := h.u.current.(*shellScreen)
	if !ok || de == sh || de.sections[0].title != "Kalender" {
		t.Fatalf("after choosing Deutsch the main window is not rebuilt in German")
	}
	if got := h.u.fyne.Preferences().String(prefLanguage); got != "de" {
		t.Errorf("remembered language %q", got)
	}
	de.select_(sectionCalendar)
	c := de.calendar
	h.waitFor("the calendar", func() bool { return c.loaded })
	if got := c.title.Text; got != "Dienstag, 01.12.2026" {
		t.Errorf("calendar title %q", got)
	}
	c.openDetails(id)
	d := c.details
	h.waitFor("the booking", func() bool { return d.loaded })
	if got := d.checkOut.Text; got != "Abrechnen" {
		t.Errorf("check out in German: %q", got)
	}
	test.Tap(d.checkOut)
	if got := d.checkout.amount.Text; got != "120,00" {
		t.Errorf("amount to type in German: %q, want 120,00", got)
	}
}
