package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
)

// seeded is what seedDay put in a salon.
type seeded struct {
	client, other int64 // booked today (paid, with health notes), and yesterday
}

// seedDay gives the closed salon at the app's path a client booked today
// with staff member staff — paid, with health-data consent and health
// notes — and another booked yesterday, by the store's clock (the real
// one: the store screens "today" by it).
func (h *harness) seedDay(staff int64) seeded {
	h.t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, h.u.cfg.Path, testPassphrase, store.Options{KDF: store.CheapKDF})
	if err != nil {
		h.t.Fatal(err)
	}
	defer db.Close()
	svc, err := db.CreateService(ctx, store.Service{Name: "Cut", Minutes: 30, Price: store.Money{Minor: 10000}})
	if err != nil {
		h.t.Fatal(err)
	}
	var s seeded
	if s.client, err = db.CreateClient(ctx, store.ClientInput{FirstName: "Anna", LastName: "Dzisiejsza",
		HealthNotes: "Allergic to latex", HealthConsentChannel: "in_person"}); err != nil {
		h.t.Fatal(err)
	}
	if s.other, err = db.CreateClient(ctx, store.ClientInput{FirstName: "Beata", LastName: "Wczorajsza"}); err != nil {
		h.t.Fatal(err)
	}
	noon := midnight(time.Now()).Add(12 * time.Hour)
	b, err := db.CreateBooking(ctx, store.BookingInput{ClientID: s.client, StaffID: staff, ServiceID: svc, Start: noon})
	if err != nil {
		h.t.Fatal(err)
	}
	if _, err := db.CheckOut(ctx, b, store.PaymentInput{Amount: 10000, Method: "cash"}); err != nil {
		h.t.Fatal(err)
	}
	if _, err := db.CreateBooking(ctx, store.BookingInput{ClientID: s.other, StaffID: staff, ServiceID: svc, Start: noon.AddDate(0, 0, -1)}); err != nil {
		h.t.Fatal(err)
	}
	return s
}

// TestRoleDefaultsInTheWindow signs in as each role with its defaults and
// checks that what the window offers follows store.RolePermissions: the
// sections, the card's buttons, fields and hidden parts, the services and
// staff, the settings, the calendar. The expectations are read from the
// same map, so the window and the roles cannot drift apart.
func TestRoleDefaultsInTheWindow(t *testing.T) {
	for _, role := range store.Roles {
		t.Run(role, func(t *testing.T) {
			perms := store.RolePermissions[role]
			has := func(p store.Permission) bool { return slices.Contains(perms, p) }
			h := newHarness(t)
			h.makeSalon()
			ids := h.addStaff(member{"Ewa Owner", "owner", "1234"}, member{"Test Person", role, "2468"})
			day := h.seedDay(ids[1])
			s := h.unlockToSwitch()
			h.signInAs(s, "Test Person", "2468")
			sh := screenOf[*shellScreen](h, "the main window")
			if h.u.grant.Role != role {
				t.Fatalf("signed in as %q, want %q", h.u.grant.Role, role)
			}

			// The navigation.
			var got, want []string
			for _, sec := range sh.sections {
				got = append(got, sec.id)
			}
			want = append(want, sectionCalendar)
			if has(store.PermClientsView) || has(store.PermClientsToday) {
				want = append(want, sectionClients)
			}
			want = append(want, sectionServices)
			if has(store.PermRequests) || has(store.PermRetention) {
				want = append(want, sectionPrivacy)
			}
			want = append(want, sectionSettings)
			if has(store.PermAudit) {
				want = append(want, sectionAudit)
			}
			if !slices.Equal(got, want) {
				t.Errorf("sections %v, want %v", got, want)
			}

			// The calendar: booking by a click on an empty time, or why not.
			sh.select_(sectionCalendar)
			cal := sh.calendar
			h.waitFor("the calendar", func() bool { return cal.loaded })
			if why := strings.Contains(cal.hint.Text, notAllowed(store.PermBook)); why == has(store.PermBook) {
				t.Errorf("calendar hint %q with book %v", cal.hint.Text, has(store.PermBook))
			}

			// Privacy's tabs.
			if slices.Contains(got, sectionPrivacy) {
				sh.select_(sectionPrivacy)
				if (sh.requestsTab != nil) != has(store.PermRequests) || (sh.retentionTab != nil) != has(store.PermRetention) {
					t.Errorf("privacy tabs: requests %v, retention %v", sh.requestsTab != nil, sh.retentionTab != nil)
				}
			}

			// The card of today's client.
			if slices.Contains(got, sectionClients) {
				sh.showClientCard(day.client)
				c := sh.card
				h.waitFor("the card", func() bool { return c.loaded })
				for _, b := range []struct {
					name string
					b    *widget.Button
					p    store.Permission
				}{{"Book", c.book, store.PermBook}, {"Export", c.export, store.PermExport}, {"Forget", c.forget, store.PermForget}} {
					if b.b.Disabled() == has(b.p) {
						t.Errorf("%s disabled %v with %s %v", b.name, b.b.Disabled(), b.p, has(b.p))
					}
				}
				if got := c.form.entries["first_name"].Disabled(); got == has(store.PermClientsEdit) {
					t.Errorf("the details disabled %v with clients.edit %v", got, has(store.PermClientsEdit))
				}
				if got := c.privacy.checks[store.ConsentMarketingEmail].Disabled(); got == has(store.PermClientsEdit) {
					t.Errorf("the consents disabled %v with clients.edit %v", got, has(store.PermClientsEdit))
				}
				health := c.privacy.health
				switch {
				case has(store.PermHealthView):
					if !health.Visible() || health.Text != "Allergic to latex" {
						t.Errorf("health notes shown %v: %q", health.Visible(), health.Text)
					}
					if health.Disabled() == has(store.PermHealthEdit) {
						t.Errorf("health notes disabled %v with health.edit %v", health.Disabled(), has(store.PermHealthEdit))
					}
				default:
					if health.Visible() || visibleText(c.privacy.healthNot) != "Health notes are hidden for your role." {
						t.Errorf("health notes shown %v, said %q", health.Visible(), visibleText(c.privacy.healthNot))
					}
				}
				if saves := has(store.PermClientsEdit) || has(store.PermHealthView) && has(store.PermHealthEdit); c.save.Disabled() == saves {
					t.Errorf("Save disabled %v, want it enabled %v", c.save.Disabled(), saves)
				}
				payments := shownTexts(c.payments)
				if hidden := strings.Contains(payments, "Payments are hidden for your role."); hidden == has(store.PermPaymentsView) {
					t.Errorf("payments read %q with payments.view %v", payments, has(store.PermPaymentsView))
				}
				if c.privacy.restrict.Visible() != has(store.PermRequests) || c.requests.box.Visible() != has(store.PermRequests) {
					t.Errorf("restriction shown %v, requests %v, with requests %v", c.privacy.restrict.Visible(), c.requests.box.Visible(), has(store.PermRequests))
				}
				if c.privacy.keep.Visible() != has(store.PermRetention) {
					t.Errorf("Keep out of retention shown %v with retention %v", c.privacy.keep.Visible(), has(store.PermRetention))
				}
				if sh.clients == nil {
					sh.openList()
				}
				list := sh.clients
				h.waitFor("the list", func() bool { return list.shownFor == "" && list.info.Text != "" })
				wantRows := 2
				if !has(store.PermClientsView) {
					wantRows = 1 // today's
				}
				if len(list.rows) != wantRows || list.add.Visible() != has(store.PermClientsEdit) {
					t.Errorf("the list has %d clients and New client %v; want %d and %v", len(list.rows), list.add.Visible(), wantRows, has(store.PermClientsEdit))
				}
			}

			// Services and staff.
			sh.select_(sectionServices)
			sv := sh.services
			h.waitFor("the services", func() bool { return sv.loaded })
			if sv.addService.Visible() != has(store.PermServices) || sv.addStaff.Visible() != has(store.PermStaff) {
				t.Errorf("Add a service %v, Add a staff member %v", sv.addService.Visible(), sv.addStaff.Visible())
			}
			if len(sv.staffRows) == 0 || sv.staffRows[0].edit.Visible() != has(store.PermStaff) {
				t.Error("the staff's Edit does not follow the staff permission")
			}

			// Settings: each part for whom may use it.
			sh.select_(sectionSettings)
			set := sh.settings
			for _, part := range []struct {
				name string
				o    fyne.CanvasObject
				p    store.Permission
			}{{"the salon's name", set.salon.name, store.PermSettings}, {"Back up now", set.backups.now, store.PermBackup},
				{"Restore from a backup", set.backups.restore.pick, store.PermRestore},
				{"Make a new recovery key", set.security.renew, store.PermSecurity}} {
				if isShown(sh.body, part.o) != has(part.p) {
					t.Errorf("settings show %s: %v, with %s %v", part.name, !has(part.p), part.p, has(part.p))
				}
			}
		})
	}
}

// isShown reports whether o is drawn under root.
func isShown(root, o fyne.CanvasObject) bool {
	for _, x := range test.LaidOutObjects(root) {
		if x == o {
			return o.Visible()
		}
	}
	return false
}

// TestStylistSeesTodayOnly: a stylist sees only today's clients by name;
// yesterday's booking says "Client", and opens without the card.
func TestStylistSeesTodayOnly(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	ids := h.addStaff(member{"Ewa Owner", "owner", "1234"}, member{"Ola Stylist", "stylist", "5678"})
	day := h.seedDay(ids[1])
	s := h.unlockToSwitch()
	h.signInAs(s, "Ola Stylist", "5678")
	sh := screenOf[*shellScreen](h, "the main window")
	// The status line counts what she sees: today's one client, not the
	// salon's bookings.
	h.waitFor("the counts", func() bool { return strings.Contains(sh.idleText, "encrypted") })
	if !strings.HasPrefix(sh.idleText, "1 client today · encrypted") {
		t.Errorf("a stylist's status line says %q", sh.idleText)
	}
	sh.select_(sectionCalendar)
	cal := sh.calendar
	cal.goTo(time.Now().AddDate(0, 0, -1))
	h.waitFor("yesterday", func() bool { return cal.loaded && len(cal.shown) == 1 && cal.shown[0].ClientID == day.other })
	if title := cal.grid.Blocks[0].Title; title != "Client" {
		t.Errorf("yesterday's booking is titled %q, want Client", title)
	}
	cal.onBlock(0)
	d := cal.details
	h.waitFor("the booking", func() bool { return d.loaded })
	texts := shownTexts(d.box)
	if strings.Contains(texts, "Beata") || strings.Contains(texts, "Open the client card") || strings.Contains(texts, "Paid") {
		t.Errorf("a stylist sees of yesterday's booking: %s", texts)
	}
	mustContain(t, "the booking", texts, "Client")
	if !slices.Contains(d.box.Objects, fyne.CanvasObject(d.move)) {
		t.Error("a stylist cannot move yesterday's booking")
	}
}

// TestStaffFormPINsAndPermissions sets PINs and adjusts permissions
// through the staff form, the way an owner starts using them.
func TestStaffFormPINsAndPermissions(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	ids := h.addStaff(member{"Ewa Owner", "owner", ""}, member{"Ola Stylist", "stylist", ""})
	sh := h.unlock()
	member := func(id int64) store.Staff {
		t.Helper()
		m, err := h.u.db.StaffMember(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	openForm := func(id int64) *staffView {
		t.Helper()
		sh = h.u.current.(*shellScreen)
		sh.select_(sectionServices)
		sv := sh.services
		h.waitFor("the staff", func() bool { return sv.loaded })
		for _, r := range sv.staffRows {
			if r.member.ID == id {
				test.Tap(r.edit)
				return sh.staffForm
			}
		}
		t.Fatalf("no staff member %d", id)
		return nil
	}
	saved := func(v *staffView) {
		t.Helper()
		test.Tap(v.buttons.save)
		h.waitFor("the save", func() bool {
			sh, ok := h.u.current.(*shellScreen)
			return ok && sh.staffForm == nil && sh.services != nil
		})
	}

	// The stylist's PIN first: refused, and said why. A PIN typed is an
	// unsaved change, never part of a draft.
	v := openForm(ids[1])
	if pinRevealable(v.pin) || pinRevealable(v.again) {
		t.Error("the staff form's PIN fields can show the PIN")
	}
	test.Type(v.pin, "5678")
	test.Type(v.again, "5678")
	if !v.unsaved() {
		t.Error("a PIN typed is not an unsaved change")
	}
	for k, val := range v.draftData().Values {
		if strings.Contains(val, "5678") {
			t.Errorf("the draft keeps the PIN in %s", k)
		}
	}
	test.Tap(v.buttons.save)
	h.waitFor("the refusal", func() bool { return visibleText(v.pinErr) != "" })
	mustContain(t, "PIN message", v.pinErr.Text, "give the owner a PIN first")

	// The owner's, mistyped once, then right.
	v = openFormAfterDiscard(h, openForm, ids[0])
	test.Type(v.pin, "1234")
	test.Type(v.again, "1243")
	test.Tap(v.buttons.save)
	if visibleText(v.pinErr) != "The two PINs differ. Type the same PIN twice." {
		t.Errorf("mistyped PIN: %q", visibleText(v.pinErr))
	}
	v.again.SetText("1234")
	saved(v)
	if !member(ids[0]).HasPIN {
		t.Fatal("the owner has no PIN after Save")
	}
	if h.u.team.switching() {
		t.Error("one PIN already asks who is working")
	}

	// The stylist's now: two PINs, and the quick switch shows.
	v = openForm(ids[1])
	test.Type(v.pin, "5678")
	test.Type(v.again, "5678")
	saved(v)
	sh = h.u.current.(*shellScreen)
	if !h.u.team.switching() || sh.who == nil || sh.who.Text != "Ewa Owner" {
		t.Errorf("after the second PIN: switching %v, quick switch %v", h.u.team.switching(), sh.who)
	}

	// Her permissions: the role's defaults, adjusted, then back.
	v = openForm(ids[1])
	mustContain(t, "note", v.permNote.Text, "The defaults of the role Stylist")
	if !v.defaults.Disabled() {
		t.Error("Back to the role's defaults is offered for the defaults")
	}
	v.perms[store.PermBook].SetChecked(false)
	mustContain(t, "note", v.permNote.Text, "Adjusted for this person")
	saved(v)
	if m := member(ids[1]); !m.Adjusted || slices.Contains(m.Permissions, store.PermBook) {
		t.Errorf("after unticking book: %+v", m)
	}
	v = openForm(ids[1])
	if v.perms[store.PermBook].Checked {
		t.Fatal("the form shows book ticked for an adjusted stylist")
	}
	test.Tap(v.defaults)
	saved(v)
	if m := member(ids[1]); m.Adjusted || !slices.Contains(m.Permissions, store.PermBook) {
		t.Errorf("back to the defaults: %+v", m)
	}

	// Leaving: asked, then the PIN goes and the history stays.
	sh = h.u.current.(*shellScreen)
	sh.select_(sectionServices)
	sv := sh.services
	h.waitFor("the staff", func() bool { return sv.loaded })
	for _, r := range sv.staffRows {
		if r.member.ID == ids[1] {
			test.Tap(r.toggle)
		}
	}
	if sv.asked == nil {
		t.Fatal("Deactivate did not ask")
	}
	mustContain(t, "question", sv.asked.text.Text, "their PIN is removed")
	test.Tap(sv.asked.yes)
	h.waitFor("the PIN removed", func() bool { return !member(ids[1]).HasPIN })
	h.waitFor("the quick switch gone", func() bool {
		sh, ok := h.u.current.(*shellScreen)
		return ok && sh.who == nil && !h.u.team.switching()
	})
}

// openFormAfterDiscard leaves the form on show, discarding what it holds,
// and opens the form of staff member id.
func openFormAfterDiscard(h *harness, open func(int64) *staffView, id int64) *staffView {
	h.t.Helper()
	sh := h.u.current.(*shellScreen)
	if v := sh.staffForm; v != nil {
		v.pin.SetText("")
		v.again.SetText("")
		sh.openServices()
	}
	return open(id)
}
