package demo

import (
	"math/rand/v2"

	"kartoteka/store"
)

// busiest is the share of opening hours the busiest month may fill for a
// stylist; a salon with more clients than its base team can serve at this
// load gets more stylists.
const busiest = 0.7

// member is one person of the team; bookable members take appointments.
type member struct {
	store.Staff
	skill    int
	bookable bool
}

// team makes the salon's people. The base team is an owner who cuts hair,
// a receptionist, one to three stylists (one of them doing nails and brows)
// and sometimes an accountant: three to six people. When the wished visits
// would fill the busiest month beyond [busiest] of the stylists' hours, more
// hair stylists or nail technicians join, with one more receptionist per
// eight of them, and an accountant.
func team(r *rand.Rand, country string, need [numSkills]int) []member {
	extra := 1 + r.IntN(3)
	have := [numSkills]int{skillHair: extra, skillNails: 1}
	big := false
	for s := range numSkills {
		if need[s] > have[s] {
			have[s], big = need[s], true
		}
	}
	o := localOrigin(country)
	used := map[string]bool{}
	// name draws a new name; a very big team runs out of local ones and
	// hires from abroad.
	name := func(femaleShare int) string {
		for try := 0; ; try++ {
			from := o
			if try >= 20 {
				from = origin(r.IntN(4))
			}
			f, l := personName(r, from, r.IntN(100) < femaleShare)
			if n := f + " " + l; !used[n] || try >= 1000 {
				used[n] = true
				return n
			}
		}
	}
	out := []member{{Staff: store.Staff{Name: name(80), Role: "owner"}, skill: skillHair, bookable: true}}
	for s := range numSkills {
		n := have[s]
		if s == out[0].skill {
			n-- // the owner is one of them
		}
		for range n {
			share := 75
			if s == skillNails {
				share = 95
			}
			out = append(out, member{Staff: store.Staff{Name: name(share), Role: "stylist"}, skill: s, bookable: true})
		}
	}
	bookable := len(out)
	for range 1 + (bookable-1)/8 {
		out = append(out, member{Staff: store.Staff{Name: name(85), Role: "reception"}})
	}
	if big || len(out) < 6 && r.IntN(2) == 0 {
		out = append(out, member{Staff: store.Staff{Name: name(60), Role: "accountant"}})
	}
	return out
}
