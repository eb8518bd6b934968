package store

import (
	"crypto/aes"
	"testing"

	"golang.org/x/crypto/xts"
)

func BenchmarkEncryptPage(b *testing.B) {
	c, _ := xtsFromDataKey(make([]byte, 32))
	f := &cryptFile{cipher: c, tweak: tweakMain}
	page := make([]byte, 4096)
	b.SetBytes(4096)
	for i := 0; i < b.N; i++ {
		f.encrypt(page, int64(i)*4096)
	}
}

func BenchmarkEncryptPageXCrypto(b *testing.B) {
	c, _ := xts.NewCipher(aes.NewCipher, make([]byte, 64))
	page := make([]byte, 4096)
	b.SetBytes(4096)
	for i := 0; i < b.N; i++ {
		for s := 0; s < 4096; s += sectorSize {
			c.Encrypt(page[s:s+sectorSize], page[s:s+sectorSize], uint64(i*8+s/sectorSize))
		}
	}
}

func BenchmarkDecryptPage(b *testing.B) {
	c, _ := xtsFromDataKey(make([]byte, 32))
	f := &cryptFile{cipher: c, tweak: tweakMain}
	page := make([]byte, 4096)
	b.SetBytes(4096)
	for i := 0; i < b.N; i++ {
		f.decrypt(page, int64(i)*4096)
	}
}
