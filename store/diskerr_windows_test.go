package store_test

import (
	"errors"
	"fmt"
	"os"
	"testing"

	"golang.org/x/sys/windows"

	"kartoteka/store"
)

// Windows' own words for a full or failing disk (or a USB stick pulled out)
// are named for a person, as ENOSPC and EIO are on Unix.
func TestDiskProblemWindows(t *testing.T) {
	for _, c := range []struct {
		err  error
		want error
	}{
		{&os.PathError{Op: "write", Path: "x", Err: windows.ERROR_DISK_FULL}, store.ErrDiskFull},
		{fmt.Errorf("backup: %w", &os.PathError{Op: "write", Path: "x", Err: windows.ERROR_HANDLE_DISK_FULL}), store.ErrDiskFull},
		{&os.PathError{Op: "write", Path: "x", Err: windows.ERROR_DISK_QUOTA_EXCEEDED}, store.ErrDiskFull},
		{&os.PathError{Op: "read", Path: "x", Err: windows.ERROR_CRC}, store.ErrIO},
		{&os.PathError{Op: "write", Path: "x", Err: windows.ERROR_DEVICE_NOT_CONNECTED}, store.ErrIO},
		{&os.PathError{Op: "open", Path: "x", Err: windows.ERROR_FILE_NOT_FOUND}, nil},
		{&os.PathError{Op: "open", Path: "x", Err: windows.ERROR_ACCESS_DENIED}, nil},
	} {
		if got := store.DiskProblem(c.err); !errors.Is(got, c.want) || (c.want == nil) != (got == nil) {
			t.Errorf("DiskProblem(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
