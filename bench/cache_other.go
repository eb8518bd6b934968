//go:build benchplain && !linux

package main

import "errors"

// dropOSCache is Linux only; elsewhere cold runs start with the file in the
// OS page cache.
func dropOSCache() error {
	return errors.New("dropping the OS page cache is done on Linux only")
}
