package store_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"kartoteka/store"
)

// TestReadImportFileRefuses: a folder, a device, the salon's own file and
// its companions, a missing file and one too large are refused before a
// byte is read; a plain CSV is read.
func TestReadImportFileRefuses(t *testing.T) {
	db := importSalon(t, "PL")
	dir := t.TempDir()
	big := filepath.Join(dir, "big.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(store.MaxImportBytes + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	cases := []struct {
		path string
		want error
	}{
		{dir, store.ErrUnsafeInput},
		{db.Path(), store.ErrUnsafeInput},
		{db.Path() + "-wal", nil}, // refused when it exists; checked below
		{filepath.Join(dir, "missing.csv"), fs.ErrNotExist},
		{big, store.ErrImportTooLarge},
	}
	if runtime.GOOS != "windows" {
		cases = append(cases, struct {
			path string
			want error
		}{"/dev/zero", store.ErrUnsafeInput})
	}
	for _, c := range cases {
		if c.want == nil {
			if _, err := os.Stat(c.path); err != nil {
				continue
			}
			c.want = store.ErrUnsafeInput
		}
		if _, err := store.ReadImportFile(db.Path(), c.path); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", filepath.Base(c.path), err, c.want)
		}
	}
	ok := filepath.Join(dir, "clients.csv")
	os.WriteFile(ok, []byte("Imię;Nazwisko\nAnna;Lis\n"), 0o600)
	if data, err := store.ReadImportFile(db.Path(), ok); err != nil || !bytes.HasPrefix(data, []byte("Imię")) {
		t.Errorf("a plain CSV: %q, %v", data, err)
	}
}

// endless is a reader that never ends, as a device or a pipe may be.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// TestImportRefusesWhatItCannotTakeWhole: an import of a stream longer
// than MaxImportBytes is refused, not cut short and imported in part; a
// header with no rows, and one of thousands of columns, are refused too.
func TestImportRefusesWhatItCannotTakeWhole(t *testing.T) {
	ctx := context.Background()
	db := importSalon(t, "PL")
	head := "first_name,last_name\nAnna,Lis\n"
	r := io.MultiReader(strings.NewReader(head), io.LimitReader(endless{}, store.MaxImportBytes))
	if _, err := db.ImportClients(ctx, r, store.ImportOptions{DryRun: true}); !errors.Is(err, store.ErrImportTooLarge) {
		t.Errorf("too large: err = %v, want ErrImportTooLarge", err)
	}
	if _, err := db.ImportClients(ctx, strings.NewReader("Imię;Nazwisko\r\n;\r\n"), store.ImportOptions{}); !errors.Is(err, store.ErrImportEmpty) {
		t.Errorf("header only: err = %v, want ErrImportEmpty", err)
	}
	wide := "first_name,last_name" + strings.Repeat(",x", 5000) + "\nA,B\n"
	if rep, err := db.ImportClients(ctx, strings.NewReader(wide), store.ImportOptions{DryRun: true}); !errors.Is(err, store.ErrBadCSV) || len(rep.Columns) != 0 {
		t.Errorf("5,002 columns: %d columns, err = %v, want ErrBadCSV", len(rep.Columns), err)
	}
	if cs, err := db.Clients(ctx); err != nil || len(cs) != 0 {
		t.Errorf("%d clients after refused imports (%v), want 0", len(cs), err)
	}
}

// TestImportBOMBeforeCodePage: a UTF-8 byte-order mark before cp1250 text
// is not UTF-8 (the owner is told to choose), and with cp1250 chosen the
// mark is no part of the first header.
func TestImportBOMBeforeCodePage(t *testing.T) {
	ctx := context.Background()
	db := importSalon(t, "PL")
	file := append([]byte("\xef\xbb\xbf"), encode(t, charmap.Windows1250, "Imię;Nazwisko\r\nŁucja;Żądło\r\n")...)
	if _, err := db.ImportClients(ctx, bytes.NewReader(file), store.ImportOptions{DryRun: true}); !errors.Is(err, store.ErrBadCSV) {
		t.Errorf("auto: err = %v, want ErrBadCSV (not UTF-8)", err)
	}
	rep, err := db.ImportClients(ctx, bytes.NewReader(file), store.ImportOptions{Encoding: store.EncodingCP1250})
	if err != nil || rep.Imported != 1 {
		t.Fatalf("cp1250 chosen: %+v, %v", rep.Columns, err)
	}
	if rep.Columns[0].Header != "Imię" || rep.Columns[0].Field != store.FieldFirstName {
		t.Errorf("first column %+v, want Imię → first_name", rep.Columns[0])
	}
}
