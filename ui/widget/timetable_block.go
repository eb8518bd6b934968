package widget

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// BlockKind is how a block is coloured: by the booking's status.
type BlockKind int

// The kinds of block.
const (
	BlockBooked BlockKind = iota
	BlockCompleted
	BlockCancelled
	BlockNoShow
)

// TimetableBlock is one booking in a Timetable.
type TimetableBlock struct {
	Column, Lane int
	From, To     time.Duration // times of day
	Title        string        // first line, bold: the client
	Detail       string        // second line: the time and service
	// ShortTitle and ShortDetail stand in for Title and Detail in blocks
	// too narrow for them: initials and a time, say.
	ShortTitle, ShortDetail string
	Kind                    BlockKind
	Selected                bool
}

// colorName is the theme colour of a kind of block.
func (k BlockKind) colorName() fyne.ThemeColorName {
	switch k {
	case BlockCompleted:
		return theme.ColorNameSuccess
	case BlockCancelled:
		return theme.ColorNameDisabled
	case BlockNoShow:
		return theme.ColorNameError
	default:
		return theme.ColorNamePrimary
	}
}

// timetableBlock draws block i of a Timetable and reports taps on it.
type timetableBlock struct {
	widget.BaseWidget
	t *Timetable
	i int
}

func newTimetableBlock(t *Timetable, i int) *timetableBlock {
	b := &timetableBlock{t: t, i: i}
	b.ExtendBaseWidget(b)
	return b
}

// Tapped is part of fyne.Tappable.
func (b *timetableBlock) Tapped(*fyne.PointEvent) {
	if b.t.OnBlockTapped != nil {
		b.t.OnBlockTapped(b.i)
	}
}

// Cursor is part of desktop.Cursorable.
func (b *timetableBlock) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (b *timetableBlock) CreateRenderer() fyne.WidgetRenderer {
	data := b.t.Blocks[b.i]
	c := theme.Color(data.Kind.colorName())
	fill := canvas.NewRectangle(withAlpha(c, 0x40))
	fill.CornerRadius = 4
	if data.Selected {
		fill.StrokeColor = theme.Color(theme.ColorNameForeground)
		fill.StrokeWidth = 2
	}
	bar := canvas.NewRectangle(c)
	title := canvas.NewText("", theme.Color(theme.ColorNameForeground))
	title.TextStyle.Bold = true
	title.TextSize = theme.CaptionTextSize()
	detail := canvas.NewText("", theme.Color(theme.ColorNameForeground))
	detail.TextSize = theme.CaptionTextSize()
	return &blockRenderer{b: b, data: data, fill: fill, bar: bar, title: title, detail: detail}
}

type blockRenderer struct {
	b             *timetableBlock
	data          TimetableBlock
	fill, bar     *canvas.Rectangle
	title, detail *canvas.Text
}

func (r *blockRenderer) Destroy() {}

func (r *blockRenderer) MinSize() fyne.Size { return fyne.NewSize(4, 10) }

func (r *blockRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.fill, r.bar, r.title, r.detail}
}

func (r *blockRenderer) Refresh() { r.Layout(r.b.Size()) }

// Layout fits the two lines into the block, cut with an ellipsis.
func (r *blockRenderer) Layout(size fyne.Size) {
	r.fill.Resize(size)
	r.bar.Resize(fyne.NewSize(3, size.Height))
	pad := float32(3)
	if size.Width < 48 {
		pad = 1
	}
	width := size.Width - 3 - 2*pad
	lineHeight := fyne.MeasureText("Ag", r.title.TextSize, r.title.TextStyle).Height
	r.title.Text = fitEither(r.data.Title, r.data.ShortTitle, width, r.title.TextSize, r.title.TextStyle)
	if first := []rune(r.data.ShortTitle); r.title.Text == "" && len(first) > 0 &&
		fyne.MeasureText(string(first[0]), r.title.TextSize, r.title.TextStyle).Width <= width {
		r.title.Text = string(first[0]) // one initial rather than none
	}
	r.title.Move(fyne.NewPos(3+pad, 1))
	r.detail.Text = ""
	if size.Height >= 2*lineHeight+2 {
		r.detail.Text = fitEither(r.data.Detail, r.data.ShortDetail, width, r.detail.TextSize, r.detail.TextStyle)
	}
	r.detail.Move(fyne.NewPos(3+pad, 1+lineHeight))
	if size.Height < lineHeight {
		r.title.Text = ""
	}
	r.title.Refresh()
	r.detail.Refresh()
}

// fitEither is long when it fits width, else short when that fits, else
// long cut to fit.
func fitEither(long, short string, width, size float32, style fyne.TextStyle) string {
	if short == "" || fyne.MeasureText(long, size, style).Width <= width {
		return fitText(long, width, size, style)
	}
	if fyne.MeasureText(short, size, style).Width <= width {
		return short
	}
	return ""
}

// fitText is s, cut with an ellipsis so that it fits width.
func fitText(s string, width, size float32, style fyne.TextStyle) string {
	if width <= 0 {
		return ""
	}
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	runes := []rune(s)
	lo, hi := 0, len(runes)
	for lo < hi { // the longest prefix that fits with the ellipsis
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(runes[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo < 2 { // "1…" says nothing
		return ""
	}
	return string(runes[:lo]) + "…"
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}
