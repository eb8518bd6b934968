package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"kartoteka/store/storetest/faultvfs"
)

// Old files (key header version 1, no set-up mark) open as before and get
// the mark of the current schema on their first open for writing.
func TestOldHeaderGetsTheMark(t *testing.T) {
	path := copyFrozen(t)
	f, _ := os.Open(path)
	h, err := readHeader(f)
	f.Close()
	if err != nil || h.version != 1 || h.setUp() {
		t.Fatalf("the frozen file's header: %+v, %v", h, err)
	}
	db, err := Open(context.Background(), path, frozenPass, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	f, _ = os.Open(path)
	h, err = readHeader(f)
	f.Close()
	if err != nil || h.version != headerVersion || !h.setUp() || int(h.schema) != SchemaVersion() {
		t.Fatalf("after an open: version %d, set up %v, schema %d, %v", h.version, h.setUp(), h.schema, err)
	}
	db, err = Open(context.Background(), path, frozenPass, Options{})
	if err != nil {
		t.Fatalf("reopen with the mark: %v", err)
	}
	db.Close()
}

// A creation cut short (the header written, the mark not yet) is refused as
// damaged, never given an empty schema.
func TestUnfinishedCreationRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.kartoteka")
	dataKey := make([]byte, dataKeySize)
	h, _, err := newHeader(dataKey, []byte("unfinished passphrase"), CheapKDF)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, encodeHeaderFile(h), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(context.Background(), path, "unfinished passphrase", Options{}); !errors.Is(err, ErrDamaged) {
		t.Errorf("open an unfinished salon: %v, want ErrDamaged", err)
	}
	if fi, _ := os.Stat(path); fi.Size() != headerSize {
		t.Errorf("the unfinished file grew to %d bytes", fi.Size())
	}
}

// A file whose schema is older than its header says is missing pages.
func TestSchemaBehindItsMarkRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.kartoteka")
	db, _, err := Create(ctx, path, "schema behind mark", Salon{Name: "S", Country: "PL"}, Options{KDF: CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	db.w.Exec("PRAGMA user_version = 2")
	db.Close()
	if _, err := Open(ctx, path, "schema behind mark", Options{}); !errors.Is(err, ErrDamaged) {
		t.Errorf("open: %v, want ErrDamaged", err)
	}
}

// tornFile fails header writes: the first write is cut after half a slot,
// or every write when always is set.
type tornFile struct {
	headerFile
	writes, failAt int
	always         bool
}

func (f *tornFile) WriteAt(b []byte, off int64) (int, error) {
	f.writes++
	if f.always || f.writes == f.failAt {
		n, _ := f.headerFile.WriteAt(b[:len(b)/2], off)
		return n, errors.New("torn write")
	}
	return f.headerFile.WriteAt(b, off)
}

// Issue 12, finding 6: a passphrase change is all or nothing. A header
// write torn at either slot, or an audit event that cannot be committed (the
// disk full), leaves the old passphrase working; only when putting the old
// header back fails too does the change stand, and the error says so.
func TestPassphraseChangeAllOrNothing(t *testing.T) {
	ctx := context.Background()
	const oldPass, newPass = "the old passphrase", "the new passphrase"
	for _, c := range []struct {
		name       string
		file       func(headerFile) headerFile
		diskFull   bool // the WAL cannot grow: the audit event fails at commit
		changed    bool
		diskReason bool
	}{
		{name: "first slot torn", file: func(f headerFile) headerFile { return &tornFile{headerFile: f, failAt: 1} }},
		{name: "second slot torn", file: func(f headerFile) headerFile { return &tornFile{headerFile: f, failAt: 2} }},
		{name: "the audit event cannot be committed", diskFull: true, diskReason: true},
		{name: "nothing can be put back", file: func(f headerFile) headerFile { return &failAfter{headerFile: f, ok: 2} }, diskFull: true, changed: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "p.kartoteka")
			db, _, err := Create(ctx, path, oldPass, Salon{Name: "P", Country: "PL"}, Options{KDF: CheapKDF})
			if err != nil {
				t.Fatal(err)
			}
			if c.file != nil {
				db.hf = c.file(db.file)
			}
			var in *faultvfs.Injection
			if c.diskFull {
				in = faultvfs.Inject(t, faultvfs.Fault{Dir: dir, File: faultvfs.WAL, Op: faultvfs.Write, Err: faultvfs.DiskFull})
			}
			err = db.ChangePassphrase(ctx, newPass)
			if err == nil {
				t.Fatal("the change reported success")
			}
			if got := errors.Is(err, ErrHeaderChangedUnaudited); got != c.changed {
				t.Errorf("err = %v: ErrHeaderChangedUnaudited %v, want %v", err, got, c.changed)
			}
			if c.diskReason && !errors.Is(DiskProblem(err), ErrDiskFull) {
				t.Errorf("err = %v: not named as a full disk", err)
			}
			if in != nil {
				in.Off()
			}
			if c.changed {
				if err := db.CheckPassphrase(newPass); err != nil {
					t.Errorf("the open salon does not know its passphrase changed: %v", err)
				}
			} else if err := db.CheckPassphrase(oldPass); err != nil {
				t.Errorf("the open salon forgot its old passphrase: %v", err)
			}
			db.Close()
			works, fails := oldPass, newPass
			if c.changed {
				works, fails = newPass, oldPass
			}
			again, err := Open(ctx, path, works, Options{})
			if err != nil {
				t.Fatalf("%q no longer opens: %v", works, err)
			}
			events, _ := again.AuditLog(ctx, 0)
			again.Close()
			for _, e := range events {
				if e.Action == "passphrase.change" {
					t.Error("a failed change left its audit event")
				}
			}
			if _, err := Open(ctx, path, fails, Options{}); !errors.Is(err, ErrWrongPassphrase) {
				t.Errorf("%q opens: %v", fails, err)
			}
		})
	}
}

// failAfter lets ok header writes through and fails the rest.
type failAfter struct {
	headerFile
	ok, writes int
}

func (f *failAfter) WriteAt(b []byte, off int64) (int, error) {
	f.writes++
	if f.writes <= f.ok {
		return f.headerFile.WriteAt(b, off)
	}
	return 0, errors.New("no space left on device")
}

// A migration that meets a full disk leaves the file at its old schema,
// whole; the next open finishes it.
func TestMigrationOnAFullDisk(t *testing.T) {
	ctx := context.Background()
	path := copyFrozen(t)
	in := faultvfs.Inject(t, faultvfs.Fault{Dir: filepath.Dir(path), File: faultvfs.WAL, Op: faultvfs.Write, After: 3, Err: faultvfs.DiskFull, Short: true})
	if db, err := Open(ctx, path, frozenPass, Options{}); err == nil {
		db.Close()
		t.Fatal("migrated on a full disk")
	} else if !errors.Is(DiskProblem(err), ErrDiskFull) {
		t.Errorf("migration on a full disk: %v", err)
	}
	in.Off()
	db, err := Open(ctx, path, frozenPass, Options{})
	if err != nil {
		t.Fatalf("open after the disk has room: %v", err)
	}
	defer db.Close()
	var v int
	db.w.QueryRow("PRAGMA user_version").Scan(&v)
	if r, err := db.Check(ctx); v != SchemaVersion() || err != nil || !r.OK {
		t.Errorf("schema %d, check %+v, %v", v, r, err)
	}
	if got, err := db.SearchClients(ctx, "klientka", 5); err != nil || len(got) != 1 {
		t.Errorf("the old client: %+v, %v", got, err)
	}
}

// A new recovery key on a full disk: the old key still opens the salon.
func TestNewRecoveryKeyOnAFullDisk(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "r.kartoteka")
	db, rec, err := Create(ctx, path, "recovery key test", Salon{Name: "R", Country: "PL"}, Options{KDF: CheapKDF})
	if err != nil {
		t.Fatal(err)
	}
	in := faultvfs.Inject(t, faultvfs.Fault{Dir: dir, File: faultvfs.WAL, Op: faultvfs.Write, Err: faultvfs.DiskFull})
	if _, err := db.RegenerateRecoveryKey(ctx); err == nil || !errors.Is(DiskProblem(err), ErrDiskFull) {
		t.Errorf("a new recovery key on a full disk: %v", err)
	}
	in.Off()
	db.Close()
	again, err := OpenWithRecoveryKey(ctx, path, rec, Options{})
	if err != nil {
		t.Fatalf("the old recovery key after a failed change: %v", err)
	}
	again.Close()
}

// A set-up mark whose write is torn leaves the salon opening as before.
func TestTornMarkWrite(t *testing.T) {
	ctx := context.Background()
	path := copyFrozen(t)
	db, err := Open(ctx, path, frozenPass, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.hf = &tornFile{headerFile: db.file, failAt: 1}
	if err := db.markSetUp(); err == nil {
		t.Error("a torn mark reported success")
	}
	db.Close()
	again, err := Open(ctx, path, frozenPass, Options{})
	if err != nil {
		t.Fatalf("open after a torn mark: %v", err)
	}
	again.Close()
}
