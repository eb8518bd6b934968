package store

import (
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/hkdf"
)

// ErrWrongPassphrase is returned when neither the passphrase nor the recovery
// key unwraps the data key. The database file is not touched.
var ErrWrongPassphrase = errors.New("wrong passphrase or recovery key")

// KDFParams are the Argon2id parameters stored in the key header.
type KDFParams struct {
	Time      uint32 // passes
	MemoryKiB uint32
	Threads   uint8
}

// CheapKDF is for tests and throwaway demo files only: it derives in
// milliseconds and so protects nothing. It is honoured when a salon is
// created; a passphrase change never lowers a salon's settings to it.
var CheapKDF = KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}

// MinKDF is the floor: RFC 9106's second recommendation, t=3 at 64 MiB. A
// salon below it is [KDFParams.Weak]; [CalibrateKDF] never goes below it.
var MinKDF = KDFParams{Time: 3, MemoryKiB: 64 * 1024, Threads: 1}

// calibrationTarget is how long an unlock should take on the user's machine.
const calibrationTarget = 500 * time.Millisecond

// Weak reports whether p is below the floor [MinKDF], in passes or memory.
func (p KDFParams) Weak() bool { return p.Time < MinKDF.Time || p.MemoryKiB < MinKDF.MemoryKiB }

// stronger is p raised, parameter by parameter, to at least q.
func (p KDFParams) stronger(q KDFParams) KDFParams {
	return KDFParams{Time: max(p.Time, q.Time), MemoryKiB: max(p.MemoryKiB, q.MemoryKiB), Threads: max(p.Threads, q.Threads)}
}

// String describes p for a person: "Argon2id, 3 passes over 64 MiB".
func (p KDFParams) String() string {
	mem := fmt.Sprintf("%d KiB", p.MemoryKiB)
	if p.MemoryKiB >= 1024 && p.MemoryKiB%1024 == 0 {
		mem = fmt.Sprintf("%d MiB", p.MemoryKiB/1024)
	}
	passes := "passes"
	if p.Time == 1 {
		passes = "pass"
	}
	return fmt.Sprintf("Argon2id, %d %s over %s", p.Time, passes, mem)
}

// CalibrateKDF picks Argon2id parameters that take about target on this
// machine: 64 MiB, up to four lanes, and as many passes as fit. A process's
// first runs are several times slower than its later ones (fresh memory,
// a cold heap), so it times one-pass runs until they settle, for up to
// three times the target, and scales the fastest.
func CalibrateKDF(target time.Duration) KDFParams {
	p := KDFParams{MemoryKiB: 64 * 1024, Threads: uint8(min(runtime.NumCPU(), 4))}
	salt := make([]byte, 16)
	best := time.Hour
	deadline := time.Now().Add(3 * target)
	for i := 0; i < 12 && (i < 3 || time.Now().Before(deadline)); i++ {
		start := time.Now()
		argon2.IDKey([]byte("calibration"), salt, 1, p.MemoryKiB, p.Threads, 32)
		took := time.Since(start)
		settled := took > best*9/10
		best = min(best, took)
		if settled && i >= 3 {
			break
		}
	}
	// Never below RFC 9106's second recommendation (t=3 at 64 MiB).
	p.Time = uint32(min(max(int64(target/max(best, time.Millisecond)), 3), 64))
	return p
}

func (p KDFParams) derive(passphrase, salt []byte) []byte {
	return argon2.IDKey(passphrase, salt, p.Time, p.MemoryKiB, p.Threads, chacha20poly1305.KeySize)
}

// dataKeySize is the size of the random data key; the page keys are
// derived from it (see store/internal/pagecrypt).
const dataKeySize = 32

// wrap seals the data key under kek, binding ad.
func wrap(kek, dataKey, ad []byte) (nonce [24]byte, sealed [dataKeySize + 16]byte, err error) {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nonce, sealed, err
	}
	if _, err = rand.Read(nonce[:]); err != nil {
		return nonce, sealed, err
	}
	aead.Seal(sealed[:0], nonce[:], dataKey, ad)
	return nonce, sealed, nil
}

func unwrap(kek []byte, nonce [24]byte, sealed [dataKeySize + 16]byte, ad []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, err
	}
	key, err := aead.Open(nil, nonce[:], sealed[:], ad)
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	return key, nil
}

// recoveryKEK derives the wrapping key from a recovery key; the recovery key
// already carries 160 random bits, so no slow KDF is needed.
func recoveryKEK(raw, salt []byte) []byte {
	k := make([]byte, chacha20poly1305.KeySize)
	io.ReadFull(hkdf.New(sha256.New, raw, salt, []byte("kartoteka recovery key v1")), k)
	return k
}

// recoveryKeyBytes is the entropy of a recovery key: 160 bits, 32 characters.
const recoveryKeyBytes = 20

// crockford is Crockford's base32 alphabet: no I, L, O or U to misread.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// FormatRecoveryKey writes raw key bytes as eight groups of four characters.
func FormatRecoveryKey(raw []byte) string {
	var sb strings.Builder
	var acc uint64
	bits := 0
	n := 0
	emit := func(v uint64) {
		if n > 0 && n%4 == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(crockford[v&31])
		n++
	}
	for _, b := range raw {
		acc = acc<<8 | uint64(b)
		bits += 8
		for bits >= 5 {
			bits -= 5
			emit(acc >> bits)
		}
	}
	if bits > 0 {
		emit(acc << (5 - bits))
	}
	return sb.String()
}

// ParseRecoveryKey reads a recovery key as a person types it: any case,
// spaces or dashes anywhere, O for 0 and I or L for 1.
func ParseRecoveryKey(s string) ([]byte, error) {
	var acc uint64
	bits := 0
	var out []byte
	for _, r := range strings.ToUpper(s) {
		switch r {
		case ' ', '-', '\t':
			continue
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		v := strings.IndexRune(crockford, r)
		if v < 0 {
			return nil, fmt.Errorf("%w: a recovery key has only letters and digits", ErrWrongPassphrase)
		}
		acc = acc<<5 | uint64(v)
		bits += 5
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
		}
	}
	if len(out) != recoveryKeyBytes {
		return nil, fmt.Errorf("%w: a recovery key has 32 characters", ErrWrongPassphrase)
	}
	return out, nil
}
