package store

import (
	"bytes"
	"os"
	"context"
	"path/filepath"
	"testing"
)

func TestSmoke(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "s.kartoteka")
	db, rec, err := Create(ctx, p, "correct horse battery", Salon{Name: "Test", Country: "PL"}, Options{KDF: CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(rec)
	if _, err := db.w.Exec("CREATE TABLE t(x)"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2000; i++ {
		if _, err := db.w.Exec("INSERT INTO t VALUES (?)", "hello-plaintext-marker"); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := db.r.QueryRow("SELECT count(*) FROM t").Scan(&n); err != nil {
		t.Fatal(err)
	}
	var ic string
	db.r.QueryRow("PRAGMA integrity_check").Scan(&ic)
	t.Log(n, ic)
	for _, suf := range []string{"", "-wal"} {
		b, _ := os.ReadFile(p + suf)
		t.Log(suf, len(b), bytes.Contains(b, []byte("hello-plaintext")), bytes.Contains(b, []byte("SQLite format")))
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, p, "correct horse battery", Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.r.QueryRow("SELECT count(*) FROM t").Scan(&n)
	t.Log(n)
	db.Close()
	if _, err := Open(ctx, p, "wrong horse battery", Options{}); err != ErrWrongPassphrase {
		t.Fatal(err)
	}
	db, err = OpenWithRecoveryKey(ctx, p, rec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}
