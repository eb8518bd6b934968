// Package pagecrypt is the VFS that encrypts a salon's SQLite files page by
// page. It is the only package of Kartoteka that uses unsafe and
// modernc.org/libc: it wraps SQLite's default "unix" VFS, delegates locking,
// shared memory, sync and delete to it, and transforms reads and writes.
//
// The API is small: [Register] once, [NewKey] for a salon's data key, [Add]
// it to get the handle a DSN names (vfs=kartoteka&kkey=N), [Remove] it when
// the salon closes. [Key.Plain] reads the files without SQLite (checks,
// plaintext copies, erasure proofs).
//
// # Keys
//
// All keys come from the salon's random 32-byte data key by HKDF-SHA256:
// "kartoteka pages aes-256-gcm v2 epoch N" gives the AES-256-GCM key of key
// epoch N; "kartoteka journal aes-256-xts v2" the AES-256-XTS key of
// rollback journals. Temporary files (temp databases, sorters, statement
// journals) get a random XTS key of their own, forgotten on close. Format 1
// used "kartoteka pages aes-256-xts v1" for everything.
//
// # Format 2: the main database file
//
//	offset 0       the key header (8 KiB, written by package store)
//	offset 8192    page 1, page 2, … of 4096 bytes each
//
// SQLite is told (byte 20 of its header) to leave the last 32 bytes of
// every page alone. A page on disk is:
//
//	bytes 0–4063      AES-256-GCM ciphertext of SQLite's 4064 bytes
//	bytes 4064–4079   the GCM tag
//	bytes 4080–4091   the nonce: 96 random bits, new at every write
//	bytes 4092–4095   the key epoch, big-endian
//
// The additional data is the salon's 16-byte file ID, 'P', and the page
// number (big-endian u32), and the epoch is bound by its key: a changed
// byte, a page moved to another number, or another salon's page fails.
// SQLite gets the reserved bytes back as zeros, which is what it wrote
// there. A page that fails is SQLITE_IOERR_DATA, and [LastDamage] says
// which page.
//
// What per-page sealing cannot see: an older copy of the same page, or of
// the whole file, put back in its place authenticates (as with SQLCipher's
// per-page HMAC). Catching that needs a digest of all pages kept outside
// the file; it is not done.
//
// An empty main file opened for writing is given a first page before
// SQLite looks at it (an empty database with 32 reserved bytes): SQLite
// keeps an existing file's reserved size, VACUUM included. The target of
// VACUUM INTO stays empty ([Key.LeaveEmpty]); [RequestReserve] makes SQLite
// write it with the reserved bytes.
//
// # Format 2: the WAL
//
// SQLite's WAL is a 32-byte header, then frames of a 24-byte frame header
// and a page. Their checksums are over the plaintext, which would let one
// who guesses a page's content confirm the guess, so headers are sealed
// too, each with its own nonce and tag, which makes them 32 bytes longer on
// disk. SQLite sees the logical layout; the file holds:
//
//	0–63        the WAL header: ciphertext (32), tag (16), nonce (12), epoch (4)
//	then each frame k, of 56 + 4096 bytes:
//	  0–55      its header: ciphertext (24), tag, nonce, epoch
//	  56–4151   its page, sealed as a database page
//
// Additional data: the WAL header, file ID, 'W' and the log ID; frame k's
// header, file ID, 'F', k and the log ID; its page, file ID, 'f', k, the
// page number, both salts of its WAL generation and the log ID. The salts
// are those of the frame header, or of the WAL header when the frame
// header's are zero: SQLite writes the frames of a transaction that changed
// a page it had already spilled to the log with zero salts and checksums,
// and rewrites those headers at commit. The log ID
// ([Key.SetLogID], 64 bits) names the WAL of one session: the store gives
// each a new random one once the WAL is empty (after the recovery at open,
// and at close), so a WAL of an earlier session put back beside the file
// does not authenticate and is not replayed.
//
// Recovery (SQLite reads whole frames only then): a WAL header that fails
// is an empty log when no frame of this log follows it (a WAL not this
// session's, or a header cut short as a generation began, with nothing
// committed under it), and damage when one does. A frame that fails ends
// the log, as a write cut short by a crash does, unless a commit frame of
// its generation that authenticates follows it: frames of a transaction
// rolled back or not yet synced may lie after a torn one, but a commit
// frame after it shows it was part of a log once whole. Outside recovery a
// frame that fails, or whose salts are not the current generation's, is
// SQLITE_IOERR_DATA. The -shm file holds page numbers and the running
// checksum of the last frame, which is over its plaintext: it passes
// through while the salon is open and is removed when it closes.
//
// # Rollback journals, temporary files, format 1
//
// These are length-preserving AES-256-XTS (golang.org/x/crypto/xts) over
// 512-byte sectors, the sector number as tweak with the kind of file in
// its top byte (1 main, 2 journal, 3 WAL, 4 temporary); writes that are not
// sector-aligned are read-modify-write, so such files claim no powersafe
// overwrite. A salon uses WAL; a journal appears only while a file is
// created or changes journal mode. Format 1 files (the main file behind
// the same key header, and the WAL) are read and written this way, so that
// they can be upgraded: they are not authenticated.
//
// Memory-mapped I/O is refused (io_methods version 2, MMAP_SIZE answered
// with 0); size hints and chunk sizes are declined.
package pagecrypt
