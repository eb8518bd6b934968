//go:build !windows

package store_test

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"testing"

	"kartoteka/store"
)

// The system's own words for a full or failing disk are named for a person.
func TestDiskProblemErrno(t *testing.T) {
	for _, c := range []struct {
		err  error
		want error
	}{
		{&os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, store.ErrDiskFull},
		{fmt.Errorf("backup: %w", &os.PathError{Op: "write", Path: "x", Err: syscall.EDQUOT}), store.ErrDiskFull},
		{&os.PathError{Op: "read", Path: "x", Err: syscall.EIO}, store.ErrIO},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.ENOENT}, nil},
	} {
		if got := store.DiskProblem(c.err); !errors.Is(got, c.want) || (c.want == nil) != (got == nil) {
			t.Errorf("DiskProblem(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
