package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestExportFromTheCard(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	tm := h.makeTeam()
	sh := h.unlock()
	sh.openCard(tm.zofia)
	card := sh.card
	h.waitFor("the card", func() bool { return card.loaded })
	test.Tap(card.export)
	v := sh.export
	if v == nil {
		t.Fatal("Export data opens nothing")
	}

	// Into the data folder: refused, with a message, nothing written.
	dataDir := filepath.Dir(h.u.cfg.Path)
	v.setFolder(dataDir)
	test.Tap(v.export)
	h.waitFor("the refusal", func() bool { return v.problem.Text() != "" })
	mustContain(t, "refusal", v.problem.Text(), "choose another one")
	if matches, _ := filepath.Glob(filepath.Join(dataDir, "client-*")); len(matches) != 0 {
		t.Errorf("a refused export wrote %v", matches)
	}

	out := t.TempDir()
	v.setFolder(out)
	if got := h.u.fyne.Preferences().String(prefExportFolder); got != out {
		t.Errorf("the folder is not remembered: %q", got)
	}
	mustContain(t, "file names", v.names.Text, "client-")
	test.Tap(v.export)
	h.waitFor("the files", func() bool { return v.done.Visible() || v.problem.Text() != "" })
	if msg := v.problem.Text(); msg != "" {
		t.Fatalf("export failed: %s", msg)
	}
	mustContain(t, "done", v.done.Text, "2 files written")
	if !v.open.Visible() {
		t.Error("no Open button for the PDF")
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 2 {
		t.Fatalf("folder holds %d files, want the PDF and the JSON", len(entries))
	}
	want := fmt.Sprintf("client-%d-2026-12-01", tm.zofia) // the client's number, never a name
	for _, e := range entries {
		if name := e.Name(); name != want+".pdf" && name != want+".json" {
			t.Errorf("wrote %s, want %s.pdf and %s.json", name, want, want)
		}
	}
	files, err := h.u.db.ExportFiles(context.Background(), tm.zofia)
	if err != nil || len(files) != 2 {
		t.Errorf("recorded exports = %v, %v", files, err)
	}

	// JSON only.
	v.pdf.SetChecked(false)
	if v.open.Visible() && len(v.written) == 0 {
		t.Error("Open shows with nothing written")
	}
	v.json.SetChecked(false)
	if !v.export.Disabled() {
		t.Error("Export is possible with neither format chosen")
	}
	test.Tap(v.back)
	if sh.card == nil {
		t.Error("Back does not return to the card")
	}
}
