package ui

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
)

// forgetView is Forget (GDPR Art. 17) from the client card. It first says
// whether a rule blocks it, and the way out (cancelling upcoming bookings is
// one click); else it lists the warnings, what will be erased and what kept,
// offers Export first, and enables Forget only once the client's full name
// is typed. It ends with the proof that no trace is left.
type forgetView struct {
	shell *shellScreen
	id    int64

	box     *fyne.Container // the step on show
	problem *problemBox
	preview privacy.Preview
	open    []store.PrivacyRequest // the client's open privacy requests
	name    string                 // the client's full name, to type

	confirm   *textEntry
	forget    *widget.Button
	cancelBk  *widget.Button // cancels the upcoming bookings, when they block
	exports   *widget.Check  // also delete the export files
	dupes     []*widget.Button
	asked     *question // the last question asked, for tests
	activity  *widget.Activity
	done      bool // the client is forgotten
	proofText *widget.Label
	// onDone, when set, is called once the client is forgotten: a privacy
	// request for erasure offers to close.
	onDone func()
}

func newForgetView(shell *shellScreen, id int64) *forgetView {
	v := &forgetView{shell: shell, id: id, box: container.NewVBox(), problem: newProblemBox()}
	v.activity = widget.NewActivity()
	v.load()
	return v
}

func (v *forgetView) content() fyne.CanvasObject {
	back := widget.NewButtonWithIcon(lang.L("Back to the card"), theme.NavigateBackIcon(), func() { v.shell.openCard(v.id) })
	return widePage(container.NewVBox(container.NewHBox(back), v.box, v.problem))
}

// load reads what forgetting would do, in the background.
func (v *forgetView) load() {
	id := v.id
	v.box.Objects = []fyne.CanvasObject{v.activity}
	v.activity.Start()
	end := v.shell.begin(lang.L("Checking what forgetting would do…"))
	type check struct {
		preview privacy.Preview
		open    []store.PrivacyRequest
	}
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (check, error) {
		p, err := privacy.PreviewForget(ctx, db, id)
		if err != nil {
			return check{}, err
		}
		rs, err := db.ClientRequests(ctx, id)
		return check{preview: p, open: slices.DeleteFunc(rs, store.PrivacyRequest.IsClosed)}, err
	}, func(c check, err error) {
		end()
		p := c.preview
		v.activity.Stop()
		if err != nil {
			v.problem.show(lang.L("This could not be checked."), err)
			v.box.Objects = nil
			v.box.Refresh()
			return
		}
		v.preview, v.open = p, c.open
		if len(p.Blocks) > 0 {
			v.showBlocked()
		} else {
			v.showConfirm()
		}
	})
}

// showBlocked says every rule that stops the erasure, each with its way
// out, so the owner can clear them all in one go.
func (v *forgetView) showBlocked() {
	p := v.preview
	objs := []fyne.CanvasObject{heading(lang.L("This client cannot be forgotten now"))}
	if len(p.Blocks) > 1 {
		objs = append(objs, paragraph(lang.N("{{.Count}} things stand in the way; each says how to clear it.", len(p.Blocks),
			map[string]any{"Count": strconv.Itoa(len(p.Blocks))})))
	}
	for _, b := range p.Blocks {
		objs = v.blockedBy(b, objs)
	}
	v.box.Objects = objs
	v.box.Refresh()
}

// blockedBy adds to objs what rule b says and its way out.
func (v *forgetView) blockedBy(b *privacy.BlockedError, objs []fyne.CanvasObject) []fyne.CanvasObject {
	p := v.preview
	say := func(text string) {
		l := paragraph("• " + text)
		l.Importance = widget.DangerImportance
		objs = append(objs, l)
	}
	switch {
	case errors.Is(b, privacy.ErrAlreadyAnonymized):
		say(lang.L("The client has already been forgotten: nothing personal is left."))
	case errors.Is(b, privacy.ErrRestricted):
		reason := ""
		if p.Subject != nil {
			reason = p.Subject.Client.RestrictionReason
		}
		say(lang.L("Processing of this client's data is restricted (GDPR Art. 18): {{.Reason}}", map[string]any{"Reason": reason}))
		objs = append(objs, paragraph(lang.L("The data must be kept while the restriction lasts. Lift the restriction on the card first, noting why it no longer applies; then forget the client.")))
	case errors.Is(b, privacy.ErrUpcomingBookings):
		say(lang.N("The client has {{.Count}} upcoming bookings.", len(b.Bookings), map[string]any{"Count": strconv.Itoa(len(b.Bookings))}))
		code := v.shell.u.lang
		if p.Subject != nil {
			for _, bk := range p.Subject.Bookings {
				if slices.Contains(b.Bookings, bk.ID) {
					objs = append(objs, paragraph("   "+formatDate(code, bk.Start)+" "+bk.Start.Local().Format("15:04")+" · "+bk.Service+" · "+bk.Staff))
				}
			}
		}
		objs = append(objs, paragraph(lang.L("Cancel them first: the times become free, and the client can then be forgotten.")))
		v.cancelBk = widget.NewButtonWithIcon(lang.L("Cancel the upcoming bookings"), theme.DeleteIcon(), v.onCancelBookings)
		v.cancelBk.Importance = widget.WarningImportance
		objs = append(objs, container.NewHBox(v.cancelBk))
	}
	return objs
}

// onCancelBookings asks once, naming how many bookings of whom, then
// cancels them.
func (v *forgetView) onCancelBookings() {
	n, name := 0, ""
	for _, b := range v.preview.Blocks {
		n += len(b.Bookings)
	}
	if s := v.preview.Subject; s != nil {
		name = clientName(s.Client)
	}
	v.asked = askOnce(v.shell.u.win, lang.L("Cancel the upcoming bookings?"),
		lang.N("Cancel {{.Count}} upcoming booking of {{.Name}}? The times become free for others.", n,
			map[string]any{"Count": strconv.Itoa(n), "Name": name}),
		lang.L("Cancel the upcoming bookings"), v.cancelBookings, nil)
}

// cancelBookings cancels the client's upcoming bookings, then checks again.
func (v *forgetView) cancelBookings() {
	id := v.id
	v.cancelBk.Disable()
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (int, error) {
		return db.CancelUpcomingBookings(ctx, id)
	}, func(_ int, err error) {
		if err != nil {
			v.cancelBk.Enable()
			v.problem.show(lang.L("This could not be saved."), err)
			return
		}
		v.load()
	})
}

// showConfirm lists the warnings and what is erased and kept, and asks for
// the client's name.
func (v *forgetView) showConfirm() {
	p, s := v.preview, v.preview.Subject
	code := v.shell.u.lang
	v.name = strings.TrimSpace(s.Client.FirstName + " " + s.Client.LastName)
	objs := []fyne.CanvasObject{heading(lang.L("Forget {{.Name}} (GDPR Art. 17)", map[string]any{"Name": v.name}))}
	warn := func(text string) {
		l := paragraph("⚠ " + text)
		l.Importance = widget.WarningImportance
		objs = append(objs, l)
	}
	if p.OpenBalance > 0 {
		warn(lang.L("Visits worth {{.Amount}} are not paid. Take the payment first if it is due; after forgetting, the debt cannot be tied to the person.",
			map[string]any{"Amount": formatMoney(code, store.Money{Minor: p.OpenBalance, Currency: p.Currency})}))
	}
	for _, inv := range p.Invoices {
		warn(lang.L("Invoice {{.Number}} keeps the buyer's name and address until {{.Date}}, as accounting law requires.",
			map[string]any{"Number": inv.Number, "Date": formatDate(code, inv.PurgeOn)}))
	}
	v.dupes = nil
	if len(p.Duplicates) > 0 {
		warn(lang.L("These cards may be the same person (same phone, email, or name and birth date). Forget or merge them too:"))
		for _, d := range p.Duplicates {
			b := widget.NewButtonWithIcon(clientName(d), theme.AccountIcon(), func() { v.shell.openCard(d.ID) })
			v.dupes = append(v.dupes, b)
			objs = append(objs, container.NewHBox(b))
		}
	}
	objs = append(objs, v.openRequests()...)
	objs = append(objs,
		subheading(lang.L("Erased for good")),
		paragraph(lang.L("Name, phone, email, birth date, address, notes and health notes; the entries in the search; consent records: {{.Consents}}; notes on bookings and payments: {{.Notes}}.",
			map[string]any{"Consents": strconv.Itoa(p.Consents), "Notes": strconv.Itoa(p.Notes)})),
		subheading(lang.L("Kept, without the person")),
		paragraph(lang.L("For the salon's accounts and statistics, under “Anonymized client #{{.ID}}”: bookings: {{.Bookings}}; payments: {{.Payments}}; invoices: {{.Invoices}}, unchanged until their statutory period ends.",
			map[string]any{"Bookings": strconv.Itoa(p.Bookings), "Payments": strconv.Itoa(p.Payments), "ID": strconv.FormatInt(v.id, 10), "Invoices": strconv.Itoa(p.InvoicesTotal)})),
	)
	exportFirst := widget.NewButtonWithIcon(lang.L("Export first (PDF and JSON)"), theme.DocumentSaveIcon(), func() {
		v.shell.openExportThen(s.Client, func() { v.shell.openForgetThen(v.id, v.onDone) })
	})
	objs = append(objs, paragraph(lang.L("If the client asked for their data too, export it before it is gone.")), container.NewHBox(exportFirst))
	if !v.shell.u.may(store.PermExport) {
		exportFirst.Disable()
		why := reasonLine()
		setReason(why, notAllowed(store.PermExport))
		objs = append(objs, why)
	}
	v.exports = widget.NewCheck(lang.L("Also delete the export files Kartoteka wrote for this client"), nil)
	v.exports.SetChecked(true)
	objs = append(objs, v.exports)
	undo := paragraph(lang.L("This cannot be undone."))
	undo.Importance = widget.DangerImportance
	undo.TextStyle.Bold = true
	v.confirm = newEntry()
	v.confirm.OnChanged = func(string) { v.updateForget() }
	v.confirm.OnSubmitted = func(string) { v.onForget() } // only once the full name is typed
	v.forget = widget.NewButtonWithIcon(lang.L("Forget for good"), theme.DeleteIcon(), v.onForget)
	v.forget.Importance = widget.DangerImportance
	v.forget.Disable()
	objs = append(objs, undo,
		paragraph(lang.L("To confirm, type the client's full name: {{.Name}}", map[string]any{"Name": v.name})),
		v.confirm,
		container.NewBorder(nil, nil, nil, container.NewHBox(v.activity, v.forget)))
	v.box.Objects = objs
	v.box.Refresh()
	v.shell.u.win.Canvas().Focus(v.confirm)
}

// openRequests names the client's open privacy requests, each with its
// due day, and says what becomes of them: they stay in the log, under the
// anonymous number, still to be answered; a request for erasure is
// answered by this, and can be closed as done once it is.
func (v *forgetView) openRequests() []fyne.CanvasObject {
	if len(v.open) == 0 {
		return nil
	}
	code, now := v.shell.u.lang, v.shell.u.now()
	head := paragraph("⚠ " + lang.N("This client has {{.Count}} open privacy requests:", len(v.open), map[string]any{"Count": formatCount(code, len(v.open))}))
	head.Importance = widget.WarningImportance
	objs := []fyne.CanvasObject{head}
	erasure := false
	for _, r := range v.open {
		line := lang.L("{{.Request}}, to be answered by {{.Date}}", map[string]any{"Request": requestKindName(r.Kind), "Date": formatDate(code, r.DueBy())})
		if privacy.RequestOverdue(r, now) {
			line += " (" + lang.L("overdue") + ")"
		}
		objs = append(objs, paragraph("   "+line))
		erasure = erasure || r.Kind == store.RequestErasure
	}
	objs = append(objs, paragraph(lang.L("They stay in the log of privacy requests under “Anonymized client #{{.ID}}”, without what was typed into them, and are still to be answered there.",
		map[string]any{"ID": strconv.FormatInt(v.id, 10)})))
	if erasure {
		objs = append(objs, paragraph(lang.L("Forgetting the client answers the request for erasure: once it is done, Kartoteka offers to close that request as done.")))
	}
	return objs
}

// offerCloseErasure offers, once the client is forgotten from their card,
// to close their open request for erasure as done, as Forget started from
// the request does.
func (v *forgetView) offerCloseErasure() {
	for _, r := range v.open {
		if r.Kind == store.RequestErasure {
			offerClose(v.shell, r.ID, lang.L("Client's data erased"), lang.L("The client is forgotten. Close the request for erasure as done now?"), nil)
			return
		}
	}
}

// updateForget enables Forget once the full name is typed (any case).
func (v *forgetView) updateForget() {
	if strings.EqualFold(strings.Join(strings.Fields(v.confirm.Text), " "), strings.Join(strings.Fields(v.name), " ")) {
		v.forget.Enable()
	} else {
		v.forget.Disable()
	}
}

// forgetOutcome is what forgetting did.
type forgetOutcome struct {
	res           privacy.Result
	deleted, left int
	warning       error // privacy.ErrAfterwards: done, but a file beside could not be updated
}

func (v *forgetView) onForget() {
	if v.forget.Disabled() {
		return
	}
	id, removeFiles, ledgers := v.id, v.exports.Checked, backupFolders(v.shell.u)
	v.forget.Disable()
	v.confirm.Disable()
	v.activity.Start()
	end := v.shell.begin(lang.L("Forgetting, then proving it…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (forgetOutcome, error) {
		res, err := privacy.Forget(ctx, db, id, "request of the client", []string{filepath.Dir(db.Path())}, ledgers...)
		out := forgetOutcome{res: res}
		if errors.Is(err, privacy.ErrAfterwards) { // forgotten; a ledger file could not be written
			out.warning, err = err, nil
		}
		if err == nil && removeFiles {
			out.deleted, out.left = privacy.RemoveExports(res.Exports)
		}
		return out, err
	}, func(out forgetOutcome, err error) {
		end()
		v.activity.Stop()
		if err != nil {
			v.confirm.Enable()
			v.updateForget()
			v.problem.show(lang.L("The client was not forgotten."), err)
			return
		}
		v.done = true
		v.shell.loadCounts()
		v.showDone(out, removeFiles)
		if v.onDone != nil {
			v.onDone() // Forget started from a request, which offers to close it
		} else {
			v.offerCloseErasure()
		}
	})
}

// showDone ends the flow with the proof of erasure.
func (v *forgetView) showDone(out forgetOutcome, removed bool) {
	proof := out.res.Proof
	objs := []fyne.CanvasObject{
		heading(lang.L("Forgotten")),
		paragraph(lang.L("The card is now “Anonymized client #{{.ID}}”. The bookings, payments and invoices stay for the accounts.", map[string]any{"ID": strconv.FormatInt(v.id, 10)})),
	}
	v.proofText = paragraph("")
	if proof.Found == 0 {
		v.proofText.SetText(lang.L("Proof: no trace of the client found in {{.Pages}} pages of the database and its log.", map[string]any{"Pages": strconv.Itoa(proof.Pages)}))
		v.proofText.Importance = widget.SuccessImportance
	} else {
		v.proofText.SetText(proofFault(proof, false))
		v.proofText.Importance = widget.DangerImportance
	}
	objs = append(objs, v.proofText)
	if out.warning != nil {
		w := newProblemBox()
		w.show(lang.L("The erasure is done, but the erasure record beside the backups could not be written; it is written with the next backup or erasure."), out.warning)
		objs = append(objs, w)
	}
	if len(proof.Skipped) > 0 {
		objs = append(objs, paragraph(lang.L("Not searched, because the law or another card still keeps them: {{.What}}.", map[string]any{"What": strings.Join(skippedNames(proof.Skipped), ", ")})))
	}
	switch {
	case removed && out.left > 0:
		objs = append(objs, paragraph(lang.L("{{.Left}} export files could not be deleted: delete them by hand.", map[string]any{"Left": strconv.Itoa(out.left)})))
	case removed && out.deleted > 0:
		objs = append(objs, paragraph(lang.N("{{.Count}} export files deleted.", out.deleted, map[string]any{"Count": strconv.Itoa(out.deleted)})))
	case !removed && len(out.res.Exports) > 0:
		objs = append(objs, paragraph(lang.N("{{.Count}} export files were kept: delete them once they are no longer needed.", len(out.res.Exports), map[string]any{"Count": strconv.Itoa(len(out.res.Exports))})))
	}
	list := widget.NewButtonWithIcon(lang.L("Back to the list"), theme.NavigateBackIcon(), v.shell.openList)
	list.Importance = widget.HighImportance
	v.box.Objects = append(objs, container.NewHBox(list))
	v.box.Refresh()
}

// skippedNames words the kinds of trace the proof did not look for.
func skippedNames(kinds []string) []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		switch k {
		case "name":
			out[i] = lang.L("the name")
		case "phone":
			out[i] = lang.L("the phone number")
		case "email":
			out[i] = lang.L("the email address")
		default:
			out[i] = k
		}
	}
	return out
}
