package store

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
)

// ErrHeaderChangedUnaudited means the key header did change (the new
// passphrase or recovery key is the one that opens the salon now) although
// its audit event could not be written and the old header could not be put
// back. The message says so, as the change cannot be called a failure.
var ErrHeaderChangedUnaudited = errors.New("the change was made, but its audit event could not be written")

// ChangePassphrase rewraps the data key under a new passphrase. Only the key
// header is rewritten; the old passphrase stops working. The key derivation
// is the stronger of [Options.KDF] (zero: calibrated on this machine) and
// the salon's current one, so a cheap setting left in the environment never
// weakens a salon. It is all or nothing: see [DB.rewrite].
func (db *DB) ChangePassphrase(ctx context.Context, passphrase string) error {
	if err := validatePassphrase(passphrase); err != nil {
		return err
	}
	kdf := db.opts.kdf()
	return db.rewrite(ctx, "passphrase.change", func(h *header) error {
		return h.setPassphrase(db.kr.dataKey, []byte(passphrase), h.kdf.stronger(kdf))
	})
}

// StrengthenKDF protects the same passphrase again with key derivation
// calibrated on this machine (at least [MinKDF], never weaker than now), for
// a salon whose settings are [KDFParams.Weak]. The passphrase must be the
// current one: ErrWrongPassphrase otherwise, and nothing changes.
func (db *DB) StrengthenKDF(ctx context.Context, passphrase string) error {
	if err := db.CheckPassphrase(passphrase); err != nil {
		return err
	}
	kdf := CalibrateKDF(calibrationTarget).stronger(MinKDF)
	return db.rewrite(ctx, "passphrase.strengthen", func(h *header) error {
		return h.setPassphrase(db.kr.dataKey, []byte(passphrase), h.kdf.stronger(kdf))
	})
}

// KDF is the key derivation that protects the salon's passphrase now.
func (db *DB) KDF() KDFParams {
	db.hdrMu.Lock()
	defer db.hdrMu.Unlock()
	return db.kr.header.kdf
}

// WeakKDF reports whether the passphrase is protected by key derivation
// below [MinKDF]: the app and the CLI warn, and offer [DB.StrengthenKDF].
func (db *DB) WeakKDF() bool { return db.KDF().Weak() }

// CheckPassphrase tells whether passphrase opens this database, for changes
// that ask for it again (a new recovery key): ErrWrongPassphrase when not. It
// runs the key derivation, so it takes as long as an unlock.
func (db *DB) CheckPassphrase(passphrase string) error {
	db.hdrMu.Lock()
	h := db.kr.header
	db.hdrMu.Unlock()
	key, err := h.unlockPassphrase([]byte(passphrase))
	if err != nil {
		return ErrWrongPassphrase
	}
	defer clear(key)
	if subtle.ConstantTimeCompare(key, db.kr.dataKey) != 1 {
		return ErrWrongPassphrase
	}
	return nil
}

// RegenerateRecoveryKey replaces the recovery key; the old one stops working.
// Like a passphrase change it is all or nothing.
func (db *DB) RegenerateRecoveryKey(ctx context.Context) (string, error) {
	var rec []byte
	err := db.rewrite(ctx, "recovery_key.regenerate", func(h *header) error {
		var err error
		rec, err = h.newRecoveryKey(db.kr.dataKey)
		return err
	})
	if err != nil {
		return "", err
	}
	return FormatRecoveryKey(rec), nil
}

// rewrite changes the key header and records the audit event as one step:
// the event is written in a transaction that stays open while the new
// header goes in, and commits only after. When the header cannot be written
// the transaction rolls back; when the commit fails the old header is put
// back. Either way nothing changed, and the error says why. Only when even
// putting the old header back fails is the change kept, and the error is
// ErrHeaderChangedUnaudited, which says the new secret is the one that
// works now.
func (db *DB) rewrite(ctx context.Context, action string, change func(h *header) error) error {
	if db.shared {
		return fmt.Errorf("store: %s: %w", action, errSharedWrite)
	}
	db.hdrMu.Lock()
	defer db.hdrMu.Unlock()
	old := db.kr.header
	h := old
	if err := change(&h); err != nil {
		return fmt.Errorf("store: %s: %w", action, err)
	}
	h.seq = old.seq + 1
	h.version = headerVersion
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %s: %w", action, err)
	}
	defer tx.Rollback()
	if err := db.audit(ctx, tx, action, 0, nil); err != nil {
		return err
	}
	if err := writeHeader(db.hf, h); err != nil {
		return db.putBack(old, h, fmt.Errorf("store: %s: %w", action, err))
	}
	if err := tx.Commit(); err != nil {
		return db.putBack(old, h, fmt.Errorf("store: %s: %w", action, err))
	}
	db.kr.header = h
	return nil
}

// putBack writes the old header again after a failed change (with a higher
// sequence number than the attempt, so it wins over a slot the attempt may
// have written) and returns cause. When that fails too, it reads back which
// header the file now opens with: the attempt's means the change stands.
func (db *DB) putBack(old, attempt header, cause error) error {
	back := old
	back.seq = attempt.seq + 1
	back.version = headerVersion
	if err := writeHeader(db.hf, back); err == nil {
		db.kr.header = back
		return cause
	}
	b := make([]byte, headerSize)
	if _, err := db.hf.ReadAt(b, 0); err == nil {
		if now, err := decodeHeaderFile(b); err == nil {
			if now.passKey == attempt.passKey && now.recKey == attempt.recKey {
				db.kr.header = *now
				return fmt.Errorf("%w (%w)", ErrHeaderChangedUnaudited, cause)
			}
			db.kr.header = *now
		}
	}
	return cause
}

// errSharedWrite refuses a write through a DB opened with Options.Shared.
var errSharedWrite = errors.New("the salon is open for reading only")
