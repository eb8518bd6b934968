package widget

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// RadioGroup is widget.RadioGroup taken by the keyboard as one control, as
// radio buttons are everywhere else: Tab stops once on the group, at the
// choice made; Up and Left choose the one before, Down and Right the one
// after, going round from the last to the first; Space chooses the one
// marked. Fyne 2.7's group gives every choice a Tab stop of its own and
// lets the arrow keys do nothing.
//
// Its fields and methods (Options, Selected, SetSelected, OnChanged,
// Required, Horizontal, Disable) are Fyne's, and it looks like Fyne's.
type RadioGroup struct {
	widget.RadioGroup

	focused bool
	hovered int // the choice under the pointer, or -1
	mark    int // the choice the keyboard is on while none is chosen
}

var (
	_ fyne.Focusable    = (*RadioGroup)(nil)
	_ fyne.Tappable     = (*RadioGroup)(nil)
	_ desktop.Hoverable = (*RadioGroup)(nil)
)

// NewRadioGroup makes a group of options; changed, if not nil, is called
// with the option chosen.
func NewRadioGroup(options []string, changed func(string)) *RadioGroup {
	r := &RadioGroup{hovered: -1}
	r.Options, r.OnChanged = options, changed
	r.ExtendBaseWidget(r)
	return r
}

// SelectedIndex is the position of the option chosen, or -1 (an empty
// Selected chooses none).
func (r *RadioGroup) SelectedIndex() int {
	if r.Selected == "" {
		return -1
	}
	for i, o := range r.Options {
		if o == r.Selected {
			return i
		}
	}
	return -1
}

// marked is the choice the keyboard is on: the one chosen, else the last
// one it passed.
func (r *RadioGroup) marked() int {
	if i := r.SelectedIndex(); i >= 0 {
		return i
	}
	return min(max(r.mark, 0), max(len(r.Options)-1, 0))
}

// choose makes option i the one chosen, telling OnChanged.
func (r *RadioGroup) choose(i int) {
	if r.Disabled() || i < 0 || i >= len(r.Options) {
		return
	}
	r.mark = i
	r.SetSelected(r.Options[i])
}

// FocusGained is part of fyne.Focusable.
func (r *RadioGroup) FocusGained() {
	r.focused = true
	r.Refresh()
}

// FocusLost is part of fyne.Focusable.
func (r *RadioGroup) FocusLost() {
	r.focused = false
	r.Refresh()
}

// TypedRune is part of fyne.Focusable: Space chooses the choice marked.
func (r *RadioGroup) TypedRune(ch rune) {
	if ch == ' ' {
		r.choose(r.marked())
	}
}

// TypedKey is part of fyne.Focusable: the arrows move the choice.
func (r *RadioGroup) TypedKey(ev *fyne.KeyEvent) {
	n := len(r.Options)
	if n == 0 {
		return
	}
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyLeft:
		r.choose((r.marked() + n - 1) % n)
	case fyne.KeyDown, fyne.KeyRight:
		r.choose((r.marked() + 1) % n)
	}
}

// Tapped is part of fyne.Tappable: a click chooses the option under it (or,
// when not Required, lets go of the one chosen) and focuses the group.
func (r *RadioGroup) Tapped(ev *fyne.PointEvent) {
	i := r.itemAt(ev.Position)
	if r.Disabled() || i < 0 {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(r); c != nil && !fyne.CurrentDevice().IsMobile() {
		c.Focus(r)
	}
	if i == r.SelectedIndex() {
		if !r.Required {
			r.mark = i
			r.SetSelected("")
		}
		return
	}
	r.choose(i)
}

// MouseIn is part of desktop.Hoverable.
func (r *RadioGroup) MouseIn(ev *desktop.MouseEvent) { r.MouseMoved(ev) }

// MouseMoved is part of desktop.Hoverable.
func (r *RadioGroup) MouseMoved(ev *desktop.MouseEvent) {
	i := r.itemAt(ev.Position)
	if r.Disabled() {
		i = -1
	}
	if i != r.hovered {
		r.hovered = i
		r.Refresh()
	}
}

// MouseOut is part of desktop.Hoverable.
func (r *RadioGroup) MouseOut() {
	if r.hovered != -1 {
		r.hovered = -1
		r.Refresh()
	}
}

// itemAt is the option at pos inside the group, or -1.
func (r *RadioGroup) itemAt(pos fyne.Position) int {
	n := len(r.Options)
	if n == 0 {
		return -1
	}
	size := r.itemSize()
	i := int(pos.Y / size.Height)
	if r.Horizontal {
		i = int(pos.X / size.Width)
	}
	if pos.X < 0 || pos.Y < 0 || i >= n {
		return -1
	}
	return i
}

// itemSize is the size of one option, as Fyne's group lays them out: all
// alike, sharing the group's least size.
func (r *RadioGroup) itemSize() fyne.Size {
	min := r.MinSize()
	n := float32(max(len(r.Options), 1))
	if r.Horizontal {
		return fyne.NewSize(min.Width/n, min.Height)
	}
	return fyne.NewSize(min.Width, min.Height/n)
}

// CreateRenderer is part of fyne.Widget.
func (r *RadioGroup) CreateRenderer() fyne.WidgetRenderer {
	rr := &radioRenderer{group: r}
	rr.update()
	return rr
}

// radioRenderer draws each option as Fyne's radio item does: a circle
// behind the button when focused or hovered, the button, the label.
type radioRenderer struct {
	group   *RadioGroup
	items   []*radioItem
	objects []fyne.CanvasObject
}

type radioItem struct {
	focus    *canvas.Circle
	in, over *canvas.Image
	label    *canvas.Text
}

func (rr *radioRenderer) Destroy() {}

func (rr *radioRenderer) Objects() []fyne.CanvasObject { return rr.objects }

func (rr *radioRenderer) MinSize() fyne.Size {
	th := rr.group.Theme()
	inPad := th.Size(theme.SizeNameInnerPadding) * 2
	var item fyne.Size
	for _, it := range rr.items {
		item = item.Max(it.label.MinSize().AddWidthHeight(inPad+th.Size(theme.SizeNameInlineIcon)+th.Size(theme.SizeNamePadding), inPad))
	}
	n := float32(len(rr.items))
	if rr.group.Horizontal {
		return fyne.NewSize(item.Width*n, item.Height)
	}
	return fyne.NewSize(item.Width, item.Height*n)
}

func (rr *radioRenderer) Layout(fyne.Size) {
	th := rr.group.Theme()
	innerPadding := th.Size(theme.SizeNameInnerPadding)
	border := th.Size(theme.SizeNameInputBorder)
	iconSize := th.Size(theme.SizeNameInlineIcon)
	size := rr.group.itemSize()
	focusSize := fyne.NewSquareSize(iconSize + innerPadding)
	for i, it := range rr.items {
		at := fyne.NewPos(0, float32(i)*size.Height)
		if rr.group.Horizontal {
			at = fyne.NewPos(float32(i)*size.Width, 0)
		}
		it.focus.Resize(focusSize)
		it.focus.Move(at.AddXY(border, (size.Height-focusSize.Height)/2))
		icon := at.AddXY(innerPadding/2+border, (size.Height-iconSize)/2)
		it.in.Resize(fyne.NewSquareSize(iconSize))
		it.in.Move(icon)
		it.over.Resize(fyne.NewSquareSize(iconSize))
		it.over.Move(icon)
		it.label.Resize(fyne.NewSize(size.Width-focusSize.Width-th.Size(theme.SizeNamePadding), size.Height))
		it.label.Move(at.AddXY(focusSize.Width+th.Size(theme.SizeNamePadding), 0))
	}
}

func (rr *radioRenderer) Refresh() {
	n := len(rr.items)
	rr.update()
	if len(rr.items) != n {
		rr.Layout(rr.group.Size())
	}
	canvas.Refresh(rr.group)
}

// update makes an item for each option and colours it as it stands.
func (rr *radioRenderer) update() {
	g := rr.group
	for len(rr.items) < len(g.Options) {
		rr.items = append(rr.items, &radioItem{focus: &canvas.Circle{}, in: &canvas.Image{}, over: &canvas.Image{},
			label: &canvas.Text{Alignment: fyne.TextAlignLeading}})
	}
	rr.items = rr.items[:len(g.Options)]
	rr.objects = rr.objects[:0]
	th := g.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	chosen, marked, off := g.SelectedIndex(), g.marked(), g.Disabled()
	for i, it := range rr.items {
		it.label.Text = g.Options[i]
		it.label.TextSize = th.Size(theme.SizeNameText)
		it.label.Color = th.Color(theme.ColorNameForeground, v)
		out := theme.NewThemedResource(th.Icon(theme.IconNameRadioButton))
		out.ColorName = theme.ColorNameInputBorder
		in := theme.NewThemedResource(th.Icon(theme.IconNameRadioButtonFill))
		in.ColorName = theme.ColorNameInputBackground
		if i == chosen {
			in.ColorName, out.ColorName = theme.ColorNamePrimary, theme.ColorNameForeground
		}
		it.focus.FillColor = color.Transparent
		switch {
		case off:
			it.label.Color = th.Color(theme.ColorNameDisabled, v)
			in.ColorName, out.ColorName = theme.ColorNameBackground, theme.ColorNameDisabled
			if i == chosen {
				in.ColorName = theme.ColorNameDisabled
			}
		case g.focused && i == marked:
			it.focus.FillColor = th.Color(theme.ColorNameFocus, v)
		case i == g.hovered:
			it.focus.FillColor = th.Color(theme.ColorNameHover, v)
		}
		it.in.Resource, it.over.Resource = in, out
		it.in.Refresh()
		it.over.Refresh()
		it.label.Refresh()
		it.focus.Refresh()
		rr.objects = append(rr.objects, it.focus, it.in, it.over, it.label)
	}
}
