package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
	kwidget "kartoteka/ui/widget"
)

// dupColumns are the widths of a card's number, name, phone, email, last
// visit and its Open button in the finder: the name, what the owner
// compares first, gets the most, so a long Polish name fits on a
// 1024-pixel screen.
var dupColumns = []float32{1.4, 3.5, 2.3, 2.6, 1.7, 1.8}

// dupFinder is Clients → Possible duplicates: every group of live cards
// that may be one person (store.DB.DuplicateGroups), each with why, its
// cards, and — for whom may merge — the card to keep and the one to merge
// into it, which opens the merge preview.
type dupFinder struct {
	shell *shellScreen

	back    *widget.Button
	info    *widget.Label
	cannot  *widget.Label // why merging is not offered, when it is not
	box     *fyne.Container
	problem *problemBox
	groups  []*dupGroup
	loaded  bool
	// near is the card whose group is brought into view once the groups
	// show (0: none): the one the owner opened, or merged, before coming
	// back here, so that a long list is not scrolled through again.
	near  int64
	page  fyne.CanvasObject
	heads map[int64]fyne.CanvasObject // each card's group, by its heading
}

// dupGroup is one group on show, with its choices.
type dupGroup struct {
	group      store.DuplicateGroup
	why        *widget.Label
	restricted []*widget.Label  // one per restricted card, said in full
	open       []*widget.Button // one per card
	keep, from *kwidget.RadioGroup
	merge      *widget.Button
}

func newDupFinder(shell *shellScreen) *dupFinder {
	f := &dupFinder{shell: shell, box: container.NewVBox(), problem: newProblemBox()}
	f.back = widget.NewButtonWithIcon(lang.L("Back to the list"), theme.NavigateBackIcon(), shell.openList)
	f.info = paragraph(lang.L("Looking for cards that may be the same person…"))
	f.cannot = reasonLine()
	if !mayMerge(shell.u) {
		setReason(f.cannot, notAllowed(mergeMissing(shell.u)...))
	}
	f.load()
	return f
}

func (f *dupFinder) content() fyne.CanvasObject {
	f.page = widePage(container.NewVBox(container.NewHBox(f.back), heading(lang.L("Possible duplicates")),
		f.info, f.cannot, f.problem, f.box))
	return f.page
}

// mayMerge says whether the person acting may merge cards: as privacy's
// merge, they need to change cards and to forget.
func mayMerge(u *App) bool { return len(mergeMissing(u)) == 0 }

// mergeMissing are the permissions a merge needs that the person acting
// lacks.
func mergeMissing(u *App) []store.Permission {
	var out []store.Permission
	for _, p := range []store.Permission{store.PermClientsEdit, store.PermForget} {
		if !u.may(p) {
			out = append(out, p)
		}
	}
	return out
}

// load finds the groups in the background.
func (f *dupFinder) load() {
	end := f.shell.begin(lang.L("Looking for cards that may be the same person…"))
	dbWork(f.shell.u, func(ctx context.Context, db *store.DB) ([]store.DuplicateGroup, error) {
		return db.DuplicateGroups(ctx)
	}, func(gs []store.DuplicateGroup, err error) {
		end()
		f.loaded = true
		if err != nil {
			f.info.SetText("")
			f.problem.show(lang.L("The cards could not be compared."), err)
			return
		}
		f.show(gs)
	})
}

// show lists groups.
func (f *dupFinder) show(gs []store.DuplicateGroup) {
	code := f.shell.u.lang
	f.groups = nil
	if len(gs) == 0 {
		f.info.SetText(lang.L("No possible duplicates found."))
		f.box.Objects = nil
		f.box.Refresh()
		return
	}
	f.info.SetText(lang.N("{{.Count}} groups of cards may each be one person. Check them, then merge the cards of one person: pick the card to keep and the one whose bookings and payments move to it.",
		len(gs), map[string]any{"Count": formatCount(code, len(gs))}))
	var objs []fyne.CanvasObject
	f.heads = map[int64]fyne.CanvasObject{}
	for i, g := range gs {
		d := f.newGroup(g)
		f.groups = append(f.groups, d)
		head := subheading(lang.L("Group {{.Number}}", map[string]any{"Number": strconv.Itoa(i + 1)}))
		for _, c := range g.Clients {
			f.heads[c.ID] = head
		}
		objs = append(objs, widget.NewSeparator(), head, d.why)
		for _, r := range d.restricted {
			objs = append(objs, r)
		}
		for j, c := range g.Clients {
			objs = append(objs, f.cardRow(c, d.open[j]))
		}
		if d.merge != nil {
			objs = append(objs, d.choices())
		}
	}
	f.box.Objects = objs
	f.box.Refresh()
	if head := f.heads[f.near]; head != nil && f.page != nil {
		f.shell.u.scrollSoon(f.page, head)
	}
}

// newGroup makes the widgets of group g.
func (f *dupFinder) newGroup(g store.DuplicateGroup) *dupGroup {
	d := &dupGroup{group: g}
	why := make([]string, len(g.Reasons))
	for i, r := range g.Reasons {
		if r == store.DuplicateSimilarName && sameNames(g.Clients) {
			r = store.DuplicateName // "similar" includes the same
		}
		why[i] = duplicateReason(r)
	}
	d.why = paragraph(lang.L("Why: {{.Reasons}}", map[string]any{"Reasons": strings.Join(why, ", ")}))
	d.why.Importance = widget.WarningImportance
	// A restricted card is said in a sentence of its own: a mark after
	// the name would be cut off with a long name.
	for _, c := range g.Clients {
		if c.Restricted {
			l := paragraph(lang.L("Processing of card {{.Number}} is restricted (GDPR Art. 18): it is merged only on a ground of Art. 18(2).",
				map[string]any{"Number": cardNumber(c.ID)}))
			l.Importance = widget.DangerImportance
			d.restricted = append(d.restricted, l)
		}
	}
	var numbers []string
	for _, c := range g.Clients {
		id := c.ID
		b := widget.NewButtonWithIcon(lang.L("Open"), theme.AccountIcon(), func() {
			f.shell.openCard(id)
			f.shell.card.backTo(lang.L("Back to the duplicates"), func() { f.shell.openDuplicatesNear(id) })
		})
		b.Importance = widget.LowImportance
		d.open = append(d.open, b)
		numbers = append(numbers, cardNumber(id))
	}
	if !mayMerge(f.shell.u) || len(g.Clients) < 2 {
		return d
	}
	d.keep = kwidget.NewRadioGroup(numbers, func(string) { d.fix(true) })
	d.keep.Horizontal = true
	d.from = kwidget.NewRadioGroup(numbers, func(string) { d.fix(false) })
	d.from.Horizontal = true
	d.keep.SetSelected(numbers[0]) // the oldest card
	d.from.SetSelected(numbers[1])
	d.merge = widget.NewButtonWithIcon(lang.L("Compare and merge…"), theme.ContentCopyIcon(), func() {
		keep, from := d.picked()
		f.shell.openMerge(keep, from)
	})
	d.merge.Importance = widget.HighImportance
	return d
}

// choices are the group's pickers and its Merge button.
func (d *dupGroup) choices() fyne.CanvasObject {
	return container.NewVBox(
		container.New(formLayout{}, formLabel(lang.L("Card to keep")), d.keep, formLabel(lang.L("Card to merge into it")), d.from),
		container.NewHBox(d.merge))
}

// fix keeps the two choices apart: choosing as the card to keep the one
// that was to be merged (or the other way round) moves the other choice to
// another card of the group.
func (d *dupGroup) fix(keepChanged bool) {
	if d.keep.Selected != d.from.Selected {
		return
	}
	other := d.from
	if !keepChanged {
		other = d.keep
	}
	for _, o := range other.Options {
		if o != d.keep.Selected {
			other.SetSelected(o)
			return
		}
	}
}

// picked are the cards chosen: the one to keep and the one to merge.
func (d *dupGroup) picked() (keep, from int64) {
	i, j := slices.Index(d.keep.Options, d.keep.Selected), slices.Index(d.from.Options, d.from.Selected)
	return d.group.Clients[max(i, 0)].ID, d.group.Clients[max(j, 0)].ID
}

// cardRow is one card of a group, as the client list shows it, with a way
// to open it.
func (f *dupFinder) cardRow(c store.Client, open *widget.Button) fyne.CanvasObject {
	code := f.shell.u.lang
	name := c.LastName
	if c.FirstName != "" {
		name += ", " + c.FirstName
	}
	visit := formatDate(code, c.LastVisit)
	if c.LastVisit.IsZero() {
		visit = lang.L("no visit")
	}
	row := container.New(&columns{weights: dupColumns})
	for _, t := range []string{cardNumber(c.ID), name, formatPhone(c.Phone, f.shell.u.salon.Country), c.Email, visit} {
		l := widget.NewLabel(t)
		l.Truncation = fyne.TextTruncateEllipsis
		row.Add(l)
	}
	row.Add(open)
	return row
}

// sameNames says whether cs all have one name, letter case apart.
func sameNames(cs []store.Client) bool {
	for _, c := range cs[1:] {
		if !strings.EqualFold(clientName(c), clientName(cs[0])) {
			return false
		}
	}
	return true
}

// cardNumber is how a card is named by its number: "#12" ("nr 12").
func cardNumber(id int64) string {
	return lang.L("#{{.ID}}", map[string]any{"ID": strconv.FormatInt(id, 10)})
}

// openDuplicates shows Clients → Possible duplicates.
func (s *shellScreen) openDuplicates() { s.openDuplicatesNear(0) }

// openDuplicatesNear shows Clients → Possible duplicates with the group of
// card id (0: the first) in view.
func (s *shellScreen) openDuplicatesNear(id int64) {
	if !s.u.may(store.PermClientsView) {
		s.warn(notAllowed(store.PermClientsView))
		return
	}
	f := newDupFinder(s)
	f.near = id
	s.showClientsView(f.content())
	s.dupes = f
	s.u.win.Canvas().Focus(f.back)
}
