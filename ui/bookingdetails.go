package ui

import (
	"context"
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// bookingDetails shows one booking in the calendar's panel, with what can be
// done to it: check out, move, mark completed or no-show, cancel (asked
// twice), put back, or open the client's card.
type bookingDetails struct {
	cal *calendarScreen
	id  int64

	box      *fyne.Container
	problem  *problemBox
	loaded   bool
	booking  store.Booking
	client   store.Client
	hidden   bool          // the person acting may not see who the client is
	paid     int64         // minor units paid for this booking
	checkout *checkoutForm // while the checkout shows

	checkOut, move, complete, noShow, cancel, restore, openCard, close *widget.Button
	confirm                                                            *fyne.Container // "cancel it?" while asked, where Cancel was
}

// detailsData is a booking with its client and what was paid for it.
type detailsData struct {
	booking  store.Booking
	client   store.Client
	hidden   bool // the client is not for the person acting to see
	money    bool // payments were read (the person may see them)
	payments []store.Payment
	service  string
	staff    string
}

func newBookingDetails(cal *calendarScreen, id int64) *bookingDetails {
	d := &bookingDetails{cal: cal, id: id, box: container.NewVBox(), problem: newProblemBox()}
	d.checkOut = widget.NewButtonWithIcon(lang.L("Check out"), theme.ConfirmIcon(), d.onCheckOut)
	d.checkOut.Importance = widget.HighImportance
	d.move = widget.NewButtonWithIcon(lang.L("Move"), theme.ViewRefreshIcon(), d.onMove)
	d.complete = widget.NewButtonWithIcon(lang.L("Mark completed"), theme.CheckButtonCheckedIcon(), func() { d.setStatus(store.StatusCompleted) })
	d.noShow = widget.NewButtonWithIcon(lang.L("Mark no-show"), theme.ErrorIcon(), func() { d.setStatus(store.StatusNoShow) })
	d.cancel = widget.NewButtonWithIcon(lang.L("Cancel the booking"), theme.DeleteIcon(), d.onCancel)
	d.restore = widget.NewButtonWithIcon(lang.L("Restore the booking"), theme.HistoryIcon(), func() { d.setStatus(store.StatusBooked) })
	d.openCard = widget.NewButtonWithIcon(lang.L("Open the client card"), theme.AccountIcon(), d.onOpenCard)
	d.close = widget.NewButtonWithIcon(lang.L("Close"), theme.CancelIcon(), cal.closePanel)
	d.box.Add(widget.NewActivity())
	d.load()
	return d
}

func (d *bookingDetails) content() fyne.CanvasObject { return d.box }

// load reads the booking, its client and its payments in the background.
func (d *bookingDetails) load() {
	id := d.id
	money := d.cal.shell.u.may(store.PermPaymentsView)
	end := d.cal.shell.begin(lang.L("Loading the booking…"))
	dbWork(d.cal.shell.u, func(ctx context.Context, db *store.DB) (detailsData, error) {
		var v detailsData
		var err error
		if v.booking, err = db.Booking(ctx, id); err != nil {
			return v, err
		}
		v.client, err = db.Client(ctx, v.booking.ClientID)
		if errors.Is(err, store.ErrNotPermitted) { // a stylist, on another day: the booking without who
			v.client, v.hidden, err = store.Client{ID: v.booking.ClientID}, true, nil
		}
		if err != nil {
			return v, err
		}
		if v.money = money && !v.hidden; v.money {
			if v.payments, err = db.ClientPayments(ctx, v.booking.ClientID); err != nil {
				return v, err
			}
		}
		svc, err := db.Service(ctx, v.booking.ServiceID)
		if err != nil {
			return v, err
		}
		v.service = svc.Name
		staff, err := db.StaffMembers(ctx)
		for _, s := range staff {
			if s.ID == v.booking.StaffID {
				v.staff = s.Name
			}
		}
		return v, err
	}, func(v detailsData, err error) {
		end()
		if d.cal.details != d {
			return
		}
		if err != nil {
			d.box.Objects = []fyne.CanvasObject{d.problem, d.close}
			d.problem.show(lang.L("The booking could not be loaded."), err)
			d.box.Refresh()
			return
		}
		d.show(v)
	})
}

// show lays the booking out with the actions its status allows.
func (d *bookingDetails) show(v detailsData) {
	d.loaded, d.booking, d.client, d.hidden, d.paid = true, v.booking, v.client, v.hidden, 0
	d.confirm = nil // the question goes with the buttons it stood among
	u := d.cal.shell.u
	var method string
	for _, p := range v.payments {
		if p.BookingID == d.id {
			d.paid += p.Amount.Minor
			method = p.Method
		}
	}
	b, code := v.booking, d.cal.shell.u.lang
	name := subheading(d.clientName())
	name.Wrapping = fyne.TextWrapWord
	when := weekdayName(b.Start) + ", " + formatDate(code, b.Start) + ", " + b.Start.Local().Format("15:04") + "–" + b.End.Local().Format("15:04")
	paid := lang.L("Not paid yet")
	if d.paid != 0 {
		paid = lang.L("Paid: {{.Amount}} ({{.Method}})", map[string]any{
			"Amount": formatMoney(code, store.Money{Minor: d.paid, Currency: b.Price.Currency}), "Method": methodName(method)})
	}
	facts := container.NewVBox(
		paragraph(when),
		paragraph(v.service+" · "+v.staff),
		paragraph(lang.L("Status: {{.Status}}", map[string]any{"Status": statusName(b.Status)})+" · "+formatMoney(code, b.Price)),
	)
	if v.money {
		facts.Add(paragraph(paid))
	}
	objs := []fyne.CanvasObject{name, facts, d.problem}
	var actions []fyne.CanvasObject
	var missing []store.Permission
	offer := func(p store.Permission, bs ...fyne.CanvasObject) {
		if u.may(p) {
			actions = append(actions, bs...)
		} else if !slices.Contains(missing, p) {
			missing = append(missing, p)
		}
	}
	live := b.Status == store.StatusBooked || b.Status == store.StatusCompleted
	if live && d.paid == 0 && !v.client.Anonymized && !v.hidden {
		if u.may(store.PermCheckout) && !v.money { // what was paid is not known here
			missing = append(missing, store.PermPaymentsView)
		} else {
			offer(store.PermCheckout, d.checkOut)
		}
	}
	if b.Status == store.StatusBooked {
		offer(store.PermBook, d.move, d.complete, d.noShow, d.cancel)
	}
	if b.Status == store.StatusCancelled || b.Status == store.StatusNoShow {
		offer(store.PermBook, d.restore)
	}
	if !v.client.Anonymized && !v.hidden {
		actions = append(actions, d.openCard)
	}
	actions = append(actions, d.close)
	if len(missing) > 0 {
		why := reasonLine()
		setReason(why, notAllowed(missing...))
		actions = append(actions, why)
	}
	objs = append(objs, widget.NewSeparator())
	objs = append(objs, actions...)
	d.box.Objects = objs
	d.box.Refresh()
	d.cal.panel.Refresh()
}

// clientName names the booking's client, or says "Client" when the person
// acting may not see who it is.
func (d *bookingDetails) clientName() string {
	if d.hidden {
		return lang.L("Client")
	}
	return clientName(d.client)
}

func (d *bookingDetails) onMove() {
	if !d.loaded {
		return
	}
	cl := d.client
	if d.hidden {
		cl.FirstName = d.clientName()
	}
	d.cal.openForm(newBookingForm(d.cal, d.booking, &cl))
}

// onCancel asks once more before cancelling, in the place of the button, so
// the question shows where the owner is looking.
func (d *bookingDetails) onCancel() {
	i := slices.Index(d.box.Objects, fyne.CanvasObject(d.cancel))
	if d.confirm != nil || i < 0 {
		return
	}
	undo := d.keepIt
	keep := widget.NewButton(lang.L("Keep it"), undo)
	yes := widget.NewButtonWithIcon(lang.L("Cancel the booking"), theme.DeleteIcon(), func() {
		undo()
		d.setStatus(store.StatusCancelled)
	})
	yes.Importance = widget.DangerImportance
	d.confirm = container.NewVBox(paragraph(lang.L("Cancel {{.Name}}'s booking on {{.When}}? The time becomes free for others.",
		map[string]any{"Name": d.clientName(), "When": formatDate(d.cal.shell.u.lang, d.booking.Start) + " " + d.booking.Start.Local().Format("15:04")})),
		container.NewGridWithColumns(2, keep, yes))
	d.box.Objects[i] = d.confirm
	d.box.Refresh()
	d.cal.panel.Refresh()
}

// keepIt takes the question about cancelling away, putting Cancel back.
func (d *bookingDetails) keepIt() {
	i := slices.Index(d.box.Objects, fyne.CanvasObject(d.confirm))
	d.confirm = nil
	if i < 0 {
		return
	}
	d.box.Objects[i] = d.cancel
	d.box.Refresh()
	d.cal.panel.Refresh()
}

// setStatus changes the booking's status, then shows the calendar and the
// booking afresh.
func (d *bookingDetails) setStatus(status string) {
	id := d.id
	end := d.cal.shell.begin(lang.L("Saving…"))
	dbWork(d.cal.shell.u, func(ctx context.Context, db *store.DB) (struct{}, error) {
		return struct{}{}, db.SetBookingStatus(ctx, id, status)
	}, func(_ struct{}, err error) {
		end()
		if d.cal.details != d {
			return
		}
		if err != nil {
			if errors.Is(err, store.ErrOverlap) {
				d.problem.show(lang.L("The time is taken by another booking now; move this one instead."), nil)
			} else {
				d.problem.show(lang.L("This could not be saved."), err)
			}
			d.cal.panel.Refresh()
			return
		}
		d.cal.load()
		d.load()
	})
}

func (d *bookingDetails) onCheckOut() {
	if !d.loaded {
		return
	}
	d.checkout = newCheckoutForm(d)
	d.box.Objects = []fyne.CanvasObject{d.checkout.content()}
	d.box.Refresh()
	d.cal.panel.Refresh()
	d.cal.shell.u.win.Canvas().Focus(d.checkout.amount)
}

func (d *bookingDetails) onOpenCard() {
	if d.loaded {
		d.cal.shell.showClientCard(d.booking.ClientID)
	}
}
