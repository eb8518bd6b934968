package store

import (
	"bytes"
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"golang.org/x/crypto/argon2"
)

// PINs say who is acting inside an unlocked salon. They are not encryption:
// the salon file is protected by its passphrase alone, and whoever holds the
// passphrase can act as the owner (kartoteka-cli without --as). A PIN is
// kept as an Argon2id hash under a random salt, inside the encrypted file,
// never in plain.

// The PIN rules.
var (
	ErrPINFormat = errors.New("a PIN is 4 to 8 digits")
	ErrWrongPIN  = errors.New("wrong PIN")
	ErrNoPIN     = errors.New("this person has no PIN, or no longer works here")
	// ErrPINLocked comes after PINLockAfter wrong PINs in a row: the app
	// locks the salon, and only its passphrase opens it again. A right PIN
	// ends the series.
	ErrPINLocked = errors.New("too many wrong PINs in a row: the salon locks and needs its passphrase")
)

// PINThrottled asks to wait before the next try: wrong PINs in a row make
// the wait grow.
type PINThrottled struct{ Wait time.Duration }

func (e PINThrottled) Error() string {
	return fmt.Sprintf("too many wrong PINs: try again in %d s", int(e.Wait.Round(time.Second)/time.Second))
}

// Is makes PINThrottled an ErrWrongPIN too.
func (e PINThrottled) Is(target error) bool { return target == ErrWrongPIN }

const (
	// PINFreeTries is how many wrong PINs in a row cost no wait.
	PINFreeTries = 3
	// PINLockAfter is how many wrong PINs in a row lock the salon.
	PINLockAfter = 10
)

// PINWait is how long to wait after failures wrong PINs in a row: nothing
// for the first PINFreeTries, then 2 s doubling (2, 4, 8 … 128 s).
func PINWait(failures int) time.Duration {
	if failures < PINFreeTries || failures >= PINLockAfter {
		return 0
	}
	return time.Duration(1<<(failures-PINFreeTries+1)) * time.Second
}

// pinParams is the PIN hash's cost: RFC 9106's and OWASP's lower
// recommendation (19 MiB, 2 passes), about 40 ms here.
var pinParams = struct {
	time, memKiB uint32
}{2, 19 * 1024}

const pinHashTag = "kpin1"

func validPIN(pin string) error {
	if len(pin) < 4 || len(pin) > 8 {
		return ErrPINFormat
	}
	for _, c := range pin {
		if c < '0' || c > '9' {
			return ErrPINFormat
		}
	}
	return nil
}

func hashPIN(pin string) ([]byte, error) {
	salt := make([]byte, 16)
	if _, err := randRead(salt); err != nil {
		return nil, err
	}
	sum := argon2.IDKey([]byte(pin), salt, pinParams.time, pinParams.memKiB, 1, 32)
	return append(append([]byte(pinHashTag), salt...), sum...), nil
}

func pinMatches(pin string, stored []byte) bool {
	if len(stored) != len(pinHashTag)+16+32 || !bytes.HasPrefix(stored, []byte(pinHashTag)) {
		return false
	}
	salt, want := stored[len(pinHashTag):len(pinHashTag)+16], stored[len(pinHashTag)+16:]
	got := argon2.IDKey([]byte(pin), salt, pinParams.time, pinParams.memKiB, 1, 32)
	return subtle.ConstantTimeCompare(got, want) == 1
}

// SetPIN gives an active staff member a new PIN and ends any series of wrong
// ones. While anyone has a PIN, someone with a PIN must be able to manage
// staff: the first PIN goes to the owner ([ErrLastOwner]).
func (db *DB) SetPIN(ctx context.Context, staffID int64, pin string) error {
	if err := validPIN(pin); err != nil {
		return err
	}
	h, err := hashPIN(pin)
	if err != nil {
		return err
	}
	return db.write(ctx, "staff.pin", func(tx *sql.Tx) (int64, map[string]int, error) {
		if err := mustAffect(tx.ExecContext(ctx, `UPDATE staff SET pin_hash = ?, pin_failures = 0, pin_failed_at = NULL
			WHERE id = ? AND active`, h, staffID)); err != nil {
			return 0, nil, fmt.Errorf("store: staff %d: %w", staffID, ErrNoPIN)
		}
		return staffID, nil, keepsAnOwner(ctx, tx)
	})
}

// ErrNotOwner: only an owner's forgotten PIN is set again with the
// passphrase; anyone else asks someone who may manage staff.
var ErrNotOwner = errors.New("only an active owner's PIN is set again with the passphrase")

// SetPINWithPassphrase is the way back for an owner who forgot their PIN:
// when passphrase is the salon's, the active owner staffID gets the new PIN
// pin (the old one stops working, any series of wrong PINs ends). Whoever
// holds the passphrase may act as the owner anyway, so it is audited as
// staff.pin by that owner, with "passphrase": 1. [ErrWrongPassphrase],
// [ErrPINFormat] or [ErrNotOwner] change nothing. It derives the
// passphrase's key, which takes a second or so: run it off the UI
// goroutine.
func (db *DB) SetPINWithPassphrase(ctx context.Context, staffID int64, passphrase, pin string) error {
	if err := validPIN(pin); err != nil {
		return err
	}
	if err := db.CheckPassphrase(passphrase); err != nil {
		return err
	}
	h, err := hashPIN(pin)
	if err != nil {
		return err
	}
	// The passphrase holder acts: whoever was acting before, nothing is
	// checked, and the owner is named.
	ctx = WithActor(context.WithValue(ctx, actingKey{}, int64(0)), StaffActor(staffID))
	return db.write(ctx, "staff.pin", func(tx *sql.Tx) (int64, map[string]int, error) {
		if err := mustAffect(tx.ExecContext(ctx, `UPDATE staff SET pin_hash = ?, pin_failures = 0, pin_failed_at = NULL
			WHERE id = ? AND active AND role = 'owner'`, h, staffID)); errors.Is(err, ErrNotFound) {
			return 0, nil, fmt.Errorf("store: staff %d: %w", staffID, ErrNotOwner)
		} else if err != nil {
			return 0, nil, err
		}
		return staffID, map[string]int{"passphrase": 1}, nil
	})
}

// ClearPIN removes a staff member's PIN.
func (db *DB) ClearPIN(ctx context.Context, staffID int64) error {
	return db.write(ctx, "staff.pin", func(tx *sql.Tx) (int64, map[string]int, error) {
		if err := mustAffect(tx.ExecContext(ctx, `UPDATE staff SET pin_hash = NULL, pin_failures = 0, pin_failed_at = NULL WHERE id = ?`, staffID)); err != nil {
			return 0, nil, err
		}
		return staffID, map[string]int{"cleared": 1}, keepsAnOwner(ctx, tx)
	})
}

// ForgivePINs starts every series of wrong PINs again. The app calls it
// once the salon is unlocked with its passphrase (or recovery key): whoever
// holds that may act as the owner anyway, so the wrong PINs before it —
// a lock by [ErrPINLocked] among them — no longer count, and a single
// wrong PIN after it is only a wrong PIN. Audited as staff.pins_forgiven
// with how many people's series ended, and only when one did.
func (db *DB) ForgivePINs(ctx context.Context) error {
	return db.write(ctx, "staff.pins_forgiven", func(tx *sql.Tx) (int64, map[string]int, error) {
		res, err := tx.ExecContext(ctx, `UPDATE staff SET pin_failures = 0, pin_failed_at = NULL WHERE pin_failures > 0`)
		if err != nil {
			return 0, nil, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return 0, nil, err
		}
		if n == 0 {
			return 0, nil, errUnchanged
		}
		return 0, map[string]int{"staff": int(n)}, nil
	})
}

// PeopleWithPINs counts the active staff members who have a PIN. The app
// asks who is working only from two on: a salon of one never sees PINs.
func (db *DB) PeopleWithPINs(ctx context.Context) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM staff WHERE active AND pin_hash IS NOT NULL`).Scan(&n)
	return n, err
}

// CheckPIN says whether pin is staffID's: nil, ErrWrongPIN, a PINThrottled
// wait (nothing was checked), ErrPINLocked, or ErrNoPIN. Every answer is
// audited with the staff number, never the PIN. What cannot be a PIN (not
// 4 to 8 digits: a typo, a file of the wrong kind) is ErrPINFormat, neither
// checked nor counted nor audited. It takes about 40 ms: run it off the UI
// goroutine.
func (db *DB) CheckPIN(ctx context.Context, staffID int64, pin string) error {
	if err := validPIN(pin); err != nil {
		return err
	}
	var stored []byte
	var failures int
	var failedAt sql.NullInt64
	err := db.r.QueryRowContext(ctx, `SELECT pin_hash, pin_failures, pin_failed_at FROM staff WHERE id = ? AND active`, staffID).
		Scan(&stored, &failures, &failedAt)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && stored == nil) {
		return ErrNoPIN
	}
	if err != nil {
		return fmt.Errorf("store: staff %d: %w", staffID, err)
	}
	if wait := PINWait(failures); wait > 0 && failedAt.Valid {
		if left := time.Unix(failedAt.Int64, 0).Add(wait).Sub(db.now()); left > 0 {
			return PINThrottled{Wait: left}
		}
	}
	// Whoever was acting before, the answer is the named person's own.
	ctx = WithActor(context.WithValue(ctx, actingKey{}, int64(0)), StaffActor(staffID))
	if pinMatches(pin, stored) {
		return db.write(ctx, "staff.sign_in", func(tx *sql.Tx) (int64, map[string]int, error) {
			_, err := tx.ExecContext(ctx, `UPDATE staff SET pin_failures = 0, pin_failed_at = NULL WHERE id = ?`, staffID)
			return staffID, nil, err
		})
	}
	failures++
	err = db.write(ctx, "staff.pin_wrong", func(tx *sql.Tx) (int64, map[string]int, error) {
		_, err := tx.ExecContext(ctx, `UPDATE staff SET pin_failures = pin_failures + 1, pin_failed_at = ? WHERE id = ?`, db.now().Unix(), staffID)
		return staffID, map[string]int{"in_a_row": failures}, err
	})
	switch {
	case err != nil:
		return err
	case failures >= PINLockAfter:
		return ErrPINLocked
	case PINWait(failures) > 0:
		return fmt.Errorf("%w: %w", ErrWrongPIN, PINThrottled{Wait: PINWait(failures)})
	}
	return ErrWrongPIN
}
