//go:build race

package store

// raceDetector says the race detector slows this test binary down.
const raceDetector = true
