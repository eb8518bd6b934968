package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
)

// Preferences of backups: places and times on the owner's computer, never
// personal data.
const (
	prefBackupFolder = "backup.folder"
	prefBackupAuto   = "backup.auto"
	prefBackupKeep   = "backup.keep"
	prefBackupLast   = "backup.last" // RFC 3339
)

// Backup timings.
const (
	backupEvery    = 24 * time.Hour
	backupReminder = 7 * 24 * time.Hour
	defaultKeep    = 14
)

// backupSettings is Settings → Backups: Back up now into a chosen folder (a
// USB stick, a synced folder), and an automatic daily backup there while
// the app is open, keeping the last few.
type backupSettings struct {
	u       *App
	folder  *widget.Label
	choose  *widget.Button
	now     *widget.Button
	auto    *widget.Check
	keep    *textEntry
	keepErr *widget.Label
	last    *widget.Label
	problem *problemBox
	act     *widget.Activity
	busy    bool
	restore *restorePanel
}

func newBackupSettings(u *App) *backupSettings {
	b := &backupSettings{u: u, problem: newProblemBox(), act: widget.NewActivity()}
	b.act.Hide()
	b.folder = widget.NewLabel("")
	b.folder.Wrapping = fyne.TextWrapBreak
	b.choose = widget.NewButtonWithIcon(lang.L("Choose folder…"), theme.FolderOpenIcon(), b.onChoose)
	b.now = widget.NewButtonWithIcon(lang.L("Back up now"), theme.UploadIcon(), b.onBackUp)
	b.now.Importance = widget.HighImportance
	p := u.fyne.Preferences()
	b.auto = widget.NewCheck(lang.L("Back up by itself every day while Kartoteka is open"), func(on bool) { p.SetBool(prefBackupAuto, on) })
	b.auto.SetChecked(p.Bool(prefBackupAuto))
	b.keep, b.keepErr = newEntry(), errorText()
	numberSetting(b.keep, b.keepErr, p, prefBackupKeep, 1, 365, defaultKeep)
	b.last = widget.NewLabel("")
	b.last.Wrapping = fyne.TextWrapWord
	b.restore = newRestorePanel(u)
	b.update()
	return b
}

// content is the backups, and the restore, each for whom may use it.
func (b *backupSettings) content() fyne.CanvasObject {
	form := newFieldForm()
	form.add("folder", lang.L("Folder"), container.NewVBox(b.folder, container.NewHBox(b.choose)))
	form.add("keep", lang.L("Keep the last"), container.NewVBox(b.keep, b.keepErr))
	box := container.NewVBox(
		subheading(lang.L("Backups")),
		paragraph(lang.L("A backup is encrypted and sealed: any change to it is found, and only the passphrase or the recovery key opens it. Keep it away from this computer, on a USB stick or in a synced folder. Restoring one forgets again everyone forgotten since.")))
	var missing []store.Permission
	if b.u.may(store.PermBackup) {
		box.Add(form.content())
		box.Add(b.auto)
		box.Add(container.NewHBox(b.now, b.act))
		box.Add(b.last)
		box.Add(b.problem)
	} else {
		missing = append(missing, store.PermBackup)
	}
	if b.u.may(store.PermRestore) {
		box.Add(b.restore.content())
	} else {
		missing = append(missing, store.PermRestore)
	}
	if len(missing) > 0 {
		why := reasonLine()
		setReason(why, notAllowed(missing...))
		box.Add(why)
	}
	return box
}

// update shows the folder and the last backup.
func (b *backupSettings) update() {
	p := b.u.fyne.Preferences()
	folder := p.String(prefBackupFolder)
	if folder == "" {
		b.folder.SetText(lang.L("No folder chosen yet."))
		b.now.Disable()
	} else {
		b.folder.SetText(folder)
		if !b.busy {
			b.now.Enable()
		}
	}
	if last := lastBackup(b.u); last.IsZero() {
		b.last.SetText(lang.L("No backup has been made yet."))
	} else {
		b.last.SetText(lang.L("Last backup: {{.Date}}.", map[string]any{"Date": formatDate(b.u.lang, last) + " " + last.Local().Format("15:04")}))
	}
}

func (b *backupSettings) onChoose() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		b.u.fyne.Preferences().SetString(prefBackupFolder, dir.Path())
		b.update()
	}, b.u.win)
	if l, err := storage.ListerForURI(storage.NewFileURI(defaultExportFolder())); err == nil {
		d.SetLocation(l)
	}
	d.Show()
}

func (b *backupSettings) onBackUp() {
	folder := b.u.fyne.Preferences().String(prefBackupFolder)
	if folder == "" || b.busy || b.u.db == nil {
		return
	}
	b.busy = true
	b.now.Disable()
	b.act.Show()
	b.act.Start()
	b.problem.clear()
	dbWork(b.u, func(ctx context.Context, db *store.DB) (store.BackupManifest, error) {
		return backUp(ctx, b.u, db, folder)
	}, func(m store.BackupManifest, err error) {
		b.busy = false
		b.act.Stop()
		b.act.Hide()
		switch {
		case errors.Is(err, privacy.ErrAfterwards):
			b.problem.show(lang.L("The backup is written, but the erasure record beside it could not be updated; it is with the next backup."), err)
		case err != nil:
			b.problem.show(lang.L("The backup could not be written."), err)
		}
		b.update()
		if sh, ok := b.u.current.(*shellScreen); ok {
			sh.updateReminder()
		}
	})
}

// backUp writes a backup of db into folder, keeps the last few
// there, notes the time, and drops the safety copy of an earlier restore,
// now that a good backup exists (WriteBackup does). It runs off the UI
// goroutine.
func backUp(ctx context.Context, u *App, db *store.DB, folder string) (store.BackupManifest, error) {
	now := u.now()
	m, err := privacy.WriteBackup(ctx, db, filepath.Join(folder, privacy.BackupName(now)))
	if err != nil && !errors.Is(err, privacy.ErrAfterwards) {
		return m, err
	}
	p := u.fyne.Preferences()
	p.SetString(prefBackupLast, now.Format(time.RFC3339)) // written, even when a side file was not
	pruneBackups(folder, p.IntWithFallback(prefBackupKeep, defaultKeep))
	return m, err // WriteBackup has dropped the safety copy of an earlier restore
}

// backupFolders are the folders whose erasure ledger forgetting extends and
// restoring reads besides the salon's own: the backup folder, once chosen.
func backupFolders(u *App) []string {
	if folder := u.fyne.Preferences().String(prefBackupFolder); folder != "" {
		return []string{folder}
	}
	return nil
}

// pruneBackups deletes all but the newest keep backups in folder (by their
// names, which carry the time).
func pruneBackups(folder string, keep int) {
	files, err := filepath.Glob(filepath.Join(folder, "kartoteka-backup-*.ktkbak"))
	if err != nil || len(files) <= keep {
		return
	}
	slices.Sort(files)
	for _, f := range files[:len(files)-keep] {
		os.Remove(f)
	}
}

// lastBackup is when the last backup was made; zero when never.
func lastBackup(u *App) time.Time {
	t, err := time.Parse(time.RFC3339, u.fyne.Preferences().String(prefBackupLast))
	if err != nil {
		return time.Time{}
	}
	return t
}

// backupDue reports whether the automatic backup should run now.
func backupDue(u *App) (folder string, due bool) {
	p := u.fyne.Preferences()
	folder = p.String(prefBackupFolder)
	if !p.Bool(prefBackupAuto) || folder == "" {
		return folder, false
	}
	last := lastBackup(u)
	return folder, last.IsZero() || u.now().Sub(last) >= backupEvery
}

// backupReminderText is the reminder the main window shows when the last
// backup is over a week old, or there is none; "" when none is needed.
func backupReminderText(u *App) string {
	last := lastBackup(u)
	switch {
	case last.IsZero():
		return lang.L("This salon has no backup yet. Make one under Settings → Backups.")
	case u.now().Sub(last) > backupReminder:
		return lang.L("The last backup is over a week old. Make one under Settings → Backups.")
	}
	return ""
}
