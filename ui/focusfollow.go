package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The page scrolls to the keyboard's focus. Fyne moves the focus (Tab,
// Shift+Tab, a click, Canvas.Focus) without telling anyone, and its scroll
// containers do not follow it (fyne-io/fyne#3029): Tab onto a button below
// the fold left it focused out of sight. Every move of the focus in the
// window first walks the window's tree from its root — the focus manager
// looks for the next widget, or checks that the one given is there — and so
// does every repaint. The window's root (activityRoot) notes each walk, and
// on the UI goroutine's next turn followFocus looks whether the focus has
// moved; when it has, every scroll container holding the focused widget
// scrolls just enough to show it whole. One look per walk at most is
// queued, and none while the window is idle: it costs nothing then.
//
// A page just shown opens at its top, wherever its first focus is (Forget
// puts the cursor in the name to type at its foot, below what it says):
// the scroll follows the focus only as it moves within the page on show.

// focusWalked notes that the window's tree was walked: the focus may have
// moved. It runs on the UI goroutine, inside Fyne's walk.
func (u *App) focusWalked() {
	if u.followQueued {
		return
	}
	u.followQueued = true
	u.post(u.followFocus) // queued: it runs after the walk, and the move it was for
}

// followFocus scrolls the window's focused widget into view, when the
// focus moved since it last looked.
func (u *App) followFocus() {
	defer func() { u.followQueued = false }() // its own walks ask for no other look
	c := u.win.Canvas()
	f := c.Focused()
	if f == u.followed {
		return
	}
	u.followed = f
	o, ok := f.(fyne.CanvasObject)
	if !ok || c.Overlays().Top() != nil { // a dialog's field: dialogs do not scroll
		return
	}
	scrolls, shown := scrollsHolding(c.Content(), o)
	var page *container.Scroll
	if len(scrolls) > 0 {
		page = scrolls[len(scrolls)-1]
	}
	if page != u.followedIn { // a page just shown, or none
		u.followedIn = page
		return
	}
	for _, s := range scrolls {
		reveal(s, shown)
	}
}

// scrollsHolding lists the scroll containers under root that hold o,
// innermost first, and what of o's to show. It looks through containers,
// scrolls, tabs, splits and the app's own widgets that hold others; o is
// found as itself or, for the text inside a selectable label (a part of the
// label's own, sized as it pleases), as lying within the label, which is
// then what to show.
func scrollsHolding(root, o fyne.CanvasObject) (out []*container.Scroll, shown fyne.CanvasObject) {
	shown = o
	var inside func(n fyne.CanvasObject) bool
	inside = func(n fyne.CanvasObject) bool {
		if n == nil || !n.Visible() {
			return false
		}
		if n == o {
			return true
		}
		switch n := n.(type) {
		case *fyne.Container:
			for _, c := range n.Objects {
				if inside(c) {
					return true
				}
			}
		case *container.Scroll:
			if inside(n.Content) {
				out = append(out, n)
				return true
			}
		case *container.AppTabs:
			if t := n.Selected(); t != nil {
				return inside(t.Content)
			}
		case *container.Split:
			return inside(n.Leading) || inside(n.Trailing)
		case *activityRoot:
			return inside(n.content)
		case *problemBox:
			return inside(n.box)
		case *widget.Label:
			if n.Selectable && within(o, n) {
				shown = n
				return true
			}
		}
		return false
	}
	inside(root)
	return out, shown
}

// within reports whether o lies inside the area of n on the canvas.
func within(o, n fyne.CanvasObject) bool {
	d := fyne.CurrentApp().Driver()
	op, np := d.AbsolutePositionForObject(o), d.AbsolutePositionForObject(n)
	os, ns := o.Size(), n.Size()
	return op.X >= np.X && op.Y >= np.Y && op.X+os.Width <= np.X+ns.Width+1 && op.Y+os.Height <= np.Y+ns.Height+1
}

// reveal scrolls s, as little as it can, so that o, inside it, shows whole
// with a little room around it — or its top, when it is taller than s.
func reveal(s *container.Scroll, o fyne.CanvasObject) {
	settle(s)
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s.Content).Y
	bottom := top + o.Size().Height
	room := theme.Padding() * 4
	y, view := s.Offset.Y, s.Size().Height
	switch {
	case top-room < y:
		y = top - room
	case bottom+room > y+view:
		y = min(top-room, bottom+room-view)
	default:
		return
	}
	s.ScrollToOffset(fyne.NewPos(s.Offset.X, max(0, y)))
}
