package ui

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"kartoteka/store"
)

// auditKinds are the kinds of event the audit log can be narrowed to, in
// the order the filter offers them: the part of each action before its dot.
var auditKinds = []string{"client", "consent", "booking", "payment", "invoice", "request", "retention", "staff",
	"service", "salon", "passphrase", "recovery_key", "restore", "demo", "mailing_list", "client_list"}

// auditKindName names a kind of event in the language in use.
func auditKindName(kind string) string {
	switch kind {
	case "client":
		return lang.L("Client cards")
	case "consent":
		return lang.L("Consents")
	case "booking":
		return lang.L("Bookings")
	case "payment":
		return lang.L("Payments")
	case "invoice":
		return lang.L("Invoices")
	case "request":
		return lang.L("Privacy requests")
	case "retention":
		return lang.L("Retention")
	case "staff":
		return lang.L("Staff")
	case "service":
		return lang.L("Services")
	case "salon":
		return lang.L("Salon details")
	case "passphrase":
		return lang.L("Passphrase")
	case "recovery_key":
		return lang.L("Recovery key")
	case "restore":
		return lang.L("Backup restores")
	case "demo":
		return lang.L("Demo data")
	case "mailing_list":
		return lang.L("Mailing lists")
	case "client_list":
		return lang.L("Client lists")
	}
	return kind
}

// auditSentence says in words what an audit event records; ok is false for
// an action it does not know, which is then shown as the store wrote it.
func auditSentence(e store.AuditEvent) (text string, ok bool) {
	switch e.Action {
	case "client.create":
		return lang.L("Client card created"), true
	case "client.update":
		return lang.L("Client card changed"), true
	case "client.import":
		return lang.L("Client cards imported"), true
	case "client.restrict":
		return lang.L("Processing restricted"), true
	case "client.unrestrict":
		return lang.L("Restriction lifted"), true
	case "client.retention_hold":
		return lang.L("Kept out of retention"), true
	case "client.retention_release":
		return lang.L("Retention applies again"), true
	case "client.forget":
		return lang.L("Client forgotten"), true
	case "client.forget_many":
		return lang.L("Inactive clients forgotten together"), true
	case "client.merge":
		return lang.L("Two cards of one person merged"), true
	case "mailing_list.export":
		return lang.L("Mailing list written"), true
	case "client_list.export":
		return lang.L("Client list written"), true
	case "client.erasure_verified":
		return lang.L("Erasure checked in the salon file"), true
	case "client.export":
		return lang.L("Data exported"), true
	case "consent.give":
		return lang.L("Consent given"), true
	case "consent.withdraw":
		return lang.L("Consent withdrawn"), true
	case "booking.create":
		return lang.L("Booking made"), true
	case "booking.update":
		return lang.L("Booking changed"), true
	case "booking.cancel":
		return lang.L("Booking cancelled"), true
	case "booking.checkout":
		return lang.L("Visit paid"), true
	case "booking.cancel_upcoming":
		return lang.L("Upcoming bookings cancelled"), true
	case "payment.create":
		return lang.L("Payment recorded"), true
	case "invoice.create":
		return lang.L("Invoice issued"), true
	case "request.create":
		return lang.L("Privacy request recorded"), true
	case "request.extend":
		return lang.L("Request extended"), true
	case "request.status":
		return lang.L("Request status changed"), true
	case "request.close":
		return lang.L("Request closed"), true
	case "request.purge":
		return lang.L("Old closed requests deleted"), true
	case "retention.set":
		return lang.L("Retention policy changed"), true
	case "retention.run":
		return lang.L("Retention ran"), true
	case "retention.clients":
		return lang.L("Clients forgotten by retention"), true
	case "retention.bookings":
		return lang.L("Old bookings removed by retention"), true
	case "retention.invoices":
		return lang.L("Buyer data removed from old invoices"), true
	case "salon.create":
		return lang.L("Salon created"), true
	case "salon.update":
		return lang.L("Salon details changed"), true
	case "service.create":
		return lang.L("Service added"), true
	case "service.update":
		return lang.L("Service changed"), true
	case "staff.create":
		return lang.L("Staff member added"), true
	case "staff.update":
		return lang.L("Staff member changed"), true
	case "staff.pin":
		if e.Details["cleared"] > 0 {
			return lang.L("PIN removed"), true
		}
		if e.Details["passphrase"] > 0 {
			return lang.L("PIN set with the passphrase"), true
		}
		return lang.L("PIN set"), true
	case "staff.permissions":
		return lang.L("Permissions changed"), true
	case "staff.sign_in":
		return lang.L("Signed in with PIN"), true
	case "staff.pins_forgiven":
		return lang.L("Wrong PINs reset by the passphrase"), true
	case "staff.pin_wrong":
		n := max(e.Details["in_a_row"], 1)
		return lang.N("PIN entered wrongly ({{.Count}} in a row)", n, map[string]any{"Count": n}), true
	case "passphrase.change":
		return lang.L("Passphrase changed"), true
	case "passphrase.strengthen":
		return lang.L("Passphrase protection strengthened"), true
	case "recovery_key.regenerate":
		return lang.L("New recovery key made"), true
	case "restore.forget_again":
		return lang.L("Forgotten again after a restore"), true
	case "demo.generate":
		return lang.L("Demo data generated"), true
	}
	return e.Action, false
}

// auditActorName names who did something: a staff member by name and
// number (the salon's own staff, whom the owner must be able to tell
// apart), or the part of the app that acted. staff maps staff numbers to
// names.
func auditActorName(a store.Actor, staff map[int64]string) string {
	switch a {
	case "retention":
		return lang.L("Retention (automatic)")
	case "system":
		return lang.L("System")
	case "cli":
		return lang.L("Command line")
	case "restore":
		return lang.L("Backup restore")
	case "owner":
		return lang.L("Owner")
	}
	if id, ok := staffNumber(a); ok {
		return staffLabel(id, staff)
	}
	return string(a)
}

// staffNumber is the staff number of a staff actor ("staff:3").
func staffNumber(a store.Actor) (int64, bool) {
	s, ok := strings.CutPrefix(string(a), "staff:")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

// staffLabel names staff member id with their number: "Anna Nowak (no. 3)".
func staffLabel(id int64, staff map[int64]string) string {
	if name := staff[id]; name != "" {
		return lang.L("{{.Name}} (no. {{.Number}})", map[string]any{"Name": name, "Number": itoa(id)})
	}
	return lang.L("Staff member no. {{.Number}}", map[string]any{"Number": itoa(id)})
}

// auditSubject names what an event is about, by its number: a client, a
// booking, a request… Clients are named by number only, never by name.
func auditSubject(e store.AuditEvent, staff map[int64]string) string {
	if e.SubjectID == 0 {
		return ""
	}
	n := map[string]any{"Number": itoa(e.SubjectID)}
	kind, _, _ := strings.Cut(e.Action, ".")
	switch {
	case kind == "client", kind == "consent", e.Action == "booking.cancel_upcoming":
		return lang.L("Client no. {{.Number}}", n)
	case kind == "booking":
		return lang.L("Booking no. {{.Number}}", n)
	case kind == "payment":
		return lang.L("Payment no. {{.Number}}", n)
	case kind == "invoice":
		return lang.L("Invoice ID {{.Number}}", n)
	case kind == "request":
		return lang.L("Request no. {{.Number}}", n)
	case kind == "service":
		return lang.L("Service no. {{.Number}}", n)
	case kind == "staff":
		return staffLabel(e.SubjectID, staff)
	}
	return lang.L("No. {{.Number}}", n)
}

// auditDetailKeys are the counts events carry, in the order they are told.
var auditDetailKeys = []string{"client", "clients", "clients_forgotten", "staff", "services", "bookings", "removed",
	"bookings_removed", "detached", "bookings_anonymized", "payments", "invoices", "invoices_purged", "consents",
	"restrictions", "requests", "booking_notes", "payment_notes", "bookings_kept", "payments_kept", "invoices_kept",
	"requests_kept", "restriction_history", "drafts", "pdf", "json", "pages", "traces_found", "days", "months",
	"statutory_years", "permissions"}

// auditDetails tells an event's counts ("Bookings: 12 · Payments: 3") and
// the ground of GDPR Art. 18(2) it was done on, if any. Counts of nothing
// are left out, but for the traces an erasure check found.
func auditDetails(e store.AuditEvent, code string) string {
	var parts []string
	keys := slices.Clone(auditDetailKeys)
	for _, k := range slices.Sorted(maps.Keys(e.Details)) {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		n, ok := e.Details[k]
		if !ok || (n == 0 && k != "traces_found") {
			continue
		}
		if k == "client" {
			parts = append(parts, lang.L("Client no. {{.Number}}", map[string]any{"Number": strconv.Itoa(n)}))
			continue
		}
		label, ok := auditDetailLabel(e.Action, k)
		if !ok {
			continue
		}
		parts = append(parts, label+": "+formatCount(code, n))
	}
	if e.Basis != "" {
		parts = append(parts, lang.L("Ground (GDPR Art. 18(2)): {{.Ground}}", map[string]any{"Ground": basisName(e.Basis)}))
	}
	return strings.Join(parts, " · ")
}

// auditDetailLabel names one count of an event; ok is false for the counts
// its sentence says already.
func auditDetailLabel(action, key string) (label string, ok bool) {
	switch key {
	case "cleared", "in_a_row", "passphrase":
		return "", false
	case "clients":
		return lang.L("Clients"), true
	case "clients_forgotten":
		return lang.L("Clients forgotten"), true
	case "staff":
		return lang.L("Staff"), true
	case "services":
		return lang.L("Services"), true
	case "bookings":
		return lang.L("Bookings"), true
	case "removed", "bookings_removed":
		return lang.L("Bookings removed"), true
	case "detached", "bookings_anonymized":
		return lang.L("Bookings moved to the accounts card"), true
	case "payments":
		return lang.L("Payments"), true
	case "invoices":
		if action == "retention.invoices" {
			return lang.L("Invoices cleared of buyer data"), true
		}
		return lang.L("Invoices"), true
	case "invoices_purged":
		return lang.L("Invoices cleared of buyer data"), true
	case "consents":
		if action == "client.forget" {
			return lang.L("Consents deleted"), true
		}
		return lang.L("Consents"), true
	case "restrictions":
		return lang.L("Restrictions"), true
	case "requests":
		return lang.L("Requests"), true
	case "booking_notes":
		return lang.L("Booking notes cleared"), true
	case "payment_notes":
		return lang.L("Payment notes cleared"), true
	case "bookings_kept":
		return lang.L("Bookings kept for the accounts"), true
	case "payments_kept":
		return lang.L("Payments kept for the accounts"), true
	case "invoices_kept":
		return lang.L("Invoices kept for the accounts"), true
	case "requests_kept":
		return lang.L("Requests kept"), true
	case "restriction_history":
		return lang.L("Restriction history deleted"), true
	case "drafts":
		return lang.L("Unsaved forms deleted"), true
	case "pdf":
		return lang.L("PDF files"), true
	case "json":
		return lang.L("JSON files"), true
	case "pages":
		return lang.L("Pages searched"), true
	case "traces_found":
		return lang.L("Traces found"), true
	case "days":
		return lang.L("Days"), true
	case "months":
		if action == "request.extend" {
			return lang.L("Months added"), true
		}
		return lang.L("Months"), true
	case "statutory_years":
		return lang.L("Years invoices are kept"), true
	case "permissions":
		return lang.L("Permissions"), true
	}
	return key, true
}
