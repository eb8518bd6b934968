package widget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NavItem is an entry of the main window's navigation: an icon and a title,
// highlighted while its section shows. It is tapped with the pointer and
// reached from the keyboard by the app's shortcuts, never by Tab: the Tab
// key stays inside the section's own content, where a stray Space cannot
// switch sections or lock the salon.
type NavItem struct {
	widget.BaseWidget

	Title    string
	Icon     fyne.Resource
	Selected bool
	OnTapped func()

	hovered bool
}

// NewNavItem makes an entry with title and icon.
func NewNavItem(title string, icon fyne.Resource, tapped func()) *NavItem {
	n := &NavItem{Title: title, Icon: icon, OnTapped: tapped}
	n.ExtendBaseWidget(n)
	return n
}

// SetTitle changes the title.
func (n *NavItem) SetTitle(title string) {
	n.Title = title
	n.Refresh()
}

// SetSelected highlights the entry, or not.
func (n *NavItem) SetSelected(on bool) {
	n.Selected = on
	n.Refresh()
}

// Tapped is part of fyne.Tappable.
func (n *NavItem) Tapped(*fyne.PointEvent) {
	if n.OnTapped != nil {
		n.OnTapped()
	}
}

// Cursor is part of desktop.Cursorable.
func (n *NavItem) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn is part of desktop.Hoverable.
func (n *NavItem) MouseIn(*desktop.MouseEvent) { n.hovered = true; n.Refresh() }

// MouseMoved is part of desktop.Hoverable.
func (n *NavItem) MouseMoved(*desktop.MouseEvent) {}

// MouseOut is part of desktop.Hoverable.
func (n *NavItem) MouseOut() { n.hovered = false; n.Refresh() }

// CreateRenderer is part of fyne.Widget.
func (n *NavItem) CreateRenderer() fyne.WidgetRenderer {
	r := &navItemRenderer{n: n, bg: canvas.NewRectangle(theme.Color(theme.ColorNameBackground)),
		icon: widget.NewIcon(n.Icon), label: widget.NewLabel(n.Title)}
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.Refresh()
	return r
}

type navItemRenderer struct {
	n     *NavItem
	bg    *canvas.Rectangle
	icon  *widget.Icon
	label *widget.Label
}

func (r *navItemRenderer) Layout(size fyne.Size) {
	pad := theme.Padding()
	r.bg.Resize(size)
	iconSize := theme.IconInlineSize()
	r.icon.Resize(fyne.NewSquareSize(iconSize))
	r.icon.Move(fyne.NewPos(2*pad, (size.Height-iconSize)/2))
	x := 3*pad + iconSize
	r.label.Move(fyne.NewPos(x, 0))
	r.label.Resize(fyne.NewSize(size.Width-x, size.Height))
}

func (r *navItemRenderer) MinSize() fyne.Size {
	pad := theme.Padding()
	l := r.label.MinSize()
	return fyne.NewSize(3*pad+theme.IconInlineSize()+l.Width, l.Height+pad)
}

func (r *navItemRenderer) Refresh() {
	switch {
	case r.n.Selected:
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	case r.n.hovered:
		r.bg.FillColor = theme.Color(theme.ColorNameHover)
	default:
		r.bg.FillColor = theme.Color(theme.ColorNameBackground)
	}
	r.bg.Refresh()
	r.icon.SetResource(r.n.Icon)
	r.label.TextStyle.Bold = r.n.Selected
	r.label.SetText(r.n.Title)
	r.Layout(r.n.Size())
}

func (r *navItemRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.icon, r.label}
}

func (r *navItemRenderer) Destroy() {}
