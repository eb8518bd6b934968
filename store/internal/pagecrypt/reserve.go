package pagecrypt

import (
	"fmt"
	"reflect"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// RequestReserve asks SQLite to give the pages of the database "main" of
// a driver connection (what database/sql's Conn.Raw hands its function)
// Reserved bytes the next time it writes them whole: VACUUM INTO a new
// file does, so it is how a format 1 salon, which has none, is rewritten
// in format 2. The existing file is not changed.
//
// The driver keeps its sqlite3 handle unexported, as the first field of its
// connection: it is read by name, and TestUpgrade* in package store fail
// if a driver update moves it.
func RequestReserve(driverConn any) error {
	v := reflect.ValueOf(driverConn)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("pagecrypt: %T is not the SQLite driver's connection", driverConn)
	}
	h := v.Elem().FieldByName("db")
	if !h.IsValid() || h.Kind() != reflect.Uintptr || h.Uint() == 0 {
		return fmt.Errorf("pagecrypt: the SQLite driver's connection has no handle named db")
	}
	tls := libc.NewTLS()
	defer tls.Close()
	name, err := libc.CString("main")
	if err != nil {
		return err
	}
	defer libc.Xfree(tls, name)
	arg := libc.Xmalloc(tls, 4)
	if arg == 0 {
		return fmt.Errorf("pagecrypt: out of memory")
	}
	defer libc.Xfree(tls, arg)
	*(*int32)(cptr(arg)) = Reserved
	if rc := sqlite3.Xsqlite3_file_control(tls, uintptr(h.Uint()), name, sqlite3.SQLITE_FCNTL_RESERVE_BYTES, arg); rc != sqlite3.SQLITE_OK {
		return fmt.Errorf("pagecrypt: reserve bytes: code %d", rc)
	}
	return nil
}
