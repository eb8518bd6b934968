package ui

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kartoteka/privacy"
	"kartoteka/store"
)

// A salon of the previous file format is upgraded as it is unlocked: the
// owner sees the progress, then the salon as it was, and the old file is
// kept beside it until the next good backup.
func TestUnlockUpgradesTheFileFormat(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "salon.kartoteka")
	raw, err := os.ReadFile("../store/testdata/format1/salon.kartoteka")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	h := newHarnessAt(t, path, filepath.Join(dir, "demo.kartoteka"))
	h.u.Start()
	s := screenOf[*unlockScreen](h, "the unlock screen")
	test.Type(s.pass, "frozen format one")
	test.Tap(s.unlock)
	sh := screenOf[*shellScreen](h, "the main window")
	if h.u.db.Format() != 2 {
		t.Fatalf("format %d after unlocking", h.u.db.Format())
	}
	if !strings.Contains(s.notice.Text, "tamper-evident") {
		t.Errorf("the unlock screen said %q while upgrading", s.notice.Text)
	}
	if _, err := os.Stat(store.UpgradeCopyPath(path)); err != nil {
		t.Errorf("the old file was not kept: %v", err)
	}
	if strings.Contains(shownTexts(sh.content()), "could not be upgraded") {
		t.Error("the upgrade was said to have failed")
	}
}

// The weekly check finds a page changed outside Kartoteka, says which, and
// offers the newest backup in the salon's place.
func TestWeeklyCheckOffersTheNewestBackup(t *testing.T) {
	h := newHarness(t)
	h.tick = make(chan time.Time)
	h.u.cfg.RetentionTick = h.tick
	backups := t.TempDir()
	h.u.fyne.Preferences().SetString(prefBackupFolder, backups)
	h.makeSalon(store.ClientInput{FirstName: "Ewa", LastName: "Sprawdzona"})
	// A backup made before the damage.
	db, err := store.Open(context.Background(), h.u.cfg.Path, testPassphrase, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := privacy.WriteBackup(context.Background(), db, filepath.Join(backups, privacy.BackupName(time.Now()))); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// A byte of the last page changes on the disk.
	f, err := os.OpenFile(h.u.cfg.Path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := f.Stat()
	last := fi.Size() - 4096 + 1000
	b := []byte{0}
	f.ReadAt(b, last)
	b[0] ^= 0x10
	f.WriteAt(b, last)
	f.Close()
	page := (fi.Size() - 8192) / 4096

	h.unlock()
	h.tick <- time.Now() // returns once the first day's jobs are done
	h.waitFor("the question offering the backup", func() bool {
		return strings.Contains(shownTexts(h.u.win.Canvas().Overlays().Top()), "The newest backup, of")
	})
	said := shownTexts(h.u.win.Canvas().Overlays().Top())
	if want := "Page " + strconv.FormatInt(page, 10) + " of the salon file is damaged"; !strings.Contains(said, want) {
		t.Errorf("the question says %q, want %q", said, want)
	}
	// Its button locks the salon and shows the restore with that backup.
	for _, o := range test.LaidOutObjects(h.u.win.Canvas().Overlays().Top()) {
		if b, ok := o.(*keyButton); ok && strings.HasPrefix(b.Text, "Restore the newest backup") {
			test.Tap(b)
		}
	}
	rs := screenOf[*restoreScreen](h, "the restore screen")
	h.waitFor("the backup chosen", func() bool { return rs.panel.file != "" })
	if !strings.Contains(visibleText(rs.problem), "Page "+strconv.FormatInt(page, 10)) {
		t.Errorf("the restore screen says %q", visibleText(rs.problem))
	}
	if last := h.u.fyne.Preferences().String(prefDeepCheckLast); last != "" {
		t.Errorf("a failed check was recorded as passed at %s", last)
	}
}
