package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Kinds of privacy request: the rights of GDPR Art. 15–21 a person can
// exercise, and the withdrawal of a consent (Art. 7(3)).
const (
	RequestAccess            = "access"             // Art. 15
	RequestRectification     = "rectification"      // Art. 16
	RequestErasure           = "erasure"            // Art. 17
	RequestRestriction       = "restriction"        // Art. 18
	RequestPortability       = "portability"        // Art. 20
	RequestObjection         = "objection"          // Art. 21
	RequestConsentWithdrawal = "consent_withdrawal" // Art. 7(3)
)

// Statuses of a privacy request. Done, refused and withdrawn close it and
// are also its outcome.
const (
	RequestOpen            = "open"
	RequestWaitingIdentity = "waiting_identity" // the salon asked the person to confirm who they are
	RequestExtended        = "extended"         // the due date was extended (Art. 12(3))
	RequestDone            = "done"
	RequestRefused         = "refused"
	RequestWithdrawn       = "withdrawn"
)

// The fixed vocabularies of a request. Fixed words rather than free text,
// so that the log carries no personal data by design.
var (
	RequestKinds    = []string{RequestAccess, RequestRectification, RequestErasure, RequestRestriction, RequestPortability, RequestObjection, RequestConsentWithdrawal}
	RequestStatuses = []string{RequestOpen, RequestWaitingIdentity, RequestExtended, RequestDone, RequestRefused, RequestWithdrawn}
	RequestOutcomes = []string{RequestDone, RequestRefused, RequestWithdrawn}
	// RequestChannels are how a request reached the salon.
	RequestChannels = []string{"in_person", "phone", "email", "letter", "other"}
	// IdentityChecks are how the salon made sure who was asking; empty
	// while it is not done.
	IdentityChecks = []string{"known_client", "id_document", "contact_on_file", "not_needed", "other"}
)

// RequestTextErased replaces what the owner typed into a request (reasons,
// what was done) when its client is forgotten: the text may have named
// them. The app shows it in the owner's language.
const RequestTextErased = "-"

// ErrRequestClosed refuses to change a request that is done, refused or
// withdrawn.
var ErrRequestClosed = errors.New("the request is closed")

// PrivacyRequest is one entry of the privacy request log. Days (Received,
// Due, ExtendedTo, ExtensionTold, SecondExtensionTold) are calendar days:
// local midnight.
type PrivacyRequest struct {
	ID            int64
	Kind          string
	Received      time.Time
	Channel       string
	IdentityCheck string // one of IdentityChecks, or empty while not checked
	// ClientID is the client's card, 0 for someone who is not a client;
	// only then do RequesterName and RequesterContact hold what is needed
	// to answer them. The contact is erased when the request is closed
	// (see [DB.CloseRequest]); the name stays until the request is purged.
	ClientID         int64
	RequesterName    string
	RequesterContact string
	Due              time.Time // one month after Received (Art. 12(3))
	ExtensionMonths  int       // 0, 1 or 2
	ExtendedTo       time.Time // zero when not extended
	ExtensionReason  string
	ExtensionTold    time.Time // when the person was first told of an extension
	// SecondExtensionTold is when the person was told of a second
	// extension (one month, then one more), when the owner gave that day;
	// zero otherwise. ExtensionTold stays the day of the first.
	SecondExtensionTold time.Time
	Status              string
	Outcome             string // one of RequestOutcomes once closed, empty while open
	Note                string // what was done, in a few words
	RefusalReason       string
	Closed              time.Time // zero while open
	Created             time.Time
}

// DueBy is the day the answer is due: ExtendedTo when extended, else Due.
func (r PrivacyRequest) DueBy() time.Time {
	if !r.ExtendedTo.IsZero() {
		return r.ExtendedTo
	}
	return r.Due
}

// IsClosed reports whether the request is done, refused or withdrawn.
func (r PrivacyRequest) IsClosed() bool { return r.Outcome != "" }

// RequestInput is a new request as the owner records it.
type RequestInput struct {
	Kind          string
	Received      time.Time // the day it reached the salon
	Channel       string    // default in_person
	IdentityCheck string    // empty: not checked yet
	ClientID      int64     // 0 with RequesterName and RequesterContact
	// RequesterName and RequesterContact name someone who is not a
	// client: the minimum needed to answer them.
	RequesterName, RequesterContact string
	Due                             time.Time // computed by the caller's rule
}

// dayText is a calendar day as stored: YYYY-MM-DD in local time.
func dayText(t time.Time) string { return t.Local().Format(time.DateOnly) }

func parseDay(s string) time.Time {
	t, _ := time.ParseInLocation(time.DateOnly, s, time.Local)
	return t
}

func nullDay(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return dayText(t)
}

// CreateRequest records a privacy request, audited as request.create with
// no personal data; it returns the request's ID.
func (db *DB) CreateRequest(ctx context.Context, in RequestInput) (int64, error) {
	if err := in.validate(); err != nil {
		return 0, err
	}
	var id int64
	err := db.write(ctx, "request.create", func(tx *sql.Tx) (int64, map[string]int, error) {
		var client any
		if in.ClientID != 0 {
			var one int
			if err := tx.QueryRowContext(ctx, `SELECT 1 FROM clients WHERE id = ?`, in.ClientID).Scan(&one); err != nil {
				return 0, nil, fieldErr("client", notFound(err, "client", in.ClientID))
			}
			client = in.ClientID
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO privacy_requests (kind, received_at, channel, identity_check, client_id,
			requester_name, requester_contact, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			in.Kind, dayText(in.Received), in.Channel, in.IdentityCheck, client, in.RequesterName, in.RequesterContact,
			dayText(in.Due), db.now().Unix())
		if err != nil {
			return 0, nil, fmt.Errorf("store: create request: %w", err)
		}
		id, _ = res.LastInsertId()
		return id, map[string]int{"client": int(in.ClientID)}, nil
	})
	return id, err
}

func (in *RequestInput) validate() error {
	if err := oneOf("kind", in.Kind, RequestKinds...); err != nil {
		return err
	}
	if in.Channel == "" {
		in.Channel = "in_person"
	}
	if err := oneOf("channel", in.Channel, RequestChannels...); err != nil {
		return err
	}
	if in.IdentityCheck != "" {
		if err := oneOf("identity_check", in.IdentityCheck, IdentityChecks...); err != nil {
			return err
		}
	}
	if err := checkTime("received", in.Received); err != nil {
		return err
	}
	if dayText(in.Due) <= dayText(in.Received) {
		return fieldErr("due", ErrEndBeforeStart)
	}
	var err error
	if in.ClientID < 0 {
		return fieldErr("client", ErrNotFound)
	}
	required := in.ClientID == 0
	if in.RequesterName, err = text("name", in.RequesterName, limitName, required); err != nil {
		return err
	}
	if in.RequesterContact, err = text("contact", in.RequesterContact, limitShort, required); err != nil {
		return err
	}
	if !required && (in.RequesterName != "" || in.RequesterContact != "") {
		return fieldErr("name", fmt.Errorf("%w: a client's request names the card, not the person", ErrInvalidChoice))
	}
	return nil
}

const requestColumns = `id, kind, received_at, channel, identity_check, coalesce(client_id, 0), requester_name, requester_contact,
	due_at, extension_months, coalesce(extended_to, ''), extension_reason, coalesce(extension_told_at, ''),
	coalesce(second_extension_told_at, ''), status, coalesce(outcome, ''), note, refusal_reason, closed_at, created_at`

func scanRequest(r scanner) (PrivacyRequest, error) {
	var q PrivacyRequest
	var received, due, extended, told, toldAgain string
	var closed sql.NullInt64
	var created int64
	err := r.Scan(&q.ID, &q.Kind, &received, &q.Channel, &q.IdentityCheck, &q.ClientID, &q.RequesterName, &q.RequesterContact,
		&due, &q.ExtensionMonths, &extended, &q.ExtensionReason, &told, &toldAgain, &q.Status, &q.Outcome, &q.Note,
		&q.RefusalReason, &closed, &created)
	q.Received, q.Due, q.ExtendedTo, q.ExtensionTold = parseDay(received), parseDay(due), parseDay(extended), parseDay(told)
	q.SecondExtensionTold = parseDay(toldAgain)
	if closed.Valid {
		q.Closed = time.Unix(closed.Int64, 0)
	}
	q.Created = time.Unix(created, 0)
	return q, err
}

// Request returns one privacy request.
func (db *DB) Request(ctx context.Context, id int64) (PrivacyRequest, error) {
	if err := db.Require(ctx, PermRequests); err != nil {
		return PrivacyRequest{}, err
	}
	r, err := scanRequest(db.r.QueryRowContext(ctx, `SELECT `+requestColumns+` FROM privacy_requests WHERE id = ?`, id))
	return r, notFound(err, "request", id)
}

// Requests returns the request log sorted by the day each answer is due
// (the extended day when there is one), soonest first; openOnly leaves out
// the closed ones.
func (db *DB) Requests(ctx context.Context, openOnly bool) ([]PrivacyRequest, error) {
	if err := db.Require(ctx, PermRequests); err != nil {
		return nil, err
	}
	q := `SELECT ` + requestColumns + ` FROM privacy_requests`
	if openOnly {
		q += ` WHERE outcome IS NULL`
	}
	return queryAll(ctx, db.r, q+` ORDER BY coalesce(extended_to, due_at), id`, nil, scanRequest)
}

// ClientRequests returns a client's requests, oldest first.
func (db *DB) ClientRequests(ctx context.Context, clientID int64) ([]PrivacyRequest, error) {
	if err := db.Require(ctx, PermRequests); err != nil {
		return nil, err
	}
	return queryAll(ctx, db.r, `SELECT `+requestColumns+` FROM privacy_requests WHERE client_id = ? ORDER BY received_at, id`,
		[]any{clientID}, scanRequest)
}

// RequestExtension is the extension of a request's due date (Art. 12(3)).
type RequestExtension struct {
	Months int       // the months added to the first, in total: 1 or 2
	To     time.Time // the new due day
	Reason string    // required
	Told   time.Time // the day the person was first told of an extension; required
	// SecondTold is the day the person was told of a second extension,
	// zero when not given; only a second extension has one.
	SecondTold time.Time
}

// ExtendRequest records the extension decide works out from the request,
// read inside the transaction (the rules of privacy.ExtendRequest); decide
// refuses by returning an error. A closed request is refused with
// [ErrRequestClosed]. The status becomes extended.
func (db *DB) ExtendRequest(ctx context.Context, id int64, decide func(PrivacyRequest) (RequestExtension, error)) error {
	return db.changeRequest(ctx, "request.extend", id, nil, func(tx *sql.Tx, r PrivacyRequest) (map[string]int, error) {
		ext, err := decide(r)
		if err != nil {
			return nil, err
		}
		reason, err := text("reason", ext.Reason, limitShort, true)
		switch {
		case err != nil:
			return nil, err
		case ext.Months < 1 || ext.Months > 2 || ext.Months < r.ExtensionMonths:
			return nil, fieldErr("months", ErrOutOfRange)
		case ext.Told.IsZero():
			return nil, fieldErr("told", ErrRequired)
		case !ext.SecondTold.IsZero() && r.ExtensionMonths == 0:
			return nil, fieldErr("told", fmt.Errorf("%w: only a second extension has a second day told", ErrInvalidChoice))
		case dayText(ext.To) <= dayText(r.DueBy()):
			return nil, fieldErr("to", fmt.Errorf("%w: the new due day must come after %s", ErrDateOutOfRange, dayText(r.DueBy())))
		}
		_, err = tx.ExecContext(ctx, `UPDATE privacy_requests SET extension_months = ?, extended_to = ?, extension_reason = ?,
			extension_told_at = ?, second_extension_told_at = ?, status = ? WHERE id = ?`,
			ext.Months, dayText(ext.To), reason, dayText(ext.Told), nullDay(ext.SecondTold), RequestExtended, id)
		return map[string]int{"months": ext.Months}, err
	})
}

// SetRequestStatus moves an open request to open, waiting_identity or
// extended, recording how identity was checked when check is not empty.
// check sees the request inside the transaction and refuses by returning
// an error. A closed request is refused with [ErrRequestClosed]; closing
// is [DB.CloseRequest].
func (db *DB) SetRequestStatus(ctx context.Context, id int64, status, identityCheck string, check func(PrivacyRequest) error) error {
	if err := oneOf("status", status, RequestOpen, RequestWaitingIdentity, RequestExtended); err != nil {
		return err
	}
	if identityCheck != "" {
		if err := oneOf("identity_check", identityCheck, IdentityChecks...); err != nil {
			return err
		}
	}
	return db.changeRequest(ctx, "request.status", id, check, func(tx *sql.Tx, r PrivacyRequest) (map[string]int, error) {
		if status == RequestExtended && r.ExtendedTo.IsZero() {
			return nil, fieldErr("status", fmt.Errorf("%w: extend the request to mark it extended", ErrInvalidChoice))
		}
		_, err := tx.ExecContext(ctx, `UPDATE privacy_requests SET status = ?, identity_check = coalesce(nullif(?, ''), identity_check)
			WHERE id = ?`, status, identityCheck, id)
		return nil, err
	})
}

// CloseRequest closes a request with its outcome (done, refused or
// withdrawn), a note of what was done and, when refused, the reason
// (required). check sees the request inside the transaction and refuses by
// returning an error; a closed request is refused with [ErrRequestClosed].
//
// Closing erases the contact of someone who is not a client (data
// minimisation, GDPR Art. 5(1)(c) and (e)): it was kept only to send the
// answer, and once the request is closed there is nothing more to send.
// Their name stays with the request until [DB.PurgeRequests] deletes it:
// the record is the salon's evidence that it answered (Art. 5(2)), and
// evidence of answering someone must say whom, so that the salon can find
// it when that person, or the supervisory authority, asks; a contact adds
// nothing to that proof. The old value leaves the encrypted write-ahead log
// at its next checkpoint, at the latest when the salon is closed.
func (db *DB) CloseRequest(ctx context.Context, id int64, outcome, note, refusalReason string, check func(PrivacyRequest) error) error {
	if err := oneOf("outcome", outcome, RequestOutcomes...); err != nil {
		return err
	}
	note, err := text("note", note, limitShort, false)
	if err != nil {
		return err
	}
	if refusalReason, err = text("reason", refusalReason, limitShort, outcome == RequestRefused); err != nil {
		return err
	}
	if outcome != RequestRefused && refusalReason != "" {
		return fieldErr("reason", fmt.Errorf("%w: only a refusal has a reason", ErrInvalidChoice))
	}
	return db.changeRequest(ctx, "request.close", id, check, func(tx *sql.Tx, r PrivacyRequest) (map[string]int, error) {
		_, err := tx.ExecContext(ctx, `UPDATE privacy_requests SET status = ?, outcome = ?, note = ?, refusal_reason = ?, closed_at = ?,
			requester_contact = '' WHERE id = ?`, outcome, outcome, note, refusalReason, db.now().Unix(), id)
		return nil, err
	})
}

// changeRequest reads request id in a write transaction, refuses a closed
// one, lets check refuse, applies the change and audits it with the
// request's ID and the counts apply returns.
func (db *DB) changeRequest(ctx context.Context, action string, id int64, check func(PrivacyRequest) error,
	apply func(tx *sql.Tx, r PrivacyRequest) (map[string]int, error)) error {
	return db.write(ctx, action, func(tx *sql.Tx) (int64, map[string]int, error) {
		r, err := scanRequest(tx.QueryRowContext(ctx, `SELECT `+requestColumns+` FROM privacy_requests WHERE id = ?`, id))
		if err != nil {
			return 0, nil, notFound(err, "request", id)
		}
		if r.IsClosed() {
			return 0, nil, fmt.Errorf("store: request %d: %w", id, ErrRequestClosed)
		}
		if check != nil {
			if err := check(r); err != nil {
				return 0, nil, err
			}
		}
		details, err := apply(tx, r)
		if err != nil {
			return 0, nil, fmt.Errorf("store: request %d: %w", id, err)
		}
		return id, details, nil
	})
}

// PurgeRequests deletes the requests closed before cutoff, with the name
// of any non-client (their contact went at closing), audited as one
// request.purge event with the count; it returns how many. Open requests
// are never purged.
func (db *DB) PurgeRequests(ctx context.Context, cutoff time.Time) (int, error) {
	var n int64
	err := db.write(ctx, "request.purge", func(tx *sql.Tx) (int64, map[string]int, error) {
		res, err := tx.ExecContext(ctx, `DELETE FROM privacy_requests WHERE closed_at IS NOT NULL AND closed_at < ?`, cutoff.Unix())
		if err != nil {
			return 0, nil, fmt.Errorf("store: purge requests: %w", err)
		}
		if n, _ = res.RowsAffected(); n == 0 {
			return 0, nil, errUnchanged
		}
		return 0, map[string]int{"requests": int(n)}, nil
	})
	if err != nil || n == 0 {
		return int(n), err
	}
	return int(n), db.Checkpoint(ctx)
}
