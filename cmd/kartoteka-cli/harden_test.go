package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest/faultvfs"
)

// The findings of issue 12's attack run, each reproduced.

// noTrace fails the test when a message shows Go's insides.
func noTrace(t *testing.T, what, msg string) {
	t.Helper()
	for _, bad := range []string{"goroutine ", "panic", ".kartoteka-partial", ".kartoteka-export", ".kartoteka-restore", "PRAGMA", "runtime."} {
		if strings.Contains(msg, bad) {
			t.Errorf("%s: the message shows %q: %q", what, bad, msg)
		}
	}
}

// Finding 1: outputs that would destroy the salon, replace a device or
// collide are refused with exit 2, nothing written.
func TestFinding1OutputsRefused(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	before, _ := os.ReadFile(s.db)
	out := t.TempDir()
	twice := filepath.Join(out, "both")
	cases := [][]string{
		{"backup", s.db},
		{"backup", s.db + "-wal"},
		{"backup", s.db + ".before-restore"},
		{"backup", out},
		{"export", "--client", client, "--pdf", twice, "--json", twice},
		{"export", "--client", client, "--json", out},
		{"decrypt", "--out", s.db},
		{"decrypt", "--out", strings.TrimSuffix(s.db, "-wal")},
	}
	if _, err := os.Stat("/dev/full"); err == nil {
		cases = append(cases, []string{"backup", "/dev/full"}, []string{"export", "--client", client, "--json", "/dev/full"})
	}
	for _, args := range cases {
		errOut := s.expect(exitUsage, args...)
		if !strings.Contains(errOut, "nothing was written") && !strings.Contains(errOut, "already exists") {
			t.Errorf("%v: %q", args, errOut)
		}
		noTrace(t, strings.Join(args, " "), errOut)
	}
	if now, _ := os.ReadFile(s.db); !bytes.Equal(now, before) {
		t.Error("a refused output changed the database")
	}
	if fi, err := os.Stat("/dev/full"); err == nil && fi.Mode()&os.ModeDevice == 0 {
		t.Error("/dev/full is no longer a device")
	}
	if left, _ := os.ReadDir(out); len(left) != 0 {
		t.Errorf("refused outputs wrote %v", left)
	}
	s.ok("check")
}

// Finding 2: a salon cut to its key header is refused by every command as
// damaged and left as it is; a restore brings it back.
func TestFinding2CutFile(t *testing.T) {
	s := newSalon(t)
	s.fixture()
	bak := filepath.Join(t.TempDir(), "b.ktkbak")
	s.ok("backup", bak)
	whole, _ := os.ReadFile(s.db)
	os.WriteFile(s.db, whole[:8192], 0o600)
	for _, args := range [][]string{{"client", "list"}, {"check"}, {"client", "add", "--first", "A", "--last", "B"}} {
		errOut := s.expect(exitFailed, args...)
		if !strings.Contains(errOut, "damaged or incomplete: restore a backup") {
			t.Errorf("%v: %q", args, errOut)
		}
		noTrace(t, strings.Join(args, " "), errOut)
	}
	if now, _ := os.ReadFile(s.db); len(now) != 8192 {
		t.Errorf("the cut file is now %d bytes", len(now))
	}
	s.ok("restore", bak)
	if n := len(s.clientsJSON()); n != 1 {
		t.Errorf("clients after restoring = %d", n)
	}
}

// Finding 3: a restore while the salon is open elsewhere is refused, naming
// the situation; with no database it creates one (a new laptop).
func TestFinding3RestoreWhileOpen(t *testing.T) {
	s := newSalon(t)
	s.fixture()
	bak := filepath.Join(t.TempDir(), "b.ktkbak")
	s.ok("backup", bak)
	app, err := store.Open(context.Background(), s.db, testPassphrase, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"restore", bak}, {"demo", "--clients", "5"}, {"client", "list"}} {
		if errOut := s.expect(exitFailed, args...); !strings.Contains(errOut, "Kartoteka is open on this computer") || !strings.Contains(errOut, "close it first") {
			t.Errorf("%v beside the open app: %q", args, errOut)
		}
	}
	if _, err := os.Stat(s.db + ".before-restore"); err == nil {
		t.Error("the refused restore made a safety copy")
	}
	app.Close()

	laptop := blankSalon(t)
	laptop.passFile = s.passFile
	out := laptop.ok("restore", bak)
	if !strings.Contains(out, "Created") {
		t.Errorf("restore onto a new laptop: %q", out)
	}
	if n := len(laptop.clientsJSON()); n != 1 {
		t.Errorf("clients on the new laptop = %d", n)
	}
	laptop.ok("check")
}

// Finding 4: the safety copy of a restore held a client forgotten after
// it; forget removes it, and a CLI backup drops it too.
func TestFinding4SafetyCopy(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	bak := filepath.Join(t.TempDir(), "b.ktkbak")
	s.ok("backup", bak)
	s.ok("restore", bak)
	safety := s.db + ".before-restore"
	if _, err := os.Stat(safety); err != nil {
		t.Fatal("no safety copy after a restore")
	}
	out := s.ok("forget", "--client", client, "--yes")
	if !strings.Contains(out, "safety copy") || !strings.Contains(out, "no trace found") {
		t.Errorf("forget = %q", out)
	}
	if _, err := os.Stat(safety); !os.IsNotExist(err) {
		t.Error("the safety copy outlives the forget")
	}
	s.ok("restore", bak)
	s.ok("backup", filepath.Join(t.TempDir(), "next.ktkbak"))
	if _, err := os.Stat(safety); !os.IsNotExist(err) {
		t.Error("the safety copy outlives the next CLI backup")
	}
}

// Finding 5: a new laptop restoring an older backup forgets again whoever
// the backup folder's ledger lists.
func TestFinding5NewLaptop(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	usb := t.TempDir()
	s.ok("backup", filepath.Join(usb, "older.ktkbak"))
	s.ok("forget", "--client", client, "--yes")
	s.ok("backup", filepath.Join(usb, "newer.ktkbak"))

	laptop := blankSalon(t)
	laptop.passFile = s.passFile
	out := laptop.ok("restore", filepath.Join(usb, "older.ktkbak"))
	if !strings.Contains(out, "1 forgotten again") {
		t.Errorf("restore on the new laptop: %q", out)
	}
	if show := laptop.ok("client", "show", client, "--json"); !strings.Contains(show, `"anonymized": true`) {
		t.Errorf("the new laptop brought the forgotten client back: %s", show)
	}
}

// Finding 6: passwd on a full disk fails truthfully: the old passphrase
// still opens the salon, the new one does not, and no event claims a
// change.
func TestFinding6PasswdOnAFullDisk(t *testing.T) {
	s := newSalon(t)
	s.fixture()
	newPass := s.write("new.txt", "an entirely new passphrase\n")
	in := faultvfs.Inject(t, faultvfs.Fault{Dir: filepath.Dir(s.db), File: faultvfs.WAL, Op: faultvfs.Write, Err: faultvfs.DiskFull})
	errOut := s.expect(exitFailed, "passwd", "--new-passphrase-file", newPass)
	if !strings.Contains(errOut, "disk is full") || !strings.Contains(errOut, "nothing") {
		t.Errorf("passwd on a full disk: %q", errOut)
	}
	in.Off()
	s.ok("client", "list")
	if audit := s.ok("audit"); strings.Contains(audit, "passphrase") {
		t.Errorf("the audit log claims a change: %q", audit)
	}
	s.passFile = newPass
	s.expect(exitLocked, "client", "list")
}

// Finding 7: KARTOTEKA_KDF=cheap left in the environment never weakens a
// salon; a weak salon warns whenever it is opened; init with it warns.
func TestFinding7CheapKDF(t *testing.T) {
	s := blankSalon(t)
	os.MkdirAll(filepath.Dir(s.db), 0o700)
	db, _, err := store.Create(context.Background(), s.db, testPassphrase, store.Salon{Name: "S", Country: "PL"}, store.Options{KDF: store.MinKDF})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	newPass := s.write("new.txt", "an entirely new passphrase\n")
	code, _, errOut := s.run("passwd", "--new-passphrase-file", newPass)
	if code != exitOK || !strings.Contains(errOut, "ignored") || strings.Contains(errOut, "weak key") {
		t.Errorf("passwd with cheap set = %d, %q", code, errOut)
	}
	db, err = store.Open(context.Background(), s.db, "an entirely new passphrase", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if db.WeakKDF() {
		t.Errorf("cheap weakened the salon to %v", db.KDF())
	}
	db.Close()

	weak := blankSalon(t)
	code, _, errOut = weak.run("init", "--salon", "Salon Test", "--country", "PL")
	if code != exitOK || !strings.Contains(errOut, "WARNING: KARTOTEKA_KDF=cheap") {
		t.Errorf("init with cheap = %d, %q", code, errOut)
	}
	if code, _, errOut := weak.run("check"); code != exitOK || !strings.Contains(errOut, "weak key derivation") || !strings.Contains(errOut, "passwd --strengthen") {
		t.Errorf("opening a weak salon = %d, %q", code, errOut)
	}
}

// Finding 8: every number has a range and a refusal; no input gives a stack
// trace; messages name no internals.
func TestFinding8BadValues(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	huge := s.write("huge.txt", strings.Repeat("x", 1<<20)+"\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"retention", "set", "--policy", "booking_end", "--days", "-5"}, "--days must be between 1 and 3650"},
		{[]string{"retention", "set", "--policy", "booking_end", "--days", "99999"}, "--days must be between"},
		{[]string{"retention", "set", "--policy", "last_visit", "--months", "12", "--statutory-years", "-1"}, "--statutory-years must be between 0 and 15"},
		{[]string{"retention", "set", "--policy", "last_visit", "--months", "12", "--days", "30"}, "--days is for --policy booking_end"},
		{[]string{"demo", "--clients", "1099511627776"}, "--clients"},
		{[]string{"demo", "--clients", "0"}, "--clients must be between 1 and 100000"},
		{[]string{"payment", "add", "--client", client, "--amount", "-5.00"}, "refund cannot be more than was paid"},
		{[]string{"audit", "--limit", "-1"}, "--limit must be between"},
		{[]string{"service", "add", "--name", "X", "--minutes", "100000", "--price", "10"}, "--minutes must be between 1 and 720"},
		{[]string{"service", "add", "--name", "X", "--minutes", "30", "--price", "-10"}, "price"},
		{[]string{"invoice", "add", "--client", client, "--amount", "-1.00"}, "amount"},
		{[]string{"payment", "add", "--client", client, "--amount", "99999999999999.00"}, "amount"},
		{[]string{"export", "--client", "-3", "--json", filepath.Join(t.TempDir(), "x.json")}, "positive"},
		{[]string{"client", "list", "--db", s.db, "--passphrase-file", huge}, "longer than 1024 bytes"},
	} {
		code, out, errOut := s.run(c.args...)
		if c.args[len(c.args)-1] == huge {
			code, out, errOut = s.runRaw(c.args...)
		}
		if code != exitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%v = %d, %q; want 2 and %q", c.args, code, errOut, c.want)
		}
		noTrace(t, strings.Join(c.args, " "), out+errOut)
	}
	if got := s.ok("retention", "show", "--json"); !strings.Contains(got, `"policy": "off"`) {
		t.Errorf("a refused retention set changed the policy: %s", got)
	}

	// A backup into a folder that is not there names what failed, not a
	// temporary file; a temporary file a killed backup left is removed by
	// the next one.
	errOut := s.expect(exitFailed, "backup", filepath.Join(t.TempDir(), "missing", "b.ktkbak"))
	if !strings.Contains(errOut, "backup") || strings.Contains(errOut, "export") {
		t.Errorf("backup into a missing folder: %q", errOut)
	}
	noTrace(t, "backup into a missing folder", errOut)
	dir := t.TempDir()
	stale := filepath.Join(dir, ".kartoteka-export-2021847119")
	os.WriteFile(stale, []byte("half a backup"), 0o600)
	s.ok("backup", filepath.Join(dir, "b.ktkbak"))
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("the killed backup's temporary file is still there")
	}
}
