package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// What the window offers follows the permissions of the person acting
// (App.grant): a section they may not use is not in the navigation, a
// button they may not press is hidden or disabled with the reason beside
// it, and the store refuses anything else anyway (a refusal that still
// reaches the window names the permission, see errorMessage). Permissions
// control actions inside an unlocked salon; they are not encryption.

// permissionName is a permission in words, as the staff form lists it and
// a refusal names it.
func permissionName(p store.Permission) string {
	switch p {
	case store.PermClientsView:
		return lang.L("See every client's card")
	case store.PermClientsToday:
		return lang.L("See the cards of today's clients")
	case store.PermClientsEdit:
		return lang.L("Add and change client cards and consents")
	case store.PermHealthView:
		return lang.L("See health notes")
	case store.PermHealthEdit:
		return lang.L("Change health notes")
	case store.PermBook:
		return lang.L("Make, move and cancel bookings")
	case store.PermCheckout:
		return lang.L("Take payments")
	case store.PermPaymentsView:
		return lang.L("See payments and invoices")
	case store.PermExport:
		return lang.L("Export a client's data")
	case store.PermForget:
		return lang.L("Forget a client")
	case store.PermRequests:
		return lang.L("Privacy requests and restrictions")
	case store.PermRetention:
		return lang.L("Change and run retention")
	case store.PermStaff:
		return lang.L("Manage staff, PINs and permissions")
	case store.PermServices:
		return lang.L("Manage services")
	case store.PermSettings:
		return lang.L("Change the salon's details")
	case store.PermSecurity:
		return lang.L("Passphrase, recovery key and locking")
	case store.PermBackup:
		return lang.L("Make backups")
	case store.PermRestore:
		return lang.L("Restore a backup")
	case store.PermAudit:
		return lang.L("Read the audit log")
	}
	return string(p)
}

// notAllowed says that the role of the person acting does not include ps.
func notAllowed(ps ...store.Permission) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = permissionName(p)
	}
	return lang.L("Your role does not allow this: {{.Permission}}.", map[string]any{"Permission": strings.Join(names, "; ")})
}

// reasonLine is a quiet line saying why something is not offered; hidden
// while empty.
func reasonLine() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// setReason shows text in the quiet line l, or hides l when text is "".
func setReason(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// allowIf enables b when on, and otherwise disables it.
func allowIf(b fyne.Disableable, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// showIf shows o when on, and otherwise hides it.
func showIf(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// countsText is the size of the salon as the status line says it, as far
// as g may see it: everyone's clients and bookings to whom sees every card,
// today's clients to whom sees only those, neither to whom sees none.
func countsText(code string, g store.Grant, c store.Counts) string {
	var parts []string
	switch {
	case g.Has(store.PermClientsView):
		parts = append(parts, lang.N("{{.Count}} clients", c.LiveClients, map[string]any{"Count": formatCount(code, c.LiveClients)}),
			lang.N("{{.Count}} bookings", c.Bookings, map[string]any{"Count": formatCount(code, c.Bookings)}))
	case g.TodayOnly():
		parts = append(parts, lang.N("{{.Count}} clients today", c.LiveClients, map[string]any{"Count": formatCount(code, c.LiveClients)}))
	}
	return strings.Join(append(parts, lang.L("encrypted")), " · ")
}
