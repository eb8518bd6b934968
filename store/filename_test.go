package store_test

import (
	"path/filepath"
	"strings"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// portableNames seeds FuzzPortableName too.
var portableNames = []struct {
	name string
	ok   bool
}{
	{"salon.kartoteka", true},
	{"kartoteka-backup-2026-12-01-0930.ktkbak", true},
	{"client-42-2026-12-01.pdf", true},
	{"Łucja Wąż – eksport.pdf", true},
	{"console.pdf", true},
	{"COM10.txt", true},
	{"LPT.txt", true},
	{"nullable", true},
	{".salon.kartoteka-restore-123", true},
	{"", false},
	{".", false},
	{"..", false},
	{"CON", false},
	{"con.pdf", false},
	{"Nul.tar.gz", false},
	{"aux ", false},
	{"AUX .txt", false},
	{"COM1.json", false},
	{"lpt9", false},
	{"COM¹.txt", false},
	{"CONOUT$", false},
	{"client:42.pdf", false},
	{"a<b", false},
	{"what?.pdf", false},
	{`a"b`, false},
	{"a|b", false},
	{"a*b", false},
	{`a\b`, false},
	{"a/b", false},
	{"tab\there", false},
	{"report.", false},
	{"report ", false},
	{strings.Repeat("ż", 128), false}, // 256 bytes
	{strings.Repeat("z", 255), true},
}

func TestPortableName(t *testing.T) {
	for _, c := range portableNames {
		err := store.PortableName(c.name)
		if (err == nil) != c.ok {
			t.Errorf("PortableName(%q) = %v, want ok %v", c.name, err, c.ok)
		}
	}
}

func FuzzPortableName(f *testing.F) {
	for _, c := range portableNames {
		f.Add(c.name)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if store.PortableName(name) != nil {
			return
		}
		// What passes is one plain name with nothing Windows changes.
		if strings.ContainsAny(name, `<>:"/\|?*`) || strings.TrimRight(name, ". ") != name || len(name) > 255 {
			t.Errorf("%q passed", name)
		}
	})
}

// Every name Kartoteka gives a file of its own is portable.
func TestOwnNamesPortable(t *testing.T) {
	db := storetest.Open(t)
	for _, name := range []string{
		filepath.Base(db.Path()),
		db.LedgerFileName(),
		filepath.Base(store.SafetyCopyPath(db.Path())),
		filepath.Base(store.SafetyCopyPath(db.Path())) + "-wal",
		filepath.Base(db.Path()) + ".lock",
		filepath.Base(db.Path()) + "-wal",
	} {
		if err := store.PortableName(name); err != nil {
			t.Error(err)
		}
	}
}
