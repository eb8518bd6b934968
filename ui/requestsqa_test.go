package ui

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
)

// The radio groups of the request form take the arrow keys: Down on who
// asks turns the client picker into the name and contact of someone who is
// not a client, and Tab leaves the group at once.
func TestRequestFormRadioArrows(t *testing.T) {
	h := newHarness(t)
	h.u.cfg.RetentionTick = make(chan time.Time)
	h.makeSalon(store.ClientInput{FirstName: "Anna", LastName: "Nowak"})
	sh := h.unlock()
	sh.selectRequests()
	sh.requests.openForm(nil)
	f := sh.requests.form
	c := h.u.win.Canvas()
	c.Focus(f.who)
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if f.who.Selected != f.who.Options[1] || !f.otherBox.Visible() || f.picker.content().Visible() {
		t.Errorf("Down on who asks: chose %q, name and contact shown %v", f.who.Selected, f.otherBox.Visible())
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if f.who.Selected != f.who.Options[0] || !f.picker.content().Visible() {
		t.Errorf("Up again: chose %q", f.who.Selected)
	}
	c.FocusNext()
	if c.Focused() != f.picker.search {
		t.Errorf("Tab from who asks focuses %T, want the client search", c.Focused())
	}
}

// shows reports whether o lies whole within the part of page s on show.
func shows(s *container.Scroll, o fyne.CanvasObject) bool {
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s).Y
	return top >= 0 && top+o.Size().Height <= s.Size().Height
}

// tabTo presses Tab until the focus is on a widget for which is holds,
// failing after a hundred; the window does what each press queued, as it
// would between two presses.
func (h *harness) tabTo(what string, is func(fyne.Focusable) bool) fyne.Focusable {
	h.t.Helper()
	c := h.u.win.Canvas()
	for range 100 {
		h.waitFor("the window's work", func() bool { return len(h.queue) == 0 })
		c.FocusNext()
		if f := c.Focused(); f != nil && is(f) {
			return f
		}
	}
	h.t.Fatalf("Tab never reached %s", what)
	return nil
}

// Tab onto a widget below the fold scrolls the page to it: the new
// request's buttons, the export's, the words to give on a refused request.
func TestScrollFollowsFocus(t *testing.T) {
	h := newHarness(t)
	h.u.cfg.RetentionTick = make(chan time.Time)
	h.makeSalon(store.ClientInput{FirstName: "Anna", LastName: "Nowak"})
	sh := h.unlock()
	c := h.u.win.Canvas()
	ctx := context.Background()

	sh.selectRequests()
	sh.requests.openForm(nil)
	f := sh.requests.form
	page := sh.requests.page.Objects[0].(*container.Scroll)
	if shows(page, f.save) {
		t.Fatal("the form's buttons show without scrolling: the test proves nothing")
	}
	h.tabTo("Record the request", func(o fyne.Focusable) bool { return o == fyne.Focusable(f.save) })
	h.waitFor("the page scrolled to the focused button", func() bool { return shows(page, f.save) })
	c.Focus(f.received)
	h.waitFor("the page scrolled back to the first field", func() bool { return shows(page, f.received) && page.Offset.Y < 100 })

	// The export of a client's data.
	cs, _ := h.u.db.SearchClients(ctx, "Nowak", 1)
	sh.select_(sectionClients)
	sh.openExport(cs[0])
	ex := sh.export
	expage := sh.body.Objects[0].(*container.Scroll)
	if shows(expage, ex.export) {
		t.Fatal("the export button shows without scrolling: the test proves nothing")
	}
	c.Focus(ex.back)
	h.tabTo("Export", func(o fyne.Focusable) bool { return o == fyne.Focusable(ex.export) })
	h.waitFor("the page scrolled to Export", func() bool { return shows(expage, ex.export) })

	// The words to give the person on a refused request.
	now := h.u.now()
	id := h.addRequest(store.RequestRectification, cs[0].ID, "", now.AddDate(0, 0, -3), now)
	if err := privacy.CloseRequest(ctx, h.u.db, id, store.RequestRefused, "", "the data is correct as it stands"); err != nil {
		t.Fatal(err)
	}
	sh.openRequest(id)
	v := sh.requests
	h.waitFor("the refused request", func() bool { return v.detail != nil && v.detail.loaded })
	d := v.detail
	notice := d.notice
	dpage := v.page.Objects[0].(*container.Scroll)
	if shows(dpage, notice) {
		t.Fatal("the notice shows without scrolling: the test proves nothing")
	}
	c.Unfocus()
	h.tabTo("the notice", func(o fyne.Focusable) bool { return within(o.(fyne.CanvasObject), notice) })
	h.waitFor("the page scrolled to the notice", func() bool { return shows(dpage, notice) })
}

// press presses key on the focused widget, as the keyboard does.
func (h *harness) press(key fyne.KeyName) {
	h.t.Helper()
	f := h.u.win.Canvas().Focused()
	if f == nil {
		h.t.Fatalf("%s pressed with nothing focused", key)
	}
	f.TypedKey(&fyne.KeyEvent{Name: key})
}

// After each act on a request the keyboard stays where the owner was, or
// moves to the button that took its place — never back to the top of the
// page; Extend… offers only the months the rules still allow, and once
// there are none it is off, saying why.
func TestRequestActsKeepFocus(t *testing.T) {
	h := newHarness(t)
	h.u.cfg.RetentionTick = make(chan time.Time)
	h.makeSalon()
	sh := h.unlock()
	ctx := context.Background()
	now := h.u.now()
	id := h.addRequest(store.RequestObjection, 0, "Jan Obcy", now.AddDate(0, 0, -3), now)
	sh.openRequest(id)
	v := sh.requests
	h.waitFor("the request", func() bool { return v.detail != nil && v.detail.loaded })
	d := v.detail
	c := h.u.win.Canvas()
	focused := func(what string, want *widget.Button) {
		t.Helper()
		if got := c.Focused(); got != fyne.Focusable(want) {
			name := "nothing"
			if b, ok := got.(*widget.Button); ok {
				name = b.Text
			}
			t.Errorf("after %s the focus is on %q, want %q", what, name, want.Text)
		}
	}
	reloaded := func(what string, done func(store.PrivacyRequest) bool) {
		t.Helper()
		h.waitFor(what, func() bool { return d.loaded && done(d.r) && c.Overlays().Top() == nil })
	}

	c.Focus(d.waiting)
	h.press(fyne.KeySpace)
	reloaded("waiting for identity", func(r store.PrivacyRequest) bool { return r.Status == store.RequestWaitingIdentity })
	focused("Waiting for proof of identity", d.confirmed)

	h.press(fyne.KeySpace)
	test.Tap(d.askedChoice.yes)
	reloaded("identity confirmed", func(r store.PrivacyRequest) bool { return r.Status == store.RequestOpen })
	focused("Identity confirmed", d.waiting)

	c.Focus(d.extend)
	h.press(fyne.KeySpace)
	q := d.askedExtend
	if len(q.months.Options) != 2 {
		t.Errorf("a fresh request's extension offers %q, want one and two months", q.months.Options)
	}
	test.Type(q.reason, "many requests at once")
	submit(q.reason)
	reloaded("extended", func(r store.PrivacyRequest) bool { return r.ExtensionMonths == 1 })
	focused("Extend, with a month left", d.extend)

	h.press(fyne.KeySpace)
	q = d.askedExtend
	if len(q.months.Options) != 1 {
		t.Errorf("after one month the extension offers %q, want one month only", q.months.Options)
	}
	test.Type(q.reason, "a second salon's records")
	submit(q.reason)
	reloaded("extended again", func(r store.PrivacyRequest) bool { return r.ExtensionMonths == 2 })
	if !d.extend.Disabled() {
		t.Error("Extend… is on after two months")
	}
	mustContain(t, "why Extend is off", visibleText(d.extendWhy), "this request has had them")
	focused("Extend, with none left", d.close)

	h.press(fyne.KeySpace)
	cq := d.askedClose
	cq.outcome.SetSelected(cq.outcome.Options[1])
	test.Type(cq.note, "the objection concerns no processing of ours")
	submit(cq.note)
	reloaded("refused", func(r store.PrivacyRequest) bool { return r.IsClosed() })
	focused("Close, refused", d.copy)
	h.press(fyne.KeySpace)
	if got := h.u.fyne.Clipboard().Content(); !strings.Contains(got, "the objection concerns no processing of ours") {
		t.Errorf("Copy the words copied %q", got)
	}
	if r, _ := h.u.db.Request(ctx, id); r.Outcome != store.RequestRefused {
		t.Errorf("closed as %+v", r)
	}
}

// Forgetting a client with open privacy requests names them, with their
// due days, and says what becomes of them; started from the card, it then
// offers to close the request for erasure as done, as it does when started
// from the request.
func TestForgetNamesOpenRequests(t *testing.T) {
	h := newHarness(t)
	h.u.cfg.RetentionTick = make(chan time.Time)
	h.makeSalon(store.ClientInput{FirstName: "Ewa", LastName: "Odchodząca"})
	sh := h.unlock()
	ctx := context.Background()
	cs, _ := h.u.db.SearchClients(ctx, "Odchodząca", 1)
	id := cs[0].ID
	now := h.u.now()
	erasure := h.addRequest(store.RequestErasure, id, "", now.AddDate(0, 0, -2), now)
	access := h.addRequest(store.RequestAccess, id, "", now.AddDate(0, 0, -40), now)
	closed := h.addRequest(store.RequestObjection, id, "", now.AddDate(0, 0, -9), now)
	if err := privacy.CloseRequest(ctx, h.u.db, closed, store.RequestWithdrawn, "", ""); err != nil {
		t.Fatal(err)
	}
	ea, _ := h.u.db.Request(ctx, erasure)
	ac, _ := h.u.db.Request(ctx, access)

	sh.select_(sectionClients)
	sh.openForget(id)
	v := sh.forget
	h.waitFor("the confirmation", func() bool { return v.confirm != nil })
	h.waitFor("the window's work", func() bool { return len(h.queue) == 0 })
	if page := sh.body.Objects[0].(*container.Scroll); page.Offset.Y != 0 {
		t.Errorf("the page opens scrolled by %v to the name to type, past what it says", page.Offset.Y)
	}
	text := v.texts()
	mustContain(t, "requests", text, "This client has 2 open privacy requests")
	mustContain(t, "erasure", text, "Erasure (GDPR Art. 17), to be answered by "+formatDate("en", ea.DueBy()))
	mustContain(t, "access", text, "Access (GDPR Art. 15), to be answered by "+formatDate("en", ac.DueBy())+" (overdue)")
	mustContain(t, "what becomes of them", text, "under “Anonymized client #"+itoa(id)+"”")
	mustContain(t, "the offer to come", text, "offers to close that request as done")
	if strings.Contains(text, "Objection") {
		t.Error("a closed request is named among the open ones")
	}

	test.Type(v.confirm, "Ewa Odchodząca")
	test.Tap(v.forget)
	h.waitFor("the offer to close", func() bool { return sh.askedClose != nil })
	test.Tap(sh.askedClose.yes)
	h.waitFor("the request closed", func() bool { r, _ := h.u.db.Request(ctx, erasure); return r.IsClosed() })
	if r, _ := h.u.db.Request(ctx, erasure); r.Outcome != store.RequestDone || r.Note != "Client's data erased" {
		t.Errorf("the request for erasure closed as %+v", r)
	}
	if r, _ := h.u.db.Request(ctx, access); r.IsClosed() || r.ClientID != id {
		t.Errorf("the request for access: %+v; want it open, on the anonymous card", r)
	}
}

// whole reports whether label l has room for all its text.
func whole(l *widget.Label) bool {
	return fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width+2*theme.InnerPadding() <= l.Size().Width+1
}

// In the request list a forgotten client's number always shows whole, even
// where the column is too narrow for all the words (German, a small
// window); the words before it are cut short instead.
func TestRequestListKeepsNumber(t *testing.T) {
	h := newHarness(t)
	h.u.cfg.RetentionTick = make(chan time.Time)
	h.u.useLanguage("de")
	h.makeSalon(store.ClientInput{FirstName: "Zofia", LastName: "Zapomniana"})
	sh := h.unlock()
	h.u.win.Resize(fyne.NewSize(820, 540))
	ctx := context.Background()
	cs, _ := h.u.db.SearchClients(ctx, "Zapomniana", 1)
	id := cs[0].ID
	now := h.u.now()
	h.addRequest(store.RequestAccess, id, "", now.AddDate(0, 0, -3), now)
	if _, err := privacy.Forget(ctx, h.u.db, id, "test", nil); err != nil {
		t.Fatal(err)
	}
	sh.selectRequests()
	v := sh.requests
	h.waitFor("the list", func() bool { return v.loaded && len(v.shown) == 1 })
	cell := v.rows.Objects[0].(*fyne.Container).Objects[1]
	var number *widget.Label
	for _, o := range test.LaidOutObjects(cell) {
		if l, ok := o.(*widget.Label); ok && strings.HasSuffix(l.Text, itoa(id)) {
			number = l
		}
	}
	if number == nil {
		t.Fatalf("the who cell shows %q, no client number", shownTexts(cell))
	}
	d := fyne.CurrentApp().Driver()
	end := d.AbsolutePositionForObject(number).X + number.Size().Width - d.AbsolutePositionForObject(cell).X
	if !whole(number) || end > cell.Size().Width+1 {
		t.Errorf("the number %q is cut: %v wide of %v needed, ends at %v in a cell of %v", number.Text, number.Size().Width,
			fyne.MeasureText(number.Text, theme.TextSize(), number.TextStyle).Width+2*theme.InnerPadding(), end, cell.Size().Width)
	}
	mustContain(t, "who", shownTexts(cell), "Anonymisierter Kunde")
}

// In German the retention form keeps its fields wide, wrapping its long
// labels, and stays within its column instead of spreading to the window's
// edge.
func TestRetentionFormInGerman(t *testing.T) {
	h := newHarness(t)
	h.u.cfg.RetentionTick = make(chan time.Time)
	h.u.useLanguage("de")
	h.makeSalon()
	sh := h.unlock()
	h.u.win.Resize(fyne.NewSize(1024, 600))
	sh.select_(sectionPrivacy)
	sh.privacyTabs.SelectIndex(1)
	v := sh.privacy
	h.waitFor("the policy", func() bool { return v.loaded })
	settle(sh.privacyTabs.Items[1].Content.(*container.Scroll))
	left := func(o fyne.CanvasObject) float32 { return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).X }
	width := left(v.years) + v.years.Size().Width - left(v.form.fields[0].row[0])
	if width > widePageWidth+1 {
		t.Errorf("the form is %v wide, wider than its column of %v", width, float32(widePageWidth))
	}
	if w := v.years.Size().Width; w < width/2 {
		t.Errorf("the years field is %v wide of a form of %v: the labels squeeze it", w, width)
	}
	for _, f := range v.form.fields {
		if l := f.row[0].(*widget.Label); l.MinSize().Height > l.Size().Height+1 {
			t.Errorf("the label %q is cut: %v high, needs %v", l.Text, l.Size().Height, l.MinSize().Height)
		}
	}
}

// An overdue request is said above the section at unlock, in the danger
// colour, not only in a system notification (which a machine without a
// notification service never shows); Open the requests shows them and puts
// the banner away.
func TestOverdueBannerAtUnlock(t *testing.T) {
	h := newHarness(t)
	h.u.cfg.RetentionTick = make(chan time.Time)
	h.makeSalon()
	ctx := context.Background()
	db, err := store.Open(ctx, h.u.cfg.Path, testPassphrase, store.Options{KDF: store.CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	now := h.u.now()
	for _, days := range []int{-40, -27} {
		in := store.RequestInput{Kind: store.RequestAccess, Received: now.AddDate(0, 0, days), RequesterName: "Jan Obcy", RequesterContact: "+48 600 100 200"}
		if _, err := privacy.AddRequest(ctx, db, in, now); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	h.u.fyne.Preferences().SetString(prefSection, sectionClients)

	sh := h.unlock()
	b := sh.dueBanner
	h.waitFor("the banner", func() bool { return b.box.Visible() })
	mustContain(t, "banner", b.text.Text, "1 privacy request is overdue: answer it now.")
	mustContain(t, "banner", b.text.Text, "1 privacy request must be answered by")
	if b.text.Importance != widget.DangerImportance {
		t.Errorf("the banner's importance is %v, want danger", b.text.Importance)
	}
	if strings.Contains(b.text.Text, "Jan Obcy") {
		t.Error("the banner names the person")
	}
	test.Tap(b.open)
	if !sh.requestsOnShow() || b.box.Visible() {
		t.Errorf("Open the requests: requests on show %v, banner still shown %v", sh.requestsOnShow(), b.box.Visible())
	}
}

// The form of a new request is kept like every other editor: leaving it
// asks about the changes, and an auto-lock keeps them as a draft that comes
// back, client and all, after unlock.
func TestRequestFormDraft(t *testing.T) {
	h := newHarness(t)
	lock := h.idleLock()
	h.u.cfg.RetentionTick = make(chan time.Time)
	h.makeSalon(store.ClientInput{FirstName: "Anna", LastName: "Nowak"})
	sh := h.unlock()
	ctx := context.Background()
	cs, _ := h.u.db.SearchClients(ctx, "Nowak", 1)
	sh.newRequestFor(cs[0])
	f := sh.requests.form
	f.kind.SetSelectedIndex(2) // erasure
	f.channel.SetSelectedIndex(1)

	sh.onNav(sectionClients)
	if sh.prompt == nil {
		t.Fatal("leaving the half-filled request asks nothing")
	}
	test.Tap(sh.prompt.stay)

	lock()
	u := screenOf[*unlockScreen](h, "the unlock screen")
	mustContain(t, "notice", u.notice.Text, "unsaved changes are kept")
	sh = h.relock()
	h.waitFor("the restored form", func() bool {
		return sh.requests != nil && sh.requests.form != nil && sh.requests.form.picker.chosen != nil
	})
	f = sh.requests.form
	if f.kind.SelectedIndex() != 2 || f.channel.SelectedIndex() != 1 || f.picker.chosen.ID != cs[0].ID {
		t.Errorf("restored: kind %d, channel %d, client %d", f.kind.SelectedIndex(), f.channel.SelectedIndex(), f.picker.chosen.ID)
	}
	mustContain(t, "notice", sh.notice.Text, "Restored your unsaved changes to the new privacy request")
	if !f.unsaved() {
		t.Error("the restored request does not count as unsaved")
	}

	// Someone who is not a client: the name and contact typed come back.
	f.who.SetSelected(f.who.Options[1])
	f.picker.onChange()
	test.Type(f.name, "Jan Obcy")
	test.Type(f.contact, "jan@example.com")
	lock()
	sh = h.relock()
	h.waitFor("the restored form", func() bool { return sh.requests != nil && sh.requests.form != nil })
	f = sh.requests.form
	if f.who.Selected != f.who.Options[1] || f.name.Text != "Jan Obcy" || f.contact.Text != "jan@example.com" || !f.otherBox.Visible() {
		t.Errorf("restored: who %q, name %q, contact %q", f.who.Selected, f.name.Text, f.contact.Text)
	}
	if ds, _ := h.u.db.Drafts(ctx); len(ds) != 0 {
		t.Errorf("%d drafts stay in the file once shown", len(ds))
	}
}

// Sentences with a number of months, days or minutes agree with it in
// every language: "no visit for 1 month", not "1 months"; Polish "od 1
// miesiąca", "od 5 miesięcy".
func TestCountsAgree(t *testing.T) {
	h := newHarness(t)
	h.u.cfg.RetentionTick = make(chan time.Time)
	h.makeSalon()
	sh := h.unlock()
	sh.select_(sectionPrivacy)
	sh.privacyTabs.SelectIndex(1)
	v := sh.privacy
	h.waitFor("the policy", func() bool { return v.loaded })
	v.policy.SetSelected(v.policy.Options[2])
	v.months.SetText("1")
	v.onPreview()
	h.waitFor("the preview", func() bool { return strings.Contains(shownTexts(v.result), "no visit for 1 month") })
	mustContain(t, "preview", shownTexts(v.result), "forget 0 clients: no visit for 1 month\n")
	v.policy.SetSelected(v.policy.Options[1])
	v.days.SetText("1")
	v.onPreview()
	h.waitFor("the preview", func() bool { return strings.Contains(shownTexts(v.result), "ended over 1 day ago") })
	mustContain(t, "preview", shownTexts(v.result), "remove 0 bookings that ended long ago")

	cases := []struct {
		code, key string
		n         int
		want      string
	}{
		{"en", "Locked after {{.Minutes}} minutes without use.", 1, "Locked after 1 minute without use."},
		{"en", "all their bookings ended over {{.Days}} days ago", 30, "all their bookings ended over 30 days ago"},
		{"pl", "no visit for {{.Months}} months", 1, "brak wizyty od 1 miesiąca"},
		{"pl", "no visit for {{.Months}} months", 24, "brak wizyty od 24 miesięcy"},
		{"pl", "all their bookings ended over {{.Days}} days ago", 1, "wszystkie ich wizyty zakończyły się ponad 1 dzień temu"},
		{"pl", "Locked after {{.Minutes}} minutes without use.", 2, "Zablokowano po 2 minutach bezczynności."},
		{"de", "no visit for {{.Months}} months", 1, "seit über 1 Monat kein Besuch"},
		{"de", "no visit for {{.Months}} months", 2, "seit über 2 Monaten kein Besuch"},
		{"da", "all their bookings ended over {{.Days}} days ago", 1, "alle deres bookinger sluttede for over 1 dag siden"},
		{"da", "Locked after {{.Minutes}} minutes without use.", 10, "Låst efter 10 minutter uden brug."},
	}
	for _, c := range cases {
		if err := setLanguage(c.code); err != nil {
			t.Fatal(err)
		}
		n := strconv.Itoa(c.n)
		if got := lang.N(c.key, c.n, map[string]any{"Months": n, "Days": n, "Minutes": n}); got != c.want {
			t.Errorf("%s, %d: %q, want %q", c.code, c.n, got, c.want)
		}
	}
}

// In Polish a service is "aktywna" and a staff member "aktywny": each
// agrees with its noun, which one word for both could not.
func TestActiveAgreesWithNoun(t *testing.T) {
	h := newHarness(t)
	h.u.cfg.RetentionTick = make(chan time.Time)
	h.u.useLanguage("pl")
	h.makeSalon()
	h.makeTeam()
	sh := h.unlock()
	sh.select_(sectionServices)
	v := sh.services
	h.waitFor("the lists", func() bool { return v.loaded })
	services, staff := shownTexts(v.services), shownTexts(v.staff)
	mustContain(t, "service", services, "Aktywna\n")
	mustContain(t, "staff member", staff, "Aktywny\n")
	if strings.Contains(services+staff, "Aktywne") {
		t.Error("the plural neuter 'Aktywne' is still used")
	}
}
