package store

import (
	"context"
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

	"kartoteka/store/internal/pagecrypt"
)

// ErrExists is returned by Create when the file is already there.
var ErrExists = errors.New("a database already exists at that path")

// Options tune how a database is opened. The zero value is sensible.
type Options struct {
	// KDF sets the Argon2id parameters for a new database; zero means
	// calibrate to about half a second. For a new passphrase it is a
	// wish, never a weakening: the salon keeps the stronger of these and
	// its current parameters (see [DB.ChangePassphrase]).
	KDF KDFParams
	// Shared opens the salon for reading alongside other shared opens
	// (read-only commands of kartoteka-cli); the default takes it for this
	// process alone, as the app and every writing command must. Nothing may
	// be written through a shared DB.
	Shared bool
	// CacheMiB is the page cache of each connection; zero means 32.
	CacheMiB int
	// Readers is the number of reading connections; zero means 4.
	Readers int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Upgrading, when set, hears the progress of rewriting a salon of the
	// old page format in the authenticated one, which opening for writing
	// does first: bytes written of about total. It is called from another
	// goroutine.
	Upgrading func(done, total int64)
}

func (o Options) kdf() KDFParams {
	if o.KDF.Time == 0 {
		return CalibrateKDF(calibrationTarget)
	}
	return o.KDF
}

// keyring is one unlocked salon's keys: the VFS's page key, made from the
// data key for the header's format and epoch, and the header, whose file ID
// every opened main file must carry.
type keyring struct {
	key     *pagecrypt.Key
	header  header
	dataKey []byte
}

// newKeyring makes the page key for header h and registers it with the VFS;
// the handle names it in DSNs.
func newKeyring(h header, dataKey []byte) (*keyring, uintptr, error) {
	k, err := pagecrypt.NewKey(dataKey, h.fileID, h.format, h.epoch, headerSize, func(head []byte) bool { return sameFile(head, h.fileID) })
	if err != nil {
		return nil, 0, err
	}
	k.SetLogID(h.logID)
	return &keyring{key: k, header: h, dataKey: dataKey}, pagecrypt.Add(k), nil
}

// DB is an open, unlocked salon database. Its methods are safe for
// concurrent use: one connection writes, several read.
type DB struct {
	path   string
	file   *os.File   // the header's handle, open for as long as SQLite is (see Open)
	hf     headerFile // where the key header is written: file
	lock   *Lock
	shared bool // the lock is shared: read only
	// creating is set while Create writes the schema: the only time an
	// empty file may be given one.
	creating bool
	krID     uintptr
	kr       *keyring
	w        *sql.DB
	rdb      *sql.DB // the reading pool
	r        reader  // rdb, or a read transaction for a snapshot
	now      func() time.Time
	opts     Options
	hdrMu    sync.Mutex
	closed   bool
	// sealedSeen is the key's count of sealed pages when it was last
	// recorded in the header.
	sealedSeen uint64
	// upgradeErr is why the salon could not be upgraded to the
	// authenticated page format at this unlock.
	upgradeErr error
	// grants keeps the grants of the people acting (see Grant), today
	// the clients booked today (see bookedToday); nil in a snapshot,
	// which reads them afresh.
	grants *grantCache
	today  *todayCache
}

// UpgradeFailed says why the salon is still in the old page format after
// it was opened, or nil: it works as before, and the next unlock tries
// again.
func (db *DB) UpgradeFailed() error { return db.upgradeErr }

// Format is the page format of the salon file: 2, authenticated pages, or
// 1, the format of Kartoteka before it.
func (db *DB) Format() int {
	if db.kr == nil {
		return 0
	}
	return int(db.kr.key.Format())
}

// Create makes a new encrypted database at path, refusing to overwrite one,
// and returns it with the recovery key formatted for a person. The key
// header is marked as set up only once the schema and the salon are written
// and checkpointed into the file: a creation cut short leaves a file that
// [Open] refuses as incomplete, never an empty salon.
func Create(ctx context.Context, path, passphrase string, s Salon, opts Options) (*DB, string, error) {
	if err := validatePassphrase(passphrase); err != nil {
		return nil, "", err
	}
	if err := s.validate(); err != nil {
		return nil, "", err
	}
	if _, err := os.Lstat(path); err == nil {
		return nil, "", ErrExists
	}
	lk, err := acquireLock(path, true)
	if err != nil {
		return nil, "", err
	}
	dataKey := make([]byte, dataKeySize)
	if _, err := randRead(dataKey); err != nil {
		lk.Release()
		return nil, "", err
	}
	h, rec, err := newHeader(dataKey, []byte(passphrase), opts.kdf())
	if err != nil {
		lk.Release()
		return nil, "", fmt.Errorf("store: new key header: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		lk.Release()
		return nil, "", ErrExists
	}
	if err != nil {
		lk.Release()
		return nil, "", fmt.Errorf("store: create: %w", bare(err))
	}
	fail := func(err error) (*DB, string, error) {
		f.Close()
		removeDBFiles(path)
		lk.Release()
		return nil, "", err
	}
	if _, err := f.Write(encodeHeaderFile(h)); err != nil {
		return fail(fmt.Errorf("store: create: %w", bare(err)))
	}
	if err := f.Sync(); err != nil {
		return fail(fmt.Errorf("store: create: %w", bare(err)))
	}
	db, err := open(ctx, path, f, &h, nil, dataKey, opts, lk)
	if err != nil {
		removeDBFiles(path)
		return nil, "", err
	}
	err = db.initSalon(ctx, s)
	if err == nil {
		err = db.Checkpoint(ctx)
	}
	if err == nil {
		err = db.markSetUp()
	}
	if err != nil {
		db.Close()
		removeDBFiles(path)
		return nil, "", err
	}
	db.creating = false
	return db, FormatRecoveryKey(rec), nil
}

// removeDBFiles removes a database file and the files SQLite keeps beside
// it.
func removeDBFiles(path string) {
	for _, ext := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + ext)
	}
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

// openWith opens an existing salon. Every system call counts in an open
// (each costs microseconds on a virtual machine): the lock comes first, a
// missing file is found by opening it, and the key header and page 1 are
// read at once.
func openWith(ctx context.Context, path string, opts Options, unlock func(*header) ([]byte, error)) (*DB, error) {
	lk, err := acquireLock(path, !opts.Shared)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		lk.Release()
		return nil, fmt.Errorf("store: open: %w", bare(err))
	}
	h, hd, err := readHead(f)
	if err == nil {
		var dataKey []byte
		dataKey, err = unlock(h)
		if err == nil {
			return open(ctx, path, f, h, hd, dataKey, opts, lk)
		}
		hd.release()
	}
	f.Close()
	lk.Release()
	return nil, err
}

// open registers the keyring and opens the connection pools; hd is what
// readHead read of an existing file (open releases it), nil while creating
// one. f stays open
// until Close: closing any descriptor of the file would drop the POSIX locks
// SQLite holds on it in this process. An existing file must hold a whole
// salon (see [ErrDamaged]); when it is open for writing it gets the set-up
// mark of the current schema. On failure everything is closed and released.
func open(ctx context.Context, path string, f *os.File, h *header, hd *head, dataKey []byte, opts Options, lk *Lock) (*DB, error) {
	creating := hd == nil
	if !creating {
		defer hd.release()
	}
	if err := pagecrypt.Register(); err != nil {
		f.Close()
		lk.Release()
		return nil, err
	}
	kr, krID, err := newKeyring(*h, dataKey)
	if err != nil {
		f.Close()
		lk.Release()
		return nil, err
	}
	db := &DB{path: path, file: f, hf: f, lock: lk, shared: opts.Shared, creating: creating, kr: kr, krID: krID, grants: &grantCache{}, today: &todayCache{}}
	walAtOpen := false
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		walAtOpen = true
	}
	if !creating {
		if err := db.checkWhole(hd.page1()); err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := db.openPools(ctx, opts); err != nil {
		return nil, damaged(err)
	}
	if db.needsUpgrade() {
		if err := db.upgrade(ctx, opts.Upgrading); err != nil {
			if db.w == nil || db.rdb == nil {
				db.Close()
				return nil, err
			}
			// The old file is whole and open: the salon works as it was,
			// and the next unlock tries again.
			db.upgradeErr = err
		}
	}
	if !db.shared && (walAtOpen || db.kr.header.logID == 0) {
		// A WAL was recovered (a crash, or one put back): the next gets a
		// name of its own. After a clean close it has one already.
		db.freshLog(ctx) // best effort: the WAL keeps its name until it can be emptied
	}
	if !creating && !db.shared {
		if hh := db.kr.header; !hh.setUp() || hh.version < headerVersion || int(hh.schema) != SchemaVersion() {
			// Best effort: a file that cannot take the mark now gets it
			// on a later open, and is whole either way.
			db.markSetUp()
		}
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
	if db.shared {
		// Readers share the file; one that finds the schema behind takes
		// it for itself to bring it up to date, or gives up.
		if behind, err := db.schemaBehind(ctx); err != nil || behind {
			if err == nil {
				err = db.lock.upgrade()
			}
			if err != nil {
				db.Close()
				return err
			}
			db.shared = false
		}
	}
	if err := db.checkSchema(ctx); err != nil {
		db.Close()
		return err
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return err
	}
	if db.shared {
		// Readers share the file with readers only: nothing may change it.
		closeStmts(db.w)
		db.w.Close()
		if db.w, err = sql.Open("sqlite", db.dsn(path, opts.CacheMiB, true)+"&_pragma=query_only%281%29"); err != nil {
			db.Close()
			return err
		}
		db.w.SetMaxOpenConns(1)
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
		q.Set("vfs", pagecrypt.VFSName)
		q.Set("kkey", strconv.FormatUint(uint64(db.krID), 10))
	}
	for _, p := range []string{
		"busy_timeout(" + strconv.FormatInt(busyTimeout.Milliseconds(), 10) + ")",
		"foreign_keys(1)",
		"secure_delete(1)",
		"synchronous(FULL)",
		"temp_store(MEMORY)",
		"mmap_size(0)",
		"cache_size(" + strconv.Itoa(-cacheMiB*1024) + ")",
	} {
		q.Add("_pragma", p)
	}
	for _, p := range platformPragmas {
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
	closeStmts(db.rdb, db.w)
	var errs []error
	if db.rdb != nil {
		errs = append(errs, db.rdb.Close())
	}
	if db.w != nil {
		// A checkpoint on close leaves no WAL behind, and the next WAL gets
		// a name of its own (freshLog) — unless this session sealed nothing:
		// then no frame was ever written under the current name (an earlier
		// session that wrote renamed it on close, or its crash on the next
		// open), and the two synced header writes are saved.
		if db.kr != nil && !db.shared && db.hf != nil && db.kr.key.Sealed() > 0 {
			db.freshLog(context.Background())
		} else {
			db.w.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		}
		errs = append(errs, db.w.Close())
		if db.kr != nil && !db.shared && db.hf != nil {
			// Here, not in the hurry of an open.
			db.pruneSafetyCopy()
			db.recordSealed(0) // best effort: a lost count is made up by the margin
			// The shared-memory index holds page numbers and a checksum
			// over the last frame's plaintext; no one else has it open.
			os.Remove(db.path + "-shm")
		}
	}
	if db.kr != nil {
		pagecrypt.Remove(db.krID)
		db.kr.key.Wipe()
		clear(db.kr.dataKey)
	}
	if db.file != nil {
		errs = append(errs, db.file.Close())
	}
	if db.lock != nil {
		db.lock.Release()
	}
	return errors.Join(errs...)
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

// busyTimeout is how long a connection waits for a lock another holds
// before it gives up with SQLITE_BUSY.
var busyTimeout = 10 * time.Second

// erasedTries is how many checkpoints, each waiting up to busyTimeout for
// the readers, follow an erasure before it gives up.
const erasedTries = 3

// checkpointErased empties the WAL after a committed erasure (forget,
// merge, retention) so that no older image of the erased pages survives
// there — patiently: the erasure is done, and failing because a backup or
// an export was still reading would tell the owner "not done" about a
// client already forgotten. It fails with ErrCheckpointBusy only after
// erasedTries waits.
func (db *DB) checkpointErased(ctx context.Context) error {
	var err error
	for range erasedTries {
		if err = db.Checkpoint(ctx); !errors.Is(err, ErrCheckpointBusy) {
			return err
		}
	}
	return err
}

// ErrCheckpointBusy means a long read kept the WAL from being emptied.
var ErrCheckpointBusy = errors.New("the write-ahead log could not be emptied: a long read is still running")
