//go:build !unix

package store

import "time"

// cpuTime is not measured here: the caller falls back on the wall clock.
func cpuTime() (time.Duration, bool) { return 0, false }
