package ui

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestDemo(t *testing.T) {
	h := newHarness(t)
	h.u.Start()
	first := screenOf[*firstRunScreen](h, "the first-run screen")
	test.Tap(first.explore)
	d := screenOf[*demoScreen](h, "the demo screen")
	mustContain(t, "demo text", d.text.Text, DemoPassphrase)
	sh := screenOf[*shellScreen](h, "the demo salon")
	if !d.bar.Visible() || d.bar.Value != 1 {
		t.Errorf("progress bar visible %v at %v, want full", d.bar.Visible(), d.bar.Value)
	}
	mustContain(t, "title", h.u.win.Title(), "DEMO")
	if !h.u.demo || h.u.db.Path() != h.u.cfg.DemoPath {
		t.Fatalf("demo %v, path %s: not the demo database", h.u.demo, h.u.db.Path())
	}
	if _, err := os.Stat(h.u.cfg.Path); !os.IsNotExist(err) {
		t.Errorf("the demo touched the owner's database path: %v", err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if _, err := os.Stat(h.u.cfg.DemoPath + ".part" + suffix); !os.IsNotExist(err) {
			t.Errorf("the temporary demo file .part%s is left: %v", suffix, err)
		}
	}
	h.waitFor("the clients", func() bool { return sh.clients != nil && len(sh.clients.rows) >= 20 })

	// Leaving the demo goes back to the start; opening it again reuses it.
	test.Tap(sh.leave)
	first = screenOf[*firstRunScreen](h, "the first-run screen again")
	if strings.Contains(h.u.win.Title(), "DEMO") {
		t.Errorf("title %q after leaving the demo", h.u.win.Title())
	}
	test.Tap(first.explore)
	screenOf[*shellScreen](h, "the demo salon again")
}
