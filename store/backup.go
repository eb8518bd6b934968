package store

import (
	"bufio"
	"context"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/hkdf"
)

// A backup is the database file as it is on disk (its pages already
// encrypted), sealed again with ChaCha20-Poly1305 in chunks under a key
// derived from the data key, so that any changed, missing or added byte is
// found. It begins with a plaintext, authenticated part: a magic, the
// version, a salt, the manifest (time and counts, no personal data) and a
// copy of the key header, whose wrapped keys let the passphrase or the
// recovery key open the backup as they open the database.
//
//	magic "KTKBACK2" | u32 manifest length | manifest JSON | key header (8 KiB) | salt (16)
//	then chunks: u32 length | sealed chunk (nonce: chunk number, last-chunk flag)
//	then, in version 2, one more chunk: the erasure ledger (nonce flag 2)
//
// The ledger chunk carries the salon's erasure ledger as it was when the
// backup was made (the database's and the ledger file's beside it, as
// records of the ledger file: client number, time, actor kind), so that a
// restore can forget again whoever it lists. Version 1 backups, which lack
// it, are still restored.

var (
	backupMagic   = [8]byte{'K', 'T', 'K', 'B', 'A', 'C', 'K', '2'}
	backupMagicV1 = [8]byte{'K', 'T', 'K', 'B', 'A', 'C', 'K', '1'}
)

// Nonce flags of the chunks: the last chunk of the database, a chunk of the
// ledger and its last.
const (
	flagLastChunk  = 1
	flagLedger     = 2
	flagLastLedger = 3
)

// backupChunk is how much of the database one sealed chunk holds.
const backupChunk = 1 << 16

// ErrBackupDamaged is a backup that is not whole or was changed: nothing is
// restored from it.
var ErrBackupDamaged = errors.New("the backup is damaged or was changed; nothing was restored from it")

// BackupManifest says what a backup holds: no personal data.
type BackupManifest struct {
	Created time.Time `json:"created"`
	Size    int64     `json:"size"`
	Counts  Counts    `json:"counts"`
}

// Backup writes a sealed, consistent snapshot of the database to w: the
// WAL is checkpointed into the file, then the file is read, page by page
// as it is on disk (encrypted), inside a read transaction that keeps
// writers out of it. Plaintext never reaches w.
func (db *DB) Backup(ctx context.Context, w io.Writer) (BackupManifest, error) {
	if err := db.Require(ctx, PermBackup); err != nil {
		return BackupManifest{}, err
	}
	var m BackupManifest
	if err := db.Checkpoint(ctx); err != nil {
		return m, err
	}
	tx, err := db.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return m, fmt.Errorf("store: backup: %w", err)
	}
	defer tx.Rollback()
	snap := &DB{r: tx, now: db.now}
	if m.Counts, err = snap.Counts(ctx); err != nil { // also takes the read snapshot
		return m, err
	}
	ledger, err := snap.ErasureLedger(ctx)
	if err != nil {
		return m, err
	}
	beside, _ := db.LedgerFile(filepath.Dir(db.path)) // what can be read of it
	ledger = UniqueLedger(append(ledger, beside...))
	db.hdrMu.Lock()
	defer db.hdrMu.Unlock()
	fi, err := db.file.Stat()
	if err != nil {
		return m, fmt.Errorf("store: backup: %w", err)
	}
	m.Created, m.Size = db.now(), fi.Size()
	keyHeader := make([]byte, headerSize)
	if _, err := db.file.ReadAt(keyHeader, 0); err != nil {
		return m, fmt.Errorf("store: backup: key header: %w", err)
	}
	manifest, _ := json.Marshal(m)
	var salt [16]byte
	if _, err := rand.Read(salt[:]); err != nil {
		return m, err
	}
	bw := bufio.NewWriter(w)
	head := backupHead(manifest, keyHeader, salt[:])
	if _, err := bw.Write(head); err != nil {
		return m, fmt.Errorf("store: write the backup: %w", bare(err))
	}
	aead, err := backupAEAD(db.kr.dataKey, salt[:])
	if err != nil {
		return m, err
	}
	ad := sha256.Sum256(head)
	buf := make([]byte, backupChunk)
	for i, off := uint64(0), int64(0); off < m.Size; i++ {
		if err := ctx.Err(); err != nil {
			return m, err // interrupted: the caller removes what was written
		}
		n := int(min(int64(backupChunk), m.Size-off))
		if _, err := db.file.ReadAt(buf[:n], off); err != nil { // the store's own descriptor: closing another would drop SQLite's locks
			return m, fmt.Errorf("store: backup: read: %w", err)
		}
		off += int64(n)
		flag := byte(0)
		if off == m.Size {
			flag = flagLastChunk
		}
		if err := writeChunk(bw, aead.Seal(nil, chunkNonce(i, flag), buf[:n], ad[:])); err != nil {
			return m, err
		}
	}
	var recs []byte
	for _, e := range ledger {
		recs = append(recs, encodeLedgerRecord(e)...)
	}
	for i := uint64((m.Size + backupChunk - 1) / backupChunk); ; i++ {
		part := recs[:min(len(recs), backupChunk)]
		recs = recs[len(part):]
		flag := byte(flagLedger)
		if len(recs) == 0 {
			flag = flagLastLedger
		}
		if err := writeChunk(bw, aead.Seal(nil, chunkNonce(i, flag), part, ad[:])); err != nil {
			return m, err
		}
		if flag == flagLastLedger {
			break
		}
	}
	if err := bw.Flush(); err != nil {
		return m, fmt.Errorf("store: write the backup: %w", bare(err))
	}
	return m, nil
}

// writeChunk writes a sealed chunk with its length.
func writeChunk(w io.Writer, sealed []byte) error {
	var l [4]byte
	binary.BigEndian.PutUint32(l[:], uint32(len(sealed)))
	if _, err := w.Write(append(l[:], sealed...)); err != nil {
		return fmt.Errorf("store: write the backup: %w", bare(err))
	}
	return nil
}

// splitLedgerRecords reads the ledger chunk of a backup.
func splitLedgerRecords(b []byte) ([]LedgerEntry, bool) {
	var out []LedgerEntry
	for len(b) > 0 {
		n := ledgerRecordLen(b)
		if n == 0 || n > len(b) {
			return nil, false
		}
		e, ok := decodeLedgerRecord(b[:n])
		if !ok {
			return nil, false
		}
		out = append(out, e)
		b = b[n:]
	}
	return out, true
}

func backupHead(manifest, keyHeader, salt []byte) []byte {
	head := append([]byte{}, backupMagic[:]...)
	head = binary.BigEndian.AppendUint32(head, uint32(len(manifest)))
	head = append(head, manifest...)
	head = append(head, keyHeader...)
	return append(head, salt...)
}

func backupAEAD(dataKey, salt []byte) (cipher.AEAD, error) {
	key := make([]byte, chacha20poly1305.KeySize)
	if _, err := io.ReadFull(hkdf.New(sha256.New, dataKey, salt, []byte("kartoteka backup v1")), key); err != nil {
		return nil, err
	}
	defer clear(key)
	return chacha20poly1305.New(key)
}

// chunkNonce numbers the chunks and marks the last of the database and the
// ledger, so that chunks cannot be reordered, dropped or the backup cut
// short unnoticed.
func chunkNonce(i uint64, flag byte) []byte {
	n := make([]byte, chacha20poly1305.NonceSize)
	binary.BigEndian.PutUint64(n[4:], i)
	n[0] = flag
	return n
}

// ReadBackupManifest reads what a backup says it holds, unverified: for
// showing its date and counts before it is unlocked.
func ReadBackupManifest(path string) (BackupManifest, error) {
	f, err := os.Open(path)
	if err != nil {
		return BackupManifest{}, fmt.Errorf("store: backup: %w", err)
	}
	defer f.Close()
	m, _, _, _, err := readBackupHead(bufio.NewReader(f))
	return m, err
}

// CheckBackupUnlock tells whether u opens the backup at path, changing
// nothing: ErrWrongPassphrase when not, ErrBackupDamaged when its head is
// not a backup's. It runs the key derivation, so it takes as long as an
// unlock; the app asks it before it locks the salon for a restore, so a
// mistyped passphrase is said beside the field.
func CheckBackupUnlock(path string, u Unlock) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("store: backup: %w", bare(err))
	}
	defer f.Close()
	_, _, h, _, err := readBackupHead(bufio.NewReader(f))
	if err != nil {
		return err
	}
	key, err := u.dataKey(h)
	clear(key)
	return err
}

// readBackupHead reads the plaintext part of a backup; head is all of it,
// the associated data of every chunk, whose first 8 bytes are the magic.
func readBackupHead(r *bufio.Reader) (m BackupManifest, head []byte, h *header, salt []byte, err error) {
	var fixed [12]byte
	if _, err := io.ReadFull(r, fixed[:]); err != nil || ([8]byte(fixed[:8]) != backupMagic && [8]byte(fixed[:8]) != backupMagicV1) {
		return m, nil, nil, nil, ErrBackupDamaged
	}
	n := binary.BigEndian.Uint32(fixed[8:])
	if n > 1<<16 {
		return m, nil, nil, nil, ErrBackupDamaged
	}
	rest := make([]byte, int(n)+headerSize+16)
	if _, err := io.ReadFull(r, rest); err != nil {
		return m, nil, nil, nil, ErrBackupDamaged
	}
	if err := json.Unmarshal(rest[:n], &m); err != nil {
		return m, nil, nil, nil, ErrBackupDamaged
	}
	if h, err = decodeHeaderFile(rest[n : int(n)+headerSize]); err != nil {
		return m, nil, nil, nil, ErrBackupDamaged
	}
	return m, append(fixed[:], rest...), h, rest[int(n)+headerSize:], nil
}

// Unlock opens a key header: the passphrase or the recovery key.
type Unlock struct {
	Passphrase  string
	RecoveryKey string
}

func (u Unlock) dataKey(h *header) ([]byte, error) {
	if u.RecoveryKey != "" {
		rec, err := ParseRecoveryKey(u.RecoveryKey)
		if err != nil {
			return nil, err
		}
		return h.unlockRecovery(rec)
	}
	return h.unlockPassphrase([]byte(u.Passphrase))
}

// UnsealedBackup is a backup checked whole and written out beside the
// salon file it is to replace.
type UnsealedBackup struct {
	Path     string // the database it holds, encrypted, under a temporary name
	Manifest BackupManifest
	// Ledger is the erasure ledger the backup carries (none in a backup
	// made before backups carried it).
	Ledger []LedgerEntry
	// SameSalon reports whether the salon file at dest is the same salon
	// (the same file ID) as the backup's, so that its ledger applies.
	SameSalon bool
}

// UnsealBackup checks a backup whole and writes the database it holds to a
// new file beside dest (never over it). A wrong passphrase or key is
// ErrWrongPassphrase, a changed or cut backup ErrBackupDamaged; either way
// nothing is left behind. Call it with dest locked ([LockSalon]): it first
// removes what restores killed earlier left beside dest.
func UnsealBackup(src, dest string, u Unlock) (UnsealedBackup, error) {
	var ub UnsealedBackup
	f, err := os.Open(src)
	if err != nil {
		return ub, fmt.Errorf("store: read the backup: %w", bare(err))
	}
	defer f.Close()
	r := bufio.NewReader(f)
	m, head, h, salt, err := readBackupHead(r)
	if err != nil {
		return ub, err
	}
	ub.Manifest = m
	dataKey, err := u.dataKey(h)
	if err != nil {
		return ub, err
	}
	defer clear(dataKey)
	aead, err := backupAEAD(dataKey, salt)
	if err != nil {
		return ub, err
	}
	if cur, err := os.Open(dest); err == nil {
		if ch, err := readHeader(cur); err == nil {
			ub.SameSalon = ch.fileID == h.fileID
		}
		cur.Close()
	}
	ad := sha256.Sum256(head)
	hasLedger := [8]byte(head[:8]) == backupMagic
	// A restore killed earlier may have left its file (encrypted, never
	// plaintext) beside dest: it is of no use now.
	prefix := filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+"-restore-")
	for _, pattern := range []string{prefix + "*", filepath.Join(filepath.Dir(dest), ".kartoteka-restore-*")} {
		stale, _ := filepath.Glob(pattern)
		for _, f := range stale {
			removeDBFiles(f)
			os.Remove(f + ".lock")
		}
	}
	out, err := os.CreateTemp(filepath.Dir(dest), filepath.Base(prefix)+"*")
	if err != nil {
		return ub, fmt.Errorf("store: restore: %w", bare(err))
	}
	ok := false
	defer func() {
		if !ok {
			out.Close()
			os.Remove(out.Name())
		}
	}()
	var written int64
	last := false
	i := uint64(0)
	for ; !last; i++ {
		sealed, err := readChunk(r)
		if err != nil {
			return ub, err
		}
		plain, err := aead.Open(nil, chunkNonce(i, 0), sealed, ad[:])
		if err != nil {
			if plain, err = aead.Open(nil, chunkNonce(i, flagLastChunk), sealed, ad[:]); err != nil {
				return ub, ErrBackupDamaged
			}
			last = true
		}
		if _, err := out.Write(plain); err != nil {
			return ub, fmt.Errorf("store: restore: %w", bare(err))
		}
		written += int64(len(plain))
	}
	if hasLedger {
		var recs []byte
		for last = false; !last; i++ {
			sealed, err := readChunk(r)
			if err != nil {
				return ub, err
			}
			plain, err := aead.Open(nil, chunkNonce(i, flagLedger), sealed, ad[:])
			if err != nil {
				if plain, err = aead.Open(nil, chunkNonce(i, flagLastLedger), sealed, ad[:]); err != nil {
					return ub, ErrBackupDamaged
				}
				last = true
			}
			recs = append(recs, plain...)
		}
		entries, whole := splitLedgerRecords(recs)
		if !whole {
			return ub, ErrBackupDamaged
		}
		ub.Ledger = entries
	}
	if _, err := r.ReadByte(); err != io.EOF || written != m.Size {
		return ub, ErrBackupDamaged // something after the last chunk, or the wrong size
	}
	if err := out.Sync(); err != nil {
		return ub, fmt.Errorf("store: restore: %w", bare(err))
	}
	if err := out.Close(); err != nil {
		return ub, fmt.Errorf("store: restore: %w", bare(err))
	}
	ok = true
	ub.Path = out.Name()
	return ub, nil
}

// readChunk reads one sealed chunk; a backup cut short is damaged.
func readChunk(r *bufio.Reader) ([]byte, error) {
	var l [4]byte
	if _, err := io.ReadFull(r, l[:]); err != nil {
		return nil, ErrBackupDamaged
	}
	n := binary.BigEndian.Uint32(l[:])
	if n > backupChunk+chacha20poly1305.Overhead {
		return nil, ErrBackupDamaged
	}
	sealed := make([]byte, n)
	if _, err := io.ReadFull(r, sealed); err != nil {
		return nil, ErrBackupDamaged
	}
	return sealed, nil
}

// OpenUnlocked opens a database file with u, for restores.
func OpenUnlocked(ctx context.Context, path string, u Unlock, opts Options) (*DB, error) {
	if u.RecoveryKey != "" {
		return OpenWithRecoveryKey(ctx, path, u.RecoveryKey, opts)
	}
	return Open(ctx, path, u.Passphrase, opts)
}

// ForgetAgain forgets, in one transaction, every client of ledger that this
// database still holds (a restored backup older than their erasure), and
// copies the entries into its own ledger; it returns how many it forgot. A
// card with the entry's number but made at another time than the entry
// says is another person, who got the number after a restore, and stays.
func (db *DB) ForgetAgain(ctx context.Context, ledger []LedgerEntry) (int, error) {
	n := 0
	err := db.write(ctx, "restore.forget_again", func(tx *sql.Tx) (int64, map[string]int, error) {
		for _, e := range ledger {
			var anon sql.NullInt64
			var created int64
			err := tx.QueryRowContext(ctx, `SELECT anonymized_at, created_at FROM clients WHERE id = ?`, e.ClientID).Scan(&anon, &created)
			if errors.Is(err, sql.ErrNoRows) {
				continue // the backup is older than the card itself
			}
			if err != nil {
				return 0, nil, fmt.Errorf("store: forget again: %w", err)
			}
			if !e.sameCard(e.ClientID, created) {
				continue // the number went to someone else
			}
			if !anon.Valid {
				if _, err := anonymizeTx(ctx, tx, e.ClientID, db.now()); err != nil {
					return 0, nil, fmt.Errorf("store: forget again %d: %w", e.ClientID, err)
				}
				n++
			}
			var have int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM erasure_ledger WHERE client_id = ?`, e.ClientID).Scan(&have); err != nil {
				return 0, nil, err
			}
			if have == 0 {
				if _, err := tx.ExecContext(ctx, `INSERT INTO erasure_ledger (client_id, at, by, reason) VALUES (?, ?, ?, ?)`,
					e.ClientID, e.At.Unix(), string(e.By), e.Reason); err != nil {
					return 0, nil, fmt.Errorf("store: forget again: ledger: %w", err)
				}
			}
		}
		return 0, map[string]int{"clients": n}, nil
	})
	if err != nil {
		return 0, err
	}
	return n, db.Checkpoint(ctx)
}
