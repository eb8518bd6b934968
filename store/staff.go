package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Staff roles.
var Roles = []string{"owner", "manager", "reception", "stylist", "accountant"}

// Staff is a member of the salon's team.
type Staff struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Role   string `json:"role"`
	Active bool   `json:"active"`
	// HasPIN says whether they have a PIN (the PIN itself is never read).
	HasPIN bool `json:"has_pin"`
	// Permissions are what they may do: the role's, or the owner's
	// adjustment when Adjusted.
	Permissions []Permission `json:"permissions"`
	Adjusted    bool         `json:"adjusted"`
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

// UpdateStaff changes a staff member's name, role and whether they work
// here. Deactivating someone removes their PIN and keeps their history; the
// last active owner with a PIN stays (see [ErrLastOwner]).
func (db *DB) UpdateStaff(ctx context.Context, s Staff) error {
	if err := s.validate(); err != nil {
		return err
	}
	return db.write(ctx, "staff.update", func(tx *sql.Tx) (int64, map[string]int, error) {
		if err := mustAffect(tx.ExecContext(ctx, `UPDATE staff SET name = ?, role = ?, active = ?,
			pin_hash = CASE WHEN ? THEN pin_hash END WHERE id = ?`, s.Name, s.Role, s.Active, s.Active, s.ID)); err != nil {
			return 0, nil, err
		}
		return s.ID, nil, keepsAnOwner(ctx, tx)
	})
}

// StaffMembers lists the team, active first, by name.
func (db *DB) StaffMembers(ctx context.Context) ([]Staff, error) {
	return queryAll(ctx, db.r, `SELECT id, name, role, active, pin_hash IS NOT NULL, permissions FROM staff ORDER BY active DESC, name`, nil, func(r scanner) (Staff, error) {
		var s Staff
		var custom *string
		err := r.Scan(&s.ID, &s.Name, &s.Role, &s.Active, &s.HasPIN, &custom)
		s.Permissions, s.Adjusted = effective(s.Role, custom), custom != nil
		return s, err
	})
}

// StaffMember is one staff member, as StaffMembers lists them.
func (db *DB) StaffMember(ctx context.Context, id int64) (Staff, error) {
	all, err := db.StaffMembers(ctx)
	if err != nil {
		return Staff{}, err
	}
	for _, s := range all {
		if s.ID == id {
			return s, nil
		}
	}
	return Staff{}, fmt.Errorf("store: staff %d: %w", id, ErrNotFound)
}

// SetPermissions adjusts what a staff member may do; nil puts back their
// role's defaults.
func (db *DB) SetPermissions(ctx context.Context, id int64, perms []Permission) error {
	var custom *string
	if perms != nil {
		names := make([]string, 0, len(perms))
		for _, p := range Permissions { // in the canonical order, each once
			if slices.Contains(perms, p) {
				names = append(names, string(p))
			}
		}
		for _, p := range perms {
			if !slices.Contains(Permissions, p) {
				return fieldErr("permissions", fmt.Errorf("%w: %s", ErrInvalidChoice, p))
			}
		}
		joined := strings.Join(names, ",")
		custom = &joined
	}
	return db.write(ctx, "staff.permissions", func(tx *sql.Tx) (int64, map[string]int, error) {
		if err := mustAffect(tx.ExecContext(ctx, `UPDATE staff SET permissions = ? WHERE id = ?`, custom, id)); err != nil {
			return 0, nil, err
		}
		return id, map[string]int{"permissions": len(effective("", custom))}, keepsAnOwner(ctx, tx)
	})
}

// ErrLastOwner refuses a change that would leave PINs in use but no active
// person with a PIN who may manage staff: nobody could ever change
// permissions or PINs again in the app.
var ErrLastOwner = errors.New("someone with a PIN must still be able to manage staff")

// keepsAnOwner checks, inside a staff change, that while anyone has a PIN,
// someone active with a PIN may manage staff.
func keepsAnOwner(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT role, permissions FROM staff WHERE active AND pin_hash IS NOT NULL`)
	if err != nil {
		return err
	}
	defer rows.Close()
	withPIN := 0
	for rows.Next() {
		var role string
		var custom *string
		if err := rows.Scan(&role, &custom); err != nil {
			return err
		}
		withPIN++
		if slices.Contains(effective(role, custom), PermStaff) {
			return nil
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if withPIN == 0 {
		return nil
	}
	return ErrLastOwner
}
