package privacy

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Issue 12, finding 8: a write that fails part-way leaves no temporary file
// and its error names what was written, never a temporary file.
func TestWriteAtomicCleansUp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "b.ktkbak")
	err := writeAtomic(path, "backup", func(w io.Writer) error {
		w.Write([]byte("half"))
		_, err := w.(interface {
			WriteAt([]byte, int64) (int, error)
		}).WriteAt([]byte("x"), -1)
		return err
	})
	if err == nil || strings.Contains(err.Error(), ".kartoteka") || !strings.Contains(err.Error(), "backup") {
		t.Errorf("error = %v", err)
	}
	err = writeAtomic(path, "backup", func(w io.Writer) error { return &os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC} })
	if !errors.Is(err, syscall.ENOSPC) || strings.Contains(err.Error(), "x:") {
		t.Errorf("error = %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left %v", left)
	}
	func() {
		defer func() { recover() }()
		writeAtomic(path, "backup", func(io.Writer) error { panic("bug") })
	}()
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("a panic left %v", left)
	}
}
