package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A rename over a file another program holds open (an antivirus scanner
// reading the old backup, or the new file) goes through: at once on Unix;
// on Windows, once the holder lets go.
func TestReplaceFileHeld(t *testing.T) {
	for _, held := range []string{"the old file", "the new file"} {
		t.Run(held, func(t *testing.T) {
			dir := t.TempDir()
			from, to := filepath.Join(dir, ".new"), filepath.Join(dir, "backup.ktkbak")
			os.WriteFile(from, []byte("new"), 0o600)
			os.WriteFile(to, []byte("old"), 0o600)
			holder, err := os.Open(map[string]string{"the old file": to, "the new file": from}[held])
			if err != nil {
				t.Fatal(err)
			}
			defer holder.Close()
			waits := 0
			err = replaceFile(from, to, func(attempt int) bool {
				if attempt != waits {
					t.Errorf("attempt %d after %d waits", attempt, waits)
				}
				waits++
				holder.Close() // the scanner is done
				return true
			})
			if err != nil {
				t.Fatal(err)
			}
			if b, _ := os.ReadFile(to); string(b) != "new" {
				t.Errorf("after the rename the file holds %q", b)
			}
			if _, err := os.Stat(from); !os.IsNotExist(err) {
				t.Errorf("the new file is still under its old name: %v", err)
			}
			switch {
			case renameWhileOpen && waits != 0:
				t.Errorf("waited %d times where open files are renamed", waits)
			case !renameWhileOpen && waits != 1:
				t.Errorf("waited %d times for the holder, want once", waits)
			}
		})
	}
}

// A holder that does not let go is reported with the system's error, and
// both files stay as they were.
func TestReplaceFileGivesUp(t *testing.T) {
	if renameWhileOpen {
		t.Skip("this system renames over open files")
	}
	dir := t.TempDir()
	from, to := filepath.Join(dir, ".new"), filepath.Join(dir, "export.pdf")
	os.WriteFile(from, []byte("new"), 0o600)
	os.WriteFile(to, []byte("old"), 0o600)
	holder, err := os.Open(to)
	if err != nil {
		t.Fatal(err)
	}
	waits := 0
	err = replaceFile(from, to, func(int) bool { waits++; return waits < 3 })
	holder.Close()
	if err == nil || !heldElsewhere(err) {
		t.Fatalf("a file held throughout: %v, want a sharing error", err)
	}
	if waits != 3 {
		t.Errorf("asked to wait %d times, want 3", waits)
	}
	if b, _ := os.ReadFile(to); string(b) != "old" {
		t.Errorf("the old file holds %q", b)
	}
	if b, _ := os.ReadFile(from); string(b) != "new" {
		t.Errorf("the new file holds %q", b)
	}
}

// Other errors are not waited for.
func TestReplaceFileMissing(t *testing.T) {
	dir := t.TempDir()
	err := replaceFile(filepath.Join(dir, "none"), filepath.Join(dir, "x"), func(int) bool {
		t.Error("waited for a file that does not exist")
		return false
	})
	if !os.IsNotExist(err) {
		t.Errorf("renaming a missing file: %v", err)
	}
}

// backoff doubles its waits and stops before the total is spent.
func TestBackoff(t *testing.T) {
	start := time.Now()
	wait := backoff(50 * time.Millisecond)
	n := 0
	for wait(n) {
		n++
	}
	if n != 2 { // 10 ms, 20 ms; 40 ms more would pass 50
		t.Errorf("%d waits in 50 ms, want 2", n)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("backoff of 50 ms took %v", d)
	}
}

// The folder of a rename is flushed; a folder that is not there is an
// error, not a silent no-op.
func TestSyncDir(t *testing.T) {
	dir := t.TempDir()
	if err := syncDir(dir); err != nil {
		t.Errorf("flush the folder: %v", err)
	}
	if err := syncDir(filepath.Join(dir, "missing")); err == nil {
		t.Error("flushing a missing folder succeeded")
	}
}

// closeAndRemove leaves neither an open file nor its name.
func TestCloseAndRemove(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "x.lock"))
	if err != nil {
		t.Fatal(err)
	}
	if err := closeAndRemove(f); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(f.Name()); !os.IsNotExist(err) {
		t.Errorf("the file is still there: %v", err)
	}
	if _, err := f.Write([]byte("x")); err == nil {
		t.Error("the file is still open")
	}
}
