package widget

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// measureTexts are texts the lists and the calendar show; shaped says
// whether the kept shaper measures them itself (else Fyne does).
var measureTexts = []struct {
	s      string
	shaped bool
}{
	{"Nowak, Anna", true},
	{"Kowalska-Øster, Zofia", true},
	{"Müller, Jürgen", true},
	{"Żółć, Łucja", true},
	{"Sørensen, Åse", true},
	{"+48 601 234 567", true},
	{"kowalczyk-sorensen.julia@example.com", true},
	{"12.03.2026", true},
	{"3 lis 2026", true},
	{"Pierwsze 200 dopasowań…", true},
	{"AV Wa To fi ffl", true}, // kerned pairs and ligatures
	{"  two  spaces ", true},
	{"…", true},
	{"a", true},
	{"", true},
	{"tab\there", false},
	{"line\rfeed", false},
	{"中文", false}, // not in the theme's font: Fyne finds another
	{"emoji 💇", false},
}

var measureStyles = []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Bold: true, Italic: true}, {Monospace: true}}

// checkMeasure fails when the kept shaper measures s otherwise than Fyne.
func checkMeasure(t *testing.T, s string) (shaped bool) {
	t.Helper()
	for _, style := range measureStyles {
		for _, size := range []float32{theme.TextSize(), theme.CaptionTextSize(), 17.5} {
			got, ok := shaper.width(s, size, style)
			if !ok {
				continue
			}
			shaped = true
			if want := fyne.MeasureText(s, size, style).Width; got != want {
				t.Errorf("%q at %v in %+v: %v wide, Fyne says %v", s, size, style, got, want)
			}
		}
	}
	return shaped
}

func TestMeasureAsFyne(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range measureTexts {
		if shaped := checkMeasure(t, c.s); shaped != c.shaped {
			t.Errorf("%q: measured by the kept shaper %v, want %v", c.s, shaped, c.shaped)
		}
	}
	// The cache in front gives the same.
	for _, c := range measureTexts {
		if got, want := measure(c.s, theme.TextSize(), fyne.TextStyle{}), fyne.MeasureText(c.s, theme.TextSize(), fyne.TextStyle{}).Width; got != want {
			t.Errorf("measure(%q) = %v, Fyne says %v", c.s, got, want)
		}
	}
}

func FuzzMeasureAsFyne(f *testing.F) {
	for _, c := range measureTexts {
		f.Add(c.s)
	}
	test.NewTempApp(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkMeasure(t, s)
	})
}

// BenchmarkMeasureNew measures texts never measured before, as a list
// that changes as you type does.
func BenchmarkMeasureNew(b *testing.B) {
	test.NewTempApp(b)
	b.Run("fyne", func(b *testing.B) {
		i := 0
		for b.Loop() {
			fyne.MeasureText("Nowak, Anna "+strconv.Itoa(i), theme.TextSize(), fyne.TextStyle{})
			i++
		}
	})
	b.Run("kept", func(b *testing.B) {
		i := 0
		for b.Loop() {
			shaper.width("Nowak, Anna "+strconv.Itoa(i), theme.TextSize(), fyne.TextStyle{})
			i++
		}
	})
}
