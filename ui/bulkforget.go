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

// bulkChunk is how many clients one call of privacy.ForgetMany forgets, so
// that the progress bar moves between calls.
const bulkChunk = 200

// namesShown is how many names a preview lists before "and N more".
const namesShown = 30

// onPreview weighs the chosen clients by the rules of forgetting, in the
// background, and shows who will be forgotten and who is blocked and why.
func (v *inactiveView) onPreview() {
	ids := v.chosenIDs()
	if len(ids) == 0 {
		return
	}
	v.problem.clear()
	working(v.activity, true, v.find, v.forget)
	end := v.shell.begin(lang.L("Checking what forgetting would do…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (privacy.BulkPreview, error) {
		return privacy.PreviewForgetMany(ctx, db, ids)
	}, func(p privacy.BulkPreview, err error) {
		end()
		working(v.activity, false, v.find, v.forget)
		if err != nil {
			v.problem.show(lang.L("This could not be checked."), err)
			return
		}
		v.preview = &p
		v.showPreview()
	})
}

// showPreview lists who will be forgotten, who is blocked and why, what
// is erased and kept, and offers Forget naming the count.
func (v *inactiveView) showPreview() {
	p := v.preview
	code := v.shell.u.lang
	n := len(p.Forget)
	back := widget.NewButtonWithIcon(lang.L("Back to the inactive clients"), theme.NavigateBackIcon(), v.showList)
	title := heading(lang.L("None of the chosen clients can be forgotten now."))
	if n > 0 {
		title = heading(lang.N("Forget {{.Count}} clients (GDPR Art. 17)", n, map[string]any{"Count": formatCount(code, n)}))
	}
	objs := []fyne.CanvasObject{container.NewHBox(back), title}
	if n > 0 {
		objs = append(objs, subheading(lang.L("Will be forgotten")), paragraph(v.names(p.Forget)))
	}
	objs = append(objs, v.blockedLines(p.Blocked)...)
	objs = append(objs, v.warningLines(p.Warnings)...)
	var forget *widget.Button
	if n > 0 {
		undo := paragraph(lang.L("This cannot be undone."))
		undo.Importance = widget.DangerImportance
		undo.TextStyle.Bold = true
		objs = append(objs,
			subheading(lang.L("Erased for good")),
			paragraph(lang.L("Each card's name, phone, email, birth date, address, notes and health notes, its entries in the search, its consent records and the notes on its bookings and payments; the export files Kartoteka wrote for them.")),
			subheading(lang.L("Kept, without the person")),
			paragraph(lang.L("Bookings, payments and invoices, for the salon's accounts, under “Anonymized client #N”; invoices unchanged until their statutory period ends.")),
			undo)
		forget = widget.NewButtonWithIcon(lang.N("Forget {{.Count}} clients", n, map[string]any{"Count": formatCount(code, n)}), theme.DeleteIcon(), v.onConfirm)
		forget.Importance = widget.DangerImportance
		v.confirm = forget
		objs = append(objs, container.NewHBox(forget))
	}
	objs = append(objs, v.problem)
	v.body.Objects = []fyne.CanvasObject{widePage(container.NewVBox(objs...))}
	v.body.Refresh()
	if forget != nil {
		v.shell.u.win.Canvas().Focus(forget)
	} else {
		v.shell.u.win.Canvas().Focus(back)
	}
}

// names lists the names of ids, the first namesShown of them.
func (v *inactiveView) names(ids []int64) string {
	var out string
	for i, id := range ids {
		if i == namesShown {
			out += " " + lang.L("and {{.Count}} more", map[string]any{"Count": formatCount(v.shell.u.lang, len(ids)-i)})
			break
		}
		if i > 0 {
			out += ", "
		}
		out += v.nameOf(id)
	}
	return out
}

// blockedLines say who is left alone and why, one line each.
func (v *inactiveView) blockedLines(bs []privacy.Blocked) []fyne.CanvasObject {
	if len(bs) == 0 {
		return nil
	}
	head := subheading(lang.N("{{.Count}} cannot be forgotten and stay as they are", len(bs), map[string]any{"Count": formatCount(v.shell.u.lang, len(bs))}))
	texts := make([]string, len(bs))
	for i, b := range bs {
		texts[i] = "• " + v.nameOf(b.Client) + " (" + cardNumber(b.Client) + "): " + blockWords(b.Blocks)
	}
	return []fyne.CanvasObject{head, textLines(texts, widget.WarningImportance),
		paragraph(lang.L("Open a card to clear what blocks it: lift the restriction, cancel the bookings, or release the hold."))}
}

// warningLines say, client by client, what forgetting them one by one
// would point out first: they are forgotten with the others unless the
// owner goes back and leaves them out.
func (v *inactiveView) warningLines(ws []privacy.BulkWarning) []fyne.CanvasObject {
	if len(ws) == 0 {
		return nil
	}
	code := v.shell.u.lang
	texts := make([]string, len(ws))
	for i, w := range ws {
		var words []string
		for _, k := range w.Kinds {
			words = append(words, bulkWarningWords(k))
		}
		texts[i] = "• " + v.nameOf(w.Client) + " (" + cardNumber(w.Client) + "): " + strings.Join(words, "; ")
	}
	return []fyne.CanvasObject{subheading(lang.N("Look at {{.Count}} of them first", len(ws), map[string]any{"Count": formatCount(code, len(ws))})),
		textLines(texts, widget.MediumImportance),
		paragraph(lang.L("They are forgotten with the others. To leave one out, go back and untick it."))}
}

// bulkWarningWords names what a bulk preview warns of.
func bulkWarningWords(kind string) string {
	switch kind {
	case privacy.WarnOpenBalance:
		return lang.L("money still open: settle it first, it cannot be asked for once the name is gone")
	case privacy.WarnInvoicesKept:
		return lang.L("invoices keep the name until their statutory period ends")
	case privacy.WarnPossibleDuplicate:
		return lang.L("another card, not chosen, may be the same person")
	case privacy.WarnOpenRequest:
		return lang.L("a privacy request is still to be answered")
	}
	return kind
}

// onConfirm asks once, naming the count.
func (v *inactiveView) onConfirm() {
	n := len(v.preview.Forget)
	count := map[string]any{"Count": formatCount(v.shell.u.lang, n)}
	v.asked = askOnce(v.shell.u.win, lang.L("Forget the clients?"),
		lang.N("Forget {{.Count}} clients for good? This cannot be undone.", n, count),
		lang.N("Forget {{.Count}} clients", n, count), v.run, nil)
}

// bulkOutcome is what forgetting in bulk did.
type bulkOutcome struct {
	res           privacy.BulkResult
	deleted, left int
	warning       error // privacy.ErrAfterwards: done, but a file beside could not be updated
}

// run forgets the clients of the preview in the background, a chunk at a
// time, with the progress on show. The blocked go along: ForgetMany weighs
// each again, leaves them alone and says why, as they stand by then.
func (v *inactiveView) run() {
	ids := slices.Clone(v.preview.Forget)
	for _, b := range v.preview.Blocked {
		ids = append(ids, b.Client)
	}
	ledgers := backupFolders(v.shell.u)
	v.bar = widget.NewProgressBar()
	v.body.Objects = []fyne.CanvasObject{page(
		heading(lang.L("Forgetting…")),
		paragraph(lang.N("Forgetting {{.Count}} clients, then proving it. Keep Kartoteka open until it is done.", len(v.preview.Forget),
			map[string]any{"Count": formatCount(v.shell.u.lang, len(v.preview.Forget))})),
		v.bar)}
	v.body.Refresh()
	end := v.shell.begin(lang.L("Forgetting, then proving it…"))
	report := progress(v.shell.u, func(f float64) {
		if v.bar != nil {
			v.bar.SetValue(f)
		}
	})
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (bulkOutcome, error) {
		return forgetInChunks(ctx, db, ids, ledgers, report)
	}, func(out bulkOutcome, err error) {
		end()
		v.shell.loadCounts()
		v.showSummary(out, err)
	})
}

// forgetInChunks forgets ids with privacy.ForgetMany, bulkChunk at a time,
// reporting each chunk done, and deletes the export files written for
// them. The proof sums the traces found; its pages are the last pass's,
// which read the whole database.
func forgetInChunks(ctx context.Context, db *store.DB, ids []int64, ledgers []string, report func(done, total int)) (bulkOutcome, error) {
	var out bulkOutcome
	dirs := []string{filepath.Dir(db.Path())}
	report(0, len(ids))
	done := 0
	for chunk := range slices.Chunk(ids, bulkChunk) {
		res, err := privacy.ForgetMany(ctx, db, chunk, "inactive client", dirs, ledgers...)
		if errors.Is(err, privacy.ErrAfterwards) {
			out.warning, err = err, nil
		}
		r := &out.res
		r.Forgotten = append(r.Forgotten, res.Forgotten...)
		r.Blocked = append(r.Blocked, res.Blocked...)
		r.Exports = append(r.Exports, res.Exports...)
		r.Proof.Found += res.Proof.Found
		r.Proof.Pages = max(r.Proof.Pages, res.Proof.Pages)
		r.Proof.Files = max(r.Proof.Files, res.Proof.Files)
		for _, f := range res.Proof.FoundIn {
			if !slices.Contains(r.Proof.FoundIn, f) {
				r.Proof.FoundIn = append(r.Proof.FoundIn, f)
			}
		}
		if err != nil {
			return out, err
		}
		done += len(chunk)
		report(done, len(ids))
	}
	out.deleted, out.left = privacy.RemoveExports(out.res.Exports)
	return out, nil
}

// showSummary ends the flow: how many were forgotten, who was blocked and
// why, and the proof.
func (v *inactiveView) showSummary(out bulkOutcome, err error) {
	v.bar = nil
	code := v.shell.u.lang
	r := out.res
	n := len(r.Forgotten)
	objs := []fyne.CanvasObject{heading(lang.L("Inactive clients forgotten"))}
	if err != nil {
		p := newProblemBox()
		p.show(lang.L("Forgetting stopped with an error."), err)
		objs = append(objs, p)
	}
	objs = append(objs, paragraph(lang.N("{{.Count}} clients forgotten: each card is now “Anonymized client #N”.", n,
		map[string]any{"Count": formatCount(code, n)})))
	objs = append(objs, v.blockedLines(r.Blocked)...)
	if n > 0 {
		proof := paragraph("")
		if r.Proof.Found == 0 {
			proof.SetText(lang.L("Proof: no trace of the forgotten clients found in {{.Pages}} pages of the database and its log.", map[string]any{"Pages": strconv.Itoa(r.Proof.Pages)}))
			proof.Importance = widget.SuccessImportance
		} else {
			proof.SetText(proofFault(r.Proof, true))
			proof.Importance = widget.DangerImportance
		}
		objs = append(objs, proof)
	}
	if out.warning != nil {
		w := newProblemBox()
		w.show(lang.L("The erasure is done, but the erasure record beside the backups could not be written; it is written with the next backup or erasure."), out.warning)
		objs = append(objs, w)
	}
	switch {
	case out.left > 0:
		objs = append(objs, paragraph(lang.L("{{.Left}} export files could not be deleted: delete them by hand.", map[string]any{"Left": strconv.Itoa(out.left)})))
	case out.deleted > 0:
		objs = append(objs, paragraph(lang.N("{{.Count}} export files deleted.", out.deleted, map[string]any{"Count": strconv.Itoa(out.deleted)})))
	}
	list := widget.NewButtonWithIcon(lang.L("Back to the list"), theme.NavigateBackIcon(), v.shell.openList)
	list.Importance = widget.HighImportance
	again := widget.NewButtonWithIcon(lang.L("Back to the inactive clients"), theme.HistoryIcon(), v.shell.openInactive)
	objs = append(objs, container.NewHBox(list, again))
	v.summary = container.NewVBox(objs...)
	v.body.Objects = []fyne.CanvasObject{widePage(v.summary)}
	v.body.Refresh()
	v.shell.u.win.Canvas().Focus(list)
}
