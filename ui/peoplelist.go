package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	kwidget "kartoteka/ui/widget"
)

// person is a client the retention preview names, with why.
type person struct {
	id     int64
	name   string
	when   string // a date: the last visit, the day they fall due…
	reason string
}

// peopleColumns are the widths of name, date and reason.
var peopleColumns = []float32{3, 2, 3}

// peopleShown is how many rows a people list shows before it scrolls.
const peopleShown = 6

// peopleList names clients in a box that scrolls past a few rows, each with
// Open card and one more action (Keep…, Stop keeping); a list of thousands
// costs no more than a few rows, as only the rows in view are drawn.
type peopleList struct {
	rows   []person
	list   *widget.List
	act    string
	onOpen func(id int64)
	onAct  func(p person)
}

func newPeopleList(rows []person, act string, onOpen func(int64), onAct func(person)) *peopleList {
	l := &peopleList{rows: rows, act: act, onOpen: onOpen, onAct: onAct}
	l.list = widget.NewList(func() int { return len(l.rows) }, l.newRow, l.updateRow)
	return l
}

func (l *peopleList) newRow() fyne.CanvasObject {
	open := widget.NewButtonWithIcon(lang.L("Open the card"), theme.AccountIcon(), nil)
	act := widget.NewButton(l.act, nil)
	return container.NewBorder(nil, nil, nil, container.NewHBox(open, act), kwidget.NewCells(peopleColumns))
}

func (l *peopleList) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	p := l.rows[i]
	row := o.(*fyne.Container)
	row.Objects[0].(*kwidget.Cells).SetTexts(p.name, p.when, p.reason)
	buttons := row.Objects[1].(*fyne.Container)
	buttons.Objects[0].(*widget.Button).OnTapped = func() { l.onOpen(p.id) }
	buttons.Objects[1].(*widget.Button).OnTapped = func() { l.onAct(p) }
}

// content is the list at the height of its rows, at most peopleShown.
func (l *peopleList) content() fyne.CanvasObject {
	rowHeight := l.newRow().MinSize().Height + theme.Padding()
	h := rowHeight * float32(min(len(l.rows), peopleShown))
	return container.New(&heightLayout{height: h}, l.list)
}

// heightLayout gives its objects a fixed height and the width there is.
type heightLayout struct{ height float32 }

func (h *heightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objs {
		w = fyne.Max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w, h.height)
}

func (h *heightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
