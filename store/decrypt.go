package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"kartoteka/store/internal/pagecrypt"
)

// DecryptedCopy writes a plaintext copy of the database file, sector for
// sector with free pages included, to out, and of its WAL to out+"-wal" when
// one exists. It holds the write lock meanwhile so the copy is consistent.
// The copy is plaintext: it is for support and for checking erasure, and the
// caller must say so loudly. Outputs that [CheckOutputs] refuses, or that
// exist, are refused before anything is written.
func (db *DB) DecryptedCopy(ctx context.Context, out string) error {
	if err := db.Require(ctx, PermSecurity); err != nil {
		return err
	}
	if err := CheckOutputs(db.path, out, out+"-wal"); err != nil {
		return err
	}
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: decrypt: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("store: decrypt: %w", err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	if err := db.decryptFile(db.file, false, out); err != nil {
		return err
	}
	wal, err := os.Open(db.path + "-wal")
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: decrypt WAL: %w", err)
	}
	defer wal.Close()
	return db.decryptFile(wal, true, out+"-wal")
}

// ScanPlaintext calls fn with every sector-aligned chunk of the decrypted
// database file and WAL, free pages included; kind is "db" or "wal".
func (db *DB) ScanPlaintext(ctx context.Context, fn func(kind string, off int64, plain []byte) error) error {
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	main := db.file
	if main == nil { // the benchmarks' plain copy
		if main, err = os.Open(db.path); err != nil {
			return err
		}
		defer main.Close()
	}
	if err := db.eachPlain(main, false, func(off int64, b []byte) error { return fn("db", off, b) }); err != nil {
		return err
	}
	wal, err := os.Open(db.path + "-wal")
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer wal.Close()
	return db.eachPlain(wal, true, func(off int64, b []byte) error { return fn("wal", off, b) })
}

// eachPlain calls fn with the plaintext of one of the salon's files, the
// main database or (wal) its WAL, at SQLite's offsets. A page that does
// not authenticate is a [PageDamage] error.
func (db *DB) eachPlain(f *os.File, wal bool, fn func(off int64, b []byte) error) error {
	if db.kr == nil { // the benchmarks' plain copy
		return eachRaw(f, fn)
	}
	return plainOf(db.kr.key, f, wal, fn)
}

func plainOf(k *pagecrypt.Key, f *os.File, wal bool, fn func(off int64, b []byte) error) error {
	bad, err := k.Plain(f, wal, fn)
	if len(bad) > 0 {
		return PageDamage{Page: bad[0].Page, InLog: bad[0].InLog}
	}
	if err != nil {
		return fmt.Errorf("store: read: %w", err)
	}
	return nil
}

// eachRaw reads an unencrypted file in chunks of 64 KiB.
func eachRaw(f *os.File, fn func(off int64, b []byte) error) error {
	buf := make([]byte, 64*1024)
	for off := int64(0); ; off += int64(len(buf)) {
		n, err := f.ReadAt(buf, off)
		if n > 0 {
			if err := fn(off, buf[:n]); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("store: read: %w", err)
		}
	}
}

func (db *DB) decryptFile(f *os.File, wal bool, out string) error {
	o, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("store: write the plaintext copy: %w", bare(err))
	}
	err = db.eachPlain(f, wal, func(_ int64, b []byte) error {
		_, err := o.Write(b)
		return err
	})
	if err == nil {
		err = o.Sync()
	}
	if cerr := o.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out)
		return fmt.Errorf("store: write the plaintext copy: %w", bare(err))
	}
	return nil
}

// ScanSalonFile calls fn with the decrypted content of the file at path,
// and of its WAL, when it is a database of this salon under another name (a
// restore's safety copy), and reports whether it was; any other file is left
// unread. It is how a proof of erasure reads the copies Kartoteka keeps.
func (db *DB) ScanSalonFile(path string, fn func(plain []byte) error) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, nil
	}
	defer f.Close()
	h, err := readHeader(f)
	if err != nil || h.fileID != db.kr.header.fileID {
		return false, nil
	}
	// A safety copy may be in the format the salon had before an upgrade.
	k, err := pagecrypt.NewKey(db.kr.dataKey, h.fileID, h.format, h.epoch, headerSize, nil)
	if err != nil {
		return true, err
	}
	defer k.Wipe()
	k.SetLogID(h.logID)
	each := func(_ int64, b []byte) error { return fn(b) }
	if err := plainOf(k, f, false, each); err != nil {
		return true, err
	}
	wal, err := os.Open(path + "-wal")
	if err != nil {
		return true, nil
	}
	defer wal.Close()
	return true, plainOf(k, wal, true, each)
}
