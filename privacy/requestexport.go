package privacy

import (
	"kartoteka/locale"
	"kartoteka/store"
)

// requests prints the client's privacy requests: what they asked, when,
// when the answer was due, and how it ended; a refusal with the right to
// complain.
func (s *Subject) requests(d *doc, code string) {
	tr := d.tr
	d.heading(tr.L("Privacy requests"))
	if len(s.Requests) == 0 {
		d.text(10, "", tr.L("None recorded."))
		return
	}
	d.text(10, "", tr.L("Your requests under the GDPR, when the answer is due and how the salon answered."))
	var rows [][]string
	for _, r := range s.Requests {
		due := locale.Date(code, r.Due)
		if !r.ExtendedTo.IsZero() {
			due = tr.L("{{.Date}}, extended from {{.Original}}: {{.Reason}}",
				map[string]any{"Date": locale.Date(code, r.ExtendedTo), "Original": due, "Reason": r.ExtensionReason})
		}
		rows = append(rows, []string{requestKindName(r.Kind, tr), locale.Date(code, r.Received), due,
			requestStatusName(r.Status, tr), requestOutcome(r, s.Salon, code)})
	}
	d.table([]float64{38, 24, 34, 28, 54}, []string{tr.L("Request"), tr.L("Received"), tr.L("Answer due"), tr.L("Status"), tr.L("Outcome")}, rows)
}

// requestOutcome says how a request ended, in language code: empty while
// it is open.
func requestOutcome(r store.PrivacyRequest, salon store.Salon, code string) string {
	tr := wordsFor(code)
	closed := map[string]any{"Date": locale.Date(tr.code, r.Closed)}
	switch r.Outcome {
	case store.RequestDone:
		out := tr.L("Answered on {{.Date}}", closed)
		if r.Note != "" {
			out += "\n" + r.Note
		}
		return out
	case store.RequestWithdrawn:
		return tr.L("Withdrawn on {{.Date}}", closed)
	case store.RequestRefused:
		return SalonRefusalNotice(r, salon, code)
	}
	return ""
}

// RefusalNotice is what the person is told of a refused request, in
// language code: the day, the reasons, and their right to complain to the
// supervisory authority of the salon's country and to go to court (GDPR
// Art. 12(4)). In Germany it names no Land's authority: see
// [SalonRefusalNotice].
func RefusalNotice(r store.PrivacyRequest, country, code string) string {
	return SalonRefusalNotice(r, store.Salon{Country: country}, code)
}

// SalonRefusalNotice is [RefusalNotice] naming the authority of salon: in
// Germany, that of its Land when set.
func SalonRefusalNotice(r store.PrivacyRequest, salon store.Salon, code string) string {
	tr := wordsFor(code)
	// The authority closes the notice, in a sentence of its own: a name
	// often carries its abbreviation in brackets ("… (UODO)"), and brackets
	// around it would double them.
	return tr.L("Refused on {{.Date}}: {{.Reason}}. You may lodge a complaint with the supervisory authority and seek a judicial remedy (GDPR Art. 12(4), 77 and 79). The supervisory authority: {{.Authority}}.",
		map[string]any{"Date": locale.Date(tr.code, r.Closed), "Reason": r.RefusalReason, "Authority": authority(salon, tr).Name})
}

func requestKindName(kind string, tr *words) string {
	switch kind {
	case store.RequestAccess:
		return tr.L("Access to your data (Art. 15)")
	case store.RequestRectification:
		return tr.L("Rectification (Art. 16)")
	case store.RequestErasure:
		return tr.L("Erasure (Art. 17)")
	case store.RequestRestriction:
		return tr.L("Restriction of processing (Art. 18)")
	case store.RequestPortability:
		return tr.L("Data portability (Art. 20)")
	case store.RequestObjection:
		return tr.L("Objection (Art. 21)")
	case store.RequestConsentWithdrawal:
		return tr.L("Withdrawal of consent (Art. 7(3))")
	}
	return kind
}

func requestStatusName(status string, tr *words) string {
	switch status {
	case store.RequestOpen:
		return tr.L("Being handled")
	case store.RequestWaitingIdentity:
		return tr.L("Waiting for proof of identity")
	case store.RequestExtended:
		return tr.L("Deadline extended")
	case store.RequestDone:
		return tr.L("Answered")
	case store.RequestRefused:
		return tr.L("Refused")
	case store.RequestWithdrawn:
		return tr.L("Withdrawn by you")
	}
	return status
}
