package store_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

func openCheap(path string, opts store.Options) (*store.DB, error) {
	opts.KDF = store.CheapKDF
	return store.Open(context.Background(), path, storetest.Passphrase, opts)
}

// One writer owns the file: a second open, shared or not, and a restore's
// lock are refused while it is open; readers share with readers only; no
// lock file is left once everyone has closed.
func TestOneWriterOwnsTheFile(t *testing.T) {
	db := storetest.Open(t)
	path := db.Path()
	if _, err := openCheap(path, store.Options{}); !errors.Is(err, store.ErrInUse) {
		t.Errorf("a second writer: %v, want ErrInUse", err)
	}
	if _, err := openCheap(path, store.Options{Shared: true}); !errors.Is(err, store.ErrInUse) {
		t.Errorf("a reader beside the writer: %v, want ErrInUse", err)
	}
	if _, err := store.LockSalon(path); !errors.Is(err, store.ErrInUse) {
		t.Errorf("a restore's lock beside the writer: %v, want ErrInUse", err)
	}
	db.Close()

	r1, err := openCheap(path, store.Options{Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := openCheap(path, store.Options{Shared: true})
	if err != nil {
		t.Fatalf("two readers: %v", err)
	}
	if _, err := openCheap(path, store.Options{}); !errors.Is(err, store.ErrInUse) {
		t.Errorf("a writer beside readers: %v, want ErrInUse", err)
	}
	if _, err := r1.CreateClient(context.Background(), store.ClientInput{FirstName: "Nie", LastName: "Wolno"}); err == nil {
		t.Error("a shared open wrote")
	}
	r1.Close()
	r2.Close()
	if _, err := os.Stat(path + ".lock"); !os.IsNotExist(err) {
		t.Errorf("the lock file outlives the last close: %v", err)
	}
	lk, err := store.LockSalon(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := openCheap(path, store.Options{}); !errors.Is(err, store.ErrInUse) {
		t.Errorf("open during a restore: %v, want ErrInUse", err)
	}
	lk.Release()
}

// A stale lock file never blocks, and a lock dies with its process, however
// it ends.
func TestLockDiesWithItsProcess(t *testing.T) {
	db := storetest.Open(t)
	path := db.Path()
	db.Close()
	if err := os.WriteFile(path+".lock", nil, 0o600); err != nil {
		t.Fatal(err)
	}
	again, err := openCheap(path, store.Options{})
	if err != nil {
		t.Fatalf("a stale lock file blocks: %v", err)
	}
	again.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHolder$")
	cmd.Env = append(os.Environ(), "KARTOTEKA_LOCK_DB="+path)
	out, _ := cmd.StdoutPipe()
	stdin, _ := cmd.StdinPipe() // kept open: the child waits on it
	defer stdin.Close()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() && sc.Text() != "open" {
	}
	if _, err := openCheap(path, store.Options{}); !errors.Is(err, store.ErrInUse) {
		t.Errorf("open beside another process: %v, want ErrInUse", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	again, err = openCheap(path, store.Options{})
	if err != nil {
		t.Fatalf("the lock of a killed process blocks: %v", err)
	}
	again.Close()
}

// TestLockHolder is the process TestLockDiesWithItsProcess kills: it opens
// the salon, says so, and waits.
func TestLockHolder(t *testing.T) {
	path := os.Getenv("KARTOTEKA_LOCK_DB")
	if path == "" {
		t.Skip("run by TestLockDiesWithItsProcess")
	}
	db, err := openCheap(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	os.Stdout.WriteString("open\n")
	io.Copy(io.Discard, os.Stdin) // until killed
}

// A temporary file whose writer was killed is removed by the next writer in
// the folder; one still being written is not.
func TestStaleTempFiles(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, ".kartoteka-partial-123")
	old := filepath.Join(dir, ".kartoteka-export-456")
	for _, p := range []string{stale, old} {
		if err := os.WriteFile(p, []byte("half a backup"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	busy, err := store.CreateTemp(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Discard()
	next, err := store.CreateTemp(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{stale, old} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s left behind: %v", filepath.Base(p), err)
		}
	}
	if _, err := os.Stat(busy.Name()); err != nil {
		t.Errorf("a temporary file being written was removed: %v", err)
	}
	next.Write([]byte("whole"))
	if err := next.Commit(filepath.Join(dir, "out")); err != nil {
		t.Fatal(err)
	}
	busy.Discard()
	if left, _ := filepath.Glob(filepath.Join(dir, ".kartoteka-*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}
