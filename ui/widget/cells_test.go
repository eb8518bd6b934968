package widget

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

func TestCellsFitTheirShare(t *testing.T) {
	test.NewTempApp(t)
	c := NewCells([]float32{1, 3})
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(600, 60))
	long := strings.Repeat("kowalczyk-sorensen.julia@example.com ", 3)
	c.SetTexts("Nowak, Anna", long)
	texts := test.WidgetRenderer(c).Objects()
	first, second := texts[0].(*canvas.Text), texts[1].(*canvas.Text)
	if first.Text != "Nowak, Anna" {
		t.Errorf("a short text that fits its quarter: %q", first.Text)
	}
	if !strings.HasSuffix(second.Text, "…") || fyne.MeasureText(second.Text, second.TextSize, second.TextStyle).Width > 450 {
		t.Errorf("a long text is not cut to its three quarters: %q", second.Text)
	}
	if second.Position().X <= first.Position().X+140 {
		t.Errorf("the second cell starts at %v, inside the first quarter", second.Position().X)
	}
	c.SetTexts("", "x")
	if !first.Hidden || second.Text != "x" {
		t.Errorf("after new texts: first hidden %v, second %q", first.Hidden, second.Text)
	}
}
