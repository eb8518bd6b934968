// Package faultvfs puts a fault-injecting layer under Kartoteka's
// encrypting VFS, for tests: the disk fills up, a read or a write or a sync
// fails with an I/O error, a write is cut short. Importing the package
// makes its VFS SQLite's default before any database is opened, so the
// store's VFS, which wraps the default one, sits on top of it; without an
// armed fault every call passes straight through to SQLite's own "unix" VFS.
//
// A test arms a fault with [Inject], naming its folder (t.TempDir()) so
// that tests running side by side do not hit each other's files, and the
// kind of file and operation to fail:
//
//	faultvfs.Inject(t, faultvfs.Fault{Dir: dir, File: faultvfs.WAL, Op: faultvfs.Write, Err: faultvfs.DiskFull})
//
// The fault is lifted when the test ends, or by [Injection.Off]. The key
// header in front of the pages is written by Go, not SQLite: faults there
// are the store's own tests' business.
package faultvfs

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// File is a kind of file SQLite opens.
type File int

// The kinds of file a fault can aim at.
const (
	AnyFile File = iota
	Main         // the database file
	WAL          // its write-ahead log
	Journal      // its rollback journal
)

// Op is a file operation.
type Op int

// The operations a fault can fail.
const (
	Write Op = iota
	Read
	Sync
	Truncate
)

// Err is how a failing call fails.
type Err int

// The failures: the disk is full (ENOSPC, SQLITE_FULL), or it reports an
// I/O error (EIO, SQLITE_IOERR_*).
const (
	DiskFull Err = iota
	IOError
)

// Fault describes calls to fail.
type Fault struct {
	Dir  string // only files in this folder; required
	File File
	Op   Op
	// After lets this many matching calls through before failing.
	After int
	// Times fails this many calls, then lets them through again; 0 fails
	// every call from After on.
	Times int
	Err   Err
	// Short makes a failing write write its first half before failing, as
	// a disk that fills up part-way does.
	Short bool
}

// Injection is an armed fault.
type Injection struct {
	f      Fault
	dirs   []string
	seen   int
	failed int
	off    bool
}

var (
	mu     sync.Mutex
	active []*Injection
)

// Inject arms f until the test ends.
func Inject(t testing.TB, f Fault) *Injection {
	t.Helper()
	if f.Dir == "" {
		t.Fatal("faultvfs: a fault needs the folder it applies to")
	}
	if !installed {
		t.Fatalf("faultvfs: not installed: %v", installErr)
	}
	in := &Injection{f: f, dirs: []string{filepath.Clean(f.Dir)}}
	if real, err := filepath.EvalSymlinks(f.Dir); err == nil && real != f.Dir {
		in.dirs = append(in.dirs, real)
	}
	mu.Lock()
	active = append(active, in)
	mu.Unlock()
	t.Cleanup(in.Off)
	return in
}

// Off lifts the fault.
func (in *Injection) Off() {
	mu.Lock()
	defer mu.Unlock()
	in.off = true
	for i, a := range active {
		if a == in {
			active = append(active[:i], active[i+1:]...)
			break
		}
	}
}

// Calls is how many calls the fault has matched so far, failed or not.
func (in *Injection) Calls() int {
	mu.Lock()
	defer mu.Unlock()
	return in.seen
}

// Failed is how many calls the fault has failed so far.
func (in *Injection) Failed() int {
	mu.Lock()
	defer mu.Unlock()
	return in.failed
}

// hit decides whether this call fails, and how.
func hit(f *file, op Op) (fail bool, fault Fault) {
	mu.Lock()
	defer mu.Unlock()
	for _, in := range active {
		if in.off || in.f.Op != op || (in.f.File != AnyFile && in.f.File != f.kind) || !f.in(in.dirs) {
			continue
		}
		in.seen++
		if in.seen <= in.f.After || (in.f.Times > 0 && in.failed >= in.f.Times) {
			continue
		}
		in.failed++
		return true, in.f
	}
	return false, Fault{}
}

// file is the Go side of one file opened through the layer.
type file struct {
	inner uintptr // the wrapped "unix" sqlite3_file
	name  string
	kind  File
}

func (f *file) in(dirs []string) bool {
	for _, d := range dirs {
		if f.name != "" && strings.HasPrefix(f.name, d+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

const headSize = 16

type fileHead struct {
	methods uintptr
	handle  uintptr
}

var (
	installed  bool
	installErr string

	unixVFS uintptr
	vfs     sqlite3.Tsqlite3_vfs
	io      sqlite3.Tsqlite3_io_methods

	filesMu sync.RWMutex
	files   = map[uintptr]*file{}
	nextID  uintptr
)

func init() { install() }

// install registers the layer as SQLite's default VFS, wrapping the default
// it finds.
func install() {
	tls := libc.NewTLS()
	defer tls.Close()
	unixVFS = sqlite3.Xsqlite3_vfs_find(tls, 0)
	if unixVFS == 0 {
		installErr = "no default VFS"
		return
	}
	inner := (*sqlite3.Tsqlite3_vfs)(cptr(unixVFS))
	name, err := libc.CString("kartoteka-faults")
	if err != nil {
		installErr = err.Error()
		return
	}
	vfs = sqlite3.Tsqlite3_vfs{FiVersion: 2, FszOsFile: headSize + inner.FszOsFile, FmxPathname: inner.FmxPathname, FzName: name}
	setFn(&vfs.FxOpen, vfsOpen)
	setFn(&vfs.FxDelete, func(tls *libc.TLS, _ uintptr, z uintptr, syncDir int32) int32 {
		return cfn[func(*libc.TLS, uintptr, uintptr, int32) int32](unix().FxDelete)(tls, unixVFS, z, syncDir)
	})
	setFn(&vfs.FxAccess, func(tls *libc.TLS, _ uintptr, z uintptr, flags int32, out uintptr) int32 {
		return cfn[func(*libc.TLS, uintptr, uintptr, int32, uintptr) int32](unix().FxAccess)(tls, unixVFS, z, flags, out)
	})
	setFn(&vfs.FxFullPathname, func(tls *libc.TLS, _ uintptr, z uintptr, n int32, out uintptr) int32 {
		return cfn[func(*libc.TLS, uintptr, uintptr, int32, uintptr) int32](unix().FxFullPathname)(tls, unixVFS, z, n, out)
	})
	setFn(&vfs.FxDlOpen, func(tls *libc.TLS, _ uintptr, z uintptr) uintptr {
		return cfn[func(*libc.TLS, uintptr, uintptr) uintptr](unix().FxDlOpen)(tls, unixVFS, z)
	})
	setFn(&vfs.FxDlError, func(tls *libc.TLS, _ uintptr, n int32, z uintptr) {
		cfn[func(*libc.TLS, uintptr, int32, uintptr)](unix().FxDlError)(tls, unixVFS, n, z)
	})
	setFn(&vfs.FxDlSym, func(tls *libc.TLS, _ uintptr, h, z uintptr) uintptr {
		return cfn[func(*libc.TLS, uintptr, uintptr, uintptr) uintptr](unix().FxDlSym)(tls, unixVFS, h, z)
	})
	setFn(&vfs.FxDlClose, func(tls *libc.TLS, _ uintptr, h uintptr) {
		cfn[func(*libc.TLS, uintptr, uintptr)](unix().FxDlClose)(tls, unixVFS, h)
	})
	setFn(&vfs.FxRandomness, func(tls *libc.TLS, _ uintptr, n int32, out uintptr) int32 {
		return cfn[func(*libc.TLS, uintptr, int32, uintptr) int32](unix().FxRandomness)(tls, unixVFS, n, out)
	})
	setFn(&vfs.FxSleep, func(tls *libc.TLS, _ uintptr, micro int32) int32 {
		return cfn[func(*libc.TLS, uintptr, int32) int32](unix().FxSleep)(tls, unixVFS, micro)
	})
	setFn(&vfs.FxCurrentTime, func(tls *libc.TLS, _ uintptr, out uintptr) int32 {
		return cfn[func(*libc.TLS, uintptr, uintptr) int32](unix().FxCurrentTime)(tls, unixVFS, out)
	})
	setFn(&vfs.FxGetLastError, func(tls *libc.TLS, _ uintptr, n int32, z uintptr) int32 {
		return cfn[func(*libc.TLS, uintptr, int32, uintptr) int32](unix().FxGetLastError)(tls, unixVFS, n, z)
	})
	setFn(&vfs.FxCurrentTimeInt64, func(tls *libc.TLS, _ uintptr, out uintptr) int32 {
		return cfn[func(*libc.TLS, uintptr, uintptr) int32](unix().FxCurrentTimeInt64)(tls, unixVFS, out)
	})

	// Version 2: no xFetch, so nothing is ever memory-mapped past the layer.
	io.FiVersion = 2
	setFn(&io.FxClose, fileClose)
	setFn(&io.FxRead, fileRead)
	setFn(&io.FxWrite, fileWrite)
	setFn(&io.FxTruncate, fileTruncate)
	setFn(&io.FxSync, fileSync)
	setFn(&io.FxFileSize, func(tls *libc.TLS, p, out uintptr) int32 {
		f := fileOf(p)
		return cfn[func(*libc.TLS, uintptr, uintptr) int32](methods(f.inner).FxFileSize)(tls, f.inner, out)
	})
	setFn(&io.FxLock, func(tls *libc.TLS, p uintptr, level int32) int32 {
		f := fileOf(p)
		return cfn[func(*libc.TLS, uintptr, int32) int32](methods(f.inner).FxLock)(tls, f.inner, level)
	})
	setFn(&io.FxUnlock, func(tls *libc.TLS, p uintptr, level int32) int32 {
		f := fileOf(p)
		return cfn[func(*libc.TLS, uintptr, int32) int32](methods(f.inner).FxUnlock)(tls, f.inner, level)
	})
	setFn(&io.FxCheckReservedLock, func(tls *libc.TLS, p, out uintptr) int32 {
		f := fileOf(p)
		return cfn[func(*libc.TLS, uintptr, uintptr) int32](methods(f.inner).FxCheckReservedLock)(tls, f.inner, out)
	})
	setFn(&io.FxFileControl, func(tls *libc.TLS, p uintptr, op int32, arg uintptr) int32 {
		f := fileOf(p)
		return cfn[func(*libc.TLS, uintptr, int32, uintptr) int32](methods(f.inner).FxFileControl)(tls, f.inner, op, arg)
	})
	setFn(&io.FxSectorSize, func(tls *libc.TLS, p uintptr) int32 {
		f := fileOf(p)
		return cfn[func(*libc.TLS, uintptr) int32](methods(f.inner).FxSectorSize)(tls, f.inner)
	})
	setFn(&io.FxDeviceCharacteristics, func(tls *libc.TLS, p uintptr) int32 {
		f := fileOf(p)
		return cfn[func(*libc.TLS, uintptr) int32](methods(f.inner).FxDeviceCharacteristics)(tls, f.inner)
	})
	setFn(&io.FxShmMap, func(tls *libc.TLS, p uintptr, pg, size, extend int32, pp uintptr) int32 {
		f := fileOf(p)
		return cfn[func(*libc.TLS, uintptr, int32, int32, int32, uintptr) int32](methods(f.inner).FxShmMap)(tls, f.inner, pg, size, extend, pp)
	})
	setFn(&io.FxShmLock, func(tls *libc.TLS, p uintptr, off, n, flags int32) int32 {
		f := fileOf(p)
		return cfn[func(*libc.TLS, uintptr, int32, int32, int32) int32](methods(f.inner).FxShmLock)(tls, f.inner, off, n, flags)
	})
	setFn(&io.FxShmBarrier, func(tls *libc.TLS, p uintptr) {
		f := fileOf(p)
		cfn[func(*libc.TLS, uintptr)](methods(f.inner).FxShmBarrier)(tls, f.inner)
	})
	setFn(&io.FxShmUnmap, func(tls *libc.TLS, p uintptr, del int32) int32 {
		f := fileOf(p)
		return cfn[func(*libc.TLS, uintptr, int32) int32](methods(f.inner).FxShmUnmap)(tls, f.inner, del)
	})
	if rc := sqlite3.Xsqlite3_vfs_register(tls, uintptr(unsafe.Pointer(&vfs)), 1); rc != sqlite3.SQLITE_OK {
		installErr = "register the VFS"
		return
	}
	installed = true
}

func vfsOpen(tls *libc.TLS, _ uintptr, zName, pFile uintptr, flags int32, pOutFlags uintptr) int32 {
	head := (*fileHead)(cptr(pFile))
	*head = fileHead{}
	inner := pFile + headSize
	rc := cfn[func(*libc.TLS, uintptr, uintptr, uintptr, int32, uintptr) int32](unix().FxOpen)(tls, unixVFS, zName, inner, flags, pOutFlags)
	if rc != sqlite3.SQLITE_OK {
		return rc
	}
	f := &file{inner: inner}
	if zName != 0 {
		f.name = libc.GoString(zName)
	}
	switch {
	case flags&sqlite3.SQLITE_OPEN_MAIN_DB != 0:
		f.kind = Main
	case flags&sqlite3.SQLITE_OPEN_WAL != 0:
		f.kind = WAL
	case flags&sqlite3.SQLITE_OPEN_MAIN_JOURNAL != 0:
		f.kind = Journal
	default:
		f.kind = -1
	}
	filesMu.Lock()
	nextID++
	files[nextID] = f
	head.handle = nextID
	filesMu.Unlock()
	head.methods = uintptr(unsafe.Pointer(&io))
	return sqlite3.SQLITE_OK
}

func fileOf(p uintptr) *file {
	filesMu.RLock()
	defer filesMu.RUnlock()
	return files[(*fileHead)(cptr(p)).handle]
}

func methods(inner uintptr) *sqlite3.Tsqlite3_io_methods {
	return *(**sqlite3.Tsqlite3_io_methods)(cptr(inner))
}

func fileClose(tls *libc.TLS, p uintptr) int32 {
	head := (*fileHead)(cptr(p))
	f := fileOf(p)
	rc := cfn[func(*libc.TLS, uintptr) int32](methods(f.inner).FxClose)(tls, f.inner)
	filesMu.Lock()
	delete(files, head.handle)
	filesMu.Unlock()
	head.methods = 0
	return rc
}

func fileRead(tls *libc.TLS, p, buf uintptr, n int32, off int64) int32 {
	f := fileOf(p)
	if fail, _ := hit(f, Read); fail {
		return sqlite3.SQLITE_IOERR_READ
	}
	return cfn[func(*libc.TLS, uintptr, uintptr, int32, int64) int32](methods(f.inner).FxRead)(tls, f.inner, buf, n, off)
}

func fileWrite(tls *libc.TLS, p, buf uintptr, n int32, off int64) int32 {
	f := fileOf(p)
	write := cfn[func(*libc.TLS, uintptr, uintptr, int32, int64) int32](methods(f.inner).FxWrite)
	if fail, fault := hit(f, Write); fail {
		if fault.Short && n > 1 {
			write(tls, f.inner, buf, n/2, off)
		}
		if fault.Err == DiskFull {
			return sqlite3.SQLITE_FULL
		}
		return sqlite3.SQLITE_IOERR_WRITE
	}
	return write(tls, f.inner, buf, n, off)
}

func fileTruncate(tls *libc.TLS, p uintptr, size int64) int32 {
	f := fileOf(p)
	if fail, _ := hit(f, Truncate); fail {
		return sqlite3.SQLITE_IOERR_TRUNCATE
	}
	return cfn[func(*libc.TLS, uintptr, int64) int32](methods(f.inner).FxTruncate)(tls, f.inner, size)
}

func fileSync(tls *libc.TLS, p uintptr, flags int32) int32 {
	f := fileOf(p)
	if fail, _ := hit(f, Sync); fail {
		return sqlite3.SQLITE_IOERR_FSYNC
	}
	return cfn[func(*libc.TLS, uintptr, int32) int32](methods(f.inner).FxSync)(tls, f.inner, flags)
}

func unix() *sqlite3.Tsqlite3_vfs { return (*sqlite3.Tsqlite3_vfs)(cptr(unixVFS)) }

// setFn stores a Go function in a C function-pointer slot, as the transpiled
// code's __ccgo_fp does (see the store's VFS).
func setFn[F any](slot *uintptr, f F) { *(*F)(unsafe.Pointer(slot)) = f }

// cfn turns a C function pointer back into a callable Go func.
func cfn[F any](p uintptr) F { return *(*F)(unsafe.Pointer(&p)) }

// cptr turns a C address into a pointer.
func cptr(p uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&p)) }
