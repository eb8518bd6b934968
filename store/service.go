package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Service is something the salon sells: a haircut, a manicure.
type Service struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Category string `json:"category"`
	Minutes  int    `json:"minutes"`
	Price    Money  `json:"-"`
	Active   bool   `json:"active"`
}

func (s *Service) validate(currency string) error {
	var err error
	if s.Name, err = text("name", s.Name, limitName, true); err != nil {
		return err
	}
	if s.Category, err = text("category", s.Category, limitName, false); err != nil {
		return err
	}
	if s.Minutes <= 0 || s.Minutes > 12*60 {
		return fieldErr("minutes", ErrInvalidAmount)
	}
	if s.Price.Minor < 0 {
		return fieldErr("price", ErrInvalidAmount)
	}
	if s.Price.Currency == "" {
		s.Price.Currency = currency
	}
	if s.Price.Currency != currency {
		return fieldErr("price", ErrCurrencyMismatch)
	}
	return nil
}

// CreateService adds an active service and returns the new ID; the price is
// in the salon's currency.
func (db *DB) CreateService(ctx context.Context, s Service) (int64, error) {
	return db.one(ctx, "service.create", func(b *Batch) (int64, error) { return b.CreateService(s) })
}

// CreateService adds an active service and returns the new ID.
func (b *Batch) CreateService(s Service) (int64, error) {
	if err := s.validate(b.salon.Currency); err != nil {
		return 0, err
	}
	res, err := b.tx.ExecContext(b.ctx, `INSERT INTO services (name, category, minutes, price, currency, active) VALUES (?, ?, ?, ?, ?, 1)`,
		s.Name, s.Category, s.Minutes, s.Price.Minor, s.Price.Currency)
	if err != nil {
		return 0, fmt.Errorf("store: create service: %w", err)
	}
	b.count("services")
	return res.LastInsertId()
}

// UpdateService changes a service; deactivating keeps its history.
func (db *DB) UpdateService(ctx context.Context, s Service) error {
	salon, err := db.Salon(ctx)
	if err != nil {
		return err
	}
	if err := s.validate(salon.Currency); err != nil {
		return err
	}
	return db.write(ctx, "service.update", func(tx *sql.Tx) (int64, map[string]int, error) {
		return s.ID, nil, mustAffect(tx.ExecContext(ctx, `UPDATE services SET name = ?, category = ?, minutes = ?, price = ?, active = ? WHERE id = ?`,
			s.Name, s.Category, s.Minutes, s.Price.Minor, s.Active, s.ID))
	})
}

// Services lists the services, active first, by category and name.
func (db *DB) Services(ctx context.Context) ([]Service, error) {
	return queryAll(ctx, db.r, `SELECT id, name, category, minutes, price, currency, active FROM services ORDER BY active DESC, category, name`, nil, scanService)
}

func scanService(r scanner) (Service, error) {
	var s Service
	return s, r.Scan(&s.ID, &s.Name, &s.Category, &s.Minutes, &s.Price.Minor, &s.Price.Currency, &s.Active)
}

// Service returns one service.
func (db *DB) Service(ctx context.Context, id int64) (Service, error) {
	s, err := scanService(db.r.QueryRowContext(ctx, `SELECT id, name, category, minutes, price, currency, active FROM services WHERE id = ?`, id))
	return s, notFound(err, "service", id)
}
