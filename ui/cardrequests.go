package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// cardRequests is the part of a client card that lists the client's
// privacy requests, each opening in the Privacy section, with a way to
// record a new one.
type cardRequests struct {
	card *clientCard
	rows *fyne.Container
	add  *widget.Button
	box  *fyne.Container
}

func newCardRequests(c *clientCard) *cardRequests {
	p := &cardRequests{card: c, rows: container.NewVBox()}
	p.add = widget.NewButtonWithIcon(lang.L("Record a request…"), theme.ContentAddIcon(), func() {
		if c.loaded && !c.client.Anonymized {
			c.shell.newRequestFor(c.client)
		}
	})
	p.box = container.NewVBox(subheading(lang.L("Privacy requests")), p.rows, container.NewHBox(p.add))
	return p
}

// load reads the client's requests in the background and lists them.
func (p *cardRequests) load() {
	sh, id := p.card.shell, p.card.id
	dbWork(sh.u, func(ctx context.Context, db *store.DB) ([]store.PrivacyRequest, error) {
		return db.ClientRequests(ctx, id)
	}, func(rs []store.PrivacyRequest, err error) {
		if err != nil {
			fyne.LogError("ui: client requests", err)
			return
		}
		code, now := sh.u.lang, sh.u.now()
		var rows []fyne.CanvasObject
		for i := len(rs) - 1; i >= 0; i-- { // newest first
			r := rs[i]
			status := widget.NewLabel(requestStatusName(r.Status))
			status.Truncation = fyne.TextTruncateEllipsis
			received := widget.NewLabel(formatDate(code, r.Received))
			received.Truncation = fyne.TextTruncateEllipsis
			rows = append(rows, container.New(&columns{weights: []float32{4, 2, 2.4, 2.4}},
				choiceRow(requestKindShort(r.Kind), func() { sh.openRequest(r.ID) }), received, dueCell(r, now, code), status))
		}
		if p.card.client.Anonymized {
			p.add.Hide()
		} else {
			p.add.Show()
		}
		setRows(p.rows, rows, lang.L("No requests recorded."))
		p.card.relayout()
	})
}
