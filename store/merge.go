package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// ErrMergeSelf refuses to merge a card into itself.
var ErrMergeSelf = errors.New("a card cannot be merged into itself")

// MergeInput is what a merge of two cards of one person writes.
type MergeInput struct {
	// Card is what the kept card says afterwards, field by field as the
	// owner picked it from either card (see privacy.ProposeMerge). Its
	// Basis and HealthConsentChannel are ignored. Health notes stay only
	// while the health-data consent, after the histories are joined, is
	// given ([ErrNoHealthConsent] otherwise).
	Card ClientInput
	// Basis is the ground of GDPR Art. 18(2), one of [RestrictionBases],
	// on which the merge goes ahead when either card is restricted;
	// without one such a merge is refused ([ErrRestricted]). It is
	// recorded in the audit event.
	Basis string
	// Reason goes into the erasure ledger for the merged card; no personal
	// data. Empty: "merged into client N".
	Reason string
}

// MergeFacts are what the rules of a merge look at, read inside its
// transaction: the facts of erasure of the card that stays and of the one
// that goes.
type MergeFacts struct {
	Keep, From ForgetFacts
}

// RecordCounts are a card's records that a merge moves to the kept card.
type RecordCounts struct {
	Bookings     int `json:"bookings"`
	Payments     int `json:"payments"`
	Invoices     int `json:"invoices"`
	Consents     int `json:"consents"`            // records of the history, every one
	Requests     int `json:"requests"`            // privacy requests
	Restrictions int `json:"restriction_history"` // switches of the restriction, with their reasons
}

func (m RecordCounts) details() map[string]int {
	return map[string]int{"bookings": m.Bookings, "payments": m.Payments, "invoices": m.Invoices,
		"consents": m.Consents, "requests": m.Requests, "restriction_history": m.Restrictions}
}

// Merged is what a merge did: what moved to the kept card, and what the
// anonymization of the merged card erased.
type Merged struct {
	Keep, From int64
	Moved      RecordCounts
	Erased     Erased
	// Restricted says the kept card took over the merged card's
	// restriction; Held, its retention hold.
	Restricted, Held bool
}

// RecordCounts counts the records of a card that a merge would move.
func (db *DB) RecordCounts(ctx context.Context, id int64) (RecordCounts, error) {
	var m RecordCounts
	err := db.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM bookings WHERE client_id = ?1), (SELECT count(*) FROM payments WHERE client_id = ?1),
		(SELECT count(*) FROM invoices WHERE client_id = ?1), (SELECT count(*) FROM consents WHERE client_id = ?1),
		(SELECT count(*) FROM privacy_requests WHERE client_id = ?1), (SELECT count(*) FROM restriction_history WHERE client_id = ?1)`, id).
		Scan(&m.Bookings, &m.Payments, &m.Invoices, &m.Consents, &m.Requests, &m.Restrictions)
	if err != nil {
		return m, fmt.Errorf("store: records of client %d: %w", id, err)
	}
	return m, nil
}

// MergeClients merges card from into card keep, in one transaction: every
// booking, payment, invoice, consent record (the whole history, so the
// newest decision of each kind, on either card, is the one in force),
// privacy request and restriction switch of from moves to keep; keep's
// details become in.Card; a restriction or retention hold of from that keep
// lacks goes over to keep, with its reason, for it concerns the person;
// then from is anonymized as [DB.Anonymize] does — its personal fields,
// notes, drafts and export-file records gone, an erasure-ledger entry
// written — for it is personal data of the same person. The audit log gets
// client.merge on keep (with from's number and the counts moved) and
// client.forget on from. check sees the facts of both cards inside the
// transaction and refuses by returning an error; the store itself refuses
// an anonymized card ([ErrAnonymized]), keep = from ([ErrMergeSelf]) and a
// restricted card without in.Basis ([ErrRestricted]). Upcoming bookings do
// not block: they move. The person acting needs clients.edit and forget
// (and health.edit to change the kept card's health notes); for one who
// may not see health notes, and so gives none in in.Card, the kept card
// keeps its own and gets from's after them while the health consent in
// force allows. After the
// commit the WAL is checkpointed and truncated.
func (db *DB) MergeClients(ctx context.Context, keep, from int64, in MergeInput, check func(MergeFacts) error) (Merged, error) {
	out := Merged{Keep: keep, From: from}
	if keep == from {
		return out, fieldErr("from", ErrMergeSelf)
	}
	if err := db.Require(ctx, PermClientsEdit); err != nil {
		return out, err
	}
	if err := checkBasis(in.Basis); err != nil {
		return out, err
	}
	salon, err := db.Salon(ctx)
	if err != nil {
		return out, err
	}
	card := in.Card
	card.HealthConsentChannel, card.Basis = "", ""
	reason := in.Reason
	if reason == "" {
		reason = "merged into client " + strconv.FormatInt(keep, 10)
	}
	if reason, err = text("reason", reason, limitShort, false); err != nil {
		return out, err
	}
	g, err := db.readGrant(ctx)
	if err != nil {
		return out, err
	}
	err = db.writeEvent(ctx, "client.merge", func(tx *sql.Tx) (event, error) {
		now := db.now()
		var f MergeFacts
		var err error
		if f.Keep, err = forgetFacts(ctx, tx, keep, now); err != nil {
			return event{}, fieldErr("keep", err)
		}
		if f.From, err = forgetFacts(ctx, tx, from, now); err != nil {
			return event{}, fieldErr("from", err)
		}
		if err := check(f); err != nil {
			return event{}, err
		}
		for _, c := range []ForgetFacts{f.Keep, f.From} {
			if c.Anonymized {
				return event{}, fmt.Errorf("store: client %d: %w", c.ClientID, ErrAnonymized)
			}
		}
		basis := ""
		if f.Keep.Restricted || f.From.Restricted {
			if in.Basis == "" {
				id := keep
				if f.From.Restricted {
					id = from
				}
				return event{}, fieldErr("client", fmt.Errorf("store: client %d: %w", id, ErrRestricted))
			}
			basis = in.Basis
		}
		// The card is checked once the rules let the merge go ahead: a
		// merge into a forgotten card is refused for that, not for the
		// empty name its proposal carries.
		if err := card.validate(salon.Country, now); err != nil {
			return event{}, err
		}
		cur, err := scanClient(tx.QueryRowContext(ctx, `SELECT `+clientColumns+` FROM clients c WHERE c.id = ?`, keep))
		if err != nil {
			return event{}, notFound(err, "client", keep)
		}
		// Health notes not shown to the person merging are not theirs to
		// pick: the kept card keeps its own and gets the merged card's
		// after them, as the owner's proposal has it, rather than lose
		// (say) an allergy with the merged card.
		hidden := g.Staff != 0 && !g.Has(PermHealthView) && card.HealthNotes == ""
		if hidden {
			card.HealthNotes = cur.HealthNotes
		} else if card.HealthNotes != cur.HealthNotes {
			if err := g.Check(PermHealthEdit); err != nil {
				return event{}, err
			}
		}
		gone, err := scanClient(tx.QueryRowContext(ctx, `SELECT `+clientColumns+` FROM clients c WHERE c.id = ?`, from))
		if err != nil {
			return event{}, notFound(err, "client", from)
		}
		moves := []struct {
			q string
			n *int
		}{
			{`UPDATE bookings SET client_id = ?1 WHERE client_id = ?2`, &out.Moved.Bookings},
			{`UPDATE payments SET client_id = ?1 WHERE client_id = ?2`, &out.Moved.Payments},
			{`UPDATE invoices SET client_id = ?1 WHERE client_id = ?2`, &out.Moved.Invoices},
			{`UPDATE consents SET client_id = ?1 WHERE client_id = ?2`, &out.Moved.Consents},
			{`UPDATE privacy_requests SET client_id = ?1 WHERE client_id = ?2`, &out.Moved.Requests},
			{`UPDATE restriction_history SET client_id = ?1 WHERE client_id = ?2`, &out.Moved.Restrictions},
		}
		for _, m := range moves {
			res, err := tx.ExecContext(ctx, m.q, keep, from)
			if err != nil {
				return event{}, fmt.Errorf("store: merge client %d into %d: %w", from, keep, err)
			}
			n, _ := res.RowsAffected()
			*m.n = int(n)
		}
		if hidden && gone.HealthNotes != "" && gone.HealthNotes != cur.HealthNotes {
			given, err := consentGiven(ctx, tx, keep, ConsentHealth) // the histories joined
			if err != nil {
				return event{}, err
			}
			if given && cur.HealthNotes == "" {
				card.HealthNotes = gone.HealthNotes
			} else if given {
				card.HealthNotes = cur.HealthNotes + "\n\n" + gone.HealthNotes
			}
		}
		if card.HealthNotes != "" {
			given, err := consentGiven(ctx, tx, keep, ConsentHealth)
			if err != nil {
				return event{}, err
			}
			if !given {
				return event{}, fieldErr("health_notes", ErrNoHealthConsent)
			}
		}
		if gone.Restricted && !cur.Restricted {
			out.Restricted = true
			if _, err := tx.ExecContext(ctx, `UPDATE clients SET restricted = 1, restriction_reason = ?, restricted_at = ? WHERE id = ?`,
				gone.RestrictionReason, unixOr(gone.RestrictedAt, now), keep); err != nil {
				return event{}, fmt.Errorf("store: merge client %d into %d: %w", from, keep, err)
			}
		}
		if gone.RetentionHold != "" && cur.RetentionHold == "" {
			out.Held = true
			if _, err := tx.ExecContext(ctx, `UPDATE clients SET retention_hold = ?, retention_hold_at = ? WHERE id = ?`,
				gone.RetentionHold, unixOr(gone.RetentionHoldAt, now), keep); err != nil {
				return event{}, fmt.Errorf("store: merge client %d into %d: %w", from, keep, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE clients SET first_name = ?, last_name = ?, phone = ?, email = ?, birth_date = ?, address = ?,
			language = ?, notes = ?, health_notes = ?, updated_at = ? WHERE id = ?`,
			card.FirstName, card.LastName, card.Phone, card.Email, card.BirthDate, card.Address, card.Language, card.Notes, card.HealthNotes,
			now.Unix(), keep); err != nil {
			return event{}, fmt.Errorf("store: merge into client %d: %w", keep, err)
		}
		if err := indexClient(ctx, tx, keep, card); err != nil {
			return event{}, err
		}
		if out.Erased, err = anonymizeTx(ctx, tx, from, now); err != nil {
			return event{}, fmt.Errorf("store: anonymize client %d: %w", from, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO erasure_ledger (client_id, at, by, reason) VALUES (?, ?, ?, ?)`,
			from, now.Unix(), string(actorOf(ctx)), reason); err != nil {
			return event{}, fmt.Errorf("store: erasure ledger: %w", err)
		}
		if err := db.audit(ctx, tx, "client.forget", from, out.Erased.details()); err != nil {
			return event{}, err
		}
		d := out.Moved.details()
		d["from_client"] = int(from)
		return event{subject: keep, details: d, basis: basis}, nil
	})
	if err != nil {
		return out, err
	}
	return out, db.checkpointErased(ctx)
}

// unixOr is t in Unix seconds, or def's when t is zero.
func unixOr(t, def time.Time) int64 {
	if t.IsZero() {
		return def.Unix()
	}
	return t.Unix()
}
