package pagecrypt_test

import (
	"bytes"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"modernc.org/sqlite"

	"kartoteka/store/internal/pagecrypt"
)

// headerSize is the stand-in key header the tests put in front of a main
// database, as the store does.
const headerSize = 8192

var testHeader = bytes.Repeat([]byte("KTKTEST!"), headerSize/8)

// salon is one encrypted test database: its path and key handle.
type salon struct {
	path string
	key  *pagecrypt.Key
	h    uintptr
}

func newKey(t testing.TB, format pagecrypt.Format, dataKey []byte) *pagecrypt.Key {
	t.Helper()
	var id [16]byte
	copy(id[:], "file-id-for-test")
	k, err := pagecrypt.NewKey(dataKey, id, format, 0, headerSize, func(head []byte) bool { return bytes.Equal(head, testHeader) })
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func newSalon(t testing.TB, format pagecrypt.Format) *salon {
	t.Helper()
	if err := pagecrypt.Register(); err != nil {
		t.Fatal(err)
	}
	dataKey := make([]byte, 32)
	rand.Read(dataKey)
	path := filepath.Join(t.TempDir(), "salon.db")
	if err := os.WriteFile(path, testHeader, 0o600); err != nil {
		t.Fatal(err)
	}
	s := &salon{path: path, key: newKey(t, format, dataKey)}
	s.h = pagecrypt.Add(s.key)
	t.Cleanup(func() { pagecrypt.Remove(s.h) })
	return s
}

func (s *salon) dsn(extra ...string) string {
	u := url.URL{Scheme: "file", OmitHost: true, Path: s.path}
	q := url.Values{}
	q.Set("vfs", pagecrypt.VFSName)
	q.Set("kkey", strconv.FormatUint(uint64(s.h), 10))
	for _, p := range append([]string{"busy_timeout(5000)", "mmap_size(0)", "synchronous(FULL)"}, extra...) {
		q.Add("_pragma", p)
	}
	return u.String() + "?" + q.Encode()
}

func (s *salon) open(t testing.TB, extra ...string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", s.dsn(extra...))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func run(t testing.TB, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func fill(t testing.TB, db *sql.DB, rows int) {
	t.Helper()
	run(t, db, "PRAGMA journal_mode=WAL")
	run(t, db, "CREATE TABLE IF NOT EXISTS notes(id INTEGER PRIMARY KEY, body TEXT)")
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < rows; i++ {
		if _, err := tx.Exec("INSERT INTO notes(body) VALUES (?)", fmt.Sprintf("secret note %d %s", i, bytes.Repeat([]byte("x"), 200))); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func count(db *sql.DB) (int, error) {
	var n int
	err := db.QueryRow("SELECT count(*) FROM notes WHERE body LIKE 'secret%'").Scan(&n)
	return n, err
}

func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

func TestRoundTripFormat2(t *testing.T) {
	s := newSalon(t, pagecrypt.FormatGCM)
	db := s.open(t)
	fill(t, db, 2000)
	if n, err := count(db); err != nil || n != 2000 {
		t.Fatalf("count %d, %v", n, err)
	}
	run(t, db, "PRAGMA wal_checkpoint(TRUNCATE)")
	db.Close()

	raw, _ := os.ReadFile(s.path)
	if bytes.Contains(raw, []byte("secret note")) || bytes.Contains(raw, []byte("SQLite format 3")) {
		t.Fatal("plaintext on disk")
	}
	if (len(raw)-headerSize)%pagecrypt.PageSize != 0 {
		t.Fatalf("file of %d bytes is not whole pages", len(raw))
	}
	db = s.open(t)
	if n, err := count(db); err != nil || n != 2000 {
		t.Fatalf("after reopen: count %d, %v", n, err)
	}
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity %q %v", check, err)
	}
}
