package ui

import (
	"context"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
	kwidget "kartoteka/ui/widget"
)

// saveTarget is where a list is saved: the folder of exports (chosen as
// the client export chooses it, and remembered) and a file name.
type saveTarget struct {
	shell  *shellScreen
	folder string
	shown  *widget.Label
	choose *widget.Button
	name   *textEntry
}

func newSaveTarget(shell *shellScreen, name string) *saveTarget {
	t := &saveTarget{shell: shell, shown: widget.NewLabel(""), name: newEntry()}
	t.folder = shell.u.fyne.Preferences().String(prefExportFolder)
	if t.folder == "" {
		t.folder = defaultExportFolder()
	}
	t.shown.Wrapping = fyne.TextWrapBreak
	t.shown.SetText(t.folder)
	t.choose = widget.NewButtonWithIcon(lang.L("Choose folder…"), theme.FolderOpenIcon(), t.onChoose)
	t.name.SetText(name)
	return t
}

// addTo adds the folder and the file name to form.
func (t *saveTarget) addTo(form *fieldForm) {
	form.add("folder", lang.L("Folder"), container.NewVBox(t.shown, container.NewHBox(t.choose)))
	form.add("file", lang.L("File name"), t.name)
}

func (t *saveTarget) onChoose() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		t.folder = dir.Path()
		t.shell.u.fyne.Preferences().SetString(prefExportFolder, t.folder)
		t.shown.SetText(t.folder)
	}, t.shell.u.win)
	if l, err := storage.ListerForURI(storage.NewFileURI(t.folder)); err == nil {
		d.SetLocation(l)
	}
	d.Show()
}

// path is the file to write; "" while the name is empty.
func (t *saveTarget) path() string {
	name := strings.TrimSpace(t.name.Text)
	if name == "" {
		return ""
	}
	return filepath.Join(t.folder, name)
}

// mailingView saves the mailing list of a channel (email or SMS) as CSV or
// vCard: the clients whose marketing consent for it is in force, never a
// restricted or forgotten one. It shows the count first; writing it is
// audited.
type mailingView struct {
	shell    *shellScreen
	channel  *kwidget.RadioGroup
	format   *kwidget.RadioGroup
	count    *widget.Label
	target   *saveTarget
	save     *widget.Button
	activity *widget.Activity
	problem  *problemBox
	done     *widget.Label
	counted  int  // clients on the list, once counted
	known    bool // counted is the count of the channel chosen
	seq      int
}

var (
	mailingChannels = []string{privacy.ChannelEmail, privacy.ChannelSMS}
	mailingFormats  = []string{privacy.FormatCSV, privacy.FormatVCard}
)

// openMailing shows the mailing lists.
func (s *shellScreen) openMailing() {
	if !s.u.mayMailing() {
		s.warn(notAllowed(store.PermExport))
		return
	}
	v := newMailingView(s)
	s.showClientsView(v.content())
	s.tools = &clientTools{mailing: v}
	s.u.win.Canvas().Focus(v.channel)
}

func newMailingView(shell *shellScreen) *mailingView {
	v := &mailingView{shell: shell, problem: newProblemBox()}
	v.channel = kwidget.NewRadioGroup([]string{lang.L("Email"), lang.L("Text message (SMS)")}, func(string) { v.onChannel() })
	v.channel.Horizontal = true
	v.format = kwidget.NewRadioGroup([]string{lang.L("CSV (spreadsheet, mailing programs)"), lang.L("vCard (contacts, phones)")}, func(string) { v.onFormat() })
	v.channel.Selected, v.format.Selected = v.channel.Options[0], v.format.Options[0]
	v.count = widget.NewLabel("")
	v.count.Wrapping = fyne.TextWrapWord
	v.target = newSaveTarget(shell, v.fileName())
	v.target.name.OnSubmitted = func(string) { v.onSave() }
	v.save = widget.NewButtonWithIcon(lang.L("Save the list"), theme.DocumentSaveIcon(), v.onSave)
	v.save.Importance = widget.HighImportance
	v.activity = widget.NewActivity()
	v.activity.Hide()
	v.done = widget.NewLabel("")
	v.done.Wrapping = fyne.TextWrapWord
	v.done.Importance = widget.SuccessImportance
	v.done.Hide()
	v.onChannel()
	return v
}

func (v *mailingView) content() fyne.CanvasObject {
	back := widget.NewButtonWithIcon(lang.L("Client tools"), theme.NavigateBackIcon(), v.shell.openTools)
	form := newFieldForm()
	form.add("channel", lang.L("Channel"), v.channel)
	form.add("format", lang.L("File format"), v.format)
	v.target.addTo(form)
	return page(container.NewHBox(back), heading(lang.L("Mailing list")),
		paragraph(lang.L("Only the clients whose consent to marketing by this channel is in force, with an address for it; never a restricted or forgotten one. Saving the list is recorded in the audit log.")),
		v.count, form.content(), v.problem,
		container.NewBorder(nil, nil, nil, container.NewHBox(v.activity, v.save)), v.done)
}

func (v *mailingView) channelCode() string { return mailingChannels[max(v.channel.SelectedIndex(), 0)] }
func (v *mailingView) formatCode() string  { return mailingFormats[max(v.format.SelectedIndex(), 0)] }

func (v *mailingView) fileName() string {
	return privacy.MailingListFileName(v.channelCode(), v.formatCode(), v.shell.u.now())
}

// onChannel counts the channel's list and names the file after it.
func (v *mailingView) onChannel() {
	v.onFormat()
	v.seq++
	seq, channel := v.seq, v.channelCode()
	v.known = false
	v.count.SetText(lang.L("Counting…"))
	v.save.Disable()
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (int, error) {
		cs, err := privacy.MailingList(ctx, db, channel)
		return len(cs), err
	}, func(n int, err error) {
		if seq != v.seq {
			return
		}
		if err != nil {
			v.count.SetText("")
			v.problem.show(lang.L("The clients could not be loaded."), err)
			return
		}
		v.counted, v.known = n, true
		count := map[string]any{"Count": formatCount(v.shell.u.lang, n)}
		if channel == privacy.ChannelSMS {
			v.count.SetText(lang.N("{{.Count}} clients agreed to marketing by SMS and have a phone number.", n, count))
		} else {
			v.count.SetText(lang.N("{{.Count}} clients agreed to marketing by email and have an email address.", n, count))
		}
		v.save.Enable()
	})
}

// onFormat names the file after the channel and format, unless the owner
// typed a name of their own.
func (v *mailingView) onFormat() {
	if v.target == nil {
		return
	}
	name := strings.TrimSpace(v.target.name.Text)
	if name == "" || strings.HasPrefix(name, "mailing-list-") {
		v.target.name.SetText(v.fileName())
	}
}

// onSave writes the list in the background.
func (v *mailingView) onSave() {
	path := v.target.path()
	if path == "" || !v.known {
		return
	}
	channel, format := v.channelCode(), v.formatCode()
	v.problem.clear()
	v.done.Hide()
	working(v.activity, true, v.save, v.target.choose, v.target.name)
	end := v.shell.begin(lang.L("Saving the list…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (int, error) {
		return privacy.WriteMailingList(ctx, db, channel, format, path)
	}, func(n int, err error) {
		end()
		working(v.activity, false, v.save, v.target.choose, v.target.name)
		if err != nil {
			v.problem.show(lang.L("The list could not be saved."), err)
			return
		}
		v.done.SetText(lang.N("{{.Count}} clients saved to {{.Path}}.", n, map[string]any{"Count": formatCount(v.shell.u.lang, n), "Path": path}))
		v.done.Show()
	})
}

// clientListView saves the list of live clients as CSV for the owner's
// own records: no notes or health notes, restricted clients left out and
// counted. Writing it is audited.
type clientListView struct {
	shell    *shellScreen
	target   *saveTarget
	save     *widget.Button
	activity *widget.Activity
	problem  *problemBox
	done     *widget.Label
}

// openClientList shows the export of the client list.
func (s *shellScreen) openClientList() {
	if !s.u.mayClientList() {
		s.warn(notAllowed(store.PermClientsView, store.PermExport))
		return
	}
	v := &clientListView{shell: s, problem: newProblemBox(), activity: widget.NewActivity()}
	v.target = newSaveTarget(s, privacy.ClientListFileName(s.u.now()))
	v.target.name.OnSubmitted = func(string) { v.onSave() }
	v.save = widget.NewButtonWithIcon(lang.L("Save the list"), theme.DocumentSaveIcon(), v.onSave)
	v.save.Importance = widget.HighImportance
	v.activity.Hide()
	v.done = widget.NewLabel("")
	v.done.Wrapping = fyne.TextWrapWord
	v.done.Importance = widget.SuccessImportance
	v.done.Hide()
	back := widget.NewButtonWithIcon(lang.L("Client tools"), theme.NavigateBackIcon(), s.openTools)
	form := newFieldForm()
	v.target.addTo(form)
	s.showClientsView(page(container.NewHBox(back), heading(lang.L("Client list")),
		paragraph(lang.L("Each client's number, name, phone, email, birth date, address and language, when the card was made, the last visit and the marketing consents, as CSV for a spreadsheet. No notes or health notes; clients whose processing is restricted are left out. Saving the list is recorded in the audit log.")),
		form.content(), v.problem, container.NewBorder(nil, nil, nil, container.NewHBox(v.activity, v.save)), v.done))
	s.tools = &clientTools{list: v}
	s.u.win.Canvas().Focus(v.target.name)
}

// onSave writes the client list in the background.
func (v *clientListView) onSave() {
	path := v.target.path()
	if path == "" {
		return
	}
	v.problem.clear()
	v.done.Hide()
	working(v.activity, true, v.save, v.target.choose, v.target.name)
	end := v.shell.begin(lang.L("Saving the list…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (privacy.ClientListSummary, error) {
		cs, err := db.Clients(ctx)
		if err != nil {
			return privacy.ClientListSummary{}, err
		}
		return privacy.WriteClientList(ctx, db, cs, path)
	}, func(sum privacy.ClientListSummary, err error) {
		end()
		working(v.activity, false, v.save, v.target.choose, v.target.name)
		if err != nil {
			v.problem.show(lang.L("The list could not be saved."), err)
			return
		}
		code := v.shell.u.lang
		text := lang.N("{{.Count}} clients saved to {{.Path}}.", sum.Clients, map[string]any{"Count": formatCount(code, sum.Clients), "Path": path})
		if sum.Restricted > 0 {
			text += " " + lang.N("{{.Count}} restricted clients left out (GDPR Art. 18).", sum.Restricted, map[string]any{"Count": formatCount(code, sum.Restricted)})
		}
		v.done.SetText(text)
		v.done.Show()
	})
}
