package widget

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestRadioGroupKeys: Tab stops once on a group, the arrows move its choice
// (round from the last to the first), and a click chooses and focuses.
func TestRadioGroupKeys(t *testing.T) {
	test.NewTempApp(t)
	var changes []string
	r := NewRadioGroup([]string{"One month", "Two months", "Three"}, func(s string) { changes = append(changes, s) })
	r.Required = true
	before, after := widget.NewEntry(), widget.NewEntry()
	w := test.NewTempWindow(t, container.NewVBox(before, r, after))
	w.Resize(fyne.NewSize(400, 300))
	c := w.Canvas()

	c.Focus(before)
	c.FocusNext()
	if c.Focused() != r {
		t.Fatalf("Tab from the field before focuses %T, want the group", c.Focused())
	}
	key := func(name fyne.KeyName) { c.Focused().TypedKey(&fyne.KeyEvent{Name: name}) }
	c.Focused().TypedRune(' ')
	if r.Selected != "One month" {
		t.Errorf("Space chose %q, want the first", r.Selected)
	}
	key(fyne.KeyDown)
	if r.Selected != "Two months" {
		t.Errorf("Down chose %q", r.Selected)
	}
	key(fyne.KeyRight)
	key(fyne.KeyDown)
	if r.Selected != "One month" {
		t.Errorf("Down from the last chose %q, want the first again", r.Selected)
	}
	key(fyne.KeyUp)
	if r.Selected != "Three" {
		t.Errorf("Up from the first chose %q, want the last", r.Selected)
	}
	key(fyne.KeyLeft)
	if r.Selected != "Two months" || r.SelectedIndex() != 1 {
		t.Errorf("Left chose %q (%d)", r.Selected, r.SelectedIndex())
	}
	if want := []string{"One month", "Two months", "Three", "One month", "Three", "Two months"}; !slices.Equal(changes, want) {
		t.Errorf("OnChanged heard %v, want %v", changes, want)
	}
	c.FocusNext()
	if c.Focused() != after {
		t.Errorf("Tab from the group focuses %T, want the field after it (one stop per group)", c.Focused())
	}

	// A click on the third choice chooses it and puts the keyboard there.
	item := r.itemSize()
	test.TapAt(r, fyne.NewPos(10, item.Height*2+item.Height/2))
	if r.Selected != "Three" || c.Focused() != r {
		t.Errorf("a click on the third: chose %q, focus on %T", r.Selected, c.Focused())
	}
	r.Disable()
	key(fyne.KeyUp)
	if r.Selected != "Three" {
		t.Errorf("a disabled group moved to %q", r.Selected)
	}
}
