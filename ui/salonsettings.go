package ui

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
)

// salonSettings is the part of the settings that holds the salon's details,
// printed on every export: name, address, tax ID, privacy contact, country
// (in Germany, the Land, whose authority the exports name), currency and
// language.
type salonSettings struct {
	u        *App
	shell    *shellScreen
	form     *fieldForm
	name     *textEntry
	address  *textEntry
	taxID    *textEntry
	contact  *textEntry
	country  *widget.Select
	land     *widget.Select // the German Land, shown for a salon in DE only
	currency *widget.Select
	language *widget.Select
	buttons  *editButtons
	saved    *widget.Label
	root     *fyne.Container
}

// newSalonSettings makes the salon's details, filled from the open salon.
func newSalonSettings(u *App, shell *shellScreen) *salonSettings {
	s := &salonSettings{u: u, shell: shell, form: newFieldForm()}
	s.name, s.taxID, s.contact = newEntry(), newEntry(), newEntry()
	s.address = newMultiLineEntry()
	s.address.SetMinRowsVisible(2)
	s.address.Wrapping = fyne.TextWrapWord
	countries := make([]string, len(store.Countries))
	for i, c := range store.Countries {
		countries[i] = countryName(c)
	}
	s.country = widget.NewSelect(countries, nil)
	lands := make([]string, len(store.GermanLands))
	for i, code := range store.GermanLands {
		lands[i] = privacy.LandName(code)
	}
	s.land = widget.NewSelect(lands, nil)
	s.land.PlaceHolder = lang.L("Not set")
	s.currency = widget.NewSelect(store.Currencies, nil)
	names := make([]string, len(languages))
	for i, l := range languages {
		names[i] = l.Name
	}
	s.language = widget.NewSelect(names, nil)
	s.form.add("name", lang.L("Salon name"), s.name)
	s.form.add("address", lang.L("Address"), s.address)
	s.form.add("tax_id", lang.L("Tax ID"), s.taxID)
	s.form.add("privacy_contact", lang.L("Privacy contact"), s.contact)
	s.form.add("country", lang.L("Country"), s.country)
	landHint := paragraph(lang.L("Its data protection authority supervises the salon; clients' exports name it."))
	landHint.Importance = widget.LowImportance
	s.form.add("land", lang.L("Land (federal state)"), container.NewVBox(s.land, landHint))
	s.form.add("currency", lang.L("Currency"), s.currency)
	s.form.add("language", lang.L("Language of exports"), s.language)
	s.buttons = newEditButtons(s.form, shell.asking(s.onCancel), s.onSave)
	submitWith(s.onSave, s.name, s.taxID, s.contact)
	s.saved = widget.NewLabel("")
	s.saved.Importance = widget.SuccessImportance
	s.saved.Hide()
	s.country.OnChanged = func(string) { s.onCountry() }
	s.set(u.salon)
	return s
}

// onCountry shows the Land for a salon in Germany only.
func (s *salonSettings) onCountry() {
	s.form.show("land", s.countryCode() == "DE")
	if s.root != nil {
		s.root.Refresh()
	}
}

func (s *salonSettings) countryCode() string {
	return store.Countries[max(s.country.SelectedIndex(), 0)]
}

func (s *salonSettings) content() fyne.CanvasObject {
	s.root = container.NewVBox(subheading(lang.L("Salon details")),
		paragraph(lang.L("Printed on every export of a client's data.")),
		s.form.content(), s.saved, s.buttons.content())
	return s.root
}

// set fills the form with sal.
func (s *salonSettings) set(sal store.Salon) {
	s.name.SetText(sal.Name)
	s.address.SetText(sal.Address)
	s.taxID.SetText(sal.TaxID)
	s.contact.SetText(sal.PrivacyContact)
	s.country.SetSelectedIndex(max(slices.Index(store.Countries, sal.Country), 0))
	if i := slices.Index(store.GermanLands, sal.Land); i >= 0 {
		s.land.SetSelectedIndex(i)
	} else {
		s.land.ClearSelected()
	}
	s.onCountry()
	s.currency.SetSelected(sal.Currency)
	s.language.SetSelectedIndex(max(slices.IndexFunc(languages, func(l language) bool { return l.Code == sal.Language }), 0))
	s.form.clearErrors()
	s.form.markSaved()
}

// unsaved is part of editor.
func (s *salonSettings) unsaved() bool { return s.form.changed() }

// subject is part of editor.
func (s *salonSettings) subject() string { return lang.L("the salon's details") }

// draftKey is part of drafter.
func (s *salonSettings) draftKey() (string, int64) { return "salon", 0 }

// draftData is part of drafter.
func (s *salonSettings) draftData() draftData { return draftData{Values: s.form.values()} }

// input is what the form holds, as the store takes it.
func (s *salonSettings) input() store.Salon {
	return store.Salon{
		Name:           strings.TrimSpace(s.name.Text),
		Address:        strings.TrimSpace(s.address.Text),
		TaxID:          strings.TrimSpace(s.taxID.Text),
		PrivacyContact: strings.TrimSpace(s.contact.Text),
		Country:        s.countryCode(),
		Land:           s.landCode(),
		Currency:       s.currency.Selected,
		Language:       languages[max(s.language.SelectedIndex(), 0)].Code,
	}
}

// landCode is the Land chosen, for a salon in Germany; else empty.
func (s *salonSettings) landCode() string {
	if i := s.land.SelectedIndex(); s.countryCode() == "DE" && i >= 0 && i < len(store.GermanLands) {
		return store.GermanLands[i]
	}
	return ""
}

// onCancel puts back the details as last saved.
func (s *salonSettings) onCancel() {
	s.set(s.u.salon)
	s.saved.Hide()
}

func (s *salonSettings) onSave() { s.saveThen(nil) }

// saveThen is part of editor.
func (s *salonSettings) saveThen(next func()) {
	s.form.clearErrors()
	s.saved.Hide()
	in, opened := s.input(), s.u.db
	s.buttons.setWorking(true)
	end := s.shell.begin(lang.L("Saving…"))
	dbWork(s.u, func(ctx context.Context, db *store.DB) (store.Salon, error) {
		if err := db.UpdateSalon(ctx, in); err != nil {
			return store.Salon{}, err
		}
		return db.Salon(ctx)
	}, func(sal store.Salon, err error) {
		end()
		s.buttons.setWorking(false)
		if err != nil {
			s.form.showError(err)
			s.root.Refresh()
			return
		}
		if s.u.db != opened {
			return // the salon was closed meanwhile
		}
		s.u.salon = sal
		s.u.setTitle()
		if s.shell.salonName != nil {
			s.shell.salonName.SetText(sal.Name)
		}
		s.set(sal)
		s.saved.SetText(lang.L("The salon's details are saved."))
		s.saved.Show()
		if next != nil {
			next()
			return
		}
		s.root.Refresh()
	})
}
