package ui

import (
	"context"
	"errors"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// clientCard is one client's card in the clients section: the details, which
// can be edited and saved, with the client's bookings and payments beneath.
type clientCard struct {
	shell *shellScreen
	id    int64

	back     *widget.Button
	book     *widget.Button
	export   *widget.Button
	forget   *widget.Button
	history  *widget.Button // the card's events in the audit log
	title    *widget.Label
	limits   *widget.Label   // what the role of the person acting does not allow here
	badges   *fyne.Container // restricted, kept out of retention
	problem  *problemBox
	form     *clientForm
	save     *widget.Button
	cancel   *widget.Button
	activity *widget.Activity
	saved    *widget.Label // when the card was last saved, once it was
	readOnly *widget.Label // why the details cannot be changed, when they cannot
	dupes    *dupWarning
	details  *fyne.Container // the form and its buttons; hidden for an anonymized client
	privacy  *cardPrivacy
	privBox  *fyne.Container // the privacy part; hidden for an anonymized client
	requests *cardRequests
	upcoming *fyne.Container
	past     *fyne.Container
	payments *fyne.Container

	askedBasis *basisQuestion // the last ground asked for, for tests
	pending    *draftData     // a draft to put back once the card is read

	root   *fyne.Container   // everything the card shows, in a column
	scroll fyne.CanvasObject // root, scrolling
	loaded bool              // the card has been read
	client store.Client      // as last read
}

// cardData is a card with the names of the staff and services, read off the
// UI goroutine.
type cardData struct {
	card     store.Card
	staff    map[int64]string
	services map[int64]string
}

// backTo makes the card's Back go elsewhere than the list: label names
// where, back goes there (once unsaved changes are dealt with).
func (c *clientCard) backTo(label string, back func()) {
	c.back.SetText(label)
	c.back.OnTapped = c.shell.asking(back)
}

// newClientCard makes the card of client id and starts reading it.
func newClientCard(shell *shellScreen, id int64) *clientCard {
	c := &clientCard{shell: shell, id: id, form: newClientForm()}
	c.back = widget.NewButtonWithIcon(lang.L("Back to the list"), theme.NavigateBackIcon(), shell.asking(shell.openList))
	c.book = widget.NewButtonWithIcon(lang.L("Book"), theme.CalendarIcon(), shell.asking(c.onBook))
	c.book.Importance = widget.HighImportance
	c.book.Hide()
	c.export = widget.NewButtonWithIcon(lang.L("Export data"), theme.DocumentSaveIcon(), shell.asking(c.onExport))
	c.export.Hide()
	c.forget = widget.NewButtonWithIcon(lang.L("Forget (GDPR)…"), theme.DeleteIcon(), shell.asking(func() { c.shell.openForget(c.id) }))
	c.forget.Hide()
	c.history = widget.NewButtonWithIcon(lang.L("History of this card"), theme.HistoryIcon(), shell.asking(func() { shell.openAuditFor(id) }))
	c.history.Importance = widget.LowImportance
	if !shell.u.may(store.PermAudit) {
		c.history.Hide()
	}
	c.title = heading("")
	c.limits = reasonLine()
	c.badges = container.NewHBox()
	c.problem = newProblemBox()
	c.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), c.onSave)
	c.save.Importance = widget.HighImportance
	c.cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), shell.asking(c.onCancel))
	c.activity = widget.NewActivity()
	c.activity.Hide()
	c.saved = widget.NewLabel("")
	c.saved.Importance = widget.SuccessImportance
	c.saved.Hide()
	c.dupes = newDupWarning(c.onSave)
	submitWith(c.onSave, c.form.entries["first_name"], c.form.entries["last_name"], c.form.entries["phone"],
		c.form.entries["email"], c.form.entries["birth_date"])
	c.readOnly = reasonLine()
	c.details = container.NewVBox(c.form.content(), c.readOnly, c.dupes.box,
		container.NewBorder(nil, nil, c.cancel, container.NewHBox(c.activity, c.saved, c.save)))
	c.details.Hide()
	c.privacy = newCardPrivacy(c)
	c.privBox = container.NewVBox(c.privacy.content())
	c.privBox.Hide()
	c.upcoming, c.past, c.payments = container.NewVBox(), container.NewVBox(), container.NewVBox()
	c.requests = newCardRequests(c)
	if !shell.u.may(store.PermRequests) {
		c.requests.box.Hide() // the requests are not for the person acting
	}
	c.load()
	return c
}

func (c *clientCard) content() fyne.CanvasObject {
	c.root = container.NewVBox(
		container.NewBorder(nil, nil, c.back, container.NewHBox(c.forget, c.export, c.book)),
		c.limits,
		container.NewBorder(nil, nil, nil, c.history, c.title),
		c.badges,
		c.problem,
		c.details,
		c.privBox,
		c.requests.box,
		subheading(lang.L("Upcoming bookings")), c.upcoming,
		subheading(lang.L("Past and cancelled bookings")), c.past,
		subheading(lang.L("Payments")), c.payments,
	)
	c.scroll = widePage(c.root)
	return c.scroll
}

// relayout lays the card out again after parts of it were shown, hidden or
// filled.
func (c *clientCard) relayout() {
	if c.root != nil {
		c.root.Refresh()
		c.scroll.Refresh()
	}
}

// subheading is the title of a part of a screen.
func subheading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	return l
}

// load reads the card in the background and shows it.
func (c *clientCard) load() {
	id := c.id
	end := c.shell.begin(lang.L("Loading the client card…"))
	dbWork(c.shell.u, func(ctx context.Context, db *store.DB) (cardData, error) {
		card, err := db.ClientCard(ctx, id)
		if err != nil {
			return cardData{}, err
		}
		staff, err := db.StaffMembers(ctx)
		if err != nil {
			return cardData{}, err
		}
		services, err := db.Services(ctx)
		if err != nil {
			return cardData{}, err
		}
		d := cardData{card: card, staff: map[int64]string{}, services: map[int64]string{}}
		for _, s := range staff {
			d.staff[s.ID] = s.Name
		}
		for _, s := range services {
			d.services[s.ID] = s.Name
		}
		return d, nil
	}, func(d cardData, err error) {
		end()
		if err != nil {
			c.problem.show(lang.L("The client card could not be loaded."), err)
			return
		}
		c.show(d)
	})
}

// show puts a freshly read card on screen.
func (c *clientCard) show(d cardData) {
	c.loaded = true
	c.client = d.card.Client
	cl := d.card.Client
	if cl.Anonymized {
		c.title.SetText(lang.L("Anonymized client #{{.ID}}", map[string]any{"ID": strconv.FormatInt(cl.ID, 10)}))
		c.details.Hide()
		c.privBox.Hide()
		c.book.Hide()
		c.export.Hide()
		c.forget.Hide()
	} else {
		c.book.Show()
		c.export.Show()
		c.forget.Show()
		c.title.SetText(cl.FirstName + " " + cl.LastName)
		c.form.set(cl, c.shell.u.salon.Country)
		c.details.Show()
		c.privacy.show(d.card)
		c.privBox.Show()
	}
	c.allow()
	c.showBadges()
	if c.shell.u.may(store.PermRequests) {
		c.requests.load()
	}
	code, now := c.shell.u.lang, c.shell.u.now()
	var upcoming, past []fyne.CanvasObject
	for _, b := range d.card.Bookings {
		service := b.ServiceName
		if service == "" {
			service = d.services[b.ServiceID]
		}
		row := textRow([]float32{2, 1, 3, 2, 2}, formatDate(code, b.Start), b.Start.Local().Format("15:04"),
			service, d.staff[b.StaffID], statusName(b.Status))
		if b.Status == store.StatusBooked && b.Start.After(now) {
			upcoming = append([]fyne.CanvasObject{row}, upcoming...) // soonest first
		} else {
			past = append(past, row) // visits, no-shows and cancellations, newest first
		}
	}
	var payments []fyne.CanvasObject
	for _, p := range d.card.Payments {
		payments = append(payments, textRow([]float32{2, 2, 2}, formatDate(code, p.At), formatMoney(code, p.Amount), methodName(p.Method)))
	}
	setRows(c.upcoming, upcoming, lang.L("No upcoming bookings."))
	setRows(c.past, past, lang.L("No past or cancelled bookings."))
	none := lang.L("No payments.")
	if d.card.MoneyHidden {
		none = lang.L("Payments are hidden for your role.")
	}
	setRows(c.payments, payments, none)
	c.restorePending()
	c.relayout()
}

// allow offers what the person acting may do with the card: Book, Export
// and Forget are disabled without their permission, with the reason above
// the title; the details are read-only without clients.edit (Save stays for
// the health notes of someone who may change those alone).
func (c *clientCard) allow() {
	u := c.shell.u
	var missing []store.Permission
	for _, g := range []struct {
		b *widget.Button
		p store.Permission
	}{{c.book, store.PermBook}, {c.export, store.PermExport}, {c.forget, store.PermForget}} {
		allowIf(g.b, u.may(g.p))
		if !u.may(g.p) && g.b.Visible() {
			missing = append(missing, g.p)
		}
	}
	text := ""
	if len(missing) > 0 {
		text = notAllowed(missing...)
	}
	setReason(c.limits, text)
	edit := u.may(store.PermClientsEdit)
	c.form.setEnabled(edit)
	saves := edit || c.privacy.healthEditable()
	allowIf(c.save, saves)
	allowIf(c.cancel, saves)
	if edit {
		setReason(c.readOnly, "")
	} else {
		setReason(c.readOnly, notAllowed(store.PermClientsEdit))
	}
}

// showBadges says at the top of the card what limits the client's data:
// restriction of processing, and a hold against retention.
func (c *clientCard) showBadges() {
	var objs []fyne.CanvasObject
	if c.client.Restricted {
		objs = append(objs, badge(lang.L("Processing restricted (GDPR Art. 18)"), theme.ColorNameWarning, theme.ColorNameForegroundOnWarning))
	}
	if c.client.RetentionHold != "" {
		objs = append(objs, badge(lang.L("Kept out of automatic retention"), theme.ColorNameSelection, theme.ColorNameForeground))
	}
	c.badges.Objects = objs
	c.badges.Refresh()
}

// textRow is a read-only row of labels sharing the width by weights.
func textRow(weights []float32, texts ...string) fyne.CanvasObject {
	row := container.New(&columns{weights: weights})
	for _, t := range texts {
		l := widget.NewLabel(t)
		l.Truncation = fyne.TextTruncateEllipsis
		row.Add(l)
	}
	return row
}

// setRows fills box with rows, or with a quiet line saying there are none.
func setRows(box *fyne.Container, rows []fyne.CanvasObject, none string) {
	if len(rows) == 0 {
		l := widget.NewLabel(none)
		l.Importance = widget.LowImportance
		rows = []fyne.CanvasObject{l}
	}
	box.Objects = rows
	box.Refresh()
}

// statusName is a booking status in the language in use.
func statusName(s string) string {
	switch s {
	case store.StatusBooked:
		return lang.L("Booked")
	case store.StatusCompleted:
		return lang.L("Completed")
	case store.StatusCancelled:
		return lang.L("Cancelled")
	case store.StatusNoShow:
		return lang.L("No-show")
	default:
		return s
	}
}

// methodName is a payment method in the language in use.
func methodName(m string) string {
	switch m {
	case "cash":
		return lang.L("Cash")
	case "card":
		return lang.L("Card")
	case "transfer":
		return lang.L("Bank transfer")
	default:
		return m
	}
}

// onBook opens the calendar to book this client.
func (c *clientCard) onBook() {
	if c.loaded && !c.client.Anonymized {
		c.shell.bookFor(c.client)
	}
}

// onExport opens the export of this client's data.
func (c *clientCard) onExport() {
	if c.loaded && !c.client.Anonymized {
		c.shell.openExport(c.client)
	}
}

// onCancel puts back the details as last read.
func (c *clientCard) onCancel() {
	if c.loaded && !c.client.Anonymized {
		c.form.set(c.client, c.shell.u.salon.Country)
	}
}

// unsaved is part of editor: the details or the health notes differ from
// the card as last read.
func (c *clientCard) unsaved() bool {
	return c.loaded && !c.client.Anonymized && (c.form.changed() || c.privacy.healthChanged())
}

// draftKey is part of drafter.
func (c *clientCard) draftKey() (string, int64) { return "client:" + itoa(c.id), c.id }

// draftData is part of drafter.
func (c *clientCard) draftData() draftData {
	return draftData{Values: c.form.values(), Health: c.privacy.health.Text}
}

// restorePending puts a draft kept by a lock back into the card, once it
// is read.
func (c *clientCard) restorePending() {
	d := c.pending
	c.pending = nil
	if d == nil || c.client.Anonymized {
		return
	}
	c.form.setValues(d.Values)
	if c.privacy.given[store.ConsentHealth] && d.Health != "" {
		c.privacy.health.SetText(d.Health)
	}
	c.shell.restored(c)
}

// subject is part of editor.
func (c *clientCard) subject() string {
	return lang.L("the card of {{.Name}}", map[string]any{"Name": clientName(c.client)})
}

func (c *clientCard) onSave() { c.saveThen(nil) }

// saveThen is part of editor. Changing a restricted client's card asks
// first on which ground (GDPR Art. 18(2)), and records it.
func (c *clientCard) saveThen(next func()) {
	if !c.loaded || c.client.Anonymized {
		return
	}
	if c.client.Restricted {
		c.askedBasis = askBasis(c.shell.u.win, c.client, c.shell.u.lang, lang.L("Save on this ground"), func(basis string) {
			c.write(basis, next)
		})
		return
	}
	c.write("", next)
}

// write saves the details on basis (for a restricted client), then runs
// next.
func (c *clientCard) write(basis string, next func()) {
	c.form.clearErrors()
	in := c.form.input()
	in.HealthNotes = c.privacy.healthNotes(c.client.HealthNotes)
	in.Basis = basis
	id := c.id
	check := c.identityChanged() && !c.dupes.accepted(in)
	c.setWorking(true)
	end := c.shell.begin(lang.L("Saving…"))
	type outcome struct {
		client store.Client
		dupes  []store.Duplicate
	}
	dbWork(c.shell.u, func(ctx context.Context, db *store.DB) (outcome, error) {
		if check {
			dupes, err := db.DuplicatesOf(ctx, in, id)
			if err != nil || len(dupes) > 0 {
				return outcome{dupes: dupes}, err
			}
		}
		if err := db.UpdateClient(ctx, id, in); err != nil {
			return outcome{}, err
		}
		cl, err := db.Client(ctx, id)
		return outcome{client: cl}, err
	}, func(o outcome, err error) {
		end()
		c.setWorking(false)
		cl := o.client
		var fe *store.FieldError
		switch {
		case err == nil && len(o.dupes) > 0:
			c.dupes.show(c.shell, in, o.dupes)
			c.relayout()
			c.shell.u.scrollSoon(c.scroll, c.dupes.box)
			return
		case errors.As(err, &fe) && fe.Field == "health_notes":
			setError(c.privacy.healthErr, fieldMessage(err))
			c.relayout()
			return
		case err != nil:
			c.form.showError(err)
			c.relayout()
			return
		}
		c.client = cl
		c.dupes.hide()
		c.privacy.setHealth(cl.HealthNotes)
		c.title.SetText(cl.FirstName + " " + cl.LastName)
		c.form.set(cl, c.shell.u.salon.Country)
		c.setSaved()
		if next != nil {
			next()
		}
	})
}

// identityChanged reports whether what tells clients apart — name, phone,
// email, birth date — differs from the card as saved: only then is a
// possible duplicate worth a word.
func (c *clientCard) identityChanged() bool {
	now := c.form.values()
	for _, k := range []string{"first_name", "last_name", "phone", "email", "birth_date"} {
		if now[k] != c.form.saved[k] {
			return true
		}
	}
	return false
}

// setSaved says beside Save that the card was saved, and when.
func (c *clientCard) setSaved() {
	c.saved.SetText(lang.L("Saved at {{.Time}}.", map[string]any{"Time": c.shell.u.now().Format("15:04")}))
	c.saved.Show()
}

// setWorking disables the details while the store saves them.
func (c *clientCard) setWorking(on bool) {
	c.form.setEnabled(!on)
	working(c.activity, on, c.save, c.cancel)
	if !on {
		c.allow()
	}
}
