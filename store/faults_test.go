package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"syscall"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
	"kartoteka/store/storetest/faultvfs"
)

// Every operation that changes the salon file is run here with the disk
// failing under it, through faultvfs: afterwards the file reopens whole,
// everything committed before is there, nothing of the failed operation is
// visible, and the error says what happened (store.DiskProblem).

// faulted is a salon with a client, closed and reopened, for a fault test.
func faulted(t *testing.T) (db *store.DB, dir string, client int64) {
	t.Helper()
	f := storetest.NewFixture(t)
	return f.DB, filepath.Dir(f.DB.Path()), f.ClientID
}

// reopened closes db and opens it again without faults, checked whole.
func reopened(t *testing.T, db *store.DB) *store.DB {
	t.Helper()
	ctx := context.Background()
	db.Close()
	again, err := store.Open(ctx, db.Path(), storetest.Passphrase, store.Options{KDF: store.CheapKDF})
	if err != nil {
		t.Fatalf("reopen after the fault: %v", err)
	}
	t.Cleanup(func() { again.Close() })
	if r, err := again.Check(ctx); err != nil || !r.OK {
		t.Fatalf("check after the fault: %+v, %v", r, err)
	}
	return again
}

func clientCount(t *testing.T, db *store.DB) int {
	t.Helper()
	n, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n.Clients
}

func TestWriteUnderFaults(t *testing.T) {
	for _, c := range []struct {
		name  string
		fault faultvfs.Fault
		want  error
	}{
		{"disk full on the WAL", faultvfs.Fault{File: faultvfs.WAL, Op: faultvfs.Write, Err: faultvfs.DiskFull}, store.ErrDiskFull},
		{"short write on the WAL", faultvfs.Fault{File: faultvfs.WAL, Op: faultvfs.Write, Err: faultvfs.DiskFull, Short: true}, store.ErrDiskFull},
		{"I/O error on the WAL", faultvfs.Fault{File: faultvfs.WAL, Op: faultvfs.Write, Err: faultvfs.IOError}, store.ErrIO},
		{"a later frame of the commit", faultvfs.Fault{File: faultvfs.WAL, Op: faultvfs.Write, After: 2, Err: faultvfs.DiskFull, Short: true}, store.ErrDiskFull},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			db, dir, _ := faulted(t)
			before := clientCount(t, db)
			c.fault.Dir = dir
			in := faultvfs.Inject(t, c.fault)
			_, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Ewa", LastName: "Zapisana"})
			if err == nil {
				t.Fatal("the write succeeded with the disk failing")
			}
			if in.Failed() == 0 {
				t.Fatal("the fault never fired")
			}
			if got := store.DiskProblem(err); !errors.Is(got, c.want) {
				t.Errorf("error %v: DiskProblem = %v, want %v", err, got, c.want)
			}
			in.Off()
			db = reopened(t, db)
			if n := clientCount(t, db); n != before {
				t.Errorf("clients after a failed write = %d, want %d", n, before)
			}
			if _, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Ewa", LastName: "Zapisana"}); err != nil {
				t.Errorf("a write after the fault: %v", err)
			}
		})
	}
}

// A commit whose sync fails is either all there after a reopen or not at
// all: the client and its audit event together.
func TestCommitSyncFails(t *testing.T) {
	ctx := context.Background()
	db, dir, _ := faulted(t)
	before := clientCount(t, db)
	events, _ := db.AuditLog(ctx, 0)
	in := faultvfs.Inject(t, faultvfs.Fault{Dir: dir, File: faultvfs.WAL, Op: faultvfs.Sync, Err: faultvfs.IOError})
	_, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Ewa", LastName: "Synchroniczna"})
	if err == nil || !errors.Is(store.DiskProblem(err), store.ErrIO) {
		t.Fatalf("a commit whose sync fails: %v", err)
	}
	in.Off()
	db = reopened(t, db)
	after, _ := db.AuditLog(ctx, 0)
	added := clientCount(t, db) - before
	if added != len(after)-len(events) || added > 1 {
		t.Errorf("%d clients and %d audit events appeared", added, len(after)-len(events))
	}
}

// A checkpoint that cannot write the database file loses nothing: the
// commits stay in the WAL and are there after a reopen.
func TestCheckpointFails(t *testing.T) {
	ctx := context.Background()
	db, dir, _ := faulted(t)
	id, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Ewa", LastName: "Zatwierdzona"})
	if err != nil {
		t.Fatal(err)
	}
	in := faultvfs.Inject(t, faultvfs.Fault{Dir: dir, File: faultvfs.Main, Op: faultvfs.Write, Err: faultvfs.IOError, Short: true})
	if err := db.Checkpoint(ctx); err == nil || store.DiskProblem(err) == nil {
		t.Errorf("a checkpoint that cannot write: %v", err)
	}
	db.Close()
	in.Off()
	db = reopened(t, db)
	if c, err := db.Client(ctx, id); err != nil || c.LastName != "Zatwierdzona" {
		t.Errorf("a committed client after a failed checkpoint: %+v, %v", c, err)
	}
}

// A read that fails is reported and changes nothing.
func TestReadFails(t *testing.T) {
	ctx := context.Background()
	db, dir, client := faulted(t)
	db.Close()
	db, err := openCheap(db.Path(), store.Options{}) // cold readers: the read goes to the file
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	in := faultvfs.Inject(t, faultvfs.Fault{Dir: dir, File: faultvfs.AnyFile, Op: faultvfs.Read, Err: faultvfs.IOError})
	_, err = db.ClientCard(ctx, client)
	if err == nil || !errors.Is(store.DiskProblem(err), store.ErrIO) {
		t.Errorf("a read that fails: %v", err)
	}
	in.Off()
	if c, err := db.Client(ctx, client); err != nil || c.ID != client {
		t.Errorf("after the read fault: %+v, %v", c, err)
	}
}

// Creating a salon on a full disk leaves no file behind, and says why.
func TestCreateOnAFullDisk(t *testing.T) {
	ctx := context.Background()
	for _, file := range []faultvfs.File{faultvfs.Main, faultvfs.WAL} {
		dir := t.TempDir()
		path := filepath.Join(dir, "new.kartoteka")
		faultvfs.Inject(t, faultvfs.Fault{Dir: dir, File: file, Op: faultvfs.Write, After: 1, Err: faultvfs.DiskFull, Short: true})
		db, _, err := store.Create(ctx, path, storetest.Passphrase, storetest.Salon, store.Options{KDF: store.CheapKDF})
		if err == nil {
			db.Close()
			t.Errorf("file %d: created on a full disk", file)
			continue
		}
		if !errors.Is(store.DiskProblem(err), store.ErrDiskFull) {
			t.Errorf("file %d: %v, not named as a full disk", file, err)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
			t.Errorf("file %d: left %v", file, left)
		}
	}
}

// A backup whose output fails says so and leaves the database as it was.
func TestBackupOutputFails(t *testing.T) {
	ctx := context.Background()
	db, _, _ := faulted(t)
	_, err := db.Backup(ctx, failingWriter{})
	if err == nil || !errors.Is(store.DiskProblem(err), store.ErrDiskFull) {
		t.Errorf("a backup to a full disk: %v", err)
	}
	if r, err := db.Check(ctx); err != nil || !r.OK {
		t.Errorf("check after: %+v, %v", r, err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// A WAL that cannot be truncated after a checkpoint loses nothing.
func TestWALTruncateFails(t *testing.T) {
	ctx := context.Background()
	db, dir, _ := faulted(t)
	id, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Ewa", LastName: "Obcięta"})
	if err != nil {
		t.Fatal(err)
	}
	in := faultvfs.Inject(t, faultvfs.Fault{Dir: dir, File: faultvfs.WAL, Op: faultvfs.Truncate, Err: faultvfs.IOError})
	if err := db.Checkpoint(ctx); err == nil || !errors.Is(store.DiskProblem(err), store.ErrIO) {
		t.Errorf("a checkpoint whose WAL cannot be truncated: %v", err)
	}
	in.Off()
	db = reopened(t, db)
	if c, err := db.Client(ctx, id); err != nil || c.LastName != "Obcięta" {
		t.Errorf("after the fault: %+v, %v", c, err)
	}
}
