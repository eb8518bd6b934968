package pagecrypt_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kartoteka/store/internal/pagecrypt"
)

// Found by review: a crash right after a transaction that spilled frames to
// the WAL and rolled back leaves frames of the same generation after the
// torn one. That is the end of the log, as plain SQLite sees it, not
// damage: the salon opens with every committed row.
func TestTornFrameAfterARollback(t *testing.T) {
	s := newSalon(t, pagecrypt.FormatGCM)
	db := s.open(t, "wal_autocheckpoint(0)", "cache_size(10)")
	run(t, db, "PRAGMA journal_mode=WAL")
	run(t, db, "CREATE TABLE a(id INTEGER PRIMARY KEY, v TEXT)")
	run(t, db, "CREATE TABLE c(id INTEGER PRIMARY KEY, v TEXT)")
	run(t, db, "INSERT INTO c(v) VALUES ('c0')")
	for i := 0; i < 5; i++ {
		run(t, db, "INSERT INTO a(v) VALUES (?)", fmt.Sprintf("committed %d", i))
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3000; i++ {
		if _, err := tx.Exec("INSERT INTO a(v) VALUES (?)", strings.Repeat("b", 250)); err != nil {
			t.Fatal(err)
		}
	}
	tx.Rollback()
	main, _ := os.ReadFile(s.path)
	rolledBack, _ := os.ReadFile(s.path + "-wal")
	run(t, db, "UPDATE c SET v='c1' WHERE id=1")
	after, _ := os.ReadFile(s.path + "-wal")
	const hdr, frame, fh = 64, 56 + pagecrypt.PageSize, 56
	k := -1
	for i := 0; hdr+(i+1)*frame <= len(rolledBack); i++ {
		if o := hdr + i*frame; string(rolledBack[o:o+fh]) != string(after[o:o+fh]) {
			k = i
			break
		}
	}
	if k < 0 || hdr+(k+2)*frame > len(rolledBack) {
		t.Fatalf("no rolled-back frames after frame %d", k)
	}
	// The crash: frame k's new header reached the disk, its page did not.
	crashed := append([]byte(nil), rolledBack...)
	copy(crashed[hdr+k*frame:hdr+k*frame+fh], after[hdr+k*frame:])
	c := *s
	c.path = filepath.Join(t.TempDir(), "crashed.db")
	os.WriteFile(c.path, main, 0o600)
	os.WriteFile(c.path+"-wal", crashed, 0o600)
	var n int
	if err := c.open(t).QueryRow("SELECT count(*) FROM a").Scan(&n); err != nil || n != 5 {
		t.Fatalf("after the crash: %d rows, %v; want the 5 committed", n, err)
	}
}

// Found by review: a frame of an earlier WAL generation, authentic in its
// own, put in the place of the current one's is refused, not served.
func TestOldGenerationFrameRefused(t *testing.T) {
	s := newSalon(t, pagecrypt.FormatGCM)
	db := s.open(t, "wal_autocheckpoint(0)")
	run(t, db, "PRAGMA journal_mode=WAL")
	run(t, db, "CREATE TABLE pay(id INTEGER PRIMARY KEY, amount INTEGER)")
	run(t, db, "INSERT INTO pay(amount) VALUES (100)")
	run(t, db, "PRAGMA wal_checkpoint(TRUNCATE)")
	run(t, db, "UPDATE pay SET amount=999 WHERE id=1")
	old, _ := os.ReadFile(s.path + "-wal")
	run(t, db, "PRAGMA wal_checkpoint(TRUNCATE)")
	run(t, db, "UPDATE pay SET amount=5 WHERE id=1")
	f, _ := os.OpenFile(s.path+"-wal", os.O_RDWR, 0)
	f.WriteAt(old[64:64+56+pagecrypt.PageSize], 64)
	f.Close()
	other, err := sql.Open("sqlite", s.dsn())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var amount int
	if err := other.QueryRow("SELECT amount FROM pay WHERE id=1").Scan(&amount); err == nil && amount != 5 {
		t.Fatalf("read %d, an earlier generation's value", amount)
	}
}

// A WAL of an earlier session put back beside the file does not replay once
// the log ID has moved on (the store moves it at every open and close).
func TestStaleWALRefused(t *testing.T) {
	s := newSalon(t, pagecrypt.FormatGCM)
	s.key.SetLogID(1)
	db := s.open(t, "wal_autocheckpoint(0)")
	run(t, db, "PRAGMA journal_mode=WAL")
	run(t, db, "CREATE TABLE client(id INTEGER PRIMARY KEY, name TEXT)")
	run(t, db, "INSERT INTO client(name) VALUES ('Anna Nowak')")
	run(t, db, "PRAGMA wal_checkpoint(TRUNCATE)")
	run(t, db, "UPDATE client SET name='Anna Nowak, allergy: latex' WHERE id=1")
	stale, _ := os.ReadFile(s.path + "-wal")
	run(t, db, "PRAGMA wal_checkpoint(TRUNCATE)")
	run(t, db, "DELETE FROM client WHERE id=1")
	db.Close()
	s.key.SetLogID(2)
	os.WriteFile(s.path+"-wal", stale, 0o600)
	var name string
	if err := s.open(t).QueryRow("SELECT name FROM client WHERE id=1").Scan(&name); err == nil {
		t.Fatalf("the stale WAL replayed: %q is back", name)
	}
}
