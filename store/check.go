package store

import (
	"bytes"
	"context"
	"fmt"
)

// CheckResult is the outcome of [DB.Check].
type CheckResult struct {
	OK        bool   `json:"ok"`
	Pages     int64  `json:"pages"`
	Integrity string `json:"integrity"`
}

// Check runs SQLite's integrity check and reads every page of the file back
// through the decryption, checking that the file is whole pages and that the
// first one decrypts to an SQLite header.
func (db *DB) Check(ctx context.Context) (CheckResult, error) {
	var r CheckResult
	rows, err := db.rdb.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return r, fmt.Errorf("store: check: %w", err)
	}
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return r, fmt.Errorf("store: check: %w", err)
		}
		msgs = append(msgs, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, fmt.Errorf("store: check: %w", err)
	}
	r.Integrity = "ok"
	if len(msgs) != 1 || msgs[0] != "ok" {
		r.Integrity = fmt.Sprint(msgs)
	}
	var pageSize int64
	if err := db.rdb.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize); err != nil {
		return r, fmt.Errorf("store: check: %w", err)
	}
	if err := db.rdb.QueryRowContext(ctx, "PRAGMA page_count").Scan(&r.Pages); err != nil {
		return r, fmt.Errorf("store: check: %w", err)
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
