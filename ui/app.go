package ui

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"kartoteka/assets"
	"kartoteka/store"
)

// Config says where the app keeps its databases and how it opens them. The
// zero value is what the desktop app uses.
type Config struct {
	// Path is the salon database; empty means store.DefaultPath.
	Path string
	// DemoPath is the demo salon, kept apart from the real one; empty means
	// store.DemoPath.
	DemoPath string
	// Options are passed to store.Create, store.Open and
	// store.OpenWithRecoveryKey. Tests set a cheap KDF here.
	Options store.Options
	// DemoClients is how many clients the demo salon gets; zero means 500.
	DemoClients int
	// Clock tells the time: the calendar opens on its day, retention plans
	// with it. Nil means time.Now.
	Clock func() time.Time
	// RetentionTick, when set, replaces the retention timer's ticker of a
	// minute, so tests move time on without sleeping.
	RetentionTick <-chan time.Time
	// IdleTick, when set, replaces the auto-lock's ticker, for tests.
	IdleTick <-chan time.Time
}

// now is the time by the app's clock.
func (u *App) now() time.Time {
	if u.cfg.Clock != nil {
		return u.cfg.Clock()
	}
	return time.Now()
}

// Preferences the app keeps in Fyne's store: never personal data.
const (
	prefWidth   = "window.width"
	prefHeight  = "window.height"
	prefSection = "section"
)

// The window's first size: it fits a small laptop's screen of 1024×600
// with a taskbar and a title bar; the size the owner gives it is kept.
const (
	defaultWidth  = 1000
	defaultHeight = 540
)

// Icon is the app icon.
var Icon fyne.Resource = fyne.NewStaticResource("kartoteka.png", assets.IconPNG)

// App is the desktop app: it owns the window and the open database and
// switches between the screens.
type App struct {
	fyne fyne.App
	win  fyne.Window
	cfg  Config
	post func(func()) // runs a function on the UI goroutine: fyne.Do
	ctx  context.Context
	quit context.CancelFunc
	lang string // the language code in use

	db        *store.DB // nil while locked
	jobs      *jobs     // the background work of the open salon
	demo      bool      // db is the demo salon
	salon     store.Salon
	retention *retentionTimer // while a salon is open
	idle      *idleWatch      // while a salon is open
	// acting is the staff member working at the laptop (0: no one in
	// particular, the passphrase holder), and grant what they may do. The
	// work the window starts runs as them (dbWork); the daily job does not.
	// They are chosen on the switch screen, or are the owner of a salon
	// where fewer than two people have a PIN (see switch.go).
	acting     int64
	grant      store.Grant
	actingName string
	team       staffState // as last read
	enterNote  string     // a warning for the main window once it shows
	// dueText is what the daily job found in the request log, for the
	// banner of the main window until it is looked at (see requestsBanner).
	dueText    string
	dueOverdue bool

	current screen // the screen on show

	followQueued bool              // followFocus is queued (focusfollow.go)
	followed     fyne.Focusable    // the focus followFocus saw last
	followedIn   *container.Scroll // the page it was on
}

// screen is one view filling the window.
type screen interface {
	content() fyne.CanvasObject
}

// focuser is a screen with a widget that wants the keyboard when it shows.
type focuser interface {
	initialFocus() fyne.Focusable
}

// New makes the app's window in a, not yet shown. It speaks the language
// chosen last time, or else the system's when it is one of the app's.
func New(a fyne.App, cfg Config) *App {
	return newApp(a, cfg, fyne.Do)
}

func newApp(a fyne.App, cfg Config, post func(func())) *App {
	ctx, quit := context.WithCancel(context.Background())
	u := &App{fyne: a, cfg: cfg, post: post, ctx: ctx, quit: quit}
	a.Settings().SetTheme(newLegibleTheme())
	code := supportedLanguage(a.Preferences().String(prefLanguage))
	if code == "" {
		code = systemLanguage()
	}
	u.useLanguage(code)
	u.win = a.NewWindow("Kartoteka")
	u.win.SetIcon(Icon)
	u.win.Resize(fyne.NewSize(
		float32(a.Preferences().FloatWithFallback(prefWidth, defaultWidth)),
		float32(a.Preferences().FloatWithFallback(prefHeight, defaultHeight))))
	u.win.SetMaster()
	u.win.SetCloseIntercept(u.onClose)
	return u
}

// Window is the app's main window.
func (u *App) Window() fyne.Window { return u.win }

// ShowAndRun shows the window and runs the app until it quits, then closes
// the database.
func (u *App) ShowAndRun() {
	u.Start()
	u.win.ShowAndRun()
	u.shutdown()
}

// Start shows the first screen: the unlock screen when the salon database
// exists, else the first-run screen.
func (u *App) Start() {
	u.setTitle()
	u.show(newBusyScreen(lang.L("Starting Kartoteka…")))
	background(u, func(context.Context) (bool, error) {
		if err := u.resolvePaths(); err != nil {
			return false, err
		}
		_, err := os.Stat(u.cfg.Path)
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil
		}
		return err == nil, err
	}, func(exists bool, err error) {
		switch {
		case err != nil:
			u.show(newProblemScreen(lang.L("Kartoteka cannot find its data folder."), err, u.Start))
		case exists:
			u.showUnlock()
		default:
			u.showFirstRun()
		}
	})
}

// resolvePaths fills in the default database paths; it runs in the
// background as it may look at the file system.
func (u *App) resolvePaths() error {
	var err error
	if u.cfg.Path == "" {
		if u.cfg.Path, err = store.DefaultPath(); err != nil {
			return err
		}
	}
	if u.cfg.DemoPath == "" {
		if u.cfg.DemoPath, err = store.DemoPath(); err != nil {
			return err
		}
	}
	return nil
}

// leaver is a screen with animations to stop when another replaces it.
type leaver interface {
	leave()
}

// show puts s in the window and gives the keyboard to its first field.
func (u *App) show(s screen) {
	if l, ok := u.current.(leaver); ok {
		l.leave()
	}
	u.current = s
	content := s.content()
	root, ok := content.(*activityRoot)
	if !ok {
		root = newActivityRoot(content, nil)
	}
	root.walked = u.focusWalked
	u.win.SetContent(root)
	if f, ok := s.(focuser); ok {
		if w := f.initialFocus(); w != nil {
			u.win.Canvas().Focus(w)
		}
	}
}

// useLanguage switches lang.L to code and remembers the choice.
func (u *App) useLanguage(code string) {
	if err := setLanguage(code); err != nil {
		fyne.LogError("ui: language", err)
		return
	}
	u.lang = code
	u.fyne.Preferences().SetString(prefLanguage, code)
}

// setTitle names the window after the open salon, and says DEMO for the demo.
func (u *App) setTitle() {
	switch {
	case u.db == nil:
		u.win.SetTitle("Kartoteka")
	case u.demo:
		u.win.SetTitle("DEMO · " + u.salon.Name + " — Kartoteka")
	default:
		u.win.SetTitle(u.salon.Name + " — Kartoteka")
	}
}

// session is an unlocked database with its salon, as opening work returns it.
type session struct {
	db    *store.DB
	salon store.Salon
}

// openSession reads the salon of a freshly opened database; on failure it
// closes the database again.
func openSession(ctx context.Context, db *store.DB) (session, error) {
	s, err := db.Salon(ctx)
	if err != nil {
		db.Close()
		return session{}, err
	}
	return session{db: db, salon: s}, nil
}

// enter makes s the open salon, then asks who is working (see chooseWho)
// and shows the main window.
func (u *App) enter(s session, demo bool) {
	u.db, u.salon, u.demo = s.db, s.salon, demo
	u.jobs = newJobs(u.ctx)
	u.acting, u.grant, u.actingName, u.team = 0, store.Grant{}, "", staffState{}
	u.setTitle()
	u.chooseWho()
	u.startRetention()
	u.startIdleWatch()
}

// closeDB closes the open salon in the background, then calls next.
func (u *App) closeDB(next func()) { u.closeDBKeeping(nil, func(int) { next() }) }

// closeDBKeeping closes the open salon in the background, keeping drafts
// in it first (see drafts.go), then calls next with how many it kept (on a
// full disk, perhaps not all).
func (u *App) closeDBKeeping(drafts []store.Draft, next func(kept int)) {
	u.stopIdleWatch()
	if c, ok := u.win.Canvas().(desktop.Canvas); ok {
		c.SetOnKeyDown(nil)
	}
	db, timer, j := u.db, u.retention, u.jobs
	u.db, u.demo, u.salon, u.retention, u.jobs = nil, false, store.Salon{}, nil, nil
	u.acting, u.grant, u.actingName, u.team = 0, store.Grant{}, "", staffState{}
	u.dueText, u.dueOverdue = "", false
	u.setTitle()
	clearOverlays(u.win.Canvas()) // a question asked of the open salon goes with it
	u.show(newBusyScreen(lang.L("Closing the salon…")))
	background(u, func(ctx context.Context) (int, error) {
		stopWork(timer, j)
		kept := 0
		for _, d := range drafts {
			if err := db.SaveDraft(context.WithoutCancel(ctx), d); err != nil {
				fyne.LogError("ui: keep a draft", err)
				continue
			}
			kept++
		}
		return kept, db.Close()
	}, func(kept int, err error) {
		if err != nil {
			fyne.LogError("ui: close the database", err)
		}
		next(kept)
	})
}

// clearOverlays closes every dialog and pop-up on c.
func clearOverlays(c fyne.Canvas) {
	for o := c.Overlays().Top(); o != nil; o = c.Overlays().Top() {
		c.Overlays().Remove(o)
	}
}

// stopWork stops the daily jobs' timer and the background work of a salon
// and waits for both, off the UI goroutine; either may be nil.
func stopWork(timer *retentionTimer, j *jobs) {
	if timer != nil {
		timer.stop() // a run under way stops at the end of its batch
	}
	if j != nil {
		j.stop()
	}
}

// onClose remembers the window size and closes the window, which ends the
// app; ShowAndRun then closes the database.
func (u *App) onClose() {
	if sh, ok := u.current.(*shellScreen); ok {
		sh.leaveThen(u.closeWindow)
		return
	}
	u.closeWindow()
}

// closeWindow remembers the window size and closes the window.
func (u *App) closeWindow() {
	size := u.win.Canvas().Size()
	p := u.fyne.Preferences()
	p.SetFloat(prefWidth, float64(size.Width))
	p.SetFloat(prefHeight, float64(size.Height))
	u.win.Close()
}

// shutdown stops background work and closes the database.
func (u *App) shutdown() {
	u.quit()
	u.stopIdleWatch()
	stopWork(u.retention, u.jobs)
	u.retention, u.jobs = nil, nil
	if u.db != nil {
		if err := u.db.Close(); err != nil {
			fyne.LogError("ui: close the database", err)
		}
		u.db = nil
	}
}
