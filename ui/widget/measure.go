package widget

import (
	"bytes"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// measureKey names one measured text.
type measureKey struct {
	s     string
	size  float32
	style fyne.TextStyle
}

var (
	measureMu    sync.Mutex
	measureCache = map[measureKey]float32{}
)

// measure is the width of s, remembered: a week of bookings measures the
// same names and times over and over as the grid is laid out, and a list
// that changes as you type measures the same dates and widths again.
func measure(s string, size float32, style fyne.TextStyle) float32 {
	k := measureKey{s, size, style}
	measureMu.Lock()
	w, ok := measureCache[k]
	measureMu.Unlock()
	if ok {
		return w
	}
	w, ok = shaper.width(s, size, style)
	if !ok {
		w = fyne.MeasureText(s, size, style).Width
	}
	measureMu.Lock()
	if len(measureCache) > 8192 {
		clear(measureCache)
	}
	measureCache[k] = w
	measureMu.Unlock()
	return w
}

// shaper measures text as Fyne does, with one shaper kept for all texts.
//
// Fyne's fyne.MeasureText makes a new HarfbuzzShaper for every text it
// has not measured before, and with it builds the font's shaping tables
// again: 0.1 ms for a name on an idle two-core machine (0.25 ms on a busy
// one), which a search result of twenty rows on screen and four columns
// pays some sixty times per keystroke (the dates repeat). Kept, the
// shaper measures a name about eight times faster.
var shaper textShaper

// textShaper is a HarfbuzzShaper with the theme's fonts, parsed once.
type textShaper struct {
	mu    sync.Mutex
	h     shaping.HarfbuzzShaper
	seg   shaping.Segmenter
	faces map[string]*font.Face // by the font's name
}

// width is how wide s is at size in style, as Fyne measures it, and true;
// or false when s is not plainly in the theme's font (a letter it lacks,
// which Fyne finds in another font, a tab, a symbol) and only Fyne can
// tell.
func (t *textShaper) width(s string, size float32, style fyne.TextStyle) (float32, bool) {
	if style.Symbol || strings.ContainsAny(s, "\t\r") {
		return 0, false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.faces == nil {
		t.faces = map[string]*font.Face{}
		t.h.SetFontCacheSize(8) // a zero HarfbuzzShaper keeps none
	}
	face := t.face(theme.Current().Font(style))
	if face == nil {
		return 0, false
	}
	runes := []rune(s)
	for _, r := range runes {
		if _, ok := face.NominalGlyph(r); !ok {
			return 0, false
		}
	}
	// As Fyne's painter walks a string (internal/painter.walkString): split
	// into runs by direction and script, shape each, add the advances.
	in := shaping.Input{
		Text:      runes,
		RunStart:  0,
		RunEnd:    len(runes),
		Direction: di.DirectionLTR,
		Face:      face,
		Size:      fixed.Int26_6(float64(size) * (1 << 6)),
	}
	x := float32(0)
	for _, run := range t.seg.Split(in, oneFace{face}) {
		out := t.h.Shape(run)
		adv := fixed.I(0)
		for _, g := range out.Glyphs {
			adv += g.XAdvance
		}
		x += float32(float64(adv) / (1 << 6))
	}
	return x, true
}

// face is the font of res, parsed once; nil when it cannot be.
func (t *textShaper) face(res fyne.Resource) *font.Face {
	if res == nil {
		return nil
	}
	if f, ok := t.faces[res.Name()]; ok {
		return f
	}
	f, err := font.ParseTTF(bytes.NewReader(res.Content()))
	if err != nil {
		f = nil // Fyne measures, and says what is wrong with the font
	}
	t.faces[res.Name()] = f
	return f
}

// oneFace is a shaping.Fontmap of one font.
type oneFace struct{ f *font.Face }

func (o oneFace) ResolveFace(rune) *font.Face { return o.f }
