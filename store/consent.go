package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Consent kinds and the channels a consent can be given or withdrawn in.
const (
	ConsentMarketingEmail = "marketing_email"
	ConsentMarketingSMS   = "marketing_sms"
	ConsentHealth         = "health_data"
)

var (
	ConsentKinds = []string{ConsentMarketingEmail, ConsentMarketingSMS, ConsentHealth}
	Channels     = []string{"in_person", "phone", "paper", "email"}
)

// ChannelImport is the channel of a consent a client list stated, recorded
// by an import ([DB.ImportClients]). It is not one of Channels: a person
// records a consent in the channel the client used, and only an import
// records one "import".
const ChannelImport = "import"

// Consent is one entry of a client's consent history.
type Consent struct {
	ID          int64     `json:"id"`
	Kind        string    `json:"kind"`
	Given       bool      `json:"given"`
	At          time.Time `json:"at"`
	Channel     string    `json:"channel"`
	RecordedBy  Actor     `json:"recorded_by"`
	TextVersion string    `json:"text_version,omitempty"`
}

// SetConsent records that the client gave or withdrew a consent. Withdrawing
// health-data consent clears the health notes in the same transaction.
func (db *DB) SetConsent(ctx context.Context, clientID int64, kind string, given bool, channel, textVersion string) error {
	action := "consent.give"
	if !given {
		action = "consent.withdraw"
	}
	_, err := db.one(ctx, action, func(b *Batch) (int64, error) {
		return clientID, b.SetConsent(clientID, kind, given, channel, textVersion)
	})
	return err
}

// SetConsent records a consent given or withdrawn.
func (b *Batch) SetConsent(clientID int64, kind string, given bool, channel, textVersion string) error {
	if err := oneOf("kind", kind, ConsentKinds...); err != nil {
		return err
	}
	if channel == "" {
		channel = "in_person"
	}
	if err := oneOf("channel", channel, Channels...); err != nil {
		return err
	}
	textVersion, err := text("text_version", textVersion, 40, false)
	if err != nil {
		return err
	}
	if err := checkLive(b.ctx, b.tx, clientID); err != nil {
		return err
	}
	if err := b.insertConsent(clientID, kind, given, channel, textVersion); err != nil {
		return err
	}
	if kind == ConsentHealth && !given {
		if _, err := b.tx.ExecContext(b.ctx, `UPDATE clients SET health_notes = '' WHERE id = ?`, clientID); err != nil {
			return err
		}
	}
	return nil
}

func (b *Batch) insertConsent(clientID int64, kind string, given bool, channel, textVersion string) error {
	_, err := b.tx.ExecContext(b.ctx, `INSERT INTO consents (client_id, kind, given, at, channel, recorded_by, text_version) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		clientID, kind, given, b.clock().Unix(), channel, string(actorOf(b.ctx)), textVersion)
	if err != nil {
		return fmt.Errorf("store: record consent: %w", err)
	}
	b.count("consents")
	return nil
}

// consentGiven reports whether the latest record of kind gives consent.
func consentGiven(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, clientID int64, kind string) (bool, error) {
	var given bool
	err := q.QueryRowContext(ctx, `SELECT given FROM consents WHERE client_id = ? AND kind = ? ORDER BY at DESC, id DESC LIMIT 1`, clientID, kind).Scan(&given)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return given, err
}

// Consents returns a client's consent history, oldest first.
func (db *DB) Consents(ctx context.Context, clientID int64) ([]Consent, error) {
	return queryAll(ctx, db.prepared(), `SELECT id, kind, given, at, channel, recorded_by, text_version FROM consents WHERE client_id = ? ORDER BY at, id`,
		[]any{clientID}, func(r scanner) (Consent, error) {
			var c Consent
			var at int64
			err := r.Scan(&c.ID, &c.Kind, &c.Given, &at, &c.Channel, &c.RecordedBy, &c.TextVersion)
			c.At = time.Unix(at, 0)
			return c, err
		})
}

// CurrentConsents folds a history into the state of each kind now.
func CurrentConsents(history []Consent) map[string]bool {
	m := map[string]bool{}
	for _, c := range history {
		m[c.Kind] = c.Given
	}
	return m
}

// ErrNotMarketing refuses to unsubscribe from a consent that is not a
// marketing one: health-data consent is withdrawn with [DB.SetConsent],
// which clears the health notes.
var ErrNotMarketing = errors.New("only a marketing consent (marketing_email, marketing_sms) can be unsubscribed")

// Unsubscribe records that the client withdrew a marketing consent (kind
// ConsentMarketingEmail or ConsentMarketingSMS), in channel (one of
// Channels; empty: in person): the "unsubscribe" on the card. It adds one
// withdrawal to the history, audited as consent.withdraw, even when the
// consent was not given, so that the client's word is on record; it never
// deletes the history. A restricted client may always unsubscribe.
func (db *DB) Unsubscribe(ctx context.Context, clientID int64, kind, channel string) error {
	if kind != ConsentMarketingEmail && kind != ConsentMarketingSMS {
		return fieldErr("kind", ErrNotMarketing)
	}
	return db.SetConsent(ctx, clientID, kind, false, channel, "")
}

// MarketingAudience lists the clients a marketing message of kind
// (ConsentMarketingEmail or ConsentMarketingSMS) may go to, by name: live
// (not anonymized), not restricted (GDPR Art. 18), whose latest consent
// record of that kind gives it, with an address for it (an email, or a
// phone). Nobody else: a consent never recorded, or withdrawn last, leaves
// the client out. It checks no permission; the mailing-list export does.
func (db *DB) MarketingAudience(ctx context.Context, kind string) ([]Client, error) {
	var has string
	switch kind {
	case ConsentMarketingEmail:
		has = `c.email <> ''`
	case ConsentMarketingSMS:
		has = `c.phone <> ''`
	default:
		return nil, fieldErr("kind", ErrNotMarketing)
	}
	return queryAll(ctx, db.r, `SELECT `+clientColumns+` FROM clients c
		WHERE c.anonymized_at IS NULL AND c.restricted = 0 AND `+has+`
		AND (SELECT k.given FROM consents k WHERE k.client_id = c.id AND k.kind = ? ORDER BY k.at DESC, k.id DESC LIMIT 1) = 1
		ORDER BY c.sort_key, c.id`, []any{kind}, scanClient)
}
