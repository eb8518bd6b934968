//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package store

import "os"

// lockFile does nothing where no advisory lock is known; Kartoteka runs on
// Linux, macOS and Windows.
func lockFile(f *os.File, exclusive bool) error { return nil }

func relockFile(f *os.File, exclusive bool) error { return nil }

const renameWhileOpen = false
