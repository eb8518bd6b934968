package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"kartoteka/privacy"
)

// proofFault says why an erasure proof found traces: in files in the
// app's folders that it did not write (named, for the owner to delete),
// or in the database, which is a fault of Kartoteka. many says the proof
// was of several clients.
func proofFault(p privacy.Proof, many bool) string {
	found := map[string]any{"Found": strconv.Itoa(p.Found), "Files": strings.Join(p.FoundIn, ", ")}
	switch {
	case len(p.FoundIn) > 0 && many:
		return lang.L("Traces of the forgotten clients remain in files in Kartoteka's folders that it did not write: {{.Files}}. Delete them: a copy of the salon made by hand holds every client as they were then.", found)
	case len(p.FoundIn) > 0:
		return lang.L("Traces of the client remain in files in Kartoteka's folders that it did not write: {{.Files}}. Delete them: a copy of the salon made by hand holds every client as they were then.", found)
	case many:
		return lang.L("{{.Found}} traces of the forgotten clients were found. This is a fault in Kartoteka: please report it.", found)
	}
	return lang.L("{{.Found}} traces of the client were found after forgetting. This is a fault in Kartoteka: please report it.", found)
}
