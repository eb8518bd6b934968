package pagecrypt

import (
	"sync/atomic"
	"unsafe"

	"golang.org/x/crypto/xts"
	"modernc.org/libc"
	"modernc.org/libc/sys/types"
	sqlite3 "modernc.org/sqlite/lib"
)

// kind is what a file opened through the VFS holds.
type kind uint8

const (
	kindPlain   kind = iota // super-journals: file names only
	kindMain                // the salon's database
	kindWAL                 // its write-ahead log
	kindJournal             // its rollback journal
	kindTemp                // temporary files, under a throwaway key
)

// file is the Go side of one file opened through the VFS.
type file struct {
	inner uintptr // the wrapped "unix" sqlite3_file (C memory)
	kind  kind
	key   *Key
	gcm   bool // format 2 main database or WAL
	rw    bool // opened for writing

	// Sector files (journals, temporary files, format 1).
	xts    *xts.Cipher
	tweak  uint64
	offset int64 // bytes of key header in front of a main database
	// The plaintext of the last sector a write left partly filled, so the
	// next write to the same sector needs no read and decrypt. It never
	// outlives a sync, a truncation or a lock release.
	tailOff int64 // -1: none
	tail    [sectorSize]byte

	// WAL: the frame whose header was written last through this handle.
	lastFrame int64
	lastHead  [walFrameHeader]byte

	scratch uintptr
	scrLen  int

	// The additional data of the page or frame being sealed or opened: a
	// field rather than a local, which would escape to the heap through the
	// AEAD interface on every page. SQLite uses a file from one thread at
	// a time.
	ad [48]byte
}

// Damage says where the last authentication failure was found: the main
// file's page number, or (InLog) the WAL frame's page number.
type Damage struct {
	Page  uint32
	InLog bool
}

var lastDamage atomic.Pointer[Damage]

// LastDamage is where the VFS last found a page that did not authenticate,
// in any salon of this process; nil when it never did.
func LastDamage() *Damage { return lastDamage.Load() }

func reportDamage(page uint32, inLog bool) int32 {
	lastDamage.Store(&Damage{Page: page, InLog: inLog})
	return sqlite3.SQLITE_IOERR_DATA
}

func innerMethods(inner uintptr) *sqlite3.Tsqlite3_io_methods {
	return *(**sqlite3.Tsqlite3_io_methods)(cptr(inner))
}

func fileOf(pFile uintptr) *file {
	f, _ := openFiles.get((*fileHead)(cptr(pFile)).handle)
	return f
}

func vfsOpen(tls *libc.TLS, _ uintptr, zName uintptr, pFile uintptr, flags int32, pOutFlags uintptr) int32 {
	head := (*fileHead)(cptr(pFile))
	*head = fileHead{}
	inner := pFile + fileHeadSize
	rc := cfn[func(*libc.TLS, uintptr, uintptr, uintptr, int32, uintptr) int32](unix().FxOpen)(tls, unixVFS, zName, inner, flags, pOutFlags)
	if rc != sqlite3.SQLITE_OK {
		return rc
	}
	f, rc := newFile(tls, zName, inner, flags)
	if rc != sqlite3.SQLITE_OK {
		cfn[func(*libc.TLS, uintptr) int32](innerMethods(inner).FxClose)(tls, inner)
		return rc
	}
	head.handle = openFiles.add(f)
	head.methods = uintptr(unsafe.Pointer(&cryptIO))
	return sqlite3.SQLITE_OK
}

// Tweak prefixes keep the same sector number in different kinds of file
// from sharing an XTS tweak under the same key.
const (
	tweakMain    = 1 << 56
	tweakJournal = 2 << 56
	tweakWAL     = 3 << 56
	tweakTemp    = 4 << 56
)

// newFile picks the key and layout for a freshly opened file: the main
// database, its journal and WAL use the key named by the kkey URI
// parameter; temporary files get a random key of their own; super-journals,
// which hold only file names, pass through.
func newFile(tls *libc.TLS, zName, inner uintptr, flags int32) (*file, int32) {
	f := &file{inner: inner, tailOff: -1, lastFrame: -1, rw: flags&sqlite3.SQLITE_OPEN_READWRITE != 0}
	switch {
	case flags&sqlite3.SQLITE_OPEN_SUPER_JOURNAL != 0:
		return f, sqlite3.SQLITE_OK
	case flags&(sqlite3.SQLITE_OPEN_MAIN_DB|sqlite3.SQLITE_OPEN_MAIN_JOURNAL|sqlite3.SQLITE_OPEN_WAL) != 0:
		k := keyFor(tls, zName)
		if k == nil {
			return nil, sqlite3.SQLITE_CANTOPEN
		}
		f.key = k
		switch {
		case flags&sqlite3.SQLITE_OPEN_MAIN_DB != 0:
			f.kind, f.tweak, f.offset, f.gcm = kindMain, tweakMain, k.offset, k.format == FormatGCM
			if rc := f.checkOwner(tls); rc != sqlite3.SQLITE_OK {
				if f.scratch != 0 {
					libc.Xfree(tls, f.scratch)
				}
				return nil, rc
			}
		case flags&sqlite3.SQLITE_OPEN_WAL != 0:
			f.kind, f.tweak, f.gcm = kindWAL, tweakWAL, k.format == FormatGCM
		default:
			f.kind, f.tweak = kindJournal, tweakJournal
		}
		if !f.gcm {
			c, err := k.journalCipher()
			if err != nil {
				if f.scratch != 0 {
					libc.Xfree(tls, f.scratch)
				}
				return nil, sqlite3.SQLITE_CANTOPEN
			}
			f.xts = c
		}
	default:
		c, err := randomXTS()
		if err != nil {
			return nil, sqlite3.SQLITE_CANTOPEN
		}
		f.kind, f.xts, f.tweak = kindTemp, c, tweakTemp
	}
	return f, sqlite3.SQLITE_OK
}

// keyFor finds the key named by the file's kkey URI parameter.
func keyFor(tls *libc.TLS, zName uintptr) *Key {
	if zName == 0 {
		return nil
	}
	v := sqlite3.Xsqlite3_uri_parameter(tls, zName, kkeyCName)
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
	k, _ := keys.get(id)
	return k
}

// checkOwner makes sure a main database file begins with the key header of
// the salon whose key it is opened with. Files are only ever created by Go
// code that writes the header first, so a short file is refused. It costs
// one read: every connection of every open runs it.
func (f *file) checkOwner(tls *libc.TLS) int32 {
	if f.offset == 0 {
		return sqlite3.SQLITE_OK
	}
	buf := f.buffer(tls, int(f.offset))
	if buf == 0 {
		return sqlite3.SQLITE_IOERR_NOMEM
	}
	switch rc := f.innerRead(tls, buf, int(f.offset), 0); rc {
	case sqlite3.SQLITE_OK:
	case sqlite3.SQLITE_IOERR_SHORT_READ:
		return sqlite3.SQLITE_NOTADB
	default:
		return rc
	}
	if f.key.owns != nil && !f.key.owns(bytesAt(buf, int(f.offset))) {
		return sqlite3.SQLITE_NOTADB
	}
	return sqlite3.SQLITE_OK
}

// buffer returns C scratch memory of at least n bytes owned by the file.
func (f *file) buffer(tls *libc.TLS, n int) uintptr {
	if n > f.scrLen {
		if f.scratch != 0 {
			clear(bytesAt(f.scratch, f.scrLen))
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

func (f *file) innerRead(tls *libc.TLS, buf uintptr, n int, off int64) int32 {
	return cfn[func(*libc.TLS, uintptr, uintptr, int32, int64) int32](innerMethods(f.inner).FxRead)(tls, f.inner, buf, int32(n), off)
}

func (f *file) innerWrite(tls *libc.TLS, buf uintptr, n int, off int64) int32 {
	return cfn[func(*libc.TLS, uintptr, uintptr, int32, int64) int32](innerMethods(f.inner).FxWrite)(tls, f.inner, buf, int32(n), off)
}

func (f *file) innerTruncate(tls *libc.TLS, size int64) int32 {
	return cfn[func(*libc.TLS, uintptr, int64) int32](innerMethods(f.inner).FxTruncate)(tls, f.inner, size)
}

func (f *file) innerSync(tls *libc.TLS, flags int32) int32 {
	return cfn[func(*libc.TLS, uintptr, int32) int32](innerMethods(f.inner).FxSync)(tls, f.inner, flags)
}

func (f *file) innerLock(tls *libc.TLS, level int32) int32 {
	return cfn[func(*libc.TLS, uintptr, int32) int32](innerMethods(f.inner).FxLock)(tls, f.inner, level)
}

func (f *file) innerUnlock(tls *libc.TLS, level int32) int32 {
	return cfn[func(*libc.TLS, uintptr, int32) int32](innerMethods(f.inner).FxUnlock)(tls, f.inner, level)
}

// innerSize asks the wrapped file for its size. The result goes through C
// memory: a Go stack address handed to the transpiled code would dangle as
// soon as the goroutine's stack moved.
func (f *file) innerSize(tls *libc.TLS) (int64, int32) {
	p := tls.Alloc(8)
	defer tls.Free(8)
	rc := cfn[func(*libc.TLS, uintptr, uintptr) int32](innerMethods(f.inner).FxFileSize)(tls, f.inner, p)
	return *(*int64)(cptr(p)), rc
}

func fileRead(tls *libc.TLS, pFile, zBuf uintptr, iAmt int32, iOfst int64) int32 {
	f := fileOf(pFile)
	switch {
	case f.kind == kindPlain:
		return f.innerRead(tls, zBuf, int(iAmt), iOfst)
	case f.gcm && f.kind == kindMain:
		return f.readPages(tls, zBuf, int(iAmt), iOfst)
	case f.gcm:
		return f.readWAL(tls, zBuf, int(iAmt), iOfst)
	}
	return f.readSectors(tls, zBuf, int(iAmt), iOfst)
}

func fileWrite(tls *libc.TLS, pFile, zBuf uintptr, iAmt int32, iOfst int64) int32 {
	f := fileOf(pFile)
	switch {
	case f.kind == kindPlain:
		return f.innerWrite(tls, zBuf, int(iAmt), iOfst)
	case f.gcm && f.kind == kindMain:
		return f.writePages(tls, zBuf, int(iAmt), iOfst)
	case f.gcm:
		return f.writeWAL(tls, zBuf, int(iAmt), iOfst)
	}
	return f.writeSectors(tls, zBuf, int(iAmt), iOfst)
}

func fileClose(tls *libc.TLS, pFile uintptr) int32 {
	head := (*fileHead)(cptr(pFile))
	f := fileOf(pFile)
	rc := cfn[func(*libc.TLS, uintptr) int32](innerMethods(f.inner).FxClose)(tls, f.inner)
	if f.scratch != 0 {
		clear(bytesAt(f.scratch, f.scrLen))
		libc.Xfree(tls, f.scratch)
	}
	clear(f.tail[:])
	openFiles.remove(head.handle)
	head.methods = 0
	return rc
}

func fileTruncate(tls *libc.TLS, pFile uintptr, size int64) int32 {
	f := fileOf(pFile)
	f.tailOff, f.lastFrame = -1, -1
	switch {
	case f.kind == kindPlain:
	case f.gcm && f.kind == kindWAL:
		size = walPhysical(size)
	case !f.gcm:
		size = roundUp(size)
	}
	return f.innerTruncate(tls, size+f.offset)
}

func fileSync(tls *libc.TLS, pFile uintptr, flags int32) int32 {
	f := fileOf(pFile)
	f.tailOff = -1
	return f.innerSync(tls, flags)
}

func fileFileSize(tls *libc.TLS, pFile, pSize uintptr) int32 {
	f := fileOf(pFile)
	size, rc := f.innerSize(tls)
	if rc != sqlite3.SQLITE_OK {
		return rc
	}
	size = max(size-f.offset, 0)
	if f.gcm && f.kind == kindWAL {
		size = walLogical(size)
	}
	*(*int64)(cptr(pSize)) = size
	return sqlite3.SQLITE_OK
}

func fileLock(tls *libc.TLS, pFile uintptr, level int32) int32 {
	f := fileOf(pFile)
	rc := f.innerLock(tls, level)
	if rc == sqlite3.SQLITE_OK && level == sqlite3.SQLITE_LOCK_SHARED && f.gcm && f.kind == kindMain && f.rw && !f.key.leaveEmpty {
		rc = f.ensureFirstPage(tls)
	}
	return rc
}

func fileUnlock(tls *libc.TLS, pFile uintptr, level int32) int32 {
	f := fileOf(pFile)
	f.tailOff, f.lastFrame = -1, -1
	return f.innerUnlock(tls, level)
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
	switch {
	case f.kind == kindPlain:
		return c
	case f.gcm:
		// Pages and frames are written whole, never read-modify-write: a
		// write changes no byte outside its range, as with the file below.
		return c & (sqlite3.SQLITE_IOCAP_POWERSAFE_OVERWRITE | sqlite3.SQLITE_IOCAP_UNDELETABLE_WHEN_OPEN | sqlite3.SQLITE_IOCAP_IMMUTABLE)
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
