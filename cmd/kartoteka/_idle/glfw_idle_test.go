//go:build !no_glfw && !mobile

// Kartoteka's test of its idle patch (see README.md beside it), run inside
// Fyne's GLFW driver tests by scripts/test-fyne-idle.sh under Xvfb. Fyne's
// module is at Go 1.19: no range over integers here.

package glfw

import (
	"testing"
	"time"
)

// TestIdleLoopSleepsAndWakes: with nothing to draw the loop goes to sleep,
// and a function queued for the main goroutine wakes it at once instead of
// after the sleep's one-second timeout.
func TestIdleLoopSleepsAndWakes(t *testing.T) {
	for i := 0; i < 10; i++ {
		deadline := time.Now().Add(5 * time.Second)
		for !waiting.Load() {
			if time.Now().After(deadline) {
				t.Fatalf("round %d: the loop never went to sleep with nothing to draw", i)
			}
			time.Sleep(5 * time.Millisecond)
		}
		start := time.Now()
		runOnMain(func() {})
		if took := time.Since(start); took > time.Duration(idleTimeout*float64(time.Second))/2 {
			t.Fatalf("round %d: a queued function waited %v for the sleeping loop", i, took)
		}
	}
}

// TestIdleLoopSleepsMostOfTheTime: an idle window does not wake 60 times a
// second; sampled over half a second the loop is asleep nearly always.
func TestIdleLoopSleepsMostOfTheTime(t *testing.T) {
	time.Sleep(200 * time.Millisecond) // let earlier tests' frames be drawn
	asleep := 0
	const samples = 100
	for i := 0; i < samples; i++ {
		if waiting.Load() {
			asleep++
		}
		time.Sleep(5 * time.Millisecond)
	}
	if asleep < samples*8/10 {
		t.Fatalf("the idle loop was asleep in %d of %d samples", asleep, samples)
	}
}
