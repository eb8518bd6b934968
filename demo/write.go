package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"kartoteka/store"
)

// identity is what a duplicate card needs of its original.
type identity struct {
	origin                                 origin
	first, last, lang, phone, email, birth string
}

// writer replays the planned events through the store's batches.
type writer struct {
	r      *rand.Rand
	salon  store.Salon
	now    time.Time
	loc    *time.Location
	first  int    // year the history starts
	region string // how addresses are written: the salon's country, or XX
	home   city   // the salon's town
	p      *planner
	defs   []serviceDef
	staff  []int64 // store IDs by team index
	svcs   []store.Service
	ids    []int64            // store IDs by client index
	saved  map[int32]identity // originals of duplicates, until the duplicate is made
	dupped map[int32]bool     // clients who will get a duplicate card
	emails map[string]struct{}
	phones map[string]struct{}
	txt    texts // the salon's language
	sum    Summary

	// restricted are the clients whose processing is restricted by now:
	// their later visits are booked with their consent (GDPR Art. 18(2)).
	restricted map[int32]bool
}

func newWriter(r *rand.Rand, salon store.Salon, now time.Time, p *planner, defs []serviceDef) *writer {
	region := salon.Country
	if _, ok := cities[region]; !ok {
		region = "XX"
	}
	w := &writer{r: r, salon: salon, now: now, loc: now.Location(), first: now.Year() - p.years,
		region: region, home: pick(r, cities[region]), p: p, defs: defs, ids: make([]int64, len(p.clients)),
		saved: map[int32]identity{}, dupped: map[int32]bool{}, restricted: map[int32]bool{}, emails: map[string]struct{}{}, phones: map[string]struct{}{},
		txt: textsFor(salon.Language)}
	for _, c := range p.clients {
		if c.seg == segDuplicate {
			w.dupped[c.dupOf] = true
		}
	}
	return w
}

// run writes the team and price list, then the events in batches.
func (w *writer) run(ctx context.Context, db *store.DB, team []member, svcs []store.Service, progress func(int, int)) (Summary, error) {
	start := time.Date(w.first, 1, 1, 9, 0, 0, 0, w.loc)
	err := db.Batch(ctx, "demo.generate", func(b *store.Batch) error {
		b.SetClock(start)
		for _, m := range team {
			id, err := b.CreateStaff(m.Staff)
			if err != nil {
				return fmt.Errorf("demo: staff: %w", err)
			}
			w.staff = append(w.staff, id)
		}
		for _, s := range svcs {
			id, err := b.CreateService(s)
			if err != nil {
				return fmt.Errorf("demo: service %q: %w", s.Name, err)
			}
			s.ID = id
			w.svcs = append(w.svcs, s)
		}
		return nil
	})
	if err != nil {
		return w.sum, err
	}
	w.sum.Staff, w.sum.Services = len(w.staff), len(w.svcs)
	events := w.p.events
	if progress != nil {
		progress(0, len(events))
	}
	for done := 0; done < len(events); {
		chunk := events[done:min(done+batchEvents, len(events))]
		before := w.sum
		err := db.Batch(ctx, "demo.generate", func(b *store.Batch) error {
			for _, e := range chunk {
				if err := w.apply(b, e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return before, err
		}
		done += len(chunk)
		if progress != nil {
			progress(done, len(events))
		}
	}
	return w.sum, nil
}

func (w *writer) apply(b *store.Batch, e event) error {
	var err error
	switch e.kind {
	case evClient:
		err = w.client(b, e)
	case evBooking:
		err = w.booking(b, e)
	case evConsent:
		b.SetClock(time.Unix(e.at, 0).In(w.loc))
		kind, given := consentKinds[e.aux>>1], e.aux&1 == 1
		channel := pick(w.r, []string{"email", "email", "phone", "in_person"})
		if given {
			channel = pick(w.r, []string{"in_person", "in_person", "email"})
		}
		err = w.consent(b, e.client, kind, given, channel, e.at)
	case evRestrict:
		b.SetClock(time.Unix(e.at, 0).In(w.loc))
		err = b.SetRestriction(w.ids[e.client], true, pick(w.r, w.txt.restrictions))
		w.restricted[e.client] = true
		w.sum.Restricted++
	}
	if err != nil {
		return fmt.Errorf("demo: %v of client #%d: %w", e.kind, e.client, err)
	}
	return nil
}

// consentKinds are the store's consent kinds by their number in an event.
var consentKinds = [...]string{consentEmail: store.ConsentMarketingEmail, consentSMS: store.ConsentMarketingSMS,
	consentHealth: store.ConsentHealth}

func (k evKind) String() string { return [...]string{"card", "booking", "consent", "restriction"}[k] }

// consent records a consent change; the text version is the one the salon
// used that year (a new wording every two years).
func (w *writer) consent(b *store.Batch, client int32, kind string, given bool, channel string, at int64) error {
	year := time.Unix(at, 0).In(w.loc).Year()
	version := fmt.Sprintf("v%d", w.first+(year-w.first)/2*2)
	w.sum.Consents++
	return b.SetConsent(w.ids[client], kind, given, channel, version)
}

// client makes a card: a person of some origin, or a second card of one.
func (w *writer) client(b *store.Batch, e event) error {
	c := &w.p.clients[e.client]
	at := time.Unix(c.join, 0).In(w.loc)
	b.SetClock(at)
	var in store.ClientInput
	if c.seg == segDuplicate {
		in = w.duplicate(c)
		w.sum.Duplicates++
	} else {
		in = w.person(e.client, c, at)
	}
	id, err := b.CreateClient(in)
	if err != nil {
		return err
	}
	w.ids[e.client] = id
	w.sum.Clients++
	if in.HealthConsentChannel != "" {
		w.sum.Consents++
	}
	if c.seg == segDuplicate {
		return nil
	}
	channel := pick(w.r, []string{"in_person", "in_person", "paper", "phone"})
	if c.flags&wantsEmail != 0 {
		if err := w.consent(b, e.client, store.ConsentMarketingEmail, true, channel, c.join); err != nil {
			return err
		}
	}
	if c.flags&wantsSMS != 0 {
		return w.consent(b, e.client, store.ConsentMarketingSMS, true, channel, c.join)
	}
	return nil
}

// person draws a new client: a name of some origin, the language that goes
// with it and the card's details.
func (w *writer) person(i int32, c *client, at time.Time) store.ClientInput {
	r := w.r
	o := origin(weighted(r, originMix(w.salon.Country)))
	local := o == localOrigin(w.salon.Country)
	var in store.ClientInput
	in.FirstName, in.LastName = personName(r, o, c.female)
	in.Language = o.lang()
	if !local && o != originEN && r.IntN(100) < 15 {
		in.Language = "en"
	}
	born := at.Year() - 16 - r.IntN(60)
	if r.IntN(100) < 55 {
		in.BirthDate = fmt.Sprintf("%04d-%02d-%02d", born, 1+r.IntN(12), 1+r.IntN(28))
	}
	if c.flags&hasPhone != 0 {
		in.Phone = w.phone(o, local)
	}
	if c.flags&hasEmail != 0 {
		in.Email = email(r, in.FirstName, in.LastName, in.Language, born, w.emails)
	}
	if r.IntN(100) < 45 {
		in.Address = addressIn(r, w.region, w.home)
	}
	t := textsFor(in.Language)
	if r.IntN(100) < 15 {
		in.Notes = pick(r, t.clientNotes)
	}
	if c.flags&hasHealth != 0 {
		in.HealthNotes = t.healthNote(r, at)
		in.HealthConsentChannel = pick(r, []string{"in_person", "in_person", "paper"})
	}
	if w.dupped[i] {
		w.saved[i] = identity{o, in.FirstName, in.LastName, in.Language, in.Phone, in.Email, in.BirthDate}
	}
	return in
}

// phone draws an unused mobile: of the salon's country, or for some
// foreigners of their own, written with its country code.
func (w *writer) phone(o origin, local bool) string {
	country := w.salon.Country
	if country == "XX" || !local && w.r.IntN(4) == 0 {
		country = o.homeCountry()
	}
	for {
		e164, typed := mobile(w.r, country, country == w.salon.Country)
		if _, taken := w.phones[e164]; !taken {
			w.phones[e164] = struct{}{}
			return typed
		}
	}
}

// duplicate makes a second card of a client, with the name spelt another
// way and the same phone or the same email, typed differently.
func (w *writer) duplicate(c *client) store.ClientInput {
	id := w.saved[c.dupOf]
	delete(w.saved, c.dupOf)
	in := store.ClientInput{Language: id.lang}
	in.FirstName, in.LastName = misspell(w.r, id.first, id.last)
	if c.flags&dupByPhone != 0 {
		in.Phone = strings.ReplaceAll(id.phone, " ", "")
		if c.flags&hasEmail != 0 {
			in.Email = email(w.r, in.FirstName, in.LastName, id.lang, 1960+w.r.IntN(45), w.emails)
		}
	} else {
		in.Email = strings.ToUpper(id.email[:1]) + id.email[1:]
		if c.flags&hasPhone != 0 {
			in.Phone = w.phone(id.origin, id.origin == localOrigin(w.salon.Country))
		}
	}
	if w.r.IntN(2) == 0 {
		in.BirthDate = id.birth
	}
	return in
}
