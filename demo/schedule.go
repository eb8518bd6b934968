package demo

import (
	"math/rand/v2"
	"time"
)

// The appointment book is kept in quarter-hour slots from 07:00; a day fits
// in one uint64 per stylist.
const (
	slotMinutes = 15
	firstHour   = 7
)

// hours are opening hours in slots after 07:00; open == shut means closed.
type hours struct{ open, shut int }

func hm(h, m int) int { return ((h-firstHour)*60 + m) / slotMinutes }

// openingHours by country, Sunday first. German and Austrian salons
// traditionally close on Mondays; Danish ones stay open late on Thursdays.
func openingHours(country string) [7]hours {
	switch country {
	case "DE", "AT":
		wd := hours{hm(9, 0), hm(18, 30)}
		return [7]hours{{}, {}, wd, wd, {hm(9, 0), hm(20, 0)}, wd, {hm(8, 0), hm(14, 0)}}
	case "DK":
		wd := hours{hm(9, 0), hm(17, 30)}
		return [7]hours{{}, wd, wd, wd, {hm(9, 0), hm(19, 0)}, wd, {hm(9, 0), hm(14, 0)}}
	default:
		wd := hours{hm(9, 0), hm(20, 0)}
		return [7]hours{{}, wd, wd, wd, wd, wd, {hm(9, 0), hm(15, 0)}}
	}
}

// easter returns Easter Sunday of year y (the anonymous Gregorian computus).
func easter(y int) (time.Month, int) {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	return time.Month(month), (h+l-7*m+114)%31 + 1
}

// civil numbers calendar days, whatever the time zone.
func civil(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// holiday reports whether the salon is closed on a public holiday.
func holiday(country string, t time.Time) bool {
	md := int(t.Month())*100 + t.Day()
	em, ed := easter(t.Year())
	fromEaster := civil(t.Year(), t.Month(), t.Day()) - civil(t.Year(), em, ed)
	var fixed, moving []int
	switch country {
	case "PL":
		fixed, moving = []int{101, 106, 501, 503, 815, 1101, 1111, 1224, 1225, 1226}, []int{1, 60}
	case "DE":
		fixed, moving = []int{101, 501, 1003, 1224, 1225, 1226, 1231}, []int{-2, 1, 39, 50}
	case "AT":
		fixed, moving = []int{101, 106, 501, 815, 1026, 1101, 1208, 1224, 1225, 1226}, []int{1, 39, 50, 60}
	case "DK":
		fixed, moving = []int{101, 605, 1224, 1225, 1226, 1231}, []int{-3, -2, 1, 39, 50}
	default:
		fixed, moving = []int{101, 1225, 1226}, []int{-2, 1}
	}
	for _, f := range fixed {
		if md == f {
			return true
		}
	}
	for _, m := range moving {
		if fromEaster == m {
			return true
		}
	}
	return false
}

// calDay is one day of the book.
type calDay struct {
	y          int
	m          time.Month
	d          int
	open, shut int
}

// calendar is the appointment book of every bookable stylist from the first
// day of history to the end of the booking horizon, as occupied slots.
type calendar struct {
	loc  *time.Location
	days []calDay
	occ  [][]uint64 // per stylist, per day
}

func newCalendar(country string, first, last time.Time) *calendar {
	c := &calendar{loc: first.Location()}
	week := openingHours(country)
	for t := first; !t.After(last); t = t.AddDate(0, 0, 1) {
		h := week[t.Weekday()]
		if holiday(country, t) {
			h = hours{}
		}
		c.days = append(c.days, calDay{t.Year(), t.Month(), t.Day(), h.open, h.shut})
	}
	return c
}

// at is the time of a slot on a day.
func (c *calendar) at(day, slot int) time.Time {
	d := c.days[day]
	return time.Date(d.y, d.m, d.d, firstHour, slot*slotMinutes, 0, 0, c.loc)
}

// openSlots is the number of slots the salon is open on a day.
func (c *calendar) openSlots(day int) int { return c.days[day].shut - c.days[day].open }

// setStaff sizes the book for n bookable stylists.
func (c *calendar) setStaff(n int) {
	c.occ = make([][]uint64, n)
	for i := range c.occ {
		c.occ[i] = make([]uint64, len(c.days))
	}
}

// fit finds the free start slot nearest to pref (a fraction of the opening
// hours) for k slots with stylist s on a day, or -1.
func (c *calendar) fit(s, day, k int, pref float64) int {
	d := c.days[day]
	lo, hi := d.open, d.shut-k
	if hi < lo {
		return -1
	}
	want := lo + int(pref*float64(hi-lo)+0.5)
	occ, mask := c.occ[s][day], uint64(1)<<k-1
	for delta := 0; want-delta >= lo || want+delta <= hi; delta++ {
		if at := want + delta; at <= hi && occ&(mask<<at) == 0 {
			return at
		}
		if at := want - delta; delta > 0 && at >= lo && occ&(mask<<at) == 0 {
			return at
		}
	}
	return -1
}

// spiral is the n-th day offset of a search around a wished day: 0, +1, -1, +2…
func spiral(n int) int {
	if n%2 == 1 {
		return (n + 1) / 2
	}
	return -n / 2
}

// place books k slots as close as it can to the wished day and time: with
// the client's own stylist up to three days either side, then with anyone of
// the same skill up to a week either side. It reports false when the book is
// full.
func (c *calendar) place(r *rand.Rand, fav int, others []int, day, lo, hi, k int, pref float64) (s, d, slot int, ok bool) {
	try := func(s, d int) bool {
		if d < lo || d > hi {
			return false
		}
		if slot = c.fit(s, d, k, pref); slot < 0 {
			return false
		}
		c.occ[s][d] |= (uint64(1)<<k - 1) << slot
		return true
	}
	for n := 0; n <= 6; n++ {
		if d = day + spiral(n); try(fav, d) {
			return fav, d, slot, true
		}
	}
	for n := 0; n <= 14; n++ {
		d = day + spiral(n)
		from := r.IntN(len(others))
		for i := range others {
			if s = others[(from+i)%len(others)]; s != fav && try(s, d) {
				return s, d, slot, true
			}
		}
	}
	return 0, 0, 0, false
}
