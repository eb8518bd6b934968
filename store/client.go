package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrNoHealthConsent refuses health notes for a client whose health-data
// consent is not currently given: they are special-category data.
var ErrNoHealthConsent = errors.New("health notes need the client's current health-data consent")

// Client is a client card.
type Client struct {
	ID                int64
	FirstName         string
	LastName          string
	Phone             string // E.164
	Email             string
	BirthDate         string // YYYY-MM-DD
	Address           string
	Language          string
	Notes             string
	HealthNotes       string
	Restricted        bool
	RestrictionReason string
	RestrictedAt      time.Time
	Anonymized        bool
	CreatedAt         time.Time
	LastVisit         time.Time // zero when never seen
	// RetentionHold is why the owner keeps the client out of automatic
	// retention; empty when they are not kept. See [DB.SetRetentionHold].
	RetentionHold   string
	RetentionHoldAt time.Time // when the hold was put on; zero without one
	// HealthHidden says that the card has health notes the person acting
	// may not see (HealthNotes is then empty).
	HealthHidden bool
}

// ClientInput is what a person types on the card.
type ClientInput struct {
	FirstName, LastName, Phone, Email, BirthDate, Address, Language, Notes, HealthNotes string
	// HealthConsentChannel, when set on creation, records the health-data
	// consent given in that channel together with the card.
	HealthConsentChannel string
	// Basis is the ground of GDPR Art. 18(2), one of [RestrictionBases],
	// on which an edit of a restricted client goes ahead; UpdateClient
	// refuses a restricted client without one ([ErrRestricted]). It is
	// recorded in the audit event, and ignored for a client who is not
	// restricted.
	Basis string
}

func (in *ClientInput) validate(country string, now time.Time) error {
	var err error
	if in.FirstName, err = text("first_name", in.FirstName, limitName, true); err != nil {
		return err
	}
	if in.LastName, err = text("last_name", in.LastName, limitName, true); err != nil {
		return err
	}
	if in.Phone, err = NormalizePhone(in.Phone, country); err != nil {
		return err
	}
	if in.Email, err = NormalizeEmail(in.Email); err != nil {
		return err
	}
	if in.BirthDate, err = parseBirthDate(in.BirthDate, now); err != nil {
		return err
	}
	if in.Address, err = text("address", in.Address, limitAddress, false); err != nil {
		return err
	}
	if in.Language = strings.ToLower(strings.TrimSpace(in.Language)); in.Language != "" {
		if err := oneOf("language", in.Language, Languages...); err != nil {
			return err
		}
	}
	if in.Notes, err = text("notes", in.Notes, limitNotes, false); err != nil {
		return err
	}
	if in.HealthNotes, err = text("health_notes", in.HealthNotes, limitNotes, false); err != nil {
		return err
	}
	if in.HealthConsentChannel != "" {
		if err := oneOf("channel", in.HealthConsentChannel, Channels...); err != nil {
			return err
		}
	}
	return checkBasis(in.Basis)
}

// CreateClient adds a client card and returns its ID.
func (db *DB) CreateClient(ctx context.Context, in ClientInput) (int64, error) {
	if in.HealthNotes != "" {
		if err := db.Require(ctx, PermHealthEdit); err != nil {
			return 0, err
		}
	}
	return db.one(ctx, "client.create", func(b *Batch) (int64, error) { return b.CreateClient(in) })
}

// ValidateClient checks a card as CreateClient would, writing nothing; it
// returns the input normalized (trimmed, phone in E.164).
func (db *DB) ValidateClient(ctx context.Context, in ClientInput) (ClientInput, error) {
	salon, err := db.Salon(ctx)
	if err != nil {
		return in, err
	}
	if err := in.validateNew(salon.Country, db.now()); err != nil {
		return in, err
	}
	return in, nil
}

func (in *ClientInput) validateNew(country string, now time.Time) error {
	if err := in.validate(country, now); err != nil {
		return err
	}
	if in.HealthNotes != "" && in.HealthConsentChannel == "" {
		return fieldErr("health_notes", ErrNoHealthConsent)
	}
	return nil
}

// CreateClient adds a client card and returns its ID.
func (b *Batch) CreateClient(in ClientInput) (int64, error) {
	if err := in.validateNew(b.salon.Country, b.clock()); err != nil {
		return 0, err
	}
	now := b.clock().Unix()
	res, err := b.stmts.ExecContext(b.ctx, `INSERT INTO clients (first_name, last_name, phone, email, birth_date, address, language, notes, health_notes, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		in.FirstName, in.LastName, in.Phone, in.Email, in.BirthDate, in.Address, in.Language, in.Notes, in.HealthNotes, now, now)
	if err != nil {
		return 0, fmt.Errorf("store: create client: %w", err)
	}
	id, _ := res.LastInsertId()
	if err := indexClient(b.ctx, b.stmts, id, in); err != nil {
		return 0, err
	}
	if in.HealthConsentChannel != "" {
		if err := b.insertConsent(id, ConsentHealth, true, in.HealthConsentChannel, ""); err != nil {
			return 0, err
		}
	}
	b.count("clients")
	return id, nil
}

// UpdateClient replaces the editable details of a card. Health notes are
// refused unless health-data consent is currently given. A restricted
// client's card is changed only with a Basis (GDPR Art. 18(2)); without one
// the error is a [*FieldError] for "client" wrapping [ErrRestricted].
func (db *DB) UpdateClient(ctx context.Context, id int64, in ClientInput) error {
	salon, err := db.Salon(ctx)
	if err != nil {
		return err
	}
	if ctx, err = db.permitClientUpdate(ctx, id, &in); err != nil {
		return err
	}
	if err := in.validate(salon.Country, db.now()); err != nil {
		return err
	}
	return db.writeEvent(ctx, "client.update", func(tx *sql.Tx) (event, error) {
		if err := checkLive(ctx, tx, id); err != nil {
			return event{}, err
		}
		basis, err := restrictionBasis(ctx, tx, id, in.Basis)
		if err != nil {
			return event{}, err
		}
		if in.HealthNotes != "" {
			given, err := consentGiven(ctx, tx, id, ConsentHealth)
			if err != nil {
				return event{}, err
			}
			if !given {
				return event{}, fieldErr("health_notes", ErrNoHealthConsent)
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE clients SET first_name = ?, last_name = ?, phone = ?, email = ?, birth_date = ?, address = ?,
			language = ?, notes = ?, health_notes = ?, updated_at = ? WHERE id = ?`,
			in.FirstName, in.LastName, in.Phone, in.Email, in.BirthDate, in.Address, in.Language, in.Notes, in.HealthNotes, db.now().Unix(), id)
		if err != nil {
			return event{}, fmt.Errorf("store: update client %d: %w", id, err)
		}
		return event{subject: id, basis: basis}, indexClient(ctx, tx, id, in)
	})
}

// permitClientUpdate checks a card's change against the person acting: the
// card must be one they see; health notes they may not see stay as they
// are; changing them needs health.edit, changing the rest clients.edit (a
// stylist may write health notes alone). The context it returns has been
// checked.
func (db *DB) permitClientUpdate(ctx context.Context, id int64, in *ClientInput) (context.Context, error) {
	g, err := db.readGrant(ctx)
	if err != nil || g.Staff == 0 {
		return ctx, err
	}
	cur, err := scanClient(db.prepared().QueryRowContext(ctx, `SELECT `+clientColumns+` FROM clients c WHERE c.id = ?`, id))
	if err != nil {
		return ctx, notFound(err, "client", id)
	}
	if _, err := db.screenOne(ctx, g, cur); err != nil {
		return ctx, err
	}
	if !g.Has(PermHealthView) && in.HealthNotes == "" {
		in.HealthNotes = cur.HealthNotes // not shown to them, so left as it is
	}
	was := ClientInput{FirstName: cur.FirstName, LastName: cur.LastName, Phone: cur.Phone, Email: cur.Email, BirthDate: cur.BirthDate,
		Address: cur.Address, Language: cur.Language, Notes: cur.Notes}
	now := *in
	now.HealthNotes, now.HealthConsentChannel, now.Basis = "", "", ""
	if strings.TrimSpace(in.HealthNotes) != strings.TrimSpace(cur.HealthNotes) {
		if err := g.Check(PermHealthEdit); err != nil {
			return ctx, err
		}
	}
	if db.normalized(ctx, now) != was {
		if err := g.Check(PermClientsEdit); err != nil {
			return ctx, err
		}
	}
	return CheckedFlow(ctx), nil
}

// normalized is in as it would be stored, for comparing with a card: the
// phone in E.164, spaces trimmed. Input that does not validate is returned
// as it is, and so differs.
func (db *DB) normalized(ctx context.Context, in ClientInput) ClientInput {
	if v, err := db.ValidateClient(CheckedFlow(ctx), in); err == nil {
		v.HealthNotes, v.HealthConsentChannel, v.Basis = "", "", ""
		return v
	}
	return in
}

// checkLive refuses changes to a missing or anonymized card.
func checkLive(ctx context.Context, tx reader, id int64) error {
	var anon sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT anonymized_at FROM clients WHERE id = ?`, id).Scan(&anon)
	if err != nil {
		return notFound(err, "client", id)
	}
	if anon.Valid {
		return fmt.Errorf("store: client %d: %w", id, ErrAnonymized)
	}
	return nil
}

const clientColumns = `c.id, c.first_name, c.last_name, c.phone, c.email, c.birth_date, c.address, c.language, c.notes, c.health_notes,
	c.restricted, c.restriction_reason, c.restricted_at, c.anonymized_at, c.created_at, c.retention_hold, c.retention_hold_at, c.last_visit`

func scanClient(r scanner) (Client, error) {
	var c Client
	var restrictedAt, anonAt, heldAt, lastVisit sql.NullInt64
	var created int64
	err := r.Scan(&c.ID, &c.FirstName, &c.LastName, &c.Phone, &c.Email, &c.BirthDate, &c.Address, &c.Language, &c.Notes, &c.HealthNotes,
		&c.Restricted, &c.RestrictionReason, &restrictedAt, &anonAt, &created, &c.RetentionHold, &heldAt, &lastVisit)
	c.RestrictedAt = unixOrZero(restrictedAt)
	c.RetentionHoldAt = unixOrZero(heldAt)
	c.Anonymized = anonAt.Valid
	c.CreatedAt = time.Unix(created, 0)
	c.LastVisit = unixOrZero(lastVisit)
	return c, err
}

func unixOrZero(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.Unix(v.Int64, 0)
}

// Client returns one card.
func (db *DB) Client(ctx context.Context, id int64) (Client, error) {
	g, err := db.readGrant(ctx)
	if err != nil {
		return Client{}, err
	}
	c, err := scanClient(db.prepared().QueryRowContext(ctx, `SELECT `+clientColumns+` FROM clients c WHERE c.id = ?`, id))
	if err != nil {
		return c, notFound(err, "client", id)
	}
	return db.screenOne(ctx, g, c)
}

// Clients lists all cards by name.
func (db *DB) Clients(ctx context.Context) ([]Client, error) {
	g, err := db.readGrant(ctx)
	if err != nil {
		return nil, err
	}
	cs, err := queryAll(ctx, db.r, `SELECT `+clientColumns+` FROM clients c ORDER BY c.anonymized_at IS NOT NULL, c.sort_key, c.id`, nil, scanClient)
	if err != nil {
		return nil, err
	}
	return db.screen(ctx, g, cs)
}

// LiveClientCount is how many cards are not anonymized (that the person
// acting may see).
func (db *DB) LiveClientCount(ctx context.Context) (int, error) {
	if g, err := db.readGrant(ctx); err != nil || g.Staff != 0 {
		if err != nil {
			return 0, err
		}
		if !g.SeesClients() {
			return 0, nil
		}
		if g.TodayOnly() {
			ids, err := db.bookedToday(ctx)
			return len(ids), err
		}
	}
	var n int
	if err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM clients WHERE anonymized_at IS NULL`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count clients: %w", err)
	}
	return n, nil
}

// LiveClients lists limit cards that are not anonymized, by name, from the
// offset-th on: a page of a long client list.
func (db *DB) LiveClients(ctx context.Context, offset, limit int) ([]Client, error) {
	g, err := db.readGrant(ctx)
	if err != nil {
		return nil, err
	}
	if g.TodayOnly() {
		ids, err := db.bookedToday(ctx)
		if err != nil {
			return nil, err
		}
		cs, err := db.ClientSummaries(ctx, ids)
		if err != nil {
			return nil, err
		}
		live := cs[:0]
		for _, c := range cs {
			if !c.Anonymized {
				live = append(live, c)
			}
		}
		return live[min(offset, len(live)):min(offset+limit, len(live))], nil
	}
	cs, err := queryAll(ctx, db.r, `SELECT `+clientColumns+` FROM clients c WHERE c.anonymized_at IS NULL
		ORDER BY c.sort_key, c.id LIMIT ? OFFSET ?`, []any{limit, offset}, scanClient)
	if err != nil {
		return nil, err
	}
	return db.screen(ctx, g, cs)
}

// ClientsInactiveSince lists live clients with no visit since t (a client
// never seen counts from when the card was made), longest inactive first.
func (db *DB) ClientsInactiveSince(ctx context.Context, t time.Time) ([]Client, error) {
	g, err := db.readGrant(ctx)
	if err != nil {
		return nil, err
	}
	cs, err := queryAll(ctx, db.r, `SELECT * FROM (SELECT `+clientColumns+` AS last_visit FROM clients c WHERE c.anonymized_at IS NULL)
		WHERE coalesce(last_visit, created_at) < ? ORDER BY coalesce(last_visit, created_at), id`, []any{t.Unix()}, scanClient)
	if err != nil {
		return nil, err
	}
	return db.screen(ctx, g, cs)
}
