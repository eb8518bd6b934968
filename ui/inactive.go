package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
	kwidget "kartoteka/ui/widget"
)

// inactiveColumns are the widths of the inactive list's number, name, last
// visit, upcoming bookings and blockers.
var inactiveColumns = []float32{1, 3, 2, 2, 3}

// inactiveMonths are the spans offered for "no visit for".
var inactiveMonths = []int{6, 12, 24, 36, 60}

// inactiveView finds the clients with no visit since a day (or never),
// lets the owner choose many or all, and forgets them in bulk (GDPR Art.
// 17) by the rules of forgetting one: first the preview of who goes and
// who is blocked and why, one confirmation naming the count, the work in
// the background with its progress, then the summary with the proof.
type inactiveView struct {
	shell *shellScreen

	since    *textEntry
	sinceErr *widget.Label
	months   *widget.Select
	never    *widget.Check
	find     *widget.Button
	info     *widget.Label
	list     *keyList
	all      *widget.Button
	none     *widget.Button
	forget   *widget.Button
	activity *widget.Activity
	problem  *problemBox
	body     *fyne.Container // the list, or the preview, progress or summary

	rows    []privacy.Inactive
	chosen  map[int64]bool
	loaded  bool // the last search has its results
	preview *privacy.BulkPreview
	confirm *widget.Button // Forget N clients, on the preview
	asked   *question
	bar     *widget.ProgressBar
	summary *fyne.Container // once forgotten
}

// openInactive shows the inactive clients.
func (s *shellScreen) openInactive() {
	if !s.u.mayInactive() {
		s.warn(notAllowed(store.PermForget))
		return
	}
	v := newInactiveView(s)
	s.showClientsView(v.content())
	s.tools = &clientTools{inactive: v}
	s.u.win.Canvas().Focus(v.since)
	v.onFind()
}

func newInactiveView(shell *shellScreen) *inactiveView {
	v := &inactiveView{shell: shell, chosen: map[int64]bool{}, problem: newProblemBox()}
	code := shell.u.lang
	v.since = newEntry()
	v.since.SetPlaceHolder(dateHint(code))
	v.since.SetText(numericDate(code, shell.u.now().AddDate(0, -24, 0)))
	v.since.OnSubmitted = func(string) { v.onFind() }
	v.sinceErr = errorText()
	names := make([]string, len(inactiveMonths))
	for i, n := range inactiveMonths {
		names[i] = lang.N("{{.Count}} months", n, map[string]any{"Count": strconv.Itoa(n)})
	}
	v.months = widget.NewSelect(names, func(string) {
		if i := v.months.SelectedIndex(); i >= 0 {
			v.since.SetText(numericDate(code, shell.u.now().AddDate(0, -inactiveMonths[i], 0)))
			v.onFind()
		}
	})
	v.months.PlaceHolder = lang.L("or choose a span")
	v.never = widget.NewCheck(lang.L("Only those who never had a visit"), func(bool) { v.onFind() })
	v.find = widget.NewButtonWithIcon(lang.L("Find"), theme.SearchIcon(), v.onFind)
	v.info = widget.NewLabel("")
	v.info.Wrapping = fyne.TextWrapWord
	v.list = newKeyList(func() int { return len(v.rows) }, v.newRow, v.updateRow)
	v.list.OnSelected = func(i widget.ListItemID) {
		v.list.UnselectAll()
		if i >= 0 && i < len(v.rows) {
			v.toggle(v.rows[i].ID)
		}
	}
	v.all = widget.NewButtonWithIcon(lang.L("Select all"), theme.CheckButtonCheckedIcon(), func() { v.selectAll(true) })
	v.none = widget.NewButtonWithIcon(lang.L("Select none"), theme.CheckButtonIcon(), func() { v.selectAll(false) })
	v.forget = widget.NewButtonWithIcon(lang.L("Forget selected…"), theme.DeleteIcon(), v.onPreview)
	v.forget.Importance = widget.DangerImportance
	v.activity = widget.NewActivity()
	v.activity.Hide()
	v.body = container.NewStack()
	v.update()
	return v
}

func (v *inactiveView) content() fyne.CanvasObject {
	v.showList()
	return v.body
}

// showList puts the search and the list in the body.
func (v *inactiveView) showList() {
	back := widget.NewButtonWithIcon(lang.L("Client tools"), theme.NavigateBackIcon(), v.shell.openTools)
	form := newFieldForm()
	form.add("since", lang.L("No visit since"), container.NewVBox(
		container.NewBorder(nil, nil, nil, v.months, v.since), v.sinceErr))
	form.add("never", "", v.never)
	header := container.New(&columns{weights: inactiveColumns})
	for _, title := range []string{"#", lang.L("Name"), lang.L("Last visit"), lang.L("Upcoming"), lang.L("Cannot be forgotten")} {
		l := widget.NewLabel(title)
		l.TextStyle.Bold = true
		l.Truncation = fyne.TextTruncateEllipsis
		header.Add(l)
	}
	top := container.NewVBox(
		container.NewHBox(back),
		heading(lang.L("Inactive clients")),
		form.content(),
		container.NewBorder(nil, nil, nil, container.NewHBox(v.activity, v.find), v.info),
		v.problem,
		container.NewBorder(nil, nil, widget.NewLabel("    "), nil, header),
		widget.NewSeparator(),
	)
	foot := container.NewBorder(nil, nil, container.NewHBox(v.all, v.none), v.forget)
	// Made in reading order, which Tab follows: the search, the list, the
	// buttons under it (NewBorder would put the list first).
	v.body.Objects = []fyne.CanvasObject{container.NewPadded(container.New(layout.NewBorderLayout(top, foot, nil, nil), top, v.list, foot))}
	v.body.Refresh()
}

// newRow is a row of the list: a tick, then the cells. The tick is drawn,
// not a check box of its own: a row is chosen by the list's Space or
// Enter, or a click, and Tab does not stop at each row.
func (v *inactiveView) newRow() fyne.CanvasObject {
	tick := widget.NewIcon(theme.CheckButtonIcon())
	return container.NewBorder(nil, nil, container.NewPadded(tick), nil, kwidget.NewCells(inactiveColumns))
}

func (v *inactiveView) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := v.rows[i]
	row := o.(*fyne.Container)
	cells := row.Objects[0].(*kwidget.Cells)
	tick := row.Objects[1].(*fyne.Container).Objects[0].(*widget.Icon)
	if v.chosen[r.ID] {
		tick.SetResource(theme.CheckButtonCheckedIcon())
	} else {
		tick.SetResource(theme.CheckButtonIcon())
	}
	code := v.shell.u.lang
	last := lang.L("never")
	if !r.LastVisit.IsZero() {
		last = formatDate(code, r.LastVisit)
	}
	next := ""
	if r.Upcoming > 0 {
		next = formatDate(code, r.NextBooking)
		if r.Upcoming > 1 {
			next += " (+" + strconv.Itoa(r.Upcoming-1) + ")"
		}
	}
	cells.SetTexts("#"+itoa(r.ID), clientName(r.Client), last, next, blockWords(r.Blocks))
}

// toggle chooses client id, or leaves them out again.
func (v *inactiveView) toggle(id int64) {
	if v.chosen[id] {
		delete(v.chosen, id)
	} else {
		v.chosen[id] = true
	}
	v.list.Refresh()
	v.update()
}

// selectAll chooses every client found, or none.
func (v *inactiveView) selectAll(on bool) {
	clear(v.chosen)
	if on {
		for _, r := range v.rows {
			v.chosen[r.ID] = true
		}
	}
	v.list.Refresh()
	v.update()
}

// update says how many were found and chosen, and enables what fits.
func (v *inactiveView) update() {
	n, k := len(v.rows), len(v.chosen)
	code := v.shell.u.lang
	switch {
	case !v.loaded:
		v.info.SetText("")
	case n == 0:
		v.info.SetText(lang.L("No client without a visit since then."))
	default:
		v.info.SetText(lang.N("{{.Count}} clients found", n, map[string]any{"Count": formatCount(code, n)}) + " · " +
			lang.L("{{.Count}} selected", map[string]any{"Count": formatCount(code, k)}))
	}
	allowIf(v.all, n > 0 && k < n)
	allowIf(v.none, k > 0)
	allowIf(v.forget, k > 0)
}

// onFind searches for the inactive clients, in the background.
func (v *inactiveView) onFind() {
	since, ok := parseDay(v.since.Text)
	if !ok {
		setError(v.sinceErr, fieldMessage(dayProblem(v.since.Text)))
		return
	}
	setError(v.sinceErr, "")
	never := v.never.Checked
	v.problem.clear()
	v.loaded = false
	working(v.activity, true, v.find)
	end := v.shell.begin(lang.L("Looking for inactive clients…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) ([]privacy.Inactive, error) {
		return privacy.InactiveClients(ctx, db, since, never)
	}, func(rows []privacy.Inactive, err error) {
		end()
		working(v.activity, false, v.find)
		if err != nil {
			v.problem.show(lang.L("The clients could not be loaded."), err)
			return
		}
		v.rows, v.loaded = rows, true
		keep := map[int64]bool{}
		for _, r := range rows {
			if v.chosen[r.ID] {
				keep[r.ID] = true
			}
		}
		v.chosen = keep
		v.list.UnselectAll()
		v.list.ScrollToTop()
		v.list.Refresh()
		v.update()
	})
}

// chosenIDs are the clients chosen, in the list's order.
func (v *inactiveView) chosenIDs() []int64 {
	var ids []int64
	for _, r := range v.rows {
		if v.chosen[r.ID] {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// nameOf is client id's name as listed.
func (v *inactiveView) nameOf(id int64) string {
	for _, r := range v.rows {
		if r.ID == id {
			return clientName(r.Client)
		}
	}
	return "#" + itoa(id)
}

// blockWords says in words why a client cannot be forgotten in bulk; ""
// when nothing blocks it.
func blockWords(bs []*privacy.BlockedError) string {
	var out []string
	for _, b := range bs {
		switch b.Reason() {
		case privacy.ReasonRestricted:
			out = append(out, lang.L("restricted (GDPR Art. 18)"))
		case privacy.ReasonUpcoming:
			out = append(out, lang.N("{{.Count}} upcoming bookings", len(b.Bookings), map[string]any{"Count": strconv.Itoa(len(b.Bookings))}))
		case privacy.ReasonAnonymized:
			out = append(out, lang.L("already forgotten"))
		case privacy.ReasonKept:
			out = append(out, lang.L("kept by the owner (retention hold)"))
		default:
			out = append(out, lang.L("blocked"))
		}
	}
	return strings.Join(out, ", ")
}
