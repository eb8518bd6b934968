package demo

import (
	"math"
	"math/rand/v2"
	"time"
)

// segment is the story of one client card.
type segment uint8

const (
	segActive    segment = iota // still comes; may have a booking in the coming weeks
	segChurned                  // came for a while, then stopped
	segInactive                 // last came more than three years ago
	segNever                    // made a card and never came
	segDuplicate                // a second card of another client
)

// Client plan flags.
const (
	hasPhone   uint8 = 1 << iota
	hasEmail         // the card has an email address
	wantsEmail       // marketing email consent given with the card
	wantsSMS         // marketing SMS consent given with the card
	hasHealth        // health notes, with health-data consent
	dupByPhone       // a duplicate shares its original's phone, else its email
)

// client is the plan of one card: who, since when, how often.
type client struct {
	seg     segment
	female  bool
	group   group // what they mostly come for
	flags   uint8
	pref    float32 // preferred time of day: 0 at opening, 1 at closing
	dupOf   int32   // the original of a duplicate card
	joinDay int32
	join    int64 // when the card was made
	fav     [numSkills]int16
}

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

// Consent kinds by their index in an event.
var consentKinds = [...]string{"marketing_email", "marketing_sms", "health_data"}

// planner lays out the salon's history in memory before anything is written.
type planner struct {
	r        *rand.Rand
	cal      *calendar
	defs     []serviceDef
	byGroup  [numGroups][]int
	nowDay   int
	lastDay  int
	years    int
	clients  []client
	visits   []visit
	events   []event
	dropped  int
	restrict int
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

// segments deals out the stories: fixed shares, so a small salon still has
// a few of each.
func (p *planner) segments(n int) []segment {
	count := func(share, least int) int {
		if n < 20 {
			return 0
		}
		return max(least, n/share)
	}
	dups, never, inactive := count(50, 2), count(40, 2), 0
	if p.inactiveLimit() > 60 {
		inactive = count(10, 2)
	}
	segs := make([]segment, 0, n)
	for range never {
		segs = append(segs, segNever)
	}
	for range inactive {
		segs = append(segs, segInactive)
	}
	rest := n - dups - len(segs)
	for i := range rest {
		if i*10 < rest*4 {
			segs = append(segs, segChurned)
		} else {
			segs = append(segs, segActive)
		}
	}
	p.r.Shuffle(len(segs), func(i, j int) { segs[i], segs[j] = segs[j], segs[i] })
	for range dups {
		segs = append(segs, segDuplicate)
	}
	return segs
}

// planClients draws every card and the visits it wishes for; visits are
// scaled so the salon has perYear bookings per client and year on average.
func (p *planner) planClients(n int) {
	segs := p.segments(n)
	p.clients = make([]client, n)
	type window struct {
		first, last int
		rate        float64 // visits a year, before scaling
		imported    bool
	}
	win := make([]window, n)
	var total float64
	for i, seg := range segs {
		c := &p.clients[i]
		c.seg, c.dupOf, c.fav = seg, -1, [numSkills]int16{-1, -1}
		if seg == segDuplicate {
			continue
		}
		c.female = p.r.IntN(100) < 72
		switch x := p.r.IntN(100); {
		case !c.female && x < 95:
			c.group = groupMen
		case !c.female:
			c.group = groupNails
		case x < 72:
			c.group = groupWomen
		case x < 92:
			c.group = groupNails
		default:
			c.group = groupBeauty
		}
		c.pref = float32(p.r.Float64())
		c.flags = p.contactFlags()
		var end int
		var imported bool
		switch seg {
		case segActive:
			c.joinDay, imported = p.joinDay(p.nowDay - 14)
			end = p.lastDay
		case segChurned:
			c.joinDay, imported = p.joinDay(p.nowDay - 60)
			end = min(int(c.joinDay)+30+int(p.r.ExpFloat64()*400), p.nowDay-30)
		case segInactive:
			c.joinDay, imported = p.joinDay(p.inactiveLimit() - 30)
			end = min(int(c.joinDay)+30+int(p.r.ExpFloat64()*300), p.inactiveLimit())
		case segNever:
			c.joinDay = int32(p.between(0, p.nowDay-1))
		}
		c.join = p.daytime(int(c.joinDay))
		if seg == segNever {
			continue
		}
		first := int(c.joinDay) + 1
		if !imported {
			first += p.r.IntN(14) // a new client books soon after the card is made
		}
		rate := [numGroups]float64{5, 8, 9, 5}[c.group] + p.r.Float64()*5
		win[i] = window{first, max(end, first), rate, imported}
		total += rate * float64(win[i].last-first+1) / 365
	}
	p.planDuplicates(segs)
	scale := 0.0
	if total > 0 {
		scale = (perYear*float64(p.years)*float64(n) - float64(p.countDups())) / total
	}
	for i, w := range win {
		if w.rate == 0 {
			continue
		}
		// Visits come every gap days, give or take a quarter; a client
		// brought over from the old card index is somewhere in between.
		gap := max(365/(w.rate*scale), 10)
		at := float64(w.first)
		if w.imported {
			at += p.r.Float64() * gap
		}
		n := 0
		for ; int(at) <= w.last; n++ {
			p.addVisit(i, int(at))
			at += gap * (0.75 + 0.5*p.r.Float64())
		}
		if n == 0 {
			p.addVisit(i, p.between(w.first, w.last))
		}
	}
}

// joinDay is the day a card was made, at most last, and whether it was
// imported. Half the clients were
// already coming when the history starts: their cards are made in its first
// month, as if typed in from the old paper card index. This keeps the salon
// about as busy in its first year as in its last.
func (p *planner) joinDay(last int) (day int32, imported bool) {
	if p.r.IntN(2) == 0 {
		return int32(p.r.IntN(min(30, last+1))), true
	}
	return int32(p.between(0, last)), false
}

// contactFlags decides what a card holds and which consents come with it.
func (p *planner) contactFlags() uint8 {
	var f uint8
	if p.r.IntN(100) < 90 {
		f |= hasPhone
		if p.r.IntN(100) < 45 {
			f |= wantsSMS
		}
	}
	if p.r.IntN(100) < 72 {
		f |= hasEmail
		if p.r.IntN(100) < 55 {
			f |= wantsEmail
		}
	}
	if p.r.IntN(100) < 7 {
		f |= hasHealth
	}
	return f
}

// planDuplicates makes each duplicate a second card of an older one, made
// weeks or years later, with a visit or two at most.
func (p *planner) planDuplicates(segs []segment) {
	var originals []int
	for i, s := range segs {
		if s != segDuplicate && s != segNever && int(p.clients[i].joinDay) < p.nowDay-60 {
			originals = append(originals, i)
		}
	}
	p.r.Shuffle(len(originals), func(i, j int) { originals[i], originals[j] = originals[j], originals[i] })
	for i, s := range segs {
		if s != segDuplicate {
			continue
		}
		c := &p.clients[i]
		if len(originals) == 0 {
			c.seg, c.joinDay = segNever, int32(p.between(0, p.nowDay-1))
			c.join = p.daytime(int(c.joinDay))
			continue
		}
		o := &p.clients[originals[0]]
		c.dupOf, originals = int32(originals[0]), originals[1:]
		o.flags |= hasPhone | hasEmail
		c.female, c.group, c.pref = o.female, o.group, o.pref
		if p.r.IntN(2) == 0 {
			c.flags = dupByPhone | hasPhone
			if p.r.IntN(3) == 0 {
				c.flags |= hasEmail
			}
		} else {
			c.flags = hasEmail
			if p.r.IntN(3) == 0 {
				c.flags |= hasPhone
			}
		}
		c.joinDay = int32(p.between(int(o.joinDay)+30, p.nowDay-1))
		c.join = p.daytime(int(c.joinDay))
		for range p.r.IntN(3) {
			p.addVisit(i, p.between(int(c.joinDay)+1, min(int(c.joinDay)+180, p.nowDay-1)))
		}
	}
}

func (p *planner) countDups() int {
	n := 0
	for _, c := range p.clients {
		if c.seg == segDuplicate {
			n++
		}
	}
	return n
}

// addVisit wishes for a visit on a day: mostly what the client always comes
// for, now and then something else.
func (p *planner) addVisit(i, day int) {
	c := &p.clients[i]
	g := c.group
	if p.r.IntN(100) < 15 {
		if c.female {
			g = [...]group{groupWomen, groupNails, groupBeauty}[p.r.IntN(3)]
		} else {
			g = groupNails
		}
	}
	p.visits = append(p.visits, visit{client: int32(i), day: int32(day), svc: uint8(p.service(g))})
}

// service picks a service of a group by how often it is booked.
func (p *planner) service(g group) int {
	sum := 0
	for _, i := range p.byGroup[g] {
		sum += p.defs[i].weight
	}
	x := p.r.IntN(sum)
	for _, i := range p.byGroup[g] {
		if x -= p.defs[i].weight; x < 0 {
			return i
		}
	}
	return p.byGroup[g][0]
}

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
			p.dropped++
			continue
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
			later(0, false, 12)
		case c.flags&hasEmail != 0:
			later(0, true, 8)
		}
		switch {
		case c.flags&wantsSMS != 0:
			later(1, false, 10)
		case c.flags&hasPhone != 0:
			later(1, true, 6)
		}
		if c.flags&hasHealth != 0 {
			later(2, false, 15)
		}
	}
	if len(p.clients) >= 20 {
		p.restrict = min(len(restrictable), max(2, len(p.clients)/150))
	}
	p.r.Shuffle(len(restrictable), func(i, j int) { restrictable[i], restrictable[j] = restrictable[j], restrictable[i] })
	for _, i := range restrictable[:p.restrict] {
		day := p.between(int(p.clients[i].joinDay)+3, p.nowDay-1)
		p.events = append(p.events, event{at: p.daytime(day), client: int32(i), kind: evRestrict})
	}
}
