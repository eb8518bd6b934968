package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
	kwidget "kartoteka/ui/widget"
)

// maxSalonName is the longest salon name the store accepts.
const maxSalonName = 100

// createScreen makes the owner's salon: its name, address and privacy
// contact (clients' exports name the salon as the controller), country (in
// Germany, the Land) and currency, and the passphrase that protects it.
type createScreen struct {
	u *App

	name      *textEntry
	address   *textEntry
	contact   *textEntry
	country   *widget.Select
	land      *widget.Select
	landRow   [2]fyne.CanvasObject // the Land's label and select, shown for DE
	currency  *widget.Select
	pass      *widget.Entry
	repeat    *widget.Entry
	strength  *kwidget.StrengthMeter
	nameErr   *widget.Label
	passErr   *widget.Label
	repeatErr *widget.Label
	formErr   *widget.Label
	back      *widget.Button
	submit    *widget.Button
	activity  *widget.Activity
	working   *widget.Label

	countries    []string // codes in the order of country's options
	currencySet  bool     // the owner picked a currency, so country no longer sets it
	attempted    bool     // messages update as the owner types once a submit failed
	settingValue bool     // the screen itself is changing currency
}

// countryName is a country code's name in the language in use.
func countryName(code string) string {
	switch code {
	case "PL":
		return lang.L("Poland")
	case "DE":
		return lang.L("Germany")
	case "DK":
		return lang.L("Denmark")
	case "AT":
		return lang.L("Austria")
	default:
		return lang.L("Another country")
	}
}

// countryForLanguage is the country a salon speaking code is most likely in.
func countryForLanguage(code string) string {
	switch code {
	case "pl":
		return "PL"
	case "de":
		return "DE"
	case "da":
		return "DK"
	default:
		return "XX"
	}
}

// showCreate shows the form that creates the owner's salon.
func (u *App) showCreate() {
	s := &createScreen{u: u, countries: store.Countries}
	s.name = newEntry()
	s.name.SetPlaceHolder(lang.L("e.g. Salon Róża"))
	s.name.OnChanged = func(string) { s.revalidate() }

	names := make([]string, len(s.countries))
	for i, c := range s.countries {
		names[i] = countryName(c)
	}
	s.address = newMultiLineEntry()
	s.address.SetMinRowsVisible(2)
	s.address.Wrapping = fyne.TextWrapWord
	s.contact = newEntry()
	s.contact.SetPlaceHolder(lang.L("e.g. an email address or phone number"))
	lands := make([]string, len(store.GermanLands))
	for i, code := range store.GermanLands {
		lands[i] = privacy.LandName(code)
	}
	s.land = widget.NewSelect(lands, nil)
	s.land.PlaceHolder = lang.L("Not set")
	s.landRow = [2]fyne.CanvasObject{formLabel(lang.L("Land (federal state)")), s.land}
	s.country = widget.NewSelect(names, s.onCountry)
	s.currency = widget.NewSelect(store.Currencies, s.onCurrency)

	s.pass = widget.NewPasswordEntry()
	s.pass.OnChanged = func(p string) {
		s.strength.SetPassphrase(p)
		s.revalidate()
	}
	s.repeat = widget.NewPasswordEntry()
	s.repeat.OnChanged = func(string) { s.revalidate() }
	s.repeat.OnSubmitted = func(string) { s.onSubmit() }
	s.strength = kwidget.NewStrengthMeter(store.MinPassphraseLen)

	s.nameErr, s.passErr, s.repeatErr, s.formErr = errorText(), errorText(), errorText(), errorText()
	s.back = widget.NewButton(lang.L("Back"), s.onBack)
	s.submit = widget.NewButton(lang.L("Create my salon"), s.onSubmit)
	s.submit.Importance = widget.HighImportance
	s.activity = widget.NewActivity()
	s.activity.Hide()
	s.working = widget.NewLabel(lang.L("Creating the encrypted salon… This takes a few seconds."))
	s.working.Wrapping = fyne.TextWrapWord
	s.working.Hide()

	s.country.SetSelectedIndex(indexOf(s.countries, countryForLanguage(u.lang)))
	u.show(s)
}

func indexOf(list []string, v string) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return len(list) - 1
}

func (s *createScreen) content() fyne.CanvasObject {
	form := container.New(formLayout{},
		formLabel(lang.L("Salon name")), container.NewVBox(s.name, s.nameErr),
		formLabel(lang.L("Address")), s.address,
		formLabel(lang.L("Privacy contact")), s.contact,
		formLabel(""), s.controllerHint(),
		formLabel(lang.L("Country")), s.country,
		s.landRow[0], s.landRow[1],
		formLabel(lang.L("Currency")), s.currency,
		formLabel(lang.L("Passphrase")), container.NewVBox(s.pass, s.strength, s.passErr),
		formLabel(lang.L("Repeat passphrase")), container.NewVBox(s.repeat, s.repeatErr),
	)
	buttons := container.NewBorder(nil, nil, s.back, container.NewHBox(s.activity, s.submit))
	return page(
		heading(lang.L("Create my salon")),
		paragraph(lang.L("The salon's data is encrypted with a passphrase only you know. Nobody can reset it: after this step you get a recovery key to keep on paper.")),
		form,
		s.formErr,
		s.working,
		buttons,
	)
}

func (s *createScreen) initialFocus() fyne.Focusable { return s.name }

func (s *createScreen) onBack() { s.u.showFirstRun() }

// controllerHint says why the salon's address and privacy contact are asked.
func (s *createScreen) controllerHint() fyne.CanvasObject {
	l := paragraph(lang.L("Clients' data exports name you as the controller of their data, with this address and whom to contact about it. You can change both later in Settings."))
	l.Importance = widget.LowImportance
	return l
}

func (s *createScreen) onCountry(string) {
	i := s.country.SelectedIndex()
	for _, o := range s.landRow {
		if i >= 0 && s.countries[i] == "DE" {
			o.Show()
		} else {
			o.Hide()
		}
	}
	if i < 0 || s.currencySet {
		return
	}
	s.settingValue = true
	s.currency.SetSelected(store.DefaultCurrency(s.countries[i]))
	s.settingValue = false
}

func (s *createScreen) onCurrency(string) {
	if !s.settingValue {
		s.currencySet = true
	}
}

// validate checks the form as the store would and shows a message beside
// each field it refuses; it reports whether all is well.
func (s *createScreen) validate() bool {
	nameMsg, passMsg, repeatMsg := "", "", ""
	name := strings.TrimSpace(s.name.Text)
	switch {
	case name == "":
		nameMsg = lang.L("Enter the salon's name.")
	case utf8.RuneCountInString(name) > maxSalonName:
		nameMsg = lang.L("The name is too long: at most {{.Max}} characters.", map[string]any{"Max": maxSalonName})
	}
	if utf8.RuneCountInString(s.pass.Text) < store.MinPassphraseLen {
		passMsg = lang.L("The passphrase needs at least {{.Min}} characters.", map[string]any{"Min": store.MinPassphraseLen})
	}
	if s.repeat.Text != s.pass.Text {
		repeatMsg = lang.L("The two passphrases differ.")
	}
	setError(s.nameErr, nameMsg)
	setError(s.passErr, passMsg)
	setError(s.repeatErr, repeatMsg)
	return nameMsg == "" && passMsg == "" && repeatMsg == ""
}

// revalidate updates the messages as the owner types, once a submit failed.
func (s *createScreen) revalidate() {
	if s.attempted {
		s.validate()
	}
}

func (s *createScreen) onSubmit() {
	s.attempted = true
	setError(s.formErr, "")
	if !s.validate() {
		return
	}
	salon := store.Salon{
		Name:           strings.TrimSpace(s.name.Text),
		Address:        strings.TrimSpace(s.address.Text),
		PrivacyContact: strings.TrimSpace(s.contact.Text),
		Country:        s.countries[max(s.country.SelectedIndex(), 0)],
		Currency:       s.currency.Selected,
		Language:       s.u.lang,
	}
	if i := s.land.SelectedIndex(); salon.Country == "DE" && i >= 0 {
		salon.Land = store.GermanLands[i]
	}
	pass, path, opts := s.pass.Text, s.u.cfg.Path, s.u.cfg.Options
	s.setWorking(true)
	type created struct {
		session
		recoveryKey string
	}
	background(s.u, func(ctx context.Context) (created, error) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return created{}, err
		}
		db, key, err := store.Create(ctx, path, pass, salon, opts)
		if err != nil {
			return created{}, err
		}
		sess, err := openSession(ctx, db)
		return created{sess, key}, err
	}, func(c created, err error) {
		s.setWorking(false)
		if err != nil {
			s.onCreateFailed(err)
			return
		}
		s.pass.SetText("")
		s.repeat.SetText("")
		s.u.showRecoveryKey(c.session, c.recoveryKey)
	})
}

// onCreateFailed says why the store refused, beside the field when it names one.
func (s *createScreen) onCreateFailed(err error) {
	var fe *store.FieldError
	switch {
	case errors.Is(err, store.ErrExists):
		setError(s.formErr, lang.L("There is already a salon on this computer. Close Kartoteka and open it again to unlock it."))
	case errors.As(err, &fe) && fe.Field == "name":
		setError(s.nameErr, lang.L("This name cannot be used. Please shorten or simplify it."))
	case errors.As(err, &fe) && fe.Field == "passphrase":
		setError(s.passErr, lang.L("The passphrase needs at least {{.Min}} characters.", map[string]any{"Min": store.MinPassphraseLen}))
	default:
		setError(s.formErr, lang.L("The salon could not be created.")+" "+errorMessage(err))
	}
}

// setWorking disables the form and shows the spinner while the salon is made.
func (s *createScreen) setWorking(on bool) {
	for _, w := range []fyne.Disableable{s.name, s.address, s.contact, s.country, s.land, s.currency, s.pass, s.repeat, s.back, s.submit} {
		if on {
			w.Disable()
		} else {
			w.Enable()
		}
	}
	if on {
		s.activity.Show()
		s.activity.Start()
		s.working.Show()
	} else {
		s.activity.Stop()
		s.activity.Hide()
		s.working.Hide()
	}
}
