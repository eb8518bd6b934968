package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
	kwidget "kartoteka/ui/widget"
)

// privacyScreen is the privacy section: retention (GDPR Art. 5(1)(e)) — the
// policy, a preview of what it does today and who falls due within two
// weeks, Run now, and the history of runs.
type privacyScreen struct {
	shell *shellScreen

	policy   *kwidget.RadioGroup
	days     *textEntry
	months   *textEntry
	years    *textEntry
	law      *widget.Label
	form     *fieldForm
	preview  *widget.Button
	save     *widget.Button
	runNow   *widget.Button
	result   *fyne.Container // the preview
	history  *fyne.Container
	problem  *problemBox
	loaded   bool
	saved    string // the policy chosen as last saved
	current  store.RetentionPolicy
	lastPlan *privacy.RetentionPlan
	asked    *question  // the last question asked, for tests
	pending  *draftData // a draft to put back once the policy is read

	askedReason                   *reasonQuestion // the last reason asked, for tests
	forgetList, keptList, dueList *peopleList     // the clients the preview names

}

// privacyData is what the section shows, read off the UI goroutine.
type privacyData struct {
	policy store.RetentionPolicy
	runs   []store.RetentionRun
	plan   *privacy.RetentionPlan
	people map[int64]store.Client // every client the plan names
}

func newPrivacyScreen(shell *shellScreen) *privacyScreen {
	v := &privacyScreen{shell: shell, problem: newProblemBox(), result: container.NewVBox(), history: container.NewVBox()}
	v.policy = kwidget.NewRadioGroup([]string{lang.L("Off: nothing is forgotten automatically"),
		lang.L("Remove bookings some days after they end; forget clients left with none"),
		lang.L("Forget clients some months after their last visit")}, func(string) { v.enableFields() })
	v.policy.Required = true
	v.days, v.months, v.years = newEntry(), newEntry(), newEntry()
	v.law = widget.NewLabel(statutoryLaw(shell.u.salon.Country))
	v.law.Wrapping = fyne.TextWrapWord
	v.law.Importance = widget.LowImportance
	v.form = newFieldForm()
	v.form.add("days", lang.L("Days after a booking ends"), v.days)
	v.form.add("months", lang.L("Months after the last visit"), v.months)
	v.form.add("statutory_years", lang.L("Years invoices keep the buyer's data"), container.NewVBox(v.years, v.law))
	v.preview = widget.NewButtonWithIcon(lang.L("Preview"), theme.VisibilityIcon(), v.onPreview)
	v.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), v.onSave)
	v.save.Importance = widget.HighImportance
	v.runNow = widget.NewButtonWithIcon(lang.L("Run now"), theme.MediaPlayIcon(), v.onRunNow)
	submitWith(v.onPreview, v.days, v.months, v.years) // Enter shows what the numbers would do
	v.load()
	return v
}

func (v *privacyScreen) content() fyne.CanvasObject {
	return widePage(container.NewVBox(
		heading(lang.L("Privacy")),
		subheading(lang.L("Retention")),
		paragraph(lang.L("Personal data may be kept only as long as it is needed (GDPR Art. 5(1)(e)). Choose a policy and Kartoteka applies it by itself, once a day while it is open. Restricted clients and clients with upcoming bookings are never touched; payments and invoices stay for the accounts.")),
		v.policy, // full width: its choices are long in Polish and German
		v.form.content(),
		container.NewHBox(v.preview, v.runNow, v.save),
		v.problem,
		v.result,
		subheading(lang.L("Runs")),
		v.history,
	))
}

// policyOf is the policy the radio group stands for.
func (v *privacyScreen) policyOf() string {
	switch v.policy.Selected {
	case v.policy.Options[1]:
		return store.PolicyBookingEnd
	case v.policy.Options[2]:
		return store.PolicyLastVisit
	}
	return store.PolicyOff
}

func (v *privacyScreen) enableFields() {
	p := v.policyOf()
	for _, f := range []struct {
		e  *textEntry
		on bool
	}{{v.days, p == store.PolicyBookingEnd}, {v.months, p == store.PolicyLastVisit}, {v.years, true}} {
		if f.on {
			f.e.Enable()
		} else {
			f.e.Disable()
		}
	}
}

// load reads the policy, the history and today's plan in the background.
func (v *privacyScreen) load() {
	now := v.shell.u.now()
	end := v.shell.begin(lang.L("Loading the privacy settings…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (privacyData, error) {
		var d privacyData
		var err error
		if d.policy, err = db.RetentionPolicy(ctx); err != nil {
			return d, err
		}
		if d.runs, err = db.RetentionRuns(ctx, 10); err != nil {
			return d, err
		}
		d.plan, d.people, err = planWithPeople(ctx, db, d.policy, now)
		return d, err
	}, func(d privacyData, err error) {
		end()
		if err != nil {
			v.problem.show(lang.L("The privacy settings could not be loaded."), err)
			return
		}
		v.loaded, v.current = true, d.policy
		if d.policy.Policy == store.PolicyOff {
			v.runNow.Disable() // a policy must be saved first
		} else {
			v.runNow.Enable()
		}
		v.setForm(d.policy)
		v.showPlan(d.plan, d.people)
		if p := v.pending; p != nil {
			v.pending = nil
			setValueOf(v.policy, p.Policy)
			v.form.setValues(p.Values)
			v.enableFields()
			v.shell.restored(v)
		}
		v.showRuns(d.runs)
		v.shell.setDueSoon(len(d.plan.DueSoon))
	})
}

// planWithPeople plans p at now and reads the cards of every client the
// plan names: those it forgets, those kept out, those falling due.
func planWithPeople(ctx context.Context, db *store.DB, p store.RetentionPolicy, now time.Time) (*privacy.RetentionPlan, map[int64]store.Client, error) {
	plan, err := privacy.PlanRetention(ctx, db, p, now)
	if err != nil {
		return nil, nil, err
	}
	ids := slices.Clone(plan.ForgetClients)
	for _, e := range plan.Excluded {
		if e.Reason == privacy.ExcludedKept {
			ids = append(ids, e.Client)
		}
	}
	for _, d := range plan.DueSoon {
		ids = append(ids, d.Client)
	}
	cards, err := db.ClientSummaries(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	people := make(map[int64]store.Client, len(cards))
	for _, c := range cards {
		people[c.ID] = c
	}
	return plan, people, nil
}

func (v *privacyScreen) setForm(p store.RetentionPolicy) {
	switch p.Policy {
	case store.PolicyBookingEnd:
		v.policy.SetSelected(v.policy.Options[1])
	case store.PolicyLastVisit:
		v.policy.SetSelected(v.policy.Options[2])
	default:
		v.policy.SetSelected(v.policy.Options[0])
	}
	v.days.SetText(strconv.Itoa(p.Days))
	v.months.SetText(strconv.Itoa(p.Months))
	v.years.SetText(strconv.Itoa(privacy.KeptYears(v.shell.u.salon.Country, p.StatutoryYears)))
	v.enableFields()
	v.form.markSaved()
	v.saved = v.policy.Selected
}

// unsaved is part of editor.
func (v *privacyScreen) unsaved() bool {
	return v.loaded && (v.form.changed() || v.policy.Selected != v.saved)
}

// subject is part of editor.
func (v *privacyScreen) subject() string { return lang.L("the retention policy") }

// draftKey is part of drafter.
func (v *privacyScreen) draftKey() (string, int64) { return "retention", 0 }

// draftData is part of drafter.
func (v *privacyScreen) draftData() draftData {
	return draftData{Values: v.form.values(), Policy: valueOf(v.policy)}
}

// input is the policy in the form; ok is false when a number is unreadable.
func (v *privacyScreen) input() (store.RetentionPolicy, bool) {
	v.form.clearErrors()
	p := v.current
	p.Policy = v.policyOf()
	ok := true
	// read takes a whole number from lo to hi (the store's ranges), and
	// says the range when what is typed is not one.
	read := func(e *textEntry, field string, into *int, lo, hi int) {
		n, err := strconv.Atoi(strings.TrimSpace(e.Text))
		if err != nil || n < lo || n > hi {
			setError(v.form.errLabel(field), lang.L("Write a whole number from {{.Low}} to {{.High}}.", map[string]any{"Low": lo, "High": hi}))
			ok = false
			return
		}
		*into = n
	}
	read(v.days, "days", &p.Days, 1, 3650)
	read(v.months, "months", &p.Months, 1, 240)
	read(v.years, "statutory_years", &p.StatutoryYears, privacy.MinStatutoryYears(v.shell.u.salon.Country), 15)
	if p.StatutoryYears == privacy.StatutoryYears(v.shell.u.salon.Country) {
		p.StatutoryYears = 0 // the law's own, following it if it changes
	}
	return p, ok
}

func (v *privacyScreen) onPreview() {
	p, ok := v.input()
	if !ok {
		return
	}
	now := v.shell.u.now()
	end := v.shell.begin(lang.L("Working out what the policy would do…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (privacyData, error) {
		plan, people, err := planWithPeople(ctx, db, p, now)
		return privacyData{plan: plan, people: people}, err
	}, func(d privacyData, err error) {
		end()
		if err != nil {
			v.problem.show(lang.L("This could not be checked."), err)
			return
		}
		v.showPlan(d.plan, d.people)
	})
}

func (v *privacyScreen) onSave() { v.saveThen(nil) }

// saveThen is part of editor.
//
// A policy goes to work by itself within a minute of being saved, so saving
// one that would change anything today asks first, with the exact numbers,
// as Run now does.
func (v *privacyScreen) saveThen(next func()) {
	p, ok := v.input()
	if !ok {
		return
	}
	if p.Policy == store.PolicyOff {
		v.write(p, next)
		return
	}
	now := v.shell.u.now()
	end := v.shell.begin(lang.L("Working out what the policy would do…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (privacyData, error) {
		plan, people, err := planWithPeople(ctx, db, p, now)
		return privacyData{plan: plan, people: people}, err
	}, func(d privacyData, err error) {
		end()
		plan := d.plan
		switch {
		case err != nil:
			v.form.showError(err)
		case plan.Empty():
			v.write(p, next)
		default:
			text := lang.L("Once saved, the policy works by itself, once a day. Its first run, in a minute, will forget {{.Clients}} clients for good, remove {{.Removed}} bookings, move {{.Anonymized}} old paid bookings to the anonymous accounts card and remove the buyer's data from {{.Invoices}} invoices. Check the names in the preview first, and keep out anyone who should stay.",
				planCounts(plan, v.shell.u.lang))
			v.showPlan(plan, d.people) // the names, beneath the question
			v.asked = askOnce(v.shell.u.win, lang.L("Save the retention policy?"), text, lang.L("Save the policy"),
				func() { v.write(p, next) }, nil)
		}
	})
}

// write saves policy p, then runs next, or shows the section afresh.
func (v *privacyScreen) write(p store.RetentionPolicy, next func()) {
	end := v.shell.begin(lang.L("Saving…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (struct{}, error) {
		return struct{}{}, db.SetRetentionPolicy(ctx, p)
	}, func(_ struct{}, err error) {
		end()
		if err != nil {
			v.form.showError(err)
			return
		}
		v.form.markSaved()
		v.saved = v.policy.Selected
		if next != nil {
			next()
			return
		}
		v.shell.say(lang.L("The retention policy is saved."))
		v.load()
	})
}

// onRunNow works out what the saved policy does now and asks, with the
// exact numbers, before doing it.
func (v *privacyScreen) onRunNow() {
	if v.current.Policy == store.PolicyOff || v.shell.u.retention == nil {
		return
	}
	p, now := v.current, v.shell.u.now()
	v.runNow.Disable()
	end := v.shell.begin(lang.L("Working out what the policy would do…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (*privacy.RetentionPlan, error) {
		return privacy.PlanRetention(ctx, db, p, now)
	}, func(plan *privacy.RetentionPlan, err error) {
		end()
		v.runNow.Enable()
		if err != nil {
			v.problem.show(lang.L("This could not be checked."), err)
			return
		}
		v.confirmRun(plan)
	})
}

// confirmRun asks before plan is carried out, saying exactly what it does.
func (v *privacyScreen) confirmRun(plan *privacy.RetentionPlan) {
	code := v.shell.u.lang
	if plan.Empty() {
		v.asked = ask(v.shell.u.win, lang.L("Apply the retention policy now?"), lang.L("Today the policy has nothing to do."),
			lang.L("Record a run anyway"), lang.L("Close"), func() { v.run(plan) }, nil)
		return
	}
	counts := planCounts(plan, code)
	text := lang.L("Kartoteka will now forget {{.Clients}} clients for good, remove {{.Removed}} bookings, move {{.Anonymized}} old paid bookings to the anonymous accounts card and remove the buyer's data from {{.Invoices}} invoices. Forgetting cannot be undone: check the list below first, and keep out anyone who should stay.",
		counts)
	yes := lang.N("Forget {{.Count}} clients now", len(plan.ForgetClients), map[string]any{"Count": counts["Clients"]})
	if len(plan.ForgetClients) == 0 {
		yes = lang.L("Apply the policy now")
	}
	v.asked = askOnce(v.shell.u.win, lang.L("Apply the retention policy now?"), text, yes, func() { v.run(plan) }, nil)
}

// planCounts are what plan does, written in language code, as the questions
// before a run name them.
func planCounts(plan *privacy.RetentionPlan, code string) map[string]any {
	return map[string]any{"Clients": formatCount(code, len(plan.ForgetClients)), "Removed": formatCount(code, len(plan.RemoveBookings)),
		"Anonymized": formatCount(code, len(plan.AnonymizeBookings)), "Invoices": formatCount(code, len(plan.PurgeInvoices))}
}

// run hands plan to the daily job's timer, which carries it out.
func (v *privacyScreen) run(plan *privacy.RetentionPlan) {
	if t := v.shell.u.retention; t != nil {
		t.runNow(plan)
	}
}

// showPlan says what a policy does today — naming every client it would
// forget, each with a way to keep them — who is kept out, and who falls due
// soon.
func (v *privacyScreen) showPlan(plan *privacy.RetentionPlan, people map[int64]store.Client) {
	v.lastPlan = plan
	code := v.shell.u.lang
	p := plan.Policy
	var objs []fyne.CanvasObject
	invoices := []fyne.CanvasObject{paragraph("• " + lang.N("remove the buyer's data from {{.Count}} invoices whose statutory period is over", len(plan.PurgeInvoices),
		map[string]any{"Count": formatCount(code, len(plan.PurgeInvoices))}))}
	if !plan.NextPurge.IsZero() {
		invoices = append(invoices, paragraph(lang.N("Next: {{.Count}} invoices lose their buyer's data on {{.Date}}.", plan.NextPurgeCount,
			map[string]any{"Count": formatCount(code, plan.NextPurgeCount), "Date": formatDate(code, plan.NextPurge)})))
	}
	if p.Policy == store.PolicyOff {
		every := paragraph(lang.L("Invoices past their statutory period lose their buyer's data every day, whatever the policy"))
		every.TextStyle.Bold = true
		objs = append(objs, paragraph(lang.L("Retention is off: nothing is forgotten automatically.")), every)
		objs = append(objs, invoices...)
	} else {
		count := func(n int) string { return formatCount(code, n) }
		reason := lang.N("no visit for {{.Months}} months", p.Months, map[string]any{"Months": strconv.Itoa(p.Months)})
		if p.Policy == store.PolicyBookingEnd {
			reason = lang.N("all their bookings ended over {{.Days}} days ago", p.Days, map[string]any{"Days": strconv.Itoa(p.Days)})
		}
		restricted, upcoming := 0, 0
		var kept []person
		for _, e := range plan.Excluded {
			switch e.Reason {
			case privacy.ExcludedRestricted:
				restricted++
			case privacy.ExcludedUpcoming:
				upcoming++
			case privacy.ExcludedKept:
				c := people[e.Client]
				kept = append(kept, person{id: c.ID, name: clientName(c), when: formatDate(code, c.RetentionHoldAt), reason: c.RetentionHold})
			}
		}
		objs = append(objs,
			subheading(lang.L("Today the policy would")),
			paragraph("• "+lang.N("forget {{.Count}} clients: {{.Reason}}", len(plan.ForgetClients), map[string]any{"Count": count(len(plan.ForgetClients)), "Reason": reason})))
		if p.Policy == store.PolicyBookingEnd {
			objs = append(objs,
				paragraph("• "+lang.N("remove {{.Count}} bookings that ended long ago and carry no payment", len(plan.RemoveBookings), map[string]any{"Count": count(len(plan.RemoveBookings))})),
				paragraph("• "+lang.N("move {{.Count}} old paid bookings, with their payments, off their clients' cards to the anonymous accounts card (notes cleared)", len(plan.AnonymizeBookings),
					map[string]any{"Count": count(len(plan.AnonymizeBookings))})))
		}
		objs = append(objs, invoices...)
		objs = append(objs,
			paragraph("• "+lang.L("leave out {{.Restricted}} restricted clients (GDPR Art. 18) and {{.Upcoming}} with upcoming bookings",
				map[string]any{"Restricted": count(restricted), "Upcoming": count(upcoming)})),
		)
		objs = append(objs, v.peopleParts(plan, people, kept)...)
	}
	v.result.Objects = objs
	v.result.Refresh()
}

// peopleParts name the clients a plan forgets today, those kept out by the
// owner, and those falling due within two weeks.
func (v *privacyScreen) peopleParts(plan *privacy.RetentionPlan, people map[int64]store.Client, kept []person) []fyne.CanvasObject {
	code := v.shell.u.lang
	count := func(n int) string { return formatCount(code, n) }
	var forget, due []person
	for _, id := range plan.ForgetClients {
		c := people[id]
		p := person{id: id, name: clientName(c), when: formatDate(code, c.LastVisit), reason: lang.L("last visit")}
		if c.LastVisit.IsZero() {
			p.when, p.reason = formatDate(code, c.CreatedAt), lang.L("no visit; card made")
		}
		forget = append(forget, p)
	}
	for _, d := range plan.DueSoon {
		due = append(due, person{id: d.Client, name: clientName(people[d.Client]), when: formatDate(code, d.Due), reason: lang.L("falls due")})
	}
	var objs []fyne.CanvasObject
	if len(forget) > 0 {
		warn := subheading(lang.N("{{.Count}} clients would be forgotten today", len(forget), map[string]any{"Count": count(len(forget))}))
		warn.Importance = widget.DangerImportance
		v.forgetList = newPeopleList(forget, lang.L("Keep…"), v.onOpenCard, v.onKeep)
		objs = append(objs, warn, paragraph(lang.L("Check the names. Keep out anyone who should stay: a regular client, someone with a claim pending. Kartoteka then leaves them alone until you stop keeping them.")),
			v.forgetList.content())
	}
	v.keptList = nil
	if len(kept) > 0 {
		v.keptList = newPeopleList(kept, lang.L("Stop keeping"), v.onOpenCard, v.onRelease)
		objs = append(objs, subheading(lang.N("{{.Count}} clients kept out by you", len(kept), map[string]any{"Count": count(len(kept))})), v.keptList.content())
	}
	if len(due) == 0 {
		objs = append(objs, paragraph(lang.L("Nobody falls due in the next 14 days.")))
	} else {
		warn := paragraph(lang.N("{{.Count}} clients fall due in the next 14 days.", len(due), map[string]any{"Count": count(len(due))}))
		warn.Importance = widget.WarningImportance
		v.dueList = newPeopleList(due, lang.L("Keep…"), v.onOpenCard, v.onKeep)
		objs = append(objs, warn, v.dueList.content())
	}
	return objs
}

// onOpenCard shows the card of client id.
func (v *privacyScreen) onOpenCard(id int64) {
	v.shell.leaveThen(func() { v.shell.showClientCard(id) })
}

// onKeep asks why p should be kept out of retention, then keeps them.
func (v *privacyScreen) onKeep(p person) {
	v.askedReason = askKeep(v.shell.u.win, p.name, func(reason string) { v.hold(p.id, true, reason) })
}

// onRelease stops keeping p out, after asking once.
func (v *privacyScreen) onRelease(p person) {
	v.asked = askRelease(v.shell.u.win, p.name, func() { v.hold(p.id, false, "") })
}

// hold keeps client id out of retention, or stops, then shows the preview
// again.
func (v *privacyScreen) hold(id int64, on bool, reason string) {
	end := v.shell.begin(lang.L("Saving…"))
	dbWork(v.shell.u, func(ctx context.Context, db *store.DB) (struct{}, error) {
		return struct{}{}, db.SetRetentionHold(ctx, id, on, reason)
	}, func(_ struct{}, err error) {
		end()
		if err != nil {
			v.problem.show(lang.L("This could not be saved."), err)
			return
		}
		v.problem.clear()
		if v.lastPlan != nil && v.lastPlan.Policy != v.current {
			v.onPreview() // the policy on show is not saved yet
			return
		}
		v.load()
	})
}

// showRuns lists the last runs of retention.
func (v *privacyScreen) showRuns(runs []store.RetentionRun) {
	code := v.shell.u.lang
	var rows []fyne.CanvasObject
	for _, r := range runs {
		rows = append(rows, textRow([]float32{1, 3}, formatDate(code, r.Finished)+" "+r.Finished.Local().Format("15:04"), retentionSummary(r)))
	}
	setRows(v.history, rows, lang.L("Retention has not run yet."))
}

// statutoryLaw names the law that keeps invoices in the salon's country.
func statutoryLaw(country string) string {
	switch country {
	case "PL":
		return lang.L("Poland: 5 years after the end of the year in which the tax fell due (ustawa o VAT, art. 112; Ordynacja podatkowa, art. 70 § 1).")
	case "DE":
		return lang.L("Germany: 8 years after the end of the year for invoices since 2025 (§ 147 AO, § 14b UStG; books 10 years).")
	case "DK":
		return lang.L("Denmark: 5 years after the end of the financial year (bogføringsloven § 12).")
	case "AT":
		return lang.L("Austria: 7 years after the end of the year (§ 132 BAO).")
	}
	return lang.L("Set the period the law of the salon's country requires.")
}
