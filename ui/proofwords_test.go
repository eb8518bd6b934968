package ui

import (
	"strings"
	"testing"

	"kartoteka/privacy"
)

// A proof that found traces in a hand-made copy names the file for the
// owner to delete; one that found them in the database calls it a fault.
func TestProofFaultNamesTheFile(t *testing.T) {
	copyLeft := proofFault(privacy.Proof{Found: 3, FoundIn: []string{"salon (kopia).kartoteka"}}, false)
	if !strings.Contains(copyLeft, "salon (kopia).kartoteka") || strings.Contains(copyLeft, "fault") {
		t.Errorf("traces in a copy: %q", copyLeft)
	}
	if inFile := proofFault(privacy.Proof{Found: 2}, true); !strings.Contains(inFile, "fault in Kartoteka") {
		t.Errorf("traces in the database: %q", inFile)
	}
}
