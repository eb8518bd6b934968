//go:build !windows

package store

// platformNameProblem is "": Unix file systems take every name but "/" and
// NUL, which a path cannot hold anyway.
func platformNameProblem(string) string { return "" }
