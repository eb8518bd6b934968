package privacy

import (
	"strings"

	"kartoteka/store"
)

// What a salon's settings may lack for its exports to name it fully as the
// controller (GDPR Art. 13(1)(a), 15) and, in Germany, the authority of its
// Land: the store's names of the fields.
const (
	GapAddress        = "address"
	GapPrivacyContact = "privacy_contact"
	GapLand           = "land"
)

// ControllerGaps lists what salon lacks (GapAddress, GapPrivacyContact,
// GapLand for a German salon), in that order; none when nothing is missing.
// An export still works without them, but a client's copy then lacks a way
// to reach the salon or names no authority: the app and the CLI warn.
func ControllerGaps(salon store.Salon) []string {
	var gaps []string
	if strings.TrimSpace(salon.Address) == "" {
		gaps = append(gaps, GapAddress)
	}
	if strings.TrimSpace(salon.PrivacyContact) == "" {
		gaps = append(gaps, GapPrivacyContact)
	}
	if salon.Country == "DE" && germanLands[salon.Land].Name == "" {
		gaps = append(gaps, GapLand)
	}
	return gaps
}
