package ui

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
)

// prefExportFolder remembers the folder of the last export (a place on the
// owner's computer, not personal data of a client).
const prefExportFolder = "export.folder"

// exportView writes a client's personal data from the card: a printable PDF
// (GDPR Art. 15) and/or a portable JSON (Art. 20), in the client's language
// or another, into a folder the owner picks (remembered), named by client
// number and day. Open shows the PDF in the system's viewer, for printing.
type exportView struct {
	shell  *shellScreen
	client store.Client

	pdf, json *widget.Check
	language  *widget.Select
	folder    string
	folderBox *widget.Label
	choose    *widget.Button
	names     *widget.Label
	export    *widget.Button
	back      *widget.Button
	activity  *widget.Activity
	problem   *problemBox
	gaps      *fyne.Container // what the salon's details lack, with a way to Settings
	done      *widget.Label
	open      *widget.Button
	openDir   *widget.Button
	written   []store.ExportFile
	root      *fyne.Container
	// onDone, when set, is called once the files are written: a privacy
	// request the export answers offers to close.
	onDone func(files []store.ExportFile)
}

func newExportView(shell *shellScreen, c store.Client, back func()) *exportView {
	v := &exportView{shell: shell, client: c, problem: newProblemBox()}
	v.pdf = widget.NewCheck(lang.L("Printable PDF, to hand over (GDPR Art. 15)"), func(bool) { v.update() })
	v.json = widget.NewCheck(lang.L("Portable JSON file, for another system (GDPR Art. 20)"), func(bool) { v.update() })
	v.pdf.Checked, v.json.Checked = true, true // update runs once the rest is made
	code := c.Language
	if code == "" {
		code = shell.u.salon.Language
	}
	if code = supportedLanguage(code); code == "" {
		code = "en"
	}
	v.language = newLanguageSelect(code, func(string) {})
	v.folder = shell.u.fyne.Preferences().String(prefExportFolder)
	if v.folder == "" {
		v.folder = defaultExportFolder()
	}
	v.folderBox = widget.NewLabel("")
	v.folderBox.Wrapping = fyne.TextWrapBreak
	v.choose = widget.NewButtonWithIcon(lang.L("Choose folder…"), theme.FolderOpenIcon(), v.onChoose)
	v.names = widget.NewLabel("")
	v.names.Importance = widget.LowImportance
	v.names.Wrapping = fyne.TextWrapWord
	v.export = widget.NewButtonWithIcon(lang.L("Export"), theme.DocumentSaveIcon(), v.onExport)
	v.export.Importance = widget.HighImportance
	v.back = widget.NewButtonWithIcon(lang.L("Back"), theme.NavigateBackIcon(), back)
	v.activity = widget.NewActivity()
	v.activity.Hide()
	v.done = widget.NewLabel("")
	v.done.Wrapping = fyne.TextWrapWord
	v.done.Hide()
	v.open = widget.NewButtonWithIcon(lang.L("Open the PDF to print it"), theme.DocumentPrintIcon(), v.onOpen)
	v.open.Hide()
	v.openDir = widget.NewButtonWithIcon(lang.L("Open the folder"), theme.FolderOpenIcon(), v.onOpenFolder)
	v.openDir.Hide()
	v.gaps = controllerWarning(shell.u.salon, func() { shell.onNav(sectionSettings) })
	v.update()
	return v
}

// defaultExportFolder is the owner's Documents folder, else their home.
func defaultExportFolder() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if d := filepath.Join(home, "Documents"); isDir(d) {
		return d
	}
	return home
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

func (v *exportView) content() fyne.CanvasObject {
	form := newFieldForm()
	form.add("formats", lang.L("Formats"), container.NewVBox(v.pdf, v.json))
	form.add("language", lang.L("Language"), v.language)
	form.add("folder", lang.L("Folder"), container.NewVBox(v.folderBox, container.NewHBox(v.choose), v.names))
	v.root = container.NewVBox(
		container.NewHBox(v.back),
		heading(lang.L("Export the data of {{.Name}}", map[string]any{"Name": clientName(v.client)})),
		paragraph(lang.L("Everything the salon holds about the client, with the information the GDPR requires, to print and hand over or to give as a file.")),
		v.gaps,
		form.content(),
		v.problem,
		container.NewBorder(nil, nil, nil, container.NewHBox(v.activity, v.export)),
		v.done,
		container.NewHBox(v.open, v.openDir),
	)
	return widePage(v.root)
}

// files are the paths the export would write now.
func (v *exportView) files() (pdf, json string) {
	day := v.shell.u.now()
	if v.pdf.Checked {
		pdf = filepath.Join(v.folder, privacy.DefaultExportName(v.client.ID, store.FormatPDF, day))
	}
	if v.json.Checked {
		json = filepath.Join(v.folder, privacy.DefaultExportName(v.client.ID, store.FormatJSON, day))
	}
	return pdf, json
}

// update shows the folder and the names the files will get.
func (v *exportView) update() {
	v.folderBox.SetText(v.folder)
	pdf, json := v.files()
	var names []string
	for _, p := range []string{pdf, json} {
		if p != "" {
			names = append(names, filepath.Base(p))
		}
	}
	if len(names) == 0 {
		v.names.SetText(lang.L("Choose at least one of the two."))
		v.export.Disable()
		return
	}
	text := names[0]
	if len(names) > 1 {
		text += ", " + names[1]
	}
	v.names.SetText(lang.L("Files: {{.Names}}", map[string]any{"Names": text}))
	v.export.Enable()
}

func (v *exportView) onChoose() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		v.setFolder(dir.Path())
	}, v.shell.u.win)
	if l, err := storage.ListerForURI(storage.NewFileURI(v.folder)); err == nil {
		d.SetLocation(l)
	}
	d.Show()
}

// setFolder makes dir the folder of exports, now and next time.
func (v *exportView) setFolder(dir string) {
	v.folder = dir
	v.shell.u.fyne.Preferences().SetString(prefExportFolder, dir)
	v.update()
}

func (v *exportView) onExport() {
	pdf, json := v.files()
	req := privacy.ExportRequest{ClientID: v.client.ID, PDF: pdf, JSON: json, Now: v.shell.u.now()}
	if i := v.language.SelectedIndex(); i >= 0 && i < len(languages) {
		req.Language = languages[i].Code
	}
	v.problem.clear()
	v.done.Hide()
	v.open.Hide()
	v.openDir.Hide()
	v.setWorking(true)
	end := v.shell.begin(lang.L("Exporting…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) ([]store.ExportFile, error) {
		return privacy.Export(ctx, db, req)
	}, func(files []store.ExportFile, err error) {
		end()
		v.setWorking(false)
		if err != nil {
			v.problem.show(lang.L("The export could not be written."), err)
			v.root.Refresh()
			return
		}
		v.written = files
		v.done.SetText(lang.N("{{.Count}} files written to {{.Folder}}.", len(files), map[string]any{"Count": strconv.Itoa(len(files)), "Folder": v.folder}))
		v.done.Show()
		if req.PDF != "" {
			v.open.Show()
		}
		v.openDir.Show()
		v.root.Refresh()
		if v.onDone != nil {
			v.onDone(files)
		}
	})
}

func (v *exportView) onOpen() {
	for _, f := range v.written {
		if f.Format == store.FormatPDF {
			v.openPath(f.Path)
		}
	}
}

func (v *exportView) onOpenFolder() { v.openPath(v.folder) }

// openPath shows a file or folder in the system's viewer.
func (v *exportView) openPath(path string) {
	link, err := url.Parse(storage.NewFileURI(path).String())
	if err != nil {
		return
	}
	if err := v.shell.u.fyne.OpenURL(link); err != nil {
		v.problem.show(lang.L("The system could not open it."), err)
	}
}

// setWorking disables the view while the files are written.
func (v *exportView) setWorking(on bool) {
	working(v.activity, on, v.pdf, v.json, v.language, v.choose, v.export, v.back)
	if !on {
		v.update()
	}
}
