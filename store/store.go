package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strconv"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrExists is returned by Create when the file is already there.
var ErrExists = errors.New("a database already exists at that path")

// Options tune how a database is opened. The zero value is sensible.
type Options struct {
	// KDF sets the Argon2id parameters for a new database or a new
	// passphrase; zero means calibrate to about half a second.
	KDF KDFParams
	// CacheMiB is the page cache of each connection; zero means 32.
	CacheMiB int
	// Readers is the number of reading connections; zero means 4.
	Readers int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (o Options) kdf() KDFParams {
	if o.KDF.Time == 0 {
		return CalibrateKDF(500 * time.Millisecond)
	}
	return o.KDF
}

// keyring is what the VFS needs to encrypt one database: the XTS cipher, and
// the header, whose file ID every opened main file must carry.
type keyring struct {
	cipher  *pageCipher
	header  header
	dataKey []byte
}

var keyrings handles[*keyring]

// DB is an open, unlocked salon database. Its methods are safe for
// concurrent use: one connection writes, several read.
type DB struct {
	path   string
	file   *os.File // the header's handle, open for as long as SQLite is (see Open)
	krID   uintptr
	kr     *keyring
	w      *sql.DB
	rdb    *sql.DB // the reading pool
	r      reader  // rdb, or a read transaction for a snapshot
	now    func() time.Time
	opts   Options
	hdrMu  sync.Mutex
	closed bool
}

// Create makes a new encrypted database at path, refusing to overwrite one,
// and returns it with the recovery key formatted for a person.
func Create(ctx context.Context, path, passphrase string, s Salon, opts Options) (*DB, string, error) {
	if err := validatePassphrase(passphrase); err != nil {
		return nil, "", err
	}
	if err := s.validate(); err != nil {
		return nil, "", err
	}
	dataKey := make([]byte, dataKeySize)
	if _, err := randRead(dataKey); err != nil {
		return nil, "", err
	}
	h, rec, err := newHeader(dataKey, []byte(passphrase), opts.kdf())
	if err != nil {
		return nil, "", fmt.Errorf("store: new key header: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil, "", ErrExists
	}
	if err != nil {
		return nil, "", fmt.Errorf("store: create: %w", err)
	}
	if _, err := f.Write(encodeHeaderFile(h)); err != nil {
		f.Close()
		os.Remove(path)
		return nil, "", fmt.Errorf("store: create: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return nil, "", fmt.Errorf("store: create: %w", err)
	}
	db, err := open(ctx, path, f, &h, dataKey, opts)
	if err != nil {
		os.Remove(path)
		return nil, "", err
	}
	if err := db.initSalon(ctx, s); err != nil {
		db.Close()
		os.Remove(path)
		return nil, "", err
	}
	return db, FormatRecoveryKey(rec), nil
}

// Open unlocks the database at path with its passphrase. A wrong passphrase
// returns [ErrWrongPassphrase] before SQLite reads the file, which is left
// byte-for-byte unchanged.
func Open(ctx context.Context, path, passphrase string, opts Options) (*DB, error) {
	return openWith(ctx, path, opts, func(h *header) ([]byte, error) {
		return h.unlockPassphrase([]byte(passphrase))
	})
}

// OpenWithRecoveryKey unlocks the database with the recovery key instead.
func OpenWithRecoveryKey(ctx context.Context, path, recoveryKey string, opts Options) (*DB, error) {
	rec, err := ParseRecoveryKey(recoveryKey)
	if err != nil {
		return nil, err
	}
	return openWith(ctx, path, opts, func(h *header) ([]byte, error) {
		return h.unlockRecovery(rec)
	})
}

func openWith(ctx context.Context, path string, opts Options, unlock func(*header) ([]byte, error)) (*DB, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	h, err := readHeader(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	dataKey, err := unlock(h)
	if err != nil {
		f.Close()
		return nil, err
	}
	return open(ctx, path, f, h, dataKey, opts)
}

// open registers the keyring and opens the connection pools. f stays open
// until Close: closing any descriptor of the file would drop the POSIX locks
// SQLite holds on it in this process.
func open(ctx context.Context, path string, f *os.File, h *header, dataKey []byte, opts Options) (*DB, error) {
	if err := registerVFS(); err != nil {
		f.Close()
		return nil, err
	}
	c, err := xtsFromDataKey(dataKey)
	if err != nil {
		f.Close()
		return nil, err
	}
	kr := &keyring{cipher: c, header: *h, dataKey: dataKey}
	db := &DB{path: path, file: f, kr: kr, krID: keyrings.add(kr)}
	if err := db.openPools(ctx, opts); err != nil {
		return nil, err
	}
	return db, nil
}

// openPools opens the writer and the readers and brings the schema up to
// date; on failure it closes db.
func (db *DB) openPools(ctx context.Context, opts Options) error {
	db.now, db.opts = opts.Now, opts
	if db.now == nil {
		db.now = time.Now
	}
	path := db.path
	var err error
	if opts.CacheMiB == 0 {
		opts.CacheMiB = 32
	}
	if opts.Readers == 0 {
		opts.Readers = 4
	}
	if db.w, err = sql.Open("sqlite", db.dsn(path, opts.CacheMiB, true)); err != nil {
		db.Close()
		return err
	}
	db.w.SetMaxOpenConns(1)
	db.w.SetConnMaxIdleTime(0)
	if err := db.prepareFile(ctx); err != nil {
		db.Close()
		return err
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return err
	}
	if db.rdb, err = sql.Open("sqlite", db.dsn(path, opts.CacheMiB, false)+"&mode=ro"); err != nil {
		db.Close()
		return err
	}
	db.rdb.SetMaxOpenConns(opts.Readers)
	db.rdb.SetMaxIdleConns(opts.Readers)
	db.r = db.rdb
	return nil
}

// dsn names the file, the VFS and the keyring handle (never the key), and the
// per-connection pragmas.
func (db *DB) dsn(path string, cacheMiB int, writer bool) string {
	u := url.URL{Scheme: "file", OmitHost: true, Path: path}
	q := url.Values{}
	if db.kr != nil {
		q.Set("vfs", vfsName)
		q.Set("kkey", strconv.FormatUint(uint64(db.krID), 10))
	}
	for _, p := range []string{
		"busy_timeout(10000)",
		"foreign_keys(1)",
		"secure_delete(1)",
		"synchronous(FULL)",
		"temp_store(MEMORY)",
		"mmap_size(0)",
		"cache_size(" + strconv.Itoa(-cacheMiB*1024) + ")",
	} {
		q.Add("_pragma", p)
	}
	if writer {
		q.Set("_txlock", "immediate")
	}
	return u.String() + "?" + q.Encode()
}

// prepareFile sets what must be set once per file, in order: the page size
// before the first write, then WAL.
func (db *DB) prepareFile(ctx context.Context) error {
	for _, p := range []string{"PRAGMA page_size=4096", "PRAGMA journal_mode=WAL"} {
		if _, err := db.w.ExecContext(ctx, p); err != nil {
			return fmt.Errorf("store: %s: %w", p, err)
		}
	}
	return nil
}

// Path is the database file.
func (db *DB) Path() string { return db.path }

// Close closes the database and forgets its key.
func (db *DB) Close() error {
	if db.closed {
		return nil
	}
	db.closed = true
	var errs []error
	if db.rdb != nil {
		errs = append(errs, db.rdb.Close())
	}
	if db.w != nil {
		// A checkpoint on close leaves no WAL behind.
		db.w.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		errs = append(errs, db.w.Close())
	}
	if db.kr != nil {
		keyrings.remove(db.krID)
		clear(db.kr.dataKey)
	}
	if db.file != nil {
		errs = append(errs, db.file.Close())
	}
	return errors.Join(errs...)
}

// ChangePassphrase rewraps the data key under a new passphrase. Only the key
// header is rewritten; the old passphrase stops working.
func (db *DB) ChangePassphrase(ctx context.Context, passphrase string) error {
	if err := validatePassphrase(passphrase); err != nil {
		return err
	}
	db.hdrMu.Lock()
	defer db.hdrMu.Unlock()
	h := db.kr.header
	if err := h.setPassphrase(db.kr.dataKey, []byte(passphrase), db.opts.kdf()); err != nil {
		return fmt.Errorf("store: change passphrase: %w", err)
	}
	h.seq++
	if err := writeHeader(db.file, h); err != nil {
		return err
	}
	db.kr.header = h
	return db.audit(ctx, db.w, "passphrase.change", 0, nil)
}

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
func (db *DB) RegenerateRecoveryKey(ctx context.Context) (string, error) {
	db.hdrMu.Lock()
	defer db.hdrMu.Unlock()
	h := db.kr.header
	rec, err := h.newRecoveryKey(db.kr.dataKey)
	if err != nil {
		return "", fmt.Errorf("store: new recovery key: %w", err)
	}
	h.seq++
	if err := writeHeader(db.file, h); err != nil {
		return "", err
	}
	db.kr.header = h
	if err := db.audit(ctx, db.w, "recovery_key.regenerate", 0, nil); err != nil {
		return "", err
	}
	return FormatRecoveryKey(rec), nil
}

// reader is what read methods need: the pool or a read transaction.
type reader interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Checkpoint copies the WAL into the database file and truncates it, so no
// older page image is left in the WAL.
// It fails with ErrCheckpointBusy when a reader kept it from finishing.
func (db *DB) Checkpoint(ctx context.Context) error {
	var busy, logFrames, done int
	if err := db.w.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done); err != nil {
		return fmt.Errorf("store: checkpoint: %w", err)
	}
	if busy != 0 {
		return ErrCheckpointBusy
	}
	return nil
}

// ErrCheckpointBusy means a long read kept the WAL from being emptied.
var ErrCheckpointBusy = errors.New("the write-ahead log could not be emptied: a long read is still running")
