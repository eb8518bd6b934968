package store

import (
	"errors"

	"golang.org/x/sys/windows"
)

// heldElsewhere reports whether err is Windows refusing a rename because
// another program has one of the files open without sharing deletion
// (Go's own opens do not share it): a sharing or lock violation, or the
// access denied that a file marked for deletion and still open brings.
func heldElsewhere(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) ||
		errors.Is(err, windows.ERROR_LOCK_VIOLATION) ||
		errors.Is(err, windows.ERROR_ACCESS_DENIED)
}

// syncDir flushes the folder dir so that a rename in it survives a power
// cut. Windows flushes a folder (FlushFileBuffers) only through a handle
// opened for writing with backup semantics, and only where the file system
// allows it: NTFS does; where it does not (FAT on some USB sticks), the
// error says so and the rename stands on the file system's own care.
func syncDir(dir string) error {
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return err
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE,
		nil, windows.OPEN_EXISTING, windows.FILE_FLAG_BACKUP_SEMANTICS, 0)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(h)
	return windows.FlushFileBuffers(h)
}
