package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
)

// addRequest records a request received days before now, by client (or,
// when 0, by a non-client named name).
func (h *harness) addRequest(kind string, client int64, name string, received, now time.Time) int64 {
	h.t.Helper()
	in := store.RequestInput{Kind: kind, Received: received, ClientID: client}
	if client == 0 {
		in.RequesterName, in.RequesterContact = name, "+48 600 100 200"
	}
	id, err := privacy.AddRequest(context.Background(), h.u.db, in, now)
	if err != nil {
		h.t.Fatal(err)
	}
	return id
}

// dueOf is the due day's text in row i of the request list, with the word
// beneath it, if any, and its colour.
func dueOf(v *requestsView, i int) (string, widget.Importance) {
	switch o := v.rows.Objects[i].(*fyne.Container).Objects[3].(type) {
	case *widget.Label:
		return o.Text, o.Importance
	case *fyne.Container:
		day, word := o.Objects[0].(*widget.Label), o.Objects[1].(*widget.Label)
		return day.Text + " " + word.Text, word.Importance
	}
	return "", widget.MediumImportance
}

// A request recorded with New request… shows with the day its answer is
// due; an overdue one is flagged in the danger colour and one due within
// a week in the warning colour, and both are counted beside Privacy.
func TestRequestLogAddAndFlag(t *testing.T) {
	h := newHarness(t)
	h.u.cfg.RetentionTick = make(chan time.Time)
	h.makeSalon(store.ClientInput{FirstName: "Anna", LastName: "Nowak"})
	sh := h.unlock()
	sh.selectRequests()
	v := sh.requests
	h.waitFor("the list", func() bool { return v.loaded })
	mustContain(t, "empty list", shownTexts(v.rows), "No open requests.")

	test.Tap(v.add)
	f := v.form
	mustContain(t, "due day", f.due.Text, "due by 1 Jan 2027")
	received := f.received.Text
	// A day the calendar lacks is told apart from one that cannot be read.
	for typed, says := range map[string]string{"31.02.2026": "There is no such day in the calendar.", "31.02": "Write the date as"} {
		f.received.SetText(typed)
		mustContain(t, typed, f.due.Text, says)
	}
	f.received.SetText(received)
	test.Tap(f.save)
	if visibleText(f.form.errLabel("kind")) == "" || visibleText(f.form.errLabel("client")) == "" {
		t.Error("a request without a kind or a person is taken")
	}
	f.kind.SetSelectedIndex(0) // access
	test.Type(f.picker.search, "Nowak")
	h.waitFor("the client found", func() bool { return len(f.picker.matches) == 1 })
	submit(f.picker.search)
	submit(f.received) // Enter records it
	h.waitFor("the request shown", func() bool { return v.detail != nil && v.detail.loaded })
	d := v.detail
	said := shownTexts(d.box)
	mustContain(t, "request", said, "Access (GDPR Art. 15)")
	mustContain(t, "request", said, "1 Jan 2027")
	mustContain(t, "answer", d.answer.Text, "Export the data as PDF")

	// Two more, by someone who is not a client: one overdue, one due in a
	// few days.
	now := h.u.now()
	h.addRequest(store.RequestErasure, 0, "Jan Obcy", now.AddDate(0, 0, -40), now)
	h.addRequest(store.RequestObjection, 0, "Ewa Obca", now.AddDate(0, 0, -27), now)
	h.key(fyne.KeyEscape) // back to the list
	h.waitFor("three rows", func() bool { return v.detail == nil && len(v.shown) == 3 && len(v.rows.Objects) == 3 })
	if text, imp := dueOf(v, 0); imp != widget.DangerImportance || !strings.Contains(text, "overdue") {
		t.Errorf("first row's due day %q, importance %v: want the overdue one, in danger", text, imp)
	}
	if text, imp := dueOf(v, 1); imp != widget.WarningImportance || !strings.Contains(text, "within a week") {
		t.Errorf("second row's due day %q, importance %v: want due soon, warning", text, imp)
	}
	if text, imp := dueOf(v, 2); imp != widget.MediumImportance || text != "1 Jan 2027" {
		t.Errorf("third row's due day %q, importance %v", text, imp)
	}
	rows := shownTexts(v.rows)
	for _, want := range []string{"Erasure, Art. 17", "Jan Obcy", "Anna Nowak"} {
		mustContain(t, "rows", rows, want)
	}
	h.waitFor("the count beside Privacy", func() bool { return sh.requestsDue == 2 })
	i := sectionIndex(sh, sectionPrivacy)
	if got := sh.sections[i].title; got != "Privacy (2)" {
		t.Errorf("navigation says %q, want Privacy (2)", got)
	}
	if got := sh.privacyTabs.Items[0].Text; got != "Requests (2)" {
		t.Errorf("tab says %q, want Requests (2)", got)
	}
	// The keyboard reaches the other tab: Ctrl+4 again, and back.
	press := func() {
		sh.u.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(ctrl(fyne.KeyName(strconv.Itoa(i + 1))))
	}
	press()
	if got := sh.privacyTabs.SelectedIndex(); got != 1 || sh.privacy == nil {
		t.Errorf("Ctrl+%d on Privacy shows tab %d, want the retention tab", i+1, got)
	}
	press()
	if got := sh.privacyTabs.SelectedIndex(); got != 0 {
		t.Errorf("Ctrl+%d again shows tab %d, want the requests", i+1, got)
	}
}

// sectionIndex is the position of section id in the navigation.
func sectionIndex(sh *shellScreen, id string) int {
	for i, s := range sh.sections {
		if s.id == id {
			return i
		}
	}
	return -1
}

// Extending past what Art. 12(3) allows, or after the first month, shows
// the rule and leaves the request as it was; a refusal without reasons is
// refused, and with them the request shows what to tell the person.
func TestRequestRules(t *testing.T) {
	h := newHarness(t)
	h.u.cfg.RetentionTick = make(chan time.Time)
	h.makeSalon()
	sh := h.unlock()
	ctx := context.Background()
	now := h.u.now()
	fresh := h.addRequest(store.RequestAccess, 0, "Jan Obcy", now.AddDate(0, 0, -3), now)
	late := h.addRequest(store.RequestErasure, 0, "Ewa Obca", now.AddDate(0, 0, -40), now)
	sh.openRequest(fresh)
	v := sh.requests
	h.waitFor("the request", func() bool { return v.detail != nil && v.detail.loaded })
	d := v.detail
	if d.answer != nil {
		t.Error("a non-client's request offers an act on a card")
	}

	// One month more is taken.
	test.Tap(d.extend)
	q := d.askedExtend
	test.Type(q.reason, "many requests at once")
	test.Tap(q.yes)
	h.waitFor("the extension", func() bool {
		r, _ := h.u.db.Request(ctx, fresh)
		return r.ExtensionMonths == 1 && d.loaded && d.r.ExtensionMonths == 1
	})
	// Two more would make three: only one more is offered.
	test.Tap(d.extend)
	q = d.askedExtend
	if len(q.months.Options) != 1 {
		t.Errorf("after one month the extension offers %q, want one month more only", q.months.Options)
	}
	q.not.OnTapped()

	// After the first month no extension is allowed: Extend… is off, and
	// says why.
	sh.openRequest(late)
	h.waitFor("the late request", func() bool { return v.detail != nil && v.detail.id == late && v.detail.loaded })
	d = v.detail
	mustContain(t, "late request", shownTexts(d.box), "The answer is overdue")
	if !d.extend.Disabled() {
		t.Error("Extend… is on after the first month")
	}
	mustContain(t, "why", visibleText(d.extendWhy), "can no longer be extended")
	if r, _ := h.u.db.Request(ctx, late); r.ExtensionMonths != 0 || r.Status != store.RequestOpen {
		t.Errorf("the late request changed: %+v", r)
	}

	// A refusal needs its reasons.
	test.Tap(d.close)
	c := d.askedClose
	c.outcome.SetSelected(c.outcome.Options[1])
	if !c.remind.Visible() {
		t.Error("refusing does not remind that the person must be told why and may complain")
	}
	test.Tap(c.yes)
	h.waitFor("the rule", func() bool { return visibleText(c.problem) != "" })
	mustContain(t, "rule", visibleText(c.problem), "Give the reasons for the refusal")
	if r, _ := h.u.db.Request(ctx, late); r.IsClosed() {
		t.Fatal("a refusal without reasons closed the request")
	}
	test.Type(c.note, "the data was erased last month on her earlier request")
	submit(c.note)
	h.waitFor("the closed request", func() bool { return d.loaded && d.r.IsClosed() })
	if r, _ := h.u.db.Request(ctx, late); r.Outcome != store.RequestRefused || r.RefusalReason == "" || r.Note != "" {
		t.Errorf("closed as %+v", r)
	}
	mustContain(t, "closed request", shownTexts(d.box), "Prezes Urzędu Ochrony Danych Osobowych (UODO)")
	for _, o := range test.LaidOutObjects(d.box) {
		if b, ok := o.(*widget.Button); ok && b.Visible() && b != d.copy {
			t.Errorf("a closed request still offers %q", b.Text)
		}
	}
}

// Exporting the data a request for access asks for offers to close it as
// done, with a note of what was done.
func TestRequestExportOffersToClose(t *testing.T) {
	h := newHarness(t)
	h.u.cfg.RetentionTick = make(chan time.Time)
	h.makeSalon(store.ClientInput{FirstName: "Anna", LastName: "Nowak"})
	sh := h.unlock()
	ctx := context.Background()
	cs, err := h.u.db.SearchClients(ctx, "Nowak", 1)
	if err != nil || len(cs) != 1 {
		t.Fatal(cs, err)
	}
	now := h.u.now()
	id := h.addRequest(store.RequestAccess, cs[0].ID, "", now, now)
	sh.openRequest(id)
	h.waitFor("the request", func() bool { return sh.requests.detail != nil && sh.requests.detail.loaded })
	test.Tap(sh.requests.detail.answer)
	ex := sh.export
	if ex == nil || !ex.pdf.Checked || ex.json.Checked {
		t.Fatal("the export for a request for access is not a PDF")
	}
	ex.setFolder(t.TempDir())
	test.Tap(ex.export)
	h.waitFor("the offer to close", func() bool { return sh.askedClose != nil })
	test.Tap(sh.askedClose.yes)
	h.waitFor("the request closed", func() bool { r, _ := h.u.db.Request(ctx, id); return r.IsClosed() })
	if r, _ := h.u.db.Request(ctx, id); r.Outcome != store.RequestDone || r.Note != "Data exported as PDF" {
		t.Errorf("closed as %+v", r)
	}
}

// The daily job deletes the requests closed more than three years ago and
// tells, without a name, how many are overdue or due within a week.
func TestDailyJobRequests(t *testing.T) {
	h := newHarness(t)
	tick := make(chan time.Time)
	h.u.cfg.RetentionTick = tick
	var clock atomic.Int64 // the timer reads the clock on its own goroutine
	clock.Store(time.Now().UnixNano())
	h.u.cfg.Clock = func() time.Time { return time.Unix(0, clock.Load()) }
	h.makeSalon(store.ClientInput{FirstName: "Zofia", LastName: "Tajna"})
	sh := h.unlock()
	ctx := context.Background()
	cs, _ := h.u.db.SearchClients(ctx, "Tajna", 1)
	now := h.u.now()
	old := h.addRequest(store.RequestAccess, cs[0].ID, "", now, now)
	if err := privacy.CloseRequest(ctx, h.u.db, old, store.RequestDone, "exported", ""); err != nil {
		t.Fatal(err)
	}
	h.addRequest(store.RequestErasure, cs[0].ID, "", now, now)
	h.addRequest(store.RequestObjection, 0, "Jan Obcy", now, now)

	// Three years and a few days later: the closed one goes, the two open
	// ones are long overdue, and one more came in 27 days ago.
	later := now.AddDate(privacy.RequestKeepYears, 0, 3)
	soon := h.addRequest(store.RequestRectification, 0, "Ewa Obca", later.AddDate(0, 0, -27), later)
	r, _ := h.u.db.Request(ctx, soon)
	clock.Store(later.UnixNano())
	want := "2 privacy requests are overdue: answer them now. 1 privacy request must be answered by " + formatDate("en", r.DueBy()) + "."
	test.AssertNotificationSent(t, &fyne.Notification{Title: "Kartoteka", Content: want}, func() {
		tick <- later
		tick <- later // returns once the first day's jobs are done
		h.waitFor("the status line", func() bool { return strings.Contains(sh.status.Text(), "3 privacy requests to answer now") })
	})
	if _, err := h.u.db.Request(ctx, old); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the request closed over three years ago is still there: %v", err)
	}
	if rs, _ := h.u.db.Requests(ctx, true); len(rs) != 3 {
		t.Errorf("%d open requests left, want 3", len(rs))
	}
	if sh.requestsDue != 3 {
		t.Errorf("%d requests counted beside Privacy, want 3", sh.requestsDue)
	}
	for _, name := range []string{"Zofia", "Tajna", "Jan Obcy", "Ewa Obca"} {
		if strings.Contains(want, name) || strings.Contains(sh.status.Text(), name) {
			t.Errorf("the notice names %s", name)
		}
	}
}

// TestExportNoteSaysWhatWasWritten: the note that closes an access request
// names every format the export wrote.
func TestExportNoteSaysWhatWasWritten(t *testing.T) {
	pdf, json := store.ExportFile{Format: store.FormatPDF}, store.ExportFile{Format: store.FormatJSON}
	for want, files := range map[string][]store.ExportFile{
		"Data exported as PDF":          {pdf},
		"Data exported as JSON":         {json},
		"Data exported as PDF and JSON": {pdf, json},
	} {
		if got := exportNote(files); got != want {
			t.Errorf("%d files: %q, want %q", len(files), got, want)
		}
	}
}

// A closed request of someone who is not a client shows their name and says
// the contact went at closing; a second extension shows its own day told.
func TestClosedRequestDetailSaysContactErased(t *testing.T) {
	h := newHarness(t)
	h.u.cfg.RetentionTick = make(chan time.Time)
	h.makeSalon()
	sh := h.unlock()
	ctx := context.Background()
	now := h.u.now()
	id := h.addRequest(store.RequestAccess, 0, "Jan Obcy", now.AddDate(0, 0, -3), now)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local)
	for _, months := range []int{1, 1} {
		if err := privacy.ExtendRequest(ctx, h.u.db, id, months, "many requests at once", day, now); err != nil {
			t.Fatal(err)
		}
	}
	if err := privacy.CloseRequest(ctx, h.u.db, id, store.RequestDone, "sent", ""); err != nil {
		t.Fatal(err)
	}
	sh.openRequest(id)
	v := sh.requests
	h.waitFor("the request", func() bool { return v.detail != nil && v.detail.id == id && v.detail.loaded })
	said := shownTexts(v.detail.box)
	mustContain(t, "who asked", said, "Jan Obcy, not a client (the contact was erased when the request closed)")
	mustContain(t, "the second extension", said, "Second extension told on")
	if strings.Contains(said, "+48 600 100 200") || strings.Contains(said, "()") {
		t.Errorf("the closed request shows a contact: %q", said)
	}
}
