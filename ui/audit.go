package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// sectionAudit is the Audit log section, shown to whoever may read it.
const sectionAudit = "audit"

// auditPageSize is how many events a page of the audit log lists.
const auditPageSize = 100

// auditColumns are the widths of an event's row: when, who, what, and what
// it is about.
var auditColumns = []float32{1.8, 2.36, 3.75, 2.09}

// auditView is the Audit log section: who did what and when, newest first,
// a page at a time, narrowed by person, kind of event, days and client
// number. It names the salon's staff, so that the owner can tell who did
// what, but clients by their number only: the log holds no personal data
// of clients, and neither does its screen.
type auditView struct {
	shell *shellScreen

	person  *widget.Select // Everyone, then actors
	kind    *widget.Select // all kinds, then auditKinds
	from    *textEntry
	to      *textEntry
	client  *textEntry
	clear   *widget.Button
	typo    *widget.Label // a day or a client number that cannot be read
	problem *problemBox
	rows    *fyne.Container
	pages   *widget.Label // "Events 1–100"
	prev    *widget.Button
	next    *widget.Button
	back    *widget.Button // to the card the log was opened from; hidden when it was not
	scroll  *container.Scroll
	head    *fyne.Container // the columns' titles

	filter store.AuditFilter // as last applied
	offset int               // of the page shown
	actors []store.Actor     // the person filter's choices after Everyone
	staff  map[int64]string  // staff names by number
	seq    int               // the load asked for last; older answers are dropped
	people bool              // actors has been read
	quiet  bool              // filters are being set by the view itself
	loaded bool              // a page has been read
	shown  []store.AuditEvent
	more   bool // there are older events than the page shows
}

// auditPage is a page of the log as read, with what names its people.
type auditPage struct {
	events []store.AuditEvent
	more   bool
	actors []store.Actor
	staff  map[int64]string
}

func newAuditView(shell *shellScreen) *auditView {
	v := &auditView{shell: shell, rows: container.NewVBox(), problem: newProblemBox(), staff: map[int64]string{}}
	code := shell.u.lang
	v.person = widget.NewSelect([]string{lang.L("Everyone")}, func(string) { v.onSelect() })
	v.person.SetSelectedIndex(0)
	v.kind = widget.NewSelect(nil, func(string) { v.onSelect() })
	v.kind.Options = append([]string{lang.L("All kinds of events")}, kindNames()...)
	v.kind.SetSelectedIndex(0)
	v.from, v.to, v.client = newEntry(), newEntry(), newEntry()
	v.from.SetPlaceHolder(dateHint(code))
	v.to.SetPlaceHolder(dateHint(code))
	v.client.SetPlaceHolder(lang.L("e.g. 12"))
	for _, e := range []*textEntry{v.from, v.to, v.client} {
		e.onLeave = v.onTyped
		e.OnSubmitted = func(string) { v.onTyped() }
	}
	v.clear = widget.NewButtonWithIcon(lang.L("Clear filters"), theme.ContentClearIcon(), v.onClear)
	v.typo = errorText()
	v.pages = widget.NewLabel("")
	v.prev = widget.NewButtonWithIcon(lang.L("Newer"), theme.NavigateBackIcon(), func() { v.turn(-1) })
	v.next = widget.NewButtonWithIcon(lang.L("Older"), theme.NavigateNextIcon(), func() { v.turn(1) })
	v.next.IconPlacement = widget.ButtonIconTrailingText
	v.prev.Disable()
	v.next.Disable()
	v.back = widget.NewButtonWithIcon(lang.L("Back to the card"), theme.NavigateBackIcon(), nil)
	v.back.Hide()
	v.load()
	return v
}

// kindNames are the kinds of event in the language in use, as the filter
// offers them.
func kindNames() []string {
	var out []string
	for _, k := range auditKinds {
		out = append(out, auditKindName(k))
	}
	return out
}

func (v *auditView) content() fyne.CanvasObject {
	labelled := func(text string, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(text), nil, o)
	}
	filters := container.NewVBox(
		container.NewGridWithColumns(2, labelled(lang.L("Who"), v.person), labelled(lang.L("Kind"), v.kind)),
		container.NewBorder(nil, nil, nil, v.clear, container.NewGridWithColumns(3,
			labelled(lang.L("From"), v.from), labelled(lang.L("To"), v.to), labelled(lang.L("Client no."), v.client))),
		v.typo,
	)
	v.head = textRow(auditColumns, lang.L("When"), lang.L("Who"), lang.L("What"), lang.L("Subject")).(*fyne.Container)
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, v.back, heading(lang.L("Audit log"))),
		filters,
		v.problem,
		v.head,
		widget.NewSeparator(),
	)
	bottom := container.NewBorder(widget.NewSeparator(), nil, v.prev, v.next, container.NewCenter(v.pages))
	v.scroll = container.NewVScroll(v.rows)
	return container.NewPadded(container.NewBorder(top, bottom, nil, nil, v.scroll))
}

// forClient narrows the log to client id's events, with a way back to
// their card.
func (v *auditView) forClient(id int64) {
	v.setFilters(store.AuditFilter{Client: id})
	v.back.OnTapped = func() { v.shell.showClientCard(id) }
	v.back.Show()
	v.apply(store.AuditFilter{Client: id}, true)
}

// setFilters shows f in the filters, without applying it.
func (v *auditView) setFilters(f store.AuditFilter) {
	v.quiet = true
	defer func() { v.quiet = false }()
	v.person.SetSelectedIndex(0)
	for i, a := range v.actors {
		if a == f.Actor {
			v.person.SetSelectedIndex(i + 1)
		}
	}
	v.kind.SetSelectedIndex(0)
	for i, k := range auditKinds {
		if k == f.Kind {
			v.kind.SetSelectedIndex(i + 1)
		}
	}
	code := v.shell.u.lang
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return numericDate(code, t)
	}
	v.from.SetText(day(f.From))
	v.to.SetText("")
	if !f.To.IsZero() {
		v.to.SetText(day(f.To.AddDate(0, 0, -1))) // To is the day after the last
	}
	v.client.SetText("")
	if f.Client != 0 {
		v.client.SetText(itoa(f.Client))
	}
	setError(v.typo, "")
}

// onSelect applies a person or kind chosen.
func (v *auditView) onSelect() {
	if v.quiet || v.person == nil || v.kind == nil {
		return
	}
	f := v.filter
	f.Actor = ""
	if i := v.person.SelectedIndex(); i > 0 && i <= len(v.actors) {
		f.Actor = v.actors[i-1]
	}
	f.Kind = ""
	if i := v.kind.SelectedIndex(); i > 0 {
		f.Kind = auditKinds[i-1]
	}
	v.apply(f, false)
}

// onTyped applies the days and the client number typed, once they can all
// be read: otherwise it says what is wrong and changes nothing.
func (v *auditView) onTyped() {
	if v.quiet {
		return
	}
	f := v.filter
	from, okFrom := typedDay(v.from.Text)
	to, okTo := typedDay(v.to.Text)
	client, okClient := typedNumber(v.client.Text)
	switch {
	case !okFrom:
		setError(v.typo, fieldMessage(dayProblem(v.from.Text)))
		return
	case !okTo:
		setError(v.typo, fieldMessage(dayProblem(v.to.Text)))
		return
	case !from.IsZero() && !to.IsZero() && to.Before(from):
		setError(v.typo, lang.L("The first day comes after the last."))
		return
	case !okClient:
		setError(v.typo, lang.L("Write the client's number, e.g. 12."))
		return
	}
	setError(v.typo, "")
	f.From, f.To, f.Client = from, time.Time{}, client
	if !to.IsZero() {
		f.To = to.AddDate(0, 0, 1) // the whole last day
	}
	v.apply(f, false)
}

// typedDay reads a day typed into a filter; an empty field is no day.
func typedDay(s string) (time.Time, bool) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, true
	}
	return parseDay(s)
}

// typedNumber reads a client number typed into a filter; an empty field
// is none.
func typedNumber(s string) (int64, bool) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "#"))
	if s == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n > 0
}

// onClear shows the whole log again, from its newest event.
func (v *auditView) onClear() {
	v.setFilters(store.AuditFilter{})
	v.people = false // whoever has acted since is offered too
	v.apply(store.AuditFilter{}, true)
}

// apply lists the first page of what f keeps; unless always, only when f
// differs from the filter applied.
func (v *auditView) apply(f store.AuditFilter, always bool) {
	if f == v.filter && !always {
		return
	}
	v.filter, v.offset = f, 0
	v.load()
}

// turn goes by pages: -1 to newer events, 1 to older.
func (v *auditView) turn(by int) {
	if by > 0 && !v.more || by < 0 && v.offset == 0 {
		return
	}
	v.offset = max(v.offset+by*auditPageSize, 0)
	v.load()
}

// load reads the page at the view's offset in the background, and until
// they are read the actors the log names, for the person filter.
func (v *auditView) load() {
	v.seq++
	seq, f, offset, people := v.seq, v.filter, v.offset, !v.people
	v.prev.Disable()
	v.next.Disable()
	end := v.shell.begin(lang.L("Loading the audit log…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (auditPage, error) {
		var p auditPage
		staff, err := db.StaffMembers(ctx)
		if err != nil {
			return p, err
		}
		p.staff = map[int64]string{}
		for _, s := range staff {
			p.staff[s.ID] = s.Name
		}
		if people {
			if p.actors, err = db.AuditActors(ctx); err != nil {
				return p, err
			}
		}
		events, err := db.AuditEvents(ctx, f, offset, auditPageSize+1)
		if err != nil {
			return p, err
		}
		p.more = len(events) > auditPageSize
		p.events = events[:min(len(events), auditPageSize)]
		return p, nil
	}, func(p auditPage, err error) {
		end()
		if seq != v.seq {
			return // the filters changed meanwhile
		}
		if err != nil {
			v.problem.show(lang.L("The audit log could not be loaded."), err)
			v.showPager()
			return
		}
		v.problem.clear()
		v.staff = p.staff
		if people {
			v.setActors(p.actors)
		}
		v.loaded, v.shown, v.more = true, p.events, p.more
		v.showRows()
	})
}

// setActors offers the people the log names in the person filter, staff by
// name, keeping the one chosen.
func (v *auditView) setActors(actors []store.Actor) {
	// Staff first, then the parts of the app, each by the name shown.
	slices.SortStableFunc(actors, func(a, b store.Actor) int {
		_, aStaff := staffNumber(a)
		_, bStaff := staffNumber(b)
		if aStaff != bStaff {
			if aStaff {
				return -1
			}
			return 1
		}
		return strings.Compare(auditActorName(a, v.staff), auditActorName(b, v.staff))
	})
	v.actors, v.people = actors, true
	opts := []string{lang.L("Everyone")}
	for _, a := range actors {
		opts = append(opts, auditActorName(a, v.staff))
	}
	v.quiet = true
	v.person.Options = opts
	v.person.SetSelectedIndex(0)
	for i, a := range actors {
		if a == v.filter.Actor {
			v.person.SetSelectedIndex(i + 1)
		}
	}
	v.quiet = false
}

// showRows lists the page read last.
func (v *auditView) showRows() {
	code := v.shell.u.lang
	var rows []fyne.CanvasObject
	for _, e := range v.shown {
		what, _ := auditSentence(e)
		row := textRow(auditColumns, auditWhen(code, e.At), auditActorName(e.Actor, v.staff), what, auditSubject(e, v.staff))
		if d := auditDetails(e, code); d != "" {
			l := widget.NewLabel(d)
			l.Wrapping = fyne.TextWrapWord
			l.Importance = widget.LowImportance
			// Beneath what happened, where the eye reads on.
			row = container.New(underLayout{}, row, container.New(&columns{weights: []float32{auditColumns[0] + auditColumns[1], auditColumns[2] + auditColumns[3]}},
				layout.NewSpacer(), l))
		}
		rows = append(rows, row)
	}
	none := lang.L("No events match these filters.")
	if v.filter == (store.AuditFilter{}) {
		none = lang.L("Nothing is recorded yet.")
	}
	setRows(v.rows, rows, none)
	v.scroll.ScrollToTop()
	v.showPager()
}

// showPager says which events the page shows and offers the pages beside
// it.
func (v *auditView) showPager() {
	if len(v.shown) == 0 {
		v.pages.SetText("")
	} else {
		v.pages.SetText(lang.L("Events {{.First}}–{{.Last}}", map[string]any{
			"First": formatCount(v.shell.u.lang, v.offset+1), "Last": formatCount(v.shell.u.lang, v.offset+len(v.shown))}))
	}
	if v.offset > 0 {
		v.prev.Enable()
	} else {
		v.prev.Disable()
	}
	if v.more {
		v.next.Enable()
	} else {
		v.next.Disable()
	}
}

// underLayout sets its second object beneath its first, closer than a
// box would: over the padding of the labels, so that an event's details
// read as part of its row, not as a row of their own.
type underLayout struct{}

func (underLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	top, below := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(fyne.Max(top.Width, below.Width), top.Height+below.Height-theme.InnerPadding())
}

func (underLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	top := objs[0].MinSize().Height
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width, top))
	objs[1].Move(fyne.NewPos(0, top-theme.InnerPadding()))
	objs[1].Resize(fyne.NewSize(size.Width, size.Height-top+theme.InnerPadding()))
}

// auditWhen is the day and time of an event, as the app writes them.
func auditWhen(code string, t time.Time) string {
	return formatDate(code, t) + " " + t.Local().Format("15:04")
}

// buildAudit makes the Audit log section.
func (s *shellScreen) buildAudit() fyne.CanvasObject {
	s.audit = newAuditView(s)
	return s.audit.content()
}

// openAuditFor shows the audit log narrowed to client id's events (the
// client card's History of this card).
func (s *shellScreen) openAuditFor(id int64) {
	if !s.u.may(store.PermAudit) {
		return
	}
	s.select_(sectionAudit)
	if s.audit != nil {
		s.audit.forClient(id)
	}
}
