package pagecrypt_test

import (
	"fmt"
	"os"
	"testing"

	"kartoteka/store/internal/pagecrypt"
)

// TestSpilledPagesChangedAgain: a transaction larger than the page cache
// spills pages to the WAL and then changes some of them again. SQLite
// overwrites those frames in place, writes the frames after them with zero
// salts and checksums, and rewrites their headers at commit. Every frame
// must still authenticate: the data read back, the checkpoint empties the
// log, and all of it survives a reopen. (Sealing pages under the salts of
// the header being written made every such frame fail once rewritten, so
// the log could never be checkpointed again.)
func TestSpilledPagesChangedAgain(t *testing.T) {
	s := newSalon(t, pagecrypt.FormatGCM)
	db := s.open(t, "cache_size(20)")
	fill(t, db, 10)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := tx.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for i := 0; i < 3000; i++ {
		exec("INSERT INTO notes(body) VALUES (?)", fmt.Sprintf("secret spilled %d %0200d", i, i))
	}
	exec("UPDATE notes SET body = 'secret changed ' || id WHERE id % 7 = 0")
	for i := 0; i < 500; i++ {
		exec("INSERT INTO notes(body) VALUES (?)", fmt.Sprintf("secret after %d %0200d", i, i))
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	const want = 10 + 3000 + 500
	if n, err := count(db); err != nil || n != want {
		t.Fatalf("before the checkpoint: %d notes, %v; want %d", n, err, want)
	}
	var busy, logFrames, done int
	if err := db.QueryRow("PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done); err != nil || busy != 0 {
		t.Fatalf("checkpoint: busy %d, %v", busy, err)
	}
	if fi, err := os.Stat(s.path + "-wal"); err == nil && fi.Size() != 0 {
		t.Fatalf("the checkpoint left %d bytes of WAL", fi.Size())
	}
	db.Close()
	db = s.open(t)
	if n, err := count(db); err != nil || n != want {
		t.Fatalf("after reopening: %d notes, %v; want %d", n, err, want)
	}
	var changed int
	if err := db.QueryRow("SELECT count(*) FROM notes WHERE body LIKE 'secret changed %'").Scan(&changed); err != nil || changed != (10+3000)/7 {
		t.Fatalf("changed notes: %d, %v; want %d", changed, err, (10+3000)/7)
	}
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity %q, %v", check, err)
	}
}
