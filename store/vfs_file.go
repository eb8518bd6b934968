package store

import (
	"crypto/rand"
	"unsafe"

	"modernc.org/libc"
	"modernc.org/libc/sys/types"
	sqlite3 "modernc.org/sqlite/lib"
)

// sectorSize is the XTS unit. 512 divides every SQLite page size, so pages of
// the main database are always whole sectors; journals and the WAL are not
// sector-aligned and get read-modify-write at their edges.
const sectorSize = 512

// Tweak prefixes keep the same sector number in different kinds of file from
// sharing a tweak under the same key.
const (
	tweakMain    = 1 << 56
	tweakJournal = 2 << 56
	tweakWAL     = 3 << 56
	tweakTemp    = 4 << 56
)

// cryptFile is the Go side of one file opened through the VFS.
type cryptFile struct {
	inner   uintptr // the wrapped "unix" sqlite3_file (C memory)
	cipher  *pageCipher
	tweak   uint64
	offset  int64 // bytes of key header in front of a main database
	scratch uintptr
	scrLen  int

	// The plaintext of the last sector a write left partly filled, so the
	// next write to the same sector (a WAL frame's page after its header)
	// needs no read and decrypt. It never outlives a sync, a truncation or
	// a lock release: only the connection holding the write lock appends,
	// and each commit syncs.
	tailOff int64 // -1: none
	tail    [sectorSize]byte
}

func roundDown(n int64) int64 { return n &^ (sectorSize - 1) }
func roundUp(n int64) int64   { return (n + sectorSize - 1) &^ (sectorSize - 1) }

func innerMethods(inner uintptr) *sqlite3.Tsqlite3_io_methods {
	return *(**sqlite3.Tsqlite3_io_methods)(cptr(inner))
}

func vfsOpen(tls *libc.TLS, _ uintptr, zName uintptr, pFile uintptr, flags int32, pOutFlags uintptr) int32 {
	head := (*fileHead)(cptr(pFile))
	*head = fileHead{}
	inner := pFile + fileHeadSize
	rc := cfn[func(*libc.TLS, uintptr, uintptr, uintptr, int32, uintptr) int32](unix().FxOpen)(tls, unixVFS, zName, inner, flags, pOutFlags)
	if rc != sqlite3.SQLITE_OK {
		return rc
	}
	f, rc := newCryptFile(tls, zName, inner, flags)
	if rc != sqlite3.SQLITE_OK {
		cfn[func(*libc.TLS, uintptr) int32](innerMethods(inner).FxClose)(tls, inner)
		return rc
	}
	head.handle = openFiles.add(f)
	head.methods = uintptr(unsafe.Pointer(&cryptIO))
	return sqlite3.SQLITE_OK
}

// newCryptFile picks the key and layout for a freshly opened file: the main
// database, its journal and WAL use the keyring named by the kkey URI
// parameter; temporary files get a random key of their own; super-journals,
// which hold only file names, pass through.
func newCryptFile(tls *libc.TLS, zName, inner uintptr, flags int32) (*cryptFile, int32) {
	f := &cryptFile{inner: inner, tailOff: -1}
	switch {
	case flags&sqlite3.SQLITE_OPEN_SUPER_JOURNAL != 0:
		return f, sqlite3.SQLITE_OK
	case flags&(sqlite3.SQLITE_OPEN_MAIN_DB|sqlite3.SQLITE_OPEN_MAIN_JOURNAL|sqlite3.SQLITE_OPEN_WAL) != 0:
		kr := keyringFor(tls, zName)
		if kr == nil {
			return nil, sqlite3.SQLITE_CANTOPEN
		}
		f.cipher = kr.cipher
		switch {
		case flags&sqlite3.SQLITE_OPEN_MAIN_DB != 0:
			f.tweak, f.offset = tweakMain, headerSize
			if rc := f.checkHeader(tls, kr); rc != sqlite3.SQLITE_OK {
				return nil, rc
			}
		case flags&sqlite3.SQLITE_OPEN_WAL != 0:
			f.tweak = tweakWAL
		default:
			f.tweak = tweakJournal
		}
	default:
		var key [64]byte
		if _, err := rand.Read(key[:]); err != nil {
			return nil, sqlite3.SQLITE_CANTOPEN
		}
		c, err := newXTS(key[:])
		clear(key[:])
		if err != nil {
			return nil, sqlite3.SQLITE_CANTOPEN
		}
		f.cipher, f.tweak = c, tweakTemp
	}
	return f, sqlite3.SQLITE_OK
}

// keyringFor finds the keyring named by the file's kkey URI parameter.
func keyringFor(tls *libc.TLS, zName uintptr) *keyring {
	if zName == 0 {
		return nil
	}
	param, err := libc.CString("kkey")
	if err != nil {
		return nil
	}
	defer libc.Xfree(tls, param)
	v := sqlite3.Xsqlite3_uri_parameter(tls, zName, param)
	if v == 0 {
		return nil
	}
	var id uintptr
	for _, c := range libc.GoString(v) {
		if c < '0' || c > '9' {
			return nil
		}
		id = id*10 + uintptr(c-'0')
	}
	kr, _ := keyrings.get(id)
	return kr
}

// checkHeader makes sure a main database file carries the key header of the
// keyring it is opened with: the header itself was verified when the file
// was unlocked, so the file ID is enough here, and cheap on every new
// connection. Files are only ever created by Go code that
// writes the header first, so a short file is refused, never stamped.
func (f *cryptFile) checkHeader(tls *libc.TLS, kr *keyring) int32 {
	size, rc := f.innerSize(tls)
	if rc != sqlite3.SQLITE_OK {
		return rc
	}
	if size < headerSize {
		return sqlite3.SQLITE_NOTADB
	}
	buf := f.buffer(tls, headerSize)
	if buf == 0 {
		return sqlite3.SQLITE_IOERR_NOMEM
	}
	if rc := f.innerRead(tls, buf, headerSize, 0); rc != sqlite3.SQLITE_OK {
		return rc
	}
	if !sameFile(unsafe.Slice((*byte)(cptr(buf)), headerSize), kr.header.fileID) {
		return sqlite3.SQLITE_NOTADB
	}
	return sqlite3.SQLITE_OK
}

func fileOf(pFile uintptr) *cryptFile {
	f, _ := openFiles.get((*fileHead)(cptr(pFile)).handle)
	return f
}

// buffer returns C scratch memory of at least n bytes owned by the file.
func (f *cryptFile) buffer(tls *libc.TLS, n int) uintptr {
	if n > f.scrLen {
		if f.scratch != 0 {
			libc.Xfree(tls, f.scratch)
		}
		f.scratch = libc.Xmalloc(tls, types.Size_t(n))
		f.scrLen = n
		if f.scratch == 0 {
			f.scrLen = 0
		}
	}
	return f.scratch
}

func (f *cryptFile) innerRead(tls *libc.TLS, buf uintptr, n int, off int64) int32 {
	return cfn[func(*libc.TLS, uintptr, uintptr, int32, int64) int32](innerMethods(f.inner).FxRead)(tls, f.inner, buf, int32(n), off)
}

func (f *cryptFile) innerWrite(tls *libc.TLS, buf uintptr, n int, off int64) int32 {
	return cfn[func(*libc.TLS, uintptr, uintptr, int32, int64) int32](innerMethods(f.inner).FxWrite)(tls, f.inner, buf, int32(n), off)
}

// innerSize asks the wrapped file for its size. The result goes through C
// memory: a Go stack address handed to the transpiled code would dangle as
// soon as the goroutine's stack moved.
func (f *cryptFile) innerSize(tls *libc.TLS) (int64, int32) {
	p := tls.Alloc(8)
	defer tls.Free(8)
	rc := cfn[func(*libc.TLS, uintptr, uintptr) int32](innerMethods(f.inner).FxFileSize)(tls, f.inner, p)
	return *(*int64)(cptr(p)), rc
}

func (f *cryptFile) decrypt(b []byte, pos int64) {
	for i := 0; i < len(b); i += sectorSize {
		f.cipher.Decrypt(b[i:i+sectorSize], b[i:i+sectorSize], f.tweak|uint64(pos+int64(i))/sectorSize)
	}
}

func (f *cryptFile) encrypt(b []byte, pos int64) {
	for i := 0; i < len(b); i += sectorSize {
		f.cipher.Encrypt(b[i:i+sectorSize], b[i:i+sectorSize], f.tweak|uint64(pos+int64(i))/sectorSize)
	}
}

// readSectors reads and decrypts whole sectors [start, start+len(b)) into b,
// which lives at C address buf. Sectors past the end of the file, or torn at
// it, read as zeros; valid reports how many bytes were real.
func (f *cryptFile) readSectors(tls *libc.TLS, buf uintptr, b []byte, start int64) (valid int64, rc int32) {
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
	f.decrypt(b[:valid], start)
	clear(b[valid:])
	return valid, sqlite3.SQLITE_OK
}

func fileRead(tls *libc.TLS, pFile, zBuf uintptr, iAmt int32, iOfst int64) int32 {
	f := fileOf(pFile)
	if f.cipher == nil {
		return f.innerRead(tls, zBuf, int(iAmt), iOfst)
	}
	start, end := roundDown(iOfst), roundUp(iOfst+int64(iAmt))
	buf := zBuf
	if start != iOfst || end != iOfst+int64(iAmt) {
		if buf = f.buffer(tls, int(end-start)); buf == 0 {
			return sqlite3.SQLITE_IOERR_NOMEM
		}
	}
	b := unsafe.Slice((*byte)(cptr(buf)), end-start)
	valid, rc := f.readSectors(tls, buf, b, start)
	if rc != sqlite3.SQLITE_OK {
		return rc
	}
	if buf != zBuf {
		copy(unsafe.Slice((*byte)(cptr(zBuf)), iAmt), b[iOfst-start:])
	}
	if start+valid < iOfst+int64(iAmt) {
		return sqlite3.SQLITE_IOERR_SHORT_READ
	}
	return sqlite3.SQLITE_OK
}

func fileWrite(tls *libc.TLS, pFile, zBuf uintptr, iAmt int32, iOfst int64) int32 {
	f := fileOf(pFile)
	if f.cipher == nil {
		return f.innerWrite(tls, zBuf, int(iAmt), iOfst)
	}
	start, end := roundDown(iOfst), roundUp(iOfst+int64(iAmt))
	n := int(end - start)
	buf := f.buffer(tls, n)
	if buf == 0 {
		return sqlite3.SQLITE_IOERR_NOMEM
	}
	b := unsafe.Slice((*byte)(cptr(buf)), n)
	if iOfst > start {
		if rc := f.loadSector(tls, buf, b[:sectorSize], start); rc != sqlite3.SQLITE_OK {
			return rc
		}
	}
	if tail := end - sectorSize; iOfst+int64(iAmt) < end && (tail > start || iOfst == start) {
		if rc := f.loadSector(tls, buf+uintptr(tail-start), b[tail-start:], tail); rc != sqlite3.SQLITE_OK {
			return rc
		}
	}
	copy(b[iOfst-start:], unsafe.Slice((*byte)(cptr(zBuf)), iAmt))
	f.tailOff = -1
	if (iOfst+int64(iAmt))%sectorSize != 0 && f.offset == 0 {
		f.tailOff = end - sectorSize
		copy(f.tail[:], b[n-sectorSize:])
	}
	f.encrypt(b, start)
	return f.innerWrite(tls, buf, n, start+f.offset)
}

// loadSector fills b (one sector at C address buf) with the plaintext at
// pos for a read-modify-write: from the tail cache, from disk, or zeros past
// the end of the file (a torn sector is as good as lost, and reads as zeros).
func (f *cryptFile) loadSector(tls *libc.TLS, buf uintptr, b []byte, pos int64) int32 {
	if pos == f.tailOff {
		copy(b, f.tail[:])
		return sqlite3.SQLITE_OK
	}
	switch rc := f.innerRead(tls, buf, sectorSize, pos+f.offset); rc {
	case sqlite3.SQLITE_OK:
		f.decrypt(b, pos)
	case sqlite3.SQLITE_IOERR_SHORT_READ:
		clear(b)
	default:
		return rc
	}
	return sqlite3.SQLITE_OK
}

func fileClose(tls *libc.TLS, pFile uintptr) int32 {
	head := (*fileHead)(cptr(pFile))
	f := fileOf(pFile)
	rc := cfn[func(*libc.TLS, uintptr) int32](innerMethods(f.inner).FxClose)(tls, f.inner)
	if f.scratch != 0 {
		clear(unsafe.Slice((*byte)(cptr(f.scratch)), f.scrLen))
		libc.Xfree(tls, f.scratch)
	}
	openFiles.remove(head.handle)
	head.methods = 0
	return rc
}

func fileTruncate(tls *libc.TLS, pFile uintptr, size int64) int32 {
	f := fileOf(pFile)
	f.tailOff = -1
	if f.cipher != nil {
		size = roundUp(size)
	}
	return cfn[func(*libc.TLS, uintptr, int64) int32](innerMethods(f.inner).FxTruncate)(tls, f.inner, size+f.offset)
}

func fileSync(tls *libc.TLS, pFile uintptr, flags int32) int32 {
	f := fileOf(pFile)
	f.tailOff = -1
	return cfn[func(*libc.TLS, uintptr, int32) int32](innerMethods(f.inner).FxSync)(tls, f.inner, flags)
}

func fileFileSize(tls *libc.TLS, pFile, pSize uintptr) int32 {
	f := fileOf(pFile)
	size, rc := f.innerSize(tls)
	if rc != sqlite3.SQLITE_OK {
		return rc
	}
	*(*int64)(cptr(pSize)) = max(size-f.offset, 0)
	return sqlite3.SQLITE_OK
}

func fileLock(tls *libc.TLS, pFile uintptr, level int32) int32 {
	f := fileOf(pFile)
	return cfn[func(*libc.TLS, uintptr, int32) int32](innerMethods(f.inner).FxLock)(tls, f.inner, level)
}

func fileUnlock(tls *libc.TLS, pFile uintptr, level int32) int32 {
	f := fileOf(pFile)
	f.tailOff = -1
	return cfn[func(*libc.TLS, uintptr, int32) int32](innerMethods(f.inner).FxUnlock)(tls, f.inner, level)
}

func fileCheckReservedLock(tls *libc.TLS, pFile, pResOut uintptr) int32 {
	f := fileOf(pFile)
	return cfn[func(*libc.TLS, uintptr, uintptr) int32](innerMethods(f.inner).FxCheckReservedLock)(tls, f.inner, pResOut)
}

func fileFileControl(tls *libc.TLS, pFile uintptr, op int32, pArg uintptr) int32 {
	f := fileOf(pFile)
	switch op {
	case sqlite3.SQLITE_FCNTL_MMAP_SIZE:
		// Memory mapping would hand SQLite ciphertext: report it as off.
		*(*int64)(cptr(pArg)) = 0
		return sqlite3.SQLITE_OK
	case sqlite3.SQLITE_FCNTL_SIZE_HINT, sqlite3.SQLITE_FCNTL_CHUNK_SIZE:
		// Pre-allocation would extend the file with unencrypted zeros and
		// ignores the header offset; hints are optional, so decline them.
		return sqlite3.SQLITE_OK
	}
	return cfn[func(*libc.TLS, uintptr, int32, uintptr) int32](innerMethods(f.inner).FxFileControl)(tls, f.inner, op, pArg)
}

func fileSectorSize(tls *libc.TLS, pFile uintptr) int32 {
	f := fileOf(pFile)
	n := cfn[func(*libc.TLS, uintptr) int32](innerMethods(f.inner).FxSectorSize)(tls, f.inner)
	return max(n, sectorSize)
}

func fileDeviceCharacteristics(tls *libc.TLS, pFile uintptr) int32 {
	f := fileOf(pFile)
	c := cfn[func(*libc.TLS, uintptr) int32](innerMethods(f.inner).FxDeviceCharacteristics)(tls, f.inner)
	if f.cipher == nil {
		return c
	}
	// Sector rewrites are read-modify-write: no powersafe overwrite, safe
	// append or atomic writes may be claimed.
	return c & (sqlite3.SQLITE_IOCAP_UNDELETABLE_WHEN_OPEN | sqlite3.SQLITE_IOCAP_IMMUTABLE)
}

func fileShmMap(tls *libc.TLS, pFile uintptr, iPg, pgsz, bExtend int32, pp uintptr) int32 {
	f := fileOf(pFile)
	return cfn[func(*libc.TLS, uintptr, int32, int32, int32, uintptr) int32](innerMethods(f.inner).FxShmMap)(tls, f.inner, iPg, pgsz, bExtend, pp)
}

func fileShmLock(tls *libc.TLS, pFile uintptr, offset, n, flags int32) int32 {
	f := fileOf(pFile)

	return cfn[func(*libc.TLS, uintptr, int32, int32, int32) int32](innerMethods(f.inner).FxShmLock)(tls, f.inner, offset, n, flags)
}

func fileShmBarrier(tls *libc.TLS, pFile uintptr) {
	f := fileOf(pFile)
	cfn[func(*libc.TLS, uintptr)](innerMethods(f.inner).FxShmBarrier)(tls, f.inner)
}

func fileShmUnmap(tls *libc.TLS, pFile uintptr, deleteFlag int32) int32 {
	f := fileOf(pFile)
	return cfn[func(*libc.TLS, uintptr, int32) int32](innerMethods(f.inner).FxShmUnmap)(tls, f.inner, deleteFlag)
}
