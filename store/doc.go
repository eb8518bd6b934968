// Package store is Kartoteka's encrypted salon database: one SQLite file
// whose pages are encrypted on their way to disk, its schema, and the
// validated reads and writes of salons, staff, services, clients, bookings,
// payments, invoices, consents, the privacy request log, the audit log and
// the erasure ledger.
//
// # Opening
//
// [Create] makes a new database and returns the recovery key, formatted for
// a person to write down; it is shown once. [Open] unlocks a database with
// its passphrase and [OpenWithRecoveryKey] with the recovery key. Both
// return [ErrWrongPassphrase] before SQLite reads a byte of a file they
// cannot unlock, and leave it untouched. Key derivation takes about half a
// second by design: call them off the UI goroutine. [DB.ChangePassphrase]
// and [DB.RegenerateRecoveryKey] rewrite only the key header, all or
// nothing: the audit event commits with the new header or the old header
// is put back; only when even that fails does the error say the change
// stands ([ErrHeaderChangedUnaudited]).
//
// # One at a time
//
// One program owns a salon file while it has it open: [Open] and [Create]
// take an advisory lock on a small file beside it ("salon.kartoteka.lock";
// flock on Unix, LockFileEx on Windows), and a second open is refused with
// [ErrInUse] ("Kartoteka is open on this computer: close it first").
// [Options.Shared] lets reading programs share the file with each other,
// never with a writer, and writes nothing through it. [LockSalon] takes the
// file without opening it, for a restore that replaces it. The operating
// system drops a lock with its process, however it ends; a lock file left
// behind never blocks anyone, and the last to close removes it.
//
// # A whole file or none
//
// The key header carries a set-up mark and the schema version, written
// once a new salon's schema and first records are in the file. Only
// [Create] ever gives a file a schema: a file whose pages are missing (cut
// short, overwritten, or a creation that did not finish) is refused with
// [ErrDamaged], "this salon file is damaged or incomplete: restore a
// backup", and left as it is. Files from before the mark open as before and
// get it on their next open for writing. [DiskProblem] names a full disk
// ([ErrDiskFull]) or an I/O error ([ErrIO]) behind any error; every write is
// one transaction, so a failing disk never leaves half of one.
//
// # Key derivation
//
// [Options.KDF] sets Argon2id for a new salon; zero calibrates it to about
// half a second on this machine, never below [MinKDF] (t=3 at 64 MiB).
// [CheapKDF] is for tests and throwaway salons. A passphrase change keeps
// the stronger of what it is asked for and what the salon has, so a cheap
// setting never weakens a salon; [DB.WeakKDF] tells the app and the CLI to
// warn about a salon below the floor, and [DB.StrengthenKDF] fixes it with
// the same passphrase.
//
// # Backups, the erasure ledger, safety copies
//
// [DB.Backup] writes the file as it is on disk, sealed with
// ChaCha20-Poly1305, with the erasure ledger in chunks of its own;
// [UnsealBackup] checks one whole. The ledger also lives in a sealed,
// append-only file beside the database and beside every backup
// ([DB.SyncLedgerFiles], [DB.LedgerFile]; the format is in ledgerfile.go):
// client numbers and times, never a person. A restore keeps the file it
// replaces as a safety copy ([SafetyCopyPath]) for [SafetyCopyDays] at most;
// closing the salon or the daily job ([DB.MaintainKeys]) removes an older one. [CheckOutputs]
// refuses outputs that are the database or a file beside it, a folder or a
// device, and the same file named twice; [CreateTemp] writes outputs under a
// temporary name that a killed writer's successor removes.
//
// # Windows, macOS and Linux
//
// The salon file is the same on every system; what differs is named in
// files of their own, each with its test. [DataDir] is %AppData%\kartoteka,
// ~/Library/Application Support/kartoteka or $XDG_DATA_HOME/kartoteka. The
// lock is LockFileEx on Windows and flock elsewhere; Windows renames and
// removes only files nobody has open, so lock and temporary files are closed
// first there, and [ReplaceFile] waits up to two seconds for a scanner or
// sync tool holding either name. Folders are flushed after a rename
// (FlushFileBuffers on Windows, where the file system allows), commits use
// F_FULLFSYNC on macOS. On Windows [CheckOutputs] also refuses names that
// Windows would take for a device (CON, NUL, COM1…) or a hidden stream
// ("a:b") or silently change ([PortableName]), and [DiskProblem] knows
// Windows' own words for a full or failing disk.
//
// # Encryption
//
// The VFS in store/internal/pagecrypt (its doc has the format byte by
// byte) seals every page of the main file and of its WAL with AES-256-GCM
// under a key derived from a random data key, nonce and tag in 32 bytes
// SQLite reserves at the end of each page, the page's number and the file
// bound in: a changed byte is a [PageDamage] naming the page, never
// garbage. Journals and temporary files are encrypted too; memory mapping
// is off, temporary storage stays in memory and secure_delete is on. A
// salon of the older, unauthenticated format (AES-XTS) is upgraded the
// first time it is opened for writing, the old file kept beside it until
// the next good backup ([UpgradeCopyPath]). [DB.MaintainKeys] moves to a
// new page key long before its random nonces could repeat; [DB.DeepCheck]
// authenticates every page and frame. The data key is
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
// keeps a folded sort key, indexed with a copy of every live card's columns
// so that a name prefix reads its matches side by side: forgetting a client
// clears all three (tests show that replaced and forgotten details leave no
// trace in any page).
//
// # Duplicates, merging and imports
//
// [DB.DuplicateGroups] finds the live cards that may be one person — the
// same phone, email, name and birth date, or similar names (folded, in any
// word order, one typo a word of five letters or more; the rules are in
// similar.go) that nothing tells apart — and [DB.DuplicatesOf] warns of them
// while a card is made or edited. [DB.MergeClients] moves every record of
// one card to another and anonymizes the first, in one transaction.
// [DB.ImportClients] reads client files as spreadsheets write them (UTF-8,
// UTF-16, cp1250, cp1252, ISO-8859-2/-15; ';', ',' or tab; headers in
// English, Polish, German and Danish; day-first dates), all or nothing,
// each row checked against the cards; its report is the preview.
// [DB.ForgetClients] forgets many clients at once, [DB.InactiveClients]
// finds those not seen for a while, [DB.MarketingAudience] those a
// marketing message may reach.
package store
