package ui

import (
	"strconv"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// prefAutoLock is how many idle minutes lock the salon; 0 never.
const prefAutoLock = "autolock.minutes"

// defaultAutoLock is the idle time that locks the salon unless set.
const defaultAutoLock = 10

// idleCheck is how often the watch looks at the clock and at the field
// being typed in.
const idleCheck = 5 * time.Second

// idleWatch locks the open salon after some minutes without use: the window
// goes back to the unlock screen, the data key is wiped and background work
// stops (closeDB), and unlocking starts it again. Where two or more people
// have a PIN, fewer idle minutes (prefSwitchAfter) first bring back the
// switch screen, the salon still unlocked; the lock follows as before. Use is the pointer moving
// over the window, a key pressed, the text of the focused field changing,
// or any work the app starts.
type idleWatch struct {
	u      *App
	last   atomic.Int64 // Unix nanoseconds of the last use
	stop   chan struct{}
	typed  string // the focused field's text at the last look
	field  fyne.Focusable
	locked bool
}

// touch notes that the salon is in use.
func (w *idleWatch) touch() { w.last.Store(w.u.now().UnixNano()) }

// startIdleWatch starts the watch of the open salon.
func (u *App) startIdleWatch() {
	w := &idleWatch{u: u, stop: make(chan struct{})}
	w.touch()
	u.idle = w
	if c, ok := u.win.Canvas().(desktop.Canvas); ok {
		c.SetOnKeyDown(func(*fyne.KeyEvent) { w.touch() })
	}
	tick := u.cfg.IdleTick
	var ticker *time.Ticker
	if tick == nil {
		ticker = time.NewTicker(idleCheck)
		tick = ticker.C
	}
	go func() {
		if ticker != nil {
			defer ticker.Stop()
		}
		for {
			select {
			case <-w.stop:
				return
			case <-tick:
				u.post(w.look)
			}
		}
	}()
}

// stopIdleWatch ends the watch; on the UI goroutine.
func (u *App) stopIdleWatch() {
	if u.idle != nil {
		close(u.idle.stop)
		u.idle = nil
	}
}

// look runs on the UI goroutine: it counts typing as use, then locks when
// the salon has been idle too long.
func (w *idleWatch) look() {
	if w.u.idle != w || w.locked {
		return
	}
	if f := w.u.win.Canvas().Focused(); f != nil {
		if text, ok := fieldText(f); ok && (f != w.field || text != w.typed) {
			w.field, w.typed = f, text
			w.touch()
		}
	}
	prefs := w.u.fyne.Preferences()
	minutes := prefs.IntWithFallback(prefAutoLock, defaultAutoLock)
	idle := w.u.now().Sub(time.Unix(0, w.last.Load()))
	sh, onShell := w.u.current.(*shellScreen)
	_, onSwitch := w.u.current.(*switchScreen)
	if minutes <= 0 || idle < time.Duration(minutes)*time.Minute {
		// Before the lock, with two or more PINs: back to the switch
		// screen, the salon still unlocked.
		back := prefs.IntWithFallback(prefSwitchAfter, defaultSwitchAfter)
		if onShell && w.u.team.switching() && back > 0 && idle >= time.Duration(back)*time.Minute {
			drafts := sh.drafts()
			sh.prompt = nil // the question goes with the window's other dialogs
			last := w.last.Load()
			w.u.showSwitch(lang.N("Back to “Who is working?” after {{.Minutes}} minutes without use.", back, map[string]any{"Minutes": strconv.Itoa(back)}), drafts)
			w.last.Store(last) // keeping the drafts is no use: the lock still counts from the last
		}
		return
	}
	if !onShell && !onSwitch {
		return // a form of its own (the unlock screen, a restore) is on show
	}
	w.locked = true
	notice := lang.N("Locked after {{.Minutes}} minutes without use.", minutes, map[string]any{"Minutes": strconv.Itoa(minutes)})
	var drafts []store.Draft
	if onShell {
		drafts = sh.drafts()
		sh.prompt = nil // the question goes with the window's other dialogs
	}
	w.u.closeDBKeeping(drafts, func(kept int) {
		switch {
		case len(drafts) == 0:
			w.u.showUnlockSaying(notice, false)
		case kept == len(drafts):
			w.u.showUnlockSaying(notice+" "+lang.L("Your unsaved changes are kept in the salon, encrypted, and come back when you unlock."), false)
		default: // said plainly: the owner must type them again
			w.u.showUnlockSaying(notice+" "+lang.L("Your unsaved changes could not be kept (the disk may be full): they are lost."), true)
		}
	})
}

// fieldText is what the text field f holds; ok is false for other widgets.
func fieldText(f fyne.Focusable) (text string, ok bool) {
	switch o := f.(type) {
	case *textEntry, *choiceEntry, *widget.Entry:
		return valueOf(o.(fyne.CanvasObject)), true
	}
	return "", false
}

// activityRoot is the window's content, around each screen's own: it passes
// the pointer's moves over the window on to the idle watch (touch, when
// set), and notes each walk of the window's tree for the focus to be
// followed (walked; see focusfollow.go).
type activityRoot struct {
	widget.BaseWidget
	content fyne.CanvasObject
	touch   func()
	walked  func()
}

func newActivityRoot(content fyne.CanvasObject, touch func()) *activityRoot {
	r := &activityRoot{content: content, touch: touch}
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer is part of fyne.Widget.
func (r *activityRoot) CreateRenderer() fyne.WidgetRenderer {
	return &rootRenderer{WidgetRenderer: widget.NewSimpleRenderer(r.content), root: r}
}

// rootRenderer draws the content; Fyne asks it for its objects whenever it
// walks the window's tree.
type rootRenderer struct {
	fyne.WidgetRenderer
	root *activityRoot
}

// Objects is part of fyne.WidgetRenderer.
func (r *rootRenderer) Objects() []fyne.CanvasObject {
	if r.root.walked != nil {
		r.root.walked()
	}
	return r.WidgetRenderer.Objects()
}

// MouseIn is part of desktop.Hoverable.
func (r *activityRoot) MouseIn(*desktop.MouseEvent) { r.onTouch() }

// MouseMoved is part of desktop.Hoverable.
func (r *activityRoot) MouseMoved(*desktop.MouseEvent) { r.onTouch() }

func (r *activityRoot) onTouch() {
	if r.touch != nil {
		r.touch()
	}
}

// MouseOut is part of desktop.Hoverable.
func (r *activityRoot) MouseOut() {}
