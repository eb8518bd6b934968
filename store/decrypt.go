package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// DecryptedCopy writes a plaintext copy of the database file, sector for
// sector with free pages included, to out, and of its WAL to out+"-wal" when
// one exists. It holds the write lock meanwhile so the copy is consistent.
// The copy is plaintext: it is for support and for checking erasure, and the
// caller must say so loudly. Outputs that [CheckOutputs] refuses, or that
// exist, are refused before anything is written.
func (db *DB) DecryptedCopy(ctx context.Context, out string) error {
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
	if err := db.decryptFile(db.file, headerSize, tweakMain, out); err != nil {
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
	return db.decryptFile(wal, 0, tweakWAL, out+"-wal")
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
	main, skip := db.file, int64(headerSize)
	if main == nil { // the benchmarks' plain copy
		if main, err = os.Open(db.path); err != nil {
			return err
		}
		defer main.Close()
		skip = 0
	}
	if err := db.eachPlain(main, skip, tweakMain, func(off int64, b []byte) error { return fn("db", off, b) }); err != nil {
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
	return db.eachPlain(wal, 0, tweakWAL, func(off int64, b []byte) error { return fn("wal", off, b) })
}

// eachPlain decrypts f from skip onwards in chunks of 64 KiB.
func (db *DB) eachPlain(f *os.File, skip int64, tweak uint64, fn func(off int64, b []byte) error) error {
	var cf *cryptFile
	if db.kr != nil { // nil only for the benchmarks' plain copy
		cf = &cryptFile{cipher: db.kr.cipher, tweak: tweak}
	}
	buf := make([]byte, 64*1024)
	for off := int64(0); ; off += int64(len(buf)) {
		n, err := f.ReadAt(buf, skip+off)
		n = int(roundDown(int64(n)))
		if n > 0 {
			if cf != nil {
				cf.decrypt(buf[:n], off)
			}
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

func (db *DB) decryptFile(f *os.File, skip int64, tweak uint64, out string) error {
	o, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("store: write the plaintext copy: %w", bare(err))
	}
	err = db.eachPlain(f, skip, tweak, func(_ int64, b []byte) error {
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
	hdr := make([]byte, headerSize)
	if _, err := f.ReadAt(hdr, 0); err != nil || !sameFile(hdr, db.kr.header.fileID) {
		return false, nil
	}
	each := func(_ int64, b []byte) error { return fn(b) }
	if err := db.eachPlain(f, headerSize, tweakMain, each); err != nil {
		return true, err
	}
	wal, err := os.Open(path + "-wal")
	if err != nil {
		return true, nil
	}
	defer wal.Close()
	return true, db.eachPlain(wal, 0, tweakWAL, each)
}
