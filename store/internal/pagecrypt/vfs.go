package pagecrypt

import (
	"fmt"
	"sync"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// VFSName is the name the VFS is registered under. A DSN selects it with
// vfs=kartoteka and names its key with kkey=N, the handle [Add] returned;
// the key itself never appears in a DSN.
const VFSName = "kartoteka"

// fileHeadSize is the part of our sqlite3_file that precedes the wrapped
// "unix" file: the methods pointer SQLite reads and our handle.
const fileHeadSize = 16

// fileHead is the C layout at the start of every file opened through the VFS.
type fileHead struct {
	methods uintptr // sqlite3_file.pMethods
	handle  uintptr // key into openFiles
}

var (
	registerOnce sync.Once
	registerErr  error

	unixVFS   uintptr // the wrapped default VFS
	cryptVFS  sqlite3.Tsqlite3_vfs
	cryptIO   sqlite3.Tsqlite3_io_methods
	vfsCName  uintptr
	kkeyCName uintptr // "kkey", the URI parameter naming a file's key
	openFiles handles[*file]
	keys      handles[*Key]
)

// Register installs the VFS once per process.
func Register() error {
	registerOnce.Do(func() {
		tls := libc.NewTLS()
		defer tls.Close()
		unixVFS = sqlite3.Xsqlite3_vfs_find(tls, 0)
		if unixVFS == 0 {
			registerErr = fmt.Errorf("pagecrypt: no default SQLite VFS")
			return
		}
		inner := (*sqlite3.Tsqlite3_vfs)(cptr(unixVFS))
		name, err := libc.CString(VFSName)
		if err != nil {
			registerErr = err
			return
		}
		vfsCName = name
		if kkeyCName, err = libc.CString("kkey"); err != nil {
			registerErr = err
			return
		}
		cryptVFS = sqlite3.Tsqlite3_vfs{
			FiVersion:   2,
			FszOsFile:   fileHeadSize + inner.FszOsFile,
			FmxPathname: inner.FmxPathname,
			FzName:      name,
		}
		setFn(&cryptVFS.FxOpen, vfsOpen)
		setFn(&cryptVFS.FxDelete, vfsDelete)
		setFn(&cryptVFS.FxAccess, vfsAccess)
		setFn(&cryptVFS.FxFullPathname, vfsFullPathname)
		setFn(&cryptVFS.FxDlOpen, vfsDlOpen)
		setFn(&cryptVFS.FxDlError, vfsDlError)
		setFn(&cryptVFS.FxDlSym, vfsDlSym)
		setFn(&cryptVFS.FxDlClose, vfsDlClose)
		setFn(&cryptVFS.FxRandomness, vfsRandomness)
		setFn(&cryptVFS.FxSleep, vfsSleep)
		setFn(&cryptVFS.FxCurrentTime, vfsCurrentTime)
		setFn(&cryptVFS.FxGetLastError, vfsGetLastError)
		setFn(&cryptVFS.FxCurrentTimeInt64, vfsCurrentTimeInt64)

		// Version 2: shared memory for WAL, but no xFetch/xUnfetch, so SQLite
		// never memory-maps the file and so never sees ciphertext directly.
		cryptIO.FiVersion = 2
		setFn(&cryptIO.FxClose, fileClose)
		setFn(&cryptIO.FxRead, fileRead)
		setFn(&cryptIO.FxWrite, fileWrite)
		setFn(&cryptIO.FxTruncate, fileTruncate)
		setFn(&cryptIO.FxSync, fileSync)
		setFn(&cryptIO.FxFileSize, fileFileSize)
		setFn(&cryptIO.FxLock, fileLock)
		setFn(&cryptIO.FxUnlock, fileUnlock)
		setFn(&cryptIO.FxCheckReservedLock, fileCheckReservedLock)
		setFn(&cryptIO.FxFileControl, fileFileControl)
		setFn(&cryptIO.FxSectorSize, fileSectorSize)
		setFn(&cryptIO.FxDeviceCharacteristics, fileDeviceCharacteristics)
		setFn(&cryptIO.FxShmMap, fileShmMap)
		setFn(&cryptIO.FxShmLock, fileShmLock)
		setFn(&cryptIO.FxShmBarrier, fileShmBarrier)
		setFn(&cryptIO.FxShmUnmap, fileShmUnmap)

		if rc := sqlite3.Xsqlite3_vfs_register(tls, uintptr(unsafe.Pointer(&cryptVFS)), 0); rc != sqlite3.SQLITE_OK {
			registerErr = fmt.Errorf("pagecrypt: register VFS: code %d", rc)
		}
	})
	return registerErr
}

// Add makes k available to files opened with kkey=N, N being the handle it
// returns.
func Add(k *Key) uintptr { return keys.add(k) }

// Remove forgets the key behind handle h; files already open keep it.
func Remove(h uintptr) { keys.remove(h) }

// setFn stores a Go function in a C function-pointer slot, as the transpiled
// code's __ccgo_fp does: the slot holds the func value's data word.
func setFn[F any](slot *uintptr, f F) {
	*(*F)(unsafe.Pointer(slot)) = f
}

// cfn turns a C function pointer back into a callable Go func.
func cfn[F any](p uintptr) F {
	return *(*F)(unsafe.Pointer(&p))
}

func unix() *sqlite3.Tsqlite3_vfs { return (*sqlite3.Tsqlite3_vfs)(cptr(unixVFS)) }

func vfsDelete(tls *libc.TLS, _ uintptr, zName uintptr, syncDir int32) int32 {
	return cfn[func(*libc.TLS, uintptr, uintptr, int32) int32](unix().FxDelete)(tls, unixVFS, zName, syncDir)
}

func vfsAccess(tls *libc.TLS, _ uintptr, zName uintptr, flags int32, pResOut uintptr) int32 {
	return cfn[func(*libc.TLS, uintptr, uintptr, int32, uintptr) int32](unix().FxAccess)(tls, unixVFS, zName, flags, pResOut)
}

func vfsFullPathname(tls *libc.TLS, _ uintptr, zName uintptr, nOut int32, zOut uintptr) int32 {
	return cfn[func(*libc.TLS, uintptr, uintptr, int32, uintptr) int32](unix().FxFullPathname)(tls, unixVFS, zName, nOut, zOut)
}

func vfsDlOpen(tls *libc.TLS, _ uintptr, zFilename uintptr) uintptr {
	return cfn[func(*libc.TLS, uintptr, uintptr) uintptr](unix().FxDlOpen)(tls, unixVFS, zFilename)
}

func vfsDlError(tls *libc.TLS, _ uintptr, nByte int32, zErrMsg uintptr) {
	cfn[func(*libc.TLS, uintptr, int32, uintptr)](unix().FxDlError)(tls, unixVFS, nByte, zErrMsg)
}

func vfsDlSym(tls *libc.TLS, _ uintptr, pHandle, zSymbol uintptr) uintptr {
	return cfn[func(*libc.TLS, uintptr, uintptr, uintptr) uintptr](unix().FxDlSym)(tls, unixVFS, pHandle, zSymbol)
}

func vfsDlClose(tls *libc.TLS, _ uintptr, pHandle uintptr) {
	cfn[func(*libc.TLS, uintptr, uintptr)](unix().FxDlClose)(tls, unixVFS, pHandle)
}

func vfsRandomness(tls *libc.TLS, _ uintptr, nByte int32, zOut uintptr) int32 {
	return cfn[func(*libc.TLS, uintptr, int32, uintptr) int32](unix().FxRandomness)(tls, unixVFS, nByte, zOut)
}

func vfsSleep(tls *libc.TLS, _ uintptr, micro int32) int32 {
	return cfn[func(*libc.TLS, uintptr, int32) int32](unix().FxSleep)(tls, unixVFS, micro)
}

func vfsCurrentTime(tls *libc.TLS, _ uintptr, pOut uintptr) int32 {
	return cfn[func(*libc.TLS, uintptr, uintptr) int32](unix().FxCurrentTime)(tls, unixVFS, pOut)
}

func vfsGetLastError(tls *libc.TLS, _ uintptr, n int32, z uintptr) int32 {
	return cfn[func(*libc.TLS, uintptr, int32, uintptr) int32](unix().FxGetLastError)(tls, unixVFS, n, z)
}

func vfsCurrentTimeInt64(tls *libc.TLS, _ uintptr, pOut uintptr) int32 {
	return cfn[func(*libc.TLS, uintptr, uintptr) int32](unix().FxCurrentTimeInt64)(tls, unixVFS, pOut)
}

// handles maps small integers to Go values that C memory refers to; C memory
// must never hold Go pointers.
type handles[T any] struct {
	mu   sync.RWMutex
	next uintptr
	m    map[uintptr]T
}

func (h *handles[T]) add(v T) uintptr {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.m == nil {
		h.m = make(map[uintptr]T)
	}
	h.next++
	h.m[h.next] = v
	return h.next
}

func (h *handles[T]) get(id uintptr) (T, bool) {
	h.mu.RLock()
	v, ok := h.m[id]
	h.mu.RUnlock()
	return v, ok
}

func (h *handles[T]) remove(id uintptr) {
	h.mu.Lock()
	delete(h.m, id)
	h.mu.Unlock()
}

// cptr turns a C address (memory owned by SQLite or libc, never the Go heap)
// into a pointer. Going through memory rather than a conversion keeps vet's
// unsafeptr check meaningful for the rest of the package.
func cptr(p uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&p)) }

// bytesAt is the n bytes of C memory at p.
func bytesAt(p uintptr, n int) []byte { return unsafe.Slice((*byte)(cptr(p)), n) }

// copyC copies between buffers of C memory. (Not inlined: Go 1.26's
// compiler fails to compile some such copies of a constant size, in its
// check whether the two are disjoint.)
//
//go:noinline
func copyC(dst, src []byte) int { return copy(dst, src) }
