package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// problemBox says what went wrong in the owner's language — what failed and
// why — with the technical text for support behind Details. It is hidden
// while there is nothing to say. The technical text comes from the store and
// privacy packages, whose errors name IDs and fields, never personal data.
type problemBox struct {
	widget.BaseWidget
	text    *widget.Label
	more    *widget.Button
	details *widget.Label
	box     *fyne.Container
}

var _ fyne.Widget = (*problemBox)(nil) // drawn as a widget: a struct embedding a container would not be

func newProblemBox() *problemBox {
	p := &problemBox{text: errorText(), details: paragraph("")}
	p.text.Show()
	p.details.Importance = widget.LowImportance
	p.details.Selectable = true
	p.details.Hide()
	p.more = widget.NewButton(lang.L("Details"), p.onDetails)
	p.more.Importance = widget.LowImportance
	p.box = container.NewVBox(p.text, container.NewHBox(p.more), p.details)
	p.ExtendBaseWidget(p)
	p.Hide()
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *problemBox) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.box) }

// show says what failed (a sentence such as "The card could not be saved.")
// and why, from err; err may be nil when what says it all.
func (p *problemBox) show(what string, err error) {
	msg := what
	if why := errorMessage(err); why != "" {
		msg += " " + why
	}
	p.text.SetText(msg)
	p.details.Hide()
	if err != nil {
		p.details.SetText(err.Error())
		p.more.Show()
	} else {
		p.more.Hide()
	}
	p.Show()
	p.Refresh()
}

// clear hides the box.
func (p *problemBox) clear() {
	p.text.SetText("")
	p.details.SetText("")
	p.Hide()
}

// Text is what the owner reads, "" while hidden.
func (p *problemBox) Text() string {
	if !p.Visible() {
		return ""
	}
	return p.text.Text
}

func (p *problemBox) onDetails() {
	if p.details.Visible() {
		p.details.Hide()
	} else {
		p.details.Show()
	}
	p.box.Refresh()
	p.Refresh()
}
