package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrTooNew is returned for a database written by a newer Kartoteka.
var ErrTooNew = errors.New("this database was written by a newer version of Kartoteka")

// migration is one step of the schema. The list is append-only: a released
// step never changes, a new need gets a new step.
type migration struct {
	why string
	sql string
	// after, when set, runs in the same transaction after sql: for steps
	// that need Go, such as folding names into the search index.
	after func(ctx context.Context, tx *sql.Tx) error
	// rebuilds marks a step that makes a table anew (SQLite cannot change a
	// CHECK in place): it runs with foreign keys off, as SQLite's
	// twelve-step procedure asks, and checks them before it commits.
	rebuilds bool
}

// migrations[i] takes the schema from user_version i to i+1.
var migrations = []migration{
	{
		why: "the salon, its people and services, clients, the appointment book and the money",
		sql: schemaV1,
	},
	{
		why: "client search: a contentless FTS5 index of folded names, phones and emails, " +
			"with secure-delete so forgetting a client leaves no token behind",
		sql: `
CREATE VIRTUAL TABLE client_search USING fts5(
	last_name, first_name, phone, email,
	content='', contentless_delete=1,
	tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
);
INSERT INTO client_search(client_search, rank) VALUES ('secure-delete', 1);
INSERT INTO client_search(client_search, rank) VALUES ('rank', 'bm25(10.0, 6.0, 5.0, 5.0)');`,
		after: func(ctx context.Context, tx *sql.Tx) error { return eachLiveClient(ctx, tx, indexSearchV2) },
	},
	{
		why: "fast type-ahead: a folded \"last first\" sort key, indexed, answers a one-word " +
			"last-name prefix in alphabetical order without ranking every match; and invoice " +
			"numbering counts a year's invoices by date instead of scanning them all; a client's " +
			"last visit is one index seek",
		sql: `
ALTER TABLE clients ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
CREATE INDEX clients_sort_key ON clients (sort_key) WHERE anonymized_at IS NULL;
CREATE INDEX invoices_issued ON invoices (issued_at);
CREATE INDEX bookings_client_status ON bookings (client_id, status, start_at);`,
		after: func(ctx context.Context, tx *sql.Tx) error { return eachLiveClient(ctx, tx, setSortKeyV3) },
	},
	{
		why: "a contentless FTS5 table deletes by tombstone and leaves the tokens in its segments " +
			"until a merge, so forgetting left the folded name, phone and email readable in the file; " +
			"a table that keeps its (folded) content lets secure-delete remove every token in place",
		sql: `
DROP TABLE client_search;
CREATE VIRTUAL TABLE client_search USING fts5(
	last_name, first_name, phone, email,
	tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
);
INSERT INTO client_search(client_search, rank) VALUES ('secure-delete', 1);`,
		after: func(ctx context.Context, tx *sql.Tx) error { return eachLiveClient(ctx, tx, indexSearchV2) },
	},
	{
		why: "the export files the app wrote for a client (GDPR Art. 15/20), so that forgetting " +
			"the client can offer to delete them; the path may name the client, so it lives here, encrypted",
		sql: `
CREATE TABLE export_files (
	id         INTEGER PRIMARY KEY,
	client_id  INTEGER NOT NULL REFERENCES clients (id),
	format     TEXT NOT NULL CHECK (format IN ('pdf', 'json')),
	path       TEXT NOT NULL,
	written_at INTEGER NOT NULL
);
CREATE INDEX export_files_client ON export_files (client_id);`,
	},
	{
		why: "retention (GDPR Art. 5(1)(e)): the salon's policy, off until the owner chooses one, and " +
			"the history of runs (counts only), which also tells the app when the last run finished",
		sql: `
CREATE TABLE retention (
	id              INTEGER PRIMARY KEY CHECK (id = 1),
	policy          TEXT NOT NULL DEFAULT 'off' CHECK (policy IN ('off', 'booking_end', 'last_visit')),
	days            INTEGER NOT NULL DEFAULT 365,
	months          INTEGER NOT NULL DEFAULT 24,
	statutory_years INTEGER NOT NULL DEFAULT 0
);
INSERT INTO retention (id) VALUES (1);
CREATE TABLE retention_runs (
	id                 INTEGER PRIMARY KEY,
	started_at         INTEGER NOT NULL,
	finished_at        INTEGER NOT NULL,
	policy             TEXT NOT NULL,
	clients_forgotten  INTEGER NOT NULL,
	bookings_removed   INTEGER NOT NULL,
	bookings_anonymized INTEGER NOT NULL,
	invoices_purged    INTEGER NOT NULL
);
-- paid mirrors "a payment points at this booking" (payments are never
-- deleted), so that retention finds the bookings it may remove, or whose
-- notes it clears, through a small index instead of a payment lookup for
-- every booking.
ALTER TABLE bookings ADD COLUMN paid INTEGER NOT NULL DEFAULT 0;
UPDATE bookings SET paid = 1 WHERE id IN (SELECT booking_id FROM payments WHERE booking_id IS NOT NULL);
CREATE INDEX bookings_retention ON bookings (end_at) WHERE paid = 0 OR notes <> '';
-- The client index also carries end_at, so that the end of a client's
-- latest booking is read from the index alone.
DROP INDEX bookings_client;
CREATE INDEX bookings_client ON bookings (client_id, start_at, end_at);`,
	},
	{
		why: "issue 11, nothing erased, lost or processed by accident: the owner can keep a client out of " +
			"automatic retention, with a reason; every switch of an Art. 18 restriction is kept with its " +
			"reason (the current ones backfilled); unsaved forms survive an auto-lock as drafts, encrypted " +
			"like everything in the file; and an audit event says on which Art. 18(2) ground a restricted " +
			"client's data was processed anyway",
		sql: `
ALTER TABLE clients ADD COLUMN retention_hold TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN retention_hold_at INTEGER;
CREATE TABLE restriction_history (
	id         INTEGER PRIMARY KEY,
	client_id  INTEGER NOT NULL REFERENCES clients (id),
	restricted INTEGER NOT NULL CHECK (restricted IN (0, 1)),
	at         INTEGER NOT NULL,
	reason     TEXT NOT NULL DEFAULT '',
	actor      TEXT NOT NULL
);
CREATE INDEX restriction_history_client ON restriction_history (client_id, at);
-- Who restricted a client is in the audit log when the restriction was
-- made on its own; one made within a batch (the demo) was made by the system.
INSERT INTO restriction_history (client_id, restricted, at, reason, actor)
	SELECT c.id, 1, coalesce(c.restricted_at, c.updated_at), c.restriction_reason,
		coalesce((SELECT a.actor FROM audit_events a WHERE a.action = 'client.restrict' AND a.subject_id = c.id
			ORDER BY a.id DESC LIMIT 1), 'system')
	FROM clients c WHERE c.restricted = 1 AND c.anonymized_at IS NULL ORDER BY c.id;
CREATE TABLE drafts (
	key       TEXT PRIMARY KEY,
	client_id INTEGER REFERENCES clients (id),
	data      BLOB NOT NULL,
	saved_at  INTEGER NOT NULL
);
CREATE INDEX drafts_client ON drafts (client_id) WHERE client_id IS NOT NULL;
ALTER TABLE audit_events ADD COLUMN basis TEXT NOT NULL DEFAULT '';`,
	},
	{
		why: "search from a cold start touched two scattered pages per client listed, its row and its " +
			"bookings' index for the last visit: the last visit is kept on the card by triggers, and " +
			"the name index carries every column a card shows, so a name prefix reads its matches in " +
			"a few adjacent pages; the index holds live clients only, so forgetting removes the entry " +
			"and secure-delete zeroes it",
		sql: `
ALTER TABLE clients ADD COLUMN last_visit INTEGER;
UPDATE clients SET last_visit = (SELECT max(b.start_at) FROM bookings b WHERE b.client_id = clients.id AND b.status = 'completed');
CREATE TRIGGER bookings_visit_insert AFTER INSERT ON bookings WHEN NEW.status = 'completed' BEGIN
	UPDATE clients SET last_visit = NEW.start_at WHERE id = NEW.client_id AND (last_visit IS NULL OR last_visit < NEW.start_at);
END;
CREATE TRIGGER bookings_visit_update AFTER UPDATE OF client_id, status, start_at ON bookings
WHEN OLD.status = 'completed' OR NEW.status = 'completed' BEGIN
	UPDATE clients SET last_visit = (SELECT max(b.start_at) FROM bookings b WHERE b.client_id = clients.id AND b.status = 'completed')
		WHERE id IN (OLD.client_id, NEW.client_id);
END;
-- Only the deletion of the visit on the card can change it.
CREATE TRIGGER bookings_visit_delete AFTER DELETE ON bookings WHEN OLD.status = 'completed' BEGIN
	UPDATE clients SET last_visit = (SELECT max(b.start_at) FROM bookings b WHERE b.client_id = clients.id AND b.status = 'completed')
		WHERE id = OLD.client_id AND last_visit = OLD.start_at;
END;
DROP INDEX clients_sort_key;
CREATE INDEX clients_by_name ON clients (sort_key, id, first_name, last_name, phone, email, birth_date, address, language,
	notes, health_notes, restricted, restriction_reason, restricted_at, anonymized_at, created_at, retention_hold,
	retention_hold_at, last_visit) WHERE anonymized_at IS NULL;`,
	},
	{
		why: "issue 15, retention after the booking ends: a client who still visits kept every old paid " +
			"booking on the card; those now move to one anonymous card for the accounts (the salon's " +
			"accounts_client, made on first use), with their payments, and the bookings of each live " +
			"client are found by the end of the booking",
		sql: `
ALTER TABLE salon ADD COLUMN accounts_client INTEGER REFERENCES clients (id);
DROP INDEX bookings_retention;
CREATE INDEX bookings_client_end ON bookings (client_id, end_at, paid);`,
	},
	{
		why: "the privacy request log (GDPR Art. 12(3)): each request a person makes under Art. 15–21, " +
			"its due date and extension, status and outcome, kept as evidence for a stated period after " +
			"closing; days are calendar days (YYYY-MM-DD) in the salon's time, a non-client's name and " +
			"contact are kept only to answer them, and the CHECKs keep outcome, status and closing in step",
		sql: `
CREATE TABLE privacy_requests (
	id                INTEGER PRIMARY KEY,
	kind              TEXT NOT NULL CHECK (kind IN ('access', 'rectification', 'erasure', 'restriction',
		'portability', 'objection', 'consent_withdrawal')),
	received_at       TEXT NOT NULL,
	channel           TEXT NOT NULL CHECK (channel IN ('in_person', 'phone', 'email', 'letter', 'other')),
	identity_check    TEXT NOT NULL DEFAULT '' CHECK (identity_check IN ('', 'known_client', 'id_document',
		'contact_on_file', 'not_needed', 'other')),
	client_id         INTEGER REFERENCES clients (id),
	requester_name    TEXT NOT NULL DEFAULT '',
	requester_contact TEXT NOT NULL DEFAULT '',
	due_at            TEXT NOT NULL,
	extension_months  INTEGER NOT NULL DEFAULT 0 CHECK (extension_months BETWEEN 0 AND 2),
	extended_to       TEXT,
	extension_reason  TEXT NOT NULL DEFAULT '',
	extension_told_at TEXT,
	status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'waiting_identity', 'extended',
		'done', 'refused', 'withdrawn')),
	outcome           TEXT CHECK (outcome IN ('done', 'refused', 'withdrawn')),
	note              TEXT NOT NULL DEFAULT '',
	refusal_reason    TEXT NOT NULL DEFAULT '',
	closed_at         INTEGER,
	created_at        INTEGER NOT NULL,
	CHECK (client_id IS NULL OR (requester_name = '' AND requester_contact = '')),
	CHECK ((outcome IS NULL) = (closed_at IS NULL)),
	CHECK (outcome IS NULL OR status = outcome),
	CHECK (status <> 'refused' OR refusal_reason <> ''),
	CHECK ((extension_months = 0) = (extended_to IS NULL))
);
CREATE INDEX privacy_requests_due ON privacy_requests (coalesce(extended_to, due_at), id);
CREATE INDEX privacy_requests_client ON privacy_requests (client_id) WHERE client_id IS NOT NULL;
CREATE INDEX privacy_requests_closed ON privacy_requests (closed_at) WHERE closed_at IS NOT NULL;`,
	},
	{
		why: "a German salon is supervised by the data protection authority of its Land, not a federal " +
			"one: the salon keeps its Land (BW, BY, …; empty elsewhere or until set) so that a client's " +
			"export names the authority they may complain to (GDPR Art. 15(1)(f), 77)",
		sql: `
ALTER TABLE salon ADD COLUMN land TEXT NOT NULL DEFAULT '' CHECK (land IN ('', 'BW', 'BY', 'BE', 'BB', 'HB', 'HH',
	'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH'));`,
	},
	{
		why: "issue 16, staff on one laptop: a manager role; each person's PIN as a slow salted hash " +
			"(never the PIN), the wrong PINs in a row since the last right one and when the last came, for " +
			"the growing delay; and the owner's adjustment of a person's permissions (NULL: the role's)",
		rebuilds: true,
		sql: `
CREATE TABLE staff_new (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL,
	role          TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'reception', 'stylist', 'accountant')),
	active        INTEGER NOT NULL DEFAULT 1,
	created_at    INTEGER NOT NULL,
	pin_hash      BLOB,
	pin_failures  INTEGER NOT NULL DEFAULT 0,
	pin_failed_at INTEGER,
	permissions   TEXT,
	CHECK (active OR pin_hash IS NULL)
);
INSERT INTO staff_new (id, name, role, active, created_at) SELECT id, name, role, active, created_at FROM staff;
DROP TABLE staff;
ALTER TABLE staff_new RENAME TO staff;`,
	},
	{
		why: "a request extended twice (one month, then one more) kept one day the person was told of the " +
			"extension, and the second extension overwrote it, with today's date when none was given: " +
			"the day they were first told stays where it was, and the day they were told of the second " +
			"month, when the owner gives one, has its own column (GDPR Art. 12(3): the person is told of " +
			"any extension within the first month)",
		sql: `
ALTER TABLE privacy_requests ADD COLUMN second_extension_told_at TEXT
	CHECK (second_extension_told_at IS NULL OR extension_months = 2);`,
	},
	{
		why: "data minimisation (GDPR Art. 5(1)(c), (e)): a non-client's contact was kept with a closed " +
			"request until the purge three years on, though it served only to send the answer; closing " +
			"now erases it (the name stays as evidence of whom the salon answered), and this step " +
			"erases it from the requests closed before",
		sql: `
UPDATE privacy_requests SET requester_contact = '' WHERE closed_at IS NOT NULL AND requester_contact <> '';`,
	},
	{
		why: "issue 17, an import that understands real files: a consent a client list states is recorded " +
			"with its source, 'import', rather than passed off as given in person, so the history proves where " +
			"each decision came from (GDPR Art. 7(1)); SQLite cannot widen a CHECK in place, so the table is " +
			"made anew with every record and its number kept",
		rebuilds: true,
		sql: `
CREATE TABLE consents_new (
	id           INTEGER PRIMARY KEY,
	client_id    INTEGER NOT NULL REFERENCES clients (id),
	kind         TEXT NOT NULL CHECK (kind IN ('marketing_email', 'marketing_sms', 'health_data')),
	given        INTEGER NOT NULL,
	at           INTEGER NOT NULL,
	channel      TEXT NOT NULL CHECK (channel IN ('in_person', 'phone', 'paper', 'email', 'import')),
	recorded_by  TEXT NOT NULL,
	text_version TEXT NOT NULL DEFAULT ''
);
INSERT INTO consents_new (id, client_id, kind, given, at, channel, recorded_by, text_version)
	SELECT id, client_id, kind, given, at, channel, recorded_by, text_version FROM consents;
DROP TABLE consents;
ALTER TABLE consents_new RENAME TO consents;
CREATE INDEX consents_client ON consents (client_id, kind, at);`,
	},
}

// SchemaVersion is the schema this binary writes.
func SchemaVersion() int { return len(migrations) }

// migrate brings the file up to SchemaVersion, one transaction per step, and
// refuses a file newer than the binary.
func (db *DB) migrate(ctx context.Context) error {
	var v int
	if err := db.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("store: read schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("store: schema %d, this program knows %d: %w", v, len(migrations), ErrTooNew)
	}
	for i := v; i < len(migrations); i++ {
		if err := db.migrateStep(ctx, i); err != nil {
			return fmt.Errorf("store: migrate to %d: %w", i+1, err)
		}
	}
	return nil
}

// migrateStep takes the schema from i to i+1 in one transaction.
func (db *DB) migrateStep(ctx context.Context, i int) error {
	m := migrations[i]
	if m.rebuilds {
		// The writer pool has one connection: the pragma holds for the
		// transaction below, and is undone whatever happens.
		if _, err := db.w.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return err
		}
		defer db.w.ExecContext(ctx, "PRAGMA foreign_keys = ON")
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if m.after != nil {
		if err := m.after(ctx, tx); err != nil {
			return err
		}
	}
	if m.rebuilds {
		var table string
		switch err := tx.QueryRowContext(ctx, "PRAGMA foreign_key_check").Scan(&table); {
		case err == nil:
			return fmt.Errorf("a foreign key of %s broke", table)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
		return err
	}
	return tx.Commit()
}

const schemaV1 = `
CREATE TABLE salon (
	id              INTEGER PRIMARY KEY CHECK (id = 1),
	name            TEXT NOT NULL,
	address         TEXT NOT NULL DEFAULT '',
	tax_id          TEXT NOT NULL DEFAULT '',
	country         TEXT NOT NULL,
	currency        TEXT NOT NULL,
	language        TEXT NOT NULL,
	privacy_contact TEXT NOT NULL DEFAULT '',
	created_at      INTEGER NOT NULL
);

CREATE TABLE staff (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	role       TEXT NOT NULL CHECK (role IN ('owner', 'reception', 'stylist', 'accountant')),
	active     INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL
);

CREATE TABLE services (
	id       INTEGER PRIMARY KEY,
	name     TEXT NOT NULL,
	category TEXT NOT NULL DEFAULT '',
	minutes  INTEGER NOT NULL CHECK (minutes > 0),
	price    INTEGER NOT NULL CHECK (price >= 0),
	currency TEXT NOT NULL,
	active   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE clients (
	id                 INTEGER PRIMARY KEY,
	first_name         TEXT NOT NULL,
	last_name          TEXT NOT NULL,
	phone              TEXT NOT NULL DEFAULT '',
	email              TEXT NOT NULL DEFAULT '',
	birth_date         TEXT NOT NULL DEFAULT '',
	address            TEXT NOT NULL DEFAULT '',
	language           TEXT NOT NULL DEFAULT '',
	notes              TEXT NOT NULL DEFAULT '',
	health_notes       TEXT NOT NULL DEFAULT '',
	restricted         INTEGER NOT NULL DEFAULT 0,
	restriction_reason TEXT NOT NULL DEFAULT '',
	restricted_at      INTEGER,
	anonymized_at      INTEGER,
	created_at         INTEGER NOT NULL,
	updated_at         INTEGER NOT NULL
);
CREATE INDEX clients_phone ON clients (phone) WHERE phone <> '';
CREATE INDEX clients_email ON clients (email) WHERE email <> '';

CREATE TABLE bookings (
	id         INTEGER PRIMARY KEY,
	client_id  INTEGER NOT NULL REFERENCES clients (id),
	staff_id   INTEGER NOT NULL REFERENCES staff (id),
	service_id INTEGER NOT NULL REFERENCES services (id),
	start_at   INTEGER NOT NULL,
	end_at     INTEGER NOT NULL CHECK (end_at > start_at),
	status     TEXT NOT NULL CHECK (status IN ('booked', 'completed', 'cancelled', 'no_show')),
	price      INTEGER NOT NULL CHECK (price >= 0),
	currency   TEXT NOT NULL,
	notes      TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
);
CREATE INDEX bookings_client ON bookings (client_id, start_at);
CREATE INDEX bookings_staff ON bookings (staff_id, start_at);
CREATE INDEX bookings_start ON bookings (start_at);

CREATE TABLE payments (
	id         INTEGER PRIMARY KEY,
	client_id  INTEGER NOT NULL REFERENCES clients (id),
	booking_id INTEGER REFERENCES bookings (id),
	amount     INTEGER NOT NULL,
	currency   TEXT NOT NULL,
	method     TEXT NOT NULL CHECK (method IN ('cash', 'card', 'transfer')),
	at         INTEGER NOT NULL,
	notes      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX payments_client ON payments (client_id, at);
CREATE INDEX payments_booking ON payments (booking_id);

CREATE TABLE invoices (
	id              INTEGER PRIMARY KEY,
	number          TEXT NOT NULL UNIQUE,
	client_id       INTEGER REFERENCES clients (id),
	issued_at       INTEGER NOT NULL,
	buyer_name      TEXT NOT NULL,
	buyer_address   TEXT NOT NULL DEFAULT '',
	buyer_tax_id    TEXT NOT NULL DEFAULT '',
	total           INTEGER NOT NULL,
	currency        TEXT NOT NULL,
	buyer_purged_at INTEGER
);
CREATE INDEX invoices_client ON invoices (client_id);

CREATE TABLE invoice_lines (
	id          INTEGER PRIMARY KEY,
	invoice_id  INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
	description TEXT NOT NULL,
	quantity    INTEGER NOT NULL CHECK (quantity > 0),
	unit_price  INTEGER NOT NULL,
	total       INTEGER NOT NULL
);
CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id);

CREATE TABLE consents (
	id           INTEGER PRIMARY KEY,
	client_id    INTEGER NOT NULL REFERENCES clients (id),
	kind         TEXT NOT NULL CHECK (kind IN ('marketing_email', 'marketing_sms', 'health_data')),
	given        INTEGER NOT NULL,
	at           INTEGER NOT NULL,
	channel      TEXT NOT NULL CHECK (channel IN ('in_person', 'phone', 'paper', 'email')),
	recorded_by  TEXT NOT NULL,
	text_version TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consents_client ON consents (client_id, kind, at);

CREATE TABLE audit_events (
	id         INTEGER PRIMARY KEY,
	at         INTEGER NOT NULL,
	actor      TEXT NOT NULL,
	action     TEXT NOT NULL,
	subject_id INTEGER NOT NULL DEFAULT 0,
	details    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_subject ON audit_events (subject_id);

CREATE TABLE erasure_ledger (
	id        INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL,
	at        INTEGER NOT NULL,
	by        TEXT NOT NULL,
	reason    TEXT NOT NULL
);
`
