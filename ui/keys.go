package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// addShortcuts binds the main window's keys, which work wherever the cursor
// is (see textEntry): Ctrl+F finds a client, Ctrl+N adds one, Ctrl+1 to
// Ctrl+6 open the sections in the order of the full navigation (the sixth,
// the audit log; a digit whose section the person acting does not see does
// nothing), Ctrl+L locks, Ctrl+U switches who is working (once two people
// have a PIN).
// Esc cancels or closes what shows (onEscape).
func (s *shellScreen) addShortcuts() {
	c := s.u.win.Canvas()
	add := func(key fyne.KeyName, fn func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
			if s.u.current == s && s.prompt == nil {
				fn()
			}
		})
	}
	add(fyne.KeyF, s.onFind)
	add(fyne.KeyN, s.onNew)
	add(fyne.KeyL, s.onLeave)
	add(fyne.KeyU, s.onSwitch)
	for _, sec := range s.sections {
		add(fyne.KeyName(strconv.Itoa(sec.key)), func() {
			if sec.id == sectionPrivacy && s.current == sectionPrivacy && s.privacyTabs != nil {
				// Again on Privacy: its other tab (requests, retention),
				// which the keyboard cannot reach otherwise.
				t := s.privacyTabs
				t.SelectIndex((t.SelectedIndex() + 1) % len(t.Items))
				return
			}
			s.onNav(sec.id)
		})
	}
	c.SetOnTypedKey(s.onKey)
}

// onKey takes the keys typed while no field has the keyboard.
func (s *shellScreen) onKey(ev *fyne.KeyEvent) {
	if s.u.current != s || s.prompt != nil {
		return
	}
	if ev.Name == fyne.KeyEscape {
		s.onEscape()
		return
	}
	if s.calendar != nil {
		s.calendar.onKey(ev)
	}
}

// onEscape cancels or closes what shows: a form goes back to its list (after
// asking about unsaved changes), the calendar's panel closes, the export
// and Forget go back to the card, the search is emptied.
func (s *shellScreen) onEscape() {
	switch {
	case s.calendar != nil:
		s.calendar.onEscape()
	case s.newClient != nil, s.card != nil:
		s.leaveThen(s.openList)
	case s.export != nil:
		s.export.back.OnTapped()
	case s.forget != nil && !s.forget.done:
		s.openCard(s.forget.id)
	case s.requests != nil && (s.requests.form != nil || s.requests.detail != nil):
		s.leaveThen(s.requests.showList)
	case s.serviceForm != nil, s.staffForm != nil:
		s.leaveThen(s.openServices)
	case s.clients != nil && s.clients.search.Text != "":
		s.clients.search.SetText("")
		s.u.win.Canvas().Focus(s.clients.search)
	}
}
