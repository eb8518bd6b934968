package store

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The rollback journal is encrypted in every journal mode, as is the WAL;
// the files are scanned while a transaction holds them.
func TestJournalModesEncrypted(t *testing.T) {
	ctx := context.Background()
	for _, mode := range []string{"DELETE", "TRUNCATE", "PERSIST", "WAL"} {
		t.Run(mode, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "j.kartoteka")
			db, _, err := Create(ctx, path, "journal test passphrase", Salon{Name: "J", Country: "DK"}, Options{KDF: CheapKDF})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			raw, err := sql.Open("sqlite", db.dsn(path, 1, true))
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			raw.SetMaxOpenConns(1)
			db.rdb.Close()
			db.w.Close()
			mustExec(t, raw, "PRAGMA journal_mode="+mode)
			mustExec(t, raw, "CREATE TABLE IF NOT EXISTS secret (v TEXT)")
			mustExec(t, raw, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO secret SELECT 'JOURNALMARKER-' || i FROM n")
			tx, err := raw.Begin()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tx.Exec("UPDATE secret SET v = v || '-changed-JOURNALMARKER'"); err != nil {
				t.Fatal(err)
			}
			sawSide := scanFor(t, path, "JOURNALMARKER")
			if mode != "WAL" && !sawSide {
				t.Errorf("no journal file existed during the transaction")
			}
			tx.Rollback()
			var n int
			raw.QueryRow("SELECT count(*) FROM secret WHERE v LIKE '%changed%'").Scan(&n)
			if n != 0 {
				t.Errorf("rollback left %d changed rows", n)
			}
			scanFor(t, path, "JOURNALMARKER")
		})
	}
}

// scanFor fails if marker is in the database or its side files, and says
// whether a journal or WAL existed.
func scanFor(t *testing.T, path, marker string) (side bool) {
	t.Helper()
	matches, _ := filepath.Glob(path + "*")
	for _, m := range matches {
		b, err := os.ReadFile(m)
		if err != nil {
			continue
		}
		if strings.HasSuffix(m, "-journal") || strings.HasSuffix(m, "-wal") {
			side = side || len(b) > 0
		}
		if bytes.Contains(b, []byte(marker)) {
			t.Errorf("%q in plaintext in %s", marker, filepath.Base(m))
		}
	}
	return side
}

func mustExec(t *testing.T, db *sql.DB, q string) {
	t.Helper()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
