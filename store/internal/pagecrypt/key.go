package pagecrypt

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"golang.org/x/crypto/hkdf"
	"golang.org/x/crypto/xts"
)

// Format is how a main database file and its WAL are encrypted.
type Format byte

const (
	// FormatXTS is format 1: AES-256-XTS over 512-byte sectors, length
	// preserving and not authenticated. It is read (and written) so that
	// old salons can be upgraded; new files are never made in it.
	FormatXTS Format = 1
	// FormatGCM is format 2: every page sealed with AES-256-GCM, its nonce,
	// tag and key epoch in the page's reserved bytes (see the package doc).
	FormatGCM Format = 2
)

// PageSize is the only page size format 2 knows; Reserved is how many bytes
// at the end of each page SQLite leaves to it.
const (
	PageSize = 4096
	Reserved = 32
)

// sealOverhead is what a seal adds after the ciphertext: tag, nonce, epoch.
const (
	tagSize      = 16
	nonceSize    = 12
	sealOverhead = tagSize + nonceSize + 4
)

// Key is what the VFS needs to encrypt one salon's files: derived from its
// data key, bound to its file ID, and told how many bytes of key header
// precede the pages of the main file.
type Key struct {
	format Format
	fileID [16]byte
	offset int64
	// owns reports whether the first offset bytes of a main file are this
	// salon's key header: a file of another salon is never opened with it.
	owns func(head []byte) bool

	dataKey []byte
	epoch   atomic.Uint32 // the epoch new seals use
	mu      sync.Mutex
	aeads   map[uint32]cipher.AEAD
	last    atomic.Pointer[epochAEAD] // the epoch used last: no lock on the hot path

	journal *xts.Cipher // format 2 rollback journals; format 1 everything (see journalCipher)
	sealed  atomic.Uint64
	// logID names the WAL the salon may recover: bound into every sealed
	// piece of the WAL, so that a WAL put back from an earlier session
	// fails instead of replaying old pages.
	logID atomic.Uint64
	// salts are the current WAL generation's (salt-1 high, salt-2 low),
	// once a handle has read or written the WAL header; a frame of another
	// generation is never served as current.
	salts     atomic.Uint64
	haveSalts atomic.Bool
	// leaveEmpty: an empty main file is not given a first page.
	leaveEmpty bool
}

// LeaveEmpty makes an empty main file opened with k stay empty until SQLite
// writes it, for the target of VACUUM INTO, which must be empty and whose
// pages get their reserved bytes from [RequestReserve].
func (k *Key) LeaveEmpty() { k.leaveEmpty = true }

// NewKey derives the keys for a salon's files from its 32-byte data key.
// Pages are sealed under epoch's key; older epochs still open.
func NewKey(dataKey []byte, fileID [16]byte, format Format, epoch uint32, offset int64, owns func(head []byte) bool) (*Key, error) {
	if format != FormatXTS && format != FormatGCM {
		return nil, fmt.Errorf("pagecrypt: unknown format %d", format)
	}
	k := &Key{format: format, fileID: fileID, offset: offset, owns: owns, dataKey: append([]byte(nil), dataKey...), aeads: map[uint32]cipher.AEAD{}}
	k.epoch.Store(epoch)
	var err error
	if format == FormatXTS {
		_, err = k.journalCipher()
	} else {
		_, err = k.aead(epoch)
	}
	if err != nil {
		return nil, err
	}
	return k, nil
}

// journalCipher is the XTS key of format 2's rollback journals and of
// everything in format 1, derived the first time a file needs it: a format 2
// salon in WAL mode seldom opens a journal, and every open counts.
func (k *Key) journalCipher() (*xts.Cipher, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.journal != nil {
		return k.journal, nil
	}
	if k.dataKey == nil {
		return nil, errWiped
	}
	info := "kartoteka pages aes-256-xts v1" // format 1's page key is format 2's journal key
	if k.format == FormatGCM {
		info = "kartoteka journal aes-256-xts v2"
	}
	c, err := xtsKey(k.dataKey, info)
	if err == nil {
		k.journal = c
	}
	return c, err
}

// SetLogID names the WAL that files opened with k write and recover. The
// store gives each session a new one once the WAL is empty.
func (k *Key) SetLogID(id uint64) { k.logID.Store(id) }

// LogID is the WAL's name SetLogID gave.
func (k *Key) LogID() uint64 { return k.logID.Load() }

func (k *Key) setSalts(s1, s2 uint32) {
	k.salts.Store(uint64(s1)<<32 | uint64(s2))
	k.haveSalts.Store(true)
}

// Format is the key's file format.
func (k *Key) Format() Format { return k.format }

// Epoch is the epoch new seals use.
func (k *Key) Epoch() uint32 { return k.epoch.Load() }

// SetEpoch makes new seals use the page key of epoch e, a later one than
// now; pages sealed under earlier epochs still open. Rewriting every page
// (VACUUM) then retires the old key: that is how the data key's page key
// is rotated before its random nonces run short.
func (k *Key) SetEpoch(e uint32) error {
	if e <= k.Epoch() {
		return fmt.Errorf("pagecrypt: epoch %d is not after %d", e, k.Epoch())
	}
	k.epoch.Store(e)
	if _, err := k.aead(e); err != nil {
		return err
	}
	return nil
}

// Sealed counts the pages and headers sealed through k since it was made:
// the nonce budget of its epoch is spent by these.
func (k *Key) Sealed() uint64 { return k.sealed.Load() }

// Wipe clears the data key k keeps; no page key is derived from it
// afterwards. Files still open keep the ciphers they have.
func (k *Key) Wipe() {
	k.mu.Lock()
	defer k.mu.Unlock()
	clear(k.dataKey)
	k.dataKey = nil
}

func derive(dataKey []byte, info string, n int) ([]byte, error) {
	out := make([]byte, n)
	if _, err := io.ReadFull(hkdf.New(sha256.New, dataKey, nil, []byte(info)), out); err != nil {
		return nil, err
	}
	return out, nil
}

func xtsKey(dataKey []byte, info string) (*xts.Cipher, error) {
	b, err := derive(dataKey, info, 64)
	if err != nil {
		return nil, err
	}
	defer clear(b)
	return xts.NewCipher(aes.NewCipher, b)
}

// randomXTS is a throwaway key for a temporary file.
func randomXTS() (*xts.Cipher, error) {
	var b [64]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	defer clear(b[:])
	return xts.NewCipher(aes.NewCipher, b[:])
}

// epochAEAD is an epoch's AES-256-GCM.
type epochAEAD struct {
	epoch uint32
	aead  cipher.AEAD
}

// aead is the AES-256-GCM of an epoch, derived on first use.
func (k *Key) aead(epoch uint32) (cipher.AEAD, error) {
	if l := k.last.Load(); l != nil && l.epoch == epoch {
		return l.aead, nil
	}
	a, err := k.deriveAEAD(epoch)
	if err == nil {
		k.last.Store(&epochAEAD{epoch, a})
	}
	return a, err
}

func (k *Key) deriveAEAD(epoch uint32) (cipher.AEAD, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if a, ok := k.aeads[epoch]; ok {
		return a, nil
	}
	if epoch > k.epoch.Load() {
		return nil, errFutureEpoch
	}
	if k.dataKey == nil {
		return nil, errWiped
	}
	b, err := derive(k.dataKey, fmt.Sprintf("kartoteka pages aes-256-gcm v2 epoch %d", epoch), 32)
	if err != nil {
		return nil, err
	}
	defer clear(b)
	blk, err := aes.NewCipher(b)
	if err != nil {
		return nil, err
	}
	a, err := cipher.NewGCM(blk)
	if err != nil {
		return nil, err
	}
	k.aeads[epoch] = a
	return a, nil
}

var (
	errFutureEpoch = errors.New("pagecrypt: sealed under a key epoch the salon does not have")
	errWiped       = errors.New("pagecrypt: the key was wiped")
)

// Additional data kinds: what a sealed piece is, so that none can stand in
// for another.
const (
	adPage      = 'P' // a page of the main database
	adWALHeader = 'W' // the WAL header
	adFrameHead = 'F' // a WAL frame header
	adFramePage = 'f' // the page of a WAL frame
)

// ad is the additional data of a sealed piece: file ID, kind, and up to
// three numbers that place it (page number; frame index, page number and
// the WAL salts).
func (k *Key) ad(buf *[48]byte, kind byte, nums ...uint32) []byte {
	b := append(buf[:0], k.fileID[:]...)
	b = append(b, kind)
	for _, n := range nums {
		b = binary.BigEndian.AppendUint32(b, n)
	}
	return b
}

// seal encrypts b[:len(b)-sealOverhead] in place and writes tag, nonce and
// epoch into the last sealOverhead bytes.
func (k *Key) seal(b, ad []byte) error {
	epoch := k.epoch.Load()
	a, err := k.aead(epoch)
	if err != nil {
		return err
	}
	n := len(b) - sealOverhead
	nonce := b[n+tagSize : n+tagSize+nonceSize]
	if _, err := rand.Read(nonce); err != nil {
		return err
	}
	binary.BigEndian.PutUint32(b[len(b)-4:], epoch)
	var nb [nonceSize]byte
	copy(nb[:], nonce)
	a.Seal(b[:0], nb[:], b[:n], ad)
	k.sealed.Add(1)
	return nil
}

// open checks and decrypts b in place, as seal left it; the last
// sealOverhead bytes are zeroed, which is what SQLite wrote there.
func (k *Key) open(b, ad []byte) bool {
	n := len(b) - sealOverhead
	epoch := binary.BigEndian.Uint32(b[len(b)-4:])
	a, err := k.aead(epoch)
	if err != nil {
		return false
	}
	var nb [nonceSize]byte
	copy(nb[:], b[n+tagSize:n+tagSize+nonceSize])
	if _, err := a.Open(b[:0], nb[:], b[:n+tagSize], ad); err != nil {
		return false
	}
	clear(b[n:])
	return true
}
