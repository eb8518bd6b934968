package ui

import (
	"context"
	"errors"
	"os"
	"strconv"

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

// restorePanel is Restore in Settings → Backups: pick a backup, see its date
// and counts, type the passphrase it was made with, confirm. The salon is
// then locked, the backup checked whole, everyone forgotten since forgotten
// again, and only then swapped in; the unlock screen says how it went.
type restorePanel struct {
	u       *App
	pick    *widget.Button
	about   *widget.Label
	pass    *widget.Entry
	passErr *widget.Label
	asked   *question // the last question asked, for tests
	restore *widget.Button
	box     *fyne.Container // the details of the chosen backup
	file    string
}

func newRestorePanel(u *App) *restorePanel {
	r := &restorePanel{u: u, box: container.NewVBox()}
	r.pick = widget.NewButtonWithIcon(lang.L("Restore from a backup…"), theme.DownloadIcon(), r.onPick)
	r.about = paragraph("")
	r.pass = widget.NewPasswordEntry()
	r.pass.SetPlaceHolder(lang.L("The passphrase the backup was made with"))
	r.pass.OnSubmitted = func(string) { r.onRestore() }
	r.passErr = errorText()
	r.restore = widget.NewButtonWithIcon(lang.L("Replace the salon's data with this backup"), theme.HistoryIcon(), r.onRestore)
	r.restore.Importance = widget.DangerImportance
	return r
}

func (r *restorePanel) content() fyne.CanvasObject {
	return container.NewVBox(container.NewHBox(r.pick), r.box)
}

func (r *restorePanel) onPick() {
	d := dialog.NewFileOpen(func(f fyne.URIReadCloser, err error) {
		if err != nil || f == nil {
			return
		}
		path := f.URI().Path()
		f.Close()
		r.choose(path)
	}, r.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".ktkbak"}))
	d.Resize(fyne.NewSize(r.u.win.Canvas().Size().Width*0.9, r.u.win.Canvas().Size().Height*0.9))
	d.Show()
}

// choose reads what the backup at path says it holds.
func (r *restorePanel) choose(path string) {
	background(r.u, func(context.Context) (store.BackupManifest, error) {
		return store.ReadBackupManifest(path)
	}, func(m store.BackupManifest, err error) {
		if err != nil {
			r.about.SetText(lang.L("This is not a Kartoteka backup, or it is damaged."))
			r.about.Importance = widget.DangerImportance
			r.box.Objects = []fyne.CanvasObject{r.about}
			r.box.Refresh()
			return
		}
		r.file = path
		r.about.Importance = widget.MediumImportance
		r.about.SetText(lang.L("Backup of {{.Date}}: {{.Clients}} clients, {{.Bookings}} bookings. Restoring it replaces the salon's data as it is now; whoever was forgotten since it was made is forgotten again, and the data it replaces is kept aside until the next backup.",
			map[string]any{"Date": formatDate(r.u.lang, m.Created) + " " + m.Created.Local().Format("15:04"),
				"Clients": strconv.Itoa(backupClients(m)), "Bookings": strconv.Itoa(m.Counts.Bookings)}))
		r.box.Objects = []fyne.CanvasObject{r.about, r.pass, r.passErr, container.NewHBox(r.restore)}
		r.box.Refresh()
		r.u.win.Canvas().Focus(r.pass) // what is needed next
	})
}

// onRestore restores the backup chosen: with the salon open, it reads the
// erasure ledger, locks the salon and restores; with none open (a damaged
// file, a new computer) it restores at once. Either way the erasure ledgers
// beside the salon, beside the backup and in the backup folder are applied.
func (r *restorePanel) onRestore() {
	u, src, pass := r.u, r.file, r.pass.Text
	if src == "" {
		return
	}
	r.restore.Disable()
	setError(r.passErr, "")
	// The passphrase is checked first, so a mistyped one is said here and
	// the salon stays open.
	path := u.cfg.Path
	background(u, func(context.Context) (bool, error) {
		return fileExists(path), store.CheckBackupUnlock(src, store.Unlock{Passphrase: pass})
	}, func(exists bool, err error) {
		if err != nil {
			r.restore.Enable()
			setError(r.passErr, restoreMessage(err))
			return
		}
		switch {
		case u.db == nil && exists:
			// From the unlock screen, over a salon not opened: say what goes.
			r.asked = askOnce(u.win, lang.L("Replace the salon on this computer?"),
				lang.L("The salon on this computer is replaced by this backup. Its data as it is now is kept aside until the next backup (a week at most)."),
				lang.L("Replace the salon's data with this backup"), func() { u.restoreBackup(src, pass, nil) }, r.restore.Enable)
			return
		case u.db == nil:
			u.restoreBackup(src, pass, nil) // a new computer: nothing is replaced
			return
		}
		dbWork(u, func(ctx context.Context, db *store.DB) ([]store.LedgerEntry, error) {
			return db.ErasureLedger(ctx)
		}, func(ledger []store.LedgerEntry, err error) {
			if err != nil {
				r.restore.Enable()
				setError(r.passErr, restoreMessage(err))
				return
			}
			u.closeDB(func() { u.restoreBackup(src, pass, ledger) })
		})
	})
}

// restoreBackup restores the backup at src, made with passphrase pass, over
// the closed salon (or as a new one), forgetting again whoever ledger and
// the ledger files name, then shows the unlock screen saying how it went.
func (u *App) restoreBackup(src, pass string, ledger []store.LedgerEntry) {
	path, dirs := u.cfg.Path, backupFolders(u)
	u.show(newBusyScreen(lang.L("Restoring the backup…")))
	background(u, func(ctx context.Context) (privacy.RestoreResult, error) {
		return privacy.Restore(ctx, src, path, store.Unlock{Passphrase: pass}, ledger, dirs...)
	}, func(res privacy.RestoreResult, err error) {
		switch {
		case err == nil:
			u.showUnlockSaying(lang.L("The backup is restored; {{.Count}} clients forgotten since were forgotten again. Unlock with the passphrase the backup was made with.",
				map[string]any{"Count": strconv.Itoa(res.ForgottenAgain)}), false)
		case fileExists(path):
			u.showUnlockSaying(restoreMessage(err), true)
		default:
			u.showRestore(restoreMessage(err)) // still no salon here: try another backup
		}
	})
}

// fileExists reports whether there is a file at path.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// backupClients is how many clients a backup holds as the app counts them:
// live ones (older backups count anonymized cards too).
func backupClients(m store.BackupManifest) int {
	if m.Counts.LiveClients > 0 {
		return m.Counts.LiveClients
	}
	return m.Counts.Clients
}

// restoreMessage says why a restore was refused; the data was not touched.
func restoreMessage(err error) string {
	switch {
	case errors.Is(err, store.ErrWrongPassphrase):
		return lang.L("That passphrase does not open the backup. Nothing was changed.")
	case errors.Is(err, store.ErrBackupDamaged):
		return lang.L("The backup is damaged or was changed. Nothing was changed.")
	case errors.Is(err, privacy.ErrIntegrity):
		return lang.L("The data in the backup is not whole. Nothing was changed.")
	}
	return lang.L("The backup could not be restored.") + " " + errorMessage(err) + " " + lang.L("Nothing was changed.")
}
