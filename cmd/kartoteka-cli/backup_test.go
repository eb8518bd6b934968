package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBackupAndRestore(t *testing.T) {
	s := newSalon(t)
	_, _, client := s.fixture()
	bak := filepath.Join(t.TempDir(), "salon.ktkbak")
	if out := s.ok("backup", bak); !strings.Contains(out, "Backup written: 1 clients") {
		t.Errorf("backup = %q", out)
	}
	if data, _ := os.ReadFile(bak); strings.Contains(string(data), "Kowalska") {
		t.Fatal("the backup holds a name in plaintext")
	}
	s.ok("forget", "--client", client, "--yes")
	out := s.ok("restore", bak)
	if !strings.Contains(out, "1 forgotten again") || !strings.Contains(out, "before-restore") {
		t.Errorf("restore = %q", out)
	}
	if show := s.ok("client", "show", client, "--json"); !strings.Contains(show, `"anonymized": true`) {
		t.Errorf("the restore brought the forgotten client back: %s", show)
	}
	s.ok("check")

	data, _ := os.ReadFile(bak)
	data[len(data)/2] ^= 0x40
	os.WriteFile(bak, data, 0o600)
	if errOut := s.expect(exitFailed, "restore", bak); !strings.Contains(errOut, "damaged") || !strings.Contains(errOut, "not touched") {
		t.Errorf("a changed byte: %q", errOut)
	}
	if errOut := s.expect(exitUsage, "backup"); !strings.Contains(errOut, "FILE") {
		t.Errorf("backup without a file: %q", errOut)
	}
}
