package privacy

import (
	"time"

	"kartoteka/store"
)

// Information is what GDPR Art. 15(1) and 13 say a client must be told
// beside their data, in the export's language.
type Information struct {
	Purposes   []Purpose
	Recipients []string
	Retention  []Retention
	Rights     []string
	Authority  Authority
	Source     string
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
	in := Information{
		Purposes: []Purpose{
			{tr.L("Booking and giving the services you ask for"), tr.L("Contract (GDPR Art. 6(1)(b))")},
			{tr.L("Payments, invoices and the salon's accounts"), tr.L("Legal obligation under tax and accounting law (GDPR Art. 6(1)(c))")},
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
		Authority: authority(s.Salon.Country, tr),
		Source:    tr.L("You gave this data to the salon yourself: in person, by phone or in writing. It comes from no one else."),
	}
	for _, inv := range s.Invoices {
		in.Retention = append(in.Retention, Retention{
			What:  tr.L("Invoice {{.Number}}: kept unchanged as accounting law requires; from this day on your name and address on it are removed", map[string]any{"Number": inv.Number}),
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
		return Retention{What: tr.L("Your card, bookings and notes: erased automatically {{.Months}} months after your last visit, so on this day unless you come again (or earlier, if you ask)",
			map[string]any{"Months": p.Months}), Until: since.AddDate(0, p.Months, 0)}
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
		return Retention{What: tr.L("Your bookings: removed {{.Days}} days after they end; your card is erased once none is left, so on this day unless you book again (or earlier, if you ask)",
			map[string]any{"Days": p.Days}), Until: last.AddDate(0, 0, p.Days)}
	}
	return Retention{What: tr.L("Your card, bookings and notes: until you ask for them to be erased or the salon erases them; the salon has set no automatic erasure.")}
}

// authority is the supervisory authority of the salon's country.
func authority(country string, tr *words) Authority {
	switch country {
	case "PL":
		return Authority{Name: "Prezes Urzędu Ochrony Danych Osobowych (UODO)", Address: "ul. Stawki 2, 00-193 Warszawa", Web: "https://uodo.gov.pl"}
	case "DK":
		return Authority{Name: "Datatilsynet", Address: "Carl Jacobsens Vej 35, 2500 Valby", Web: "https://www.datatilsynet.dk"}
	case "AT":
		return Authority{Name: "Österreichische Datenschutzbehörde", Address: "Barichgasse 40–42, 1030 Wien", Web: "https://www.dsb.gv.at"}
	case "DE":
		return Authority{Name: tr.L("The data protection authority of the federal state (Land) where the salon is"),
			Address: tr.L("Each state has its own; the Federal Commissioner lists them all."),
			Web:     "https://www.bfdi.bund.de/DE/Service/Anschriften/Laender/Laender-node.html"}
	default:
		return Authority{Name: tr.L("The data protection authority of the country where you live, work or where the salon is"),
			Address: tr.L("The European Data Protection Board lists every authority."),
			Web:     "https://www.edpb.europa.eu/about-edpb/about-edpb/members_en"}
	}
}
