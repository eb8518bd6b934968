package store

import (
	"context"
	"database/sql"
	"sync"
)

// Prepared statements
//
// Given SQL text, SQLite parses and plans it again on every call: a third of
// the work of looking up a client. The hot paths (a client, the client card,
// search, the calendar, the common inserts and their audit event) run through
// statements prepared once per connection instead, kept here by pool and
// text. database/sql prepares a pool's *sql.Stmt again on each connection it
// first runs on and keeps it there; [sql.Tx.StmtContext] takes the one of the
// transaction's connection, preparing it there only the first time.
//
// Preparing on a pool takes one of its connections, so it is never done
// inside a transaction, which may hold the last one (the writer has only
// one): a statement first met in a transaction runs unprepared there, and is
// prepared when the next transaction on the pool begins (see [beginTx]).
//
// A prepared statement is one SQLite statement per connection: in a
// transaction, read all the rows of a query before running the same query
// again (queryAll and QueryRow do).

// stmtSet is the statements prepared on one pool.
type stmtSet struct {
	byText sync.Map // query → *sql.Stmt
	mu     sync.Mutex
	wanted map[string]bool // met in a transaction before they were prepared
}

// stmtSets holds the statements of every open pool, by *sql.DB: beside the
// DB rather than in it, so that a snapshot, which has only its transaction,
// finds its pool's by the pool. [DB.Close] closes them with closeStmts.
var stmtSets sync.Map // *sql.DB → *stmtSet

func stmtsOf(pool *sql.DB) *stmtSet {
	if set, ok := stmtSets.Load(pool); ok {
		return set.(*stmtSet)
	}
	set, _ := stmtSets.LoadOrStore(pool, &stmtSet{})
	return set.(*stmtSet)
}

// prepare returns q prepared on pool, preparing it the first time. It takes
// one of pool's connections to prepare, so it must not be called inside a
// transaction on pool.
func prepare(ctx context.Context, pool *sql.DB, q string) (*sql.Stmt, error) {
	if set, ok := stmtSets.Load(pool); ok {
		if s, ok := set.(*stmtSet).byText.Load(q); ok {
			return s.(*sql.Stmt), nil
		}
	}
	s, err := pool.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if had, loaded := stmtsOf(pool).byText.LoadOrStore(q, s); loaded {
		// Prepared meanwhile by another goroutine.
		s.Close()
		return had.(*sql.Stmt), nil
	}
	return s, nil
}

// preparedOrWanted returns q prepared on pool if it is; otherwise nil, and q
// is prepared when the next transaction on pool begins.
func preparedOrWanted(pool *sql.DB, q string) *sql.Stmt {
	set := stmtsOf(pool)
	if s, ok := set.byText.Load(q); ok {
		return s.(*sql.Stmt)
	}
	set.mu.Lock()
	defer set.mu.Unlock()
	if set.wanted == nil {
		set.wanted = map[string]bool{}
	}
	set.wanted[q] = true
	return nil
}

// beginTx begins a transaction on pool, first preparing the statements
// earlier transactions met unprepared.
func beginTx(ctx context.Context, pool *sql.DB, opts *sql.TxOptions) (*sql.Tx, error) {
	if set, ok := stmtSets.Load(pool); ok {
		set := set.(*stmtSet)
		set.mu.Lock()
		wanted := set.wanted
		set.wanted = nil
		set.mu.Unlock()
		for q := range wanted {
			// A statement that does not prepare runs unprepared, and
			// fails there if it must.
			prepare(ctx, pool, q)
		}
	}
	return pool.BeginTx(ctx, opts)
}

// closeStmts closes the statements prepared on pools.
func closeStmts(pools ...*sql.DB) {
	for _, pool := range pools {
		set, ok := stmtSets.LoadAndDelete(pool)
		if !ok {
			continue
		}
		set.(*stmtSet).byText.Range(func(_, s any) bool {
			s.(*sql.Stmt).Close()
			return true
		})
	}
}

var (
	_ reader = preparedPool{}
	_ execer = preparedPool{}
	_ reader = (*preparedTx)(nil)
	_ execer = (*preparedTx)(nil)
)

// prepared returns what db reads through, running each query through a
// statement prepared once per connection.
func (db *DB) prepared() reader {
	if pool, ok := db.r.(*sql.DB); ok {
		return preparedPool{pool}
	}
	// A snapshot: a *preparedTx prepares already, a bare *sql.Tx does not.
	return db.r
}

// preparedTx returns tx, a transaction begun on the writer, running each
// query through the writer's prepared statements.
func (db *DB) preparedTx(tx *sql.Tx) *preparedTx { return &preparedTx{tx: tx, pool: db.w} }

// preparedPool runs every query through its statement prepared on pool.
type preparedPool struct{ pool *sql.DB }

func (p preparedPool) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	s, err := prepare(ctx, p.pool, q)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

func (p preparedPool) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	s, err := prepare(ctx, p.pool, q)
	if err != nil {
		// Only database/sql makes a Row that holds an error: running q
		// unprepared reports it.
		return p.pool.QueryRowContext(ctx, q, args...)
	}
	return s.QueryRowContext(ctx, args...)
}

func (p preparedPool) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	s, err := prepare(ctx, p.pool, q)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

// preparedTx runs queries in tx, a transaction on pool, through the
// statements prepared on pool, and a query not prepared yet as text. Like the
// transaction, it is for one goroutine at a time.
type preparedTx struct {
	tx    *sql.Tx
	pool  *sql.DB
	bound map[string]*sql.Stmt // pool's statements made for tx
}

// stmt returns q's statement for the transaction, or nil when q is not
// prepared on the pool yet.
func (t *preparedTx) stmt(ctx context.Context, q string) *sql.Stmt {
	if s, ok := t.bound[q]; ok {
		return s
	}
	parent := preparedOrWanted(t.pool, q)
	if parent == nil {
		return nil
	}
	s := t.tx.StmtContext(ctx, parent)
	if t.bound == nil {
		t.bound = map[string]*sql.Stmt{}
	}
	t.bound[q] = s
	return s
}

func (t *preparedTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if s := t.stmt(ctx, q); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, q, args...)
}

func (t *preparedTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if s := t.stmt(ctx, q); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, q, args...)
}

func (t *preparedTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if s := t.stmt(ctx, q); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, q, args...)
}
