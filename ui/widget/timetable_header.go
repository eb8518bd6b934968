package widget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TimetableHeader is the row of a Timetable's column titles, with the lane
// titles beneath where columns have lanes. Get it from Timetable.Header.
type TimetableHeader struct {
	widget.BaseWidget
	t *Timetable
}

// CreateRenderer is part of fyne.Widget.
func (h *TimetableHeader) CreateRenderer() fyne.WidgetRenderer {
	r := &headerRenderer{h: h}
	r.Refresh()
	return r
}

type headerRenderer struct {
	h       *TimetableHeader
	titles  []*canvas.Text
	lanes   [][]*canvas.Text
	objects []fyne.CanvasObject
}

func (r *headerRenderer) Destroy() {}

func (r *headerRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *headerRenderer) lineHeight() float32 {
	return lineHeight(theme.TextSize(), fyne.TextStyle{Bold: true})
}

func (r *headerRenderer) hasLanes() bool {
	for _, c := range r.h.t.Columns {
		if len(c.Lanes) > 1 {
			return true
		}
	}
	return false
}

func (r *headerRenderer) MinSize() fyne.Size {
	h := r.lineHeight() + 2*theme.Padding()
	if r.hasLanes() {
		h += lineHeight(theme.CaptionTextSize(), fyne.TextStyle{})
	}
	return fyne.NewSize(gutterWidth, h)
}

func (r *headerRenderer) Refresh() {
	r.titles, r.lanes, r.objects = nil, nil, nil
	for _, c := range r.h.t.Columns {
		col := theme.Color(theme.ColorNameForeground)
		if c.Today && r.h.t.shadeToday() {
			col = theme.Color(theme.ColorNamePrimary)
		}
		txt := canvas.NewText("", col)
		txt.TextStyle.Bold = true
		r.titles = append(r.titles, txt)
		r.objects = append(r.objects, txt)
		var lanes []*canvas.Text
		if len(c.Lanes) > 1 {
			for range c.Lanes {
				l := canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
				l.TextSize = theme.CaptionTextSize()
				lanes = append(lanes, l)
				r.objects = append(r.objects, l)
			}
		}
		r.lanes = append(r.lanes, lanes)
	}
	r.Layout(r.h.Size())
	canvas.Refresh(r.h)
}

// Layout centres each title over its column, cut to fit.
func (r *headerRenderer) Layout(size fyne.Size) {
	t := r.h.t
	g := t.geometry(size)
	pad := theme.Padding()
	for i, c := range t.Columns {
		x := gutterWidth + float32(i)*g.colWidth
		txt := r.titles[i]
		txt.Text = fitText(c.Title, g.colWidth-2*pad, txt.TextSize, txt.TextStyle)
		w := measure(txt.Text, txt.TextSize, txt.TextStyle)
		txt.Move(fyne.NewPos(x+(g.colWidth-w)/2, pad))
		showText(txt)
		laneWidth := g.colWidth / float32(c.lanes())
		for l, lt := range r.lanes[i] {
			lt.Text = fitText(c.Lanes[l], laneWidth-2, lt.TextSize, lt.TextStyle)
			w := measure(lt.Text, lt.TextSize, lt.TextStyle)
			lt.Move(fyne.NewPos(x+float32(l)*laneWidth+(laneWidth-w)/2, pad+r.lineHeight()))
			showText(lt)
		}
	}
}
