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

// CreateRenderer is part of fyne.Widget.
func (c *Cells) CreateRenderer() fyne.WidgetRenderer {
	r := &cellsRenderer{c: c}
	for range c.weights {
		r.texts = append(r.texts, canvas.NewText("", theme.Color(theme.ColorNameForeground)))
	}
	r.Refresh()
	return r
}

type cellsRenderer struct {
	c       *Cells
	texts   []*canvas.Text
	laidOut fyne.Size
}

func (r *cellsRenderer) Destroy() {}

func (r *cellsRenderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(r.texts))
	for i, t := range r.texts {
		objs[i] = t
	}
	return objs
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
	r.laidOut = fyne.Size{}
	r.Layout(r.c.Size())
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
		t.Text = fitText(text, w-2*inner, t.TextSize, t.TextStyle)
		t.Move(fyne.NewPos(x+inner, (size.Height-h)/2))
		showText(t)
		x += w + pad
	}
}
