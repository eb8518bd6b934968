package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// pickerLimit is how many matches the client picker offers.
const pickerLimit = 6

// clientPicker finds a client as you type and offers the best matches to
// choose from; Enter chooses the first. Once chosen it shows the name, with
// Change to search again (unless the client is fixed, as when moving).
type clientPicker struct {
	u      *App
	chosen *store.Client
	fixed  bool

	search  *textEntry
	results *fyne.Container // a button for each match
	name    *widget.Label
	change  *widget.Button
	box     *fyne.Container

	matches []store.Client
	seq     int
	cancel  func()
	// onChosen is called once a client is chosen.
	onChosen func()
}

func newClientPicker(u *App, cl *store.Client, fixed bool) *clientPicker {
	p := &clientPicker{u: u, chosen: cl, fixed: fixed, cancel: func() {}}
	p.search = newEntry()
	p.search.SetPlaceHolder(lang.L("Name, phone or email"))
	p.search.OnChanged = p.onQuery
	p.search.OnSubmitted = func(string) {
		if len(p.matches) > 0 {
			p.choose(p.matches[0])
		}
	}
	p.results = container.NewVBox()
	p.search.onDown = func() { // Down moves into the matches; Tab goes on through them
		for _, o := range p.results.Objects {
			if row, ok := o.(*fyne.Container); ok {
				p.u.win.Canvas().Focus(row.Objects[0].(*keyButton))
				return
			}
		}
	}
	p.name = widget.NewLabel("")
	p.name.TextStyle.Bold = true
	p.name.Wrapping = fyne.TextWrapWord
	p.change = widget.NewButtonWithIcon(lang.L("Change"), theme.SearchIcon(), p.onChange)
	p.box = container.NewVBox()
	p.layout()
	return p
}

func (p *clientPicker) content() fyne.CanvasObject { return p.box }

// layout shows the chosen client, or the search and its matches.
func (p *clientPicker) layout() {
	if p.chosen != nil {
		p.name.SetText(clientName(*p.chosen))
		p.box.Objects = []fyne.CanvasObject{p.name}
		if !p.fixed {
			p.box.Objects = append(p.box.Objects, container.NewHBox(p.change))
		}
	} else {
		p.box.Objects = []fyne.CanvasObject{p.search, p.results}
	}
	p.box.Refresh()
}

func (p *clientPicker) onChange() {
	p.chosen = nil
	p.search.SetText("")
	p.layout()
	p.u.win.Canvas().Focus(p.search)
}

func (p *clientPicker) choose(c store.Client) {
	p.stop()
	p.chosen = &c
	p.matches = nil
	p.results.Objects = nil
	p.layout()
	if p.onChosen != nil {
		p.onChosen()
	}
}

// stop drops the search under way.
func (p *clientPicker) stop() {
	p.cancel()
	p.seq++
}

func (p *clientPicker) onQuery(q string) {
	q = strings.TrimSpace(q)
	p.stop()
	seq := p.seq
	if q == "" {
		p.showMatches(nil)
		return
	}
	p.cancel = dbAfter(p.u, searchDelay, func(ctx context.Context, db *store.DB) ([]store.Client, error) {
		found, err := db.SearchClients(ctx, q, pickerLimit+4)
		if err != nil {
			return nil, err
		}
		live := found[:0]
		for _, c := range found {
			if !c.Anonymized && len(live) < pickerLimit {
				live = append(live, c)
			}
		}
		return live, nil
	}, func(found []store.Client, err error) {
		if seq != p.seq {
			return
		}
		if err != nil {
			fyne.LogError("ui: client picker", err)
		}
		p.showMatches(found)
	})
}

// showMatches offers found as buttons, with a line when there are none.
func (p *clientPicker) showMatches(found []store.Client) {
	p.matches = found
	p.results.Objects = nil
	country := p.u.salon.Country
	for _, c := range found {
		text := clientName(c)
		if c.Phone != "" {
			text += " · " + formatPhone(c.Phone, country)
		}
		if c.Restricted {
			text += " · " + lang.L("processing restricted")
		}
		p.results.Add(choiceRow(text, func() { p.choose(c) }))
	}
	if len(found) == 0 && strings.TrimSpace(p.search.Text) != "" {
		l := widget.NewLabel(lang.L("No client matches “{{.Query}}”.", map[string]any{"Query": strings.TrimSpace(p.search.Text)}))
		l.Importance = widget.LowImportance
		l.Wrapping = fyne.TextWrapWord
		p.results.Add(l)
	}
	p.results.Refresh()
	p.box.Refresh()
}

// choiceRow is a flat button whose text is cut to the width it gets, for
// lists of choices in narrow places.
func choiceRow(text string, tapped func()) fyne.CanvasObject {
	b := newKeyButton("", nil, tapped, nil)
	b.Importance = widget.LowImportance
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewStack(b, l)
}

// clientName is a client's first and last name.
func clientName(c store.Client) string {
	if c.Anonymized {
		return lang.L("Anonymized client #{{.ID}}", map[string]any{"ID": itoa(c.ID)})
	}
	return strings.TrimSpace(c.FirstName + " " + c.LastName)
}
