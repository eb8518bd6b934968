package privacy

import (
	"encoding/json"
	"io"
	"time"

	"kartoteka/store"
)

// JSONFormat and JSONVersion name the portable export (GDPR Art. 20); its
// JSON Schema is assets.PersonalDataSchema.
const (
	JSONFormat  = "kartoteka.personal-data"
	JSONVersion = 1
)

// The JSON export: stable English snake_case names, ISO 8601 times with
// their offset, amounts as decimal strings with their currency.
type (
	jsonExport struct {
		Format      string          `json:"format"`
		Version     int             `json:"version"`
		GeneratedAt string          `json:"generated_at"`
		Language    string          `json:"language"`
		Controller  jsonController  `json:"controller"`
		Subject     jsonSubject     `json:"subject"`
		Restriction jsonRestriction `json:"restriction"`
		Consents    []jsonConsent   `json:"consents"`
		Bookings    []jsonBooking   `json:"bookings"`
		Payments    []jsonPayment   `json:"payments"`
		Invoices    []jsonInvoice   `json:"invoices"`
		Requests    []jsonRequest   `json:"privacy_requests"`
		Events      []jsonEvent     `json:"audit_events"`
		Information jsonInformation `json:"information"`
	}
	jsonController struct {
		Name           string `json:"name"`
		Address        string `json:"address"`
		TaxID          string `json:"tax_id"`
		Country        string `json:"country"`
		PrivacyContact string `json:"privacy_contact"`
		Land           string `json:"land"`
	}
	jsonSubject struct {
		ClientNumber      int64  `json:"client_number"`
		FirstName         string `json:"first_name"`
		LastName          string `json:"last_name"`
		Phone             string `json:"phone"`
		Email             string `json:"email"`
		BirthDate         string `json:"birth_date"`
		Address           string `json:"address"`
		PreferredLanguage string `json:"preferred_language"`
		Notes             string `json:"notes"`
		HealthNotes       string `json:"health_notes"`
		CardCreatedAt     string `json:"card_created_at"`
	}
	jsonRestriction struct {
		Restricted bool    `json:"restricted"`
		Reason     string  `json:"reason"`
		Since      *string `json:"since"`
	}
	jsonConsent struct {
		Kind        string `json:"kind"`
		Given       bool   `json:"given"`
		At          string `json:"at"`
		Channel     string `json:"channel"`
		TextVersion string `json:"text_version"`
	}
	jsonMoney struct {
		Amount   string `json:"amount"`
		Currency string `json:"currency"`
	}
	jsonBooking struct {
		ID      int64     `json:"id"`
		Start   string    `json:"start"`
		End     string    `json:"end"`
		Status  string    `json:"status"`
		Service string    `json:"service"`
		Staff   string    `json:"staff"`
		Price   jsonMoney `json:"price"`
		Notes   string    `json:"notes"`
	}
	jsonPayment struct {
		ID        int64     `json:"id"`
		BookingID *int64    `json:"booking_id"`
		Amount    jsonMoney `json:"amount"`
		Method    string    `json:"method"`
		At        string    `json:"at"`
		Notes     string    `json:"notes"`
	}
	jsonInvoice struct {
		ID           int64      `json:"id"`
		Number       string     `json:"number"`
		IssuedAt     string     `json:"issued_at"`
		BuyerName    string     `json:"buyer_name"`
		BuyerAddress string     `json:"buyer_address"`
		BuyerTaxID   string     `json:"buyer_tax_id"`
		Total        jsonMoney  `json:"total"`
		Lines        []jsonLine `json:"lines"`
		KeptUntil    string     `json:"kept_unchanged_until"`
	}
	jsonLine struct {
		Description string    `json:"description"`
		Quantity    int64     `json:"quantity"`
		UnitPrice   jsonMoney `json:"unit_price"`
		Total       jsonMoney `json:"total"`
	}
	jsonRequest struct {
		ID              int64   `json:"id"`
		Kind            string  `json:"kind"`
		ReceivedOn      string  `json:"received_on"`
		Channel         string  `json:"channel"`
		IdentityCheck   string  `json:"identity_check"`
		DueOn           string  `json:"due_on"`
		ExtendedTo      *string `json:"extended_to"`
		ExtensionReason string  `json:"extension_reason"`
		ExtensionTold   *string `json:"extension_told_on"`
		SecondTold      *string `json:"second_extension_told_on"`
		Status          string  `json:"status"`
		Outcome         *string `json:"outcome"`
		Note            string  `json:"note"`
		RefusalReason   string  `json:"refusal_reason"`
		ClosedOn        *string `json:"closed_on"`
	}
	jsonEvent struct {
		At     string `json:"at"`
		Action string `json:"action"`
	}
	jsonInformation struct {
		Categories []jsonCategory  `json:"categories"`
		Purposes   []jsonPurpose   `json:"purposes"`
		Recipients []string        `json:"recipients"`
		Retention  []jsonRetention `json:"retention"`
		Rights     []string        `json:"rights"`
		Authority  jsonAuthority   `json:"supervisory_authority"`
		Source     string          `json:"source"`
		Automated  jsonAutomated   `json:"automated_decisions"`
	}
	jsonCategory struct {
		Code    string `json:"code"`
		Name    string `json:"name"`
		Special bool   `json:"special_category"`
	}
	jsonAutomated struct {
		Used      bool   `json:"used"`
		Statement string `json:"statement"`
	}
	jsonPurpose struct {
		Purpose    string `json:"purpose"`
		LegalBasis string `json:"legal_basis"`
	}
	jsonRetention struct {
		What  string  `json:"what"`
		Until *string `json:"until"`
	}
	jsonAuthority struct {
		Name    string `json:"name"`
		Address string `json:"address"`
		Web     string `json:"web"`
	}
)

func isoTime(t time.Time) string { return t.Local().Format(time.RFC3339) }

func isoDay(t time.Time) string { return t.Format(time.DateOnly) }

// dayOrNull is isoDay of t's local day, or null for the zero time.
func dayOrNull(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	d := isoDay(t.Local())
	return &d
}

func money(minor int64, currency string) jsonMoney {
	return jsonMoney{Amount: store.FormatAmount(minor), Currency: currency}
}

// WriteJSON writes the portable export of s in language code.
func (s *Subject) WriteJSON(w io.Writer, code string) error {
	c, sal := s.Client, s.Salon
	out := jsonExport{
		Format: JSONFormat, Version: JSONVersion, GeneratedAt: isoTime(s.GeneratedAt), Language: wordsFor(code).code,
		Controller: jsonController{sal.Name, sal.Address, sal.TaxID, sal.Country, sal.PrivacyContact, sal.Land},
		Subject: jsonSubject{c.ID, c.FirstName, c.LastName, c.Phone, c.Email, c.BirthDate, c.Address, c.Language,
			c.Notes, c.HealthNotes, isoTime(c.CreatedAt)},
		Restriction: jsonRestriction{Restricted: c.Restricted, Reason: c.RestrictionReason},
		Consents:    []jsonConsent{},
		Bookings:    []jsonBooking{},
		Payments:    []jsonPayment{},
		Invoices:    []jsonInvoice{},
		Requests:    []jsonRequest{},
		Events:      []jsonEvent{},
	}
	if c.Restricted && !c.RestrictedAt.IsZero() {
		since := isoTime(c.RestrictedAt)
		out.Restriction.Since = &since
	}
	for _, k := range s.Consents {
		out.Consents = append(out.Consents, jsonConsent{k.Kind, k.Given, isoTime(k.At), k.Channel, k.TextVersion})
	}
	for _, b := range s.Bookings {
		out.Bookings = append(out.Bookings, jsonBooking{b.ID, isoTime(b.Start), isoTime(b.End), b.Status, b.Service, b.Staff,
			money(b.Price.Minor, b.Price.Currency), b.Notes})
	}
	for _, p := range s.Payments {
		jp := jsonPayment{ID: p.ID, Amount: money(p.Amount.Minor, p.Amount.Currency), Method: p.Method, At: isoTime(p.At), Notes: p.Notes}
		if p.BookingID != 0 {
			id := p.BookingID
			jp.BookingID = &id
		}
		out.Payments = append(out.Payments, jp)
	}
	for _, inv := range s.Invoices {
		ji := jsonInvoice{ID: inv.ID, Number: inv.Number, IssuedAt: isoTime(inv.IssuedAt), BuyerName: inv.BuyerName,
			BuyerAddress: inv.BuyerAddr, BuyerTaxID: inv.BuyerTaxID, Total: money(inv.Total.Minor, inv.Total.Currency),
			Lines: []jsonLine{}, KeptUntil: isoDay(inv.KeepUntil.AddDate(0, 0, -1))}
		for _, l := range inv.Lines {
			ji.Lines = append(ji.Lines, jsonLine{l.Description, l.Quantity, money(l.UnitPrice, inv.Total.Currency), money(l.Total, inv.Total.Currency)})
		}
		out.Invoices = append(out.Invoices, ji)
	}
	for _, r := range s.Requests {
		jr := jsonRequest{ID: r.ID, Kind: r.Kind, ReceivedOn: isoDay(r.Received), Channel: r.Channel, IdentityCheck: r.IdentityCheck,
			DueOn: isoDay(r.Due), ExtendedTo: dayOrNull(r.ExtendedTo), ExtensionReason: r.ExtensionReason,
			ExtensionTold: dayOrNull(r.ExtensionTold), SecondTold: dayOrNull(r.SecondExtensionTold), Status: r.Status, Note: r.Note, RefusalReason: r.RefusalReason,
			ClosedOn: dayOrNull(r.Closed)}
		if r.Outcome != "" {
			outcome := r.Outcome
			jr.Outcome = &outcome
		}
		out.Requests = append(out.Requests, jr)
	}
	for _, e := range s.Events {
		out.Events = append(out.Events, jsonEvent{isoTime(e.At), e.Action})
	}
	info := s.Information(code)
	out.Information = jsonInformation{Recipients: info.Recipients, Rights: info.Rights, Source: info.Source,
		Authority: jsonAuthority{info.Authority.Name, info.Authority.Address, info.Authority.Web},
		Automated: jsonAutomated{Used: false, Statement: info.AutomatedDecisions}}
	for _, c := range info.Categories {
		out.Information.Categories = append(out.Information.Categories, jsonCategory{c.Code, c.Name, c.Special})
	}
	for _, p := range info.Purposes {
		out.Information.Purposes = append(out.Information.Purposes, jsonPurpose{p.Purpose, p.LegalBasis})
	}
	for _, r := range info.Retention {
		jr := jsonRetention{What: r.What}
		if !r.Until.IsZero() {
			d := isoDay(r.Until)
			jr.Until = &d
		}
		out.Information.Retention = append(out.Information.Retention, jr)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
