package widget

import (
	"image/color"
	"sync"
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
	laidOut       fyne.Size // the size the text was last fitted to
}

func (r *blockRenderer) Destroy() {}

func (r *blockRenderer) MinSize() fyne.Size { return fyne.NewSize(4, 10) }

func (r *blockRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.fill, r.bar, r.title, r.detail}
}

func (r *blockRenderer) Refresh() {
	r.laidOut = fyne.Size{}
	r.Layout(r.b.Size())
}

var (
	lineMu      sync.Mutex
	lineHeights = map[measureKey]float32{}
)

// lineHeight is the height of a line of text, remembered.
func lineHeight(size float32, style fyne.TextStyle) float32 {
	k := measureKey{"Ag", size, style}
	lineMu.Lock()
	defer lineMu.Unlock()
	h, ok := lineHeights[k]
	if !ok {
		h = fyne.MeasureText("Ag", size, style).Height
		lineHeights[k] = h
	}
	return h
}

// Layout fits the two lines into the block, cut with an ellipsis.
func (r *blockRenderer) Layout(size fyne.Size) {
	r.fill.Resize(size)
	r.bar.Resize(fyne.NewSize(3, size.Height))
	pad := float32(3)
	if size.Width < 48 {
		pad = 1
	}
	width := size.Width - 3 - 2*pad
	if size == r.laidOut {
		return
	}
	r.laidOut = size
	lineHeight := lineHeight(r.title.TextSize, r.title.TextStyle)
	r.title.Text = fitEither(r.data.Title, r.data.ShortTitle, width, r.title.TextSize, r.title.TextStyle)
	if first := []rune(r.data.ShortTitle); r.title.Text == "" && len(first) > 0 &&
		measure(string(first[0]), r.title.TextSize, r.title.TextStyle) <= width {
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
	showText(r.title)
	showText(r.detail)
}

// showText refreshes t, hidden when it says nothing: an empty text costs
// as much to paint as a word.
func showText(t *canvas.Text) {
	t.Hidden = t.Text == ""
	t.Refresh()
}

// fitEither is long, cut to fit width while five letters of it stay, else
// short when that fits.
func fitEither(long, short string, width, size float32, style fyne.TextStyle) string {
	cut := fitText(long, width, size, style)
	if short == "" || len([]rune(cut)) > 5 || cut == long {
		return cut
	}
	if measure(short, size, style) <= width {
		return short
	}
	return ""
}

// fitText is s, cut with an ellipsis so that it fits width, or nothing
// when not even two letters would fit.
func fitText(s string, width, size float32, style fyne.TextStyle) string {
	if width <= 0 || s == "" {
		return ""
	}
	full := measure(s, size, style)
	if full <= width {
		return s
	}
	runes := []rune(s)
	ellipsis := measure("…", size, style)
	// Guess the length by proportion, then shorten until it fits: two or
	// three measurements where a search would take six.
	n := min(int(float32(len(runes))*(width-ellipsis)/full)+1, len(runes)-1)
	for n >= 2 && measure(string(runes[:n])+"…", size, style) > width {
		n--
	}
	if n < 2 { // "1…" says nothing
		return ""
	}
	return string(runes[:n]) + "…"
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}
