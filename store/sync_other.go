//go:build !darwin

package store

// platformPragmas: elsewhere synchronous(FULL) is durable as it is (Linux's
// fsync and Windows' FlushFileBuffers wait for the disk).
var platformPragmas []string
