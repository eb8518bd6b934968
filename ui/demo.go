package ui

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kartoteka/demo"
	"kartoteka/store"
)

// DemoPassphrase opens the demo salon. It is no secret: the app shows it,
// and the demo holds only made-up people.
const DemoPassphrase = "kartoteka demo"

// demoSeed makes every demo salon the same, so help and screenshots match.
const demoSeed = 1

// demoScreen opens the demo salon, first making it when there is none: a
// separate database filled by package demo, never the owner's own.
type demoScreen struct {
	u        *App
	title    *widget.Label
	text     *widget.Label
	bar      *widget.ProgressBar
	activity *widget.Activity
}

// showDemo opens the demo salon, making it first when needed.
func (u *App) showDemo() {
	s := &demoScreen{u: u}
	s.title = heading(lang.L("Opening the demo salon"))
	s.text = paragraph(lang.L("The demo passphrase is “{{.Passphrase}}”.", map[string]any{"Passphrase": DemoPassphrase}))
	s.bar = widget.NewProgressBar()
	s.bar.Hide()
	s.activity = widget.NewActivity()
	u.show(s)
	s.activity.Start()

	path, clients := u.cfg.DemoPath, u.cfg.DemoClients
	if clients == 0 {
		clients = 500
	}
	opts := u.cfg.Options
	opts.KDF = store.CheapKDF // the passphrase is shown anyway
	salon := demoSalon(u.lang)
	report := progress(u, s.onProgress)
	background(u, func(ctx context.Context) (session, error) {
		if err := s.ensureDemo(ctx, path, salon, clients, opts, report); err != nil {
			return session{}, err
		}
		db, err := store.Open(ctx, path, DemoPassphrase, opts)
		if err != nil {
			return session{}, err
		}
		return openSession(ctx, db)
	}, s.onOpened)
}

// demoSalon is the made-up salon of the demo, in the country of code.
func demoSalon(code string) store.Salon {
	country := countryForLanguage(code)
	return store.Salon{
		Name:           lang.L("Salon Rosa (demo)"),
		Country:        country,
		Currency:       store.DefaultCurrency(country),
		Language:       code,
		Address:        lang.L("1 Example Street"),
		PrivacyContact: "privacy@example.com",
	}
}

// ensureDemo makes the demo database at path unless it is there. It is
// filled under a temporary name and renamed when complete, so a demo
// interrupted half-way is started afresh next time, never shown half made.
func (s *demoScreen) ensureDemo(ctx context.Context, path string, salon store.Salon, clients int, opts store.Options, report func(done, total int)) error {
	if _, err := os.Stat(path); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	s.u.post(s.onGenerating)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	part := path + ".part"
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if err := os.Remove(part + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	db, _, err := store.Create(ctx, part, DemoPassphrase, salon, opts)
	if err != nil {
		return err
	}
	_, err = demo.Generate(ctx, db, demo.Options{Clients: clients, Seed: demoSeed, Progress: report})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(part, path); err != nil {
		return err
	}
	// A clean close leaves nothing in these; remove them if SQLite kept them.
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(part + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

func (s *demoScreen) content() fyne.CanvasObject {
	return page(logo(96), s.title, s.text, s.bar, s.activity)
}

// onGenerating switches the screen from opening to making the demo.
func (s *demoScreen) onGenerating() {
	s.title.SetText(lang.L("Preparing the demo salon"))
	s.text.SetText(lang.L("Kartoteka is making up a salon with clients, a team and five years of bookings. This takes a moment. The demo passphrase is “{{.Passphrase}}”.", map[string]any{"Passphrase": DemoPassphrase}))
	s.activity.Stop()
	s.activity.Hide()
	s.bar.Show()
}

func (s *demoScreen) onProgress(fraction float64) { s.bar.SetValue(fraction) }

func (s *demoScreen) onOpened(sess session, err error) {
	s.activity.Stop()
	if err != nil {
		s.u.show(newProblemScreen(lang.L("The demo salon could not be opened."), err, s.u.Start))
		return
	}
	s.u.enter(sess, true)
}
