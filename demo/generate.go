// Package demo fills a salon database with a believable made-up history, for
// trying Kartoteka out, for screenshots and for benchmarks.
//
// # What it makes
//
// [Generate] writes, through the store's batches and so through all of its
// validation:
//
//   - a team: an owner who also cuts hair, a receptionist, one to three
//     stylists and sometimes an accountant (three to six people), named like
//     people of the salon's country;
//   - a price list in the salon's language and currency ("Strzyżenie damskie",
//     "Damenhaarschnitt", "Dameklip"…), with categories, durations in quarter
//     hours and prices in minor units;
//   - client cards with Polish, German, Danish and a few English names, mostly
//     of the salon's country, each with the language of the name, valid mobile
//     numbers, example-domain emails, some birth dates, addresses, notes and,
//     with health-data consent, health notes;
//   - about [Options.Clients]×2 bookings a year ([Options.Years] years back and
//     four weeks ahead), on opening days and hours, never two at once for a
//     stylist: most past ones completed and paid, some cancelled or no-shows,
//     the coming ones booked; invoices for a few percent of visits;
//   - consent histories (marketing email and SMS, health data) with later
//     withdrawals, a few restricted clients, duplicate cards of the same person
//     sharing a phone or email under a differently spelt name, clients not seen
//     for over three years and cards of people who never came.
//
// # Rules
//
// Everything follows from [Options.Seed] and [Options.Now] (and the salon's
// country, language and currency): the same pair gives the same database.
//
// Half the clients were already coming when the history starts; their cards
// are made in its first month, as if typed in from the old paper card index,
// so the salon is about as busy in its first year as in its last. Each client
// has a favourite stylist and time of day and comes every few weeks; a visit
// goes to the favourite up to three days either side of the wished day, else
// to a colleague of the same skill within a week. Salons keep their country's
// opening hours and public holidays (German and Austrian ones close on
// Mondays).
//
// The team grows beyond six when the busiest month would otherwise fill more
// than 70% of the stylists' opening hours: more hair stylists or nail
// technicians join, with a receptionist per eight of them and an accountant.
// A salon of 20,000 clients has about 35 people; one of 100,000 clients and
// a million bookings, about 160.
//
// Generate is meant for an empty database, such as the one at
// [store.DemoPath]: it adds to whatever is there.
package demo

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"kartoteka/store"
)

// Options say how big and how old the demo salon is.
type Options struct {
	Clients  int                   // number of client cards (default 300)
	Seed     int64                 // random seed; same seed and same Now give the same data
	Now      time.Time             // "today" (default time.Now()); history goes back Years before it
	Years    int                   // default 5
	Progress func(done, total int) // optional, called after each batch of writes
}

// Summary counts what Generate wrote.
type Summary struct {
	Staff, Services, Clients, Bookings, Payments, Invoices, Consents, Restricted, Duplicates int
}

// batchEvents is how many planned writes go into one transaction: big enough
// that a synchronous commit is rare, small enough to report progress.
const batchEvents = 20000

// Generate fills db with a demo salon as described in the package doc and
// reports what it wrote. If it fails, the batches written so far stay.
func Generate(ctx context.Context, db *store.DB, o Options) (Summary, error) {
	if o.Clients <= 0 {
		o.Clients = 300
	}
	if o.Years <= 0 {
		o.Years = 5
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	o.Now = o.Now.Truncate(time.Second)
	salon, err := db.Salon(ctx)
	if err != nil {
		return Summary{}, fmt.Errorf("demo: %w", err)
	}
	first := midnight(o.Now.AddDate(-o.Years, 0, 0))
	if first.Year() < 2000 || o.Now.Year() > 2090 {
		return Summary{}, errors.New("demo: history must lie between 2000 and 2090")
	}
	seed := uint64(o.Seed)
	cal := newCalendar(salon.Country, first, midnight(o.Now).AddDate(0, 0, horizonDays))
	defs := serviceDefs(salon.Language)
	p := newPlanner(rand.New(rand.NewPCG(seed, 1)), cal, defs, civilOf(o.Now)-civilOf(first), o.Years)
	p.planClients(o.Clients)
	staff := team(rand.New(rand.NewPCG(seed, 2)), salon.Country, p.stylistsNeeded(busiest))
	var bySkill [numSkills][]int
	for i, m := range staff {
		if m.bookable {
			bySkill[m.skill] = append(bySkill[m.skill], i)
		}
	}
	cal.setStaff(len(staff))
	p.book(bySkill)
	p.planRecords()
	slices.SortFunc(p.events, func(a, b event) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.kind, b.kind), cmp.Compare(a.client, b.client),
			cmp.Compare(a.aux, b.aux), cmp.Compare(a.staff, b.staff))
	})
	w := newWriter(rand.New(rand.NewPCG(seed, 3)), salon, o.Now, p, defs)
	return w.run(ctx, db, staff, priceList(salon), o.Progress)
}

func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

func civilOf(t time.Time) int { return civil(t.Year(), t.Month(), t.Day()) }
