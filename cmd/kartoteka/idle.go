//go:build !ci

package main

import (
	"os"
	"runtime/debug"
	"strings"
)

// warnUnpatched says on stderr when the binary was built without Fyne's
// idle patch, as a plain go build or go run is (make build adds it; see
// _idle/README.md): its window then wakes 60 times a second.
func warnUnpatched() {
	if !idlePatched() {
		os.Stderr.WriteString("kartoteka: built without Fyne's idle patch (make build adds it): the idle window wakes 60 times a second\n")
	}
}

// idlePatched reports whether Fyne was replaced by scripts/fyne-idle.sh's
// patched copy.
func idlePatched() bool {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, m := range info.Deps {
		if m.Path == "fyne.io/fyne/v2" {
			return m.Replace != nil && strings.HasSuffix(m.Replace.Path, "fyne-idle")
		}
	}
	return false
}
