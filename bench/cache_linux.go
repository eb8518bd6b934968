//go:build benchplain && linux

package main

import (
	"os"
	"syscall"
)

// dropOSCache writes dirty pages out and asks the kernel to drop its page
// cache, dentries and inodes, so the next read of a salon comes from the
// disk. Only root may; the error says why not.
func dropOSCache() error {
	syscall.Sync()
	return os.WriteFile("/proc/sys/vm/drop_caches", []byte("3\n"), 0)
}
