package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// comingSoon stands in for a section that a later version brings: its
// title, what it will do, and that it is not there yet.
func comingSoon(title, what string) fyne.CanvasObject {
	soon := paragraph(lang.L("Coming soon: this part of Kartoteka is still being built."))
	soon.TextStyle.Italic = true
	return page(heading(title), paragraph(what), soon)
}
