//go:build !ci

// Kartoteka is the desktop salon manager: client cards, appointments and
// payments, kept encrypted on this computer. See package ui for what it does;
// this file only wires it up.
package main

import (
	"fyne.io/fyne/v2/app"

	"kartoteka/ui"
)

func main() {
	warnUnpatched()
	a := app.NewWithID("app.kartoteka.desktop")
	a.SetIcon(ui.Icon)
	ui.New(a, ui.Config{}).ShowAndRun()
}
