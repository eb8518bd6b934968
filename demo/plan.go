package demo

import (
	"math"
	"math/rand/v2"
	"time"
)

// visit is a wished appointment before it finds a slot.
type visit struct {
	client int32
	day    int32
	svc    uint8
}

// Event kinds, in the order they are written when they share a second.
type evKind uint8

const (
	evClient evKind = iota
	evBooking
	evConsent
	evRestrict
)

// event is one write, placed in time; the writer replays them in order.
type event struct {
	at     int64
	client int32
	kind   evKind
	aux    uint8  // booking: service; consent: kind<<1 | given
	staff  uint16 // booking: bookable stylist
}

// Consent kinds as numbered in an event.
const (
	consentEmail = iota
	consentSMS
	consentHealth
)

// planner lays out the salon's history in memory before anything is written.
type planner struct {
	r       *rand.Rand
	cal     *calendar
	defs    []serviceDef
	byGroup [numGroups][]int
	nowDay  int
	lastDay int
	years   int
	clients []client
	visits  []visit
	events  []event
}

const (
	horizonDays = 28  // how far ahead bookings are made
	perYear     = 2.0 // bookings per client and year, on average
)

func newPlanner(r *rand.Rand, cal *calendar, defs []serviceDef, nowDay, years int) *planner {
	p := &planner{r: r, cal: cal, defs: defs, nowDay: nowDay, lastDay: len(cal.days) - 1, years: years}
	for i, d := range defs {
		p.byGroup[d.group] = append(p.byGroup[d.group], i)
	}
	return p
}

// clock is a time of day on a day of the book, in minutes after midnight.
func (p *planner) clock(day, minute int) int64 {
	d := p.cal.days[day]
	return time.Date(d.y, d.m, d.d, 0, minute, 0, 0, p.cal.loc).Unix()
}

// daytime is a random moment of a day while people are up and about.
func (p *planner) daytime(day int) int64 { return p.clock(day, 8*60+p.r.IntN(11*60)) }

func (p *planner) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + p.r.IntN(hi-lo+1)
}

// inactiveLimit is the last day an inactive client may have come: over
// three years before today.
func (p *planner) inactiveLimit() int { return p.nowDay - 3*365 - 14 }

// stylistsNeeded returns, per skill, how many stylists keep the busiest
// month at no more than busy of their opening hours.
func (p *planner) stylistsNeeded(busy float64) [numSkills]int {
	const month = 30
	months := len(p.cal.days)/month + 1
	demand := make([][numSkills]float64, months)
	capacity := make([]float64, months)
	for d := range p.cal.days {
		capacity[d/month] += float64(p.cal.openSlots(d))
	}
	for _, v := range p.visits {
		def := p.defs[v.svc]
		demand[int(v.day)/month][def.group.skill()] += float64(def.minutes / slotMinutes)
	}
	var need [numSkills]int
	for m := range months {
		if capacity[m] < float64(20*hm(15, 0)) { // a part month at either end says little
			continue
		}
		for s := range numSkills {
			need[s] = max(need[s], int(math.Ceil(demand[m][s]/(capacity[m]*busy))))
		}
	}
	return need
}

// book finds a slot for every wished visit with the client's own stylist
// or a colleague, and turns it into a booking event.
func (p *planner) book(bySkill [numSkills][]int) {
	for _, v := range p.visits {
		c := &p.clients[v.client]
		def := p.defs[v.svc]
		skill := def.group.skill()
		staff := bySkill[skill]
		if c.fav[skill] < 0 {
			c.fav[skill] = int16(pick(p.r, staff))
		}
		lo, hi := int(c.joinDay)+1, p.nowDay-1
		switch c.seg {
		case segActive:
			hi = p.lastDay
		case segInactive:
			hi = p.inactiveLimit()
		}
		pref := min(max(float64(c.pref)+0.3*(p.r.Float64()-0.5), 0), 1)
		s, d, slot, ok := p.cal.place(p.r, int(c.fav[skill]), staff, int(v.day), lo, hi, def.minutes/slotMinutes, pref)
		if !ok {
			continue // the book is full around that day: the client went elsewhere
		}
		p.events = append(p.events, event{at: p.cal.at(d, slot).Unix(), client: v.client, kind: evBooking, aux: v.svc, staff: uint16(s)})
	}
	p.visits = nil
}

// planRecords adds the cards themselves, later consent changes and a few
// restrictions of processing.
func (p *planner) planRecords() {
	var restrictable []int
	for i := range p.clients {
		c := &p.clients[i]
		p.events = append(p.events, event{at: c.join, client: int32(i), kind: evClient})
		if c.seg == segDuplicate {
			continue
		}
		if int(c.joinDay) < p.nowDay-10 {
			restrictable = append(restrictable, i)
		}
		later := func(kind int, given bool, pct int) {
			if p.r.IntN(100) >= pct || int(c.joinDay)+30 >= p.nowDay {
				return
			}
			aux := uint8(kind << 1)
			if given {
				aux |= 1
			}
			at := p.daytime(p.between(int(c.joinDay)+30, p.nowDay-1))
			p.events = append(p.events, event{at: at, client: int32(i), kind: evConsent, aux: aux})
		}
		switch {
		case c.flags&wantsEmail != 0:
			later(consentEmail, false, 12)
		case c.flags&hasEmail != 0:
			later(consentEmail, true, 8)
		}
		switch {
		case c.flags&wantsSMS != 0:
			later(consentSMS, false, 10)
		case c.flags&hasPhone != 0:
			later(consentSMS, true, 6)
		}
		if c.flags&hasHealth != 0 {
			later(consentHealth, false, 15)
		}
	}
	n := 0
	if len(p.clients) >= 20 {
		n = min(len(restrictable), max(2, len(p.clients)/150))
	}
	p.r.Shuffle(len(restrictable), func(i, j int) { restrictable[i], restrictable[j] = restrictable[j], restrictable[i] })
	for _, i := range restrictable[:n] {
		day := p.between(int(p.clients[i].joinDay)+3, p.nowDay-1)
		p.events = append(p.events, event{at: p.daytime(day), client: int32(i), kind: evRestrict})
	}
}
