package privacy_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kartoteka/privacy"
	"kartoteka/store"
	"kartoteka/store/storetest"
	"kartoteka/store/storetest/faultvfs"
)

var zofia = store.Client{FirstName: "Zofia", LastName: "Kowalska-Øster", Phone: "+48601234567", Email: "zofia@example.com"}

func unlock() store.Unlock { return store.Unlock{Passphrase: storetest.Passphrase} }

func openSalon(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), path, storetest.Passphrase, store.Options{KDF: store.CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Issue 12, finding 3: a restore while the salon is open elsewhere (the
// app, a demo being written) is refused and changes nothing; with no salon
// at the path it creates it (a new computer).
func TestRestoreRefusedWhileOpen(t *testing.T) {
	ctx := context.Background()
	f, _, backup, _ := backedUp(t)
	path := f.DB.Path()
	before, _ := os.ReadFile(path)
	if _, err := privacy.Restore(ctx, backup, path, unlock(), nil); !errors.Is(err, store.ErrInUse) {
		t.Fatalf("restore beside an open salon: %v, want ErrInUse", err)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, before) {
		t.Error("the refused restore changed the salon")
	}
	if _, err := os.Stat(store.SafetyCopyPath(path)); err == nil {
		t.Error("the refused restore made a safety copy")
	}
	if _, err := f.DB.CreateClient(ctx, store.ClientInput{FirstName: "Nowa", LastName: "Praca"}); err != nil {
		t.Errorf("the open salon after the refusal: %v", err)
	}
}

func TestRestoreCreatesAMissingSalon(t *testing.T) {
	ctx := context.Background()
	_, _, backup, _ := backedUp(t)
	dest := filepath.Join(t.TempDir(), "kartoteka", "salon.kartoteka") // not even its folder
	res, err := privacy.Restore(ctx, backup, dest, unlock(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.SafetyCopy != "" {
		t.Errorf("restore onto nothing: %+v", res)
	}
	db := openSalon(t, dest)
	if n, _ := db.Counts(ctx); n.Clients != 2 {
		t.Errorf("clients = %d, want 2", n.Clients)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// Issue 12, finding 5: a new laptop. The database is gone with the old one;
// the backup folder holds an older backup and the ledger file, which the
// app's forget wrote there (or a later backup did): restoring the older
// backup forgets the client again.
func TestNewLaptopForgetsAgain(t *testing.T) {
	for _, how := range []string{"forget writes the backup folder's ledger", "a later backup writes it"} {
		t.Run(how, func(t *testing.T) {
			ctx := context.Background()
			f, _, _, _ := backedUp(t)
			usb := t.TempDir()
			old := filepath.Join(usb, "older.ktkbak")
			if _, err := privacy.WriteBackup(ctx, f.DB, old); err != nil {
				t.Fatal(err)
			}
			var ledgerDirs []string
			if how == "forget writes the backup folder's ledger" {
				ledgerDirs = []string{usb}
			}
			if _, err := privacy.Forget(ctx, f.DB, f.ClientID, "request of the client", nil, ledgerDirs...); err != nil {
				t.Fatal(err)
			}
			if ledgerDirs == nil {
				if _, err := privacy.WriteBackup(ctx, f.DB, filepath.Join(usb, "newer.ktkbak")); err != nil {
					t.Fatal(err)
				}
			}
			f.DB.Close()

			laptop := filepath.Join(t.TempDir(), "kartoteka", "salon.kartoteka")
			os.MkdirAll(filepath.Dir(laptop), 0o700)
			res, err := privacy.Restore(ctx, old, laptop, unlock(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.ForgottenAgain != 1 || !res.Created {
				t.Errorf("restore on the new laptop: %+v", res)
			}
			db := openSalon(t, laptop)
			if c, _ := db.Client(ctx, f.ClientID); !c.Anonymized {
				t.Fatal("the new laptop brought the forgotten client back")
			}
			proof, err := privacy.VerifyErased(ctx, db, privacy.TracesOf(zofia), []string{filepath.Dir(laptop)})
			if err != nil || proof.Found != 0 {
				t.Errorf("proof on the new laptop: %+v, %v", proof, err)
			}
			if got, _ := db.LedgerFile(filepath.Dir(laptop)); len(got) != 1 {
				t.Errorf("the new laptop's ledger file: %+v", got)
			}
		})
	}
}

// Restoring another salon's backup over a salon does not apply the current
// salon's ledger to it: its numbers are other people.
func TestOtherSalonsLedgerNotApplied(t *testing.T) {
	ctx := context.Background()
	a, _, _, _ := backedUp(t)
	_, _, backupB, _ := backedUp(t)
	privacy.Forget(ctx, a.DB, a.ClientID, "request", nil)
	ledger, _ := a.DB.ErasureLedger(ctx)
	path := a.DB.Path()
	a.DB.Close()
	res, err := privacy.Restore(ctx, backupB, path, unlock(), ledger)
	if err != nil {
		t.Fatal(err)
	}
	if res.ForgottenAgain != 0 {
		t.Errorf("another salon's ledger forgot %d of this one's clients", res.ForgottenAgain)
	}
}

// Issue 12, finding 4: the safety copy of a restore held a forgotten client
// whole while forget said "no trace found". Forget removes it now, its proof
// reads every copy of the salon in the data folder, and the next good
// backup, from the CLI as from the app, drops it too, as do SafetyCopyDays.
func TestSafetyCopyIsPersonalData(t *testing.T) {
	ctx := context.Background()
	f, _, backup, _ := backedUp(t)
	path := f.DB.Path()
	dir := filepath.Dir(path)
	f.DB.Close()
	restore := func() {
		t.Helper()
		res, err := privacy.Restore(ctx, backup, path, unlock(), nil)
		if err != nil || res.SafetyCopy != store.SafetyCopyPath(path) {
			t.Fatalf("restore: %+v, %v", res, err)
		}
	}
	restore()
	db := openSalon(t, path)
	// The proof reads the safety copy decrypted: it holds the client.
	proof, err := privacy.VerifyErased(ctx, db, privacy.TracesOf(zofia), []string{dir})
	if err != nil || proof.Found == 0 || proof.Copies != 1 {
		t.Fatalf("a proof beside a safety copy holding the client: %+v, %v", proof, err)
	}
	res, err := privacy.Forget(ctx, db, f.ClientID, "request of the client", []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if !res.SafetyCopyRemoved || res.Proof.Found != 0 {
		t.Errorf("forget beside a safety copy: removed %v, proof %+v", res.SafetyCopyRemoved, res.Proof)
	}
	if _, err := os.Stat(store.SafetyCopyPath(path)); !os.IsNotExist(err) {
		t.Error("the safety copy outlives the forget")
	}
	db.Close()

	restore()
	db = openSalon(t, path)
	if _, err := privacy.WriteBackup(ctx, db, filepath.Join(t.TempDir(), "next.ktkbak")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(store.SafetyCopyPath(path)); !os.IsNotExist(err) {
		t.Error("the safety copy outlives the next good backup")
	}
	db.Close()

	for _, c := range []struct {
		age  time.Duration
		kept bool
	}{{24 * time.Hour, true}, {(store.SafetyCopyDays*24 + 1) * time.Hour, false}} {
		restore()
		at := time.Now().Add(-c.age)
		os.Chtimes(store.SafetyCopyPath(path), at, at)
		openSalon(t, path).Close()
		if _, err := os.Stat(store.SafetyCopyPath(path)); (err == nil) != c.kept {
			t.Errorf("a safety copy %v old: kept %v, want %v", c.age, err == nil, c.kept)
		}
	}
}

// Issue 12, finding 1: outputs that are the database or a file beside it,
// a folder, a device, or the same file twice, are refused before anything
// is written.
func TestOutputsRefused(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	path := f.DB.Path()
	before, _ := os.ReadFile(path)
	for _, out := range []string{path, path + "-wal", store.SafetyCopyPath(path), filepath.Dir(path), os.DevNull,
		filepath.Join(filepath.Dir(path), f.DB.LedgerFileName())} {
		if _, err := privacy.WriteBackup(ctx, f.DB, out); !errors.Is(err, store.ErrUnsafeOutput) {
			t.Errorf("backup to %s: %v, want ErrUnsafeOutput", out, err)
		}
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, before) {
		t.Error("a refused backup changed the database")
	}
	out := t.TempDir()
	same := filepath.Join(out, "x")
	if _, err := privacy.Export(ctx, f.DB, privacy.ExportRequest{ClientID: f.ClientID, PDF: same, JSON: same}); !errors.Is(err, store.ErrUnsafeOutput) {
		t.Errorf("both exports into one file: %v", err)
	}
	if _, err := privacy.Export(ctx, f.DB, privacy.ExportRequest{ClientID: f.ClientID, JSON: out}); !errors.Is(err, store.ErrUnsafeOutput) {
		t.Errorf("an export onto a folder: %v", err)
	}
	if err := privacy.SaveRecoverySheet(out, "Salon", "AAAA", time.Now(), "en"); !errors.Is(err, store.ErrUnsafeOutput) {
		t.Errorf("a recovery sheet onto a folder: %v", err)
	}
	if left, _ := os.ReadDir(out); len(left) != 0 {
		t.Errorf("refused exports wrote %v", left)
	}
}

// Forget on a full disk: refused with the reason, the client whole, no
// ledger entry; nothing of it visible.
func TestForgetOnAFullDisk(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	dir := filepath.Dir(f.DB.Path())
	in := faultvfs.Inject(t, faultvfs.Fault{Dir: dir, File: faultvfs.WAL, Op: faultvfs.Write, Err: faultvfs.DiskFull, Short: true})
	_, err := privacy.Forget(ctx, f.DB, f.ClientID, "request", []string{dir})
	if err == nil || !errors.Is(store.DiskProblem(err), store.ErrDiskFull) {
		t.Fatalf("forget on a full disk: %v", err)
	}
	in.Off()
	path := f.DB.Path()
	f.DB.Close()
	db := openSalon(t, path)
	if c, err := db.Client(ctx, f.ClientID); err != nil || c.Anonymized || c.LastName != zofia.LastName {
		t.Errorf("the client after a failed forget: %+v, %v", c, err)
	}
	if l, _ := db.ErasureLedger(ctx); len(l) != 0 {
		t.Errorf("ledger after a failed forget: %+v", l)
	}
	if l, _ := db.LedgerFile(dir); len(l) != 0 {
		t.Errorf("ledger file after a failed forget: %+v", l)
	}
}

// A restore whose forgetting-again meets a full disk changes nothing and
// leaves nothing behind.
func TestRestoreOnAFullDisk(t *testing.T) {
	ctx := context.Background()
	f, _, backup, _ := backedUp(t)
	privacy.Forget(ctx, f.DB, f.ClientID, "request", nil)
	ledger, _ := f.DB.ErasureLedger(ctx)
	path := f.DB.Path()
	dir := filepath.Dir(path)
	f.DB.Close()
	before, _ := os.ReadFile(path)
	names := func() []string {
		e, _ := os.ReadDir(dir)
		var n []string
		for _, x := range e {
			n = append(n, x.Name())
		}
		return n
	}
	was := names()
	faultvfs.Inject(t, faultvfs.Fault{Dir: dir, File: faultvfs.WAL, Op: faultvfs.Write, After: 2, Err: faultvfs.DiskFull, Short: true})
	_, err := privacy.Restore(ctx, backup, path, unlock(), ledger)
	if err == nil || !errors.Is(store.DiskProblem(err), store.ErrDiskFull) {
		t.Fatalf("restore on a full disk: %v", err)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, before) {
		t.Error("a failed restore changed the salon")
	}
	if now := names(); strings.Join(now, " ") != strings.Join(was, " ") {
		t.Errorf("a failed restore left %v (was %v)", now, was)
	}
}

// Retention meeting a full disk part-way: the batches before are kept and
// in the ledger file too, the failing one is not visible, and the next run
// finishes.
func TestRetentionOnAFullDisk(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	const clients = 260
	err := f.DB.Batch(ctx, "test.clients", func(b *store.Batch) error {
		b.SetClock(time.Now().AddDate(-3, 0, 0))
		for range clients {
			if _, err := b.CreateClient(store.ClientInput{FirstName: "Dawna", LastName: "Klientka"}); err != nil {
				return err
			}
		}
		return nil
	})
	must(t, err)
	must(t, f.DB.SetRetentionPolicy(ctx, store.RetentionPolicy{Policy: store.PolicyLastVisit, Days: 30, Months: 24}))
	dir := filepath.Dir(f.DB.Path())
	f.DB.Checkpoint(ctx)
	// Let the first batch commit, then fill the disk.
	var in *faultvfs.Injection
	armed := func(done, total int) {
		if in == nil && done < total {
			in = faultvfs.Inject(t, faultvfs.Fault{Dir: dir, File: faultvfs.WAL, Op: faultvfs.Write, Err: faultvfs.DiskFull, Short: true})
		}
	}
	_, err = privacy.RunRetention(ctx, f.DB, time.Now(), armed)
	if in == nil || err == nil || !errors.Is(store.DiskProblem(err), store.ErrDiskFull) {
		t.Fatalf("retention on a full disk: %v", err)
	}
	in.Off()
	path := f.DB.Path()
	f.DB.Close()
	db := openSalon(t, path)
	if r, err := db.Check(ctx); err != nil || !r.OK {
		t.Fatalf("check: %+v, %v", r, err)
	}
	table, _ := db.ErasureLedger(ctx)
	file, _ := db.LedgerFile(dir)
	if len(table) == 0 || len(table) >= clients || len(file) != len(table) {
		t.Errorf("after a failed run: %d in the ledger, %d in its file, of %d", len(table), len(file), clients)
	}
	if _, err := privacy.RunRetention(ctx, db, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	table, _ = db.ErasureLedger(ctx)
	file, _ = db.LedgerFile(dir)
	if len(table) < clients || len(file) != len(table) {
		t.Errorf("after the next run: %d in the ledger, %d in its file", len(table), len(file))
	}
}

// A restore of an older backup hands out the numbers after it again: the
// ledger files still list the forgotten client of that number, and a later
// restore must not forget the new client who got it.
func TestReusedNumberNotForgotten(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.Local)
	clock := func(at time.Time) store.Options {
		return store.Options{KDF: store.CheapKDF, Now: func() time.Time { return at }}
	}
	db, _ := storetest.Create(t, clock(t0))
	path := db.Path()
	dir := filepath.Dir(path)
	if _, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Anna", LastName: "Nowak"}); err != nil {
		t.Fatal(err)
	}
	older := filepath.Join(t.TempDir(), "older.ktkbak")
	if _, err := privacy.WriteBackup(ctx, db, older); err != nil {
		t.Fatal(err)
	}
	gone, _ := db.CreateClient(ctx, store.ClientInput{FirstName: "Zofia", LastName: "Kowalska-Øster"})
	if _, err := privacy.Forget(ctx, db, gone, "request", []string{dir}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := privacy.Restore(ctx, older, path, unlock(), nil); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, path, storetest.Passphrase, clock(t0.Add(time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	newcomer, _ := db.CreateClient(ctx, store.ClientInput{FirstName: "Ewa", LastName: "Nowa"})
	if newcomer != gone {
		t.Fatalf("the newcomer got number %d, not the forgotten %d: the test needs the number reused", newcomer, gone)
	}
	again := filepath.Join(t.TempDir(), "again.ktkbak")
	if _, err := privacy.WriteBackup(ctx, db, again); err != nil {
		t.Fatal(err)
	}
	ledger, _ := db.ErasureLedger(ctx)
	db.Close()
	res, err := privacy.Restore(ctx, again, path, unlock(), ledger)
	if err != nil {
		t.Fatal(err)
	}
	db = openSalon(t, path)
	if c, _ := db.Client(ctx, newcomer); c.Anonymized || res.ForgottenAgain != 0 {
		t.Errorf("the newcomer with a forgotten client's number was forgotten: %+v, %+v", c, res)
	}
}

// A copy of the salon the owner made by hand in the data folder still
// holds a forgotten client: the proof says which file, so the owner knows
// what to delete, instead of calling it a fault of Kartoteka.
func TestProofNamesTheFileWithTraces(t *testing.T) {
	ctx := context.Background()
	f, _, _, _ := backedUp(t)
	path := f.DB.Path()
	dir := filepath.Dir(path)
	f.DB.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "salon (kopia).kartoteka"), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	db := openSalon(t, path)
	res, err := privacy.Forget(ctx, db, f.ClientID, "request of the client", []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if res.Proof.Found == 0 || !slices.Equal(res.Proof.FoundIn, []string{"salon (kopia).kartoteka"}) {
		t.Errorf("proof beside a hand-made copy: %+v", res.Proof)
	}
}
