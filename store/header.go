package store

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"

	"kartoteka/store/internal/pagecrypt"
)

// The key header sits in front of the SQLite pages, in plaintext: two slots
// of slotSize bytes, each a complete copy with its own checksum and sequence
// number. A rewrite goes to the older slot first and then the newer, with a
// sync between, so a torn write leaves one good slot.
//
// A slot is, big-endian:
//
//	magic "KARTOTEK" | version u8 | seq u64 | file ID (16) | KDF (time u32,
//	memory u32, threads u8) | salt (16) | passphrase nonce (24) and wrapped
//	key (48) | recovery salt (16), nonce (24) and wrapped key (48) |
//	version 2 and later: flags u32 | schema u32 |
//	version 3 and later: page format u8 | key epoch u32 | pages sealed u64 |
//	log ID u64 |
//	SHA-256 of all before it
//
// Version 2 adds the set-up mark: flag bit 0 says the salon was created
// whole (its schema written and checkpointed into the file), and schema is
// the schema version the file was last opened at. A file whose pages are
// missing is then told apart from a new one: only [Create] ever writes a
// schema into an empty file. Version 1 files open as before and get the
// mark the next time they are opened for writing with a whole schema.
//
// Version 3 names the format of the pages behind the header (see
// store/internal/pagecrypt): 1, AES-XTS sectors, which is what versions 1
// and 2 always mean; 2, AES-GCM pages. An older program refuses a version 3
// header as too new, and so never misreads format 2 pages. The key epoch
// says which derived page key new pages are sealed under.
const (
	slotSize   = 4096
	headerSize = 2 * slotSize
)

var headerMagic = [8]byte{'K', 'A', 'R', 'T', 'O', 'T', 'E', 'K'}

// headerVersion is the slot layout written; version 1 is still read.
const headerVersion = 3

// flagSetUp marks a salon whose creation finished.
const flagSetUp = 1

// errNoHeader means the file is not a Kartoteka database (or both slots are
// damaged).
var errNoHeader = errors.New("not a Kartoteka database or its key header is damaged")

// header is one slot's content.
type header struct {
	seq    uint64
	fileID [16]byte
	kdf    KDFParams
	salt   [16]byte

	passNonce [24]byte
	passKey   [dataKeySize + 16]byte

	recSalt  [16]byte
	recNonce [24]byte
	recKey   [dataKeySize + 16]byte

	version byte   // the layout it was read in; written as headerVersion
	flags   uint32 // flagSetUp
	schema  uint32 // the schema version when it was last opened
	format  pagecrypt.Format
	epoch   uint32 // the page key epoch, format 2
	sealed  uint64 // pages sealed under the epoch's key, as last recorded
	logID   uint64 // the WAL this session writes and the next may recover
}

// setUp reports whether the header carries the set-up mark.
func (h *header) setUp() bool { return h.flags&flagSetUp != 0 }

// marked is h with the set-up mark for schema version v.
func (h header) marked(v int) header {
	h.flags |= flagSetUp
	h.schema = uint32(v)
	return h
}

// passAD binds the wrapped key to the file and its KDF parameters, so
// tampering with either fails like a wrong passphrase.
func (h *header) passAD() []byte {
	var b bytes.Buffer
	b.Write(headerMagic[:])
	b.Write(h.fileID[:])
	binary.Write(&b, binary.BigEndian, h.kdf)
	b.Write(h.salt[:])
	return b.Bytes()
}

func (h *header) recAD() []byte {
	var b bytes.Buffer
	b.Write(headerMagic[:])
	b.Write(h.fileID[:])
	b.Write(h.recSalt[:])
	return b.Bytes()
}

func (h *header) encode() []byte {
	var b bytes.Buffer
	b.Write(headerMagic[:])
	b.WriteByte(headerVersion)
	binary.Write(&b, binary.BigEndian, h.seq)
	b.Write(h.fileID[:])
	binary.Write(&b, binary.BigEndian, h.kdf)
	b.Write(h.salt[:])
	b.Write(h.passNonce[:])
	b.Write(h.passKey[:])
	b.Write(h.recSalt[:])
	b.Write(h.recNonce[:])
	b.Write(h.recKey[:])
	binary.Write(&b, binary.BigEndian, h.flags)
	binary.Write(&b, binary.BigEndian, h.schema)
	binary.Write(&b, binary.BigEndian, h.format)
	binary.Write(&b, binary.BigEndian, h.epoch)
	binary.Write(&b, binary.BigEndian, h.sealed)
	binary.Write(&b, binary.BigEndian, h.logID)
	sum := sha256.Sum256(b.Bytes())
	b.Write(sum[:])
	out := make([]byte, slotSize)
	copy(out, b.Bytes())
	return out
}

func decodeSlot(slot []byte) (*header, error) {
	if len(slot) < slotSize || !bytes.Equal(slot[:8], headerMagic[:]) {
		return nil, errNoHeader
	}
	if slot[8] < 1 || slot[8] > headerVersion {
		return nil, fmt.Errorf("store: key header version %d is newer than this program: %w", slot[8], ErrTooNew)
	}
	h := &header{version: slot[8], format: pagecrypt.FormatXTS}
	r := slotReader{rest: slot[9:]}
	h.seq = r.u64()
	r.bytes(h.fileID[:])
	h.kdf = KDFParams{Time: r.u32(), MemoryKiB: r.u32(), Threads: r.u8()}
	for _, b := range [][]byte{h.salt[:], h.passNonce[:], h.passKey[:], h.recSalt[:], h.recNonce[:], h.recKey[:]} {
		r.bytes(b)
	}
	if h.version >= 2 {
		h.flags, h.schema = r.u32(), r.u32()
	}
	if h.version >= 3 {
		h.format, h.epoch, h.sealed, h.logID = pagecrypt.Format(r.u8()), r.u32(), r.u64(), r.u64()
	}
	if h.format != pagecrypt.FormatXTS && h.format != pagecrypt.FormatGCM {
		return nil, fmt.Errorf("store: page format %d is newer than this program: %w", h.format, ErrTooNew)
	}
	n := len(slot) - len(r.rest)
	if len(r.rest) < sha256.Size || sha256.Sum256(slot[:n]) != [sha256.Size]byte(r.rest) {
		return nil, errNoHeader
	}
	return h, nil
}

// slotReader takes a slot's big-endian fields in order, without the
// reflection of binary.Read: every unlock and every open decodes both slots.
// A slot is always slotSize bytes, far more than its fields, so a field never
// runs past the end.
type slotReader struct{ rest []byte }

func (r *slotReader) take(n int) []byte {
	b := r.rest[:n]
	r.rest = r.rest[n:]
	return b
}

func (r *slotReader) bytes(dst []byte) { copy(dst, r.take(len(dst))) }
func (r *slotReader) u8() uint8        { return r.take(1)[0] }
func (r *slotReader) u32() uint32      { return binary.BigEndian.Uint32(r.take(4)) }
func (r *slotReader) u64() uint64      { return binary.BigEndian.Uint64(r.take(8)) }

// decodeHeaderFile returns the newest intact slot of a header region.
func decodeHeaderFile(b []byte) (*header, error) {
	if len(b) < headerSize {
		return nil, errNoHeader
	}
	a, errA := decodeSlot(b[:slotSize])
	c, errC := decodeSlot(b[slotSize:headerSize])
	switch {
	case errA == nil && errC == nil:
		if c.seq > a.seq {
			return c, nil
		}
		return a, nil
	case errA == nil:
		return a, nil
	case errC == nil:
		return c, nil
	case !errors.Is(errA, errNoHeader):
		return nil, errA
	default:
		return nil, errC
	}
}

// encodeHeaderFile lays out both slots with the same content, for a new file.
func encodeHeaderFile(h header) []byte {
	s := h.encode()
	return append(append(make([]byte, 0, headerSize), s...), s...)
}

// readHeader reads the key header of an open database file.
func readHeader(f io.ReaderAt) (*header, error) {
	b := make([]byte, headerSize)
	if _, err := f.ReadAt(b, 0); err != nil {
		return nil, errNoHeader
	}
	return decodeHeaderFile(b)
}

// head is what an open reads of a salon file at once: the key header and
// the page after it, as far as the file goes. Its buffers are reused (see
// readHead): every byte an open allocates is garbage to collect.
type head struct {
	b [headerSize + pagecrypt.PageSize]byte
	n int
}

var heads = sync.Pool{New: func() any { return new(head) }}

// page1 is the first page's bytes as read: short or empty when the file ends
// sooner.
func (hd *head) page1() []byte { return hd.b[headerSize:hd.n] }

// release clears hd (page 1 may have been decrypted in place) and gives it
// back for the next open.
func (hd *head) release() {
	clear(hd.b[:hd.n])
	heads.Put(hd)
}

// readHead reads the key header of an open database file and, in the same
// read, the page after it. The caller releases what it returns.
func readHead(f io.ReaderAt) (*header, *head, error) {
	hd := heads.Get().(*head)
	hd.n, _ = f.ReadAt(hd.b[:], 0) // as in readHeader, a file too short to read is no salon
	if hd.n < headerSize {
		hd.release()
		return nil, nil, errNoHeader
	}
	h, err := decodeHeaderFile(hd.b[:headerSize])
	if err != nil {
		hd.release()
		return nil, nil, err
	}
	return h, hd, nil
}

// headerFile is what writing the header needs of the database file: the
// store's own descriptor (tests put a failing one in its place).
type headerFile interface {
	ReadAt(b []byte, off int64) (int, error)
	WriteAt(b []byte, off int64) (int, error)
	Sync() error
}

// writeHeader replaces both slots with h (its seq one higher than the old),
// older slot first, syncing after each so that one slot is always intact.
func writeHeader(f headerFile, h header) error {
	b := make([]byte, headerSize)
	if _, err := f.ReadAt(b, 0); err != nil {
		return fmt.Errorf("store: read key header: %w", bare(err))
	}
	first, second := int64(0), int64(slotSize)
	if a, err := decodeSlot(b[:slotSize]); err == nil {
		if c, err := decodeSlot(b[slotSize:]); err != nil || a.seq > c.seq {
			first, second = slotSize, 0
		}
	}
	slot := h.encode()
	for _, off := range []int64{first, second} {
		if _, err := f.WriteAt(slot, off); err != nil {
			return fmt.Errorf("store: write key header: %w", bare(err))
		}
		if err := f.Sync(); err != nil {
			return fmt.Errorf("store: sync key header: %w", bare(err))
		}
	}
	return nil
}

// newHeader builds a header for a new data key, wrapped by the passphrase and
// by a fresh recovery key, which it returns raw.
func newHeader(dataKey, passphrase []byte, kdf KDFParams) (header, []byte, error) {
	h := header{seq: 1, kdf: kdf, format: pagecrypt.FormatGCM}
	if _, err := rand.Read(h.fileID[:]); err != nil {
		return h, nil, err
	}
	if err := h.setPassphrase(dataKey, passphrase, kdf); err != nil {
		return h, nil, err
	}
	rec, err := h.newRecoveryKey(dataKey)
	return h, rec, err
}

func (h *header) setPassphrase(dataKey, passphrase []byte, kdf KDFParams) error {
	h.kdf = kdf
	if _, err := rand.Read(h.salt[:]); err != nil {
		return err
	}
	kek := kdf.derive(passphrase, h.salt[:])
	defer clear(kek)
	var err error
	h.passNonce, h.passKey, err = wrap(kek, dataKey, h.passAD())
	return err
}

func (h *header) newRecoveryKey(dataKey []byte) ([]byte, error) {
	rec := make([]byte, recoveryKeyBytes)
	if _, err := rand.Read(rec); err != nil {
		return nil, err
	}
	if _, err := rand.Read(h.recSalt[:]); err != nil {
		return nil, err
	}
	kek := recoveryKEK(rec, h.recSalt[:])
	defer clear(kek)
	var err error
	h.recNonce, h.recKey, err = wrap(kek, dataKey, h.recAD())
	return rec, err
}

func (h *header) unlockPassphrase(passphrase []byte) ([]byte, error) {
	kek := h.kdf.derive(passphrase, h.salt[:])
	defer clear(kek)
	return unwrap(kek, h.passNonce, h.passKey, h.passAD())
}

func (h *header) unlockRecovery(rec []byte) ([]byte, error) {
	kek := recoveryKEK(rec, h.recSalt[:])
	defer clear(kek)
	return unwrap(kek, h.recNonce, h.recKey, h.recAD())
}

// fileIDOffset is where a slot keeps the file ID: after the magic, the
// version byte and the sequence number.
const fileIDOffset = 8 + 1 + 8

// sameFile reports whether either slot of a header region names the file id.
func sameFile(b []byte, id [16]byte) bool {
	for _, slot := range [][]byte{b[:slotSize], b[slotSize:headerSize]} {
		if bytes.Equal(slot[:8], headerMagic[:]) && bytes.Equal(slot[fileIDOffset:fileIDOffset+16], id[:]) {
			return true
		}
	}
	return false
}
