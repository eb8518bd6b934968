package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/hkdf"
)

// The erasure ledger also lives outside the database, so that a backup
// restored where the database is gone (a new laptop) still forgets whoever
// was forgotten after the backup was made. The ledger file is kept beside
// the salon file and beside every backup; it is named after the salon's file
// ID, never a person ("kartoteka-erasures-1a2b3c4d5e6f.ktkledger"), and
// holds, per erasure, the client's number, when the card was made (which
// tells the client apart from a later card given the same number after a
// restore), the time and the kind of actor (staff, cli, retention,
// restore): never a name or a reason typed by a person. It is append-only:
//
//	head:    magic "KTKLEDG1" | file ID (16) | salt (16)
//	records: u32 length | nonce (24) | sealed record
//	record:  client ID i64 | card made, Unix seconds i64 | erased, Unix seconds i64 |
//	         u8 length | actor kind
//
// Each record is sealed on its own with XChaCha20-Poly1305 under a key
// derived with HKDF-SHA256 from the data key and the salt, the head as
// associated data: only the salon's passphrase or recovery key reads or
// extends it. A record cut short at the end (a crash while appending) is
// ignored and overwritten by the next append; a record that fails to open
// is skipped and reported as [ErrLedgerDamaged].

var ledgerMagic = [8]byte{'K', 'T', 'K', 'L', 'E', 'D', 'G', '1'}

const ledgerHeadSize = 8 + 16 + 16

// maxLedgerRecord bounds a sealed record: a longer length is damage.
const maxLedgerRecord = 24 + ledgerFixed + 255 + chacha20poly1305.Overhead

// ledgerFixed is the part of a record before the actor kind's bytes.
const ledgerFixed = 8 + 8 + 8 + 1

// ErrLedgerDamaged is a ledger file some of whose records could not be read;
// the others are used.
var ErrLedgerDamaged = errors.New("an erasure ledger file is damaged; what could be read of it was used")

// LedgerFileName is the name of the salon's ledger file, the same in every
// folder.
func (db *DB) LedgerFileName() string {
	return "kartoteka-erasures-" + hex.EncodeToString(db.kr.header.fileID[:6]) + ".ktkledger"
}

// ledgerFile is a ledger file as read: its entries and where the last whole
// record ends.
type ledgerFile struct {
	head    []byte
	entries []LedgerEntry
	end     int64
	exists  bool
	damaged bool
}

func ledgerKey(dataKey, salt []byte) ([]byte, error) {
	key := make([]byte, chacha20poly1305.KeySize)
	_, err := io.ReadFull(hkdf.New(sha256.New, dataKey, salt, []byte("kartoteka erasure ledger v1")), key)
	return key, err
}

// readLedger reads the salon's ledger file in dir; a missing file is empty.
func (db *DB) readLedger(dir string) (ledgerFile, error) {
	var lf ledgerFile
	b, err := os.ReadFile(filepath.Join(dir, db.LedgerFileName()))
	if errors.Is(err, fs.ErrNotExist) {
		return lf, nil
	}
	if err != nil {
		return lf, fmt.Errorf("store: read the erasure ledger: %w", bare(err))
	}
	lf.exists = true
	if len(b) < ledgerHeadSize || !bytes.Equal(b[:8], ledgerMagic[:]) || !bytes.Equal(b[8:24], db.kr.header.fileID[:]) {
		lf.damaged = true
		return lf, ErrLedgerDamaged
	}
	lf.head = b[:ledgerHeadSize]
	key, err := ledgerKey(db.kr.dataKey, lf.head[24:])
	if err != nil {
		return lf, err
	}
	defer clear(key)
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return lf, err
	}
	off := ledgerHeadSize
	for off+4 <= len(b) {
		n := int(binary.BigEndian.Uint32(b[off:]))
		if off+4+n > len(b) {
			break // cut short while appending
		}
		rec := b[off+4 : off+4+n]
		off += 4 + n
		if n < 24+chacha20poly1305.Overhead || n > maxLedgerRecord {
			lf.damaged = true
			break
		}
		plain, err := aead.Open(nil, rec[:24], rec[24:], lf.head)
		if err != nil {
			lf.damaged = true
			continue
		}
		e, ok := decodeLedgerRecord(plain)
		if !ok {
			lf.damaged = true
			continue
		}
		lf.entries = append(lf.entries, e)
	}
	lf.end = int64(off)
	if lf.damaged {
		return lf, ErrLedgerDamaged
	}
	return lf, nil
}

func encodeLedgerRecord(e LedgerEntry) []byte {
	kind, _, _ := strings.Cut(string(e.By), ":")
	kind = kind[:min(len(kind), 255)]
	b := binary.BigEndian.AppendUint64(nil, uint64(e.ClientID))
	b = binary.BigEndian.AppendUint64(b, uint64(e.key()[1]))
	b = binary.BigEndian.AppendUint64(b, uint64(e.At.Unix()))
	b = append(b, byte(len(kind)))
	return append(b, kind...)
}

// ledgerRecordLen is the length of the record at the start of b, or 0 when
// b is too short to say.
func ledgerRecordLen(b []byte) int {
	if len(b) < ledgerFixed {
		return 0
	}
	return ledgerFixed + int(b[ledgerFixed-1])
}

func decodeLedgerRecord(b []byte) (LedgerEntry, bool) {
	if n := ledgerRecordLen(b); n == 0 || n != len(b) {
		return LedgerEntry{}, false
	}
	e := LedgerEntry{
		ClientID: int64(binary.BigEndian.Uint64(b)),
		At:       time.Unix(int64(binary.BigEndian.Uint64(b[16:])), 0),
		By:       Actor(b[ledgerFixed:]),
	}
	if c := int64(binary.BigEndian.Uint64(b[8:])); c != 0 {
		e.Created = time.Unix(c, 0)
	}
	return e, true
}

// LedgerFile reads the salon's ledger file in dir: no entries when there is
// none. A partly damaged file gives what could be read and ErrLedgerDamaged.
func (db *DB) LedgerFile(dir string) ([]LedgerEntry, error) {
	lf, err := db.readLedger(dir)
	return lf.entries, err
}

// SyncLedgerFiles brings the salon's ledger file beside the database and in
// each of dirs (a backup folder) up to the union of the erasure ledger in
// the database and in all those files, appending what each lacks. Privacy
// calls it after every erasure, backup and restore; a file that could not be
// written is reported, the others are still written.
func (db *DB) SyncLedgerFiles(ctx context.Context, dirs ...string) error {
	if db.kr == nil {
		return nil // a plain database (make bench's) has no key to seal a ledger with
	}
	all := append([]string{filepath.Dir(db.path)}, dirs...)
	var folders []string
	for _, d := range all {
		if d != "" && !slices.ContainsFunc(folders, func(f string) bool { return samePath(f, d) }) {
			folders = append(folders, d)
		}
	}
	union, err := db.ErasureLedger(ctx)
	if err != nil {
		return err
	}
	files := make([]ledgerFile, len(folders))
	var errs []error
	for i, d := range folders {
		lf, err := db.readLedger(d)
		if err != nil && !errors.Is(err, ErrLedgerDamaged) {
			errs = append(errs, err)
			files[i].damaged = true
			continue
		}
		files[i] = lf
		union = append(union, lf.entries...)
	}
	union = UniqueLedger(union)
	for i, d := range folders {
		if files[i].damaged && !files[i].exists {
			continue // unreadable folder, reported above
		}
		if err := db.appendLedger(d, files[i], union); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// UniqueLedger keeps the first entry of each card, in order: the union of
// several ledgers.
func UniqueLedger(entries []LedgerEntry) []LedgerEntry {
	seen := map[[2]int64]bool{}
	var out []LedgerEntry
	for _, e := range entries {
		if !seen[e.key()] {
			seen[e.key()] = true
			out = append(out, e)
		}
	}
	return out
}

// appendLedger appends to the ledger file in dir, as read in lf, the entries
// of want it lacks. A new file, or one whose head cannot be read, is written
// whole under a temporary name and renamed into place, so nobody ever sees a
// head without its records; an existing one is extended in place after its
// last whole record.
func (db *DB) appendLedger(dir string, lf ledgerFile, want []LedgerEntry) error {
	path := filepath.Join(dir, db.LedgerFileName())
	if !lf.exists || lf.head == nil {
		if len(want) == 0 {
			return nil
		}
		var salt [16]byte
		if _, err := rand.Read(salt[:]); err != nil {
			return err
		}
		head := slices.Concat(ledgerMagic[:], db.kr.header.fileID[:], salt[:])
		recs, err := db.sealLedger(head, want)
		if err != nil {
			return err
		}
		t, err := CreateTemp(dir)
		if err != nil {
			return fmt.Errorf("store: write the erasure ledger: %w", bare(err))
		}
		if _, err := t.Write(append(head, recs...)); err != nil {
			t.Discard()
			return fmt.Errorf("store: write the erasure ledger: %w", bare(err))
		}
		if err := t.Commit(path); err != nil {
			return fmt.Errorf("store: write the erasure ledger: %w", err)
		}
		return nil
	}
	have := map[[2]int64]bool{}
	for _, e := range lf.entries {
		have[e.key()] = true
	}
	var missing []LedgerEntry
	for _, e := range want {
		if !have[e.key()] {
			missing = append(missing, e)
		}
	}
	fi, err := os.Stat(path)
	if err == nil && len(missing) == 0 && fi.Size() == lf.end {
		return nil
	}
	recs, err := db.sealLedger(lf.head, missing)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("store: write the erasure ledger: %w", bare(err))
	}
	defer f.Close()
	if err := f.Truncate(lf.end); err != nil {
		return fmt.Errorf("store: write the erasure ledger: %w", bare(err))
	}
	if _, err := f.WriteAt(recs, lf.end); err != nil {
		f.Truncate(lf.end)
		return fmt.Errorf("store: write the erasure ledger: %w", bare(err))
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("store: write the erasure ledger: %w", bare(err))
	}
	return nil
}

// sealLedger seals entries as records of the ledger file with head.
func (db *DB) sealLedger(head []byte, entries []LedgerEntry) ([]byte, error) {
	key, err := ledgerKey(db.kr.dataKey, head[24:])
	if err != nil {
		return nil, err
	}
	defer clear(key)
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	var recs []byte
	for _, e := range entries {
		nonce := make([]byte, chacha20poly1305.NonceSizeX)
		if _, err := rand.Read(nonce); err != nil {
			return nil, err
		}
		sealed := aead.Seal(nonce, nonce, encodeLedgerRecord(e), head)
		recs = binary.BigEndian.AppendUint32(recs, uint32(len(sealed)))
		recs = append(recs, sealed...)
	}
	return recs, nil
}
