package ui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kartoteka/privacy"
	"kartoteka/store"
)

// requestKindName is a kind of privacy request in the language in use,
// with its article of the GDPR.
func requestKindName(kind string) string {
	switch kind {
	case store.RequestAccess:
		return lang.L("Access (GDPR Art. 15)")
	case store.RequestRectification:
		return lang.L("Rectification (GDPR Art. 16)")
	case store.RequestErasure:
		return lang.L("Erasure (GDPR Art. 17)")
	case store.RequestRestriction:
		return lang.L("Restriction of processing (GDPR Art. 18)")
	case store.RequestPortability:
		return lang.L("Data portability (GDPR Art. 20)")
	case store.RequestObjection:
		return lang.L("Objection (GDPR Art. 21)")
	case store.RequestConsentWithdrawal:
		return lang.L("Consent withdrawn (GDPR Art. 7(3))")
	}
	return kind
}

// requestKindShort is a kind of request as the list names it, in a few
// words with its article.
func requestKindShort(kind string) string {
	switch kind {
	case store.RequestAccess:
		return lang.L("Access, Art. 15")
	case store.RequestRectification:
		return lang.L("Rectification, Art. 16")
	case store.RequestErasure:
		return lang.L("Erasure, Art. 17")
	case store.RequestRestriction:
		return lang.L("Restriction, Art. 18")
	case store.RequestPortability:
		return lang.L("Portability, Art. 20")
	case store.RequestObjection:
		return lang.L("Objection, Art. 21")
	case store.RequestConsentWithdrawal:
		return lang.L("Consent withdrawn, Art. 7")
	}
	return kind
}

// requestStatusName is a request's status in the language in use.
func requestStatusName(status string) string {
	switch status {
	case store.RequestOpen:
		return lang.L("Being handled")
	case store.RequestWaitingIdentity:
		return lang.L("Waiting for proof of identity")
	case store.RequestExtended:
		return lang.L("Deadline extended")
	case store.RequestDone:
		return lang.L("Answered")
	case store.RequestRefused:
		return lang.L("Refused")
	case store.RequestWithdrawn:
		return lang.L("Withdrawn by the person")
	}
	return status
}

// identityCheckName says how the salon made sure who was asking.
func identityCheckName(check string) string {
	switch check {
	case "":
		return lang.L("Not checked yet")
	case "known_client":
		return lang.L("A client the salon knows in person")
	case "id_document":
		return lang.L("An identity document was shown")
	case "contact_on_file":
		return lang.L("Confirmed through the contact on the card")
	case "not_needed":
		return lang.L("Not needed")
	case "other":
		return lang.L("Another way")
	}
	return check
}

// requestChannelName is how a request reached the salon.
func requestChannelName(ch string) string {
	switch ch {
	case "letter":
		return lang.L("By letter")
	case "other":
		return lang.L("Another way")
	}
	return channelName(ch)
}

// dueImportance colours a request's due day: danger when overdue, warning
// when due within a week.
func dueImportance(r store.PrivacyRequest, now time.Time) widget.Importance {
	switch {
	case privacy.RequestOverdue(r, now):
		return widget.DangerImportance
	case privacy.RequestDueSoon(r, now):
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// dueCell is a request's due day for a list: the day, and beneath it a
// word in the same colour when it is overdue or near.
func dueCell(r store.PrivacyRequest, now time.Time, code string) fyne.CanvasObject {
	label := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		l.Importance = dueImportance(r, now)
		l.TextStyle.Bold = l.Importance != widget.MediumImportance
		return l
	}
	day := label(formatDate(code, r.DueBy()))
	switch {
	case privacy.RequestOverdue(r, now):
		return container.New(layout.NewCustomPaddedVBoxLayout(0), day, label(lang.L("overdue")))
	case privacy.RequestDueSoon(r, now):
		return container.New(layout.NewCustomPaddedVBoxLayout(0), day, label(lang.L("within a week")))
	}
	return day
}

// extensionRefusal says why request r can no longer be extended, as
// privacy.ExtensionMonthsLeft found (rule), beside the Extend… it turns off.
func extensionRefusal(rule error, r store.PrivacyRequest, code string) string {
	if errors.Is(rule, privacy.ErrExtensionLate) {
		return lang.L("The time to answer can no longer be extended: that must be decided, and the person told, within the first month, which ended on {{.Date}} (GDPR Art. 12(3)). Answer as soon as possible.",
			map[string]any{"Date": formatDate(code, r.Due)})
	}
	return requestRuleMessage(rule, r, code)
}

// requestRuleMessage says in the language in use why a rule of the request
// log refused a change to r, and the way out; other errors as errorMessage
// says them.
func requestRuleMessage(err error, r store.PrivacyRequest, code string) string {
	switch {
	case errors.Is(err, privacy.ErrExtensionTooLong) && r.ExtensionMonths >= privacy.MaxExtensionMonths:
		return lang.L("An answer may be delayed by at most two further months in all (GDPR Art. 12(3)), and this request has had them: the answer is due by {{.Date}}.",
			map[string]any{"Date": formatDate(code, r.DueBy())})
	case errors.Is(err, privacy.ErrExtensionTooLong):
		return lang.L("An answer may be delayed by at most two further months in all (GDPR Art. 12(3)): this request may be extended by one more month at most.")
	case errors.Is(err, privacy.ErrExtensionLate):
		return lang.L("An extension must be decided, and the person told, within the first month, by {{.Date}} (GDPR Art. 12(3)); the day they were told lies between the day received and today. If that day has passed, answer as soon as possible.",
			map[string]any{"Date": formatDate(code, r.Due)})
	case errors.Is(err, privacy.ErrExtensionReason):
		return lang.L("Give the reasons for the extension: the person must be told them (GDPR Art. 12(3)).")
	case errors.Is(err, privacy.ErrRefusalReason):
		return lang.L("Give the reasons for the refusal: the person must be told them, with their right to complain (GDPR Art. 12(4)).")
	case errors.Is(err, privacy.ErrRequestClosed):
		return lang.L("The request is closed and cannot be changed. Record a new request if the person asks again.")
	case errors.Is(err, privacy.ErrRequestTransition):
		return lang.L("The request cannot move to that status now.")
	case errors.Is(err, privacy.ErrClientForgotten):
		return lang.L("This client's data was erased. Record the request for someone who is not a client, with the name and contact the person gave.")
	}
	return errorMessage(err)
}
