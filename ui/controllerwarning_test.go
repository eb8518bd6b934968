package ui

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// A salon with no address or privacy contact can still export, but the
// export says first what the client's copy will lack and leads to Settings;
// there, a German salon is asked its Land, and once all is filled in the
// warning is gone.
func TestExportWarnsOfControllerGaps(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Zofia", LastName: "Nowak"})
	sh := h.unlock()
	ctx := context.Background()
	c, err := h.u.db.Client(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	sh.openExport(c)
	v := sh.export
	warning := shownTexts(v.gaps)
	for _, want := range []string{"address is not set", "privacy contact is not set", "Settings"} {
		mustContain(t, "the warning", warning, want)
	}
	if strings.Contains(warning, "Land") {
		t.Errorf("a Polish salon is warned of its Land: %q", warning)
	}
	out := t.TempDir()
	v.setFolder(out)
	test.Tap(v.export)
	h.waitFor("the files", func() bool { return v.done.Visible() || v.problem.Text() != "" })
	if entries, _ := os.ReadDir(out); len(entries) != 2 {
		t.Fatalf("the warned export wrote %d files: %s", len(entries), v.problem.Text())
	}

	test.Tap(buttonIn(t, v.gaps, "Open Settings"))
	if sh.settings == nil {
		t.Fatal("Open Settings opens no settings")
	}
	s := sh.settings.salon
	if strings.Contains(shownTexts(s.root), "Land (federal state)") {
		t.Error("a Polish salon is asked its Land")
	}
	s.country.SetSelectedIndex(slices.Index(store.Countries, "DE"))
	if !strings.Contains(shownTexts(s.root), "Land (federal state)") {
		t.Fatal("a German salon is not asked its Land")
	}
	s.address.SetText("Promenadeplatz 1, 80333 München")
	s.contact.SetText("datenschutz@example.de")
	test.Tap(s.buttons.save)
	h.waitFor("saved", func() bool { return s.saved.Visible() || s.form.formErr.Visible() })

	// Saved without a Land: the export warns of it alone.
	sh.openExport(c)
	mustContain(t, "the warning", shownTexts(sh.export.gaps), "Land (federal state) is not set")
	if strings.Contains(shownTexts(sh.export.gaps), "address") {
		t.Errorf("warned of an address that is set: %q", shownTexts(sh.export.gaps))
	}

	sh.select_(sectionSettings)
	s = sh.settings.salon
	s.land.SetSelected("Bayern")
	test.Tap(s.buttons.save)
	h.waitFor("saved", func() bool { return s.saved.Visible() || s.form.formErr.Visible() })
	if sal, err := h.u.db.Salon(ctx); err != nil || sal.Land != "BY" || h.u.salon.Land != "BY" {
		t.Fatalf("salon = %+v, %v", sal, err)
	}
	sh.openExport(c)
	if sh.export.gaps.Visible() {
		t.Errorf("warned with nothing missing: %q", shownTexts(sh.export.gaps))
	}

	// Back to Austria: no Land is asked or kept.
	sh.select_(sectionSettings)
	s = sh.settings.salon
	s.country.SetSelectedIndex(slices.Index(store.Countries, "AT"))
	test.Tap(s.buttons.save)
	h.waitFor("saved", func() bool { return s.saved.Visible() || s.form.formErr.Visible() })
	if sal, _ := h.u.db.Salon(ctx); sal.Country != "AT" || sal.Land != "" {
		t.Errorf("salon in Austria = %+v", sal)
	}
}

// The first run asks for the salon's address and privacy contact, saying
// why, and a German salon's Land.
func TestCreateAsksForTheController(t *testing.T) {
	h := newHarness(t)
	h.u.Start()
	test.Tap(screenOf[*firstRunScreen](h, "the first-run screen").create)
	s := screenOf[*createScreen](h, "the create form")
	mustContain(t, "the form", shownTexts(h.u.win.Content()), "name you as the controller")
	s.country.SetSelected(countryName("PL"))
	if strings.Contains(shownTexts(h.u.win.Content()), "Land (federal state)") {
		t.Error("a Polish salon is asked its Land")
	}
	s.country.SetSelected(countryName("DE"))
	if !strings.Contains(shownTexts(h.u.win.Content()), "Land (federal state)") {
		t.Fatal("a German salon is not asked its Land")
	}
	test.Type(s.name, "Salon Elbe")
	test.Type(s.address, "Elbchaussee 1, 22763 Hamburg")
	test.Type(s.contact, "datenschutz@example.de")
	s.land.SetSelected("Hamburg")
	test.Type(s.pass, "long enough passphrase")
	test.Type(s.repeat, "long enough passphrase")
	test.Tap(s.submit)
	r := screenOf[*recoveryScreen](h, "the recovery key")
	test.Tap(r.card.stored)
	test.Tap(r.proceed)
	screenOf[*shellScreen](h, "the main window")
	if sal := h.u.salon; sal.Address != "Elbchaussee 1, 22763 Hamburg" || sal.PrivacyContact != "datenschutz@example.de" || sal.Land != "HH" {
		t.Errorf("salon = %+v", sal)
	}
}

// buttonIn is the button labelled text inside o.
func buttonIn(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Button:
			if o.Text == text {
				found = o
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}
