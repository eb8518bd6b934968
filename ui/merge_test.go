package ui

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
)

// openFinder opens Clients → Possible duplicates from the list's button
// and waits for the groups.
func (h *harness) openFinder(sh *shellScreen) *dupFinder {
	h.t.Helper()
	sh.openList()
	if !sh.clients.dupes.Visible() {
		h.t.Fatal("the clients show no Possible duplicates")
	}
	test.Tap(sh.clients.dupes)
	f := sh.dupes
	if f == nil {
		h.t.Fatal("Possible duplicates opens nothing")
	}
	h.waitFor("the duplicates", func() bool { return f.loaded })
	return f
}

// openMergeOf opens the merge of from into keep and waits for its preview.
func (h *harness) openMergeOf(sh *shellScreen, keep, from int64) *mergeView {
	h.t.Helper()
	sh.openMerge(keep, from)
	v := sh.merge
	h.waitFor("the merge preview", func() bool { return v.loaded })
	if v.problem.Text() != "" {
		h.t.Fatalf("the preview failed: %s", v.problem.Text())
	}
	return v
}

// confirmMerge taps Merge, then the question's yes, and waits for the kept
// card.
func (h *harness) confirmMerge(sh *shellScreen, v *mergeView) *clientCard {
	h.t.Helper()
	test.Tap(v.merge)
	if v.asked == nil {
		h.t.Fatal("Merge asks nothing")
	}
	test.Tap(v.asked.yes)
	h.waitFor("the kept card", func() bool { return sh.card != nil && sh.card.loaded || v.problem.Text() != "" })
	if v.problem.Text() != "" {
		h.t.Fatalf("not merged: %s", v.problem.Text())
	}
	return sh.card
}

func TestDuplicatesFinderShowsPair(t *testing.T) {
	h := newHarness(t)
	// As the demo makes them: a card made anew at reception, the name
	// mistyped, the same phone.
	h.makeSalon(store.ClientInput{FirstName: "Katarzyna", LastName: "Wiśniewska", Phone: "601 111 222", Email: "kasia@example.pl"},
		store.ClientInput{FirstName: "Katarzyna", LastName: "Wiśniewska", Phone: "601 111 222"},
		store.ClientInput{FirstName: "Jan", LastName: "Zieliński", Phone: "602 333 444"})
	sh := h.unlock()
	f := h.openFinder(sh)
	if len(f.groups) != 1 || len(f.groups[0].group.Clients) != 2 {
		t.Fatalf("groups = %+v, want one pair", f.groups)
	}
	text := shownTexts(f.box)
	mustContain(t, "reasons", text, "Why: same phone, same name")
	mustContain(t, "card", text, "Wiśniewska, Katarzyna")
	mustContain(t, "number", text, "#2")
	mustContain(t, "info", f.info.Text, "1 group of cards")
	g := f.groups[0]
	if g.keep.Selected != "#1" || g.from.Selected != "#2" {
		t.Errorf("keep %q, merge %q; want the oldest card kept", g.keep.Selected, g.from.Selected)
	}
	g.keep.SetSelected("#2") // the same card on both sides is not offered
	if g.from.Selected != "#1" {
		t.Errorf("keeping #2 leaves %q to merge, want #1", g.from.Selected)
	}
	test.Tap(g.open[1])
	if sh.card == nil || sh.card.id != 2 {
		t.Error("Open does not open the card")
	}
}

func TestDuplicatesFinderEmpty(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Jan", LastName: "Zieliński", Phone: "602 333 444"})
	sh := h.unlock()
	f := h.openFinder(sh)
	if f.info.Text != "No possible duplicates found." || len(f.groups) != 0 {
		t.Errorf("info %q with %d groups", f.info.Text, len(f.groups))
	}
}

func TestMergeMovesBookingAndForgets(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Zofia", LastName: "Nowak", Phone: "601 234 567", Email: "zofia@example.pl"})
	tm := h.makeTeam() // a second Zofia Nowak, the same phone: the one to merge
	sh := h.unlock()
	ctx := context.Background()
	if _, err := h.u.db.CreateBooking(ctx, store.BookingInput{ClientID: tm.zofia, StaffID: tm.anna, ServiceID: tm.cut,
		Start: midnight(testClock()).AddDate(0, -1, 0).Add(10 * time.Hour), Status: store.StatusCompleted}); err != nil {
		t.Fatal(err)
	}
	f := h.openFinder(sh)
	test.Tap(f.groups[0].merge)
	v := sh.merge
	h.waitFor("the merge preview", func() bool { return v.loaded })
	if v.keep != 1 || v.from != tm.zofia {
		t.Fatalf("merging %d into %d", v.from, v.keep)
	}
	text := shownTexts(v.box)
	mustContain(t, "moves", text, "bookings: 1 (0 upcoming)")
	mustContain(t, "forgotten", text, "Anonymized client #2")
	mustContain(t, "undo", text, "This cannot be undone.")
	if v.field("phone") == nil || v.field("phone").pick != nil {
		t.Error("the same phone on both cards is offered as a choice")
	}
	card := h.confirmMerge(sh, v)
	mustContain(t, "question", v.asked.text.Text, "Merge card #2 into card #1?")
	if card.id != 1 {
		t.Errorf("card %d opens, want the kept one", card.id)
	}
	mustContain(t, "done", visibleText(sh.notice), "Card #2 merged into this card: bookings: 1")
	if bs, _ := h.u.db.ClientBookings(ctx, 1); len(bs) != 1 {
		t.Errorf("the kept card has %d bookings, want 1", len(bs))
	}
	if c, err := h.u.db.Client(ctx, tm.zofia); err != nil || !c.Anonymized || c.Phone != "" {
		t.Errorf("the merged card = %+v, %v; want it forgotten", c, err)
	}
}

func TestMergePicksOtherPhone(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Ewa", LastName: "Lis", Phone: "601 000 001", Email: "ewa@example.pl", Notes: "curly"},
		store.ClientInput{FirstName: "Ewa", LastName: "Lis", Phone: "601 000 002", Email: "ewa@example.pl", Notes: "short"})
	sh := h.unlock()
	v := h.openMergeOf(sh, 1, 2)
	phone := v.field("phone")
	if phone == nil || phone.pick == nil || phone.pick.SelectedIndex() != 0 {
		t.Fatalf("phone choice = %+v, want both, the kept card's picked", phone)
	}
	if notes := v.field("notes"); notes == nil || len(notes.values) != 3 || notes.value() != "curly\n\nshort" {
		t.Errorf("notes choice = %+v, want both cards' notes proposed", notes)
	}
	phone.pick.SetSelected(phone.pick.Options[1])
	h.confirmMerge(sh, v)
	c, err := h.u.db.Client(context.Background(), 1)
	if err != nil || c.Phone != "+48601000002" || c.Notes != "curly\n\nshort" {
		t.Errorf("kept card = %+v, %v; want the other card's phone", c, err)
	}
}

func TestMergeRestrictedNeedsGround(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Ewa", LastName: "Lis", Phone: "601 000 001"},
		store.ClientInput{FirstName: "Ewa", LastName: "Lis", Phone: "601 000 001"})
	sh := h.unlock()
	ctx := context.Background()
	if err := h.u.db.SetRestriction(ctx, 2, true, "disputes the data"); err != nil {
		t.Fatal(err)
	}
	v := h.openMergeOf(sh, 1, 2)
	if v.basis == nil || !v.basis.box.Visible() {
		t.Fatal("a restricted card asks no ground")
	}
	mustContain(t, "restriction", v.basis.about.Text, "disputes the data")
	mustContain(t, "takes over", shownTexts(v.box), "the restriction goes over to card #1")
	test.Tap(v.merge)
	if v.asked != nil {
		t.Fatal("Merge asks to go ahead without a ground")
	}
	mustContain(t, "refusal", visibleText(v.basisErr), "Choose the ground")
	v.basis.pick.SetSelectedIndex(1) // a legal claim
	h.confirmMerge(sh, v)
	c, err := h.u.db.Client(ctx, 1)
	if err != nil || !c.Restricted || c.RestrictionReason != "disputes the data" {
		t.Errorf("kept card = %+v, %v; want it restricted as the merged one was", c, err)
	}
	if e := h.lastAudit("client.merge"); e.Basis != store.RestrictionBases[1] {
		t.Errorf("merge audited on ground %q", e.Basis)
	}
}

func TestUnsubscribeLeavesMailingList(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Ewa", LastName: "Lis", Phone: "601 000 001", Email: "ewa@example.pl"})
	sh := h.unlock()
	ctx := context.Background()
	for _, kind := range []string{store.ConsentMarketingEmail, store.ConsentMarketingSMS} {
		if err := h.u.db.SetConsent(ctx, 1, kind, true, "paper", ""); err != nil {
			t.Fatal(err)
		}
	}
	sh.openCard(1)
	card := sh.card
	h.waitFor("the card", func() bool { return card.loaded })
	email, sms := card.privacy.unsub[store.ConsentMarketingEmail], card.privacy.unsub[store.ConsentMarketingSMS]
	if !email.Visible() || !sms.Visible() {
		t.Fatal("Unsubscribe is not offered beside the consents given")
	}
	test.Tap(email)
	h.waitFor("the card again", func() bool { return !email.Visible() })
	if card.privacy.checks[store.ConsentMarketingEmail].Checked || !sms.Visible() {
		t.Error("the card does not show the email consent withdrawn, the SMS one still given")
	}
	if list, _ := privacy.MailingList(ctx, h.u.db, privacy.ChannelEmail); len(list) != 0 {
		t.Errorf("the email list still has %d clients", len(list))
	}
	if list, _ := privacy.MailingList(ctx, h.u.db, privacy.ChannelSMS); len(list) != 1 {
		t.Errorf("the SMS list has %d clients, want 1", len(list))
	}
	c, _ := h.u.db.ClientCard(ctx, 1)
	if last := c.Consents[len(c.Consents)-1]; last.Given || last.Kind != store.ConsentMarketingEmail || last.Channel != "email" {
		t.Errorf("the last consent record = %+v, want the email one withdrawn by email", last)
	}
}

func TestMergeAndUnsubscribeFollowPermissions(t *testing.T) {
	for _, tc := range []struct {
		role                 string
		finder, merge, unsub bool
	}{
		{"stylist", false, false, false},
		{"accountant", true, false, false},
		{"reception", true, false, true},
		{"manager", true, true, true},
	} {
		t.Run(tc.role, func(t *testing.T) {
			h := newHarness(t)
			h.makeSalon(store.ClientInput{FirstName: "Ewa", LastName: "Lis", Phone: "601 000 001", Email: "ewa@example.pl"},
				store.ClientInput{FirstName: "Ewa", LastName: "Lis", Phone: "601 000 001"})
			ids := h.addStaff(member{"Ewa Owner", "owner", "1234"}, member{"Test Person", tc.role, "2468"})
			day := h.seedDay(ids[1]) // a client booked today, for the stylist
			if err := h.makeConsent(day.client); err != nil {
				t.Fatal(err)
			}
			s := h.unlockToSwitch()
			h.signInAs(s, "Test Person", "2468")
			sh := screenOf[*shellScreen](h, "the main window")
			sh.openList()
			if sh.clients.dupes.Visible() != tc.finder {
				t.Errorf("Possible duplicates shown: %v", sh.clients.dupes.Visible())
			}
			if tc.finder {
				f := h.openFinder(sh)
				if len(f.groups) != 1 {
					t.Fatalf("%d groups", len(f.groups))
				}
				if (f.groups[0].merge != nil) != tc.merge {
					t.Errorf("Compare and merge offered: %v", f.groups[0].merge != nil)
				}
				if tc.merge == (visibleText(f.cannot) != "") {
					t.Errorf("the reason why not: %q", visibleText(f.cannot))
				}
			}
			sh.showClientCard(day.client)
			card := sh.card
			h.waitFor("the card", func() bool { return card.loaded })
			if card.privacy.unsub[store.ConsentMarketingEmail].Visible() != tc.unsub {
				t.Errorf("Unsubscribe shown: %v", !tc.unsub)
			}
		})
	}
}

// makeConsent records client id's consent to marketing by email in the
// closed salon.
func (h *harness) makeConsent(id int64) error {
	ctx := context.Background()
	db, err := store.Open(ctx, h.u.cfg.Path, testPassphrase, store.Options{KDF: store.CheapKDF})
	if err != nil {
		return err
	}
	defer db.Close()
	return db.SetConsent(ctx, id, store.ConsentMarketingEmail, true, "paper", "")
}

// TestDuplicatesFinderRestrictedAndLongNames: on the smallest screen the app
// fits (1024×600), a long name is shown whole in the finder, and a
// restricted card is said in a sentence of its own, not as a mark after
// the name that an ellipsis cuts off.
func TestDuplicatesFinderRestrictedAndLongNames(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Jadwiga", LastName: "Wojciechowska", Phone: "601 000 001"},
		store.ClientInput{FirstName: "Jadwiga", LastName: "Wojciechowska", Phone: "601 000 001", Email: "jadwiga.wojciechowska@example.pl"})
	sh := h.unlock()
	if err := h.u.db.SetRestriction(context.Background(), 2, true, "disputes the data"); err != nil {
		t.Fatal(err)
	}
	h.u.win.Resize(fyne.NewSize(1024, 600))
	f := h.openFinder(sh)
	var said *widget.Label
	for _, r := range f.groups[0].restricted {
		if strings.Contains(r.Text, "card #2 is restricted") {
			said = r
		}
	}
	if said == nil || said.Wrapping == fyne.TextWrapOff || !said.Visible() {
		t.Fatalf("the restricted card is not said in full: %q", shownTexts(f.box))
	}
	var name *widget.Label
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			if strings.HasPrefix(o.Text, "Wojciechowska") && name == nil {
				name = o
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(f.box)
	if name == nil {
		t.Fatal("no name in the finder")
	}
	if strings.Contains(name.Text, "restricted") {
		t.Errorf("name label %q carries the mark", name.Text)
	}
	fits := func(what, text string, width float32) {
		t.Helper()
		need := fyne.MeasureText(text, theme.TextSize(), name.TextStyle).Width + 2*theme.InnerPadding()
		if width < need {
			t.Errorf("the %s %q gets %.0f pixels of the %.0f it needs: cut off", what, text, width, need)
		}
	}
	fits("name", name.Text, name.Size().Width)
	// The card number before it, in its longest form (German, four
	// digits), and a phone from abroad, fit their columns too.
	row := name.Position()
	fits("number", "Nr. 1502", row.X-theme.Padding())
	fits("phone", "+49 171 2345678", name.Size().Width*dupColumns[2]/dupColumns[1])
}

// TestMergeWarnsOfConsentRevivedByFile: the preview warns when, joined,
// the histories put an unsubscribed client back on a mailing list only on
// an imported file's word.
func TestMergeWarnsOfConsentRevivedByFile(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Ewa", LastName: "Lis", Phone: "601 000 001"})
	sh := h.unlock()
	ctx := context.Background()
	if err := h.u.db.Unsubscribe(ctx, 1, store.ConsentMarketingEmail, "email"); err != nil {
		t.Fatal(err)
	}
	file := "Imię;Nazwisko;Telefon;E-mail;Zgoda email\nEwa;Lis;601000001;ewa@lis.pl;tak\n"
	if _, err := h.u.db.ImportClients(ctx, strings.NewReader(file), store.ImportOptions{OnDuplicate: store.OnDuplicateImport}); err != nil {
		t.Fatal(err)
	}
	v := h.openMergeOf(sh, 1, 2)
	if len(v.revived) != 1 || !v.revived[0].Visible() || !strings.Contains(v.revived[0].Text, "withdrew their consent to Marketing by email") {
		t.Fatalf("no warning of the consent the file revives: %q", shownTexts(v.box))
	}
}

// TestDuplicatesFinderOpenComesBack: a card opened from the finder goes
// back to the finder, not to the list, with the card's group in view, so
// that checking one group of many does not mean scrolling through them all
// again.
func TestDuplicatesFinderOpenComesBack(t *testing.T) {
	h := newHarness(t)
	var cards []store.ClientInput
	for i, last := range []string{"Lis", "Nowak", "Zając", "Wróbel", "Kmita", "Bąk", "Sowa", "Dudek"} {
		phone := "601 000 10" + strconv.Itoa(i)
		cards = append(cards, store.ClientInput{FirstName: "Ewa", LastName: last, Phone: phone},
			store.ClientInput{FirstName: "Ewa", LastName: last, Phone: phone})
	}
	h.makeSalon(cards...)
	sh := h.unlock()
	h.u.win.Resize(fyne.NewSize(1024, 600))
	f := h.openFinder(sh)
	if len(f.groups) != 8 {
		t.Fatalf("%d groups, want 8", len(f.groups))
	}
	last := f.groups[7]
	test.Tap(last.open[1])
	if sh.card == nil || sh.card.id != 16 || sh.card.back.Text != "Back to the duplicates" {
		t.Fatalf("the card opened from the finder: %+v", sh.card)
	}
	test.Tap(sh.card.back)
	f = sh.dupes
	if f == nil {
		t.Fatal("Back from the card did not come back to the finder")
	}
	h.waitFor("the duplicates", func() bool { return f.loaded })
	page := f.page.(*container.Scroll)
	h.waitFor("the last group in view", func() bool { return page.Offset.Y > 0 })
}
