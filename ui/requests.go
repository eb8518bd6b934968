package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
)

// requestColumns are the widths of a request's row: kind, who, received,
// due, status. Who gets the most: names are long, and an anonymous
// client's number must show.
var requestColumns = []float32{2.8, 3.6, 1.8, 2, 2.6}

// requestsView is the Requests tab of the Privacy section: the log of
// privacy requests (GDPR Art. 12(3)), soonest due first, the overdue in the
// danger colour and those due within a week in the warning colour; New
// request… records one, and a request opens with what answers it.
type requestsView struct {
	shell *shellScreen

	page     *fyne.Container // the list, the new request's form, or one request
	rows     *fyne.Container
	add      *widget.Button
	closed   *widget.Check // show the closed requests too
	problem  *problemBox
	form     *requestForm   // while the form of a new request shows
	detail   *requestDetail // while one request shows
	listPage fyne.CanvasObject

	loaded bool
	shown  []store.PrivacyRequest // the requests listed
	names  map[int64]store.Client // their clients
}

// requestList is the log as read, with the clients it names.
type requestList struct {
	requests []store.PrivacyRequest
	clients  map[int64]store.Client
}

func newRequestsView(shell *shellScreen) *requestsView {
	v := &requestsView{shell: shell, page: container.NewStack(), rows: container.NewVBox(), problem: newProblemBox()}
	v.add = widget.NewButtonWithIcon(lang.L("New request…"), theme.ContentAddIcon(), func() { v.openForm(nil) })
	v.add.Importance = widget.HighImportance
	v.closed = widget.NewCheck(lang.L("Show the closed requests too"), func(bool) { v.load() })
	head := textRow(requestColumns, lang.L("Request"), lang.L("Who"), lang.L("Received"), lang.L("Due"), lang.L("Status"))
	v.listPage = widePage(container.NewVBox(
		heading(lang.L("Privacy requests")),
		paragraph(lang.L("When someone asks to see, correct, move or erase their data, or objects, the salon must answer within a month (GDPR Art. 12(3)). Record each request here: Kartoteka counts the days and reminds you.")),
		container.NewBorder(nil, nil, v.closed, v.add),
		v.problem,
		head, widget.NewSeparator(),
		v.rows,
	))
	v.page.Objects = []fyne.CanvasObject{v.listPage}
	v.load()
	return v
}

func (v *requestsView) content() fyne.CanvasObject { return v.page }

// show puts o on the tab in place of what it showed.
func (v *requestsView) show(o fyne.CanvasObject) {
	v.page.Objects = []fyne.CanvasObject{o}
	v.page.Refresh()
}

// showList goes back to the list, read afresh.
func (v *requestsView) showList() {
	v.form, v.detail = nil, nil
	v.show(v.listPage)
	v.load()
}

// load reads the log in the background and lists it.
func (v *requestsView) load() {
	all := v.closed.Checked
	end := v.shell.begin(lang.L("Loading the privacy requests…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (requestList, error) {
		rs, err := db.Requests(ctx, !all)
		if err != nil {
			return requestList{}, err
		}
		clients, err := requestClients(ctx, db, rs)
		return requestList{requests: rs, clients: clients}, err
	}, func(l requestList, err error) {
		end()
		if err != nil {
			v.problem.show(lang.L("The privacy requests could not be loaded."), err)
			return
		}
		v.problem.clear()
		v.loaded, v.shown, v.names = true, l.requests, l.clients
		v.showRows()
	})
	v.shell.loadRequestsDue()
}

// requestClients reads the cards of the clients requests name.
func requestClients(ctx context.Context, db *store.DB, rs []store.PrivacyRequest) (map[int64]store.Client, error) {
	var ids []int64
	for _, r := range rs {
		if r.ClientID != 0 {
			ids = append(ids, r.ClientID)
		}
	}
	out := map[int64]store.Client{}
	if len(ids) == 0 {
		return out, nil
	}
	cards, err := db.ClientSummaries(ctx, ids)
	for _, c := range cards {
		out[c.ID] = c
	}
	return out, err
}

// showRows lists the requests read last.
func (v *requestsView) showRows() {
	code, now := v.shell.u.lang, v.shell.u.now()
	var rows []fyne.CanvasObject
	for _, r := range v.shown {
		id := r.ID
		status := widget.NewLabel(requestStatusName(r.Status))
		status.Truncation = fyne.TextTruncateEllipsis
		received := widget.NewLabel(formatDate(code, r.Received))
		received.Truncation = fyne.TextTruncateEllipsis
		rows = append(rows, container.New(&columns{weights: requestColumns},
			choiceRow(requestKindShort(r.Kind), func() { v.open(id) }),
			v.who(r), received, dueCell(r, now, code), status))
	}
	none := lang.L("No open requests.")
	if v.closed.Checked {
		none = lang.L("No requests recorded.")
	}
	setRows(v.rows, rows, none)
}

// who names the person who asked: the client, as a way to their card, or
// someone who is not a client.
func (v *requestsView) who(r store.PrivacyRequest) fyne.CanvasObject {
	if r.ClientID == 0 {
		l := widget.NewLabel(r.RequesterName)
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	id := r.ClientID
	open := func() { v.shell.leaveThen(func() { v.shell.showClientCard(id) }) }
	c := v.names[id]
	if !c.Anonymized {
		return choiceRow(clientName(c), open)
	}
	// "Anonymized client #12": the words may be cut short, the number never.
	b := newKeyButton("", nil, open, nil)
	b.Importance = widget.LowImportance
	return container.NewStack(b, numberedName(clientName(c), itoa(c.ID)))
}

// openForm shows the form of a new request, for client c when given.
func (v *requestsView) openForm(c *store.Client) {
	v.detail = nil
	v.form = newRequestForm(v, c)
	v.show(v.form.content())
	v.shell.u.win.Canvas().Focus(v.form.received)
}

// restore opens the form of a new request a lock kept a draft of, with the
// draft in it, once the client it chose is read.
func (v *requestsView) restore(data draftData) {
	if data.Client == 0 {
		v.openForm(nil)
		v.form.restore(data)
		return
	}
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (store.Client, error) {
		return db.Client(ctx, data.Client)
	}, func(c store.Client, err error) {
		if v.shell.requests != v {
			return // the owner went elsewhere meanwhile
		}
		if err != nil {
			fyne.LogError("ui: request draft", err)
		}
		if err != nil || c.Anonymized {
			v.openForm(nil)
		} else {
			v.openForm(&c)
		}
		v.form.restore(data)
	})
}

// open shows request id with what can be done about it.
func (v *requestsView) open(id int64) {
	v.form = nil
	v.detail = newRequestDetail(v, id)
	v.show(v.detail.content())
}

// loadRequestsDue puts the number of open requests due within a week or
// overdue beside Privacy in the navigation and on the Requests tab, and
// says it in the status line.
func (s *shellScreen) loadRequestsDue() {
	now := s.u.now()
	dbWork(s.u, func(ctx context.Context, db *store.DB) ([]store.PrivacyRequest, error) {
		return privacy.RequestsNeedingAnswer(ctx, db, now)
	}, func(due []store.PrivacyRequest, err error) {
		if err != nil {
			fyne.LogError("ui: requests due", err)
			return
		}
		s.showRequestsDue(due)
	})
}

// showRequestsDue counts the requests due beside Privacy and says how many
// in the status line.
func (s *shellScreen) showRequestsDue(due []store.PrivacyRequest) {
	if !s.u.may(store.PermRequests) {
		return // the log is not for the person acting
	}
	s.setRequestsDue(len(due))
	if note := requestsDueNote(len(due)); note != s.requestsNote {
		s.requestsNote = note
		s.loadCounts()
	}
}

// openRequest shows request id in the Privacy section.
func (s *shellScreen) openRequest(id int64) {
	s.leaveThen(func() {
		if s.selectRequests() {
			s.requests.open(id)
		}
	})
}

// newRequestFor opens the form of a new request by client c.
func (s *shellScreen) newRequestFor(c store.Client) {
	s.leaveThen(func() {
		if s.selectRequests() {
			s.requests.openForm(&c)
		}
	})
}

// selectRequests shows the Privacy section at its Requests tab; for a
// person who may not see requests it says so instead, and reports false.
func (s *shellScreen) selectRequests() bool {
	if !s.u.may(store.PermRequests) {
		s.warn(notAllowed(store.PermRequests))
		return false
	}
	s.select_(sectionPrivacy)
	s.privacyTabs.Select(s.requestsTab)
	return true
}
