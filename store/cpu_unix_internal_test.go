//go:build unix

package store

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used, user and system: a
// measure that other programs on a shared machine do not inflate.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
