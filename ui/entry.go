package ui

import (
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// textEntry is the app's text field: a widget.Entry that lets the main
// window's own keys through. Fyne hands a shortcut such as Ctrl+N to the
// focused field alone, and Esc to it alone; this field passes Ctrl with a
// letter or a digit on to the window, and Esc to the window's key handler
// (which cancels or closes what shows), so the keys work wherever the
// cursor is.
type textEntry struct {
	widget.Entry
	// onDown, when set, takes the Down arrow of a one-line field: the
	// search moves into the results with it.
	onDown func()
	// onEscape, when set, takes Esc instead of the window: a field in a
	// question closes the question.
	onEscape func()
	// onLeave, when set, is called when the field loses the keyboard.
	onLeave func()
}

// FocusLost is part of fyne.Focusable.
func (e *textEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}

// numberSetting makes e a setting kept in the preferences under key, a whole
// number from lo to hi: taken when the field is left or Enter is pressed —
// never at each keystroke, where "14" would be "1" for a moment — and
// refused with a word beside it (in problem) otherwise, keeping the last
// good value.
func numberSetting(e *textEntry, problem *widget.Label, p fyne.Preferences, key string, lo, hi, fallback int) {
	e.SetText(strconv.Itoa(p.IntWithFallback(key, fallback)))
	take := func() {
		n, err := strconv.Atoi(strings.TrimSpace(e.Text))
		if err != nil || n < lo || n > hi {
			setError(problem, lang.L("Write a whole number from {{.Low}} to {{.High}}.", map[string]any{"Low": lo, "High": hi}))
			return
		}
		setError(problem, "")
		p.SetInt(key, n)
	}
	e.onLeave = take
	e.OnSubmitted = func(string) { take() }
}

func newEntry() *textEntry {
	e := &textEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// newMultiLineEntry is a field of several lines that wraps at words.
func newMultiLineEntry() *textEntry {
	e := newEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

// windowShortcut reports whether s is one of the keys the window handles
// itself: Ctrl (Cmd on a Mac) with a letter or a digit, none of which a text
// field uses (its own are Ctrl with arrows, Home, End, Backspace, Delete,
// and the clipboard's, which are not custom shortcuts).
func windowShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier != fyne.KeyModifierShortcutDefault {
		return false
	}
	r := []rune(string(cs.KeyName))
	return len(r) == 1 && (unicode.IsLetter(r[0]) || unicode.IsDigit(r[0]))
}

// passShortcut hands s to the window of field when it is the window's;
// it reports whether it did.
func passShortcut(field fyne.CanvasObject, s fyne.Shortcut) bool {
	if !windowShortcut(s) {
		return false
	}
	c, ok := fyne.CurrentApp().Driver().CanvasForObject(field).(interface{ TypedShortcut(fyne.Shortcut) })
	if ok {
		c.TypedShortcut(s)
	}
	return ok
}

// passEscape leaves field and hands Esc to its window's key handler.
func passEscape(field fyne.CanvasObject, ev *fyne.KeyEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(field); c != nil {
		c.Unfocus()
		if f := c.OnTypedKey(); f != nil {
			f(ev)
		}
	}
}

// TypedShortcut is part of fyne.Shortcutable.
func (e *textEntry) TypedShortcut(s fyne.Shortcut) {
	if !passShortcut(e, s) {
		e.Entry.TypedShortcut(s)
	}
}

// AcceptsTab is part of fyne.Tabbable: Tab leaves even a field of several
// lines for the next one, as it does everywhere else; an address or a note
// has no use for a tab character, and a keyboard user would be trapped.
func (e *textEntry) AcceptsTab() bool { return false }

// TypedKey is part of fyne.Focusable.
func (e *textEntry) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyEscape && e.onEscape != nil:
		e.onEscape()
	case ev.Name == fyne.KeyEscape:
		passEscape(e, ev)
	case ev.Name == fyne.KeyDown && e.onDown != nil && !e.MultiLine:
		e.onDown()
	default:
		e.Entry.TypedKey(ev)
	}
}

// choiceEntry is widget.SelectEntry, a field with a list of usual values,
// passing the window's keys on as textEntry does.
type choiceEntry struct {
	widget.SelectEntry
}

func newChoiceEntry(options []string) *choiceEntry {
	e := &choiceEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetOptions(options)
	return e
}

// TypedShortcut is part of fyne.Shortcutable.
func (e *choiceEntry) TypedShortcut(s fyne.Shortcut) {
	if !passShortcut(e, s) {
		e.SelectEntry.TypedShortcut(s)
	}
}

// TypedKey is part of fyne.Focusable.
func (e *choiceEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		passEscape(e, ev)
		return
	}
	e.SelectEntry.TypedKey(ev)
}

// submitWith makes Enter in each one-line field call save.
func submitWith(save func(), fields ...*textEntry) {
	for _, f := range fields {
		f.OnSubmitted = func(string) { save() }
	}
}

// keyList is widget.List that also opens the focused row with Enter (Fyne's
// opens it with Space only) and hands Esc to the window.
type keyList struct {
	widget.List
}

func newKeyList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *keyList {
	l := &keyList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey is part of fyne.Focusable.
func (l *keyList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	case fyne.KeyEscape:
		passEscape(l, ev)
	default:
		l.List.TypedKey(ev)
	}
}
