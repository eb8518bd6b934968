//go:build !windows

package store

import (
	"errors"
	"syscall"
)

// diskFull reports whether err is the system saying the disk is full.
func diskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// diskFailed reports whether err is the system saying the disk failed.
func diskFailed(err error) bool { return errors.Is(err, syscall.EIO) }
