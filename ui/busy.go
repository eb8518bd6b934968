package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// busyScreen says what the app is doing while it cannot take input yet.
type busyScreen struct {
	text     string
	activity *widget.Activity
}

func newBusyScreen(text string) *busyScreen {
	return &busyScreen{text: text, activity: widget.NewActivity()}
}

func (s *busyScreen) content() fyne.CanvasObject {
	s.activity.Start()
	return container.NewCenter(container.NewVBox(s.activity, widget.NewLabel(s.text)))
}

func (s *busyScreen) leave() { s.activity.Stop() }

// problemScreen explains what went wrong, with the error for support, and
// offers to try again.
type problemScreen struct {
	message string
	err     error
	retry   func()
}

// newProblemScreen shows message; err should name no personal data, which
// holds for the store's errors.
func newProblemScreen(message string, err error, retry func()) *problemScreen {
	return &problemScreen{message: message, err: err, retry: retry}
}

func (s *problemScreen) content() fyne.CanvasObject {
	problem := newProblemBox()
	problem.show(s.message, s.err)
	again := widget.NewButton(lang.L("Try again"), s.retry)
	again.Importance = widget.HighImportance
	return page(heading(lang.L("Something went wrong")), problem, container.NewHBox(again))
}

// working shows a moving activity and disables ws while on, and undoes
// both when off: for forms whose work runs in the background.
func working(a *widget.Activity, on bool, ws ...fyne.Disableable) {
	for _, w := range ws {
		if on {
			w.Disable()
		} else {
			w.Enable()
		}
	}
	if on {
		a.Show()
		a.Start()
		return
	}
	a.Stop()
	a.Hide()
}
