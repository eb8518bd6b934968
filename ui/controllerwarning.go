package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
)

// controllerWarning says, before a client's data is exported, what the
// salon's details lack for the export to name the salon as the controller
// (address, privacy contact) and, in Germany, the authority of its Land,
// with a way to Settings where they are filled in. It is hidden when
// nothing is missing; the export works either way.
func controllerWarning(salon store.Salon, openSettings func()) *fyne.Container {
	box := container.NewVBox()
	gaps := privacy.ControllerGaps(salon)
	if len(gaps) == 0 {
		box.Hide()
		return box
	}
	for _, g := range gaps {
		l := paragraph(controllerGapText(g))
		l.Importance = widget.WarningImportance
		box.Add(l)
	}
	box.Add(paragraph(lang.L("You can export anyway; fill in what is missing in Settings, under the salon's details.")))
	box.Add(container.NewHBox(widget.NewButtonWithIcon(lang.L("Open Settings"), theme.SettingsIcon(), openSettings)))
	return box
}

// controllerGapText says in a sentence what the missing detail gap
// (privacy.GapAddress…) takes from a client's export.
func controllerGapText(gap string) string {
	switch gap {
	case privacy.GapAddress:
		return lang.L("The salon's address is not set: the export names the salon as the controller of the client's data without it.")
	case privacy.GapPrivacyContact:
		return lang.L("The salon's privacy contact is not set: the export cannot tell the client whom to ask about their data.")
	case privacy.GapLand:
		return lang.L("The salon's Land (federal state) is not set: the export cannot name the data protection authority the client may complain to.")
	}
	return gap
}
