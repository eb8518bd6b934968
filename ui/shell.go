package ui

import (
	"context"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
	kwidget "kartoteka/ui/widget"
)

// Sections of the main window, as remembered in the preferences.
const (
	sectionCalendar = "calendar"
	sectionClients  = "clients"
	sectionServices = "services"
	sectionPrivacy  = "privacy"
	sectionSettings = "settings"
)

// section is one entry of the navigation.
type section struct {
	id    string
	title string
	icon  fyne.Resource
	build func() fyne.CanvasObject
	key   int // Ctrl with this digit opens it, whichever sections the person acting sees
}

// shellScreen is the main window of an unlocked salon: navigation on the
// left, the chosen section beside it, a status line along the bottom.
type shellScreen struct {
	u             *App
	sections      []section
	nav           []*kwidget.NavItem // one per section
	body          *fyne.Container
	status        *kwidget.StatusLine
	leave         *kwidget.NavItem // Lock, or Leave the demo
	current       string
	calendar      *calendarScreen // while the calendar shows
	privacy       *privacyScreen  // while the privacy section shows
	requests      *requestsView   // while the privacy section shows
	privacyTabs   *container.AppTabs
	requestsTab   *container.TabItem // the tabs of Privacy the person acting may use; nil otherwise
	retentionTab  *container.TabItem
	clients       *clientsScreen  // while the client list shows
	newClient     *newClientView  // while the new-client form shows
	card          *clientCard     // while a client card shows
	export        *exportView     // while a client's export shows
	forget        *forgetView     // while forgetting a client shows
	dupes         *dupFinder      // while the possible duplicates show
	merge         *mergeView      // while merging two cards shows
	tools         *clientTools    // the client tool last opened
	services      *servicesScreen // while the services and staff show
	serviceForm   *serviceView    // while a service's form shows
	staffForm     *staffView      // while a staff member's form shows
	settings      *settingsScreen // while the settings show
	audit         *auditView      // while the audit log shows
	salonName     *widget.Label   // the salon's name above the navigation
	who           *widget.Button  // the person acting, under it: the quick switch; nil in a salon of one
	dueSoon       int             // clients retention forgets within two weeks
	dueKnown      bool            // dueSoon has been worked out
	requestsDue   int             // open privacy requests overdue or due within a week
	requestsNote  string          // what the daily job found in the request log, for the status line
	draftsRead    bool            // the drafts a lock kept have been looked for
	retentionNote string          // what the last retention run did, for the status line
	reminder      *widget.Label   // a reminder to back up, while one is due
	notice        *widget.Label   // news about what the app did, such as restored drafts
	dueBanner     *requestsBanner // the privacy requests overdue or due soon, as the daily job found them
	tasks         []*task         // background work the status line reports
	prompt        *unsavedPrompt  // while asking about unsaved changes
	askedClose    *question       // the last offer to close a request its act answered, for tests
	idleText      string
}

// task is one piece of background work shown in the status line.
type task struct{ text string }

// showShell shows the main window at the section id.
func (u *App) showShell(id string) {
	s := &shellScreen{u: u}
	for i, sec := range []section{
		{sectionCalendar, lang.L("Calendar"), theme.CalendarIcon(), s.buildCalendar, 0},
		{sectionClients, lang.L("Clients"), theme.AccountIcon(), s.buildClients, 0},
		{sectionServices, lang.L("Services & staff"), theme.ListIcon(), s.buildServices, 0},
		{sectionPrivacy, lang.L("Privacy"), theme.VisibilityOffIcon(), s.buildPrivacy, 0},
		{sectionSettings, lang.L("Settings"), theme.SettingsIcon(), s.buildSettings, 0},
		{sectionAudit, lang.L("Audit log"), theme.HistoryIcon(), s.buildAudit, 0},
	} {
		sec.key = i + 1
		if u.sectionAllowed(sec.id) {
			s.sections = append(s.sections, sec)
		}
	}
	if u.team.switching() {
		s.who = widget.NewButtonWithIcon(u.actingName, theme.AccountIcon(), s.onSwitch)
		s.who.Alignment = widget.ButtonAlignLeading
		s.who.Importance = widget.LowImportance
	}
	for _, sec := range s.sections {
		s.nav = append(s.nav, kwidget.NewNavItem(sec.title, sec.icon, func() { s.onNav(sec.id) }))
	}
	s.body = container.NewStack()
	s.status = kwidget.NewStatusLine("")
	if u.demo {
		s.leave = kwidget.NewNavItem(lang.L("Leave the demo"), theme.LogoutIcon(), s.onLeave)
	} else {
		s.leave = kwidget.NewNavItem(lang.L("Lock"), theme.LogoutIcon(), s.onLeave)
	}
	u.show(s)
	s.addShortcuts()
	s.select_(id)
	s.loadCounts()
	s.loadDueSoon()
	s.loadDrafts()
	if u.enterNote != "" {
		s.warn(u.enterNote)
		u.enterNote = ""
	}
	if u.dueText != "" { // the daily job found requests due before this window showed
		s.dueBanner.show(u.dueText, u.dueOverdue)
	}
}

// sectionAllowed says whether the person acting sees section id in the
// navigation: the clients need a permission to see some, Privacy one for
// requests or retention, the audit log audit; the calendar, services and
// staff, and settings (the app's language at least) are for everyone, with
// what they offer following the permissions.
func (u *App) sectionAllowed(id string) bool {
	switch id {
	case sectionClients:
		return u.grant.SeesClients()
	case sectionPrivacy:
		return u.may(store.PermRequests) || u.may(store.PermRetention)
	case sectionAudit:
		return u.may(store.PermAudit)
	}
	return true
}

// onSwitch is the quick switch: the switch screen, without locking, once
// unsaved changes are dealt with.
func (s *shellScreen) onSwitch() {
	if s.u.team.switching() {
		s.leaveThen(func() { s.u.showSwitch("", nil) })
	}
}

// rebuild shows the main window afresh at the section on show — after the
// permissions of the person acting changed, or the quick switch came or
// went — then runs then.
func (s *shellScreen) rebuild(then func(*shellScreen)) {
	s.u.showShell(s.current)
	if sh, ok := s.u.current.(*shellScreen); ok && then != nil {
		then(sh)
	}
}

// updateReminder shows the reminder to back up while the last backup is
// over a week old (not for the demo salon, which needs none).
func (s *shellScreen) updateReminder() {
	if s.reminder == nil {
		return
	}
	text := ""
	if s.u.may(store.PermBackup) {
		text = backupReminderText(s.u)
	}
	if s.u.db != nil && s.u.db.WeakKDF() && s.u.may(store.PermSecurity) { // the header, in memory: no disk
		text = lang.L("Weak passphrase protection: strengthen it in Settings → Security.")
	}
	if text != "" && !s.u.demo {
		s.reminder.SetText(text)
		s.reminder.Show()
	} else {
		s.reminder.Hide()
	}
}

// loadDueSoon puts the number of clients retention forgets within two
// weeks beside Privacy in the navigation, as a warning, with the privacy
// requests to answer within a week (see showRequestsDue).
func (s *shellScreen) loadDueSoon() {
	now := s.u.now()
	type counts struct {
		clients  int
		requests []store.PrivacyRequest
	}
	requests, retention := s.u.may(store.PermRequests), s.u.may(store.PermRetention)
	dbWork(s.u, func(ctx context.Context, db *store.DB) (counts, error) {
		var c counts
		var err error
		if requests {
			if c.requests, err = privacy.RequestsNeedingAnswer(ctx, db, now); err != nil {
				return c, err
			}
		}
		if !retention {
			return c, nil
		}
		p, err := db.RetentionPolicy(ctx)
		if err != nil || p.Policy == store.PolicyOff {
			return c, err
		}
		plan, err := privacy.PlanRetention(ctx, db, p, now)
		if err != nil {
			return c, err
		}
		c.clients = len(plan.DueSoon)
		return c, nil
	}, func(c counts, err error) {
		if err != nil {
			fyne.LogError("ui: retention preview", err)
		}
		s.showRequestsDue(c.requests)
		s.setDueSoon(c.clients)
	})
}

// setDueSoon counts n clients due soon beside Privacy.
func (s *shellScreen) setDueSoon(n int) {
	s.dueSoon, s.dueKnown = n, true
	s.showPrivacyCounts()
}

// setRequestsDue counts n privacy requests to answer soon beside Privacy.
func (s *shellScreen) setRequestsDue(n int) {
	s.requestsDue = n
	s.showPrivacyCounts()
}

// showPrivacyCounts puts beside Privacy what needs the owner there: the
// clients retention forgets within two weeks and the requests to answer
// within a week, each also on its tab; nothing when there is none.
func (s *shellScreen) showPrivacyCounts() {
	counted := func(title string, n int) string {
		if n > 0 {
			return title + " (" + strconv.Itoa(n) + ")"
		}
		return title
	}
	i := slices.IndexFunc(s.sections, func(sec section) bool { return sec.id == sectionPrivacy })
	if i < 0 {
		return // not for the person acting
	}
	s.sections[i].title = counted(lang.L("Privacy"), s.dueSoon+s.requestsDue)
	s.nav[i].SetTitle(s.sections[i].title)
	if t := s.privacyTabs; t != nil {
		if s.requestsTab != nil {
			s.requestsTab.Text = counted(lang.L("Requests"), s.requestsDue)
		}
		if s.retentionTab != nil {
			s.retentionTab.Text = counted(lang.L("Retention"), s.dueSoon)
		}
		t.Refresh()
	}
}

func (s *shellScreen) content() fyne.CanvasObject {
	name := widget.NewLabel(s.u.salon.Name)
	name.TextStyle.Bold = true
	name.Truncation = fyne.TextTruncateEllipsis
	s.salonName = name
	items := container.NewVBox()
	for _, n := range s.nav {
		items.Add(n)
	}
	head := container.NewVBox(name)
	if s.who != nil {
		role := widget.NewLabel(roleName(s.u.grant.Role))
		role.Importance = widget.LowImportance
		role.Truncation = fyne.TextTruncateEllipsis
		head.Add(s.who)
		head.Add(role)
	}
	head.Add(widget.NewSeparator())
	side := container.NewBorder(head, s.leave, nil, nil, container.NewVScroll(items))
	s.reminder = widget.NewLabel("")
	s.reminder.Importance = widget.WarningImportance
	s.reminder.Truncation = fyne.TextTruncateEllipsis // one line: a wrapped label would ask for a word a line
	s.updateReminder()
	s.notice = widget.NewLabel("")
	s.notice.Importance = widget.SuccessImportance
	s.notice.Wrapping = fyne.TextWrapWord
	s.notice.Hide()
	s.dueBanner = newRequestsBanner(s)
	top := container.NewVBox(s.reminder, s.dueBanner.box, s.notice)
	if s.u.demo {
		top.Objects = []fyne.CanvasObject{demoBanner(), s.dueBanner.box, s.notice}
	}
	main := container.NewBorder(top, nil, nil, nil, s.body)
	split := container.NewHSplit(side, main)
	split.SetOffset(0.2)
	return newActivityRoot(container.NewBorder(nil, s.status, nil, nil, split), func() {
		if s.u.idle != nil {
			s.u.idle.touch()
		}
	})
}

// demoBanner says plainly that the salon on show is made up.
func demoBanner() fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
	bg.CornerRadius = theme.InputRadiusSize()
	text := widget.NewLabel(lang.L("DEMO: made-up data, kept apart from your own. Passphrase: “{{.Passphrase}}”.", map[string]any{"Passphrase": DemoPassphrase}))
	text.TextStyle.Bold = true
	text.Truncation = fyne.TextTruncateEllipsis
	return container.NewPadded(container.NewStack(bg, text))
}

// select_ shows the section id, or the clients when id is unknown or not
// for the person acting (or the calendar, when the clients are not either).
func (s *shellScreen) select_(id string) {
	has := func(id string) bool {
		return slices.ContainsFunc(s.sections, func(sec section) bool { return sec.id == id })
	}
	if !has(id) {
		id = sectionClients
	}
	if !has(id) {
		id = sectionCalendar
	}
	s.onSection(id)
}

// onNav goes to section id from the navigation: the start of the section,
// even when it shows already (Clients on a card goes back to the list).
func (s *shellScreen) onNav(id string) {
	s.leaveThen(func() {
		if id == s.current {
			s.current = "" // build it afresh
		}
		s.select_(id)
	})
}

func (s *shellScreen) onSection(id string) {
	if id == s.current {
		return
	}
	i := slices.IndexFunc(s.sections, func(sec section) bool { return sec.id == id })
	for j, n := range s.nav {
		n.SetSelected(j == i)
	}
	s.say("")
	s.current = id
	s.clients, s.newClient, s.card, s.calendar, s.export, s.forget, s.privacy = nil, nil, nil, nil, nil, nil, nil
	s.requests, s.privacyTabs, s.requestsTab, s.retentionTab = nil, nil, nil, nil
	s.services, s.serviceForm, s.staffForm, s.settings = nil, nil, nil, nil
	s.audit = nil
	s.dupes, s.merge = nil, nil
	s.u.fyne.Preferences().SetString(prefSection, id)
	s.body.Objects = []fyne.CanvasObject{s.sections[i].build()}
	s.body.Refresh()
	if s.calendar != nil {
		s.u.win.Canvas().Unfocus() // the calendar's keys work at once
	}
	if s.clients != nil {
		s.u.win.Canvas().Focus(s.clients.search)
	}
}

func (s *shellScreen) buildClients() fyne.CanvasObject {
	s.clients = newClientsScreen(s.u, s)
	return s.clients.content()
}

// buildPrivacy makes the Privacy section: the privacy requests and
// retention, each on its tab, opening at the one the owner used last.
// Each tab is there only for whom may use it (requests, retention).
func (s *shellScreen) buildPrivacy() fyne.CanvasObject {
	s.requestsTab, s.retentionTab = nil, nil
	var tabs []*container.TabItem
	if s.u.may(store.PermRequests) {
		s.requests = newRequestsView(s)
		s.requestsTab = container.NewTabItem(lang.L("Requests"), s.requests.content())
		tabs = append(tabs, s.requestsTab)
	}
	if s.u.may(store.PermRetention) {
		s.privacy = newPrivacyScreen(s)
		s.retentionTab = container.NewTabItem(lang.L("Retention"), s.privacy.content())
		tabs = append(tabs, s.retentionTab)
	}
	s.privacyTabs = container.NewAppTabs(tabs...)
	p := s.u.fyne.Preferences()
	want := s.requestsTab // the tab shown last, remembered by its place among both
	if p.Int(prefPrivacyTab) == 1 && s.retentionTab != nil || want == nil {
		want = s.retentionTab
	}
	if want != nil {
		s.privacyTabs.Select(want)
	}
	s.privacyTabs.OnSelected = func(t *container.TabItem) {
		if t == s.retentionTab {
			p.SetInt(prefPrivacyTab, 1)
		} else {
			p.SetInt(prefPrivacyTab, 0)
		}
		s.seenRequests()
	}
	s.seenRequests()
	s.showPrivacyCounts()
	return s.privacyTabs
}

// prefPrivacyTab is the tab of the Privacy section shown last.
const prefPrivacyTab = "privacy.tab"

func (s *shellScreen) buildCalendar() fyne.CanvasObject {
	s.calendar = newCalendar(s)
	return s.calendar.content()
}

// showClientCard opens the clients section at the card of client id.
func (s *shellScreen) showClientCard(id int64) {
	s.select_(sectionClients)
	s.openCard(id)
}

// bookFor opens the calendar with the booking form for client cl.
func (s *shellScreen) bookFor(cl store.Client) {
	if !s.u.may(store.PermBook) {
		s.warn(notAllowed(store.PermBook))
		return
	}
	s.select_(sectionCalendar)
	if s.calendar != nil {
		s.calendar.bookFor(cl)
	}
}

func (s *shellScreen) buildSettings() fyne.CanvasObject {
	s.settings = newSettings(s.u, s)
	return s.settings.content()
}

// onFind (Ctrl+F) opens the clients and puts the cursor in their search.
func (s *shellScreen) onFind() {
	if !s.u.grant.SeesClients() {
		s.warn(notAllowed(store.PermClientsView))
		return
	}
	if s.clients != nil {
		s.u.win.Canvas().Focus(s.clients.search)
		return
	}
	s.leaveThen(func() {
		s.select_(sectionClients)
		if s.clients == nil {
			s.openList()
		}
		s.u.win.Canvas().Focus(s.clients.search)
	})
}

// onNew (Ctrl+N) opens the form that adds a client.
func (s *shellScreen) onNew() {
	if s.newClient != nil {
		return
	}
	if !s.u.may(store.PermClientsEdit) {
		s.warn(notAllowed(store.PermClientsEdit))
		return
	}
	s.leaveThen(func() {
		s.select_(sectionClients)
		s.openNew()
	})
}

// showClientsView puts o in the clients section in place of what it showed.
func (s *shellScreen) showClientsView(o fyne.CanvasObject) {
	s.say("")
	s.clients, s.newClient, s.card, s.export, s.forget = nil, nil, nil, nil, nil
	s.dupes, s.merge = nil, nil
	s.body.Objects = []fyne.CanvasObject{o}
	s.body.Refresh()
}

// openList shows the client list with the cursor in its search.
func (s *shellScreen) openList() {
	o := s.buildClients()
	c := s.clients
	s.showClientsView(o)
	s.clients = c
	s.u.win.Canvas().Focus(c.search)
}

// openNew shows the form that adds a client.
func (s *shellScreen) openNew() {
	v := newNewClientView(s)
	s.showClientsView(v.content())
	s.newClient = v
	s.u.win.Canvas().Focus(v.form.first())
}

// openExport shows the export of client c's data; Back returns to the card.
func (s *shellScreen) openExport(c store.Client) {
	s.openExportThen(c, func() { s.openCard(c.ID) })
}

// openExportThen shows the export of client c's data; Back calls back.
func (s *shellScreen) openExportThen(c store.Client, back func()) {
	if !s.u.may(store.PermExport) {
		s.warn(notAllowed(store.PermExport))
		return
	}
	v := newExportView(s, c, back)
	s.showClientsView(v.content())
	s.export = v
}

// openForget shows Forget (GDPR Art. 17) for client id.
func (s *shellScreen) openForget(id int64) { s.openForgetThen(id, nil) }

// openForgetThen is openForget calling done once the client is forgotten.
func (s *shellScreen) openForgetThen(id int64, done func()) {
	if !s.u.may(store.PermForget) {
		s.warn(notAllowed(store.PermForget))
		return
	}
	v := newForgetView(s, id)
	v.onDone = done
	s.showClientsView(v.content())
	s.forget = v
}

// openCard shows the card of client id.
func (s *shellScreen) openCard(id int64) {
	c := newClientCard(s, id)
	s.showClientsView(c.content())
	s.card = c
}

// onLeave locks the salon (or leaves the demo), once unsaved changes are
// dealt with.
func (s *shellScreen) onLeave() {
	s.leaveThen(func() {
		if s.u.demo {
			s.u.closeDB(s.u.Start)
			return
		}
		s.u.closeDB(s.u.showUnlock)
	})
}

// say shows good news above the section until the owner goes elsewhere;
// "" hides it.
func (s *shellScreen) say(text string) { s.sayAs(text, widget.SuccessImportance) }

// warn is say for a problem, in the colour of one.
func (s *shellScreen) warn(text string) { s.sayAs(text, widget.DangerImportance) }

func (s *shellScreen) sayAs(text string, importance widget.Importance) {
	if s.notice == nil {
		return
	}
	s.notice.Importance = importance
	s.notice.SetText(text)
	if text == "" {
		s.notice.Hide()
	} else {
		s.notice.Show()
	}
}

// begin shows text in the status line until the returned end is called.
func (s *shellScreen) begin(text string) (end func()) {
	t := &task{text: text}
	s.tasks = append(s.tasks, t)
	s.showStatus()
	return func() {
		s.tasks = slices.DeleteFunc(s.tasks, func(x *task) bool { return x == t })
		s.showStatus()
	}
}

func (s *shellScreen) showStatus() {
	if n := len(s.tasks); n > 0 {
		s.status.SetBusy(s.tasks[n-1].text, -1)
		return
	}
	s.status.SetIdle(s.idleText)
}

// loadCounts puts the size of the salon in the status line.
func (s *shellScreen) loadCounts() {
	code := s.u.lang
	end := s.begin(lang.L("Counting…"))
	g := s.u.grant
	dbWork(s.u, func(ctx context.Context, db *store.DB) (store.Counts, error) {
		c, err := db.Counts(ctx)
		if err == nil && !g.Has(store.PermClientsView) { // the clients the person acting sees, as their list
			c.LiveClients, err = db.LiveClientCount(ctx)
		}
		return c, err
	}, func(c store.Counts, err error) {
		if err == nil {
			s.idleText = countsText(code, g, c)
			// Requests to answer come first: the retention summary is
			// long, and the line ends in an ellipsis.
			if s.requestsNote != "" {
				s.idleText += " · " + s.requestsNote
			}
			if s.retentionNote != "" {
				s.idleText += " · " + s.retentionNote
			}
		}
		end()
	})
}
