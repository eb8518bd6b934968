//go:build !wasm && !test_web_driver

// Kartoteka's addition to Fyne's GLFW driver (see README.md beside it): an
// idle window sleeps in glfw.WaitEventsTimeout instead of waking 60 times a
// second to find nothing to do.

package glfw

import (
	"sync/atomic"

	"github.com/go-gl/glfw/v3.3/glfw"
)

var (
	// queued counts functions sent to funcQueue and not yet taken by the
	// main loop; waiting is set while the loop sleeps.
	queued  atomic.Int64
	waiting atomic.Bool
)

// idleTimeout bounds a sleep, in seconds, so that the render caches are
// still kept alive and cleaned about once a second.
const idleTimeout = 1.0

// waitIdle sleeps until an input or window event, a function queued for the
// main goroutine (wakeIdle), or idleTimeout. Setting waiting before reading
// queued, while a sender adds to queued before reading waiting, means that
// either the loop sees the function or the sender sees the loop asleep.
func (d *gLDriver) waitIdle() {
	waiting.Store(true)
	if queued.Load() == 0 {
		glfw.WaitEventsTimeout(idleTimeout)
	}
	waiting.Store(false)
}

// wakeIdle wakes a sleeping main loop; it is called after queueing.
func wakeIdle() {
	if !waiting.Load() {
		return
	}
	// GLFW may be terminating as the app quits; a failed post only means
	// the loop wakes at its timeout.
	defer func() { _ = recover() }()
	glfw.PostEmptyEvent()
}
