package store_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

func FuzzNormalizeEmail(f *testing.F) {
	for _, c := range emailCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := store.NormalizeEmail(s)
		if err != nil {
			return
		}
		again, err := store.NormalizeEmail(got)
		if err != nil || again != got {
			t.Errorf("not idempotent: %q → %q → %q, %v", s, got, again, err)
		}
		if got != "" && strings.Count(got, "@") < 1 {
			t.Errorf("accepted %q without @", got)
		}
	})
}

func FuzzNormalizePhone(f *testing.F) {
	for _, c := range phoneCases {
		f.Add(c.in, c.country)
	}
	f.Fuzz(func(t *testing.T, s, country string) {
		got, err := store.NormalizePhone(s, country)
		if err != nil || got == "" {
			return
		}
		if got[0] != '+' || strings.Trim(got[1:], "0123456789") != "" || len(got) > 16 {
			t.Errorf("NormalizePhone(%q) = %q is not E.164", s, got)
		}
		if again, err := store.NormalizePhone(got, "XX"); err != nil || again != got {
			t.Errorf("E.164 %q does not parse back: %q, %v", got, again, err)
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, c := range foldCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := store.Fold(s)
		if store.Fold(got) != got {
			t.Errorf("Fold not idempotent on %q: %q → %q", s, got, store.Fold(got))
		}
	})
}

// csvCases are the import table test and the seeds of its fuzz test.
var csvCases = []struct {
	csv      string
	rows     int
	rejected []int // lines
	err      error
}{
	{"first_name,last_name,phone,email\nZofia,Kowalska-Øster,601 234 567,zofia@example.com\n", 1, nil, nil},
	{"first_name;last_name;email\nSøren;Ærø;soren@example.dk\n", 1, nil, nil},
	{"first_name,last_name,email\nAnna,Nowak,not-an-email\nJan,Kowalski,jan@example.com\n", 2, []int{2}, store.ErrImportRejected},
	{"\ufefffirst_name,last_name\n\"Quoted, Name\",Müller\n\n", 1, nil, nil},
	{"nom,numéro\nNobody,123\n", 0, nil, store.ErrBadCSV},
	{"first_name,last_name\n,x\nA,B\n", 2, []int{2}, store.ErrImportRejected},
	{"first_name,last_name\n,\n , \nA,B\n", 1, nil, nil}, // rows of empty cells are left out
	{"first_name,last_name\n\"unterminated,x\n", 0, nil, store.ErrBadCSV},
	{"First Name,Last Name,Birth Date\nAnna,Lis,1990-02-30\n", 1, []int{2}, store.ErrImportRejected},
}

func TestImportCSVTable(t *testing.T) {
	db := storetest.Open(t)
	for i, c := range csvCases {
		rep, err := db.ImportClientsCSV(context.Background(), strings.NewReader(c.csv), true)
		if !errors.Is(err, c.err) || rep.Rows != c.rows || len(rep.Rejected) != len(c.rejected) {
			t.Errorf("case %d: %+v, %v; want %d rows, rejected lines %v, %v", i, rep, err, c.rows, c.rejected, c.err)
			continue
		}
		for j, line := range c.rejected {
			if rep.Rejected[j].Line != line {
				t.Errorf("case %d: rejected line %d, want %d", i, rep.Rejected[j].Line, line)
			}
		}
	}
}

func FuzzImportClientsCSV(f *testing.F) {
	for _, c := range csvCases {
		f.Add([]byte(c.csv))
	}
	db := storetest.Open(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := db.ImportClientsCSV(context.Background(), bytes.NewReader(data), true)
		if err == nil && len(rep.Rejected) > 0 {
			t.Errorf("no error but %d rejected rows", len(rep.Rejected))
		}
		if errors.Is(err, store.ErrImportRejected) && len(rep.Rejected) == 0 {
			t.Error("ErrImportRejected without rejected rows")
		}
		if rep.Imported != 0 {
			t.Errorf("dry run imported %d", rep.Imported)
		}
	})
}
