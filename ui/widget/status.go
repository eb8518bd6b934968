package widget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// StatusLine is the bar along the bottom of the main window: a short text
// about the salon or about the work under way, and a progress bar while
// work runs.
type StatusLine struct {
	widget.BaseWidget

	text     string
	busy     bool
	fraction float64 // below zero: progress unknown
}

// NewStatusLine makes an idle status line showing text.
func NewStatusLine(text string) *StatusLine {
	s := &StatusLine{text: text, fraction: -1}
	s.ExtendBaseWidget(s)
	return s
}

// Text is what the line says.
func (s *StatusLine) Text() string { return s.text }

// Busy reports whether the line shows work under way.
func (s *StatusLine) Busy() bool { return s.busy }

// SetIdle shows text with no progress bar.
func (s *StatusLine) SetIdle(text string) {
	s.text, s.busy, s.fraction = text, false, -1
	s.Refresh()
}

// SetBusy shows text with a progress bar: fraction done from 0 to 1, or a
// moving bar when fraction is below zero.
func (s *StatusLine) SetBusy(text string, fraction float64) {
	s.text, s.busy, s.fraction = text, true, fraction
	s.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (s *StatusLine) CreateRenderer() fyne.WidgetRenderer {
	r := &statusRenderer{
		s:        s,
		bg:       canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground)),
		label:    widget.NewLabel(""),
		bar:      widget.NewProgressBar(),
		infinite: widget.NewProgressBarInfinite(),
	}
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.label.SizeName = theme.SizeNameCaptionText
	r.bar.TextFormatter = func() string { return "" }
	r.Refresh()
	return r
}

// statusRenderer draws a StatusLine.
type statusRenderer struct {
	s        *StatusLine
	bg       *canvas.Rectangle
	label    *widget.Label
	bar      *widget.ProgressBar
	infinite *widget.ProgressBarInfinite
}

const barWidth = 160

func (r *statusRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	pad := theme.Padding()
	barH := fyne.Min(r.bar.MinSize().Height, size.Height-2*pad)
	barPos := fyne.NewPos(size.Width-barWidth-2*pad, (size.Height-barH)/2)
	for _, b := range []fyne.CanvasObject{r.bar, r.infinite} {
		b.Move(barPos)
		b.Resize(fyne.NewSize(barWidth, barH))
	}
	labelW := size.Width
	if r.s.busy {
		labelW -= barWidth + 2*pad
	}
	r.label.Move(fyne.NewPos(0, 0))
	r.label.Resize(fyne.NewSize(labelW, size.Height))
}

func (r *statusRenderer) MinSize() fyne.Size {
	m := r.label.MinSize()
	return fyne.NewSize(barWidth, m.Height)
}

func (r *statusRenderer) Refresh() {
	r.bg.FillColor = theme.Color(theme.ColorNameHeaderBackground)
	r.bg.Refresh()
	r.label.SetText(r.s.text)
	switch {
	case !r.s.busy:
		r.bar.Hide()
		r.infinite.Stop()
		r.infinite.Hide()
	case r.s.fraction < 0:
		r.bar.Hide()
		r.infinite.Show()
		r.infinite.Start()
	default:
		r.infinite.Stop()
		r.infinite.Hide()
		r.bar.SetValue(r.s.fraction)
		r.bar.Show()
	}
	r.Layout(r.s.Size())
}

func (r *statusRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.label, r.bar, r.infinite}
}

func (r *statusRenderer) Destroy() { r.infinite.Stop() }
