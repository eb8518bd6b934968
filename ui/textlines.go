package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// linesHeight is the height of textLines' list when the lines are more
// than reportRows.
const linesHeight = 240

// textLines shows texts one under the other: as paragraphs while they are
// few (reportRows or fewer), else in a list that builds only the lines in
// sight, so that thousands of them (refused rows of a file, clients of a
// bulk forget) do not build thousands of widgets at once.
func textLines(texts []string, importance widget.Importance) fyne.CanvasObject {
	if len(texts) <= reportRows {
		box := container.NewVBox()
		for _, t := range texts {
			l := paragraph(t)
			l.Importance = importance
			box.Add(l)
		}
		return box
	}
	list := widget.NewList(func() int { return len(texts) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Importance = importance
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(texts[i]) })
	list.HideSeparators = true
	return container.New(&heightLayout{height: linesHeight}, list)
}
