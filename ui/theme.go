package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// legibleTheme is Fyne's default theme with its faintest greys made
// readable: in the light variant, placeholder text, disabled and
// low-importance text and the outline of empty fields, check boxes and radio
// buttons almost vanish on a cheap laptop screen. The outlines of an empty
// check box and radio button are also drawn twice as thick, as a hairline
// comes out at half its colour however dark it is. It follows the variant
// Fyne reports (the system's, or FYNE_THEME) and keeps everything else —
// primary colour, fonts, other icons, sizes — as the default theme has it.
type legibleTheme struct {
	fyne.Theme
}

// newLegibleTheme is the theme the app installs.
func newLegibleTheme() fyne.Theme {
	return &legibleTheme{Theme: theme.DefaultTheme()}
}

// legibleColors are the colours that differ from the default theme, by
// variant. Text colours reach a contrast of 4.5:1 against both the window's
// and the input's background, outlines 3:1: the WCAG 2 levels for text and
// for the parts of a control one must see; theme_test.go measures them.
// Disabled is also the colour of low-importance labels (hints, counts) and
// of a disabled field's border; it is the palest grey that passes, to stay
// apart from the foreground. The dark default's placeholder passes already.
var legibleColors = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	theme.VariantLight: {
		theme.ColorNamePlaceHolder: color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff},
		theme.ColorNameDisabled:    color.NRGBA{R: 0x6e, G: 0x6e, B: 0x6e, A: 0xff},
		theme.ColorNameInputBorder: color.NRGBA{R: 0x8a, G: 0x8a, B: 0x8a, A: 0xff},
		// Messages are text too: Fyne's bright green, orange and red read at
		// 1.5, 2.2 and 3.7:1 on white.
		theme.ColorNameSuccess: color.NRGBA{R: 0x1b, G: 0x7a, B: 0x2e, A: 0xff},
		theme.ColorNameWarning: color.NRGBA{R: 0xa8, G: 0x50, B: 0x00, A: 0xff},
		theme.ColorNameError:   color.NRGBA{R: 0xc0, G: 0x24, B: 0x24, A: 0xff},
	},
	theme.VariantDark: {
		theme.ColorNameError:       color.NRGBA{R: 0xf7, G: 0x5e, B: 0x52, A: 0xff}, // 4.4:1 on a field by default
		theme.ColorNameDisabled:    color.NRGBA{R: 0x8a, G: 0x8a, B: 0x8a, A: 0xff},
		theme.ColorNameInputBorder: color.NRGBA{R: 0x6e, G: 0x6e, B: 0x6e, A: 0xff},
	},
}

// Color is the default theme's colour n, unless legibleColors has one. Like
// the default theme, it takes any variant but light for dark.
func (t *legibleTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	palette := legibleColors[theme.VariantDark]
	if v == theme.VariantLight {
		palette = legibleColors[theme.VariantLight]
	}
	if c, ok := palette[n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}

// Icon is the default theme's icon n, but for the outlines of an empty check
// box and radio button.
func (t *legibleTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	switch n {
	case theme.IconNameCheckButton:
		return checkOutline
	case theme.IconNameRadioButton:
		return radioOutline
	}
	return t.Theme.Icon(n)
}

// checkOutline is Fyne's empty check box (24×24, square from 3 to 21 with the
// same rounded corners as its checked box) with a stroke of 2 instead of 1: it
// now meets the fill (check-box-fill.svg, 5 to 19) inside it.
var checkOutline = theme.NewThemedResource(fyne.NewStaticResource("kartoteka-check-box.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">
  <path d="M 19,5 V 19 H 5 V 5 Z M 19.914286,3 H 4.0857143 C 2.9857143,3 3,2.9857143 3,4.0857143 V 19.914286 C 3,21.014286 2.9857143,21 4.0857143,21 H 19.914286 C 21.014286,21 21,21.014286 21,19.914286 V 4.0857143 C 21,2.9857143 21.014286,3 19.914286,3 Z" />
</svg>`)))

// radioOutline is Fyne's empty radio button (a ring of radius 10 about the
// centre) with a stroke of 2 instead of 1; its dot (radius 7) still fits inside.
var radioOutline = theme.NewThemedResource(fyne.NewStaticResource("kartoteka-radio-button.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">
  <path d="M 12,2 C 6.48,2 2,6.48 2,12 2,17.52 6.48,22 12,22 17.52,22 22,17.52 22,12 22,6.48 17.52,2 12,2 Z M 12,20 C 7.58,20 4,16.42 4,12 4,7.58 7.58,4 12,4 16.42,4 20,7.58 20,12 20,16.42 16.42,20 12,20 Z" />
</svg>`)))
