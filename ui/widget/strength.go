// Package widget holds Kartoteka's own Fyne widgets, for the screens of
// package ui.
package widget

import (
	"image/color"
	"math"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Strength is how hard a passphrase is to guess, as a hint to its owner.
type Strength int

// Strengths, weakest first.
const (
	TooShort Strength = iota // shorter than the minimum length
	Weak
	Fair
	Strong
)

// PassphraseStrength estimates how hard p is to guess. It is a hint, not a
// rule: four or more words make a strong passphrase, and otherwise the length
// counts, times the variety of characters, with repeated characters counting
// little.
func PassphraseStrength(p string, minLen int) Strength {
	n := utf8.RuneCountInString(p)
	if n < minLen {
		return TooShort
	}
	if words(p) >= 4 {
		return Strong
	}
	var lower, upper, digit, other bool
	distinct := map[rune]bool{}
	for _, r := range p {
		distinct[r] = true
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	pool := 0
	for _, c := range []struct {
		has  bool
		size int
	}{{lower, 26}, {upper, 26}, {digit, 10}, {other, 33}} {
		if c.has {
			pool += c.size
		}
	}
	bits := float64(min(n, 2*len(distinct))) * math.Log2(float64(pool))
	switch {
	case bits < 50:
		return Weak
	case bits < 75:
		return Fair
	default:
		return Strong
	}
}

// words counts the runs of three or more letters in p.
func words(p string) int {
	count, run := 0, 0
	for _, r := range p + " " {
		if unicode.IsLetter(r) {
			run++
			continue
		}
		if run >= 3 {
			count++
		}
		run = 0
	}
	return count
}

// StrengthMeter shows how strong a passphrase is as a bar of three segments
// with a short hint beneath.
type StrengthMeter struct {
	widget.BaseWidget

	minLen   int
	empty    bool
	strength Strength
}

// NewStrengthMeter makes a meter for passphrases of at least minLen
// characters, showing the hint for an empty one.
func NewStrengthMeter(minLen int) *StrengthMeter {
	m := &StrengthMeter{minLen: minLen, empty: true}
	m.ExtendBaseWidget(m)
	return m
}

// SetPassphrase rates p and shows the result.
func (m *StrengthMeter) SetPassphrase(p string) {
	m.empty = p == ""
	m.strength = PassphraseStrength(p, m.minLen)
	m.Refresh()
}

// Strength is the rating of the last passphrase set.
func (m *StrengthMeter) Strength() Strength { return m.strength }

// Hint is the text the meter shows.
func (m *StrengthMeter) Hint() string {
	if m.empty {
		return lang.L("At least {{.Min}} characters. A few unrelated words are easy to remember and hard to guess.", map[string]any{"Min": m.minLen})
	}
	switch m.strength {
	case TooShort:
		return lang.L("Too short: at least {{.Min}} characters.", map[string]any{"Min": m.minLen})
	case Weak:
		return lang.L("Weak: easy to guess. Add a few more words.")
	case Fair:
		return lang.L("Fair. Another word or two would make it strong.")
	default:
		return lang.L("Strong.")
	}
}

// CreateRenderer is part of fyne.Widget.
func (m *StrengthMeter) CreateRenderer() fyne.WidgetRenderer {
	r := &strengthRenderer{m: m, hint: widget.NewLabel("")}
	r.hint.Wrapping = fyne.TextWrapWord
	r.hint.SizeName = theme.SizeNameCaptionText
	for i := range r.segments {
		r.segments[i] = canvas.NewRectangle(color.Transparent)
		r.segments[i].CornerRadius = 2
	}
	r.Refresh()
	return r
}

// strengthRenderer draws a StrengthMeter.
type strengthRenderer struct {
	m        *StrengthMeter
	segments [3]*canvas.Rectangle
	hint     *widget.Label
}

const barHeight = 4

func (r *strengthRenderer) Layout(size fyne.Size) {
	pad := theme.Padding()
	inner := theme.InnerPadding()
	w := (size.Width - 2*inner - 2*pad) / 3
	for i, s := range r.segments {
		s.Move(fyne.NewPos(inner+float32(i)*(w+pad), pad))
		s.Resize(fyne.NewSize(w, barHeight))
	}
	r.hint.Move(fyne.NewPos(0, barHeight))
	r.hint.Resize(fyne.NewSize(size.Width, size.Height-barHeight))
}

func (r *strengthRenderer) MinSize() fyne.Size {
	h := r.hint.MinSize()
	return fyne.NewSize(h.Width, h.Height+barHeight)
}

func (r *strengthRenderer) Refresh() {
	lit, name := 0, theme.ColorNameError
	if !r.m.empty {
		switch r.m.strength {
		case TooShort, Weak:
			lit = 1
		case Fair:
			lit, name = 2, theme.ColorNameWarning
		case Strong:
			lit, name = 3, theme.ColorNameSuccess
		}
	}
	for i, s := range r.segments {
		if i < lit {
			s.FillColor = theme.Color(name)
		} else {
			s.FillColor = theme.Color(theme.ColorNameInputBorder)
		}
		s.Refresh()
	}
	r.hint.SetText(r.m.Hint())
}

func (r *strengthRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.segments[0], r.segments[1], r.segments[2], r.hint}
}

func (r *strengthRenderer) Destroy() {}
