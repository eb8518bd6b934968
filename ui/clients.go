package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
	kwidget "kartoteka/ui/widget"
)

const (
	// searchDelay is how long typing must pause before a search runs.
	searchDelay = 80 * time.Millisecond
	// searchLimit is the most matches a search shows.
	searchLimit = 200
)

// clientColumns are the widths of name, phone, email and last visit.
var clientColumns = []float32{3, 2, 3, 2}

// clientsScreen is the client list with its type-ahead search: all clients by
// name while the search is empty, the best matches while it is not.
type clientsScreen struct {
	u     *App
	shell *shellScreen

	search *textEntry
	add    *widget.Button
	dupes  *widget.Button // Possible duplicates
	tools  *widget.Button // Client tools; nil when the person acting may use none
	only   *widget.Label  // what the role of the person acting leaves out
	info   *widget.Label
	list   *keyList
	empty  *widget.Label

	// rows are the clients listed; while the search is empty they are all
	// live clients, read a page at a time as they come into view, and rows
	// of pages not read yet have ID 0.
	rows       []clientRow
	requested  map[int]bool // pages of the full list asked for
	seq        int          // number of the latest query; results of older ones are dropped
	shownFor   string       // the query whose results show
	openFirst  bool         // Enter was pressed before the results of the query came
	stop       func()       // cancels the search under way
	restricted string       // the badge of a restricted client
}

// listPage is how many clients the full list reads at a time.
const listPage = 100

// clientRow is a client as the list shows it, formatted off the UI goroutine
// but for the phone, formatted when first shown (see phoneOf): most rows of
// a long list never are, and formatting one takes a while.
type clientRow struct {
	id                     int64
	name, email, lastVisit string
	e164, phone            string // phone is e164 formatted, once shown
	restricted             bool   // processing restricted (GDPR Art. 18)
}

// newClientsScreen makes the clients section and starts listing them.
func newClientsScreen(u *App, shell *shellScreen) *clientsScreen {
	s := newClientsView(u, shell)
	s.run("", 0)
	return s
}

// newClientsView makes the widgets of the clients section, empty.
func newClientsView(u *App, shell *shellScreen) *clientsScreen {
	s := &clientsScreen{u: u, shell: shell, stop: func() {}, restricted: lang.L("restricted")}
	s.search = newEntry()
	s.search.SetPlaceHolder(lang.L("Search by name, phone or email"))
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.search.OnChanged = s.onQuery
	s.search.OnSubmitted = func(string) { s.onEnter() }
	s.search.onDown = func() { s.u.win.Canvas().Focus(s.list) }
	s.info = widget.NewLabel("")
	s.info.Importance = widget.LowImportance
	s.info.Truncation = fyne.TextTruncateEllipsis
	s.empty = widget.NewLabel("")
	s.empty.Alignment = fyne.TextAlignCenter
	s.empty.Truncation = fyne.TextTruncateEllipsis
	s.empty.Hide()
	s.list = newKeyList(
		func() int { return len(s.rows) },
		func() fyne.CanvasObject { return newClientRowObject() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if s.rows[i].id == 0 {
				s.readPage(i / listPage)
			}
			s.updateRow(i, o)
		},
	)
	s.list.OnSelected = s.onSelect
	s.add = widget.NewButtonWithIcon(lang.L("New client"), theme.ContentAddIcon(), s.onAdd)
	s.add.Importance = widget.HighImportance
	s.dupes = widget.NewButtonWithIcon(lang.L("Possible duplicates"), theme.ContentCopyIcon(), s.onDupes)
	if !u.may(store.PermClientsView) || shell == nil {
		s.dupes.Hide() // the finder compares every card
	}
	s.tools = newToolsButton(shell)
	s.only = reasonLine()
	if !u.may(store.PermClientsEdit) {
		s.add.Hide()
	}
	if u.grant.TodayOnly() {
		setReason(s.only, lang.L("Your role shows only the clients booked today."))
	}
	return s
}

func newClientRowObject() fyne.CanvasObject { return kwidget.NewCells(clientColumns) }

func (s *clientsScreen) updateRow(i int, o fyne.CanvasObject) {
	r := s.rows[i]
	cells := o.(*kwidget.Cells)
	cells.SetTexts(r.name, s.phoneOf(i), r.email, r.lastVisit)
	mark := ""
	if r.restricted {
		mark = s.restricted
	}
	cells.SetMark(mark)
}

// phoneOf is row i's phone formatted for the salon's country.
func (s *clientsScreen) phoneOf(i int) string {
	r := &s.rows[i]
	if r.phone == "" && r.e164 != "" {
		r.phone = formatPhone(r.e164, s.u.salon.Country)
	}
	return r.phone
}

func (s *clientsScreen) content() fyne.CanvasObject {
	header := container.New(&columns{weights: clientColumns})
	for _, title := range []string{lang.L("Name"), lang.L("Phone"), lang.L("Email"), lang.L("Last visit")} {
		l := widget.NewLabel(title)
		l.TextStyle.Bold = true
		l.Truncation = fyne.TextTruncateEllipsis
		header.Add(l)
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewCenter(s.actions()), heading(lang.L("Clients"))),
		s.search,
		s.only,
		s.info,
		header,
		widget.NewSeparator(),
	)
	return container.NewPadded(container.NewBorder(top, nil, nil, nil,
		container.NewStack(s.list, container.NewVBox(s.empty))))
}

func (s *clientsScreen) onAdd() {
	if s.shell != nil && s.u.may(store.PermClientsEdit) {
		s.stop()
		s.shell.openNew()
	}
}

// onDupes opens Possible duplicates.
func (s *clientsScreen) onDupes() {
	if s.shell != nil {
		s.stop()
		s.shell.openDuplicates()
	}
}

// onSelect opens the card of the client in row i.
func (s *clientsScreen) onSelect(i widget.ListItemID) {
	if s.shell == nil || i < 0 || i >= len(s.rows) || s.rows[i].id == 0 {
		s.list.UnselectAll()
		return
	}
	s.stop()
	s.shell.openCard(s.rows[i].id)
}

// onEnter opens the first client found, once the results of what is typed
// are in.
func (s *clientsScreen) onEnter() {
	q := strings.TrimSpace(s.search.Text)
	switch {
	case q == "":
		return // nothing looked for: the first of the alphabet is nobody's choice
	case s.shownFor == q:
		s.onSelect(0)
	default:
		s.openFirst = true
	}
}

// onQuery starts a search for q once typing pauses, dropping any under way.
func (s *clientsScreen) onQuery(q string) {
	s.openFirst = false
	if q != "" && strings.TrimSpace(q) == "" {
		s.search.SetText("") // a stray space; keep the placeholder showing
		return
	}
	s.run(strings.TrimSpace(q), searchDelay)
}

// run lists the clients matching q after delay, off the UI goroutine.
func (s *clientsScreen) run(q string, delay time.Duration) {
	s.stop()
	s.seq++
	seq := s.seq
	code := s.u.lang
	var end func()
	if q == "" {
		end = s.shell.begin(lang.L("Loading clients…"))
	}
	stop := dbAfter(s.u, delay, func(ctx context.Context, db *store.DB) ([]clientRow, error) {
		if q == "" {
			return firstPage(ctx, db, code)
		}
		found, err := db.SearchClients(ctx, q, searchLimit)
		if err != nil {
			return nil, err
		}
		return clientRows(found, code), nil
	}, func(rows []clientRow, err error) {
		if end != nil {
			end()
			end = nil
		}
		if seq != s.seq {
			return // a newer query is under way
		}
		if err != nil {
			s.show(nil, q, lang.L("The clients could not be loaded.")+" "+errorMessage(err))
			return
		}
		s.show(rows, q, "")
		if s.openFirst {
			s.openFirst = false
			s.onSelect(0)
		}
	})
	s.stop = func() {
		stop()
		if end != nil {
			end()
			end = nil
		}
	}
}

// firstPage is the full list of live clients with only its first page read.
func firstPage(ctx context.Context, db *store.DB, code string) ([]clientRow, error) {
	n, err := db.LiveClientCount(ctx)
	if err != nil {
		return nil, err
	}
	page, err := db.LiveClients(ctx, 0, listPage)
	if err != nil {
		return nil, err
	}
	rows := make([]clientRow, n)
	copy(rows, clientRows(page, code))
	return rows, nil
}

// readPage reads page p of the full list in the background, once, and puts
// it in the rows unless the list has changed meanwhile.
func (s *clientsScreen) readPage(p int) {
	if s.requested[p] {
		return
	}
	s.requested[p] = true
	seq, code := s.seq, s.u.lang
	dbWork(s.u, func(ctx context.Context, db *store.DB) ([]clientRow, error) {
		page, err := db.LiveClients(ctx, p*listPage, listPage)
		return clientRows(page, code), err
	}, func(rows []clientRow, err error) {
		if seq != s.seq {
			return
		}
		if err != nil {
			s.requested[p] = false
			fyne.LogError("ui: client list", err)
			return
		}
		copy(s.rows[min(p*listPage, len(s.rows)):], rows)
		s.list.Refresh()
	})
}

// clientRows formats clients for the list, leaving out anonymized cards.
func clientRows(cs []store.Client, code string) []clientRow {
	rows := make([]clientRow, 0, len(cs))
	for _, c := range cs {
		if c.Anonymized {
			continue
		}
		name := c.LastName
		if c.FirstName != "" {
			name += ", " + c.FirstName
		}
		rows = append(rows, clientRow{
			id:         c.ID,
			name:       name,
			e164:       c.Phone,
			email:      c.Email,
			lastVisit:  formatDate(code, c.LastVisit),
			restricted: c.Restricted,
		})
	}
	return rows
}

// show puts rows in the list with a line saying what they are.
func (s *clientsScreen) show(rows []clientRow, q, problem string) {
	s.rows, s.shownFor = rows, q
	s.requested = map[int]bool{0: true}
	code := s.u.lang
	n := len(rows)
	count := map[string]any{"Count": formatCount(code, n), "Query": q}
	var info string
	switch {
	case problem != "":
		info = problem
	case n == 0: // no line: the empty list says why
	case q == "":
		info = lang.N("{{.Count}} clients", n, count)
	case n >= searchLimit:
		info = lang.L("The first {{.Count}} matches. Type more to narrow the search.", count)
	default:
		info = lang.N("{{.Count}} matches", n, count)
	}
	// A label cut with an ellipsis shapes its whole text again on every
	// SetText, which costs more than the rows; the line mostly stays the
	// same from one keystroke to the next.
	setText(s.info, info)
	switch {
	case n > 0 || problem != "":
		s.empty.Hide()
	case q == "":
		setText(s.empty, lang.L("No clients yet."))
		s.empty.Show()
	default:
		setText(s.empty, lang.L("No client matches “{{.Query}}”.", count))
		s.empty.Show()
	}
	s.list.UnselectAll()
	s.list.ScrollToTop()
	s.list.Refresh()
}

// setText sets what l says, refreshing it only when that changes.
func setText(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}
