package ui

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Thousands of lines (blocked clients of a bulk forget, refused rows) are
// one lazy list, not thousands of labels; a few stay paragraphs.
func TestTextLinesStayLight(t *testing.T) {
	many := make([]string, 5000)
	for i := range many {
		many[i] = "line " + strconv.Itoa(i)
	}
	c, ok := textLines(many, widget.WarningImportance).(*fyne.Container)
	if !ok || len(c.Objects) != 1 {
		t.Fatalf("5000 lines: %T", c)
	}
	if _, isList := c.Objects[0].(*widget.List); !isList {
		t.Errorf("5000 lines built as %T, want one list", c.Objects[0])
	}
	if few := textLines(many[:3], widget.WarningImportance).(*fyne.Container); len(few.Objects) != 3 {
		t.Errorf("3 lines: %d objects", len(few.Objects))
	}
}
