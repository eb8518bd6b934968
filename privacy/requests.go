package privacy

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"kartoteka/store"
)

// RequestKeepYears is how long a closed privacy request stays in the log
// before [PurgeRequests] deletes it: three years after closing. The record
// is the salon's evidence that it answered (GDPR Art. 5(2), accountability,
// and Art. 12(3)–(4)), needed as long as a complaint or a claim about the
// answer can still come; three years is the general limitation period for
// claims in Poland and Germany (Kodeks cywilny art. 118, BGB § 195) and
// Denmark (forældelsesloven § 3). After that the record would only be
// personal data kept without a purpose (Art. 5(1)(e)).
const RequestKeepYears = 3

// RequestDueSoonDays is how close a due date must be for a request to be
// flagged as due soon.
const RequestDueSoonDays = 7

// MaxExtensionMonths is how many months may be added to the first one in
// total (Art. 12(3): "extended by two further months where necessary").
const MaxExtensionMonths = 2

// Rules of the request log. Each comes wrapped in a [*RuleError] that
// names the way out; kartoteka-cli exits 4 on them.
var (
	ErrExtensionTooLong  = errors.New("an answer may be delayed by at most two further months in total (GDPR Art. 12(3))")
	ErrExtensionLate     = errors.New("an extension must be decided, and the person told, within the first month, by the original due date (GDPR Art. 12(3))")
	ErrExtensionReason   = errors.New("an extension needs its reasons, which the person must be told (GDPR Art. 12(3))")
	ErrRefusalReason     = errors.New("a refusal needs its reasons, which the person must be told with their right to complain (GDPR Art. 12(4))")
	ErrRequestTransition = errors.New("the request cannot move to that status")
	ErrClientForgotten   = errors.New("this client's data was erased: a new request cannot be put on their anonymous card")
	ErrRequestClosed     = store.ErrRequestClosed
)

// RuleError says which rule of the request log refused a change and how to
// proceed.
type RuleError struct {
	Rule   error
	WayOut string
}

func (e *RuleError) Error() string { return e.Rule.Error() + ": " + e.WayOut }
func (e *RuleError) Unwrap() error { return e.Rule }

func ruleErr(rule error, wayOut string, args ...any) error {
	return &RuleError{Rule: rule, WayOut: fmt.Sprintf(wayOut, args...)}
}

// RequestDue is the day the answer to a request received on received is due:
// one month later (Art. 12(3)), counted as Regulation 1182/71 Art. 3(2)(c)
// counts months: the same day number in the next month, or that month's
// last day when it is shorter (31 January → 28 or 29 February, 31 March →
// 30 April). Days are calendar days in local time; the result is its
// midnight.
func RequestDue(received time.Time) time.Time { return monthsAfter(received, 1) }

// ExtendedDue is the day the answer to r would be due once extended by
// months more, as [ExtendRequest] counts it: from the day received.
func ExtendedDue(r store.PrivacyRequest, months int) time.Time {
	return monthsAfter(r.Received, 1+r.ExtensionMonths+months)
}

// monthsAfter is the day n months after t by the same rule.
func monthsAfter(t time.Time, n int) time.Time {
	y, m, d := t.Local().Date()
	last := time.Date(y, m+time.Month(n)+1, 0, 0, 0, 0, 0, time.Local).Day()
	return time.Date(y, m+time.Month(n), min(d, last), 0, 0, 0, 0, time.Local)
}

// today is the calendar day of now, at local midnight.
func today(now time.Time) time.Time {
	y, m, d := now.Local().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.Local)
}

// AddRequest records a request received on in.Received with its due date,
// one month later ([RequestDue]); a day after now, or before 2000, is
// refused with [store.ErrDateOutOfRange] naming the range.
func AddRequest(ctx context.Context, db *store.DB, in store.RequestInput, now time.Time) (int64, error) {
	if in.Received.IsZero() {
		return 0, &store.FieldError{Field: "received", Err: store.ErrRequired}
	}
	if today(in.Received).After(today(now)) || in.Received.Year() < 2000 {
		return 0, &store.FieldError{Field: "received", Err: fmt.Errorf("%w: must lie between 2000-01-01 and today (%s)",
			store.ErrDateOutOfRange, today(now).Format(time.DateOnly))}
	}
	if in.ClientID != 0 {
		c, err := db.Client(ctx, in.ClientID)
		if err != nil {
			return 0, err
		}
		if c.Anonymized {
			return 0, ruleErr(ErrClientForgotten, "the salon no longer holds their data; record the request without a card, with the name and contact the person gave")
		}
	}
	in.Received = today(in.Received)
	in.Due = RequestDue(in.Received)
	return db.CreateRequest(ctx, in)
}

// ExtendRequest delays the answer to request id by months (1 or 2) more,
// for reason, the person told on told. Art. 12(3) allows two further
// months in all, decided and told within the first month: a closed
// request, a total over [MaxExtensionMonths], a missing reason, an
// extension after the original due date or told after it are refused with
// a [*RuleError]. The new due day is counted from the day received.
//
// The first extension records the day the person was told of it (zero
// told: today). A second one (one month, then one more) keeps that day, the
// earliest: it is when the person first learned that the answer would
// take longer. The day they were told of the second month is recorded
// beside it only when told is given; a zero told does not stand for
// today, so that an extension decided without one cannot overwrite, or
// invent, the day anyone was told. Either day must lie between the day
// received and today, and by the original due day.
func ExtendRequest(ctx context.Context, db *store.DB, id int64, months int, reason string, told, now time.Time) error {
	if months < 1 {
		return &store.FieldError{Field: "months", Err: store.ErrOutOfRange}
	}
	day := today(now)
	return closedRule(db.ExtendRequest(ctx, id, func(r store.PrivacyRequest) (store.RequestExtension, error) {
		total := r.ExtensionMonths + months
		var none store.RequestExtension
		switch {
		case total > MaxExtensionMonths:
			return none, ruleErr(ErrExtensionTooLong, "%s", extensionLeft(r))
		case day.After(r.Due):
			return none, ruleErr(ErrExtensionLate, "the first month ended on %s; answer as soon as possible", r.Due.Format(time.DateOnly))
		case strings.TrimSpace(reason) == "":
			return none, ruleErr(ErrExtensionReason, "give the reason")
		}
		ext := store.RequestExtension{Months: total, To: monthsAfter(r.Received, 1+total), Reason: reason}
		given := today(told)
		switch {
		case r.ExtensionMonths == 0 && told.IsZero():
			ext.Told = day
		case r.ExtensionMonths == 0:
			ext.Told = given
		default:
			ext.Told = r.ExtensionTold
			if !told.IsZero() {
				ext.SecondTold = given
			}
		}
		if !told.IsZero() {
			switch {
			case given.After(r.Due):
				return none, ruleErr(ErrExtensionLate, "the person must be told by %s", r.Due.Format(time.DateOnly))
			case given.After(day) || given.Before(r.Received):
				return none, ruleErr(ErrExtensionLate, "the day the person was told must lie between the day received (%s) and today (%s)",
					r.Received.Format(time.DateOnly), day.Format(time.DateOnly))
			}
		}
		if r.ExtensionReason != "" {
			ext.Reason = r.ExtensionReason + "; " + reason
		}
		return ext, nil
	}))
}

// extensionLeft says how much longer request r may still be extended, as
// the way out of [ErrExtensionTooLong].
func extensionLeft(r store.PrivacyRequest) string {
	due := r.DueBy().Format(time.DateOnly)
	switch left := MaxExtensionMonths - r.ExtensionMonths; left {
	case 0:
		return "this request has had both further months and cannot be extended again; the answer is due by " + due
	case 1:
		return "it may be extended by one more month at most (the answer is now due by " + due + ")"
	default:
		return fmt.Sprintf("it may be extended by %d more months at most (the answer is now due by %s)", left, due)
	}
}

// ExtensionMonthsLeft is by how many months request r may still be
// extended at now, as [ExtendRequest] counts: none once it is closed
// ([ErrRequestClosed]), once it has had [MaxExtensionMonths]
// ([ErrExtensionTooLong]) or once its first month is over
// ([ErrExtensionLate]), err then naming the rule; else what
// MaxExtensionMonths leaves. The screens offer no more than this.
func ExtensionMonthsLeft(r store.PrivacyRequest, now time.Time) (int, error) {
	switch {
	case r.IsClosed():
		return 0, ErrRequestClosed
	case r.ExtensionMonths >= MaxExtensionMonths:
		return 0, ErrExtensionTooLong
	case today(now).After(r.Due):
		return 0, ErrExtensionLate
	}
	return MaxExtensionMonths - r.ExtensionMonths, nil
}

// requestMoves are the status changes [SetRequestStatus] allows; closing
// is [CloseRequest] and extending [ExtendRequest].
var requestMoves = map[string][]string{
	store.RequestOpen:            {store.RequestWaitingIdentity},
	store.RequestWaitingIdentity: {store.RequestOpen, store.RequestExtended},
	store.RequestExtended:        {store.RequestWaitingIdentity},
}

// CanMoveRequest reports whether a request in status from may be set to
// status to by [SetRequestStatus].
func CanMoveRequest(from, to string) bool {
	for _, s := range requestMoves[from] {
		if s == to {
			return true
		}
	}
	return false
}

// SetRequestStatus moves request id to status: open → waiting for the
// person to confirm who they are → back to open (or extended, if it was
// extended), saying how identity was checked (one of store.IdentityChecks,
// required on the way back unless recorded before). Anything else is
// refused with a [*RuleError].
func SetRequestStatus(ctx context.Context, db *store.DB, id int64, status, identityCheck string) error {
	return closedRule(db.SetRequestStatus(ctx, id, status, identityCheck, func(r store.PrivacyRequest) error {
		switch {
		case !CanMoveRequest(r.Status, status):
			return ruleErr(ErrRequestTransition, "a request that is %s can only become %s", r.Status, orList(requestMoves[r.Status]))
		case r.Status == store.RequestWaitingIdentity && identityCheck == "" && r.IdentityCheck == "":
			return ruleErr(ErrRequestTransition, "say how identity was checked")
		case status == store.RequestOpen && r.ExtensionMonths > 0:
			return ruleErr(ErrRequestTransition, "it was extended: set it to %s", store.RequestExtended)
		case status == store.RequestExtended && r.ExtensionMonths == 0:
			return ruleErr(ErrRequestTransition, "it was not extended: set it to %s", store.RequestOpen)
		}
		return nil
	}))
}

// orList lists values as a sentence does: "a", "a or b", "a, b or c".
func orList(values []string) string {
	switch len(values) {
	case 0:
		return "nothing else"
	case 1:
		return values[0]
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}

// CloseRequest closes request id with its outcome: done (note says what
// was done, such as "data exported"), refused (reason required: the person
// is told it with their right to complain, see [RefusalNotice]) or
// withdrawn. A refusal without reasons (blank counts as none: Art. 12(4)
// asks for the reasons, not a field filled in) and a closed request are
// refused with a [*RuleError], as an extension without reasons is.
//
// Closing a request of someone who is not a client erases their contact
// and keeps their name ([store.DB.CloseRequest] says why): the answer is
// sent, and what is left proves whom the salon answered, when and how,
// until [PurgeRequests].
func CloseRequest(ctx context.Context, db *store.DB, id int64, outcome, note, reason string) error {
	if outcome == store.RequestRefused && strings.TrimSpace(reason) == "" {
		return ruleErr(ErrRefusalReason, "give the reason")
	}
	return closedRule(db.CloseRequest(ctx, id, outcome, note, reason, nil))
}

// closedRule words the refusal to change a closed request as a rule, with
// its way out.
func closedRule(err error) error {
	if errors.Is(err, store.ErrRequestClosed) {
		return ruleErr(ErrRequestClosed, "it cannot be changed; record a new request if the person asks again")
	}
	return err
}

// RequestOverdue reports whether an open request's answer is past its due
// day (the extended one, if any) at now.
func RequestOverdue(r store.PrivacyRequest, now time.Time) bool {
	return !r.IsClosed() && today(now).After(r.DueBy())
}

// RequestDueSoon reports whether an open request is due within
// [RequestDueSoonDays] of now and not yet overdue.
func RequestDueSoon(r store.PrivacyRequest, now time.Time) bool {
	return !r.IsClosed() && !RequestOverdue(r, now) && !r.DueBy().After(today(now).AddDate(0, 0, RequestDueSoonDays))
}

// RequestsNeedingAnswer returns the open requests that are overdue or due
// soon at now, soonest first: what the daily job tells the owner about.
func RequestsNeedingAnswer(ctx context.Context, db *store.DB, now time.Time) ([]store.PrivacyRequest, error) {
	all, err := db.Requests(ctx, true)
	if err != nil {
		return nil, err
	}
	var out []store.PrivacyRequest
	for _, r := range all {
		if RequestOverdue(r, now) || RequestDueSoon(r, now) {
			out = append(out, r)
		}
	}
	return out, nil
}

// PurgeRequests deletes the requests closed more than [RequestKeepYears]
// before now, for the daily job; open requests stay whatever their age.
// It returns how many it deleted.
func PurgeRequests(ctx context.Context, db *store.DB, now time.Time) (int, error) {
	return db.PurgeRequests(ctx, now.AddDate(-RequestKeepYears, 0, 0))
}

// RequestAction names what answers a request of kind, for the screen that
// starts it: "export" (access, Art. 15), "export_json" (portability, Art.
// 20), "forget" (erasure), "edit_card" (rectification), "restrict"
// (restriction), "consents" (objection, consent withdrawal).
func RequestAction(kind string) string {
	switch kind {
	case store.RequestAccess:
		return "export"
	case store.RequestPortability:
		return "export_json"
	case store.RequestErasure:
		return "forget"
	case store.RequestRectification:
		return "edit_card"
	case store.RequestRestriction:
		return "restrict"
	case store.RequestObjection, store.RequestConsentWithdrawal:
		return "consents"
	}
	return ""
}
