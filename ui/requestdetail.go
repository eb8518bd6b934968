package ui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
)

// requestDetail is one privacy request: what was asked, by whom, when the
// answer is due, and the ways to move it on — the act that answers it
// (export, forget, restrict, the card), Extend…, the identity check, and
// Close….
type requestDetail struct {
	view *requestsView
	id   int64

	box     *fyne.Container
	problem *problemBox
	r       store.PrivacyRequest
	client  store.Client // the client who asked, when one did
	loaded  bool

	back, answer, extend, waiting, confirmed, close *widget.Button
	extendWhy                                       *widget.Label  // why Extend is off, when it is
	notice                                          *widget.Label  // what to tell the person, on a refusal
	copy                                            *widget.Button // copies the notice
	acted                                           string         // the act the owner took, whose place keeps the focus (see refocus)

	asked       *question       // the last question asked, for tests
	askedExtend *extendQuestion // the last extension asked for, for tests
	askedClose  *closeQuestion  // the last closing asked for, for tests
	askedChoice *choiceQuestion // the last identity check asked for, for tests
	askedReason *reasonQuestion // the last restriction reason asked for, for tests
}

// requestData is a request with its client, read off the UI goroutine.
type requestData struct {
	r      store.PrivacyRequest
	client store.Client
}

func newRequestDetail(v *requestsView, id int64) *requestDetail {
	d := &requestDetail{view: v, id: id, box: container.NewVBox(), problem: newProblemBox()}
	d.load()
	return d
}

func (d *requestDetail) content() fyne.CanvasObject {
	d.back = widget.NewButtonWithIcon(lang.L("Back to the requests"), theme.NavigateBackIcon(), d.view.showList)
	return widePage(container.NewVBox(container.NewHBox(d.back), d.box, d.problem))
}

// load reads the request and its client, then shows them.
func (d *requestDetail) load() {
	id := d.id
	end := d.view.shell.begin(lang.L("Loading the request…"))
	dbWork(d.view.shell.u, func(ctx context.Context, db *store.DB) (requestData, error) {
		r, err := db.Request(ctx, id)
		if err != nil || r.ClientID == 0 {
			return requestData{r: r}, err
		}
		c, err := db.Client(ctx, r.ClientID)
		return requestData{r: r, client: c}, err
	}, func(rd requestData, err error) {
		end()
		if err != nil {
			d.problem.show(lang.L("The request could not be loaded."), err)
			return
		}
		d.problem.clear()
		d.r, d.client, d.loaded = rd.r, rd.client, true
		d.show()
	})
}

// reload reads the request again after the owner's act (see refocus).
func (d *requestDetail) reload(act string) {
	d.acted = act
	d.load()
}

// show puts the request on screen.
func (d *requestDetail) show() {
	r, sh := d.r, d.view.shell
	d.answer, d.extend, d.waiting, d.confirmed, d.close, d.extendWhy, d.notice, d.copy = nil, nil, nil, nil, nil, nil, nil, nil
	code, now := sh.u.lang, sh.u.now()
	objs := []fyne.CanvasObject{heading(requestKindName(r.Kind))}
	switch {
	case privacy.RequestOverdue(r, now):
		objs = append(objs, warnLine(lang.L("The answer is overdue: it was due by {{.Date}}. Answer as soon as possible.",
			map[string]any{"Date": formatDate(code, r.DueBy())}), widget.DangerImportance))
	case privacy.RequestDueSoon(r, now):
		objs = append(objs, warnLine(lang.L("The answer is due by {{.Date}}, within a week.",
			map[string]any{"Date": formatDate(code, r.DueBy())}), widget.WarningImportance))
	}
	facts := container.New(formLayout{})
	fact := func(label string, value fyne.CanvasObject) { facts.Add(formLabel(label)); facts.Add(value) }
	fact(lang.L("Who asks"), d.who())
	fact(lang.L("Received on"), paragraph(formatDate(code, r.Received)+" · "+requestChannelName(r.Channel)))
	fact(lang.L("Identity checked"), paragraph(identityCheckName(r.IdentityCheck)))
	fact(lang.L("Answer due"), paragraph(formatDate(code, r.Due)))
	if r.ExtensionMonths > 0 {
		fact(lang.L("Extended to"), paragraph(lang.N("{{.Date}}, by {{.Count}} month; told on {{.Told}}. Reasons: {{.Reason}}", r.ExtensionMonths,
			map[string]any{"Date": formatDate(code, r.ExtendedTo), "Count": r.ExtensionMonths, "Told": formatDate(code, r.ExtensionTold), "Reason": typedText(r.ExtensionReason)})))
		if !r.SecondExtensionTold.IsZero() {
			fact(lang.L("Second extension told on"), paragraph(formatDate(code, r.SecondExtensionTold)))
		}
	}
	fact(lang.L("Status"), paragraph(requestStatusName(r.Status)))
	if r.IsClosed() {
		fact(lang.L("Closed on"), paragraph(formatDate(code, r.Closed)))
		if r.Note != "" {
			fact(lang.L("What was done"), paragraph(typedText(r.Note)))
		}
		if r.Outcome == store.RequestRefused {
			fact(lang.L("Reasons for refusing"), paragraph(typedText(r.RefusalReason)))
		}
	}
	objs = append(objs, facts)
	if r.Outcome == store.RequestRefused {
		text := privacy.RefusalNotice(r, sh.u.salon.Country, code)
		d.notice = paragraph(text)
		d.notice.Selectable = true
		d.copy = widget.NewButtonWithIcon(lang.L("Copy the words"), theme.ContentCopyIcon(), func() {
			sh.u.fyne.Clipboard().SetContent(text)
			sh.say(lang.L("The words are copied: paste them into your answer to the person."))
		})
		objs = append(objs, subheading(lang.L("What to tell the person")), d.notice, container.NewHBox(d.copy))
	}
	if !r.IsClosed() {
		objs = append(objs, d.actions()...)
	}
	d.box.Objects = objs
	d.box.Refresh()
	d.refocus()
}

// refocus gives the keyboard, once the request shows again after an act of
// the owner's, to the button they used, or to the one that took its place
// (Identity confirmed… for Waiting for proof of identity, Close… once
// Extend… is spent) — not back to the top of the page. While a question is
// still open it waits for the answer, which reloads the request.
func (d *requestDetail) refocus() {
	c := d.view.shell.u.win.Canvas()
	if d.acted == "" || c.Overlays().Top() != nil {
		return
	}
	var next []*widget.Button
	switch d.acted {
	case "extend":
		next = []*widget.Button{d.extend, d.close}
	case "waiting":
		next = []*widget.Button{d.confirmed, d.close}
	case "confirmed":
		next = []*widget.Button{d.answer, d.waiting, d.close}
	case "restrict":
		next = []*widget.Button{d.answer, d.close}
	}
	d.acted = ""
	for _, b := range append(next, d.copy, d.back) {
		if b != nil && b.Visible() && !b.Disabled() {
			c.Focus(b)
			return
		}
	}
}

// warnLine is a sentence in the colour of a warning or a danger.
func warnLine(text string, importance widget.Importance) *widget.Label {
	l := paragraph(text)
	l.Importance = importance
	l.TextStyle.Bold = true
	return l
}

// who names the person who asked: the client, with the way to their card,
// or someone who is not a client, with how to answer them.
func (d *requestDetail) who() fyne.CanvasObject {
	r := d.r
	if r.ClientID == 0 {
		if r.RequesterContact == "" { // erased when the request closed
			return paragraph(lang.L("{{.Name}}, not a client (the contact was erased when the request closed)", map[string]any{"Name": r.RequesterName}))
		}
		return paragraph(lang.L("{{.Name}} ({{.Contact}}), not a client", map[string]any{"Name": r.RequesterName, "Contact": r.RequesterContact}))
	}
	id := r.ClientID
	open := widget.NewButtonWithIcon(clientName(d.client), theme.AccountIcon(), func() {
		d.view.shell.leaveThen(func() { d.view.shell.showClientCard(id) })
	})
	open.Importance = widget.LowImportance
	return container.NewHBox(open)
}

// actions are the buttons that move an open request on.
func (d *requestDetail) actions() []fyne.CanvasObject {
	r := d.r
	d.extend = widget.NewButtonWithIcon(lang.L("Extend…"), theme.HistoryIcon(), d.onExtend)
	d.waiting = widget.NewButton(lang.L("Waiting for proof of identity"), d.onWaiting)
	d.confirmed = widget.NewButtonWithIcon(lang.L("Identity confirmed…"), theme.ConfirmIcon(), d.onConfirmed)
	d.close = widget.NewButtonWithIcon(lang.L("Close…"), theme.DocumentIcon(), d.onClose)
	if left, rule := privacy.ExtensionMonthsLeft(r, d.view.shell.u.now()); left == 0 {
		d.extend.Disable()
		d.extendWhy = paragraph(extensionRefusal(rule, r, d.view.shell.u.lang))
		d.extendWhy.Importance = widget.LowImportance
	}
	if !privacy.CanMoveRequest(r.Status, store.RequestWaitingIdentity) {
		d.waiting.Hide()
	}
	if r.Status != store.RequestWaitingIdentity {
		d.confirmed.Hide()
	}
	var objs []fyne.CanvasObject
	if a := d.answerButton(); a != nil {
		objs = append(objs, subheading(lang.L("Answer")), d.answerText(), container.NewHBox(a))
		if p, ok := answerPermission(d.r.Kind); ok && !d.view.shell.u.may(p) {
			a.Disable()
			why := reasonLine()
			setReason(why, notAllowed(p))
			objs = append(objs, why)
		}
	}
	objs = append(objs, subheading(lang.L("The request")), container.NewHBox(d.extend, d.waiting, d.confirmed, d.close))
	if d.extendWhy != nil {
		objs = append(objs, d.extendWhy)
	}
	return objs
}

// answerPermission is what the act answering a request of kind needs.
func answerPermission(kind string) (store.Permission, bool) {
	switch privacy.RequestAction(kind) {
	case "export", "export_json":
		return store.PermExport, true
	case "forget":
		return store.PermForget, true
	}
	return "", false
}

// answerText says what answers the request.
func (d *requestDetail) answerText() fyne.CanvasObject {
	switch privacy.RequestAction(d.r.Kind) {
	case "export":
		return paragraph(lang.L("Give the client a copy of their data with the information the GDPR requires: export it as a PDF to print and hand over."))
	case "export_json":
		return paragraph(lang.L("Give the client their data in a machine-readable form: export it as JSON."))
	case "forget":
		return paragraph(lang.L("Erase the client's data unless a rule stands in the way; Kartoteka says which, and how to clear it."))
	case "edit_card":
		return paragraph(lang.L("Correct or complete the data on the client's card, then close the request."))
	case "restrict":
		return paragraph(lang.L("Restrict the processing of the client's data: it is kept, but not used, until the restriction is lifted."))
	}
	return paragraph(lang.L("Record the change of the client's consents on their card, or stop the processing they object to, then close the request."))
}

// answerButton is the act that answers the request, or nil when the
// request names no client or the client is forgotten.
func (d *requestDetail) answerButton() *widget.Button {
	if d.r.ClientID == 0 || d.client.Anonymized {
		return nil
	}
	var b *widget.Button
	switch privacy.RequestAction(d.r.Kind) {
	case "export":
		b = widget.NewButtonWithIcon(lang.L("Export the data as PDF…"), theme.DocumentSaveIcon(), func() { d.onExport(true) })
	case "export_json":
		b = widget.NewButtonWithIcon(lang.L("Export the data as JSON…"), theme.DocumentSaveIcon(), func() { d.onExport(false) })
	case "forget":
		b = widget.NewButtonWithIcon(lang.L("Forget the client…"), theme.DeleteIcon(), d.onForget)
	case "restrict":
		if !d.client.Restricted {
			b = widget.NewButtonWithIcon(lang.L("Restrict processing…"), theme.WarningIcon(), d.onRestrict)
			break
		}
		fallthrough
	default:
		b = widget.NewButtonWithIcon(lang.L("Open the card"), theme.AccountIcon(), func() {
			id := d.r.ClientID
			d.view.shell.leaveThen(func() { d.view.shell.showClientCard(id) })
		})
	}
	b.Importance = widget.HighImportance
	d.answer = b
	return b
}

// onExport opens the export of the client's data, as a PDF or as JSON;
// once written, it offers to close the request as done.
func (d *requestDetail) onExport(pdf bool) {
	sh, r, c := d.view.shell, d.r, d.client
	sh.leaveThen(func() {
		sh.select_(sectionClients)
		sh.openExportThen(c, func() { sh.openRequest(r.ID) })
		if sh.export == nil {
			return // not for the person acting: said above the section
		}
		sh.export.pdf.SetChecked(pdf)
		sh.export.json.SetChecked(!pdf)
		sh.export.onDone = func(files []store.ExportFile) {
			offerClose(sh, r.ID, exportNote(files), lang.L("The data is exported. Once the client has it, the request is answered. Close it as done now?"), nil)
		}
	})
}

// exportNote says what an export wrote, as the request's closing note.
func exportNote(files []store.ExportFile) string {
	pdf := slices.ContainsFunc(files, func(f store.ExportFile) bool { return f.Format == store.FormatPDF })
	json := slices.ContainsFunc(files, func(f store.ExportFile) bool { return f.Format == store.FormatJSON })
	switch {
	case pdf && json:
		return lang.L("Data exported as PDF and JSON")
	case json:
		return lang.L("Data exported as JSON")
	}
	return lang.L("Data exported as PDF")
}

// onForget opens Forget for the client; once forgotten, it offers to close
// the request as done.
func (d *requestDetail) onForget() {
	sh, r := d.view.shell, d.r
	sh.leaveThen(func() {
		sh.select_(sectionClients)
		sh.openForgetThen(r.ClientID, func() {
			offerClose(sh, r.ID, lang.L("Client's data erased"), lang.L("The client is forgotten. Close the request for erasure as done now?"), nil)
		})
	})
}

// onRestrict asks why, restricts the processing of the client's data, then
// offers to close the request as done.
func (d *requestDetail) onRestrict() {
	sh, r := d.view.shell, d.r
	d.askedReason = askReason(sh.u.win, lang.L("Restrict processing?"),
		lang.L("The data of {{.Name}} is then kept but not used: no bookings or changes without a ground on record, no marketing, no forgetting, until the restriction is lifted (GDPR Art. 18). Say why, as the client put it.",
			map[string]any{"Name": clientName(d.client)}),
		lang.L("Reason, e.g. the client disputes the accuracy of the data"), lang.L("Restrict processing"), func(reason string) {
			end := sh.begin(lang.L("Saving…"))
			dbWork(sh.u, func(ctx context.Context, db *store.DB) (struct{}, error) {
				return struct{}{}, db.SetRestriction(ctx, r.ClientID, true, reason)
			}, func(_ struct{}, err error) {
				end()
				if err != nil {
					d.problem.show(lang.L("This could not be saved."), err)
					return
				}
				d.reload("restrict")
				offerClose(sh, r.ID, lang.L("Processing restricted"), lang.L("Processing of the client's data is restricted. Close the request as done now?"),
					func() { d.reload("restrict") })
			})
		})
}

// onWaiting records that the salon waits for the person to prove who they
// are.
func (d *requestDetail) onWaiting() {
	d.setStatus(store.RequestWaitingIdentity, "", lang.L("Waiting for the person to prove who they are; the answer is still due by the same day."), "waiting")
}

// onConfirmed asks how identity was confirmed, then puts the request back
// in hand (extended, if it was).
func (d *requestDetail) onConfirmed() {
	var names []string
	for _, c := range store.IdentityChecks {
		names = append(names, identityCheckName(c))
	}
	back := store.RequestOpen
	if d.r.ExtensionMonths > 0 {
		back = store.RequestExtended
	}
	d.askedChoice = askChoice(d.view.shell.u.win, lang.L("Identity confirmed"), lang.L("How did the person prove who they are?"), names,
		lang.L("Record it"), func(i int) { d.setStatus(back, store.IdentityChecks[i], lang.L("Identity confirmed."), "confirmed") }, nil)
}

// setStatus moves the request to status, then shows it afresh, the focus
// where the owner's act (see refocus) leaves it.
func (d *requestDetail) setStatus(status, check, done, act string) {
	sh, id, r := d.view.shell, d.id, d.r
	end := sh.begin(lang.L("Saving…"))
	dbWork(sh.u, func(ctx context.Context, db *store.DB) (struct{}, error) {
		return struct{}{}, privacy.SetRequestStatus(ctx, db, id, status, check)
	}, func(_ struct{}, err error) {
		end()
		if err != nil {
			d.problem.show(requestRuleMessage(err, r, sh.u.lang), nil)
			return
		}
		sh.say(done)
		d.reload(act)
	})
}

// offerClose asks, after the act that answers request id, whether to close
// it as done with note; yes closes it. then, when not nil, runs once it is
// answered (and the request closed, if it is).
func offerClose(sh *shellScreen, id int64, note, text string, then func()) {
	if then == nil {
		then = func() {}
	}
	q := &question{text: paragraph(text)}
	answer := answerOnce(func() { q.dialog.Hide() })
	q.not = newKeyButton(lang.L("Not yet"), theme.CancelIcon(), answer(then), answer(then))
	q.yes = newKeyButton(lang.L("Close as done"), theme.ConfirmIcon(), answer(func() {
		closeRequest(sh, id, store.RequestDone, note, "", func(err error) {
			defer then()
			if err != nil {
				sh.warn(lang.L("The request could not be closed.") + " " + errorMessage(err))
				return
			}
			sh.say(lang.L("The request is closed as done: {{.Note}}.", map[string]any{"Note": note}))
		})
	}), answer(then))
	q.yes.Importance = widget.HighImportance
	q.dialog = showQuestion(sh.u.win, lang.L("Close the request?"), 460, q.text, q.not, q.yes)
	sh.u.win.Canvas().Focus(q.yes)
	sh.askedClose = q
}

// closeRequest closes request id with its outcome in the background, then
// calls done with the refusal, if any, and counts the requests due afresh.
func closeRequest(sh *shellScreen, id int64, outcome, note, reason string, done func(error)) {
	end := sh.begin(lang.L("Saving…"))
	dbWork(sh.u, func(ctx context.Context, db *store.DB) (struct{}, error) {
		return struct{}{}, privacy.CloseRequest(ctx, db, id, outcome, note, reason)
	}, func(_ struct{}, err error) {
		end()
		if err == nil {
			sh.loadRequestsDue()
		}
		done(err)
	})
}

// typedText is what the owner typed into a request, or, once its client is
// forgotten and the text with them, a word saying so.
func typedText(s string) string {
	if s == store.RequestTextErased {
		return lang.L("erased with the client's data")
	}
	return s
}
