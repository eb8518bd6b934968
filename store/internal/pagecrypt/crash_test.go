package pagecrypt_test

import (
	"bufio"
	"context"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"kartoteka/store/internal/pagecrypt"
)

// TestKillLoop kills a writer process with SIGKILL at random moments, many
// times over one salon: after each kill the file opens, passes
// integrity_check, keeps every transaction the writer saw committed, every
// page and frame authenticates, and its invariant holds (each transaction
// inserts a row into both tables). PAGECRYPT_KILL_ROUNDS sets the number of
// kills.
func TestKillLoop(t *testing.T) {
	rounds := 12
	if testing.Short() {
		rounds = 4
	}
	if v, err := strconv.Atoi(os.Getenv("PAGECRYPT_KILL_ROUNDS")); err == nil {
		rounds = v
	}
	dataKey := make([]byte, 32)
	for i := range dataKey {
		dataKey[i] = byte(i * 7)
	}
	s := newSalonKey(t, dataKey)
	db := s.open(t)
	run(t, db, "PRAGMA journal_mode=WAL")
	run(t, db, "CREATE TABLE a(id INTEGER PRIMARY KEY, body TEXT)")
	run(t, db, "CREATE TABLE b(id INTEGER PRIMARY KEY, a_id INTEGER, body TEXT)")
	db.Close()

	committed := 0
	for round := 0; round < rounds; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillWriter$")
		cmd.Env = append(os.Environ(), "PAGECRYPT_KILL_DB="+s.path, "PAGECRYPT_KILL_KEY="+hex.EncodeToString(dataKey))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		seen := make(chan int, 4096)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if n, err := strconv.Atoi(sc.Text()); err == nil {
					seen <- n
				}
			}
			close(seen)
		}()
		time.Sleep(time.Duration(80+rand.IntN(300)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		for n := range seen {
			committed = max(committed, n)
		}

		db := s.open(t)
		var check string
		if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
			t.Fatalf("round %d: integrity %q %v", round, check, err)
		}
		var na, nb int
		if err := db.QueryRow("SELECT (SELECT count(*) FROM a), (SELECT count(*) FROM b)").Scan(&na, &nb); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if na != nb || na < committed {
			t.Fatalf("round %d: %d and %d rows, %d seen committed", round, na, nb, committed)
		}
		committed = na
		for _, wal := range []bool{false, true} {
			f, err := os.Open(s.path + map[bool]string{false: "", true: "-wal"}[wal])
			if err != nil {
				continue
			}
			bad, err := s.key.Plain(f, wal, func(int64, []byte) error { return nil })
			f.Close()
			if err != nil || len(bad) > 0 {
				t.Fatalf("round %d: damage %+v %v (wal %v)", round, bad, err, wal)
			}
		}
		db.Close()
	}
	t.Logf("%d kills, %d transactions survived", rounds, committed)
}

// TestKillWriter is the writer TestKillLoop kills; it does nothing on its
// own.
func TestKillWriter(t *testing.T) {
	path := os.Getenv("PAGECRYPT_KILL_DB")
	if path == "" {
		t.Skip("run by TestKillLoop")
	}
	dataKey, _ := hex.DecodeString(os.Getenv("PAGECRYPT_KILL_KEY"))
	s := &salon{path: path, key: newKey(t, pagecrypt.FormatGCM, dataKey)}
	pagecrypt.Register()
	s.h = pagecrypt.Add(s.key)
	db := s.open(t, "wal_autocheckpoint(50)")
	ctx := context.Background()
	for i := 0; ; i++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		body := fmt.Sprintf("%0*d", 100+i%900, i)
		res, err := tx.Exec("INSERT INTO a(body) VALUES (?)", body)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		if _, err := tx.Exec("INSERT INTO b(a_id, body) VALUES (?, ?)", id, body); err != nil {
			t.Fatal(err)
		}
		if i%7 == 0 {
			if _, err := tx.Exec("DELETE FROM a WHERE id = (SELECT min(id) FROM a) AND id < ?", id-50); err != nil {
				t.Fatal(err)
			}
			tx.Exec("DELETE FROM b WHERE a_id NOT IN (SELECT id FROM a)")
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		var n int
		db.QueryRow("SELECT count(*) FROM a").Scan(&n)
		fmt.Println(n)
	}
}

// newSalonKey is newSalon with a given data key, so that another process
// can open it.
func newSalonKey(t *testing.T, dataKey []byte) *salon {
	t.Helper()
	if err := pagecrypt.Register(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "salon.db")
	if err := os.WriteFile(path, testHeader, 0o600); err != nil {
		t.Fatal(err)
	}
	s := &salon{path: path, key: newKey(t, pagecrypt.FormatGCM, dataKey)}
	s.h = pagecrypt.Add(s.key)
	t.Cleanup(func() { pagecrypt.Remove(s.h) })
	return s
}
