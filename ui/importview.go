package ui

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// previewRows is how many rows of the file the import shows.
const previewRows = 5

// importColumnWidth is the width of a column of the preview: six fit
// beside the navigation in a window 1024 wide; more scroll sideways.
const importColumnWidth = 140

// importEncodings are the encodings the owner may choose, in
// store.ImportEncodings' order, without auto: the detected one is chosen.
var importEncodings = []string{store.EncodingUTF8, store.EncodingCP1250, store.EncodingCP1252, store.EncodingISO88592, store.EncodingISO15}

// importView imports clients from a CSV file all or nothing: it reads the
// file (the path typed, or chosen in the file dialog), detects its
// encoding (choosable), shows the first rows with the field each column
// fills (choosable), checks every row without writing (a dry run),
// listing each rejected row with its line and reason and each row that
// may be a client the salon has, with a choice per row or for all; then
// imports, in the background, and sums up. Consents are recorded only
// where the file states them.
type importView struct {
	shell *shellScreen

	path     *textEntry
	choose   *widget.Button
	read     *widget.Button
	encoding *widget.Select
	columns  *fyne.Container // the preview: a column per column of the file
	preview  *sideScroll     // the columns, scrolled sideways
	page     *container.Scroll
	fields   []*widget.Select
	report   *fyne.Container // what the dry run found
	forAll   *widget.Select
	rowDecs  map[int]*widget.Select
	importB  *widget.Button
	activity *widget.Activity
	problem  *problemBox
	body     *fyne.Container
	summary  *widget.Label // once imported

	data      []byte
	country   string
	detected  string
	chosen    map[int]string // the owner's mapping, by column
	decisions map[int]string // skip, merge or import, by line
	all       string         // the choice for every row not decided on its own
	checked   bool           // the dry run of the current choices passed
	seq       int
	rep       store.ImportReport
	checkErr  error
	names     map[int64]string // the cards rows may be, by number
}

// openImport shows the import of clients.
func (s *shellScreen) openImport() {
	if !s.u.mayImport() {
		s.warn(notAllowed(store.PermClientsEdit))
		return
	}
	v := newImportView(s)
	s.showClientsView(v.body)
	s.tools = &clientTools{importer: v}
	s.u.win.Canvas().Focus(v.path)
}

func newImportView(shell *shellScreen) *importView {
	v := &importView{shell: shell, problem: newProblemBox(), chosen: map[int]string{}, decisions: map[int]string{},
		rowDecs: map[int]*widget.Select{}, country: shell.u.salon.Country}
	v.path = newEntry()
	v.path.SetPlaceHolder(lang.L("The file's path, or choose it"))
	v.path.OnSubmitted = func(string) { v.onRead() }
	v.choose = widget.NewButtonWithIcon(lang.L("Choose file…"), theme.FolderOpenIcon(), v.onChoose)
	v.read = widget.NewButtonWithIcon(lang.L("Read"), theme.DocumentIcon(), v.onRead)
	names := make([]string, len(importEncodings))
	for i, e := range importEncodings {
		names[i] = encodingName(e)
	}
	v.encoding = widget.NewSelect(names, func(string) { v.check() })
	v.encoding.PlaceHolder = lang.L("Detected when the file is read")
	v.encoding.Disable()
	v.columns = container.NewHBox()
	v.report = container.NewVBox()
	v.importB = widget.NewButtonWithIcon(lang.L("Import"), theme.UploadIcon(), v.onImport)
	v.importB.Importance = widget.HighImportance
	v.importB.Disable()
	v.activity = widget.NewActivity()
	v.activity.Hide()
	back := widget.NewButtonWithIcon(lang.L("Client tools"), theme.NavigateBackIcon(), shell.openTools)
	form := newFieldForm()
	form.add("file", lang.L("File"), container.NewBorder(nil, nil, nil, container.NewHBox(v.choose, v.read), v.path))
	form.add("encoding", lang.L("Encoding"), v.encoding)
	v.preview = &sideScroll{Scroll: container.NewHScroll(container.NewPadded(v.columns))}
	v.page = container.NewVScroll(container.NewPadded(container.NewVBox(
		container.NewHBox(back),
		heading(lang.L("Import clients")),
		paragraph(lang.L("A CSV file with a header row, as spreadsheets and other salon programs save it. Nothing is imported while any row is refused; marketing consents are recorded only where the file states them.")),
		form.content(),
		v.problem,
		v.preview,
		v.report,
		container.NewBorder(nil, nil, nil, container.NewHBox(v.activity, v.importB)),
	)))
	v.preview.page = v.page
	v.body = container.NewStack(v.page)
	return v
}

// sideScroll scrolls the preview's columns sideways with a sideways wheel
// or trackpad, and passes an up-and-down wheel on to the page: a plain
// horizontal scroller turns the wheel sideways, and the page under the
// preview (the report, the Import button) could not be wheeled to.
type sideScroll struct {
	*container.Scroll
	page *container.Scroll
}

func (s *sideScroll) Scrolled(ev *fyne.ScrollEvent) {
	if ev.Scrolled.DX == 0 && s.page != nil {
		s.page.Scrolled(ev)
		return
	}
	s.Scroll.Scrolled(ev)
}

// encodingName is an encoding as the owner knows it.
func encodingName(e string) string {
	switch e {
	case store.EncodingUTF8:
		return "UTF-8"
	case store.EncodingUTF16:
		return "UTF-16"
	case store.EncodingCP1250:
		return lang.L("Windows-1250 (Central European)")
	case store.EncodingCP1252:
		return lang.L("Windows-1252 (Western European)")
	case store.EncodingISO88592:
		return "ISO-8859-2"
	case store.EncodingISO15:
		return "ISO-8859-15"
	}
	return e
}

func (v *importView) onChoose() {
	d := dialog.NewFileOpen(func(f fyne.URIReadCloser, err error) {
		if err != nil || f == nil {
			return
		}
		f.Close()
		v.path.SetText(f.URI().Path())
		v.onRead()
	}, v.shell.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt", ".CSV", ".TXT"}))
	if dir := v.shell.u.fyne.Preferences().String(prefExportFolder); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show()
}

// onRead reads the file in the background, detects its encoding and checks it.
func (v *importView) onRead() {
	path := strings.TrimSpace(v.path.Text)
	if path == "" {
		return
	}
	country := v.country
	v.problem.clear()
	v.data = nil
	v.checked = false
	clear(v.chosen)
	clear(v.decisions)
	v.all = ""
	type read struct {
		data []byte
		enc  string
	}
	dbWork(v.shell.u, func(_ context.Context, db *store.DB) (read, error) {
		data, err := store.ReadImportFile(db.Path(), path)
		if err != nil {
			return read{}, err
		}
		return read{data, store.DetectEncoding(data, country)}, nil
	}, func(r read, err error) {
		if err != nil {
			v.problem.show(lang.L("The file could not be read."), err)
			return
		}
		v.data, v.detected = r.data, r.enc
		v.encoding.OnChanged = nil
		v.encoding.ClearSelected()
		for i, e := range importEncodings {
			if e == r.enc {
				v.encoding.SetSelectedIndex(i)
			}
		}
		v.encoding.OnChanged = func(string) { v.check() }
		v.encoding.Enable()
		v.check()
	})
}

// encodingChosen is the encoding chosen, or the detected one.
func (v *importView) encodingChosen() string {
	if i := v.encoding.SelectedIndex(); i >= 0 {
		return importEncodings[i]
	}
	return v.detected
}

// options are the import's options as chosen.
func (v *importView) options(dry bool) store.ImportOptions {
	o := store.ImportOptions{Encoding: v.encodingChosen(), OnDuplicate: v.all, DryRun: dry,
		Columns: map[int]string{}, Decisions: map[int]string{}}
	for i, f := range v.chosen {
		o.Columns[i] = f
	}
	for l, d := range v.decisions {
		o.Decisions[l] = d
	}
	return o
}

// importCheck is a dry run with the first rows of the file.
type importCheck struct {
	rep    store.ImportReport
	err    error // the dry run's verdict
	header []string
	rows   [][]string
	names  map[int64]string // the cards rows may be, by number
}

// check reads the first rows and checks every row, writing nothing.
func (v *importView) check() {
	if v.data == nil {
		return
	}
	v.seq++
	seq, data, opts, country := v.seq, v.data, v.options(true), v.country
	v.checked = false
	v.importB.Disable()
	working(v.activity, true)
	end := v.shell.begin(lang.L("Checking the file…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (importCheck, error) {
		var c importCheck
		var err error
		if _, c.header, c.rows, err = store.ImportPreview(data, opts.Encoding, country, previewRows); err != nil {
			return c, err
		}
		c.rep, c.err = db.ImportClients(ctx, bytes.NewReader(data), opts)
		var ids []int64
		for _, d := range c.rep.Duplicates() {
			for _, m := range d.Duplicates {
				if m.Client != 0 {
					ids = append(ids, m.Client)
				}
			}
		}
		if len(ids) > 0 {
			cards, err := db.ClientSummaries(ctx, ids)
			if err != nil {
				return c, err
			}
			c.names = map[int64]string{}
			for _, card := range cards {
				c.names[card.ID] = clientName(card)
			}
		}
		return c, nil
	}, func(c importCheck, err error) {
		end()
		if seq != v.seq {
			return
		}
		working(v.activity, false)
		if err == nil && c.err != nil && !errors.Is(c.err, store.ErrImportRejected) && !errors.Is(c.err, store.ErrImportDuplicates) {
			err = c.err
		}
		v.report.Objects = nil
		v.report.Refresh()
		if len(c.rep.Columns) == 0 {
			v.columns.Objects = nil
			v.columns.Refresh()
		} else {
			v.showColumns(c) // the mapping can be put right by hand
		}
		switch {
		case errors.Is(err, store.ErrBadCSV) && len(c.rep.Columns) > 0:
			// The sentence says it all; the error's words would repeat it.
			v.problem.show(lang.L("Kartoteka needs to know which columns hold the first and last name (or the full name), each field once: choose them below."), nil)
			return
		case err != nil:
			v.problem.show(lang.L("The file cannot be imported."), err)
			return
		}
		v.problem.clear()
		v.rep, v.checkErr, v.names = c.rep, c.err, c.names
		v.showReport()
		v.checked = c.err == nil
		allowIf(v.importB, v.checked)
	})
}

// fieldChoices are the fields a column may fill, in words, the first
// leaving it out.
func fieldChoices() []string {
	out := []string{lang.L("(not imported)")}
	for _, f := range store.ImportFields {
		out = append(out, importFieldName(f))
	}
	return out
}

// importFieldName is a field of the card in words.
func importFieldName(f string) string {
	switch f {
	case store.FieldFirstName:
		return lang.L("First name")
	case store.FieldLastName:
		return lang.L("Last name")
	case store.FieldFullName:
		return lang.L("Full name")
	case store.FieldPhone:
		return lang.L("Phone")
	case store.FieldEmail:
		return lang.L("Email")
	case store.FieldBirthDate:
		return lang.L("Birth date")
	case store.FieldAddress:
		return lang.L("Address")
	case store.FieldPostalCode:
		return lang.L("Postal code")
	case store.FieldCity:
		return lang.L("City")
	case store.FieldLanguage:
		return lang.L("Language")
	case store.FieldNotes:
		return lang.L("Notes")
	case store.FieldConsentEmail:
		return lang.L("Marketing by email (yes/no)")
	case store.FieldConsentSMS:
		return lang.L("Marketing by SMS (yes/no)")
	case "":
		return lang.L("(not imported)")
	}
	return f
}

// showColumns shows each column of the file: its header, the field it
// fills (a drop-down) and its first values.
func (v *importView) showColumns(c importCheck) {
	v.columns.Objects = nil
	v.fields = nil
	choices := fieldChoices()
	for _, col := range c.rep.Columns {
		sel := widget.NewSelect(choices, nil)
		i := col.Index
		idx := 0
		for k, f := range store.ImportFields {
			if f == col.Field {
				idx = k + 1
			}
		}
		sel.SetSelectedIndex(idx)
		sel.OnChanged = func(string) {
			if k := sel.SelectedIndex(); k > 0 {
				v.chosen[i] = store.ImportFields[k-1]
			} else {
				v.chosen[i] = ""
			}
			v.check()
		}
		v.fields = append(v.fields, sel)
		head := widget.NewLabel(col.Header)
		head.TextStyle.Bold = true
		head.Truncation = fyne.TextTruncateEllipsis
		cells := []fyne.CanvasObject{head, sel}
		for _, r := range c.rows {
			val := ""
			if i < len(r) {
				val = r[i]
			}
			l := widget.NewLabel(val)
			l.Truncation = fyne.TextTruncateEllipsis
			if col.Field == "" {
				l.Importance = widget.LowImportance
			}
			cells = append(cells, l)
		}
		v.columns.Add(container.New(&widthLayout{width: importColumnWidth}, container.NewVBox(cells...)))
	}
	v.columns.Refresh()
}

// showReport says what the dry run found: the rows refused, each with its
// line and reason, and the rows that may be clients the salon has, each
// with its choice.
func (v *importView) showReport() {
	rep := v.rep
	code := v.shell.u.lang
	objs := []fyne.CanvasObject{paragraph(lang.L("Read as {{.Encoding}}; {{.Rows}} rows.",
		map[string]any{"Encoding": encodingName(rep.Encoding), "Rows": formatCount(code, rep.Rows)}))}
	if n := len(rep.Rejected); n > 0 {
		h := subheading(lang.N("{{.Count}} rows refused: nothing is imported until they are fixed in the file", n, map[string]any{"Count": formatCount(code, n)}))
		h.Importance = widget.DangerImportance
		objs = append(objs, h)
		objs = append(objs, rejectedList(rep.Rejected))
	}
	v.rowDecs = map[int]*widget.Select{}
	if dups := rep.Duplicates(); len(dups) > 0 {
		objs = append(objs, subheading(lang.N("{{.Count}} rows may be clients you already have", len(dups), map[string]any{"Count": formatCount(code, len(dups))})))
		v.forAll = newDecisionSelect(allDecisions, v.all, func(d string) {
			v.all = d
			clear(v.decisions)
			v.check()
		})
		v.forAll.PlaceHolder = lang.L("Choose for all…")
		objs = append(objs, container.NewBorder(nil, nil, widget.NewLabel(lang.L("All of them:")), nil, container.NewHBox(v.forAll)))
		shown := dups[:min(len(dups), reportRows)]
		for _, d := range shown {
			line := d.Line
			offered := allDecisions
			if d.CannotMerge != "" {
				offered = []string{store.OnDuplicateSkip, store.OnDuplicateImport}
			}
			sel := newDecisionSelect(offered, d.Action, func(dec string) {
				v.decisions[line] = dec
				v.check()
			})
			sel.PlaceHolder = lang.L("Choose…")
			v.rowDecs[line] = sel
			objs = append(objs, container.NewBorder(nil, nil, nil, sel, paragraph(duplicateWords(d, v.names))))
		}
		if more := len(dups) - len(shown); more > 0 {
			objs = append(objs, paragraph(lang.N("{{.Count}} more rows like these follow the choice for all of them.", more,
				map[string]any{"Count": formatCount(code, more)})))
		}
		objs = append(objs, paragraph(lang.L("Merging a row adds it to the card it matches: the card's empty fields are filled and the row's notes added; nothing the card says is changed, and a consent the file states counts only where the card has none of its kind.")))
	}
	switch {
	case errors.Is(v.checkErr, store.ErrImportDuplicates):
		objs = append(objs, paragraph(lang.L("Choose what to do with each row that may be a client you have; then import.")))
	case v.checkErr == nil:
		n := len(rep.Accepted) - rep.Skipped - rep.Merged
		ok := paragraph(lang.N("Ready: {{.Count}} clients will be imported, {{.Merged}} merged into cards you have, {{.Skipped}} skipped.", n,
			map[string]any{"Count": formatCount(code, n), "Merged": formatCount(code, rep.Merged), "Skipped": formatCount(code, rep.Skipped)}))
		ok.Importance = widget.SuccessImportance
		objs = append(objs, ok)
	}
	v.report.Objects = objs
	v.report.Refresh()
}

// reportRows is how many rows the dry run's report shows one by one: the
// rejected rows beyond it scroll in a list of their own, the rows that may
// be clients the salon has follow the choice for all; a file of thousands
// of such rows would otherwise build thousands of widgets at once.
const reportRows = 100

// rejectedList lists every rejected row with its line and reason.
func rejectedList(rejected []store.RejectedRow) fyne.CanvasObject {
	texts := make([]string, len(rejected))
	for i, r := range rejected {
		texts[i] = rejectedWords(r)
	}
	return textLines(texts, widget.DangerImportance)
}

// allDecisions are the answers to a row that may be a client the salon
// has, in the order offered.
var allDecisions = []string{store.OnDuplicateSkip, store.OnDuplicateMerge, store.OnDuplicateImport}

// decisionWords names an answer.
func decisionWords(d string) string {
	switch d {
	case store.OnDuplicateMerge:
		return lang.L("Merge into the card")
	case store.OnDuplicateImport:
		return lang.L("Import anyway")
	}
	return lang.L("Skip")
}

// newDecisionSelect offers the answers offered, with chosen selected (none
// when empty), and tells changed the answer picked.
func newDecisionSelect(offered []string, chosen string, changed func(string)) *widget.Select {
	names := make([]string, len(offered))
	for i, d := range offered {
		names[i] = decisionWords(d)
	}
	sel := widget.NewSelect(names, nil)
	for i, d := range offered {
		if d == chosen {
			sel.SetSelectedIndex(i)
		}
	}
	sel.OnChanged = func(string) {
		if i := sel.SelectedIndex(); i >= 0 {
			changed(offered[i])
		}
	}
	return sel
}

// rejectedWords says why line r was refused, from the rule and never the value.
func rejectedWords(r store.RejectedRow) string {
	var why string
	switch {
	case errors.Is(r.Reason, store.ErrShortYear):
		why = lang.L("write the year with four digits")
	case errors.Is(r.Reason, store.ErrMonthFirst):
		why = lang.L("the dates of this column are written month first: write them as DD.MM.YYYY or YYYY-MM-DD")
	case errors.Is(r.Reason, store.ErrNotYesOrNo):
		why = lang.L("write yes or no, or leave it empty when the client was not asked")
	case errors.Is(r.Reason, store.ErrUnknownLang):
		why = lang.L("not a language Kartoteka speaks (English, Polish, German, Danish)")
	default:
		why = fieldMessage(r.Reason)
	}
	line := map[string]any{"Line": strconv.Itoa(r.Line), "Reason": why}
	if r.Field == "" {
		return lang.L("Line {{.Line}}: {{.Reason}}", line)
	}
	line["Field"] = importFieldName(r.Field)
	return lang.L("Line {{.Line}}, {{.Field}}: {{.Reason}}", line)
}

// duplicateWords says whom row d may be: cards by number and name (names),
// earlier rows by line.
func duplicateWords(d store.ImportRow, names map[int64]string) string {
	var who []string
	for _, m := range d.Duplicates {
		var why []string
		for _, r := range m.Reasons {
			why = append(why, duplicateReason(r))
		}
		w := lang.L("client #{{.ID}}", map[string]any{"ID": itoa(m.Client)})
		if n := names[m.Client]; n != "" {
			w += " " + n
		}
		if m.Client == 0 {
			w = lang.L("line {{.Line}} of the file", map[string]any{"Line": strconv.Itoa(m.Line)})
		}
		who = append(who, w+" ("+strings.Join(why, ", ")+")")
	}
	text := lang.L("Line {{.Line}} may be {{.Who}}", map[string]any{"Line": strconv.Itoa(d.Line), "Who": strings.Join(who, "; ")})
	switch d.CannotMerge {
	case store.CannotMergeSeveral:
		text += " " + lang.L("(it cannot be merged: it matches several cards)")
	case store.CannotMergeRow:
		text += " " + lang.L("(it cannot be merged: it matches only earlier lines of the file)")
	case store.CannotMergeRestricted:
		text += " " + lang.L("(it cannot be merged: the card's processing is restricted)")
	case store.CannotMergeOtherName:
		text += " " + lang.L("(it cannot be merged: the card has another name, so it may be someone sharing the phone or email)")
	}
	return text
}

// onImport imports the file, all or nothing, in the background.
func (v *importView) onImport() {
	if !v.checked || v.data == nil {
		return
	}
	data, opts := v.data, v.options(false)
	v.importB.Disable()
	working(v.activity, true, v.encoding, v.path, v.choose, v.read)
	end := v.shell.begin(lang.L("Importing clients…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (store.ImportReport, error) {
		return db.ImportClients(ctx, bytes.NewReader(data), opts)
	}, func(rep store.ImportReport, err error) {
		end()
		working(v.activity, false, v.encoding, v.path, v.choose, v.read)
		if err != nil {
			v.problem.show(lang.L("Nothing was imported."), err)
			v.check()
			return
		}
		v.shell.loadCounts()
		v.showSummary(rep)
	})
}

// showSummary ends the import with what it did.
func (v *importView) showSummary(rep store.ImportReport) {
	code := v.shell.u.lang
	v.summary = paragraph(lang.N("{{.Count}} clients imported, {{.Merged}} merged into cards you have, {{.Skipped}} skipped; {{.Consents}} consent records as the file states them.", rep.Imported,
		map[string]any{"Count": formatCount(code, rep.Imported), "Merged": formatCount(code, rep.Merged), "Skipped": formatCount(code, rep.Skipped), "Consents": formatCount(code, rep.Consents)}))
	v.summary.Importance = widget.SuccessImportance
	list := widget.NewButtonWithIcon(lang.L("Back to the list"), theme.NavigateBackIcon(), v.shell.openList)
	list.Importance = widget.HighImportance
	v.body.Objects = []fyne.CanvasObject{page(heading(lang.L("Clients imported")), v.summary, container.NewHBox(list))}
	v.body.Refresh()
	v.shell.u.win.Canvas().Focus(list)
}
