package pagecrypt

import (
	"encoding/binary"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// SQLite's WAL is a 32-byte header, then frames of a 24-byte header and a
// page. In format 2 each header is sealed on its own, so on disk it is 32
// bytes longer; the page keeps its size, sealed in its reserved bytes. The
// VFS shows SQLite the logical layout and keeps the physical one on disk.
const (
	walHeader          = 32
	walHeaderPhys      = walHeader + sealOverhead
	walFrameHeader     = 24
	walFrameHeaderPhys = walFrameHeader + sealOverhead
	walFrame           = walFrameHeader + PageSize
	walFramePhys       = walFrameHeaderPhys + PageSize
)

// walPhysical is the size on disk of a WAL of logical size n (whole frames).
func walPhysical(n int64) int64 {
	if n <= 0 {
		return 0
	}
	frames := (max(n-walHeader, 0) + walFrame - 1) / walFrame
	return walHeaderPhys + frames*walFramePhys
}

// walLogical is the logical size SQLite sees of a WAL of n bytes on disk:
// whole frames only, as a torn last frame is no frame.
func walLogical(n int64) int64 {
	if n < walHeaderPhys {
		return 0
	}
	return walHeader + (n-walHeaderPhys)/walFramePhys*walFrame
}

func framePhys(k int64) int64 { return walHeaderPhys + k*walFramePhys }

// frameAD is the additional data of frame k's page: its place, its page
// number (from its frame header), the salts of its WAL generation and the
// log ID.
func (k *Key) frameAD(buf *[48]byte, frame int64, pgno uint32, salts uint64) []byte {
	id := k.LogID()
	return k.ad(buf, adFramePage, uint32(frame), pgno, uint32(salts>>32), uint32(salts), uint32(id>>32), uint32(id))
}

// frameGeneration is the salts of the WAL generation a frame with header
// head belongs to: those in the header, or, where SQLite has left them zero,
// the current generation's. SQLite writes the frames of a transaction that
// overwrote a frame already in the log (a page spilled early and changed
// again) with zero salts and checksums, and rewrites their headers at
// commit (walRewriteChecksums); the page, sealed in between, must open
// under either header.
func (f *file) frameGeneration(tls *libc.TLS, head []byte) (uint64, bool) {
	if s := frameSalts(head); s != 0 {
		return s, true
	}
	if !f.haveGeneration(tls) {
		return 0, false
	}
	return f.key.salts.Load(), true
}

// haveGeneration makes sure the current generation's salts are known,
// reading the WAL header when no handle has yet.
func (f *file) haveGeneration(tls *libc.TLS) bool {
	if f.key.haveSalts.Load() {
		return true
	}
	hb := libc.Xmalloc(tls, walHeaderPhys)
	if hb == 0 {
		return false
	}
	st, _ := f.readWALHeader(tls, hb)
	clear(bytesAt(hb, walHeaderPhys))
	libc.Xfree(tls, hb)
	return st == frameOK
}

// openFramePage authenticates and decrypts the page of frame k in place,
// its plaintext header being head.
func (f *file) openFramePage(tls *libc.TLS, page []byte, k int64, head []byte) bool {
	salts, ok := f.frameGeneration(tls, head)
	return ok && f.key.open(page, f.key.frameAD(&f.ad, k, binary.BigEndian.Uint32(head), salts))
}

// sealFramePage seals the page of frame k in place, its plaintext header
// being head.
func (f *file) sealFramePage(tls *libc.TLS, page []byte, k int64, head []byte) bool {
	salts, ok := f.frameGeneration(tls, head)
	return ok && f.key.seal(page, f.key.frameAD(&f.ad, k, binary.BigEndian.Uint32(head), salts)) == nil
}

// frameHeadAD is the additional data of frame k's header: its place and
// the log ID.
func (k *Key) frameHeadAD(buf *[48]byte, frame int64) []byte {
	id := k.LogID()
	return k.ad(buf, adFrameHead, uint32(frame), uint32(id>>32), uint32(id))
}

// walHeaderAD is the additional data of the WAL header: the log ID.
func (k *Key) walHeaderAD(buf *[48]byte) []byte {
	id := k.LogID()
	return k.ad(buf, adWALHeader, uint32(id>>32), uint32(id))
}

// frameSalts are the salts in a frame header, as Key.salts keeps them.
func frameSalts(head []byte) uint64 { return binary.BigEndian.Uint64(head[8:16]) }

// frameState is what reading a frame found.
type frameState int

const (
	frameOK      frameState = iota
	frameAbsent             // past the end of the file
	frameBad                // there, but it does not authenticate
	frameHeadBad            // its header does not authenticate (the page was not tried)
)

// loadFrame reads frame k whole into the walFramePhys bytes at buf and
// opens it in place: the plaintext header at 0, the page at
// walFrameHeaderPhys.
func (f *file) loadFrame(tls *libc.TLS, buf uintptr, k int64) (frameState, int32) {
	b := bytesAt(buf, walFramePhys)
	switch rc := f.innerRead(tls, buf, walFramePhys, framePhys(k)); rc {
	case sqlite3.SQLITE_OK:
	case sqlite3.SQLITE_IOERR_SHORT_READ:
		clear(b)
		return frameAbsent, sqlite3.SQLITE_OK
	default:
		return frameBad, rc
	}
	if !f.key.open(b[:walFrameHeaderPhys], f.key.frameHeadAD(&f.ad, k)) {
		return frameHeadBad, sqlite3.SQLITE_OK
	}
	if !f.openFramePage(tls, b[walFrameHeaderPhys:], k, b) {
		return frameBad, sqlite3.SQLITE_OK
	}
	return frameOK, sqlite3.SQLITE_OK
}

// readHeader reads and opens the WAL header into the walHeaderPhys bytes at
// buf, remembering its salts.
func (f *file) readWALHeader(tls *libc.TLS, buf uintptr) (frameState, int32) {
	b := bytesAt(buf, walHeaderPhys)
	switch rc := f.innerRead(tls, buf, walHeaderPhys, 0); rc {
	case sqlite3.SQLITE_OK:
	case sqlite3.SQLITE_IOERR_SHORT_READ:
		clear(b)
		return frameAbsent, sqlite3.SQLITE_OK
	default:
		return frameBad, rc
	}
	if !f.key.open(b, f.key.walHeaderAD(&f.ad)) {
		clear(b)
		return frameBad, sqlite3.SQLITE_OK
	}
	f.key.setSalts(binary.BigEndian.Uint32(b[16:]), binary.BigEndian.Uint32(b[20:]))
	return frameOK, sqlite3.SQLITE_OK
}

// readWAL serves SQLite's reads of the WAL: the header, a frame's page, a
// whole frame (recovery and checksum rewriting) or part of a frame header.
// A frame that does not authenticate is SQLITE_IOERR_DATA, except in a
// whole-frame read when it is the last frame of its WAL generation: that is
// a write cut short by a crash, and it reads as zeros, which SQLite takes
// for the end of the log.
func (f *file) readWAL(tls *libc.TLS, zBuf uintptr, n int, off int64) int32 {
	out := bytesAt(zBuf, n)
	if off < walHeader {
		buf := f.buffer(tls, walHeaderPhys)
		if buf == 0 {
			return sqlite3.SQLITE_IOERR_NOMEM
		}
		switch st, rc := f.readWALHeader(tls, buf); {
		case rc != sqlite3.SQLITE_OK:
			return rc
		case st == frameBad && f.anyFrame(tls):
			clear(out)
			return reportDamage(0, true)
		case st == frameBad:
			// Not this log's: one put back from an earlier session (the
			// store names each session's log), or a header cut short as a
			// new generation began, with nothing committed under it. As
			// SQLite does with a header it cannot read, the log is empty.
			clear(out)
			return sqlite3.SQLITE_OK
		case st == frameAbsent:
			clear(out)
			return sqlite3.SQLITE_IOERR_SHORT_READ
		}
		c := copy(out, bytesAt(buf, walHeader)[off:])
		if c == n {
			return sqlite3.SQLITE_OK
		}
		off += int64(c)
		out = out[c:]
	}
	buf := f.buffer(tls, walFramePhys)
	if buf == 0 {
		return sqlite3.SQLITE_IOERR_NOMEM
	}
	b := bytesAt(buf, walFramePhys)
	for len(out) > 0 {
		k, r := (off-walHeader)/walFrame, (off-walHeader)%walFrame
		st, rc := f.loadFrame(tls, buf, k)
		if rc != sqlite3.SQLITE_OK {
			return rc
		}
		recovery := r == 0 && len(out) >= walFrame // SQLite reads whole frames only to recover
		if st == frameOK && !recovery && !f.current(tls, b) {
			st = frameBad // a frame of another WAL generation put in this one's place
		}
		switch {
		case st == frameAbsent:
			clear(out)
			return sqlite3.SQLITE_IOERR_SHORT_READ
		case st != frameOK && recovery && f.tornAt(tls, k):
			clear(b)
		case st != frameOK:
			clear(out)
			var pgno uint32
			if st == frameBad {
				pgno = binary.BigEndian.Uint32(b)
			}
			return reportDamage(pgno, true)
		}
		var c int
		if r < walFrameHeader {
			c = copy(out, b[r:walFrameHeader])
			r += int64(c)
		}
		if r >= walFrameHeader && len(out) > c {
			c += copy(out[c:], b[walFrameHeaderPhys+r-walFrameHeader:])
		}
		off += int64(c)
		out = out[c:]
	}
	return sqlite3.SQLITE_OK
}

// current reports whether the frame header head, of a frame that
// authenticates, is of the WAL generation now in use. Zero salts (see
// frameGeneration) are: the page opened under the current generation's.
func (f *file) current(tls *libc.TLS, head []byte) bool {
	s := frameSalts(head)
	return f.haveGeneration(tls) && (s == 0 || s == f.key.salts.Load())
}

// anyFrame reports whether the WAL holds a frame sealed under this log's
// name: then its header was this log's too, and is damaged.
func (f *file) anyFrame(tls *libc.TLS) bool {
	return f.findFrame(tls, 0, true, func([]byte) bool { return true })
}

// tornAt reports whether frame k, which does not authenticate, is where the
// log ends: a write cut short by a crash, as SQLite's own checksums would
// find it. Frames after it may be left over from a transaction rolled back
// or cut short, and may reach the disk in any order before a sync; only a
// commit frame of the same generation that authenticates after it shows
// that frame k was part of a log once whole, and so was damaged since.
func (f *file) tornAt(tls *libc.TLS, k int64) bool {
	return !f.findFrame(tls, k+1, false, func(head []byte) bool {
		return binary.BigEndian.Uint32(head[4:]) != 0 && f.current(tls, head)
	})
}

// findFrame reports whether a whole frame from frame from onwards
// authenticates and match says yes to its plaintext header; unreadable is
// the answer when the WAL cannot be read.
func (f *file) findFrame(tls *libc.TLS, from int64, unreadable bool, match func(head []byte) bool) bool {
	size, rc := f.innerSize(tls)
	if rc != sqlite3.SQLITE_OK {
		return unreadable
	}
	nb := libc.Xmalloc(tls, walFramePhys)
	if nb == 0 {
		return unreadable
	}
	defer libc.Xfree(tls, nb)
	b := bytesAt(nb, walFramePhys)
	defer clear(b)
	for j := from; framePhys(j+1) <= size; j++ {
		if st, _ := f.loadFrame(tls, nb, j); st == frameOK && match(b) {
			return true
		}
	}
	return false
}

// writeWAL seals SQLite's WAL writes, which come in three shapes: the
// header, a frame header, and a frame's page (right after its header, or
// alone when a transaction writes a page again).
func (f *file) writeWAL(tls *libc.TLS, zBuf uintptr, n int, off int64) int32 {
	in := bytesAt(zBuf, n)
	switch {
	case off == 0 && n == walHeader:
		buf := f.buffer(tls, walHeaderPhys)
		if buf == 0 {
			return sqlite3.SQLITE_IOERR_NOMEM
		}
		b := bytesAt(buf, walHeaderPhys)
		copyC(b, in)
		if f.key.seal(b, f.key.walHeaderAD(&f.ad)) != nil {
			return sqlite3.SQLITE_IOERR_WRITE
		}
		rc := f.innerWrite(tls, buf, walHeaderPhys, 0)
		if rc == sqlite3.SQLITE_OK {
			f.key.setSalts(binary.BigEndian.Uint32(in[16:]), binary.BigEndian.Uint32(in[20:]))
		}
		return rc
	case off < walHeader:
		return sqlite3.SQLITE_IOERR_WRITE
	}
	k, r := (off-walHeader)/walFrame, (off-walHeader)%walFrame
	switch {
	case r == 0 && (n == walFrameHeader || n == walFrame):
		buf := f.buffer(tls, walFramePhys)
		if buf == 0 {
			return sqlite3.SQLITE_IOERR_NOMEM
		}
		b := bytesAt(buf, walFrameHeaderPhys)
		copyC(b, in[:walFrameHeader])
		f.rememberHead(k, in)
		if f.key.seal(b, f.key.frameHeadAD(&f.ad, k)) != nil {
			return sqlite3.SQLITE_IOERR_WRITE
		}
		if n == walFrameHeader {
			return f.innerWrite(tls, buf, walFrameHeaderPhys, framePhys(k))
		}
		p := bytesAt(buf, walFramePhys)[walFrameHeaderPhys:]
		copyC(p, in[walFrameHeader:])
		if !f.sealFramePage(tls, p, k, f.lastHead[:]) {
			return sqlite3.SQLITE_IOERR_WRITE
		}
		return f.innerWrite(tls, buf, walFramePhys, framePhys(k))
	case r == walFrameHeader && n == PageSize:
		buf := f.buffer(tls, walFramePhys)
		if buf == 0 {
			return sqlite3.SQLITE_IOERR_NOMEM
		}
		if f.lastFrame != k {
			if rc := f.innerRead(tls, buf, walFrameHeaderPhys, framePhys(k)); rc != sqlite3.SQLITE_OK {
				return sqlite3.SQLITE_IOERR_WRITE
			}
			h := bytesAt(buf, walFrameHeaderPhys)
			if !f.key.open(h, f.key.frameHeadAD(&f.ad, k)) {
				return reportDamage(0, true)
			}
			f.rememberHead(k, h)
		}
		p := bytesAt(buf, PageSize)
		copyC(p, in)
		if !f.sealFramePage(tls, p, k, f.lastHead[:]) {
			return sqlite3.SQLITE_IOERR_WRITE
		}
		return f.innerWrite(tls, buf, PageSize, framePhys(k)+walFrameHeaderPhys)
	}
	return sqlite3.SQLITE_IOERR_WRITE
}

// rememberHead keeps the plaintext header of frame k, which this handle
// wrote or read last, for the page that follows it. (Not inlined: Go 1.26's
// compiler fails on this copy from C memory into a struct field.)
//
//go:noinline
func (f *file) rememberHead(k int64, head []byte) {
	f.lastFrame = k
	for i := range f.lastHead {
		f.lastHead[i] = head[i]
	}
}
