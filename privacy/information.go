package privacy

import (
	"time"

	"kartoteka/store"
)

// Information is what GDPR Art. 15(1) and 13 say a client must be told
// beside their data, in the export's language.
type Information struct {
	Categories []Category // of the data held about the client, Art. 15(1)(b)
	Purposes   []Purpose
	Recipients []string
	Retention  []Retention
	Rights     []string
	Authority  Authority
	Source     string
	// AutomatedDecisions says that no decision about the client is made by
	// automated means, profiling included (Art. 15(1)(h), 22).
	AutomatedDecisions string
}

// Category is a kind of personal data the salon holds about the client:
// Code is stable English (as "health_notes"), Name is in the export's
// language; Special marks the special categories of Art. 9 (health).
type Category struct {
	Code, Name string
	Special    bool
}

// Purpose is why some of the data is kept, and on what legal basis.
type Purpose struct {
	Purpose, LegalBasis string
}

// Retention says how long some of the data is kept; Until is zero when the
// period has no fixed end.
type Retention struct {
	What  string
	Until time.Time
}

// Authority is the supervisory authority a client may complain to.
type Authority struct {
	Name, Address, Web string
}

// Information is the Art. 15 information for this subject, in language code.
func (s *Subject) Information(code string) Information {
	tr := wordsFor(code)
	law := map[string]any{"Law": invoiceLaw(s.Salon.Country, tr)}
	in := Information{
		Categories: s.categories(tr),
		Purposes: []Purpose{
			{tr.L("Booking and giving the services you ask for"), tr.L("Contract (GDPR Art. 6(1)(b))")},
			{tr.L("Payments, invoices and the salon's accounts"), tr.L("Legal obligation (GDPR Art. 6(1)(c)): {{.Law}}", law)},
			{tr.L("Health notes such as allergies and patch tests, to treat you safely"), tr.L("Your explicit consent (GDPR Art. 9(2)(a)), which you may withdraw at any time")},
			{tr.L("News and offers by email or text message"), tr.L("Your consent (GDPR Art. 6(1)(a)), which you may withdraw at any time")},
		},
		Recipients: []string{
			tr.L("Nobody outside the salon sees your card: it is kept, encrypted, on the salon's own computer."),
			tr.L("Invoices go to the salon's accountant and, when the law requires it, to the tax authorities."),
		},
		Retention: []Retention{
			s.cardRetention(tr),
			{What: tr.L("Payments: kept for the salon's accounts; when your card is erased they stay, without your name.")},
		},
		Rights: []string{
			tr.L("Access to your data and a copy of it (Art. 15)"),
			tr.L("Correction of wrong or incomplete data (Art. 16)"),
			tr.L("Erasure (Art. 17)"),
			tr.L("Restriction of processing (Art. 18)"),
			tr.L("Your data in a portable, machine-readable form (Art. 20)"),
			tr.L("Objection to processing (Art. 21)"),
			tr.L("Withdrawal of any consent at any time, without affecting what was done before (Art. 7(3))"),
			tr.L("A complaint to the supervisory authority (Art. 77)"),
		},
		Authority:          authority(s.Salon, tr),
		Source:             tr.L("You gave this data to the salon yourself: in person, by phone or in writing. It comes from no one else."),
		AutomatedDecisions: tr.L("No automated decision-making, including profiling, is used: no decision about you is made by a computer alone; the people at the salon make them (GDPR Art. 15(1)(h) and 22)."),
	}
	for _, inv := range s.Invoices {
		in.Retention = append(in.Retention, Retention{
			What: tr.L("Invoice {{.Number}}: kept unchanged as the law requires ({{.Law}}); from this day on your name and address on it are removed",
				map[string]any{"Number": inv.Number, "Law": law["Law"]}),
			Until: inv.KeepUntil,
		})
	}
	return in
}

// cardRetention says how long the card is kept under the salon's retention
// policy, with the day that follows from it today.
func (s *Subject) cardRetention(tr *words) Retention {
	p := s.Retention
	switch p.Policy {
	case store.PolicyLastVisit: // as PlanRetention counts: the last visit, else the card's making
		var since time.Time
		for _, b := range s.Bookings {
			if b.Status == store.StatusCompleted && b.Start.After(since) {
				since = b.Start
			}
		}
		if since.IsZero() {
			since = s.Client.CreatedAt
		}
		return Retention{What: tr.N("Your card, bookings and notes: erased automatically {{.Months}} months after your last visit, so on this day unless you come again (or earlier, if you ask)",
			p.Months, map[string]any{"Months": p.Months}), Until: since.AddDate(0, p.Months, 0)}
	case store.PolicyBookingEnd: // the end of the last booking, else the card's making
		var last time.Time
		for _, b := range s.Bookings {
			if b.End.After(last) {
				last = b.End
			}
		}
		if last.IsZero() {
			last = s.Client.CreatedAt
		}
		return Retention{What: tr.N("Your bookings: removed {{.Days}} days after they end; your card is erased once none is left, so on this day unless you book again (or earlier, if you ask)",
			p.Days, map[string]any{"Days": p.Days}), Until: last.AddDate(0, 0, p.Days)}
	}
	return Retention{What: tr.L("Your card, bookings and notes: until you ask for them to be erased or the salon erases them; the salon has set no automatic erasure.")}
}

// categories are the kinds of data held about the client (Art. 15(1)(b)):
// those the card and its records hold, health notes only when there are
// some.
func (s *Subject) categories(tr *words) []Category {
	c := s.Client
	notes := c.Notes != ""
	for _, b := range s.Bookings {
		notes = notes || b.Notes != ""
	}
	for _, p := range s.Payments {
		notes = notes || p.Notes != ""
	}
	all := []struct {
		held bool
		cat  Category
	}{
		{true, Category{"identification_contact", tr.L("Identification and contact data: name, phone, email, birth date, address, preferred language"), false}},
		{len(s.Bookings) > 0, Category{"bookings", tr.L("Booking history: services, days, times, staff and prices"), false}},
		{len(s.Payments) > 0 || len(s.Invoices) > 0, Category{"payments_invoices", tr.L("Payments and invoices"), false}},
		{notes, Category{"notes", tr.L("Notes about you and your visits"), false}},
		{c.HealthNotes != "", Category{"health_notes", tr.L("Health notes, such as allergies and patch tests: a special category of personal data (GDPR Art. 9)"), true}},
		{len(s.Consents) > 0, Category{"consents", tr.L("Consents you gave or withdrew, with their history"), false}},
		{true, Category{"restriction", tr.L("Whether the processing of your data is restricted (GDPR Art. 18)"), false}},
		{len(s.Requests) > 0, Category{"privacy_requests", tr.L("Your privacy requests and how they were answered"), false}},
		{len(s.Events) > 0, Category{"record_of_changes", tr.L("A record of changes to your card: when, and what kind, without the details"), false}},
	}
	var out []Category
	for _, a := range all {
		if a.held {
			out = append(out, a.cat)
		}
	}
	return out
}
