package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestTabLeavesMultiLineFields: Tab moves on from a field of several lines
// (an address, notes) as from any other: the window moves the focus on
// only when the focused widget declines Tab, which Fyne's own multi-line
// Entry does not, trapping keyboard users in the salon's address.
func TestTabLeavesMultiLineFields(t *testing.T) {
	for name, e := range map[string]*textEntry{"one line": newEntry(), "several lines": newMultiLineEntry()} {
		var w fyne.Focusable = e
		if tb, ok := w.(fyne.Tabbable); ok && tb.AcceptsTab() {
			t.Errorf("a field of %s keeps Tab for itself", name)
		}
	}
}
