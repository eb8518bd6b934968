package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
)

// checkRequests is the daily job's care of the privacy request log, once a
// day while the salon is open (and at each unlock): it deletes the requests
// closed more than three years ago, and tells the owner — in a banner above
// the section, in the status line, beside Privacy and as a system
// notification — how many open requests are overdue or due within a week. Nobody is named: a
// notification may show on a locked screen. It runs on the timer's
// goroutine, never alongside retention or a backup.
func (t *retentionTimer) checkRequests() {
	now := t.u.now()
	day := now.Format(time.DateOnly)
	if t.requestsDay == day || !t.running.CompareAndSwap(false, true) {
		return
	}
	defer t.running.Store(false)
	purged, err := privacy.PurgeRequests(t.ctx, t.db, now)
	if err != nil {
		if t.ctx.Err() == nil {
			fyne.LogError("ui: request purge", err)
		}
		return
	}
	due, err := privacy.RequestsNeedingAnswer(t.ctx, t.db, now)
	if err != nil {
		if t.ctx.Err() == nil {
			fyne.LogError("ui: requests due", err)
		}
		return
	}
	t.requestsDay = day
	if len(due) > 0 || purged > 0 {
		t.u.post(func() { t.u.sayRequestsDue(due, purged, now) })
	}
}

// sayRequestsDue tells the owner what the daily job found in the request
// log.
func (u *App) sayRequestsDue(due []store.PrivacyRequest, purged int, now time.Time) {
	text := requestsDueText(due, now, u.lang)
	if text != "" {
		u.notify(text)
	}
	// Kept for the main window: it may not show yet (the switch screen asks
	// who is working), and each person's window says it in turn.
	u.dueText, u.dueOverdue = text, overdue(due, now)
	sh, _ := u.current.(*shellScreen)
	if sh == nil {
		return
	}
	sh.showRequestsDue(due)
	sh.dueBanner.show(text, u.dueOverdue)
	if sh.requests != nil && purged > 0 && sh.requests.form == nil && sh.requests.detail == nil {
		sh.requests.load()
	}
}

// requestsDueNote is the status line's word on the n open requests
// overdue or due within a week; "" when there is none.
func requestsDueNote(n int) string {
	if n == 0 {
		return ""
	}
	return lang.N("{{.Count}} privacy requests to answer soon", n, map[string]any{"Count": n})
}

// requestsDueText says how many open requests are overdue and how many
// are due within a week, and by when the first of those is due; "" when
// none is. It names no one.
func requestsDueText(due []store.PrivacyRequest, now time.Time, code string) string {
	var overdue int
	var first time.Time
	for _, r := range due {
		if privacy.RequestOverdue(r, now) {
			overdue++
		} else if first.IsZero() || r.DueBy().Before(first) {
			first = r.DueBy()
		}
	}
	var parts []string
	if overdue > 0 {
		parts = append(parts, lang.N("{{.Count}} privacy requests are overdue: answer them now.", overdue,
			map[string]any{"Count": formatCount(code, overdue)}))
	}
	if soon := len(due) - overdue; soon > 0 {
		parts = append(parts, lang.N("{{.Count}} privacy requests must be answered soon, the first by {{.Date}}.", soon,
			map[string]any{"Count": formatCount(code, soon), "Date": formatDate(code, first)}))
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return parts[0] + " " + parts[1]
}

// overdue reports whether any of the requests due is overdue at now.
func overdue(due []store.PrivacyRequest, now time.Time) bool {
	for _, r := range due {
		if privacy.RequestOverdue(r, now) {
			return true
		}
	}
	return false
}

// requestsBanner says above the section what the daily job found in the
// request log — "2 privacy requests are overdue: answer them now." — in the
// danger colour when one is overdue, with a way to the requests and a way
// to put it away. A system notification alone is not enough: without a
// notification service (no D-Bus, a locked-down Windows) it never shows,
// and it is gone in seconds. A question at each unlock would stop the owner
// at the reception desk every morning; the banner stays, in sight but out
// of the way, until the owner has looked at the requests or put it away —
// and comes back at the next unlock, or the next day, while any is due.
type requestsBanner struct {
	shell         *shellScreen
	text          *widget.Label
	open, dismiss *widget.Button
	box           *fyne.Container
}

func newRequestsBanner(sh *shellScreen) *requestsBanner {
	b := &requestsBanner{shell: sh, text: paragraph("")}
	b.text.TextStyle.Bold = true
	b.open = widget.NewButtonWithIcon(lang.L("Open the requests"), theme.NavigateNextIcon(), func() {
		sh.leaveThen(func() { sh.selectRequests() })
	})
	b.dismiss = widget.NewButtonWithIcon("", theme.CancelIcon(), b.hide)
	b.dismiss.Importance = widget.LowImportance
	b.box = container.NewBorder(nil, nil, nil, container.NewHBox(b.open, b.dismiss), b.text)
	b.box.Hide()
	return b
}

// show says text, as a danger when a request is overdue; "" hides the
// banner. It stays hidden while the request log is on show, and for whom
// may not see the log.
func (b *requestsBanner) show(text string, overdue bool) {
	if !b.shell.u.may(store.PermRequests) {
		b.box.Hide() // kept for someone who may see the log
		return
	}
	if text == "" || b.shell.requestsOnShow() {
		b.hide()
		return
	}
	b.text.Importance = widget.WarningImportance
	if overdue {
		b.text.Importance = widget.DangerImportance
	}
	b.text.SetText(text)
	b.box.Show()
	b.box.Refresh()
}

// hide puts the banner away until the daily job finds requests due again
// (the next day, or the next unlock).
func (b *requestsBanner) hide() {
	b.box.Hide()
	b.shell.u.dueText = ""
}

// requestsOnShow reports whether the request log's tab is on show.
func (s *shellScreen) requestsOnShow() bool {
	return s.privacyTabs != nil && s.requestsTab != nil && s.privacyTabs.Selected() == s.requestsTab
}

// seenRequests puts the banner away once the owner looks at the requests.
func (s *shellScreen) seenRequests() {
	if s.dueBanner != nil && s.requestsOnShow() {
		s.dueBanner.hide()
	}
}
