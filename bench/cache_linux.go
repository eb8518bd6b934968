//go:build benchplain && linux

package main

import (
	"io"
	"os"
	"syscall"
)

// dropOSCache writes dirty pages out and asks the kernel to drop its page
// cache, dentries and inodes, so the next read of a salon comes from the
// disk. Only root may; the error says why not. The bench's own executable
// is then read back: a cold figure is about the salon file, and the code
// faulted in from the disk otherwise went to whichever side ran first after
// the drop (the SQLite code both use) or only to the encrypted one (its
// cipher code).
func dropOSCache() error {
	syscall.Sync()
	if err := os.WriteFile("/proc/sys/vm/drop_caches", []byte("3\n"), 0); err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	f, err := os.Open(exe)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(io.Discard, f)
	return err
}
