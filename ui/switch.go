package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// Who is working. The passphrase unlocks the salon; then, once two or more
// staff members have a PIN, the switch screen asks who is at the laptop,
// and the window offers what that person's permissions allow (App.acting,
// App.grant). The name above the navigation brings the switch screen back
// without locking (the quick switch), and so do some idle minutes
// (prefSwitchAfter); the auto-lock, which wipes the key, still comes
// later. A salon of one person never sees any of this: it acts as its
// owner. PINs say who acts in an unlocked salon; they encrypt nothing.

// prefSwitchAfter is how many idle minutes bring back the switch screen;
// 0 never.
const prefSwitchAfter = "switch.minutes"

// defaultSwitchAfter is the idle time that brings back the switch screen
// unless set.
const defaultSwitchAfter = 5

// staffState is who works in the open salon, as the switch screen and the
// single-owner path need it.
type staffState struct {
	pins       int           // active staff members with a PIN
	people     []store.Staff // those, by name
	owner      store.Staff   // the first active owner; ID 0 when there is none
	ownerGrant store.Grant
	kept, lost int // drafts kept in the salon on the way to the switch screen, and not
}

// switching says whether the salon asks who is working: from two PINs on.
func (t staffState) switching() bool { return t.pins >= 2 }

// readTeam reads the team off the UI goroutine.
func readTeam(ctx context.Context, db *store.DB) (staffState, error) {
	var t staffState
	var err error
	if t.pins, err = db.PeopleWithPINs(ctx); err != nil {
		return t, err
	}
	staff, err := db.StaffMembers(ctx)
	if err != nil {
		return t, err
	}
	for _, s := range staff {
		if s.Active && s.HasPIN {
			t.people = append(t.people, s)
		}
		if s.Active && s.Role == "owner" && (t.owner.ID == 0 || s.ID < t.owner.ID) {
			t.owner = s
		}
	}
	if t.owner.ID != 0 {
		t.ownerGrant, err = db.Grant(store.ActAs(ctx, t.owner.ID))
	}
	return t, err
}

// chooseWho follows a passphrase unlock: the switch screen when two or
// more people have a PIN, else the main window acting as the owner. When
// the team cannot be read (a damaged page), the window opens for the
// passphrase holder, who may do everything anyway — and must be able to
// reach the backups to restore one — and says so.
func (u *App) chooseWho() {
	u.show(newBusyScreen(lang.L("Opening the salon…")))
	dbWork(u, func(ctx context.Context, db *store.DB) (staffState, error) {
		// The passphrase was just typed: wrong PINs before it, a lock
		// by them among them, count no more.
		if err := db.ForgivePINs(ctx); err != nil {
			fyne.LogError("ui: start the wrong PINs again", err)
		}
		return readTeam(ctx, db)
	}, func(t staffState, err error) {
		if err != nil {
			fyne.LogError("ui: read the staff", err)
			u.enterNote = lang.L("The staff list could not be read, so Kartoteka does not ask who is working: the window is open for the holder of the passphrase.") +
				" " + errorMessage(err)
			u.showShell(u.fyne.Preferences().StringWithFallback(prefSection, sectionClients))
			return
		}
		u.team = t
		if t.switching() {
			u.showSwitch("", nil)
			return
		}
		u.actAsOwner()
		u.showShell(u.fyne.Preferences().StringWithFallback(prefSection, sectionClients))
	})
}

// actAsOwner makes the salon's first active owner the person acting, so
// that the audit names them; with no owner, no one in particular acts.
func (u *App) actAsOwner() {
	u.acting, u.grant, u.actingName = u.team.owner.ID, u.team.ownerGrant, u.team.owner.Name
}

// signIn makes p the person acting, with what they may do, and shows the
// main window at a section they may see.
func (u *App) signIn(p store.Staff, g store.Grant) {
	u.acting, u.grant, u.actingName = p.ID, g, p.Name
	u.showShell(u.fyne.Preferences().StringWithFallback(prefSection, sectionClients))
}

// lockAfterPINs locks the salon after too many wrong PINs in a row: the
// key is wiped, and only the passphrase opens it again.
func (u *App) lockAfterPINs() {
	u.closeDB(func() {
		u.showUnlockSaying(lang.L("{{.Count}} wrong PINs in a row: Kartoteka locked the salon. Unlock it with the passphrase.",
			map[string]any{"Count": store.PINLockAfter}), true)
	})
}

// refreshTeam reads the team again after a change to the staff: the quick
// switch appears with the second PIN and goes with the last but one, and
// what the person acting may do is read afresh, the window built again
// when that changed. then runs after, with the main window as it is then.
func (s *shellScreen) refreshTeam(then func(*shellScreen)) {
	u := s.u
	acting := u.acting
	type result struct {
		team  staffState
		grant store.Grant
	}
	dbWork(u, func(ctx context.Context, db *store.DB) (result, error) {
		t, err := readTeam(ctx, db)
		if err != nil || acting == 0 {
			return result{team: t}, err
		}
		g, err := db.Grant(store.ActAs(ctx, acting))
		return result{team: t, grant: g}, err
	}, func(r result, err error) {
		if err != nil {
			fyne.LogError("ui: staff", err)
			return
		}
		before, grant, name := u.team.switching(), u.grant, u.actingName
		u.team = r.team
		if acting != 0 {
			u.grant = r.grant
		}
		i := slices.IndexFunc(r.team.people, func(p store.Staff) bool { return p.ID == acting })
		switch {
		case i >= 0:
			u.actingName = r.team.people[i].Name
		case acting == r.team.owner.ID:
			u.actingName = r.team.owner.Name
		}
		if u.current != s {
			return
		}
		if u.team.switching() && i < 0 { // who acts must have a PIN once the salon asks for one
			s.leaveThen(func() { u.showSwitch("", nil) })
			return
		}
		if before != u.team.switching() || !sameGrant(grant, u.grant) || name != u.actingName {
			s.rebuild(then)
			return
		}
		if then != nil {
			then(s)
		}
	})
}

// sameGrant reports whether a and b allow the same.
func sameGrant(a, b store.Grant) bool {
	if a.Staff != b.Staff {
		return false
	}
	for _, p := range store.Permissions {
		if a.Has(p) != b.Has(p) {
			return false
		}
	}
	return true
}

// switchScreen is "Who is working?": the active staff members with a PIN,
// one to pick (arrows and Enter, or the mouse), then their PIN.
type switchScreen struct {
	u        *App
	notice   *widget.Label
	people   *fyne.Container
	buttons  []*personButton
	staff    []store.Staff
	chosen   int // index into staff; -1 before a pick
	prompt   *widget.Label
	pin      *textEntry
	message  *widget.Label
	enter    *widget.Button
	lock     *widget.Button
	forgot   *widget.Button // "Forgot PIN?", while an owner is picked
	forgotQ  *forgotPIN     // its question, while it shows
	activity *widget.Activity
	working  bool

	waits    map[int64]time.Time // until when each person must wait before the next try
	wrong    map[int64]bool      // the wait follows a wrong PIN just typed
	stopTick func()
}

// showSwitch shows the switch screen with notice above the names, keeping
// drafts (the unsaved changes of the window it replaces) in the salon
// first; the team is read afresh.
func (u *App) showSwitch(notice string, drafts []store.Draft) {
	s := &switchScreen{u: u, chosen: -1, waits: map[int64]time.Time{}, wrong: map[int64]bool{}, stopTick: func() {}}
	s.notice = paragraph(notice)
	showIf(s.notice, notice != "")
	s.people = container.NewVBox()
	s.prompt = paragraph(lang.L("Pick your name, then type your PIN."))
	s.pin = pinEntry()
	s.pin.SetPlaceHolder(lang.L("PIN"))
	s.pin.OnChanged = s.onTyped
	s.pin.OnSubmitted = func(string) { s.onEnter() }
	s.pin.onEscape = s.focusChosen
	s.message = errorText()
	s.enter = widget.NewButtonWithIcon(lang.L("Continue"), theme.NavigateNextIcon(), s.onEnter)
	s.enter.Importance = widget.HighImportance
	s.lock = widget.NewButtonWithIcon(lang.L("Lock"), theme.LogoutIcon(), s.onLock)
	s.lock.Importance = widget.LowImportance
	s.forgot = widget.NewButtonWithIcon(lang.L("Forgot PIN?"), theme.QuestionIcon(), s.onForgot)
	s.forgot.Importance = widget.LowImportance
	s.forgot.Hide()
	s.activity = widget.NewActivity()
	s.activity.Hide()
	s.setPeople(u.team.people)
	clearOverlays(u.win.Canvas())
	u.show(s)
	dbWork(u, func(ctx context.Context, db *store.DB) (staffState, error) {
		kept, lost := 0, 0
		for _, d := range drafts {
			if err := db.SaveDraft(context.WithoutCancel(ctx), d); err != nil {
				fyne.LogError("ui: keep a draft", err)
				lost++
				continue
			}
			kept++
		}
		t, err := readTeam(ctx, db)
		t.kept, t.lost = kept, lost
		return t, err
	}, s.onTeam)
}

func (s *switchScreen) content() fyne.CanvasObject {
	honest := paragraph(lang.L("PINs say who is working in the unlocked salon; they do not encrypt anything."))
	honest.Importance = widget.LowImportance
	name := paragraph(s.u.salon.Name)
	name.Alignment = fyne.TextAlignCenter
	title := heading(lang.L("Who is working?"))
	title.Alignment = fyne.TextAlignCenter
	// Lock and the honest line stay below the scrolling names: with many
	// people on a small screen they would scroll out of sight.
	bottom := container.New(&column{width: pageWidth}, container.NewVBox(
		widget.NewSeparator(),
		container.NewBorder(nil, nil, s.lock, nil, honest),
	))
	return newActivityRoot(container.NewBorder(nil, bottom, nil, nil, page(
		logo(64),
		title,
		name,
		s.notice,
		s.people,
		widget.NewSeparator(),
		s.prompt,
		container.NewBorder(nil, nil, nil, container.NewHBox(s.activity, s.enter), s.pin),
		container.NewBorder(nil, nil, nil, s.forgot, s.message),
	)), func() {
		if s.u.idle != nil {
			s.u.idle.touch()
		}
	})
}

func (s *switchScreen) initialFocus() fyne.Focusable {
	if len(s.buttons) > 0 {
		return s.buttons[0]
	}
	return nil
}

// leave stops the countdown of a wait.
func (s *switchScreen) leave() { s.stopTick() }

// onTeam shows the team as read, and what became of the drafts.
func (s *switchScreen) onTeam(t staffState, err error) {
	if s.u.current != s {
		return
	}
	if err != nil {
		setError(s.message, lang.L("The staff list could not be read.")+" "+errorMessage(err))
		return
	}
	s.u.team = t
	if !t.switching() { // PINs were removed meanwhile: the salon of one is back
		s.u.actAsOwner()
		s.u.showShell(s.u.fyne.Preferences().StringWithFallback(prefSection, sectionClients))
		return
	}
	switch {
	case t.lost > 0:
		s.say(lang.L("The unsaved changes could not be kept (the disk may be full): they are lost."), widget.DangerImportance)
	case t.kept > 0:
		s.say(lang.L("The unsaved changes are kept in the salon, encrypted, and come back when the same person continues."), widget.MediumImportance)
	}
	if samePeople(s.staff, t.people) {
		return // as shown: keep the pick and the keyboard where they are
	}
	s.setPeople(t.people)
	s.focusPerson(0)
}

// samePeople reports whether a and b list the same people, named alike.
func samePeople(a, b []store.Staff) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Name != b[i].Name || a[i].Role != b[i].Role {
			return false
		}
	}
	return true
}

// reload reads the team again, as the switch screen shows it.
func (s *switchScreen) reload() {
	dbWork(s.u, readTeam, s.onTeam)
}

// say adds text to the notice.
func (s *switchScreen) say(text string, importance widget.Importance) {
	if s.notice.Text != "" {
		text = s.notice.Text + " " + text
	}
	s.notice.SetText(text)
	s.notice.Importance = importance
	s.notice.Show()
	s.notice.Refresh()
}

// setPeople lists people, a button each.
func (s *switchScreen) setPeople(people []store.Staff) {
	s.staff, s.chosen, s.buttons = people, -1, nil
	s.forgot.Hide()
	var objs []fyne.CanvasObject
	for i, p := range people {
		b := newPersonButton(p.Name+" · "+roleName(p.Role), func() { s.onPick(i) })
		b.move = func(by int) { s.focusPerson(i + by) }
		s.buttons = append(s.buttons, b)
		objs = append(objs, b)
	}
	s.people.Objects = objs
	s.people.Refresh()
}

// focusPerson gives the keyboard to the i-th name, if there is one.
func (s *switchScreen) focusPerson(i int) {
	if i >= 0 && i < len(s.buttons) {
		s.u.win.Canvas().Focus(s.buttons[i])
	}
}

// focusChosen gives the keyboard back to the name picked (Esc in the PIN).
func (s *switchScreen) focusChosen() { s.focusPerson(max(s.chosen, 0)) }

// onPick chooses the i-th person and moves to the PIN.
func (s *switchScreen) onPick(i int) {
	if s.working {
		return
	}
	s.choose(i)
	if !s.pin.Disabled() {
		s.u.win.Canvas().Focus(s.pin)
	}
}

// choose marks the i-th person as the one signing in.
func (s *switchScreen) choose(i int) {
	s.chosen = i
	for j, b := range s.buttons {
		if j == i {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
	p := s.staff[i]
	showIf(s.forgot, p.Role == "owner") // the others ask someone who may manage staff
	s.prompt.SetText(lang.L("The PIN of {{.Name}}:", map[string]any{"Name": p.Name}))
	s.pin.SetText("")
	setError(s.message, "")
	s.stopTick()
	s.updateWait()
}

// onTyped keeps digits only, eight at most.
func (s *switchScreen) onTyped(text string) {
	digits := make([]rune, 0, len(text))
	for _, r := range text {
		if r >= '0' && r <= '9' && len(digits) < 8 {
			digits = append(digits, r)
		}
	}
	if string(digits) != text {
		s.pin.SetText(string(digits))
		s.pin.CursorColumn = len(digits)
	}
	if text != "" && s.message.Visible() && !s.waiting() {
		setError(s.message, "")
	}
}

// onEnter checks the PIN typed, off the UI goroutine (it takes a key
// derivation's time), and signs the person in when it is theirs.
func (s *switchScreen) onEnter() {
	if s.working || s.waiting() {
		return
	}
	if s.chosen < 0 {
		setError(s.message, lang.L("Pick your name first."))
		s.focusPerson(0)
		return
	}
	pin := s.pin.Text
	if len(pin) < 4 {
		setError(s.message, lang.L("A PIN is 4 to 8 digits."))
		s.u.win.Canvas().Focus(s.pin)
		return
	}
	p := s.staff[s.chosen]
	s.setWorking(true)
	dbWork(s.u, func(ctx context.Context, db *store.DB) (store.Grant, error) {
		if err := db.CheckPIN(ctx, p.ID, pin); err != nil {
			return store.Grant{}, err
		}
		return db.Grant(store.ActAs(ctx, p.ID))
	}, func(g store.Grant, err error) { s.onChecked(p, g, err) })
}

// onChecked acts on the store's answer about p's PIN.
func (s *switchScreen) onChecked(p store.Staff, g store.Grant, err error) {
	if s.u.current != s {
		return
	}
	s.setWorking(false)
	s.pin.SetText("")
	var wait store.PINThrottled
	switch {
	case err == nil:
		s.u.signIn(p, g)
		return
	case errors.Is(err, store.ErrPINLocked):
		s.u.lockAfterPINs()
		return
	case errors.As(err, &wait):
		_, unchecked := err.(store.PINThrottled) // a wait, the PIN not even looked at
		s.waits[p.ID] = s.u.now().Add(wait.Wait)
		s.wrong[p.ID] = !unchecked
		s.updateWait()
		return
	case errors.Is(err, store.ErrWrongPIN):
		setError(s.message, lang.L("Wrong PIN. Try again."))
	case errors.Is(err, store.ErrNoPIN):
		setError(s.message, lang.L("{{.Name}} has no PIN any more, or no longer works here.", map[string]any{"Name": p.Name}))
		s.reload()
		return
	default:
		fyne.LogError("ui: check a PIN", err)
		setError(s.message, errorMessage(err))
	}
	s.u.win.Canvas().Focus(s.pin)
}

// waiting reports whether the person picked must wait before the next try.
func (s *switchScreen) waiting() bool {
	if s.chosen < 0 {
		return false
	}
	until, ok := s.waits[s.staff[s.chosen].ID]
	return ok && s.u.now().Before(until)
}

// updateWait shows how long the person picked must still wait, with the
// PIN field disabled meanwhile, counting down each second; once the wait is
// over the field takes the keyboard again.
func (s *switchScreen) updateWait() {
	s.stopTick()
	if s.u.current != s || s.chosen < 0 {
		return
	}
	id := s.staff[s.chosen].ID
	left := s.waits[id].Sub(s.u.now())
	if left <= 0 {
		_, was := s.waits[id]
		delete(s.waits, id)
		if !s.working {
			s.pin.Enable()
			s.enter.Enable()
		}
		if was { // the wait is over: the field takes the keyboard again
			setError(s.message, "")
			s.u.win.Canvas().Focus(s.pin)
		}
		return
	}
	s.pin.Disable()
	s.enter.Disable()
	secs := int((left + time.Second - 1) / time.Second)
	text := lang.N("Too many wrong PINs: wait {{.Count}} seconds before the next try.", secs, map[string]any{"Count": strconv.Itoa(secs)})
	if s.wrong[id] {
		text = lang.L("Wrong PIN.") + " " + text
	}
	setError(s.message, text)
	t := time.AfterFunc(time.Second, func() { s.u.post(s.updateWait) })
	s.stopTick = func() { t.Stop() }
}

// onLock locks the salon from the switch screen.
func (s *switchScreen) onLock() {
	if !s.working {
		s.u.closeDB(s.u.showUnlock)
	}
}

// setWorking disables the screen while a PIN is checked.
func (s *switchScreen) setWorking(on bool) {
	s.working = on
	working(s.activity, on, s.pin, s.enter, s.lock, s.forgot)
}

// personButton is a name on the switch screen: Enter picks it as Space
// does, and the arrows move to the name above or below.
type personButton struct {
	widget.Button
	move func(by int)
}

func newPersonButton(label string, tapped func()) *personButton {
	b := &personButton{}
	b.Text, b.Icon, b.OnTapped = label, theme.AccountIcon(), tapped
	b.Alignment = widget.ButtonAlignLeading
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey is part of fyne.Focusable.
func (b *personButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	case fyne.KeyUp, fyne.KeyLeft:
		b.move(-1)
	case fyne.KeyDown, fyne.KeyRight:
		b.move(1)
	default:
		b.Button.TypedKey(ev)
	}
}
