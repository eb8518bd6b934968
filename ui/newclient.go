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

// newClientView is the form that adds a client, shown in the clients section.
// The store checks the input; what it refuses is shown beside the field.
type newClientView struct {
	shell    *shellScreen
	form     *clientForm
	cancel   *widget.Button
	save     *widget.Button
	activity *widget.Activity
	dupes    *dupWarning
	root     *fyne.Container   // the heading, form and buttons
	scroll   fyne.CanvasObject // root in its page
}

// newNewClientView makes an empty new-client form.
func newNewClientView(shell *shellScreen) *newClientView {
	v := &newClientView{shell: shell, form: newClientForm()}
	v.cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), shell.asking(shell.openList))
	v.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), v.onSave)
	v.save.Importance = widget.HighImportance
	v.activity = widget.NewActivity()
	v.activity.Hide()
	v.dupes = newDupWarning(v.onSave)
	submitWith(v.onSave, v.form.entries["first_name"], v.form.entries["last_name"], v.form.entries["phone"],
		v.form.entries["email"], v.form.entries["birth_date"])
	return v
}

func (v *newClientView) content() fyne.CanvasObject {
	buttons := container.NewBorder(nil, nil, v.cancel, container.NewHBox(v.activity, v.save))
	v.root = container.NewVBox(heading(lang.L("New client")), v.form.content(), v.dupes.box, buttons)
	v.scroll = page(v.root)
	return v.scroll
}

// unsaved is part of editor.
func (v *newClientView) unsaved() bool { return v.form.changed() }

// subject is part of editor.
func (v *newClientView) subject() string { return lang.L("the new client") }

// draftKey is part of drafter.
func (v *newClientView) draftKey() (string, int64) { return "client:new", 0 }

// draftData is part of drafter.
func (v *newClientView) draftData() draftData { return draftData{Values: v.form.values()} }

func (v *newClientView) onSave() { v.saveThen(nil) }

// saveThen is part of editor: it adds the client, then shows the new card,
// or runs next when given.
func (v *newClientView) saveThen(next func()) {
	v.form.clearErrors()
	in := v.form.input()
	anyway := v.dupes.accepted(in)
	v.setWorking(true)
	end := v.shell.begin(lang.L("Saving…"))
	type outcome struct {
		id    int64
		dupes []store.Duplicate
	}
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (outcome, error) {
		if !anyway {
			dupes, err := db.DuplicatesOf(ctx, in, 0)
			if err != nil || len(dupes) > 0 {
				return outcome{dupes: dupes}, err
			}
		}
		id, err := db.CreateClient(ctx, in)
		return outcome{id: id}, err
	}, func(o outcome, err error) {
		end()
		v.setWorking(false)
		if err == nil && len(o.dupes) > 0 {
			v.dupes.show(v.shell, in, o.dupes)
			v.root.Refresh()
			v.scroll.Refresh()
			v.shell.u.scrollSoon(v.scroll, v.dupes.box)
			return
		}
		id := o.id
		if err != nil {
			v.form.showError(err)
			v.root.Refresh() // lay the form out again around the message
			v.scroll.Refresh()
			return
		}
		v.shell.loadCounts()
		v.form.markSaved()
		switch {
		case next != nil:
			next()
		case v.shell.newClient == v:
			v.shell.openCard(id)
			v.shell.card.setSaved()
		}
	})
}

// setWorking disables the form while the store saves it.
func (v *newClientView) setWorking(on bool) {
	v.form.setEnabled(!on)
	working(v.activity, on, v.save, v.cancel)
}
