package widget

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Cells is a row of texts side by side, sharing the width by weights, each
// cut with an ellipsis to fit. It looks like a row of labels and costs a
// fraction of one to update, for long lists that change as you type.
type Cells struct {
	widget.BaseWidget
	weights []float32
	texts   []string
	mark    string // a badge at the end of the first cell, such as "restricted"
}

// NewCells makes an empty row of len(weights) cells.
func NewCells(weights []float32) *Cells {
	c := &Cells{weights: weights, texts: make([]string, len(weights))}
	c.ExtendBaseWidget(c)
	return c
}

// Texts are what the cells say.
func (c *Cells) Texts() []string { return c.texts }

// SetTexts changes what the cells say, redrawing only when it changed.
func (c *Cells) SetTexts(texts ...string) {
	if slices.Equal(texts, c.texts) {
		return
	}
	c.texts = append(c.texts[:0], texts...)
	c.Refresh()
}

// Mark is the badge the first cell ends with; "" for none.
func (c *Cells) Mark() string { return c.mark }

// SetMark ends the first cell with a badge saying mark, such as
// "restricted"; "" takes it away.
func (c *Cells) SetMark(mark string) {
	if mark == c.mark {
		return
	}
	c.mark = mark
	c.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (c *Cells) CreateRenderer() fyne.WidgetRenderer {
	r := &cellsRenderer{c: c, markBg: canvas.NewRectangle(theme.Color(theme.ColorNameWarning)),
		markText: canvas.NewText("", theme.Color(theme.ColorNameForegroundOnWarning))}
	r.markBg.CornerRadius = theme.InputRadiusSize()
	r.markText.TextStyle.Bold = true
	for range c.weights {
		r.texts = append(r.texts, canvas.NewText("", theme.Color(theme.ColorNameForeground)))
	}
	r.Refresh()
	return r
}

type cellsRenderer struct {
	c        *Cells
	texts    []*canvas.Text
	markBg   *canvas.Rectangle
	markText *canvas.Text
	laidOut  fyne.Size
}

func (r *cellsRenderer) Destroy() {}

func (r *cellsRenderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(r.texts), len(r.texts)+2)
	for i, t := range r.texts {
		objs[i] = t
	}
	return append(objs, r.markBg, r.markText)
}

// MinSize is a label's: a line of text with the inner padding around it.
func (r *cellsRenderer) MinSize() fyne.Size {
	h := lineHeight(theme.TextSize(), fyne.TextStyle{}) + 2*theme.InnerPadding()
	return fyne.NewSize(float32(len(r.texts))*40, h)
}

func (r *cellsRenderer) Refresh() {
	for _, t := range r.texts {
		t.Color = theme.Color(theme.ColorNameForeground)
		t.TextSize = theme.TextSize()
	}
	r.markBg.FillColor = theme.Color(theme.ColorNameWarning)
	r.markText.Color = theme.Color(theme.ColorNameForegroundOnWarning)
	r.markText.TextSize = theme.CaptionTextSize()
	r.markText.Text = r.c.mark
	r.laidOut = fyne.Size{}
	r.Layout(r.c.Size())
}

// layoutMark puts the badge so that it ends at right, and returns the width
// it takes from the first cell (none without a badge).
func (r *cellsRenderer) layoutMark(right, height float32) float32 {
	if r.c.mark == "" {
		r.markBg.Hide()
		r.markText.Hide()
		return 0
	}
	pad := theme.InnerPadding() / 2
	size := fyne.MeasureText(r.c.mark, r.markText.TextSize, r.markText.TextStyle)
	bg := fyne.NewSize(size.Width+2*pad, size.Height+pad)
	r.markBg.Resize(bg)
	r.markBg.Move(fyne.NewPos(right-bg.Width, (height-bg.Height)/2))
	r.markText.Move(fyne.NewPos(right-bg.Width+pad, (height-size.Height)/2))
	r.markBg.Show()
	r.markText.Show()
	return bg.Width + pad
}

// Layout shares the width as a row of labels would, and fits each text.
func (r *cellsRenderer) Layout(size fyne.Size) {
	if size == r.laidOut {
		return
	}
	r.laidOut = size
	var total float32
	for _, w := range r.c.weights {
		total += w
	}
	pad, inner := theme.Padding(), theme.InnerPadding()
	free := size.Width - pad*float32(len(r.texts)-1)
	x := float32(0)
	h := lineHeight(theme.TextSize(), fyne.TextStyle{})
	for i, t := range r.texts {
		w := free * r.c.weights[i] / total
		text := ""
		if i < len(r.c.texts) {
			text = r.c.texts[i]
		}
		room := w - 2*inner
		if i == 0 {
			room -= r.layoutMark(x+w-inner, size.Height)
		}
		t.Text = fitText(text, room, t.TextSize, t.TextStyle)
		t.Move(fyne.NewPos(x+inner, (size.Height-h)/2))
		showText(t)
		x += w + pad
	}
}
