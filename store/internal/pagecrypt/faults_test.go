package pagecrypt_test

import (
	"path/filepath"
	"testing"

	"kartoteka/store/internal/pagecrypt"
	"kartoteka/store/storetest/faultvfs"
)

// With the disk failing under it — full while the WAL grows, a frame cut
// short, the database file refusing a checkpoint — a transaction fails
// whole, and the file reopens with every earlier commit, checked and
// authenticated.
func TestFaults(t *testing.T) {
	for name, fault := range map[string]faultvfs.Fault{
		"disk full on the WAL":       {File: faultvfs.WAL, Op: faultvfs.Write, Err: faultvfs.DiskFull},
		"short write on the WAL":     {File: faultvfs.WAL, Op: faultvfs.Write, Err: faultvfs.DiskFull, Short: true},
		"WAL sync fails":             {File: faultvfs.WAL, Op: faultvfs.Sync, Err: faultvfs.IOError},
		"checkpoint cannot write":    {File: faultvfs.Main, Op: faultvfs.Write, Err: faultvfs.IOError, Short: true},
		"reading the database fails": {File: faultvfs.Main, Op: faultvfs.Read, Err: faultvfs.IOError},
	} {
		t.Run(name, func(t *testing.T) {
			s := newSalon(t, pagecrypt.FormatGCM)
			db := s.open(t, "wal_autocheckpoint(0)", "cache_size(2)")
			fill(t, db, 200)
			if fault.Op == faultvfs.Read {
				run(t, db, "PRAGMA wal_checkpoint(TRUNCATE)")
			}
			fault.Dir = filepath.Dir(s.path)
			in := faultvfs.Inject(t, fault)
			if fault.File == faultvfs.Main && fault.Op == faultvfs.Write {
				db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
			} else {
				db.Exec("INSERT INTO notes(body) SELECT body FROM notes")
			}
			if in.Failed() == 0 {
				t.Fatal("the fault never hit")
			}
			in.Off()
			db.Close()
			db = s.open(t)
			n, err := count(db)
			if err != nil || (n != 200 && n != 400) {
				t.Fatalf("after the fault: %d rows, %v", n, err)
			}
			var check string
			if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
				t.Fatalf("integrity %q %v", check, err)
			}
		})
	}
}
