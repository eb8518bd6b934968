// Package store is Kartoteka's encrypted salon database: one SQLite file
// whose pages are encrypted on their way to disk, its schema, and the
// validated reads and writes of salons, staff, services, clients, bookings,
// payments, invoices, consents, the audit log and the erasure ledger.
//
// # Opening
//
// [Create] makes a new database and returns the recovery key, formatted for
// a person to write down; it is shown once. [Open] unlocks a database with
// its passphrase and [OpenWithRecoveryKey] with the recovery key. Both
// return [ErrWrongPassphrase] before SQLite reads a byte of a file they
// cannot unlock, and leave it untouched. Key derivation takes about half a
// second by design: call them off the UI goroutine. [DB.ChangePassphrase]
// and [DB.RegenerateRecoveryKey] rewrite only the key header.
//
// # Encryption
//
// A VFS wrapping SQLite's own file layer encrypts every sector of the main
// file, its rollback journal and its WAL with AES-256-XTS under a random
// data key, and temporary files under throwaway keys; memory mapping is off,
// temporary storage stays in memory and secure_delete is on. The data key is
// wrapped with XChaCha20-Poly1305, once under an Argon2id key from the
// passphrase and once under the recovery key, in a two-slot header in front
// of the pages. [DB.DecryptedCopy] and [DB.ScanPlaintext] read the pages back
// in plaintext, for support and for proving that erasure left no trace.
//
// # Reading and writing
//
// A DB is safe for concurrent use: one connection writes, a small pool
// reads, and reads never wait for a write to finish. Reads are named by noun
// ([DB.Client], [DB.ClientCard], [DB.SearchClients], [DB.BookingsBetween]),
// writes by verb ([DB.CreateClient], [DB.CreateBooking], [DB.SetConsent]).
// Every write validates its input, runs in one transaction and leaves an
// audit event with the actor from [WithActor], the action, the subject's ID
// and counts — never personal data. [DB.Batch] writes many records in one
// transaction with one audit event, for imports and the demo salon.
//
// # Errors
//
// Refused input comes back as a [*FieldError] naming the field; errors.Is
// finds the sentinel ([ErrRequired], [ErrInvalidEmail], [ErrInvalidPhone],
// [ErrOverlap], [ErrNoHealthConsent]…). A missing record is [ErrNotFound], a
// change to a forgotten client [ErrAnonymized], processing a restricted
// client without a ground [ErrRestricted], cancelling a visit that is not
// booked [ErrNotBooked].
//
// # Restriction, retention holds and drafts
//
// A client whose processing is restricted (GDPR Art. 18, [DB.SetRestriction])
// is booked, has a booking changed (anything but its status) or has the card
// edited only on one of the grounds of Art. 18(2) ([RestrictionBases]),
// given as the input's Basis; without one the write is refused with a
// [*FieldError] for "client" wrapping [ErrRestricted], checked inside the
// write's transaction. The audit event records the ground ([AuditEvent.Basis])
// and nothing else about it. Every switch of the restriction is kept with its
// reason ([DB.RestrictionHistory], [Card.Restrictions]).
// [DB.SetRetentionHold] keeps a client out of automatic retention, with the
// owner's reason. Drafts ([DB.SaveDraft]) keep the unsaved content of a form
// across an auto-lock; they are app state and not audited. Forgetting a
// client deletes their drafts and restriction history and clears the hold.
//
// # Search
//
// Client search folds case, diacritics and the Polish and Nordic letters
// ([Fold]: "kowalska-oster" finds "Kowalska-Øster") and matches word
// prefixes of names, phone numbers and emails. The full-text index keeps
// its folded content and has FTS5's secure-delete on, and the clients table
// keeps a folded sort key: forgetting a client clears both (tests show that
// replaced and forgotten details leave no trace in any page).
package store
