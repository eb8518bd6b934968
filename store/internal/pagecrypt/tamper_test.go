package pagecrypt_test

import (
	"os"
	"path/filepath"
	"testing"

	sqlite3 "modernc.org/sqlite/lib"

	"kartoteka/store/internal/pagecrypt"
)

// copyFiles copies the salon's files (database and WAL) as they are on disk
// into a new folder, the key handle staying the same.
func (s *salon) copyFiles(t *testing.T) *salon {
	t.Helper()
	c := *s
	c.path = filepath.Join(t.TempDir(), "copy.db")
	for _, ext := range []string{"", "-wal"} {
		b, err := os.ReadFile(s.path + ext)
		if err != nil {
			continue
		}
		if err := os.WriteFile(c.path+ext, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return &c
}

func flip(t *testing.T, path string, off int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := make([]byte, 1)
	if _, err := f.ReadAt(b, off); err != nil {
		t.Fatal(err)
	}
	b[0] ^= 0x01
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

func TestReservedBytes(t *testing.T) {
	s := newSalon(t, pagecrypt.FormatGCM)
	db := s.open(t)
	fill(t, db, 10)
	run(t, db, "PRAGMA wal_checkpoint(TRUNCATE)")
	f, _ := os.Open(s.path)
	defer f.Close()
	var first []byte
	bad, err := s.key.Plain(f, false, func(off int64, plain []byte) error {
		if off == 0 {
			first = append([]byte(nil), plain...)
		}
		return nil
	})
	if err != nil || len(bad) > 0 {
		t.Fatal(bad, err)
	}
	if string(first[:16]) != "SQLite format 3\x00" || first[20] != pagecrypt.Reserved {
		t.Fatalf("page 1 header %q, reserved %d", first[:16], first[20])
	}
}

// TestFlippedPageByte flips one byte in each part of a page — its b-tree
// header, a cell, free space, the reserved bytes — and expects a full scan
// to fail with SQLITE_IOERR_DATA naming no garbage, and Plain to name the
// page.
func TestFlippedPageByte(t *testing.T) {
	s := newSalon(t, pagecrypt.FormatGCM)
	db := s.open(t)
	fill(t, db, 300)
	run(t, db, "DELETE FROM notes WHERE id % 3 = 0") // free space inside pages
	run(t, db, "PRAGMA wal_checkpoint(TRUNCATE)")
	db.Close()
	const page = 3
	for name, at := range map[string]int64{
		"page header": 0, "cell": pagecrypt.PageSize - 300, "free space": 1500,
		"nonce": pagecrypt.PageSize - 12, "tag": pagecrypt.PageSize - 30, "epoch": pagecrypt.PageSize - 1,
	} {
		t.Run(name, func(t *testing.T) {
			c := s.copyFiles(t)
			flip(t, c.path, headerSize+(page-1)*pagecrypt.PageSize+at)
			db := c.open(t)
			_, err := count(db)
			if code := sqliteCode(err); code != sqlite3.SQLITE_IOERR_DATA {
				t.Fatalf("scan: %v (code %d), want SQLITE_IOERR_DATA", err, code)
			}
			if d := pagecrypt.LastDamage(); d == nil || d.Page != page || d.InLog {
				t.Fatalf("damage %+v, want page %d", d, page)
			}
			f, _ := os.Open(c.path)
			defer f.Close()
			bad, err := c.key.Plain(f, false, func(int64, []byte) error { return nil })
			if err != nil || len(bad) != 1 || bad[0].Page != page {
				t.Fatalf("Plain found %+v, %v", bad, err)
			}
		})
	}
}

// keepWAL fills a salon and copies its files while the WAL still holds
// the commits: the copy has a WAL to recover.
func keepWAL(t *testing.T, commits int) (*salon, int64) {
	s := newSalon(t, pagecrypt.FormatGCM)
	db := s.open(t, "wal_autocheckpoint(0)")
	fill(t, db, 1)
	run(t, db, "PRAGMA wal_checkpoint(TRUNCATE)")
	for i := 0; i < commits; i++ {
		run(t, db, "INSERT INTO notes(body) VALUES ('secret note in the log')")
	}
	c := s.copyFiles(t)
	fi, err := os.Stat(c.path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	return c, fi.Size()
}

func TestWALPlaintextNotOnDisk(t *testing.T) {
	c, _ := keepWAL(t, 5)
	raw, _ := os.ReadFile(c.path + "-wal")
	if len(raw) == 0 {
		t.Fatal("no WAL")
	}
	for _, s := range []string{"secret note", "SQLite format 3"} {
		if contains(raw, s) {
			t.Fatalf("%q in the WAL on disk", s)
		}
	}
	// SQLite's WAL magic (0x377f0682/3) is encrypted with the header.
	if raw[0] == 0x37 && raw[1] == 0x7f && raw[2] == 0x06 {
		t.Fatal("WAL header in the clear")
	}
	db := c.open(t)
	if n, err := count(db); err != nil || n != 6 {
		t.Fatalf("recovered %d rows, %v; want 6", n, err)
	}
}

func contains(b []byte, s string) bool {
	for i := 0; i+len(s) <= len(b); i++ {
		if string(b[i:i+len(s)]) == s {
			return true
		}
	}
	return false
}

// TestFlippedWALByte: a byte flipped in the WAL header or in any frame but
// the last makes the salon refuse to open (SQLITE_IOERR_DATA) instead of
// silently dropping the commits after it; the last frame is
// indistinguishable from a write cut short by a crash and ends the log, as
// in plain SQLite.
func TestFlippedWALByte(t *testing.T) {
	const frameHeaderPhys, framePhys, walHeaderPhys = 24 + 32, 24 + 32 + pagecrypt.PageSize, 64
	c, size := keepWAL(t, 5)
	frames := (size - walHeaderPhys) / framePhys
	if frames < 5 {
		t.Fatalf("only %d frames", frames)
	}
	cases := map[string]int64{
		"WAL header":           5,
		"first frame header":   walHeaderPhys + 3,
		"first frame page":     walHeaderPhys + frameHeaderPhys + 100,
		"middle frame tag":     walHeaderPhys + 2*framePhys + frameHeaderPhys + pagecrypt.PageSize - 25,
		"middle frame reserve": walHeaderPhys + 2*framePhys + frameHeaderPhys + pagecrypt.PageSize - 2,
	}
	for name, at := range cases {
		t.Run(name, func(t *testing.T) {
			d := c.copyFiles(t)
			flip(t, d.path+"-wal", at)
			db := d.open(t)
			_, err := count(db)
			if code := sqliteCode(err); code != sqlite3.SQLITE_IOERR_DATA {
				t.Fatalf("got %v (code %d), want SQLITE_IOERR_DATA", err, code)
			}
			f, _ := os.Open(d.path + "-wal")
			defer f.Close()
			if bad, err := d.key.Plain(f, true, func(int64, []byte) error { return nil }); err != nil || len(bad) == 0 {
				t.Fatalf("Plain of the WAL found %+v, %v", bad, err)
			}
		})
	}
	t.Run("last frame", func(t *testing.T) {
		d := c.copyFiles(t)
		flip(t, d.path+"-wal", walHeaderPhys+(frames-1)*framePhys+frameHeaderPhys+10)
		db := d.open(t)
		n, err := count(db)
		if err != nil || n != 5 {
			t.Fatalf("got %d rows, %v: want the last commit dropped as torn", n, err)
		}
	})
}
