package demo

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
	if total == 0 {
		return
	}
	scale := max(perYear*float64(p.years)*float64(n)-float64(p.countDups()), 1) / total
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
			g = [...]group{groupMen, groupNails, groupBeauty}[p.r.IntN(3)]
		}
	}
	p.visits = append(p.visits, visit{client: int32(i), day: int32(day), svc: uint8(p.service(g, c.female))})
}

// service picks a service of a group by how often women or men book it.
func (p *planner) service(g group, female bool) int {
	weight := func(i int) int {
		if female {
			return p.defs[i].weight
		}
		return p.defs[i].menWeight
	}
	sum := 0
	for _, i := range p.byGroup[g] {
		sum += weight(i)
	}
	x := p.r.IntN(sum)
	for _, i := range p.byGroup[g] {
		if x -= weight(i); x < 0 {
			return i
		}
	}
	return p.byGroup[g][0]
}
