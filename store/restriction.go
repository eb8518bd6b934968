package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrRestricted refuses to process a client whose processing is
// restricted (GDPR Art. 18) without one of the grounds of Art. 18(2).
var ErrRestricted = errors.New("processing of this client is restricted (GDPR Art. 18)")

// The grounds of GDPR Art. 18(2) on which a restricted client's data may
// be processed beyond storage. A booking or an edit of a restricted client
// names one as its Basis, and its audit event records it.
const (
	BasisConsent        = "consent"          // the client consents
	BasisLegalClaim     = "legal_claim"      // establishing, exercising or defending legal claims
	BasisOthersRights   = "rights_of_others" // protecting the rights of another person
	BasisPublicInterest = "public_interest"  // important public interest of the Union or a Member State
)

// RestrictionBases are the grounds a Basis may name.
var RestrictionBases = []string{BasisConsent, BasisLegalClaim, BasisOthersRights, BasisPublicInterest}

// RestrictionChange is one switch of a client's restriction on or off,
// with the reason the owner gave.
type RestrictionChange struct {
	Restricted bool      `json:"restricted"`
	At         time.Time `json:"at"`
	Reason     string    `json:"reason"`
	Actor      Actor     `json:"actor"`
}

// checkBasis refuses a Basis that is not one of RestrictionBases; empty
// is no basis.
func checkBasis(basis string) error {
	if basis == "" {
		return nil
	}
	return oneOf("basis", basis, RestrictionBases...)
}

// restrictionBasis checks processing client id against its restriction,
// inside the write's transaction, so it cannot be turned on in between: a
// restricted client needs a basis, which it returns for the audit event; an
// unrestricted client needs none, and "" is returned whatever was given.
func restrictionBasis(ctx context.Context, tx reader, id int64, basis string) (string, error) {
	var restricted bool
	if err := tx.QueryRowContext(ctx, `SELECT restricted FROM clients WHERE id = ?`, id).Scan(&restricted); err != nil {
		return "", notFound(err, "client", id)
	}
	if !restricted {
		return "", nil
	}
	if basis == "" {
		return "", fieldErr("client", fmt.Errorf("store: client %d: %w", id, ErrRestricted))
	}
	return basis, nil
}

// SetRestriction turns restriction of processing (GDPR Art. 18) on, with its
// reason, or off, recording why it was lifted; each switch is kept in the
// client's restriction history.
func (db *DB) SetRestriction(ctx context.Context, id int64, on bool, reason string) error {
	action := "client.restrict"
	if !on {
		action = "client.unrestrict"
	}
	_, err := db.one(ctx, action, func(b *Batch) (int64, error) { return id, b.SetRestriction(id, on, reason) })
	return err
}

// SetRestriction turns restriction of processing on or off. The reason is
// required to turn it on; lifting it without one is recorded with an empty
// reason (kartoteka-cli's --off without --reason; the app always asks). The
// card keeps the date it was first restricted while only the reason changes.
// A call that switches nothing (off when off, on with the same reason) adds
// nothing to the history.
func (b *Batch) SetRestriction(id int64, on bool, reason string) error {
	reason, err := text("reason", reason, limitShort, on)
	if err != nil {
		return err
	}
	if err := checkLive(b.ctx, b.tx, id); err != nil {
		return err
	}
	var was bool
	var wasReason string
	var since sql.NullInt64
	if err := b.tx.QueryRowContext(b.ctx, `SELECT restricted, restriction_reason, restricted_at FROM clients WHERE id = ?`, id).
		Scan(&was, &wasReason, &since); err != nil {
		return notFound(err, "client", id)
	}
	now := b.clock().Unix()
	var at any
	cardReason := ""
	if on {
		cardReason, at = reason, now
		if was && since.Valid {
			at = since.Int64
		}
	}
	if _, err := b.tx.ExecContext(b.ctx, `UPDATE clients SET restricted = ?, restriction_reason = ?, restricted_at = ?, updated_at = ? WHERE id = ?`,
		on, cardReason, at, now, id); err != nil {
		return fmt.Errorf("store: restriction of client %d: %w", id, err)
	}
	b.count("restrictions")
	if was == on && (!on || wasReason == reason) {
		return nil
	}
	if _, err := b.tx.ExecContext(b.ctx, `INSERT INTO restriction_history (client_id, restricted, at, reason, actor) VALUES (?, ?, ?, ?, ?)`,
		id, on, now, reason, string(actorOf(b.ctx))); err != nil {
		return fmt.Errorf("store: restriction history of client %d: %w", id, err)
	}
	return nil
}

// RestrictionHistory returns every switch of a client's restriction,
// oldest first; a forgotten client has none.
func (db *DB) RestrictionHistory(ctx context.Context, clientID int64) ([]RestrictionChange, error) {
	return queryAll(ctx, db.prepared(), `SELECT restricted, at, reason, actor FROM restriction_history WHERE client_id = ? ORDER BY at, id`,
		[]any{clientID}, func(r scanner) (RestrictionChange, error) {
			var c RestrictionChange
			var at int64
			err := r.Scan(&c.Restricted, &at, &c.Reason, &c.Actor)
			c.At = time.Unix(at, 0)
			return c, err
		})
}
