package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Staff roles.
var Roles = []string{"owner", "reception", "stylist", "accountant"}

// Staff is a member of the salon's team.
type Staff struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Role   string `json:"role"`
	Active bool   `json:"active"`
}

func (s *Staff) validate() error {
	var err error
	if s.Name, err = text("name", s.Name, limitName, true); err != nil {
		return err
	}
	if s.Role == "" {
		s.Role = "stylist"
	}
	return oneOf("role", s.Role, Roles...)
}

// CreateStaff adds an active staff member and returns the new ID.
func (db *DB) CreateStaff(ctx context.Context, s Staff) (int64, error) {
	return db.one(ctx, "staff.create", func(b *Batch) (int64, error) { return b.CreateStaff(s) })
}

// CreateStaff adds an active staff member and returns the new ID.
func (b *Batch) CreateStaff(s Staff) (int64, error) {
	if err := s.validate(); err != nil {
		return 0, err
	}
	res, err := b.tx.ExecContext(b.ctx, `INSERT INTO staff (name, role, active, created_at) VALUES (?, ?, 1, ?)`, s.Name, s.Role, b.clock().Unix())
	if err != nil {
		return 0, fmt.Errorf("store: create staff: %w", err)
	}
	b.count("staff")
	return res.LastInsertId()
}

// UpdateStaff changes a staff member's name, role and whether they work here.
func (db *DB) UpdateStaff(ctx context.Context, s Staff) error {
	if err := s.validate(); err != nil {
		return err
	}
	return db.write(ctx, "staff.update", func(tx *sql.Tx) (int64, map[string]int, error) {
		return s.ID, nil, mustAffect(tx.ExecContext(ctx, `UPDATE staff SET name = ?, role = ?, active = ? WHERE id = ?`, s.Name, s.Role, s.Active, s.ID))
	})
}

// StaffMembers lists the team, active first, by name.
func (db *DB) StaffMembers(ctx context.Context) ([]Staff, error) {
	return queryAll(ctx, db.r, `SELECT id, name, role, active FROM staff ORDER BY active DESC, name`, nil, func(r scanner) (Staff, error) {
		var s Staff
		return s, r.Scan(&s.ID, &s.Name, &s.Role, &s.Active)
	})
}
