package store

import (
	"bytes"
	"crypto/aes"
	"crypto/rand"
	"testing"

	"golang.org/x/crypto/xts"
)

func TestXTSMatchesXCrypto(t *testing.T) {
	key := make([]byte, 64)
	rand.Read(key)
	ref, err := xts.NewCipher(aes.NewCipher, key)
	if err != nil {
		t.Fatal(err)
	}
	ours, err := newPageCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	for _, sector := range []uint64{0, 1, 255, 1 << 40, tweakWAL | 77, ^uint64(0)} {
		plain := make([]byte, sectorSize)
		rand.Read(plain)
		want := make([]byte, sectorSize)
		ref.Encrypt(want, plain, sector)
		got := bytes.Clone(plain)
		ours.Encrypt(got, got, sector)
		if !bytes.Equal(got, want) {
			t.Fatalf("sector %d: ciphertext differs from x/crypto/xts", sector)
		}
		ours.Decrypt(got, got, sector)
		if !bytes.Equal(got, plain) {
			t.Fatalf("sector %d: decrypt(encrypt(p)) != p", sector)
		}
	}
}
