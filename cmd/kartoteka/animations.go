//go:build !ci && !no_animations

package main

import "os"

// Built without Fyne's no_animations tag, as a plain go build or go run
// does (make build and the packages pass it), the focused field's cursor
// fades in and out, and each fade redraws the whole window: the idle app
// then costs several times the CPU it should (see the Makefile's build).
func init() {
	os.Stderr.WriteString("kartoteka: built without -tags no_animations (make build passes it): the fading cursor keeps the idle app busy\n")
}
