package store

import (
	"os"
	"time"
)

// replaceWait is how long ReplaceFile keeps trying while another program
// holds the file: scanners let go within milliseconds, a stuck one is
// reported.
const replaceWait = 2 * time.Second

// ReplaceFile renames from to to in one step, replacing what to held. On
// Windows a file another program has open (an antivirus scanner or a
// search indexer reading the new file, a sync tool reading the old one)
// cannot be renamed or replaced until it lets go; ReplaceFile tries again
// for up to two seconds before it gives up with the system's error.
// Elsewhere it is os.Rename.
func ReplaceFile(from, to string) error {
	return replaceFile(from, to, backoff(replaceWait))
}

// replaceFile is ReplaceFile with wait deciding, after each refusal of a
// held file, whether to try again (after waiting for it) or give up.
func replaceFile(from, to string, wait func(attempt int) bool) error {
	for attempt := 0; ; attempt++ {
		err := os.Rename(from, to)
		if err == nil || !heldElsewhere(err) || !wait(attempt) {
			return err
		}
	}
}

// backoff waits 10 ms after the first refusal, twice as long after each
// next one (a quarter second at most), until total has passed.
func backoff(total time.Duration) func(int) bool {
	deadline := time.Now().Add(total)
	return func(attempt int) bool {
		d := min(10*time.Millisecond<<min(attempt, 5), 250*time.Millisecond)
		if time.Now().Add(d).After(deadline) {
			return false
		}
		time.Sleep(d)
		return true
	}
}

// closeAndRemove closes f and removes its file in the order the system
// allows: Unix removes a file while it is still open (and locked), so that
// nobody can take it between the two steps; Windows removes only a file
// nobody has open. The error is the close's; a file that cannot be removed
// (someone opened it meanwhile) is left to whoever has it.
func closeAndRemove(f *os.File) error {
	if renameWhileOpen {
		os.Remove(f.Name())
		return f.Close()
	}
	err := f.Close()
	os.Remove(f.Name())
	return err
}
