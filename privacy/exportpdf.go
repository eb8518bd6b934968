package privacy

import (
	"io"
	"strconv"
	"strings"

	"kartoteka/locale"
	"kartoteka/store"
)

// WritePDF writes the printable answer to an access request (GDPR Art. 15)
// in language code: the salon's letterhead, every personal detail, the
// consents with their history, bookings, payments, invoices, the record of
// changes, and the information Art. 15 requires, on A4 with "page X of Y".
func (s *Subject) WritePDF(w io.Writer, code string) error {
	tr := wordsFor(code)
	code = tr.code
	c, sal := s.Client, s.Salon
	name := strings.TrimSpace(c.FirstName + " " + c.LastName)
	generated := locale.Date(code, s.GeneratedAt)
	d, err := newDoc(tr, tr.L("Personal data of {{.Name}}", map[string]any{"Name": name}),
		sal.Name+" · "+tr.L("Prepared on {{.Date}}", map[string]any{"Date": generated}))
	if err != nil {
		return err
	}
	s.letterhead(d)
	d.Ln(6)
	d.text(16, "B", tr.L("Personal data of {{.Name}}", map[string]any{"Name": name}))
	d.text(10, "", tr.L("What {{.Salon}} holds about you, as of {{.Date}}, in answer to your request under Article 15 of the GDPR. Client number {{.Number}}.",
		map[string]any{"Salon": sal.Name, "Date": generated, "Number": strconv.FormatInt(c.ID, 10)}))

	d.heading(tr.L("Your details"))
	d.pairs([][2]string{
		{tr.L("First name"), c.FirstName}, {tr.L("Last name"), c.LastName},
		{tr.L("Phone"), locale.Phone(c.Phone, sal.Country)}, {tr.L("Email"), c.Email},
		{tr.L("Birth date"), locale.Day(code, c.BirthDate)}, {tr.L("Address"), c.Address},
		{tr.L("Preferred language"), languageName(c.Language, tr)},
		{tr.L("Card created"), locale.Date(code, c.CreatedAt)},
	})
	d.heading(tr.L("Notes"))
	d.text(10, "", orNone(c.Notes, tr))
	d.heading(tr.L("Health notes"))
	d.text(10, "", orNone(c.HealthNotes, tr))
	d.heading(tr.L("Restriction of processing"))
	if c.Restricted {
		d.text(10, "", tr.L("Restricted since {{.Date}}: {{.Reason}}", map[string]any{"Date": locale.Date(code, c.RestrictedAt), "Reason": c.RestrictionReason}))
	} else {
		d.text(10, "", tr.L("Not restricted."))
	}

	s.consents(d, code)
	s.bookings(d, code)
	s.payments(d, code)
	s.invoices(d, code)
	s.requests(d, code)
	s.events(d, code)
	s.information(d, code)
	return d.finish(w)
}

func (s *Subject) letterhead(d *doc) {
	sal := s.Salon
	d.text(14, "B", sal.Name)
	d.text(9, "", strings.Join(nonEmpty(sal.Address, taxLine(sal.TaxID, d.tr), contactLine(sal.PrivacyContact, d.tr)), "\n"))
	d.SetDrawColor(60, 60, 60)
	d.Line(pageMargin, d.GetY()+2, pageMargin+bodyWidth, d.GetY()+2)
}

func taxLine(id string, tr *words) string {
	if id == "" {
		return ""
	}
	return tr.L("Tax ID: {{.ID}}", map[string]any{"ID": id})
}

func contactLine(contact string, tr *words) string {
	if contact == "" {
		return ""
	}
	return tr.L("Privacy contact: {{.Contact}}", map[string]any{"Contact": contact})
}

func orNone(s string, tr *words) string {
	if strings.TrimSpace(s) == "" {
		return tr.L("None.")
	}
	return s
}

func (s *Subject) consents(d *doc, code string) {
	tr := d.tr
	d.heading(tr.L("Consents and their history"))
	var rows [][]string
	for _, k := range s.Consents {
		given := tr.L("Withdrawn")
		if k.Given {
			given = tr.L("Given")
		}
		rows = append(rows, []string{consentName(k.Kind, tr), given, locale.Date(code, k.At) + " " + k.At.Local().Format("15:04"), channelName(k.Channel, tr)})
	}
	d.table([]float64{62, 30, 45, 41}, []string{tr.L("Consent"), tr.L("Given or withdrawn"), tr.L("When"), tr.L("How")}, rows)
}

func (s *Subject) bookings(d *doc, code string) {
	tr := d.tr
	d.heading(tr.L("Bookings"))
	var rows [][]string
	for _, b := range s.Bookings {
		service := b.Service
		if b.Notes != "" {
			service += "\n" + b.Notes
		}
		rows = append(rows, []string{locale.Date(code, b.Start), b.Start.Local().Format("15:04") + "–" + b.End.Local().Format("15:04"),
			service, b.Staff, statusName(b.Status, tr), locale.Money(code, b.Price)})
	}
	d.table([]float64{24, 22, 46, 32, 30, 24}, []string{tr.L("Day"), tr.L("Time"), tr.L("Service"), tr.L("Staff member"), tr.L("Status"), tr.L("Price")}, rows)
}

func (s *Subject) payments(d *doc, code string) {
	tr := d.tr
	d.heading(tr.L("Payments"))
	var rows [][]string
	for _, p := range s.Payments {
		booking := ""
		if p.BookingID != 0 {
			booking = tr.L("Booking {{.Number}}", map[string]any{"Number": strconv.FormatInt(p.BookingID, 10)})
		}
		rows = append(rows, []string{locale.Date(code, p.At), locale.Money(code, p.Amount), methodName(p.Method, tr), booking})
	}
	d.table([]float64{40, 40, 44, 54}, []string{tr.L("Day"), tr.L("Amount"), tr.L("Method"), tr.L("For")}, rows)
}

func (s *Subject) invoices(d *doc, code string) {
	tr := d.tr
	d.heading(tr.L("Invoices"))
	var rows [][]string
	for _, inv := range s.Invoices {
		buyer := strings.TrimSpace(strings.Join([]string{inv.BuyerName, inv.BuyerAddr, inv.BuyerTaxID}, "\n"))
		rows = append(rows, []string{inv.Number, locale.Date(code, inv.IssuedAt), buyer, locale.Money(code, inv.Total),
			locale.Date(code, inv.KeepUntil.AddDate(0, 0, -1))})
	}
	d.table([]float64{30, 26, 56, 30, 36}, []string{tr.L("Number"), tr.L("Issued"), tr.L("Buyer"), tr.L("Total"), tr.L("Kept unchanged until")}, rows)
}

func (s *Subject) events(d *doc, code string) {
	tr := d.tr
	d.heading(tr.L("Record of changes"))
	var rows [][]string
	for _, e := range s.Events {
		rows = append(rows, []string{locale.Date(code, e.At) + " " + e.At.Local().Format("15:04"), actionName(e.Action, tr)})
	}
	d.table([]float64{45, 133}, []string{tr.L("When"), tr.L("What")}, rows)
}

func (s *Subject) information(d *doc, code string) {
	tr := d.tr
	in := s.Information(code)
	sal := s.Salon
	d.heading(tr.L("Who is responsible for your data"))
	d.text(10, "", tr.L("The controller of your data (GDPR Art. 4(7)) is the salon:"))
	d.text(10, "", strings.Join(nonEmpty(sal.Name, sal.Address, contactLine(sal.PrivacyContact, tr)), "\n"))
	d.heading(tr.L("Which data the salon holds about you"))
	var cats []string
	for _, c := range in.Categories {
		cats = append(cats, c.Name)
	}
	d.bullets(cats)
	d.heading(tr.L("Why we keep your data, and on what basis"))
	var rows [][]string
	for _, p := range in.Purposes {
		rows = append(rows, []string{p.Purpose, p.LegalBasis})
	}
	d.table([]float64{89, 89}, []string{tr.L("Purpose"), tr.L("Legal basis")}, rows)
	d.heading(tr.L("Who receives it"))
	d.bullets(in.Recipients)
	d.heading(tr.L("How long it is kept"))
	var keep []string
	for _, r := range in.Retention {
		item := r.What
		if !r.Until.IsZero() {
			item += ": " + locale.Date(code, r.Until)
		}
		keep = append(keep, item)
	}
	d.bullets(keep)
	d.heading(tr.L("Automated decisions"))
	d.text(10, "", in.AutomatedDecisions)
	d.heading(tr.L("Your rights"))
	d.bullets(in.Rights)
	d.text(10, "", tr.L("To use them, contact the salon: {{.Contact}}.", map[string]any{"Contact": firstOf(s.Salon.PrivacyContact, s.Salon.Address, s.Salon.Name)}))
	d.heading(tr.L("Where to complain"))
	d.text(10, "", in.Authority.Name+"\n"+in.Authority.Address+"\n"+in.Authority.Web)
	d.heading(tr.L("Where the data comes from"))
	d.text(10, "", in.Source)
}

// nonEmpty is values without the empty ones.
func nonEmpty(values ...string) []string {
	var out []string
	for _, v := range values {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

func languageName(code string, tr *words) string {
	switch code {
	case "en":
		return "English"
	case "pl":
		return "Polski"
	case "de":
		return "Deutsch"
	case "da":
		return "Dansk"
	default:
		return tr.L("Not set")
	}
}

func statusName(status string, tr *words) string {
	switch status {
	case store.StatusBooked:
		return tr.L("Booked")
	case store.StatusCompleted:
		return tr.L("Completed")
	case store.StatusCancelled:
		return tr.L("Cancelled")
	case store.StatusNoShow:
		return tr.L("No-show")
	}
	return status
}

func methodName(m string, tr *words) string {
	switch m {
	case "cash":
		return tr.L("Cash")
	case "card":
		return tr.L("Card")
	case "transfer":
		return tr.L("Bank transfer")
	}
	return m
}

func consentName(kind string, tr *words) string {
	switch kind {
	case store.ConsentMarketingEmail:
		return tr.L("Marketing email")
	case store.ConsentMarketingSMS:
		return tr.L("Marketing SMS")
	case store.ConsentHealth:
		return tr.L("Health data processing")
	}
	return kind
}

func channelName(ch string, tr *words) string {
	switch ch {
	case "in_person":
		return tr.L("In person")
	case "phone":
		return tr.L("By phone")
	case "paper":
		return tr.L("On paper")
	case "email":
		return tr.L("By email")
	}
	return ch
}

// actionName says in words what an audit event about a client records.
func actionName(action string, tr *words) string {
	switch action {
	case "client.create":
		return tr.L("Card created")
	case "client.update":
		return tr.L("Details changed")
	case "client.restrict":
		return tr.L("Processing restricted")
	case "client.unrestrict":
		return tr.L("Restriction lifted")
	case "client.export":
		return tr.L("Data exported")
	case "client.import":
		return tr.L("Card imported")
	case "consent.give":
		return tr.L("Consent given")
	case "consent.withdraw":
		return tr.L("Consent withdrawn")
	case "booking.create":
		return tr.L("Booking made")
	case "booking.update":
		return tr.L("Booking changed")
	case "booking.checkout":
		return tr.L("Visit paid")
	case "booking.cancel_upcoming":
		return tr.L("Upcoming bookings cancelled")
	case "payment.create":
		return tr.L("Payment recorded")
	case "invoice.create":
		return tr.L("Invoice issued")
	}
	return action
}
