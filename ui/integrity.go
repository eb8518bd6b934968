package ui

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"kartoteka/store"
)

// deepCheckEvery is how often the daily job authenticates every page of the
// salon file and of its write-ahead log.
const deepCheckEvery = 7 * 24 * time.Hour

// prefDeepCheckLast is when that check last found the file whole.
const prefDeepCheckLast = "check.last"

// checkIntegrity is the daily job's care of the file itself: it records how
// much of its page key's nonce budget the salon has spent (rotating the key
// when it is due), and once a week checks every page. A damaged page is
// said at once, with the newest backup offered in its place. It runs on the
// timer's goroutine, never alongside retention or a backup.
func (t *retentionTimer) checkIntegrity() {
	if !t.running.CompareAndSwap(false, true) {
		return
	}
	defer t.running.Store(false)
	if _, _, err := t.db.MaintainKeys(t.ctx); err != nil && t.ctx.Err() == nil {
		fyne.LogError("ui: page keys", err)
	}
	p := t.u.fyne.Preferences()
	last, _ := time.Parse(time.RFC3339, p.String(prefDeepCheckLast))
	now := t.u.now()
	if !last.IsZero() && now.Sub(last) < deepCheckEvery && !last.After(now) {
		return
	}
	r, err := t.db.DeepCheck(t.ctx)
	if err != nil && t.ctx.Err() == nil {
		fyne.LogError("ui: weekly check", err)
		var d store.PageDamage
		if !errors.As(store.DiskProblem(err), &d) {
			return
		}
		r.Damaged = []store.PageDamage{d}
	}
	if t.ctx.Err() != nil {
		return
	}
	if r.OK {
		p.SetString(prefDeepCheckLast, now.Format(time.RFC3339))
		return
	}
	newest := newestBackup(p.String(prefBackupFolder))
	t.u.post(func() { t.u.sayDamaged(r, newest) })
}

// damageText says, in the owner's language, what a check found.
func damageText(r store.CheckResult) string {
	if len(r.Damaged) > 0 {
		return errorMessage(r.Damaged[0])
	}
	return lang.L("The salon file failed its check: it may be damaged.")
}

// sayDamaged tells the owner the weekly check found the salon file damaged,
// in the status line, as a notification, and as a question that offers the
// newest backup (when there is one) in its place.
func (u *App) sayDamaged(r store.CheckResult, newest string) {
	text := damageText(r)
	u.notify(text)
	sh, _ := u.current.(*shellScreen)
	if sh == nil {
		return
	}
	sh.status.SetIdle(text)
	if !u.may(store.PermRestore) {
		sh.warn(text + " " + lang.L("Tell the salon's owner: a backup may have to take the file's place."))
		return
	}
	if newest == "" {
		sh.warn(text + " " + lang.L("No backup was found in the backup folder: restore one kept elsewhere (a USB stick) under Settings → Backups, and do not delete the salon file."))
		return
	}
	m, err := store.ReadBackupManifest(newest)
	if err != nil {
		return
	}
	ask(u.win, lang.L("The salon file is damaged"),
		text+" "+lang.L("The newest backup, of {{.Date}}, can take its place: the salon is locked, the backup checked whole, and whoever was forgotten since it was made is forgotten again. Changes made since the backup are lost.",
			map[string]any{"Date": formatDate(u.lang, m.Created) + " " + m.Created.Local().Format("15:04")}),
		lang.L("Restore the newest backup…"), lang.L("Not now"),
		func() {
			sh.leaveThen(func() {
				u.closeDB(func() {
					u.showRestore(text)
					if s, ok := u.current.(*restoreScreen); ok {
						s.panel.choose(newest)
					}
				})
			})
		}, nil)
}

// newestBackup is the newest Kartoteka backup in folder, or "".
func newestBackup(folder string) string {
	if folder == "" {
		return ""
	}
	entries, err := os.ReadDir(folder)
	if err != nil {
		return ""
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); e.Type().IsRegular() && strings.HasPrefix(n, "kartoteka-backup-") && strings.HasSuffix(n, ".ktkbak") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for i := len(names) - 1; i >= 0; i-- {
		path := filepath.Join(folder, names[i])
		if _, err := store.ReadBackupManifest(path); err == nil {
			return path
		}
	}
	return ""
}
