package pagecrypt

import (
	"encoding/binary"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// pageAD is the additional data of page pgno of the main database.
func (k *Key) pageAD(buf *[48]byte, pgno uint32) []byte { return k.ad(buf, adPage, pgno) }

// readPages reads [off, off+n) of a format 2 main database: each page it
// touches is read whole, authenticated and decrypted. A page past the end of
// the file reads as zeros (SQLite's short read); a page that is there but
// does not authenticate is SQLITE_IOERR_DATA, never garbage.
func (f *file) readPages(tls *libc.TLS, zBuf uintptr, n int, off int64) int32 {
	if n == PageSize && off%PageSize == 0 {
		return f.readPage(tls, zBuf, uint32(off/PageSize)+1)
	}
	buf := f.buffer(tls, PageSize)
	if buf == 0 {
		return sqlite3.SQLITE_IOERR_NOMEM
	}
	out := bytesAt(zBuf, n)
	short := false
	for done := 0; done < n; {
		pos := off + int64(done)
		start := pos - pos%PageSize
		switch rc := f.readPage(tls, buf, uint32(start/PageSize)+1); rc {
		case sqlite3.SQLITE_OK:
		case sqlite3.SQLITE_IOERR_SHORT_READ:
			short = true
		default:
			return rc
		}
		done += copy(out[done:], bytesAt(buf, PageSize)[pos-start:])
	}
	if short {
		return sqlite3.SQLITE_IOERR_SHORT_READ
	}
	return sqlite3.SQLITE_OK
}

// readPage reads page pgno into the PageSize bytes at buf.
func (f *file) readPage(tls *libc.TLS, buf uintptr, pgno uint32) int32 {
	pos := int64(pgno-1) * PageSize
	b := bytesAt(buf, PageSize)
	switch rc := f.innerRead(tls, buf, PageSize, pos+f.offset); rc {
	case sqlite3.SQLITE_OK:
	case sqlite3.SQLITE_IOERR_SHORT_READ:
		size, rc := f.innerSize(tls)
		if rc != sqlite3.SQLITE_OK {
			return rc
		}
		if size-f.offset <= pos {
			clear(b)
			return sqlite3.SQLITE_IOERR_SHORT_READ
		}
		clear(b)
		return reportDamage(pgno, false) // cut short inside the page
	default:
		return rc
	}
	if !f.key.open(b, f.key.pageAD(&f.ad, pgno)) {
		clear(b)
		return reportDamage(pgno, false)
	}
	return sqlite3.SQLITE_OK
}

// writePages seals and writes a page of a format 2 main database. SQLite
// writes one whole page at a time; anything else (another page size) is
// refused rather than sealed over the page's own bytes.
func (f *file) writePages(tls *libc.TLS, zBuf uintptr, n int, off int64) int32 {
	if n != PageSize || off%PageSize != 0 {
		return sqlite3.SQLITE_IOERR_WRITE
	}
	buf := f.buffer(tls, n)
	if buf == 0 {
		return sqlite3.SQLITE_IOERR_NOMEM
	}
	b := bytesAt(buf, n)
	copy(b, bytesAt(zBuf, n))
	for i := 0; i < n; i += PageSize {
		pgno := uint32((off+int64(i))/PageSize) + 1
		if f.key.seal(b[i:i+PageSize], f.key.pageAD(&f.ad, pgno)) != nil {
			return sqlite3.SQLITE_IOERR_WRITE
		}
	}
	return f.innerWrite(tls, buf, n, off+f.offset)
}

// ensureFirstPage gives an empty main database, opened for writing, a first
// page with Reserved bytes at the end of every page, before SQLite looks at
// it: SQLite keeps the reserved size of an existing file, including through
// VACUUM INTO. It runs with the shared lock held, and takes the exclusive
// lock to write.
func (f *file) ensureFirstPage(tls *libc.TLS) int32 {
	size, rc := f.innerSize(tls)
	if rc != sqlite3.SQLITE_OK || size > f.offset {
		return rc
	}
	if rc := f.innerLock(tls, sqlite3.SQLITE_LOCK_EXCLUSIVE); rc != sqlite3.SQLITE_OK {
		f.innerUnlock(tls, sqlite3.SQLITE_LOCK_NONE)
		return rc
	}
	defer f.innerUnlock(tls, sqlite3.SQLITE_LOCK_SHARED)
	if size, rc = f.innerSize(tls); rc != sqlite3.SQLITE_OK || size > f.offset {
		return rc
	}
	buf := f.buffer(tls, PageSize)
	if buf == 0 {
		return sqlite3.SQLITE_IOERR_NOMEM
	}
	b := bytesAt(buf, PageSize)
	emptyDatabase(b)
	if f.key.seal(b, f.key.pageAD(&f.ad, 1)) != nil {
		return sqlite3.SQLITE_IOERR_WRITE
	}
	if rc := f.innerWrite(tls, buf, PageSize, f.offset); rc != sqlite3.SQLITE_OK {
		return rc
	}
	return f.innerSync(tls, sqlite3.SQLITE_SYNC_FULL)
}

// emptyDatabase writes into b the first page of an empty SQLite database of
// PageSize bytes with Reserved bytes reserved on every page: the 100-byte
// file header and an empty leaf table b-tree for sqlite_schema.
func emptyDatabase(b []byte) {
	clear(b)
	copy(b, "SQLite format 3\x00")
	binary.BigEndian.PutUint16(b[16:], PageSize)
	copy(b[18:24], []byte{1, 1, Reserved, 64, 32, 32})
	binary.BigEndian.PutUint32(b[24:], 1) // change counter
	binary.BigEndian.PutUint32(b[28:], 1) // pages
	binary.BigEndian.PutUint32(b[44:], 4) // schema format
	binary.BigEndian.PutUint32(b[56:], 1) // UTF-8
	binary.BigEndian.PutUint32(b[92:], 1) // version-valid-for
	binary.BigEndian.PutUint32(b[96:], sqlite3.SQLITE_VERSION_NUMBER)
	b[100] = 0x0D // leaf table b-tree page
	binary.BigEndian.PutUint16(b[105:], PageSize-Reserved)
}
