package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// consentChannel is where consents given on the card are recorded: the
// client is in the salon.
const consentChannel = "in_person"

// cardPrivacy is the GDPR part of a client card: consents with their history,
// health notes (only while health-data consent is given) and restriction of
// processing.
type cardPrivacy struct {
	card *clientCard

	checks     map[string]*widget.Check  // by consent kind
	unsub      map[string]*widget.Button // Unsubscribe, by marketing kind; shown while it is given
	history    *fyne.Container
	health     *textEntry
	healthErr  *widget.Label
	healthOff  *widget.Label
	healthNot  *widget.Label // the notes are hidden for the role of the person acting
	restrictNo *widget.Label // why restriction cannot be changed here, when it cannot
	retainNo   *widget.Label // likewise for the hold against retention
	restricted *widget.Label
	reason     *textEntry
	reasonErr  *widget.Label
	restrict   *widget.Button
	lift       *widget.Button
	changes    *fyne.Container // the history of the restriction
	held       *widget.Label
	keep       *widget.Button
	release    *widget.Button
	problem    *widget.Label

	given   map[string]bool // current consents
	setting bool            // the view itself is setting the checks
	asked   *question       // the last question asked, for tests
	// askedChoice is the last consent to confirm, for tests.
	askedChoice *choiceQuestion
	// askedReason is the last reason asked for (lifting, keeping), for tests.
	askedReason *reasonQuestion
}

func newCardPrivacy(card *clientCard) *cardPrivacy {
	p := &cardPrivacy{card: card, checks: map[string]*widget.Check{}, unsub: map[string]*widget.Button{}, given: map[string]bool{}}
	for _, kind := range store.ConsentKinds {
		p.checks[kind] = widget.NewCheck(consentName(kind), func(on bool) { p.onConsent(kind, on) })
	}
	for kind := range unsubscribeVia {
		p.unsub[kind] = widget.NewButton(lang.L("Unsubscribe"), func() { p.onUnsubscribe(kind) })
		p.unsub[kind].Importance = widget.LowImportance
		p.unsub[kind].Hide()
	}
	p.history = container.NewVBox()
	p.health = newMultiLineEntry()
	p.health.SetMinRowsVisible(3)
	p.health.Wrapping = fyne.TextWrapWord
	p.healthErr = errorText()
	p.healthOff = widget.NewLabel(lang.L("Health notes can be kept only while the client consents to the processing of health data."))
	p.healthOff.Wrapping = fyne.TextWrapWord
	p.healthOff.Importance = widget.LowImportance
	p.healthNot = reasonLine()
	p.restrictNo, p.retainNo = reasonLine(), reasonLine()
	p.restricted = widget.NewLabel("")
	p.restricted.Wrapping = fyne.TextWrapWord
	p.reason = newEntry()
	p.reason.SetPlaceHolder(lang.L("Reason, e.g. the client disputes the accuracy of the data"))
	submitWith(p.onRestrict, p.reason)
	p.reasonErr = errorText()
	p.restrict = widget.NewButton(lang.L("Restrict processing"), p.onRestrict)
	p.lift = widget.NewButton(lang.L("Lift the restriction…"), p.onLift)
	p.changes = container.NewVBox()
	p.held = paragraph("")
	p.keep = widget.NewButton(lang.L("Keep out of automatic retention…"), p.onKeep)
	p.release = widget.NewButton(lang.L("Stop keeping"), p.onRelease)
	p.problem = errorText()
	return p
}

func (p *cardPrivacy) content() fyne.CanvasObject {
	checks := container.NewVBox()
	for _, kind := range store.ConsentKinds {
		if b := p.unsub[kind]; b != nil {
			checks.Add(container.NewHBox(p.checks[kind], b))
		} else {
			checks.Add(p.checks[kind])
		}
	}
	return container.NewVBox(
		subheading(lang.L("Consents")), checks,
		subheading(lang.L("Consent history")), p.history,
		subheading(lang.L("Health notes")), p.healthNot, p.healthOff, p.health, p.healthErr,
		subheading(lang.L("Restriction of processing")), p.restricted, p.reason, p.reasonErr,
		container.NewHBox(p.restrict, p.lift), p.restrictNo, p.changes,
		subheading(lang.L("Automatic retention")), p.held, container.NewHBox(p.keep, p.release), p.retainNo,
		p.problem,
	)
}

// consentName is a consent kind in the language in use.
func consentName(kind string) string {
	switch kind {
	case store.ConsentMarketingEmail:
		return lang.L("Marketing by email")
	case store.ConsentMarketingSMS:
		return lang.L("Marketing by SMS")
	case store.ConsentHealth:
		return lang.L("Processing of health data")
	default:
		return kind
	}
}

// channelName is a consent channel in the language in use.
func channelName(ch string) string {
	switch ch {
	case "in_person":
		return lang.L("In person")
	case "phone":
		return lang.L("By phone")
	case "paper":
		return lang.L("On paper")
	case "email":
		return lang.L("By email")
	default:
		return ch
	}
}

// show puts the consents, health notes and restriction of a card on screen.
func (p *cardPrivacy) show(card store.Card) {
	code := p.card.shell.u.lang
	p.given = store.CurrentConsents(card.Consents)
	p.setting = true
	for kind, check := range p.checks {
		check.SetChecked(p.given[kind])
	}
	p.setting = false
	var rows []fyne.CanvasObject
	for i := len(card.Consents) - 1; i >= 0; i-- { // newest first
		c := card.Consents[i]
		state := lang.L("Withdrawn")
		if c.Given {
			state = lang.L("Given")
		}
		rows = append(rows, textRow([]float32{2, 1, 3, 2, 2}, formatDate(code, c.At), c.At.Local().Format("15:04"),
			consentName(c.Kind), state, channelName(c.Channel)))
	}
	setRows(p.history, rows, lang.L("No consents recorded."))
	p.setHealth(card.Client.HealthNotes)
	cl := card.Client
	setError(p.reasonErr, "")
	if cl.Restricted {
		p.restricted.SetText(lang.L("Processing is restricted since {{.Date}}: {{.Reason}}",
			map[string]any{"Date": formatDate(code, cl.RestrictedAt), "Reason": cl.RestrictionReason}))
		p.reason.Hide()
		p.restrict.Hide()
		p.lift.Show()
	} else {
		p.restricted.SetText(lang.L("Processing is not restricted."))
		p.reason.SetText("")
		p.reason.Show()
		p.restrict.Show()
		p.lift.Hide()
	}
	var changes []fyne.CanvasObject
	for i := len(card.Restrictions) - 1; i >= 0; i-- { // newest first
		r := card.Restrictions[i]
		what := lang.L("Lifted")
		if r.Restricted {
			what = lang.L("Restricted")
		}
		reason := r.Reason
		if reason == "" {
			reason = lang.L("no reason recorded")
		}
		changes = append(changes, textRow([]float32{2, 1, 2, 5}, formatDate(code, r.At), r.At.Local().Format("15:04"), what, reason))
	}
	p.changes.Objects = changes
	p.changes.Refresh()
	if cl.RetentionHold != "" {
		p.held.SetText(lang.L("Kept out of automatic retention since {{.Date}}: {{.Reason}}", map[string]any{"Date": formatDate(code, cl.RetentionHoldAt), "Reason": cl.RetentionHold}))
		p.keep.Hide()
		p.release.Show()
	} else {
		p.held.SetText(lang.L("The salon's retention policy applies to this client as to everyone."))
		p.keep.Show()
		p.release.Hide()
	}
	p.allow()
}

// allow offers only what the person acting may change: consents with
// clients.edit, the restriction with requests, the hold with retention;
// the controls for the rest are hidden, with the reason.
func (p *cardPrivacy) allow() {
	u := p.card.shell.u
	for _, c := range p.checks {
		allowIf(c, u.may(store.PermClientsEdit))
	}
	for kind, b := range p.unsub {
		showIf(b, p.given[kind] && u.may(store.PermClientsEdit))
	}
	if !u.may(store.PermRequests) {
		p.reason.Hide()
		p.restrict.Hide()
		p.lift.Hide()
		setReason(p.restrictNo, notAllowed(store.PermRequests))
	}
	if !u.may(store.PermRetention) {
		p.keep.Hide()
		p.release.Hide()
		setReason(p.retainNo, notAllowed(store.PermRetention))
	}
}

// healthEditable says whether the health notes can be changed here: with
// the client's health-data consent, by someone who may see and change them.
func (p *cardPrivacy) healthEditable() bool {
	u := p.card.shell.u
	return p.given[store.ConsentHealth] && u.may(store.PermHealthView) && u.may(store.PermHealthEdit)
}

// onLift asks why the restriction no longer applies, then lifts it: the
// reason is kept in the card's history of the restriction.
func (p *cardPrivacy) onLift() {
	id, name := p.card.id, clientName(p.card.client)
	p.askedReason = askReason(p.card.shell.u.win, lang.L("Lift the restriction?"),
		lang.L("Processing of {{.Name}}'s data will be allowed again. Say why the restriction no longer applies; it is kept on the card.", map[string]any{"Name": name}),
		lang.L("e.g. the data was checked and is correct"), lang.L("Lift the restriction"), func(reason string) {
			p.change(func(ctx context.Context, db *store.DB) error {
				return db.SetRestriction(ctx, id, false, reason)
			}, nil)
		})
}

// onKeep asks why the client should be kept out of automatic retention,
// then keeps them.
func (p *cardPrivacy) onKeep() {
	id := p.card.id
	p.askedReason = askKeep(p.card.shell.u.win, clientName(p.card.client), func(reason string) {
		p.change(func(ctx context.Context, db *store.DB) error {
			return db.SetRetentionHold(ctx, id, true, reason)
		}, nil)
	})
}

// onRelease lets retention apply to the client again, after asking once.
func (p *cardPrivacy) onRelease() {
	id := p.card.id
	p.asked = askRelease(p.card.shell.u.win, clientName(p.card.client), func() {
		p.change(func(ctx context.Context, db *store.DB) error {
			return db.SetRetentionHold(ctx, id, false, "")
		}, nil)
	})
}

// setHealth shows notes in the health notes, editable only while health-data
// consent is given.
func (p *cardPrivacy) setHealth(notes string) {
	setError(p.healthErr, "")
	p.health.SetText(notes)
	u := p.card.shell.u
	switch {
	case !u.may(store.PermHealthView): // said, not shown as empty
		p.health.Hide()
		p.healthOff.Hide()
		setReason(p.healthNot, lang.L("Health notes are hidden for your role."))
	case p.given[store.ConsentHealth]:
		p.health.Show()
		p.healthOff.Hide()
		allowIf(p.health, u.may(store.PermHealthEdit))
		if u.may(store.PermHealthEdit) {
			setReason(p.healthNot, "")
		} else {
			setReason(p.healthNot, notAllowed(store.PermHealthEdit))
		}
	default:
		p.health.Hide()
		p.healthOff.Show()
		setReason(p.healthNot, "")
	}
}

// healthChanged reports whether health notes were typed and not saved.
func (p *cardPrivacy) healthChanged() bool {
	return p.given[store.ConsentHealth] && p.health.Text != p.card.client.HealthNotes
}

// healthNotes are the health notes to save: what is typed while health-data
// consent is given, else kept as they are.
func (p *cardPrivacy) healthNotes(kept string) string {
	if p.given[store.ConsentHealth] {
		return p.health.Text
	}
	return kept
}

func (p *cardPrivacy) onConsent(kind string, on bool) {
	if p.setting {
		return
	}
	id := p.card.id
	record := func() {
		p.change(func(ctx context.Context, db *store.DB) error {
			return db.SetConsent(ctx, id, kind, on, consentChannel, "")
		}, nil)
	}
	undo := func() {
		p.setting = true
		p.checks[kind].SetChecked(!on)
		p.setting = false
	}
	if on {
		// A consent given is proof on record: the owner confirms it, and says
		// how the client gave it.
		var names []string
		for _, ch := range store.Channels {
			names = append(names, channelName(ch))
		}
		p.askedChoice = askChoice(p.card.shell.u.win, lang.L("Record the consent?"),
			lang.L("Record that {{.Name}} gives their consent to: {{.Kind}}, now. How did they give it?",
				map[string]any{"Name": clientName(p.card.client), "Kind": consentName(kind)}),
			names, lang.L("Record the consent"), func(i int) {
				channel := store.Channels[i]
				p.change(func(ctx context.Context, db *store.DB) error {
					return db.SetConsent(ctx, id, kind, true, channel, "")
				}, nil)
			}, undo)
		return
	}
	notes := strings.TrimSpace(p.card.client.HealthNotes + p.health.Text)
	if kind != store.ConsentHealth || notes == "" && !p.card.client.HealthHidden {
		record()
		return
	}
	// Without the consent the health notes must go: say so, and ask once.
	p.asked = askOnce(p.card.shell.u.win, lang.L("Withdraw the health-data consent?"),
		lang.L("Without this consent Kartoteka may not keep {{.Name}}'s health notes: they are deleted now, for good. Export the client's data first if they asked for it.",
			map[string]any{"Name": clientName(p.card.client)}),
		lang.L("Withdraw and delete the notes"), record, undo)
}

// unsubscribeVia is how a client unsubscribing from a mailing list is
// recorded to have said so: by replying to the email, or by phone (an SMS
// reply).
var unsubscribeVia = map[string]string{store.ConsentMarketingEmail: "email", store.ConsentMarketingSMS: "phone"}

// onUnsubscribe takes the client off the mailing list of kind at once: the
// withdrawal is recorded (store.DB.Unsubscribe) with how they said so.
func (p *cardPrivacy) onUnsubscribe(kind string) {
	id, via := p.card.id, unsubscribeVia[kind]
	p.change(func(ctx context.Context, db *store.DB) error {
		return db.Unsubscribe(ctx, id, kind, via)
	}, nil)
}

// onRestrict restricts processing (GDPR Art. 18) for the reason typed.
func (p *cardPrivacy) onRestrict() {
	id, reason := p.card.id, p.reason.Text
	p.change(func(ctx context.Context, db *store.DB) error {
		return db.SetRestriction(ctx, id, true, reason)
	}, p.reasonErr)
}

// change runs write in the background, then shows the card's privacy as the
// store now has it; a refusal shows in errLabel, or under the section.
func (p *cardPrivacy) change(write func(ctx context.Context, db *store.DB) error, errLabel *widget.Label) {
	id := p.card.id
	p.setEnabled(false)
	setError(p.problem, "")
	end := p.card.shell.begin(lang.L("Saving…"))
	dbWork(p.card.shell.u, func(ctx context.Context, db *store.DB) (store.Card, error) {
		if err := write(ctx, db); err != nil {
			return store.Card{}, err
		}
		return db.ClientCard(ctx, id)
	}, func(card store.Card, err error) {
		end()
		p.setEnabled(true)
		if err != nil {
			if errLabel == nil {
				errLabel = p.problem
			}
			setError(errLabel, fieldMessage(err))
			p.setting = true
			for kind, check := range p.checks {
				check.SetChecked(p.given[kind])
			}
			p.setting = false
			p.card.relayout()
			return
		}
		p.card.client = card.Client // as the store has it now; typed details stay in the form
		p.show(card)
		p.card.showBadges()
		p.card.relayout()
	})
}

// setEnabled enables or disables the section's controls.
func (p *cardPrivacy) setEnabled(on bool) {
	ws := []fyne.Disableable{p.reason, p.restrict, p.lift, p.keep, p.release}
	for _, b := range p.unsub {
		ws = append(ws, b)
	}
	for _, c := range p.checks {
		ws = append(ws, c)
	}
	for _, w := range ws {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	if on {
		p.allow()
	}
}
