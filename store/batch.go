package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Batch writes many records in one transaction, audited as one event with
// counts: imports and the demo generator use it, and every single write goes
// through a batch of one. Its methods validate exactly as the DB's do.
type Batch struct {
	db       *DB
	ctx      context.Context
	tx       *sql.Tx
	stmts    *preparedTx // tx through the writer's prepared statements
	salon    Salon
	services map[int64]Service
	counts   map[string]int
	now      time.Time
	last     int64
	basis    string // the Art. 18(2) ground its event records, if any
}

// Batch runs fn in one write transaction. If fn fails, nothing is written.
func (db *DB) Batch(ctx context.Context, action string, fn func(b *Batch) error) error {
	return db.writeEvent(ctx, action, func(tx *sql.Tx) (event, error) {
		b, err := db.newBatch(ctx, tx)
		if err != nil {
			return event{}, err
		}
		if err := fn(b); err != nil {
			return event{}, err
		}
		return event{details: b.counts, basis: b.basis}, nil
	})
}

// one runs a single write as a batch audited with the record's ID.
func (db *DB) one(ctx context.Context, action string, fn func(b *Batch) (int64, error)) (int64, error) {
	var id int64
	err := db.writeEvent(ctx, action, func(tx *sql.Tx) (event, error) {
		b, err := db.newBatch(ctx, tx)
		if err != nil {
			return event{}, err
		}
		id, err = fn(b)
		return event{subject: id, basis: b.basis}, err
	})
	return id, err
}

func (db *DB) newBatch(ctx context.Context, tx *sql.Tx) (*Batch, error) {
	b := &Batch{db: db, ctx: ctx, tx: tx, stmts: db.preparedTx(tx), counts: map[string]int{}, services: map[int64]Service{}}
	err := b.stmts.QueryRowContext(ctx, `SELECT name, address, tax_id, country, currency, language, privacy_contact FROM salon WHERE id = 1`).
		Scan(&b.salon.Name, &b.salon.Address, &b.salon.TaxID, &b.salon.Country, &b.salon.Currency, &b.salon.Language, &b.salon.PrivacyContact)
	return b, notFound(err, "salon", 1)
}

// SetClock makes the batch date what it writes at t instead of now: for
// imported history, such as the demo salon's past years.
func (b *Batch) SetClock(t time.Time) { b.now = t }

func (b *Batch) clock() time.Time {
	if !b.now.IsZero() {
		return b.now
	}
	return b.db.now()
}

func (b *Batch) count(what string) { b.counts[what]++ }

func (b *Batch) service(id int64) (Service, error) {
	if s, ok := b.services[id]; ok {
		return s, nil
	}
	s, err := scanService(b.stmts.QueryRowContext(b.ctx, `SELECT id, name, category, minutes, price, currency, active FROM services WHERE id = ?`, id))
	if err != nil {
		return s, fieldErr("service", notFound(err, "service", id))
	}
	b.services[id] = s
	return s, nil
}

// ErrMixedBases refuses a batch that would process restricted clients on
// two different grounds of Art. 18(2): its one audit event records one.
var ErrMixedBases = errors.New("one batch cannot process restricted clients on two different grounds")

// useBasis records that the batch processes a restricted client on basis.
func (b *Batch) useBasis(basis string) error {
	if b.basis != "" && b.basis != basis {
		return fmt.Errorf("store: %w", ErrMixedBases)
	}
	b.basis = basis
	return nil
}
