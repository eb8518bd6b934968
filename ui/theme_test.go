package ui

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	kwidget "kartoteka/ui/widget"
)

// variants are the theme variants Fyne reports, with their names.
var variants = []struct {
	name string
	v    fyne.ThemeVariant
}{
	{"light", theme.VariantLight},
	{"dark", theme.VariantDark},
}

// legibility is what each faint colour must reach against the window's and
// the input's background: 4.5:1 for text, 3:1 for the outline of a control
// (WCAG 2, 1.4.3 and 1.4.11).
var legibility = []struct {
	name fyne.ThemeColorName
	min  float64
}{
	{theme.ColorNamePlaceHolder, 4.5},
	{theme.ColorNameDisabled, 4.5},
	{theme.ColorNameInputBorder, 3},
	// the text of success, warning and error messages (the proof of
	// erasure, the backup reminder, a refusal) is read on the window's ground
	{theme.ColorNameSuccess, 4.5},
	{theme.ColorNameWarning, 4.5},
	{theme.ColorNameError, 4.5},
}

// grounds are the backgrounds those colours are drawn on.
var grounds = []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground}

// shortfalls lists every colour of th, in variant v, that falls short of
// legibility, with its ratio.
func shortfalls(th fyne.Theme, v fyne.ThemeVariant) []string {
	var short []string
	for _, l := range legibility {
		for _, g := range grounds {
			bg := th.Color(g, v)
			r := contrast(over(th.Color(l.name, v), bg), bg)
			if r < l.min {
				short = append(short, fmt.Sprintf("%s on %s: %.2f:1, want %.1f:1", l.name, g, r, l.min))
			}
		}
	}
	return short
}

func TestLegibleThemeContrast(t *testing.T) {
	test.NewTempApp(t) // the default theme asks the app for its primary colour
	for _, vv := range variants {
		t.Run(vv.name, func(t *testing.T) {
			for _, s := range shortfalls(newLegibleTheme(), vv.v) {
				t.Error(s)
			}
			// Without the theme the app would be hard to read: the test
			// above proves something only while this holds.
			if len(shortfalls(theme.DefaultTheme(), vv.v)) == 0 {
				t.Error("Fyne's default theme is legible now: legibleColors may no longer be needed")
			}
		})
	}
}

func TestAppInstallsLegibleTheme(t *testing.T) {
	h := newHarness(t)
	th := h.u.fyne.Settings().Theme()
	if _, ok := th.(*legibleTheme); !ok {
		t.Errorf("the app's theme is a %T, want *legibleTheme", th)
	}
}

func TestLegibleThemeKeepsDefaults(t *testing.T) {
	test.NewTempApp(t)
	th, def := newLegibleTheme(), theme.DefaultTheme()
	colors := []fyne.ThemeColorName{
		theme.ColorNameBackground, theme.ColorNameButton, theme.ColorNameDisabledButton,
		theme.ColorNameError, theme.ColorNameFocus, theme.ColorNameForeground,
		theme.ColorNameForegroundOnError, theme.ColorNameForegroundOnPrimary,
		theme.ColorNameForegroundOnSuccess, theme.ColorNameForegroundOnWarning,
		theme.ColorNameHeaderBackground, theme.ColorNameHover, theme.ColorNameHyperlink,
		theme.ColorNameInputBackground, theme.ColorNameMenuBackground,
		theme.ColorNameOverlayBackground, theme.ColorNamePressed, theme.ColorNamePrimary,
		theme.ColorNameScrollBar, theme.ColorNameScrollBarBackground, theme.ColorNameSelection,
		theme.ColorNameSeparator, theme.ColorNameShadow, theme.ColorNameSuccess,
		theme.ColorNameWarning,
		// The dark default's placeholder is legible and kept.
		theme.ColorNamePlaceHolder,
	}
	for _, vv := range variants {
		for _, n := range colors {
			if _, changed := legibleColors[vv.v][n]; changed {
				continue
			}
			if got, want := nrgba(th.Color(n, vv.v)), nrgba(def.Color(n, vv.v)); got != want {
				t.Errorf("%s %s = %v, want the default %v", vv.name, n, got, want)
			}
		}
	}
	for _, n := range []fyne.ThemeIconName{
		theme.IconNameCheckButtonChecked, theme.IconNameCheckButtonFill,
		theme.IconNameRadioButtonChecked, theme.IconNameRadioButtonFill,
		theme.IconNameConfirm, theme.IconNameSearch,
	} {
		if got, want := th.Icon(n), def.Icon(n); got != want {
			t.Errorf("icon %s = %s, want the default %s", n, got.Name(), want.Name())
		}
	}
	for _, n := range []fyne.ThemeSizeName{
		theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNamePadding,
		theme.SizeNameInlineIcon, theme.SizeNameInputBorder, theme.SizeNameInputRadius,
	} {
		if got, want := th.Size(n), def.Size(n); got != want {
			t.Errorf("size %s = %v, want the default %v", n, got, want)
		}
	}
	for _, s := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Monospace: true}} {
		if got, want := th.Font(s), def.Font(s); got != want {
			t.Errorf("font %+v = %s, want the default %s", s, got.Name(), want.Name())
		}
	}
}

// TestLegibleThemeOutlines draws an empty check box and radio button and
// measures the darkest (light) or brightest (dark) pixel of their outline: a
// hairline, however dark its colour, reaches the screen at half of it.
func TestLegibleThemeOutlines(t *testing.T) {
	widgets := []struct {
		name string
		make func() fyne.CanvasObject
	}{
		{"check", func() fyne.CanvasObject { return widget.NewCheck("", nil) }},
		{"radio", func() fyne.CanvasObject { return kwidget.NewRadioGroup([]string{""}, nil) }},
	}
	for _, vv := range variants {
		for _, w := range widgets {
			t.Run(vv.name+"/"+w.name, func(t *testing.T) {
				a := test.NewTempApp(t)
				th := &fixedVariant{Theme: newLegibleTheme(), v: vv.v}
				a.Settings().SetTheme(th)
				win := test.NewTempWindow(t, w.make())
				bg := th.Color(theme.ColorNameBackground, vv.v)
				if r := strongestContrast(win.Canvas().Capture(), bg); r < 3 {
					t.Errorf("outline drawn at %.2f:1 against the background, want 3:1", r)
				}
				a.Settings().SetTheme(&fixedVariant{Theme: theme.DefaultTheme(), v: vv.v})
				if r := strongestContrast(win.Canvas().Capture(), bg); r >= 3 {
					t.Errorf("the default theme draws the outline at %.2f:1: the thick outline may no longer be needed", r)
				}
			})
		}
	}
}

// fixedVariant is a theme in one variant whatever the app says: the test
// app reports neither light nor dark.
type fixedVariant struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (f *fixedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(n, f.v)
}

// strongestContrast is the greatest contrast between a pixel of img and bg.
func strongestContrast(img image.Image, bg color.Color) float64 {
	var most float64
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			most = math.Max(most, contrast(over(img.At(x, y), bg), bg))
		}
	}
	return most
}

// contrast is the WCAG 2 contrast ratio of two opaque colours, 1 to 21.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// luminance is the WCAG 2 relative luminance of an opaque colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return 0.2126*linear(r) + 0.7152*linear(g) + 0.0722*linear(b)
}

// linear is an sRGB channel of 16 bits in linear light.
func linear(v uint32) float64 {
	c := float64(v) / 0xffff
	if c <= 0.03928 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

// over is c drawn over the opaque bg.
func over(c, bg color.Color) color.Color {
	r, g, b, a := c.RGBA() // alpha-premultiplied
	br, bgG, bb, _ := bg.RGBA()
	return color.RGBA64{
		R: uint16(r + br*(0xffff-a)/0xffff),
		G: uint16(g + bgG*(0xffff-a)/0xffff),
		B: uint16(b + bb*(0xffff-a)/0xffff),
		A: 0xffff,
	}
}

// nrgba is c in 8-bit non-premultiplied form, to compare colours.
func nrgba(c color.Color) color.NRGBA {
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}
