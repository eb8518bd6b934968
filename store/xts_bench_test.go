package store

import "testing"

func BenchmarkEncryptPage(b *testing.B) {
	c, _ := xtsFromDataKey(make([]byte, 32))
	f := &cryptFile{cipher: c, tweak: tweakMain}
	page := make([]byte, 4096)
	b.SetBytes(4096)
	for i := 0; i < b.N; i++ {
		f.encrypt(page, int64(i)*4096)
	}
}
