package demo

import (
	"math/rand/v2"
	"testing"

	"kartoteka/store"
)

func TestXPhones(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	bad := map[string]int{}
	for _, c := range []string{"PL", "DE", "DK", "AT", "GB"} {
		for range 20000 {
			for _, local := range []bool{c != "GB", false} {
				e, typed := mobile(r, c, local)
				region := c
				if c == "GB" {
					region = "XX"
				}
				p, err := store.NormalizePhone(typed, region)
				if err != nil || p != e {
					bad[c+" "+e[:6]]++
					if bad[c+" "+e[:6]] < 2 {
						t.Logf("%s %q %q %q %v", c, e, typed, p, err)
					}
				}
			}
		}
	}
	t.Log(bad)
}
