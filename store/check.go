package store

import (
	"bytes"
	"context"
	"fmt"
	"strings"
)

// CheckResult is the outcome of [DB.Check].
type CheckResult struct {
	OK        bool   `json:"ok"`
	Pages     int64  `json:"pages"`
	Integrity string `json:"integrity"`
}

// Check runs SQLite's integrity check and reads every page of the file back
// through the decryption, checking that the file is whole pages and that the
// first one decrypts to an SQLite header. Pages counts the database's pages,
// those still in the WAL included.
func (db *DB) Check(ctx context.Context) (CheckResult, error) {
	var r CheckResult
	var err error
	if r.Integrity, err = db.IntegrityCheck(ctx); err != nil {
		return r, err
	}
	var pageSize int64
	if err := db.rdb.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize); err != nil {
		return r, fmt.Errorf("store: check: %w", err)
	}
	if err := db.rdb.QueryRowContext(ctx, "PRAGMA page_count").Scan(&r.Pages); err != nil {
		return r, fmt.Errorf("store: check: %w", err)
	}
	if db.kr == nil {
		r.OK = r.Integrity == "ok"
		return r, nil
	}
	var size int64
	first := true
	headerOK := false
	err = db.eachPlain(db.file, headerSize, tweakMain, func(off int64, b []byte) error {
		if first {
			headerOK = bytes.HasPrefix(b, []byte("SQLite format 3\x00"))
			first = false
		}
		size = off + int64(len(b))
		return nil
	})
	if err != nil {
		return r, err
	}
	switch {
	case !headerOK:
		r.Integrity = "the first page does not decrypt to an SQLite header"
	case size%pageSize != 0:
		r.Integrity = "the file is not a whole number of pages"
	}
	r.OK = r.Integrity == "ok"
	return r, nil
}

// IntegrityCheck runs SQLite's full integrity check: "ok" or what is wrong.
func (db *DB) IntegrityCheck(ctx context.Context) (string, error) {
	msgs, err := queryAll(ctx, db.rdb, "PRAGMA integrity_check", nil, func(r scanner) (string, error) {
		var m string
		return m, r.Scan(&m)
	})
	if err != nil {
		return "", fmt.Errorf("store: integrity check: %w", err)
	}
	if len(msgs) == 1 && msgs[0] == "ok" {
		return "ok", nil
	}
	return strings.Join(msgs, "; "), nil
}
