package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"kartoteka/privacy"
	"kartoteka/store"
)

// checkRequests is the daily job's care of the privacy request log, once a
// day while the salon is open (and at each unlock): it deletes the requests
// closed more than three years ago, and tells the owner — in the status
// line, beside Privacy and as a system notification — how many open
// requests are overdue or due within a week. Nobody is named: a
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
	sh, _ := u.current.(*shellScreen)
	if sh == nil {
		return
	}
	sh.showRequestsDue(due)
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
