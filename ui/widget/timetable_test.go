package widget

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func newTestTimetable(t *testing.T) *Timetable {
	t.Helper()
	test.NewTempApp(t)
	tt := NewTimetable(8, 20)
	tt.Columns = []TimetableColumn{{Title: "Mon", Lanes: []string{"AN", "PF"}}, {Title: "Tue", Lanes: []string{"AN", "PF"}, Today: true}}
	tt.Blocks = []TimetableBlock{{Column: 1, Lane: 1, From: 10 * time.Hour, To: 11 * time.Hour, Title: "Zofia Nowak", ShortTitle: "ZN"}}
	w := test.NewTempWindow(t, tt)
	w.Resize(fyne.NewSize(600, 800))
	return tt
}

func TestTimetableSlots(t *testing.T) {
	tt := newTestTimetable(t)
	for _, c := range []struct {
		col, lane int
		at        time.Duration
	}{
		{0, 0, 8 * time.Hour}, {0, 1, 9*time.Hour + 45*time.Minute}, {1, 0, 13 * time.Hour}, {1, 1, 19*time.Hour + 45*time.Minute},
	} {
		col, lane, at, ok := tt.SlotAt(tt.PositionOf(c.col, c.lane, c.at).AddXY(0, 1))
		if !ok || col != c.col || lane != c.lane || at != c.at {
			t.Errorf("SlotAt(PositionOf(%d, %d, %v)) = %d, %d, %v, %v", c.col, c.lane, c.at, col, lane, at, ok)
		}
	}
	// Within a quarter hour rounds down; the hours' gutter is no slot.
	if _, _, at, _ := tt.SlotAt(tt.PositionOf(0, 0, 10*time.Hour+14*time.Minute)); at != 10*time.Hour {
		t.Errorf("10:14 rounds to %v", at)
	}
	if _, _, _, ok := tt.SlotAt(fyne.NewPos(10, 100)); ok {
		t.Error("the hours along the left are a slot")
	}
}

func TestTimetableTaps(t *testing.T) {
	tt := newTestTimetable(t)
	var slot, block []any
	tt.OnSlotTapped = func(col, lane int, at time.Duration) { slot = []any{col, lane, at} }
	tt.OnBlockTapped = func(i int) { block = []any{i} }
	c := fyne.CurrentApp().Driver().CanvasForObject(tt)
	abs := tt.Position() // the window's content
	test.TapCanvas(c, abs.Add(tt.PositionOf(1, 1, 10*time.Hour+30*time.Minute)))
	if len(block) != 1 || block[0] != 0 || slot != nil {
		t.Errorf("a tap on the block: block %v, slot %v", block, slot)
	}
	block = nil
	test.TapCanvas(c, abs.Add(tt.PositionOf(1, 0, 10*time.Hour+30*time.Minute)))
	if block != nil || len(slot) != 3 || slot[0] != 1 || slot[1] != 0 || slot[2] != 10*time.Hour+30*time.Minute {
		t.Errorf("a tap beside the block: block %v, slot %v", block, slot)
	}
}

func TestFitText(t *testing.T) {
	test.NewTempApp(t)
	size := theme.CaptionTextSize()
	long := "Zofia Kowalska-Øster"
	full := fyne.MeasureText(long, size, fyne.TextStyle{}).Width
	if got := fitText(long, full, size, fyne.TextStyle{}); got != long {
		t.Errorf("a text that fits is cut: %q", got)
	}
	got := fitText(long, full/2, size, fyne.TextStyle{})
	if len([]rune(got)) < 3 || []rune(got)[len([]rune(got))-1] != '…' || fyne.MeasureText(got, size, fyne.TextStyle{}).Width > full/2 {
		t.Errorf("cut to half: %q", got)
	}
	if got := fitText(long, 8, size, fyne.TextStyle{}); got != "" {
		t.Errorf("in 8 points: %q, want nothing", got)
	}
	if got := fitEither(long, "ZK", full/2, size, fyne.TextStyle{}); !strings.HasPrefix(got, "Zofia") {
		t.Errorf("half as wide: %q, want the name cut", got)
	}
	if got := fitEither(long, "ZK", full/6, size, fyne.TextStyle{}); got != "ZK" {
		t.Errorf("narrow: %q, want the short form", got)
	}
}
