package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"strings"

	"kartoteka/store/internal/pagecrypt"
)

// CheckResult is the outcome of [DB.Check] and [DB.DeepCheck].
type CheckResult struct {
	OK        bool   `json:"ok"`
	Pages     int64  `json:"pages"`
	Integrity string `json:"integrity"`
	// Format is the page format of the file (2: authenticated pages).
	Format int `json:"format"`
	// Damaged lists the pages that do not authenticate (DeepCheck only).
	Damaged []PageDamage `json:"damaged,omitempty"`
}

// Check runs SQLite's integrity check and reads every page of the file back
// through the decryption, which in format 2 authenticates each: the file
// must be whole pages, the first an SQLite header. Pages counts the
// database's pages, those still in the WAL included.
func (db *DB) Check(ctx context.Context) (CheckResult, error) {
	r, err := db.check(ctx, false)
	return r, err
}

// DeepCheck is [DB.Check] over the WAL too, listing every page and frame
// that does not authenticate rather than stopping at the first. It holds
// the write lock meanwhile, so that what it reads is what SQLite has.
func (db *DB) DeepCheck(ctx context.Context) (CheckResult, error) {
	return db.check(ctx, true)
}

func (db *DB) check(ctx context.Context, deep bool) (CheckResult, error) {
	r := CheckResult{Format: 1}
	var err error
	if r.Integrity, err = db.IntegrityCheck(ctx); err != nil {
		if d := (PageDamage{}); errors.As(err, &d) || errors.As(DiskProblem(err), &d) {
			r.Integrity, r.Damaged = d.Error(), []PageDamage{d}
			if !deep {
				return r, nil
			}
		} else {
			return r, err
		}
	}
	if err := db.rdb.QueryRowContext(ctx, "PRAGMA page_count").Scan(&r.Pages); err != nil && r.Damaged == nil {
		return r, fmt.Errorf("store: check: %w", err)
	}
	if db.kr == nil {
		r.OK = r.Integrity == "ok"
		return r, nil
	}
	r.Format = int(db.kr.key.Format())
	if deep && !db.shared { // shared: no writer can be open
		conn, err := db.w.Conn(ctx)
		if err != nil {
			return r, fmt.Errorf("store: check: %w", err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
			return r, fmt.Errorf("store: check: %w", err)
		}
		defer conn.ExecContext(context.Background(), "ROLLBACK")
	}
	// A page whose newer copy is in the WAL is read from there, and the
	// next checkpoint rewrites it: its copy in the file may be torn.
	inLog := map[uint32]bool{}
	var bad []pagecrypt.Damage
	if wal, err := os.Open(db.path + "-wal"); err == nil {
		var salts []byte
		bad, err = db.kr.key.Plain(wal, true, func(off int64, b []byte) error {
			switch {
			case off == 0:
				salts = bytes.Clone(b[16:24])
			case bytes.Equal(b[8:16], salts): // a frame of the log as it is now
				inLog[binary.BigEndian.Uint32(b)] = true
			}
			return nil
		})
		wal.Close()
		if err != nil {
			return r, fmt.Errorf("store: check: %w", err)
		}
	}
	var size int64
	first, headerOK := true, false
	mainBad, err := db.kr.key.Plain(db.file, false, func(off int64, b []byte) error {
		if first {
			headerOK = bytes.HasPrefix(b, []byte("SQLite format 3\x00"))
			first = false
		}
		size = off + int64(len(b))
		return nil
	})
	if err != nil {
		return r, fmt.Errorf("store: check: %w", err)
	}
	for _, d := range mainBad {
		if !inLog[d.Page] {
			bad = append(bad, d)
		}
		if d.Page == 1 {
			headerOK = true // said as damage
		}
		size = max(size, int64(d.Page)*4096)
	}
	r.Damaged = nil
	for _, d := range bad {
		r.Damaged = append(r.Damaged, PageDamage{Page: d.Page, InLog: d.InLog})
	}
	switch {
	case len(r.Damaged) > 0:
		r.Integrity = r.Damaged[0].Error()
		if len(r.Damaged) > 1 {
			r.Integrity += fmt.Sprintf(" (and %d more)", len(r.Damaged)-1)
		}
		if !deep {
			r.Damaged = nil
		}
	case !headerOK:
		r.Integrity = "the first page does not decrypt to an SQLite header"
	case size%4096 != 0:
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
