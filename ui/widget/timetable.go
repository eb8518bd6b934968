package widget

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// HourHeight is how tall an hour is in a Timetable.
const HourHeight float32 = 56

// SlotStep is the step a tap on an empty place rounds down to.
const SlotStep = 15 * time.Minute

// gutterWidth is the width of the hours along the left edge.
const gutterWidth float32 = 52

// TimetableColumn is one column of a Timetable: a staff member's day, or a
// day of the week split into a lane for each staff member.
type TimetableColumn struct {
	Title string
	// Lanes are the titles of the lanes the column is split into, side by
	// side; none means one lane.
	Lanes []string
	// Today marks the column of today.
	Today bool
}

func (c TimetableColumn) lanes() int { return max(len(c.Lanes), 1) }

// Timetable is an appointment book grid: hours down the left, columns
// across, bookings drawn as blocks. Tapping an empty place reports its
// column, lane and time; tapping a block reports the block.
type Timetable struct {
	widget.BaseWidget

	Columns   []TimetableColumn
	Blocks    []TimetableBlock
	FirstHour int // the first hour shown, 0–23
	LastHour  int // the hour the grid ends at, FirstHour+1–24
	// Now is the time of day drawn as a line across the column marked
	// Today; a negative Now draws none.
	Now time.Duration

	// OnSlotTapped is called with the place of a tap on no block, its time
	// of day rounded down to SlotStep.
	OnSlotTapped func(column, lane int, at time.Duration)
	// OnBlockTapped is called with the index in Blocks of a tapped block.
	OnBlockTapped func(block int)

	header *TimetableHeader
}

// NewTimetable makes an empty grid from first to last hour.
func NewTimetable(first, last int) *Timetable {
	t := &Timetable{FirstHour: first, LastHour: last, Now: -1}
	t.ExtendBaseWidget(t)
	return t
}

// Header is the row of column titles, to be kept above the grid when the
// grid scrolls; it follows the grid's columns.
func (t *Timetable) Header() *TimetableHeader {
	if t.header == nil {
		t.header = &TimetableHeader{t: t}
		t.header.ExtendBaseWidget(t.header)
	}
	return t.header
}

// Refresh redraws the grid and its header.
func (t *Timetable) Refresh() {
	t.BaseWidget.Refresh()
	if t.header != nil {
		t.header.Refresh()
	}
}

// SlotAt is the column, lane and time of day at pos, as a tap there
// reports them; ok is false outside the columns.
func (t *Timetable) SlotAt(pos fyne.Position) (column, lane int, at time.Duration, ok bool) {
	g := t.geometry(t.Size())
	if pos.X < gutterWidth || len(t.Columns) == 0 || pos.Y < 0 || pos.Y >= g.height {
		return 0, 0, 0, false
	}
	column = min(int((pos.X-gutterWidth)/g.colWidth), len(t.Columns)-1)
	lanes := t.Columns[column].lanes()
	lane = min(int((pos.X-gutterWidth-float32(column)*g.colWidth)/(g.colWidth/float32(lanes))), lanes-1)
	at = time.Duration(t.FirstHour)*time.Hour + time.Duration(float64(pos.Y/HourHeight)*float64(time.Hour))
	return column, lane, at.Truncate(SlotStep), true
}

// PositionOf is where the time at of a column's lane is drawn: the inverse
// of SlotAt, for tests and for scrolling to a time.
func (t *Timetable) PositionOf(column, lane int, at time.Duration) fyne.Position {
	g := t.geometry(t.Size())
	laneWidth := g.colWidth / float32(t.Columns[column].lanes())
	return fyne.NewPos(gutterWidth+float32(column)*g.colWidth+float32(lane)*laneWidth+laneWidth/2, g.y(t, at))
}

// Tapped is part of fyne.Tappable: a tap on no block.
func (t *Timetable) Tapped(ev *fyne.PointEvent) {
	if col, lane, at, ok := t.SlotAt(ev.Position); ok && t.OnSlotTapped != nil {
		t.OnSlotTapped(col, lane, at)
	}
}

// Cursor is part of desktop.Cursorable: empty places can be tapped.
func (t *Timetable) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MinSize is part of fyne.Widget: every hour at HourHeight.
func (t *Timetable) MinSize() fyne.Size {
	return fyne.NewSize(gutterWidth+float32(max(len(t.Columns), 1))*48, float32(t.LastHour-t.FirstHour)*HourHeight)
}

// CreateRenderer is part of fyne.Widget.
func (t *Timetable) CreateRenderer() fyne.WidgetRenderer {
	r := &timetableRenderer{t: t}
	r.Refresh()
	return r
}

// shadeToday reports whether today's column stands out: when it is one of
// several days.
func (t *Timetable) shadeToday() bool {
	today := 0
	for _, c := range t.Columns {
		if c.Today {
			today++
		}
	}
	return today == 1 && len(t.Columns) > 1
}

// geometry is the size of the grid's parts at one size of the widget.
type geometry struct {
	colWidth, height float32
}

func (t *Timetable) geometry(size fyne.Size) geometry {
	n := float32(max(len(t.Columns), 1))
	return geometry{colWidth: max(size.Width-gutterWidth, 0) / n, height: float32(t.LastHour-t.FirstHour) * HourHeight}
}

func (g geometry) y(t *Timetable, at time.Duration) float32 {
	return float32((at - time.Duration(t.FirstHour)*time.Hour).Hours()) * HourHeight
}

type timetableRenderer struct {
	t       *Timetable
	bg      []*canvas.Rectangle // today's column
	hours   []*canvas.Text
	lines   []*canvas.Line // hour and half-hour lines
	seps    []*canvas.Line // between columns and lanes
	now     *canvas.Line
	blocks  []*timetableBlock
	objects []fyne.CanvasObject
}

func (r *timetableRenderer) Destroy() {}

func (r *timetableRenderer) MinSize() fyne.Size { return r.t.MinSize() }

func (r *timetableRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Refresh builds the grid's objects afresh: a week holds a few hundred.
func (r *timetableRenderer) Refresh() {
	t := r.t
	line := theme.Color(theme.ColorNameSeparator)
	r.bg, r.hours, r.lines, r.seps, r.blocks = nil, nil, nil, nil, nil
	if t.shadeToday() {
		r.bg = append(r.bg, canvas.NewRectangle(theme.Color(theme.ColorNameHover)))
	}
	for h := t.FirstHour; h < t.LastHour; h++ {
		txt := canvas.NewText(fmt.Sprintf("%02d:00", h), theme.Color(theme.ColorNamePlaceHolder))
		txt.TextSize = theme.CaptionTextSize()
		r.hours = append(r.hours, txt)
		r.lines = append(r.lines, canvas.NewLine(line))
		half := canvas.NewLine(line)
		half.StrokeWidth = 0.5
		r.lines = append(r.lines, half)
	}
	for i, c := range t.Columns {
		if i > 0 {
			sep := canvas.NewLine(theme.Color(theme.ColorNameDisabled))
			sep.StrokeWidth = 1
			r.seps = append(r.seps, sep)
		}
		for range c.lanes() - 1 {
			lane := canvas.NewLine(line)
			lane.StrokeWidth = 0.5
			r.seps = append(r.seps, lane)
		}
	}
	for i := range t.Blocks {
		r.blocks = append(r.blocks, newTimetableBlock(t, i))
	}
	r.now = canvas.NewLine(theme.Color(theme.ColorNameError))
	r.now.StrokeWidth = 2
	r.objects = r.objects[:0]
	for _, o := range r.bg {
		r.objects = append(r.objects, o)
	}
	for _, o := range r.lines {
		r.objects = append(r.objects, o)
	}
	for _, o := range r.seps {
		r.objects = append(r.objects, o)
	}
	for _, o := range r.hours {
		r.objects = append(r.objects, o)
	}
	for _, o := range r.blocks {
		r.objects = append(r.objects, o)
	}
	r.objects = append(r.objects, r.now)
	r.Layout(t.Size())
	canvas.Refresh(t)
}

func (r *timetableRenderer) Layout(size fyne.Size) {
	t := r.t
	g := t.geometry(size)
	bg := 0
	seps := 0
	for i, c := range t.Columns {
		x := gutterWidth + float32(i)*g.colWidth
		if c.Today && bg < len(r.bg) && t.shadeToday() {
			r.bg[bg].Move(fyne.NewPos(x, 0))
			r.bg[bg].Resize(fyne.NewSize(g.colWidth, g.height))
			bg++
		}
		if i > 0 && seps < len(r.seps) {
			place(r.seps[seps], fyne.NewPos(x, 0), fyne.NewPos(x, g.height))
			seps++
		}
		laneWidth := g.colWidth / float32(c.lanes())
		for l := 1; l < c.lanes() && seps < len(r.seps); l++ {
			lx := x + float32(l)*laneWidth
			place(r.seps[seps], fyne.NewPos(lx, 0), fyne.NewPos(lx, g.height))
			seps++
		}
	}
	for i, txt := range r.hours {
		y := float32(i) * HourHeight
		txt.Move(fyne.NewPos(theme.Padding(), y+2))
		place(r.lines[2*i], fyne.NewPos(gutterWidth-6, y), fyne.NewPos(size.Width, y))
		place(r.lines[2*i+1], fyne.NewPos(gutterWidth, y+HourHeight/2), fyne.NewPos(size.Width, y+HourHeight/2))
	}
	for _, b := range r.blocks {
		pos, sz := r.blockPlace(b.i, g)
		b.Move(pos)
		b.Resize(sz)
	}
	r.now.Hide()
	for i, c := range t.Columns {
		if c.Today && t.Now >= time.Duration(t.FirstHour)*time.Hour && t.Now < time.Duration(t.LastHour)*time.Hour {
			y := g.y(t, t.Now)
			x := gutterWidth + float32(i)*g.colWidth
			place(r.now, fyne.NewPos(x, y), fyne.NewPos(x+g.colWidth, y))
			r.now.Show()
		}
	}
}

// blockPlace is where block i goes: its lane, from its start to its end.
func (r *timetableRenderer) blockPlace(i int, g geometry) (fyne.Position, fyne.Size) {
	t := r.t
	b := t.Blocks[i]
	if b.Column < 0 || b.Column >= len(t.Columns) {
		return fyne.Position{}, fyne.Size{}
	}
	lanes := t.Columns[b.Column].lanes()
	laneWidth := g.colWidth / float32(lanes)
	x := gutterWidth + float32(b.Column)*g.colWidth + float32(min(b.Lane, lanes-1))*laneWidth
	y0, y1 := g.y(t, b.From), g.y(t, b.To)
	y0, y1 = max(y0, 0), min(y1, g.height)
	return fyne.NewPos(x+1, y0+1), fyne.NewSize(max(laneWidth-2, 1), max(y1-y0-2, 10))
}

func place(l *canvas.Line, from, to fyne.Position) {
	l.Position1, l.Position2 = from, to
}
