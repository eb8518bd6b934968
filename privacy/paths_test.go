package privacy_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kartoteka/privacy"
	"kartoteka/store"
	"kartoteka/store/storetest"
)

// A salon in a folder whose name has spaces and Polish, German and Danish
// letters (a Windows user "Łucja Wąż" has C:\Users\Łucja Wąż\AppData\…)
// is created, written, backed up into another such folder, exported,
// forgotten from and restored onto a new computer's folder like any other,
// and every file lands under the name it was given.
func TestPathsWithSpacesAndLetters(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	path := filepath.Join(root, "Łucja Wąż", "AppData", "Roaming", "kartoteka", "salon.kartoteka")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	db, _, err := store.Create(ctx, path, storetest.Passphrase, storetest.Salon, store.Options{KDF: store.CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	id, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Żaneta", LastName: "Gößl-Ærø", Phone: "601 234 567"})
	if err != nil {
		t.Fatal(err)
	}
	keep, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Łucja", LastName: "Wąż"})
	if err != nil {
		t.Fatal(err)
	}
	backups := filepath.Join(root, "Kopie zapasowe – Søren", "2026 grudzień")
	os.MkdirAll(backups, 0o700)
	backup := filepath.Join(backups, privacy.BackupName(exportNow))
	if _, err := privacy.WriteBackup(ctx, db, backup); err != nil {
		t.Fatal(err)
	}
	exports := filepath.Join(root, "Eksport dla klientki ż")
	os.MkdirAll(exports, 0o700)
	pdf := filepath.Join(exports, privacy.DefaultExportName(id, store.FormatPDF, exportNow))
	js := filepath.Join(exports, "Żaneta Gößl – dane.json")
	if _, err := privacy.Export(ctx, db, privacy.ExportRequest{ClientID: id, PDF: pdf, JSON: js, Now: exportNow}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{backup, pdf, js} {
		if fi, err := os.Stat(f); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	res, err := privacy.Forget(ctx, db, id, "request of the client", []string{backups}, backups)
	if err != nil {
		t.Fatal(err)
	}
	if res.Proof.Found != 0 {
		t.Errorf("traces left: %+v", res.Proof)
	}
	if deleted, left := privacy.RemoveExports(res.Exports); deleted != 2 || left != 0 {
		t.Errorf("the exports: %d deleted, %d left", deleted, left)
	}
	for _, f := range []string{pdf, js} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s: %v", f, err)
		}
	}
	ledger, _ := db.ErasureLedger(ctx)
	db.Close()

	// A new computer: another user's folder, no salon yet.
	other := filepath.Join(root, "Jürgen Æbeltoft", "kartoteka", "salon.kartoteka")
	r, err := privacy.Restore(ctx, backup, other, store.Unlock{Passphrase: storetest.Passphrase}, ledger, backups)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Created || r.ForgottenAgain != 1 {
		t.Errorf("restore onto a new computer: %+v", r)
	}
	again, err := store.Open(ctx, other, storetest.Passphrase, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if c, err := again.Client(ctx, keep); err != nil || c.FirstName != "Łucja" || c.LastName != "Wąż" {
		t.Errorf("the kept client after restore: %+v, %v", c, err)
	}
	if c, _ := again.Client(ctx, id); !c.Anonymized {
		t.Error("the forgotten client came back")
	}
	if chk, err := again.Check(ctx); err != nil || !chk.OK {
		t.Errorf("check: %+v, %v", chk, err)
	}
	names, _ := filepath.Glob(filepath.Join(filepath.Dir(other), "*"))
	for _, n := range names {
		if err := store.PortableName(filepath.Base(n)); err != nil {
			t.Error(err)
		}
	}
}

// Every name Kartoteka offers for a file it writes is one every system
// takes as it is, whatever the day and time.
func TestOfferedNamesPortable(t *testing.T) {
	db := storetest.Open(t)
	for _, at := range []time.Time{exportNow, time.Date(2027, 1, 9, 23, 59, 59, 0, time.UTC)} {
		for _, name := range []string{
			privacy.BackupName(at),
			privacy.DefaultExportName(42, store.FormatPDF, at),
			privacy.DefaultExportName(987654, store.FormatJSON, at),
			privacy.RecoverySheetName(at),
			db.LedgerFileName(),
		} {
			if err := store.PortableName(name); err != nil {
				t.Error(err)
			}
		}
	}
}
