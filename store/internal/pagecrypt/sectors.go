package pagecrypt

import (
	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// sectorSize is the XTS unit of sector files: rollback journals, temporary
// files, and every file of format 1. 512 divides every SQLite page size;
// journals are not sector-aligned and get read-modify-write at their edges.
const sectorSize = 512

func roundDown(n int64) int64 { return n &^ (sectorSize - 1) }
func roundUp(n int64) int64   { return (n + sectorSize - 1) &^ (sectorSize - 1) }

func (f *file) decryptSectors(b []byte, pos int64) {
	for i := 0; i < len(b); i += sectorSize {
		f.xts.Decrypt(b[i:i+sectorSize], b[i:i+sectorSize], f.tweak|uint64(pos+int64(i))/sectorSize)
	}
}

func (f *file) encryptSectors(b []byte, pos int64) {
	for i := 0; i < len(b); i += sectorSize {
		f.xts.Encrypt(b[i:i+sectorSize], b[i:i+sectorSize], f.tweak|uint64(pos+int64(i))/sectorSize)
	}
}

// loadSectors reads and decrypts whole sectors [start, start+len(b)) into
// b, which lives at C address buf. Sectors past the end of the file, or torn
// at it, read as zeros; valid reports how many bytes were real.
func (f *file) loadSectors(tls *libc.TLS, buf uintptr, b []byte, start int64) (valid int64, rc int32) {
	rc = f.innerRead(tls, buf, len(b), start+f.offset)
	valid = int64(len(b))
	switch rc {
	case sqlite3.SQLITE_OK:
	case sqlite3.SQLITE_IOERR_SHORT_READ:
		size, rc := f.innerSize(tls)
		if rc != sqlite3.SQLITE_OK {
			return 0, rc
		}
		valid = min(max(roundDown(size-f.offset)-start, 0), valid)
	default:
		return 0, rc
	}
	f.decryptSectors(b[:valid], start)
	clear(b[valid:])
	return valid, sqlite3.SQLITE_OK
}

func (f *file) readSectors(tls *libc.TLS, zBuf uintptr, n int, off int64) int32 {
	start, end := roundDown(off), roundUp(off+int64(n))
	buf := zBuf
	if start != off || end != off+int64(n) {
		if buf = f.buffer(tls, int(end-start)); buf == 0 {
			return sqlite3.SQLITE_IOERR_NOMEM
		}
	}
	b := bytesAt(buf, int(end-start))
	valid, rc := f.loadSectors(tls, buf, b, start)
	if rc != sqlite3.SQLITE_OK {
		return rc
	}
	if buf != zBuf {
		copy(bytesAt(zBuf, n), b[off-start:])
	}
	if start+valid < off+int64(n) {
		return sqlite3.SQLITE_IOERR_SHORT_READ
	}
	return sqlite3.SQLITE_OK
}

func (f *file) writeSectors(tls *libc.TLS, zBuf uintptr, amt int, off int64) int32 {
	start, end := roundDown(off), roundUp(off+int64(amt))
	n := int(end - start)
	buf := f.buffer(tls, n)
	if buf == 0 {
		return sqlite3.SQLITE_IOERR_NOMEM
	}
	b := bytesAt(buf, n)
	if off > start {
		if rc := f.loadSector(tls, buf, b[:sectorSize], start); rc != sqlite3.SQLITE_OK {
			return rc
		}
	}
	if tail := end - sectorSize; off+int64(amt) < end && (tail > start || off == start) {
		if rc := f.loadSector(tls, buf+uintptr(tail-start), b[tail-start:], tail); rc != sqlite3.SQLITE_OK {
			return rc
		}
	}
	copy(b[off-start:], bytesAt(zBuf, amt))
	f.tailOff = -1
	if (off+int64(amt))%sectorSize != 0 && f.offset == 0 {
		f.tailOff = end - sectorSize
		copy(f.tail[:], b[n-sectorSize:])
	}
	f.encryptSectors(b, start)
	return f.innerWrite(tls, buf, n, start+f.offset)
}

// loadSector fills b (one sector at C address buf) with the plaintext at
// pos for a read-modify-write: from the tail cache, from disk, or zeros past
// the end of the file (a torn sector is as good as lost, and reads as zeros).
func (f *file) loadSector(tls *libc.TLS, buf uintptr, b []byte, pos int64) int32 {
	if pos == f.tailOff {
		copy(b, f.tail[:])
		return sqlite3.SQLITE_OK
	}
	switch rc := f.innerRead(tls, buf, sectorSize, pos+f.offset); rc {
	case sqlite3.SQLITE_OK:
		f.decryptSectors(b, pos)
	case sqlite3.SQLITE_IOERR_SHORT_READ:
		clear(b)
	default:
		return rc
	}
	return sqlite3.SQLITE_OK
}
