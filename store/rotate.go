package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"

	"kartoteka/store/internal/pagecrypt"
)

// nonceBudget is how many pages one page key seals before the salon is
// re-encrypted under the next: AES-GCM with random 96-bit nonces must stay
// far below 2^32 seals per key, and 2^30 is a quarter of that. A salon
// writes a few thousand pages a day, so this is decades away; the limit is
// kept all the same.
var nonceBudget uint64 = 1 << 30

// KeyUse is how much of its page key's nonce budget a salon has spent.
type KeyUse struct {
	Epoch  uint32 `json:"epoch"`
	Sealed uint64 `json:"sealed"`
	Budget uint64 `json:"budget"`
}

// MaintainKeys records in the key header how many pages the current page
// key has sealed and, when that reaches the budget, rotates it: the header
// moves to the next key epoch, new pages are sealed under it, and a VACUUM
// rewrites every page so that none is left under the old one. It is for the
// daily job; rotated says whether it rotated. The daily job also ends a
// restore's or an upgrade's safety copy past [SafetyCopyDays] here, for a
// salon left open that long (Close does it otherwise).
func (db *DB) MaintainKeys(ctx context.Context) (use KeyUse, rotated bool, err error) {
	if db.kr != nil && !db.shared {
		db.pruneSafetyCopy()
	}
	if db.kr == nil || db.shared || db.kr.key.Format() != pagecrypt.FormatGCM {
		return use, false, nil
	}
	if err := db.recordSealed(0); err != nil {
		return use, false, err
	}
	h := db.header()
	use = KeyUse{Epoch: h.epoch, Sealed: h.sealed, Budget: nonceBudget}
	if h.sealed < nonceBudget {
		return use, false, nil
	}
	if err := db.recordSealed(1); err != nil {
		return use, false, err
	}
	if err := db.kr.key.SetEpoch(db.header().epoch); err != nil {
		return use, false, err
	}
	if _, err := db.w.ExecContext(ctx, "VACUUM"); err != nil {
		return use, false, fmt.Errorf("store: re-encrypt under the new page key: %w", err)
	}
	if err := db.Checkpoint(ctx); err != nil {
		return use, false, err
	}
	if err := db.recordSealed(0); err != nil {
		return use, true, err
	}
	h = db.header()
	return KeyUse{Epoch: h.epoch, Sealed: h.sealed, Budget: nonceBudget}, true, nil
}

// recordSealed adds the pages sealed since the last record to the key
// header's count; with next 1 it moves the header to the next epoch, whose
// count starts at zero. The header is written before any page is sealed
// under a new epoch, so a crash can only over-count.
func (db *DB) recordSealed(next uint32) error {
	db.hdrMu.Lock()
	defer db.hdrMu.Unlock()
	now := db.kr.key.Sealed()
	h := db.kr.header
	h.sealed += now - db.sealedSeen
	if next > 0 {
		h.epoch, h.sealed = h.epoch+next, 0
	}
	if h == db.kr.header {
		return nil
	}
	h.seq++
	if err := writeHeader(db.hf, h); err != nil {
		return err
	}
	h.version = headerVersion
	db.kr.header, db.sealedSeen = h, now
	return nil
}

// header is the key header as last written, read under its lock.
func (db *DB) header() header {
	db.hdrMu.Lock()
	defer db.hdrMu.Unlock()
	return db.kr.header
}

// freshLog gives the WAL a new random log ID once it is empty, which it is
// after an open has recovered and checkpointed it: a WAL of an earlier
// session put back beside the file then no longer authenticates, instead of
// replaying pages that were since changed or erased. The header is written
// before any frame is sealed under the new ID.
func (db *DB) freshLog(ctx context.Context) error {
	if db.kr == nil || db.kr.key.Format() != pagecrypt.FormatGCM {
		return nil
	}
	if err := db.Checkpoint(ctx); err != nil {
		return err
	}
	if fi, err := os.Stat(db.path + "-wal"); err == nil && fi.Size() > 0 {
		return nil
	}
	var id [8]byte
	if _, err := randRead(id[:]); err != nil {
		return err
	}
	db.hdrMu.Lock()
	defer db.hdrMu.Unlock()
	h := db.kr.header
	h.logID = binary.BigEndian.Uint64(id[:])
	h.seq++
	if err := writeHeader(db.hf, h); err != nil {
		return err
	}
	h.version = headerVersion
	db.kr.header = h
	db.kr.key.SetLogID(h.logID)
	return nil
}
