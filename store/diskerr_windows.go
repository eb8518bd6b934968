package store

import (
	"errors"
	"syscall"

	"golang.org/x/sys/windows"
)

// diskFull reports whether err is Windows saying the disk is full (or the
// user's quota is spent), or Go's portable ENOSPC, which Go code written
// for every system may return.
func diskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) ||
		errors.Is(err, windows.ERROR_DISK_FULL) ||
		errors.Is(err, windows.ERROR_HANDLE_DISK_FULL) ||
		errors.Is(err, windows.ERROR_DISK_QUOTA_EXCEEDED)
}

// diskFailed reports whether err is Windows saying the disk failed, or went
// away (a USB stick pulled out while written), or Go's portable EIO.
func diskFailed(err error) bool {
	if errors.Is(err, syscall.EIO) {
		return true
	}
	for _, e := range []windows.Errno{
		windows.ERROR_CRC,
		windows.ERROR_SEEK,
		windows.ERROR_SECTOR_NOT_FOUND,
		windows.ERROR_WRITE_FAULT,
		windows.ERROR_READ_FAULT,
		windows.ERROR_GEN_FAILURE,
		windows.ERROR_IO_DEVICE,
		windows.ERROR_NOT_READY,
		windows.ERROR_DEVICE_NOT_CONNECTED,
		windows.ERROR_DEV_NOT_EXIST,
	} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
