package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"kartoteka/store"
)

func TestClientSearch(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(
		store.ClientInput{FirstName: "Zofia", LastName: "Kowalska-Øster", Phone: "601 234 567", Email: "zofia@example.com"},
		store.ClientInput{FirstName: "Jan", LastName: "Kowalczyk", Phone: "+49 151 23456789"},
		store.ClientInput{FirstName: "Åse", LastName: "Nielsen", Email: "ase@example.dk"},
	)
	sh := h.unlock()
	c := sh.clients
	if c == nil {
		t.Fatal("the main window does not open on the clients")
	}
	if h.u.win.Canvas().Focused() != c.search {
		t.Error("the search box does not have the keyboard")
	}
	names := func() []string {
		var out []string
		for _, r := range c.rows {
			out = append(out, r.name)
		}
		return out
	}
	h.waitFor("all clients", func() bool { return len(c.rows) == 3 })
	if c.rows[0].name != "Kowalczyk, Jan" || c.rows[1].name != "Kowalska-Øster, Zofia" {
		t.Errorf("rows = %q, want by last name", names())
	}
	mustContain(t, "info", c.info.Text, "3 clients")
	if c.phoneOf(1) != "601 234 567" || c.phoneOf(0) != "+49 1512 3456789" {
		t.Errorf("phones = %q, %q: want national for the salon's country, else international", c.phoneOf(1), c.phoneOf(0))
	}
	if c.rows[0].lastVisit != "—" {
		t.Errorf("last visit of a new client = %q", c.rows[0].lastVisit)
	}

	// Typing narrows the list; each keystroke supersedes the last search.
	test.Type(c.search, "kowalska-o")
	h.waitFor("the match", func() bool { return len(c.rows) == 1 })
	if c.rows[0].email != "zofia@example.com" {
		t.Errorf("rows = %q", names())
	}
	mustContain(t, "info", c.info.Text, "1 match")

	c.search.SetText("")
	test.Type(c.search, "ase")
	h.waitFor("the diacritic-free match", func() bool { return len(c.rows) == 1 && c.rows[0].name == "Nielsen, Åse" })

	test.Type(c.search, "xyz")
	h.waitFor("no match", func() bool { return len(c.rows) == 0 })
	if !c.empty.Visible() {
		t.Error("no message when nothing matches")
	}
	mustContain(t, "empty message", c.empty.Text, "asexyz")
	if c.info.Text != "" {
		t.Errorf("info = %q when nothing matches", c.info.Text)
	}

	// The count line and the message follow the list back (show sets
	// them only when they change).
	c.search.SetText("kowal")
	h.waitFor("two matches", func() bool { return len(c.rows) == 2 })
	mustContain(t, "info", c.info.Text, "2 matches")
	if c.empty.Visible() {
		t.Error("the no-match message stays over two matches")
	}
	c.search.SetText("kowalx")
	h.waitFor("no match again", func() bool { return len(c.rows) == 0 })
	mustContain(t, "empty message", c.empty.Text, "kowalx")
	c.search.SetText("")
	h.waitFor("all clients again", func() bool { return len(c.rows) == 3 })
	mustContain(t, "info", c.info.Text, "3 clients")

	// Ctrl+F from another section comes back to the search.
	sh.select_(sectionCalendar)
	if sh.clients != nil {
		t.Fatal("the clients stay after leaving them")
	}
	h.u.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(
		&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault})
	if sh.clients == nil || h.u.win.Canvas().Focused() != sh.clients.search {
		t.Error("Ctrl+F does not open the clients with the cursor in the search")
	}
	if got := h.u.fyne.Preferences().String(prefSection); got != sectionClients {
		t.Errorf("remembered section = %q", got)
	}
}

// TestStaleSearchDropped checks that a slow, older search cannot overwrite
// the answer to a newer one.
func TestStaleSearchDropped(t *testing.T) {
	h := newHarness(t)
	h.makeSalon(
		store.ClientInput{FirstName: "Zofia", LastName: "Kowalska"},
		store.ClientInput{FirstName: "Anna", LastName: "Nowak"},
	)
	sh := h.unlock()
	c := sh.clients
	h.waitFor("all clients", func() bool { return len(c.rows) == 2 })

	h.waitFor("the counts", func() bool { return sh.status.Text() != "" && !sh.status.Busy() && sh.dueKnown && sh.draftsRead })
	before := h.ran
	c.run("kowalska", 0)
	c.run("nowak", 0)
	// Both searches report back, in whatever order; only the newer counts.
	h.waitFor("both searches", func() bool { return h.ran >= before+2 })
	if len(c.rows) != 1 || c.rows[0].name != "Nowak, Anna" {
		t.Errorf("rows = %+v, want the answer to the newer search", c.rows)
	}
}

func TestLongClientListReadsPagesOnView(t *testing.T) {
	h := newHarness(t)
	var many []store.ClientInput
	for i := range 2*listPage + 30 {
		many = append(many, store.ClientInput{FirstName: "Anna", LastName: fmt.Sprintf("Nowak %04d", i)})
	}
	h.makeSalon(many...)
	sh := h.unlock()
	c := sh.clients
	h.waitFor("the first page", func() bool { return len(c.rows) == len(many) && c.rows[0].id != 0 })
	mustContain(t, "count", c.info.Text, "230 clients")
	if c.rows[listPage-1].id == 0 || c.rows[listPage].id != 0 {
		t.Fatalf("after unlock rows %d and %d read: %v, %v; want only the first page", listPage-1, listPage,
			c.rows[listPage-1].id != 0, c.rows[listPage].id != 0)
	}
	c.list.ScrollToBottom()
	last := len(c.rows) - 1
	h.waitFor("the last page", func() bool { return c.rows[last].id != 0 })
	if got := c.rows[last].name; got != "Nowak 0229, Anna" {
		t.Errorf("last row = %q", got)
	}
	if c.rows[listPage+10].id != 0 {
		t.Error("the page in the middle was read without being shown")
	}
	c.list.Select(last)
	h.waitFor("the card", func() bool { return sh.card != nil && sh.card.loaded })
	mustContain(t, "card", sh.card.title.Text, "Nowak 0229")
}
