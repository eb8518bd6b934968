// Kartoteka's addition to Fyne's animation runner (see README.md beside it).

package animation

// Idle reports whether no animation is running or waiting to start.
func (r *Runner) Idle() bool {
	r.animationMutex.RLock()
	defer r.animationMutex.RUnlock()
	return !r.runnerStarted
}
