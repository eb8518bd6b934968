package ui

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// testNow is when the tests run, by the app's clock: a Tuesday morning, so
// that "today" in a test is the same day from its start to its end.
var testNow = time.Date(2026, 12, 1, 8, 30, 0, 0, time.Local)

// testClock is the app's clock in tests: testNow, ticking from when the
// test binary started.
func testClock() time.Time { return testNow.Add(time.Since(testStart)) }

var testStart = time.Now()

// testPassphrase opens the salons the tests make.
const testPassphrase = "test passphrase 42"

// harness drives an App in the Fyne test driver. The test goroutine plays
// the UI goroutine: work the app sends there waits in queue until waitFor
// runs it, so tests never race the app and never sleep.
type harness struct {
	t     testing.TB
	u     *App
	queue chan func()
	done  chan struct{}
	ran   int            // functions run from queue
	tick  chan time.Time // the retention timer's ticks, when a test set Config.RetentionTick to it
	// stop closes the app's database and drops its UI work; the test's
	// cleanup calls it too.
	stop func()
}

// newHarness makes an app over databases in a fresh temporary folder,
// speaking English, not yet started.
func newHarness(t testing.TB) *harness {
	t.Helper()
	dir := t.TempDir()
	return newHarnessAt(t, filepath.Join(dir, "salon.kartoteka"), filepath.Join(dir, "demo.kartoteka"))
}

// newHarnessAt is newHarness over the salon database at path.
func newHarnessAt(t testing.TB, path, demoPath string) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefLanguage, "en")
	cfg := Config{
		Path:        path,
		DemoPath:    demoPath,
		Options:     store.Options{KDF: store.CheapKDF},
		DemoClients: 20,
		Clock:       testClock,
	}
	h := &harness{t: t, queue: make(chan func(), 256), done: make(chan struct{})}
	var once sync.Once
	h.stop = func() {
		once.Do(func() {
			close(h.done)
			h.u.shutdown()
		})
	}
	h.u = newApp(a, cfg, func(f func()) {
		select {
		case h.queue <- f:
		case <-h.done:
		}
	})
	t.Cleanup(func() {
		h.stop()
		if err := setLanguage("en"); err != nil {
			t.Error(err)
		}
	})
	return h
}

// waitFor runs the app's UI work until cond holds, failing after a while.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	timeout := time.NewTimer(30 * time.Second)
	defer timeout.Stop()
	poll := time.NewTicker(5 * time.Millisecond) // for conditions no posted work changes
	defer poll.Stop()
	for !cond() {
		select {
		case f := <-h.queue:
			f()
			h.ran++
		case <-poll.C:
		case <-timeout.C:
			h.t.Fatalf("timed out waiting for %s; the window shows: %s", what, shownTexts(h.u.win.Canvas().Content()))
		}
	}
}

// screen waits until the app shows a screen of type S and returns it.
func screenOf[S screen](h *harness, what string) S {
	h.t.Helper()
	var s S
	h.waitFor(what, func() bool {
		var ok bool
		s, ok = h.u.current.(S)
		return ok
	})
	return s
}

// makeSalon creates a closed salon database at the app's path, with clients.
func (h *harness) makeSalon(clients ...store.ClientInput) {
	h.t.Helper()
	ctx := context.Background()
	db, _, err := store.Create(ctx, h.u.cfg.Path, testPassphrase,
		store.Salon{Name: "Salon Testowy", Country: "PL"}, store.Options{KDF: store.CheapKDF})
	if err != nil {
		h.t.Fatal(err)
	}
	for _, c := range clients {
		if _, err := db.CreateClient(ctx, c); err != nil {
			h.t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		h.t.Fatal(err)
	}
}

// unlock starts the app over an existing salon and unlocks it.
func (h *harness) unlock() *shellScreen {
	h.t.Helper()
	h.u.Start()
	s := screenOf[*unlockScreen](h, "the unlock screen")
	test.Type(s.pass, testPassphrase)
	test.Tap(s.unlock)
	sh := screenOf[*shellScreen](h, "the main window")
	// The daily jobs run once at unlock; a test that then changes what
	// they look at (a policy, a backup folder) must not race them.
	if r := h.u.retention; r != nil {
		h.waitFor("the daily jobs at unlock", func() bool {
			select {
			case <-r.settled:
				return true
			default:
				return false
			}
		})
	}
	return sh
}

// submit presses Enter in e.
func submit(e fyne.Focusable) {
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// key types the key name into the window with no field focused, as the
// keyboard does once Esc or a click has left the fields.
func (h *harness) key(name fyne.KeyName) {
	h.t.Helper()
	h.u.win.Canvas().Unfocus()
	h.u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
}

// visibleText is the text of l, or "" when l is hidden.
func visibleText(l *widget.Label) string {
	if !l.Visible() {
		return ""
	}
	return l.Text
}

func mustContain(t *testing.T, what, s, want string) {
	t.Helper()
	if !strings.Contains(s, want) {
		t.Errorf("%s = %q, want it to contain %q", what, s, want)
	}
}

// shownTexts are the texts drawn under o: what the owner can read, found the
// way Fyne draws — through containers and widgets' renderers, skipping what
// is hidden. A label that is laid out but never drawn is not among them.
func shownTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch o := o.(type) {
		case *widget.Label:
			b.WriteString(o.Text + "\n")
			return
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}
