package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// pageWidth is the width of the column the start screens are set in.
const pageWidth = 520

// pageTop is the space above the column of a page.
const pageTop = 48

// page sets objs in a column of pageWidth, centred across the window and
// near its top, so that messages appearing beneath fields never move the
// fields; it scrolls when the window is short.
func page(objs ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVScroll(container.New(&column{width: pageWidth, top: pageTop}, container.NewVBox(objs...)))
}

// widePageWidth is the width of the column of pages with tables, like the
// client card.
const widePageWidth = 760

// widePage sets content like page, in a wider column, for screens with
// rows of several columns.
func widePage(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVScroll(container.New(&column{width: widePageWidth, top: pageTop / 2}, content))
}

// scrollTo scrolls the page s (made by page or widePage) so that o, inside
// it, shows near the top: a message that appears below the fold is seen.
func scrollTo(s fyne.CanvasObject, o fyne.CanvasObject) {
	sc, ok := s.(*container.Scroll)
	if !ok {
		return
	}
	settle(sc)
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(sc.Content).Y
	sc.ScrollToOffset(fyne.NewPos(0, fyne.Max(0, y-theme.Padding()*4)))
}

// settle lays the content of s out at its size now: a page that has just
// grown (a message, a request read from the disk) may not be laid out yet,
// and an offset into it is cut to its old height. Twice, as text that wraps
// knows its height only once it knows its width.
func settle(s *container.Scroll) {
	for range 2 {
		min := s.Content.MinSize()
		s.Content.Resize(fyne.NewSize(s.Size().Width, fyne.Max(min.Height, s.Size().Height)))
	}
}

// scrollSoon is scrollTo once the window has laid out what just appeared:
// on the UI goroutine's next turn.
func (u *App) scrollSoon(s, o fyne.CanvasObject) {
	go u.post(func() { scrollTo(s, o) })
}

// heading is a title in the theme's heading size.
func heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameHeadingText
	l.TextStyle.Bold = true
	l.Wrapping = fyne.TextWrapWord
	return l
}

// paragraph is running text that wraps at the column's width.
func paragraph(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// errorText is a message beside a field; hidden while it has no text.
func errorText() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// setError shows msg in l, or hides l when msg is empty.
func setError(l *widget.Label, msg string) {
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// logo is the app icon at size points.
func logo(size float32) fyne.CanvasObject {
	img := canvas.NewImageFromResource(Icon)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSquareSize(size))
	return container.NewCenter(img)
}

// column lays out objects at a fixed width (or wider when one needs it),
// centred across the space and top space below its top edge; wrapped labels
// inside then know where to wrap.
type column struct {
	width, top float32
}

func (c *column) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var min fyne.Size
	for _, o := range objs {
		min = min.Max(o.MinSize())
	}
	pad := theme.Padding()
	return fyne.NewSize(fyne.Max(min.Width, c.width)+2*pad, min.Height+c.top+pad)
}

func (c *column) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	for _, o := range objs {
		min := o.MinSize()
		w := fyne.Min(fyne.Max(min.Width, c.width), size.Width-2*pad)
		o.Move(fyne.NewPos((size.Width-w)/2, c.top))
		o.Resize(fyne.NewSize(w, fyne.Max(min.Height, size.Height-c.top-pad)))
	}
}

// columns lays objects out side by side, sharing the width by weight.
type columns struct {
	weights []float32
}

func (c *columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = fyne.Max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(len(objs))*40, h)
}

func (c *columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for i := range objs {
		total += c.weight(i)
	}
	pad := theme.Padding()
	free := size.Width - pad*float32(len(objs)-1)
	x := float32(0)
	for i, o := range objs {
		w := free * c.weight(i) / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (c *columns) weight(i int) float32 {
	if i < len(c.weights) {
		return c.weights[i]
	}
	return 1
}

// maxLabelShare is the most of a form's width its labels take.
const maxLabelShare = 0.4

// formLabel is the label of a field in a form laid out by formLayout: it
// wraps when it is longer than the label column.
func formLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// formLayout is Fyne's form layout — rows of a label (formLabel) beside its
// field — with the labels' column as wide as the widest label but no wider
// than maxLabelShare of the form: a longer label, as German ones are
// ("Anzahl der Jahre, in denen Rechnungen die Daten des
// Rechnungsempfängers behalten"), wraps there instead of pushing the
// fields into a strip at the right edge.
type formLayout struct{}

// labelWidth is the width of the labels' column in a form width wide; 0
// for the narrowest the form may be.
func (formLayout) labelWidth(objs []fyne.CanvasObject, width float32) float32 {
	var label, field float32
	for i := 0; i+1 < len(objs); i += 2 {
		if !objs[i].Visible() && !objs[i+1].Visible() {
			continue
		}
		label = fyne.Max(label, naturalWidth(objs[i]))
		field = fyne.Max(field, objs[i+1].MinSize().Width)
	}
	if width <= 0 {
		return fyne.Min(label, 120)
	}
	return fyne.Max(0, fyne.Min(label, fyne.Min(width*maxLabelShare, width-theme.Padding()-field)))
}

// naturalWidth is how wide o is on one line: a label's whole text.
func naturalWidth(o fyne.CanvasObject) float32 {
	if l, ok := o.(*widget.Label); ok {
		return fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding() + 1
	}
	return o.MinSize().Width
}

// rowHeight is the height of a row whose label is laid out at its width.
func rowHeight(label, field fyne.CanvasObject) float32 {
	h := label.MinSize().Height
	if l, ok := label.(*widget.Label); ok && l.Size().Width < 1 { // not laid out yet: one line
		h = fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Height + 2*theme.InnerPadding()
	}
	return fyne.Max(h, field.MinSize().Height)
}

func (f formLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	rows := 0
	for i := 0; i+1 < len(objs); i += 2 {
		if !objs[i].Visible() && !objs[i+1].Visible() {
			continue
		}
		w = fyne.Max(w, objs[i+1].MinSize().Width)
		h += rowHeight(objs[i], objs[i+1])
		rows++
	}
	pad := theme.Padding()
	return fyne.NewSize(f.labelWidth(objs, 0)+pad+w, h+float32(max(rows-1, 0))*pad)
}

func (f formLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	lw := f.labelWidth(objs, size.Width)
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		label, field := objs[i], objs[i+1]
		if !label.Visible() && !field.Visible() {
			continue
		}
		label.Resize(fyne.NewSize(lw, label.Size().Height)) // a wrapping label knows its height once it knows its width
		h := rowHeight(label, field)
		label.Move(fyne.NewPos(0, y))
		label.Resize(fyne.NewSize(lw, h))
		field.Move(fyne.NewPos(lw+pad, y))
		field.Resize(fyne.NewSize(size.Width-lw-pad, h))
		y += h + pad
	}
}

// numberedName shows text, which ends in number (with what is attached to
// it: "#12", "nr 12", "Nr. 12"), on one line, cutting the words before the
// number short when the line is narrow, never the number.
func numberedName(text, number string) fyne.CanvasObject {
	head, tail := text, ""
	if i := strings.LastIndex(text, number); i >= 0 {
		// the number with what is attached to it, or else with the word before
		j := strings.LastIndex(strings.TrimRight(text[:i], " "), " ")
		if i > 0 && text[i-1] != ' ' {
			j = strings.LastIndex(text[:i], " ")
		}
		head, tail = strings.TrimSpace(text[:j+1]), text[j+1:]
	}
	h, n := widget.NewLabel(head), widget.NewLabel(tail)
	h.Truncation = fyne.TextTruncateEllipsis
	return container.New(keepEnd{}, h, n)
}

// keepEnd lays out two labels as one line of text: the first cut short
// when the line is narrow, the second always whole, a space after the
// first.
type keepEnd struct{}

func (keepEnd) MinSize(objs []fyne.CanvasObject) fyne.Size {
	head, tail := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(head.Width+tail.Width, fyne.Max(head.Height, tail.Height))
}

func (keepEnd) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	head, tail := objs[0].(*widget.Label), objs[1]
	pad := theme.InnerPadding()
	space := fyne.MeasureText(" ", theme.TextSize(), head.TextStyle).Width
	// the labels' insides overlap, so that a space parts their texts
	overlap := 2*pad - space
	tw := tail.MinSize().Width
	hw := fyne.MeasureText(head.Text, theme.TextSize(), head.TextStyle).Width + 2*pad + 1
	hw = fyne.Max(0, fyne.Min(hw, size.Width-tw+overlap))
	head.Move(fyne.NewPos(0, 0))
	head.Resize(fyne.NewSize(hw, size.Height))
	tail.Move(fyne.NewPos(hw-overlap, 0))
	tail.Resize(fyne.NewSize(tw, size.Height))
}

// widthLayout lays its objects over each other at width, or at least
// width when not fixed, filling the height: the calendar's panel (fixed) and
// pickers whose choices are longer than their placeholder.
type widthLayout struct {
	width float32
	fixed bool
}

func (w *widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var min fyne.Size
	for _, o := range objs {
		min = min.Max(o.MinSize())
	}
	if w.fixed {
		return fyne.NewSize(w.width, min.Height)
	}
	return fyne.NewSize(fyne.Max(min.Width, w.width), min.Height)
}

func (w *widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
