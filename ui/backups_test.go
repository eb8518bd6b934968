package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kartoteka/privacy"
	"kartoteka/store"
)

func backupsIn(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "kartoteka-backup-*.ktkbak"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestBackUpNowAndReminder(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Zofia", LastName: "Nowak"})
	sh := h.unlock()
	if !sh.reminder.Visible() {
		t.Error("no reminder for a salon with no backup")
	}
	sh.select_(sectionSettings)
	b := sh.settings.backups
	if !b.now.Disabled() {
		t.Error("Back up now is possible with no folder chosen")
	}
	dir := t.TempDir()
	h.u.fyne.Preferences().SetString(prefBackupFolder, dir)
	b.update()
	test.Tap(b.now)
	h.waitFor("the backup", func() bool { return !b.busy && len(backupsIn(t, dir)) == 1 })
	if msg := b.problem.Text(); msg != "" {
		t.Fatal(msg)
	}
	if strings.Contains(visibleText(sh.reminder), "backup") {
		t.Error("the reminder stays after a backup")
	}
	mustContain(t, "last backup", b.last.Text, "Last backup:")

	// The backup restores, with the passphrase.
	m, err := store.ReadBackupManifest(backupsIn(t, dir)[0])
	if err != nil || m.Counts.Clients != 1 {
		t.Errorf("manifest = %+v, %v", m, err)
	}
}

func TestAutomaticBackup(t *testing.T) {
	h := newHarness(t)
	tick := make(chan time.Time)
	h.u.cfg.RetentionTick = tick
	var clockNanos atomic.Int64
	clockNanos.Store(time.Now().UnixNano())
	h.u.cfg.Clock = func() time.Time { return time.Unix(0, clockNanos.Load()) }
	dir := t.TempDir()
	p := h.u.fyne.Preferences()
	p.SetString(prefBackupFolder, dir)
	p.SetBool(prefBackupAuto, true)
	p.SetInt(prefBackupKeep, 2)
	h.makeSalon()
	sh := h.unlock()
	// The first check, at unlock, finds none made and makes one; each day
	// after, another; only the last two stay.
	for day := 1; day <= 3; day++ {
		clockNanos.Add(int64(25 * time.Hour))
		tick <- time.Now()
	}
	tick <- time.Now() // returns once the third day's backup is done
	h.waitFor("two backups kept, and no reminder", func() bool {
		return len(backupsIn(t, dir)) == 2 && !strings.Contains(visibleText(sh.reminder), "backup")
	})
}

func TestPruneBackups(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local)
	for i := range 5 {
		os.WriteFile(filepath.Join(dir, privacy.BackupName(day.AddDate(0, 0, i))), []byte("x"), 0o600)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o600)
	pruneBackups(dir, 3)
	left := backupsIn(t, dir)
	if len(left) != 3 || filepath.Base(left[0]) != privacy.BackupName(day.AddDate(0, 0, 2)) {
		t.Errorf("left %v, want the newest three", left)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Error("pruning touched another file")
	}
}

func TestRestoreFromSettings(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Zofia", LastName: "Nowak"}, store.ClientInput{FirstName: "Anna", LastName: "Kowalska"})
	sh := h.unlock()
	ctx := context.Background()
	bak := filepath.Join(t.TempDir(), "b.ktkbak")
	if _, err := privacy.WriteBackup(ctx, h.u.db, bak); err != nil {
		t.Fatal(err)
	}
	cs, _ := h.u.db.SearchClients(ctx, "nowak", 1)
	zofia := cs[0].ID
	if _, err := privacy.Forget(ctx, h.u.db, zofia, "request of the client", nil); err != nil {
		t.Fatal(err)
	}

	restoreWith := func(sh *shellScreen, pass string) *unlockScreen {
		t.Helper()
		sh.select_(sectionSettings)
		r := sh.settings.backups.restore
		r.choose(bak)
		h.waitFor("the backup's details", func() bool { return r.file != "" })
		mustContain(t, "details", r.about.Text, "2 clients")
		r.pass.SetText(pass)
		test.Tap(r.restore)
		return screenOf[*unlockScreen](h, "the unlock screen after the restore")
	}
	// A mistyped passphrase is said beside the field; the salon stays open.
	sh.select_(sectionSettings)
	r := sh.settings.backups.restore
	r.choose(bak)
	h.waitFor("the backup's details", func() bool { return r.file != "" })
	r.pass.SetText("not the passphrase")
	test.Tap(r.restore)
	h.waitFor("the refusal", func() bool { return visibleText(r.passErr) != "" })
	mustContain(t, "refusal", r.passErr.Text, "Nothing was changed")
	if h.u.current != sh || h.u.db == nil {
		t.Fatal("a wrong backup passphrase locked the salon")
	}
	sh.current = "" // the settings afresh
	u := restoreWith(sh, testPassphrase)
	mustContain(t, "outcome", u.notice.Text, "1 clients forgotten since")
	test.Type(u.pass, testPassphrase)
	test.Tap(u.unlock)
	screenOf[*shellScreen](h, "the main window after the restore")
	if c, _ := h.u.db.Client(ctx, zofia); !c.Anonymized {
		t.Error("the restore brought the forgotten client back")
	}
	if n, _ := h.u.db.LiveClientCount(ctx); n != 1 {
		t.Errorf("%d live clients after the restore, want 1", n)
	}
}

// TestRestoreOnNewComputer: with no salon on this computer, the first-run
// screen restores one from a backup.
func TestRestoreOnNewComputer(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Zofia", LastName: "Nowak"})
	ctx := context.Background()
	db, err := store.Open(ctx, h.u.cfg.Path, testPassphrase, store.Options{KDF: store.CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	bak := filepath.Join(t.TempDir(), "b.ktkbak")
	if _, err := privacy.WriteBackup(ctx, db, bak); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := os.Remove(h.u.cfg.Path); err != nil {
		t.Fatal(err)
	}
	h.u.Start()
	f := screenOf[*firstRunScreen](h, "the first-run screen")
	test.Tap(f.restore)
	r := screenOf[*restoreScreen](h, "the restore screen")
	r.panel.choose(bak)
	h.waitFor("the backup's details", func() bool { return r.panel.file != "" })
	r.panel.pass.SetText(testPassphrase)
	test.Tap(r.panel.restore)
	u := screenOf[*unlockScreen](h, "the unlock screen")
	h.waitFor("the outcome", func() bool { return u.notice.Visible() })
	mustContain(t, "outcome", u.notice.Text, "The backup is restored")
	test.Type(u.pass, testPassphrase)
	test.Tap(u.unlock)
	screenOf[*shellScreen](h, "the restored salon")
	if n, _ := h.u.db.LiveClientCount(ctx); n != 1 {
		t.Errorf("%d clients after the restore, want 1", n)
	}
}

// TestUnlockWhileInUse: a salon another program has open is refused with a
// word saying so, and unlocks once it is closed.
func TestUnlockWhileInUse(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	other, err := store.Open(context.Background(), h.u.cfg.Path, testPassphrase, store.Options{KDF: store.CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	h.u.Start()
	u := screenOf[*unlockScreen](h, "the unlock screen")
	test.Type(u.pass, testPassphrase)
	test.Tap(u.unlock)
	h.waitFor("the refusal", func() bool { return visibleText(u.message) != "" })
	mustContain(t, "refusal", u.message.Text, "already open on this computer")
	other.Close()
	test.Tap(u.unlock)
	screenOf[*shellScreen](h, "the main window")
}

// TestNumberSettings: how many backups to keep, and the auto-lock minutes,
// are taken when the field is left or Enter pressed, never halfway through
// typing ("14" is "1" for a moment: a backup then would delete all but one),
// and a number out of range is refused with a word, keeping the last one.
func TestNumberSettings(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	sh.select_(sectionSettings)
	p := h.u.fyne.Preferences()
	keep := sh.settings.backups.keep
	keep.SetText("")
	test.Type(keep, "1")
	if got := p.IntWithFallback(prefBackupKeep, defaultKeep); got != defaultKeep {
		t.Fatalf("keep = %d while still typing", got)
	}
	test.Type(keep, "4")
	keep.FocusLost()
	if got := p.Int(prefBackupKeep); got != 14 {
		t.Errorf("keep = %d after leaving the field, want 14", got)
	}
	keep.SetText("-5")
	submit(keep)
	if visibleText(sh.settings.backups.keepErr) == "" || p.Int(prefBackupKeep) != 14 {
		t.Errorf("-5 is taken, or refused without a word (keep = %d)", p.Int(prefBackupKeep))
	}
	lock := sh.settings.security.lockAfter
	lock.SetText("2000")
	submit(lock)
	if visibleText(sh.settings.security.lockErr) == "" || p.IntWithFallback(prefAutoLock, defaultAutoLock) != defaultAutoLock {
		t.Error("2000 minutes is taken, or refused without a word")
	}
}

// TestRestoreOverClosedSalonAsks: restoring from the unlock screen, over a
// salon that is there but not opened, says so and asks once.
func TestRestoreOverClosedSalonAsks(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Zofia", LastName: "Nowak"})
	ctx := context.Background()
	db, err := store.Open(ctx, h.u.cfg.Path, testPassphrase, store.Options{KDF: store.CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	bak := filepath.Join(t.TempDir(), "b.ktkbak")
	if _, err := privacy.WriteBackup(ctx, db, bak); err != nil {
		t.Fatal(err)
	}
	db.Close()
	h.u.Start()
	u := screenOf[*unlockScreen](h, "the unlock screen")
	test.Tap(u.restore)
	r := screenOf[*restoreScreen](h, "the restore screen")
	r.panel.choose(bak)
	h.waitFor("the backup's details", func() bool { return r.panel.file != "" })
	r.panel.pass.SetText(testPassphrase)
	test.Tap(r.panel.restore)
	h.waitFor("the question", func() bool { return r.panel.asked != nil })
	mustContain(t, "question", r.panel.asked.text.Text, "is replaced by this backup")
	test.Tap(r.panel.asked.not)
	if _, ok := h.u.current.(*restoreScreen); !ok || r.panel.restore.Disabled() {
		t.Error("Cancel does not leave the restore screen as it was")
	}
}
