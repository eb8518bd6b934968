package store

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/binary"
)

// pageCipher is AES-XTS (IEEE P1619) without ciphertext stealing, for
// sectors that are whole 16-byte blocks: the construction of
// golang.org/x/crypto/xts, computed on 64-bit words instead of bytes, which
// makes a 4 KiB page about a third cheaper. TestXTSMatchesXCrypto pins it to
// x/crypto/xts output for output.
type pageCipher struct {
	k1, k2 cipher.Block
}

func newPageCipher(key64 []byte) (*pageCipher, error) {
	k1, err := aes.NewCipher(key64[:32])
	if err != nil {
		return nil, err
	}
	k2, err := aes.NewCipher(key64[32:])
	if err != nil {
		return nil, err
	}
	return &pageCipher{k1: k1, k2: k2}, nil
}

// Encrypt encrypts one sector; dst and src may be the same slice.
func (c *pageCipher) Encrypt(dst, src []byte, sector uint64) { c.crypt(dst, src, sector, c.k1.Encrypt) }

// Decrypt decrypts one sector; dst and src may be the same slice.
func (c *pageCipher) Decrypt(dst, src []byte, sector uint64) { c.crypt(dst, src, sector, c.k1.Decrypt) }

func (c *pageCipher) crypt(dst, src []byte, sector uint64, block func(dst, src []byte)) {
	var t [16]byte
	binary.LittleEndian.PutUint64(t[:8], sector)
	c.k2.Encrypt(t[:], t[:])
	lo, hi := binary.LittleEndian.Uint64(t[:8]), binary.LittleEndian.Uint64(t[8:])
	var b [16]byte
	for i := 0; i+16 <= len(src); i += 16 {
		binary.LittleEndian.PutUint64(b[:8], binary.LittleEndian.Uint64(src[i:])^lo)
		binary.LittleEndian.PutUint64(b[8:], binary.LittleEndian.Uint64(src[i+8:])^hi)
		block(b[:], b[:])
		binary.LittleEndian.PutUint64(dst[i:], binary.LittleEndian.Uint64(b[:8])^lo)
		binary.LittleEndian.PutUint64(dst[i+8:], binary.LittleEndian.Uint64(b[8:])^hi)
		// Multiply the tweak by x in GF(2^128), little-endian.
		carry := hi >> 63
		hi = hi<<1 | lo>>63
		lo = lo<<1 ^ carry*0x87
	}
}
