package store

import "path/filepath"

// platformNameProblem says why Windows cannot take the last element of
// path as a file name (a device name such as CON or NUL would write to the
// device; "a:b" to a hidden stream of the file a), or "".
func platformNameProblem(path string) string {
	return windowsNameProblem(filepath.Base(path))
}
