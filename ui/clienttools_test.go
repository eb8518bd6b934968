package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/encoding/charmap"

	"kartoteka/store"
)

// clientID finds the live card of the client with last name last.
func (h *harness) clientID(last string) int64 {
	h.t.Helper()
	cs, err := h.u.db.Clients(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	for _, c := range cs {
		if c.LastName == last && !c.Anonymized {
			return c.ID
		}
	}
	h.t.Fatalf("no client %s", last)
	return 0
}

// findInactive opens the inactive clients and searches for those with no
// visit since day.
func (h *harness) findInactive(sh *shellScreen, day time.Time) *inactiveView {
	h.t.Helper()
	sh.openInactive()
	v := sh.tools.inactive
	h.waitFor("the first search", func() bool { return v.loaded })
	v.since.SetText(numericDate("en", day))
	v.loaded = false
	submit(v.since)
	h.waitFor("the inactive clients", func() bool { return v.loaded })
	return v
}

func TestInactiveClientsSince(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Stefania", LastName: "Dawna"})
	tm := h.makeTeam()
	sh := h.unlock()
	ctx := context.Background()
	old, now := h.clientID("Dawna"), time.Now()
	for id, when := range map[int64]time.Time{old: now.AddDate(-3, 0, 0), tm.zofia: now.AddDate(0, -1, 0)} {
		if _, err := h.u.db.CreateBooking(ctx, store.BookingInput{ClientID: id, StaffID: tm.anna, ServiceID: tm.cut,
			Start: midnight(when).Add(10 * time.Hour), Status: store.StatusCompleted}); err != nil {
			t.Fatal(err)
		}
	}
	v := h.findInactive(sh, now.AddDate(-1, 0, 0))
	if len(v.rows) != 1 || v.rows[0].ID != old {
		t.Fatalf("inactive for a year: %v, want only client %d", v.rows, old)
	}
	mustContain(t, "info", v.info.Text, "1 client found")

	v.since.SetText("31/02/2025")
	submit(v.since)
	mustContain(t, "date problem", v.sinceErr.Text, "no such day")
}

func TestBulkForgetWithBlocked(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Adam", LastName: "Pierwszy", Phone: "601 111 222"},
		store.ClientInput{FirstName: "Beata", LastName: "Druga", Email: "beata@example.pl"},
		store.ClientInput{FirstName: "Celina", LastName: "Trzecia"})
	sh := h.unlock()
	ctx := context.Background()
	if err := h.u.db.SetRestriction(ctx, h.clientID("Trzecia"), true, "disputes the data"); err != nil {
		t.Fatal(err)
	}
	// Adam asked for his data and has no answer yet: the preview says so.
	if _, err := h.u.db.CreateRequest(ctx, store.RequestInput{Kind: store.RequestAccess, Received: time.Now(), Due: time.Now().AddDate(0, 1, 0),
		ClientID: h.clientID("Pierwszy")}); err != nil {
		t.Fatal(err)
	}
	v := h.findInactive(sh, time.Now().AddDate(0, 0, 1)) // never visited: inactive since the card was made
	if len(v.rows) != 3 {
		t.Fatalf("found %d, want 3", len(v.rows))
	}
	test.Tap(v.all)
	test.Tap(v.forget)
	h.waitFor("the preview", func() bool { return v.preview != nil })
	if len(v.preview.Forget) != 2 || len(v.preview.Blocked) != 1 {
		t.Fatalf("preview = %+v", v.preview)
	}
	shown := shownTexts(v.body)
	mustContain(t, "preview", shown, "Forget 2 clients (GDPR Art. 17)")
	mustContain(t, "preview", shown, "Celina Trzecia (#3): restricted (GDPR Art. 18)")
	mustContain(t, "preview", shown, "Look at 1 client first")
	mustContain(t, "preview", shown, "Adam Pierwszy (#1): a privacy request is still to be answered")
	test.Tap(v.confirm)
	if v.asked == nil {
		t.Fatal("Forget asks nothing")
	}
	mustContain(t, "question", v.asked.text.Text, "Forget 2 clients for good?")
	test.Tap(v.asked.yes)
	h.waitFor("the summary", func() bool { return v.summary != nil })
	shown = shownTexts(v.summary)
	mustContain(t, "summary", shown, "2 clients forgotten")
	mustContain(t, "summary", shown, "restricted (GDPR Art. 18)")
	mustContain(t, "summary", shown, "Proof: no trace of the forgotten clients")
	cs, err := h.u.db.Clients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Anonymized == (c.LastName == "Trzecia") {
			t.Errorf("client %d anonymized %v", c.ID, c.Anonymized)
		}
	}
}

// readImport opens the import and reads the file at path.
func (h *harness) readImport(sh *shellScreen, path string) *importView {
	h.t.Helper()
	sh.openImport()
	v := sh.tools.importer
	v.path.SetText(path)
	submit(v.path)
	h.waitFor("the check of the file", func() bool { return v.rep.Rows > 0 || v.problem.Visible() })
	return v
}

func TestImportPolishFile(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	data, err := charmap.Windows1250.NewEncoder().Bytes([]byte("Imię;Nazwisko;Telefon;Zgoda SMS\r\nŁucja;Wąsowska;601 234 567;tak\r\nŚcibor;Żądło;;\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "klienci.csv")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	v := h.readImport(sh, path)
	if v.encoding.Selected != "Windows-1250 (Central European)" {
		t.Errorf("encoding %q", v.encoding.Selected)
	}
	if len(v.fields) != 4 || v.fields[0].Selected != "First name" || v.fields[1].Selected != "Last name" || v.fields[3].Selected != "Marketing by SMS (yes/no)" {
		t.Fatalf("columns recognised as %v", v.fields)
	}
	mustContain(t, "preview", shownTexts(v.columns), "Żądło")
	if v.importB.Disabled() {
		t.Fatalf("Import disabled; the report says %s", shownTexts(v.report))
	}
	test.Tap(v.importB)
	h.waitFor("the summary", func() bool { return v.summary != nil })
	mustContain(t, "summary", v.summary.Text, "2 clients imported, 0 merged into cards you have, 0 skipped; 1 consent records")
	h.clientID("Żądło")
}

func TestImportDryRunRefusesBadDate(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	path := filepath.Join(t.TempDir(), "clients.csv")
	if err := os.WriteFile(path, []byte("First name,Last name,Birth date\nAnna,Nowak,1985-03-15\nJan,Kowalski,31.02.1990\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	v := h.readImport(sh, path)
	mustContain(t, "report", shownTexts(v.report), "Line 3, Birth date: There is no such day in the calendar.")
	if !v.importB.Disabled() {
		t.Error("Import is enabled despite a refused row")
	}
	if n, err := h.u.db.LiveClientCount(context.Background()); err != nil || n != 0 {
		t.Errorf("%d clients after the dry run (%v), want none", n, err)
	}
}

func TestMailingListLeavesOutWithdrawn(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Ala", LastName: "Zgodna", Email: "ala@example.pl"},
		store.ClientInput{FirstName: "Ola", LastName: "Wycofana", Email: "ola@example.pl"})
	sh := h.unlock()
	ctx := context.Background()
	for _, last := range []string{"Zgodna", "Wycofana"} {
		if err := h.u.db.SetConsent(ctx, h.clientID(last), store.ConsentMarketingEmail, true, "in_person", ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.u.db.Unsubscribe(ctx, h.clientID("Wycofana"), store.ConsentMarketingEmail, "phone"); err != nil {
		t.Fatal(err)
	}
	sh.openMailing()
	v := sh.tools.mailing
	h.waitFor("the count", func() bool { return v.known })
	mustContain(t, "count", v.count.Text, "1 client agreed to marketing by email")
	if !strings.HasPrefix(v.target.name.Text, "mailing-list-email-") || !strings.HasSuffix(v.target.name.Text, ".csv") {
		t.Errorf("file name %q", v.target.name.Text)
	}
	v.target.folder = t.TempDir()
	test.Tap(v.save)
	h.waitFor("the list saved", func() bool { return v.done.Visible() || v.problem.Visible() })
	mustContain(t, "done", v.done.Text, "1 client saved to")
	data, err := os.ReadFile(v.target.path())
	if err != nil {
		t.Fatal(err)
	}
	if s := string(data); !strings.Contains(s, "ala@example.pl") || strings.Contains(s, "ola@example.pl") {
		t.Errorf("list = %q", s)
	}
}

// TestClientToolsFollowPermissions signs in as each role: the tools show
// only for whom their functions allow.
func TestClientToolsFollowPermissions(t *testing.T) {
	for _, tc := range []struct {
		role                                string
		tools, inactive, mailing, imp, list bool
	}{
		{"owner", true, true, true, true, true},
		{"reception", true, false, false, true, false},
		{"accountant", false, false, false, false, false},
		{"stylist", false, false, false, false, false},
	} {
		t.Run(tc.role, func(t *testing.T) {
			h := newHarness(t)
			h.makeSalon()
			h.addStaff(member{"Ewa Owner", "owner", "1234"}, member{"Test Person", tc.role, "2468"})
			s := h.unlockToSwitch()
			h.signInAs(s, "Test Person", "2468")
			sh := screenOf[*shellScreen](h, "the main window")
			if sh.clients == nil {
				sh.select_(sectionClients)
			}
			if got := sh.clients != nil && sh.clients.tools != nil; got != tc.tools {
				t.Fatalf("Client tools shown %v, want %v", got, tc.tools)
			}
			if !tc.tools {
				return
			}
			test.Tap(sh.clients.tools)
			m := sh.tools.menu
			for _, b := range []struct {
				what string
				on   bool
				want bool
			}{{"inactive", m.inactive != nil, tc.inactive}, {"mailing", m.mailing != nil, tc.mailing},
				{"import", m.importer != nil, tc.imp}, {"list", m.list != nil, tc.list}} {
				if b.on != b.want {
					t.Errorf("%s shown %v, want %v", b.what, b.on, b.want)
				}
			}
		})
	}
}

func TestImportAsksAboutDuplicates(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Hanna", LastName: "Adamczyk", Phone: "799 614 346"})
	sh := h.unlock()
	path := filepath.Join(t.TempDir(), "clients.csv")
	if err := os.WriteFile(path, []byte("First name,Last name,Phone\nHanna,Adamczyk,799 614 346\nJan,Nowy,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	v := h.readImport(sh, path)
	mustContain(t, "report", shownTexts(v.report), "Line 2 may be client #1 Hanna Adamczyk (same phone")
	if !v.importB.Disabled() || v.forAll == nil {
		t.Fatal("Import is enabled before the duplicate is decided")
	}
	v.forAll.SetSelectedIndex(0) // skip them all
	h.waitFor("the check with the choice", func() bool { return !v.importB.Disabled() })
	test.Tap(v.importB)
	h.waitFor("the summary", func() bool { return v.summary != nil })
	mustContain(t, "summary", v.summary.Text, "1 client imported, 0 merged into cards you have, 1 skipped")
}

// TestImportMergesARowIntoTheCard: "Merge into the card" adds the row's
// email to the card it matches instead of making a second card.
func TestImportMergesARowIntoTheCard(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(store.ClientInput{FirstName: "Hanna", LastName: "Adamczyk", Phone: "799 614 346"})
	sh := h.unlock()
	path := filepath.Join(t.TempDir(), "clients.csv")
	if err := os.WriteFile(path, []byte("First name,Last name,Phone,Email\nHanna,Adamczyk,799 614 346,hanna@example.pl\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	v := h.readImport(sh, path)
	sel := v.rowDecs[2]
	if sel == nil || len(sel.Options) != 3 || sel.Options[1] != "Merge into the card" {
		t.Fatalf("the row's choices: %v", sel)
	}
	sel.SetSelectedIndex(1)
	h.waitFor("the check with the choice", func() bool { return !v.importB.Disabled() })
	mustContain(t, "report", shownTexts(v.report), "0 clients will be imported, 1 merged into cards you have")
	test.Tap(v.importB)
	h.waitFor("the summary", func() bool { return v.summary != nil })
	mustContain(t, "summary", v.summary.Text, "0 clients imported, 1 merged into cards you have, 0 skipped")
	db, ctx := h.u.db, context.Background()
	if n, _ := db.LiveClientCount(ctx); n != 1 {
		t.Errorf("%d cards after the merge, want 1", n)
	}
	if c, _ := db.Client(ctx, 1); c.Email != "hanna@example.pl" {
		t.Errorf("the card's email after the merge: %q", c.Email)
	}
}

// TestImportRefusesBadFilesClearly: a folder, a device, the salon's own
// file, an empty file, a header alone and a binary file are each refused
// with words that say why, never "something unexpected", and nothing is
// imported.
func TestImportRefusesBadFilesClearly(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	binary := make([]byte, 4096)
	for i := range binary {
		binary[i] = byte(i * 7)
	}
	cases := []struct{ name, path, want string }{
		{"folder", dir, "Kartoteka cannot import from there"},
		{"database", h.u.db.Path(), "Kartoteka cannot import from there"},
		{"empty", write("empty.csv", nil), "This is not a client list Kartoteka can read"},
		{"header only", write("header.csv", []byte("Imię;Nazwisko\r\n")), "The file has a header row but no clients."},
		{"binary", write("photo.jpg", binary), "This is not a client list Kartoteka can read"},
	}
	if runtime.GOOS != "windows" {
		cases = append(cases, struct{ name, path, want string }{"device", "/dev/zero", "Kartoteka cannot import from there"})
	}
	for _, c := range cases {
		v := h.readImport(sh, c.path)
		if got := v.problem.Text(); !strings.Contains(got, c.want) || strings.Contains(got, "unexpected") {
			t.Errorf("%s: the problem says %q, want %q", c.name, got, c.want)
		}
		if !v.importB.Disabled() {
			t.Errorf("%s: Import is enabled", c.name)
		}
	}
	if n, err := h.u.db.LiveClientCount(context.Background()); err != nil || n != 0 {
		t.Errorf("%d clients after refused files (%v), want none", n, err)
	}
}

// TestImportListsThousandsOfRejectedRowsLightly: a file of 3,000 refused
// rows lists every one, in a list that builds only the rows in sight, not
// 3,000 paragraphs at once on the UI goroutine.
func TestImportListsThousandsOfRejectedRowsLightly(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	var b strings.Builder
	b.WriteString("Imię;Nazwisko;Telefon\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "Anna%d;Lis;abc%d\n", i, i)
	}
	path := filepath.Join(t.TempDir(), "klienci.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	v := h.readImport(sh, path)
	h.waitFor("the report", func() bool { return len(v.rep.Rejected) == 3000 })
	var list *widget.List
	var count func(o fyne.CanvasObject) int
	count = func(o fyne.CanvasObject) int {
		n := 1
		if l, ok := o.(*widget.List); ok {
			list = l
			return n
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, k := range c.Objects {
				n += count(k)
			}
		}
		return n
	}
	if n := count(v.report); n > 50 {
		t.Errorf("the report is %d objects for 3,000 refused rows", n)
	}
	if list == nil || list.Length() != 3000 {
		t.Fatalf("no list of the 3,000 refused rows")
	}
}

// TestImportPreviewPassesTheWheelToThePage: the wheel over the preview's
// columns scrolls the page (to the report and the Import button), not the
// columns sideways; and the encoding, before a file is read, says so in
// the owner's words rather than Fyne's "(Select one)".
func TestImportPreviewPassesTheWheelToThePage(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	sh.openImport()
	v := sh.tools.importer
	if v.encoding.PlaceHolder == "" || strings.Contains(v.encoding.PlaceHolder, "Select one") {
		t.Errorf("the encoding's placeholder is %q", v.encoding.PlaceHolder)
	}
	v.page.Resize(fyne.NewSize(600, 200)) // shorter than the page
	v.preview.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -40}})
	if v.page.Offset.Y == 0 {
		t.Error("the wheel over the preview did not scroll the page")
	}
}
