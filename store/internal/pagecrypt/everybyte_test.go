package pagecrypt_test

import (
	"bytes"
	"os"
	"testing"

	"kartoteka/store/internal/pagecrypt"
)

// Every single byte of a page, flipped, is found: Plain reports that page
// and no other, for all 4096 offsets (b-tree header, cells, free space,
// tag, nonce, epoch).
func TestEveryByteOfAPage(t *testing.T) {
	s := newSalon(t, pagecrypt.FormatGCM)
	db := s.open(t)
	fill(t, db, 300)
	run(t, db, "PRAGMA wal_checkpoint(TRUNCATE)")
	raw, err := os.ReadFile(s.path)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4
	start := headerSize + (page-1)*pagecrypt.PageSize
	for i := 0; i < pagecrypt.PageSize; i++ {
		raw[start+i] ^= 0x80
		bad, err := s.key.Plain(bytes.NewReader(raw), false, func(int64, []byte) error { return nil })
		raw[start+i] ^= 0x80
		if err != nil || len(bad) != 1 || bad[0].Page != page {
			t.Fatalf("byte %d of page %d flipped: found %+v, %v", i, page, bad, err)
		}
	}
}

// Every single byte of a WAL frame that another frame follows, flipped, is
// found, and so is every byte of the WAL header.
func TestEveryByteOfAFrame(t *testing.T) {
	c, _ := keepWAL(t, 4)
	raw, err := os.ReadFile(c.path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	const walHeaderPhys, framePhys = 64, 56 + pagecrypt.PageSize
	check := func(what string, from, to int) {
		for i := from; i < to; i++ {
			raw[i] ^= 0x80
			bad, err := c.key.Plain(bytes.NewReader(raw), true, func(int64, []byte) error { return nil })
			raw[i] ^= 0x80
			if err != nil || len(bad) == 0 || !bad[0].InLog {
				t.Fatalf("byte %d of the %s flipped: found %+v, %v", i-from, what, bad, err)
			}
		}
	}
	check("WAL header", 0, walHeaderPhys)
	check("first frame", walHeaderPhys, walHeaderPhys+framePhys)
}
