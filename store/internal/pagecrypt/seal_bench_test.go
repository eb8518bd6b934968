package pagecrypt

import (
	"crypto/rand"
	"testing"
)

func benchKey(b *testing.B) *Key {
	dataKey := make([]byte, 32)
	rand.Read(dataKey)
	k, err := NewKey(dataKey, [16]byte{1}, FormatGCM, 0, 0, nil)
	if err != nil {
		b.Fatal(err)
	}
	return k
}

// BenchmarkSealOpenPage is one page written and read back: the cipher's
// cost per page in format 2.
func BenchmarkSealOpenPage(b *testing.B) {
	k := benchKey(b)
	page := make([]byte, PageSize)
	rand.Read(page[:PageSize-Reserved])
	var ad [48]byte
	b.SetBytes(PageSize)
	for b.Loop() {
		if err := k.seal(page, k.pageAD(&ad, 7)); err != nil {
			b.Fatal(err)
		}
		if !k.open(page, k.pageAD(&ad, 7)) {
			b.Fatal("open")
		}
	}
}

// BenchmarkXTSPage is the same for format 1's x/crypto/xts, per page.
func BenchmarkXTSPage(b *testing.B) {
	k := benchKey(b)
	f := &file{xts: k.journal}
	page := make([]byte, PageSize)
	b.SetBytes(PageSize)
	for b.Loop() {
		f.encryptSectors(page, 0)
		f.decryptSectors(page, 0)
	}
}
