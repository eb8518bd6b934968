package demo

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

func TestXDemand(t *testing.T) {
	now := time.Date(2026, 3, 10, 10, 30, 0, 0, time.UTC)
	first := midnight(now.AddDate(-5, 0, 0))
	cal := newCalendar("PL", first, midnight(now).AddDate(0, 0, horizonDays))
	defs := serviceDefs("pl")
	p := newPlanner(rand.New(rand.NewPCG(1, 1)), cal, defs, civilOf(now)-civilOf(first), 5)
	p.planClients(20000)
	const month = 30
	dem := make([]float64, len(cal.days)/month+1)
	for _, v := range p.visits {
		dem[int(v.day)/month] += float64(defs[v.svc].minutes) / 60
	}
	seg := map[segment]int{}
	for _, v := range p.visits {
		if int(v.day)/month == 60 {
			seg[p.clients[v.client].seg]++
		}
		if int(v.day)/month == 58 {
			seg[p.clients[v.client].seg+10]++
		}
	}
	fmt.Println(seg)
	for m, d := range dem {
		fmt.Printf("%d:%.0f ", m, d)
	}
	need := p.stylistsNeeded(busiest)
	fmt.Println(len(p.visits), need)
	staff := team(rand.New(rand.NewPCG(1, 2)), "PL", need)
	var bySkill [numSkills][]int
	for i, m := range staff {
		if m.bookable {
			bySkill[m.skill] = append(bySkill[m.skill], i)
		}
	}
	cal.setStaff(len(staff))
	p.book(bySkill)
	fmt.Println("dropped", p.dropped, "staff", len(staff))
}
