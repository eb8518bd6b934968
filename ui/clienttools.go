package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// clientTools are the tools for the client records as a whole (issue 17),
// reached by Client tools on the client list: inactive clients forgotten
// in bulk, the mailing lists, importing clients from a spreadsheet, and the
// client list for the owner's records. Each shows only for whom may use it.
type clientTools struct {
	menu     *toolsView
	inactive *inactiveView
	mailing  *mailingView
	list     *clientListView
	importer *importView
}

// toolsView is the page of client tools, one button each.
type toolsView struct {
	inactive, mailing, importer, list *widget.Button
}

// mayInactive, mayMailing, mayImport and mayClientList say whether the
// person acting may use each tool, by the permissions its privacy or store
// function requires.
func (u *App) mayInactive() bool   { return u.may(store.PermClientsView) && u.may(store.PermForget) }
func (u *App) mayMailing() bool    { return u.may(store.PermExport) }
func (u *App) mayImport() bool     { return u.may(store.PermClientsEdit) }
func (u *App) mayClientList() bool { return u.may(store.PermClientsView) && u.may(store.PermExport) }

// mayTools says whether the person acting may use any client tool.
func (u *App) mayTools() bool {
	return u.may(store.PermClientsView) && (u.mayInactive() || u.mayMailing() || u.mayImport() || u.mayClientList())
}

// newToolsButton is Client tools for the client list's header; nil when
// the person acting may use none.
func newToolsButton(shell *shellScreen) *widget.Button {
	if shell == nil || !shell.u.mayTools() {
		return nil
	}
	return widget.NewButtonWithIcon(lang.L("Client tools"), theme.MenuIcon(), shell.openTools)
}

// openTools shows the page of client tools.
func (s *shellScreen) openTools() {
	if !s.u.mayTools() {
		s.warn(notAllowed(store.PermClientsView))
		return
	}
	v := &toolsView{}
	tool := func(title, about string, icon fyne.Resource, allowed bool, open func()) (*widget.Button, []fyne.CanvasObject) {
		b := widget.NewButtonWithIcon(title, icon, open)
		b.Alignment = widget.ButtonAlignLeading
		if !allowed {
			return nil, nil // not for the person acting
		}
		about2 := paragraph(about)
		about2.Importance = widget.LowImportance
		return b, []fyne.CanvasObject{container.NewHBox(b), about2}
	}
	back := widget.NewButtonWithIcon(lang.L("Back to the list"), theme.NavigateBackIcon(), s.openList)
	objs := []fyne.CanvasObject{container.NewHBox(back), heading(lang.L("Client tools"))}
	var more []fyne.CanvasObject
	v.inactive, more = tool(lang.L("Inactive clients"), lang.L("Find the clients with no visit for a long time, and forget those you no longer need, many at once."),
		theme.HistoryIcon(), s.u.mayInactive(), s.openInactive)
	objs = append(objs, more...)
	v.mailing, more = tool(lang.L("Mailing list"), lang.L("Save the clients who agreed to marketing by email or SMS, for a mailing program or phone."),
		theme.MailSendIcon(), s.u.mayMailing(), s.openMailing)
	objs = append(objs, more...)
	v.importer, more = tool(lang.L("Import clients"), lang.L("Read client cards from a spreadsheet (CSV) exported from another program."),
		theme.UploadIcon(), s.u.mayImport(), s.openImport)
	objs = append(objs, more...)
	v.list, more = tool(lang.L("Client list"), lang.L("Save the list of clients as a spreadsheet (CSV), for the salon's own records."),
		theme.DocumentSaveIcon(), s.u.mayClientList(), s.openClientList)
	objs = append(objs, more...)
	s.showClientsView(page(objs...))
	s.tools = &clientTools{menu: v}
	for _, b := range []*widget.Button{v.inactive, v.mailing, v.importer, v.list} {
		if b != nil {
			s.u.win.Canvas().Focus(b)
			break
		}
	}
}

// actions are the buttons of the client list's header: Client tools and
// New client.
func (s *clientsScreen) actions() fyne.CanvasObject {
	if s.tools == nil {
		return container.NewHBox(s.dupes, s.add)
	}
	return container.NewHBox(s.dupes, s.tools, s.add)
}
