package demo

import (
	"math/rand/v2"
	"testing"

	"kartoteka/store"
)

// TestMobile checks every network prefix the generator uses: each number,
// as typed, normalizes to the E.164 form it was drawn as.
func TestMobile(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, country := range []string{"PL", "DE", "DK", "AT", "GB"} {
		for range 3000 {
			for _, local := range []bool{country != "GB", false} {
				e164, typed := mobile(r, country, local)
				region := country
				if !local {
					region = "XX"
				}
				if got, err := store.NormalizePhone(typed, region); err != nil || got != e164 {
					t.Fatalf("%s: %q is %q, %v; want %q", country, typed, got, err, e164)
				}
			}
		}
	}
}
