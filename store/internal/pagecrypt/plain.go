package pagecrypt

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
)

// Plain reads one of the salon's files as SQLite sees it, without SQLite:
// the main database (wal false; it begins with the key header) or its WAL.
// fn gets the plaintext in order at SQLite's offsets: whole pages of the
// main file; the WAL's header, then each frame (header and page) whole.
// What does not authenticate is not passed to fn but returned, except a
// WAL frame cut short at the end of its generation, which is no frame.
// Frames of earlier WAL generations that SQLite no longer reads are passed
// too (their salts tell them apart): they are still on the disk. The
// plaintext handed to fn is overwritten by the next call.
func (k *Key) Plain(r io.ReaderAt, wal bool, fn func(off int64, plain []byte) error) ([]Damage, error) {
	switch {
	case k.format == FormatXTS:
		return nil, k.plainSectors(r, wal, fn)
	case wal:
		return k.plainWAL(r, fn)
	}
	// A reader goroutine reads and opens the next chunk while fn has this
	// one: decryption and what the caller does with the plaintext (the
	// erasure proof's search) overlap.
	type chunk struct {
		buf   []byte
		first uint32
		n     int
		ok    []bool
		err   error
	}
	free, full := make(chan *chunk, 3), make(chan *chunk, 3)
	for range 3 {
		free <- &chunk{buf: make([]byte, plainChunk), ok: make([]bool, plainChunk/PageSize)}
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(full)
		for first := uint32(1); ; first += plainChunk / PageSize {
			var c *chunk
			select {
			case c = <-free:
			case <-stop:
				return
			}
			c.first = first
			c.n, c.err = r.ReadAt(c.buf, k.offset+int64(first-1)*PageSize)
			if errors.Is(c.err, io.EOF) {
				c.err = nil
			}
			pages := (c.n + PageSize - 1) / PageSize
			k.openPages(c.buf[:pages*PageSize], first, c.ok[:pages])
			full <- c
			if c.err != nil || c.n < plainChunk {
				return
			}
		}
	}()
	var bad []Damage
	for c := range full {
		if c.err != nil {
			return bad, fmt.Errorf("pagecrypt: read page %d: %w", c.first, c.err)
		}
		// fn gets each run of good pages in one call.
		pos := int64(c.first-1) * PageSize
		run := 0
		flush := func(to int) error {
			if to > run {
				if err := fn(pos+int64(run)*PageSize, c.buf[run*PageSize:to*PageSize]); err != nil {
					return err
				}
			}
			return nil
		}
		pages := (c.n + PageSize - 1) / PageSize
		for i := 0; i < pages; i++ {
			if c.ok[i] && (i+1)*PageSize <= c.n {
				continue
			}
			if err := flush(i); err != nil {
				return bad, err
			}
			bad = append(bad, Damage{Page: c.first + uint32(i)})
			run = i + 1
		}
		if err := flush(pages); err != nil {
			return bad, err
		}
		clear(c.buf)
		free <- c
	}
	return bad, nil
}

// plainChunk is how much of a main file Plain reads at once: 128 pages
// (measured best for the erasure proof, against 64 and 256).
const plainChunk = 128 * PageSize

// openPages opens the pages in b, the first numbered first, in place,
// spread over the processors: decryption is what a scan of the whole file
// spends its time on. ok[i] says whether page i authenticated.
func (k *Key) openPages(b []byte, first uint32, ok []bool) {
	open := func(from, to int) {
		var ad [48]byte
		for i := from; i < to; i++ {
			ok[i] = k.open(b[i*PageSize:(i+1)*PageSize], k.pageAD(&ad, first+uint32(i)))
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(ok)/8)
	if workers < 2 {
		open(0, len(ok))
		return
	}
	var wg sync.WaitGroup
	per := (len(ok) + workers - 1) / workers
	for from := 0; from < len(ok); from += per {
		wg.Add(1)
		go func() {
			defer wg.Done()
			open(from, min(from+per, len(ok)))
		}()
	}
	wg.Wait()
}

func (k *Key) plainWAL(r io.ReaderAt, fn func(off int64, plain []byte) error) ([]Damage, error) {
	h := make([]byte, walHeaderPhys)
	if n, _ := r.ReadAt(h, 0); n < walHeaderPhys {
		return nil, nil // no header: an empty log
	}
	var ad [48]byte
	if !k.open(h, k.walHeaderAD(&ad)) {
		// As in recovery (see readWAL): damage when a frame of this log
		// is there; else a log that is not this one's, which SQLite skips.
		fr := make([]byte, walFramePhys)
		defer clear(fr)
		for f := int64(0); ; f++ {
			if n, _ := r.ReadAt(fr, framePhys(f)); n < walFramePhys {
				return nil, nil
			}
			if k.open(fr[:walFrameHeaderPhys], k.frameHeadAD(&ad, f)) {
				return []Damage{{InLog: true}}, nil
			}
		}
	}
	if err := fn(0, h[:walHeader]); err != nil {
		return nil, err
	}
	salt1, salt2 := binary.BigEndian.Uint32(h[16:]), binary.BigEndian.Uint32(h[20:])
	current := func(fr []byte) bool {
		return binary.BigEndian.Uint32(fr[8:]) == salt1 && binary.BigEndian.Uint32(fr[12:]) == salt2
	}
	var bad []Damage
	fr := make([]byte, walFramePhys)
	out := make([]byte, walFrame)
	defer clear(fr)
	defer clear(out)
	pending := -1 // a frame that failed, damaged if a current frame follows
	var pendingPage uint32
	for f := int64(0); ; f++ {
		if n, _ := r.ReadAt(fr, framePhys(f)); n < walFramePhys {
			return bad, nil
		}
		ok := k.open(fr[:walFrameHeaderPhys], k.frameHeadAD(&ad, f))
		page := binary.BigEndian.Uint32(fr)
		salts := frameSalts(fr)
		if salts == 0 { // written before SQLite rewrote its checksums: see frameGeneration
			salts = uint64(salt1)<<32 | uint64(salt2)
		}
		ok = ok && k.open(fr[walFrameHeaderPhys:], k.frameAD(&ad, f, page, salts))
		if !ok {
			if pending < 0 {
				pending, pendingPage = int(f), page
			}
			continue
		}
		// As in recovery (see tornAt): a frame that fails is damage only
		// when a commit frame of its generation follows it.
		if pending >= 0 && current(fr) && binary.BigEndian.Uint32(fr[4:]) != 0 {
			bad = append(bad, Damage{Page: pendingPage, InLog: true})
			pending = -1
		}
		copy(out, fr[:walFrameHeader])
		copy(out[walFrameHeader:], fr[walFrameHeaderPhys:])
		if err := fn(walHeader+f*walFrame, out); err != nil {
			return bad, err
		}
	}
}

// plainSectors decrypts a format 1 file in chunks of 64 KiB.
func (k *Key) plainSectors(r io.ReaderAt, wal bool, fn func(off int64, plain []byte) error) error {
	c, err := k.journalCipher()
	if err != nil {
		return err
	}
	f := &file{xts: c, tweak: tweakMain, offset: k.offset}
	if wal {
		f.tweak, f.offset = tweakWAL, 0
	}
	buf := make([]byte, 64*1024)
	defer clear(buf)
	for off := int64(0); ; off += int64(len(buf)) {
		n, err := r.ReadAt(buf, f.offset+off)
		n = int(roundDown(int64(n)))
		if n > 0 {
			f.decryptSectors(buf[:n], off)
			if err := fn(off, buf[:n]); err != nil {
				return err
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("pagecrypt: read: %w", err)
		}
	}
}

// OpenPage decrypts in place b, page pgno of a main database file as read
// from it (short when the file ends inside the page, empty when before it),
// and returns its plaintext: nil when b is empty, a Damage error when the
// page does not authenticate.
func (k *Key) OpenPage(b []byte, pgno uint32) ([]byte, error) {
	switch {
	case len(b) == 0:
		return nil, nil
	case k.format == FormatXTS:
		f := &file{xts: k.journal, tweak: tweakMain} // NewKey made it for format 1
		n := len(b) - len(b)%sectorSize
		f.decryptSectors(b[:n], int64(pgno-1)*PageSize)
		return b[:n], nil
	}
	var ad [48]byte
	if len(b) < PageSize || !k.open(b[:PageSize], k.pageAD(&ad, pgno)) {
		return nil, Damage{Page: pgno}
	}
	return b[:PageSize], nil
}

func (d Damage) Error() string {
	return fmt.Sprintf("pagecrypt: page %d does not authenticate", d.Page)
}
