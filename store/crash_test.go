package store_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// TestCrashLoop kills writer processes with SIGKILL at random moments, then
// checks that the file opens, passes integrity_check, keeps every
// transaction the writer saw committed, and holds its invariant: each client
// has exactly three bookings and one payment. KARTOTEKA_CRASH_ROUNDS sets the
// number of kills (make crash runs hundreds).
func TestCrashLoop(t *testing.T) {
	rounds := 4
	if v, err := strconv.Atoi(os.Getenv("KARTOTEKA_CRASH_ROUNDS")); err == nil {
		rounds = v
	}
	f := storetest.NewFixture(t)
	path := f.DB.Path()
	ctx := context.Background()
	// The fixture's own client has no bookings: remove it from the count by
	// giving it the invariant too.
	start := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	for k := 0; k < 3; k++ {
		if _, err := f.DB.CreateBooking(ctx, store.BookingInput{ClientID: f.ClientID, StaffID: f.Staff, ServiceID: f.Service, Start: start.Add(time.Duration(-k-1) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.DB.CreatePayment(ctx, store.PaymentInput{ClientID: f.ClientID, Amount: 100}); err != nil {
		t.Fatal(err)
	}
	f.DB.Close()

	committed := 1
	for round := 0; round < rounds; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWriter$")
		cmd.Env = append(os.Environ(), "KARTOTEKA_CRASH_DB="+path, fmt.Sprintf("KARTOTEKA_CRASH_SEED=%d", round))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan int, 1024)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if n, ok := strings.CutPrefix(sc.Text(), "committed "); ok {
					v, _ := strconv.Atoi(n)
					lines <- v
				}
			}
			close(lines)
		}()
		time.Sleep(time.Duration(150+rand.IntN(500)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		for n := range lines {
			committed = max(committed, n)
		}
		cmd.Wait()

		db, err := store.Open(ctx, path, storetest.Passphrase, store.Options{})
		if err != nil {
			t.Fatalf("round %d: open after kill: %v", round, err)
		}
		r, err := db.Check(ctx)
		if err != nil || !r.OK {
			t.Fatalf("round %d: check after kill: %+v, %v", round, r, err)
		}
		clients, bookings, payments := countAll(t, db)
		if clients < committed {
			t.Fatalf("round %d: %d clients, but the writer saw %d committed", round, clients, committed)
		}
		if bookings != 3*clients || payments != clients {
			t.Fatalf("round %d: %d clients, %d bookings, %d payments: a transaction was torn", round, clients, bookings, payments)
		}
		committed = clients
		db.Close()
	}
	t.Logf("%d kills, %d clients committed", rounds, committed)
}

func countAll(t *testing.T, db *store.DB) (clients, bookings, payments int) {
	t.Helper()
	c, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c.Clients, c.Bookings, c.Payments
}

// TestCrashWriter is the process TestCrashLoop kills; alone it does nothing.
func TestCrashWriter(t *testing.T) {
	path := os.Getenv("KARTOTEKA_CRASH_DB")
	if path == "" {
		t.Skip("run by TestCrashLoop")
	}
	seed, _ := strconv.ParseUint(os.Getenv("KARTOTEKA_CRASH_SEED"), 10, 64)
	rng := rand.New(rand.NewPCG(seed, 42))
	ctx := context.Background()
	db, err := store.Open(ctx, path, storetest.Passphrase, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	staff, err := db.StaffMembers(ctx)
	if err != nil || len(staff) == 0 {
		t.Fatal("no staff", err)
	}
	svcs, _ := db.Services(ctx)
	counts, _ := db.Counts(ctx)
	n := counts.Clients
	base := time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)
	for {
		size := 1 + rng.IntN(40)
		err := db.Batch(ctx, "crash.write", func(b *store.Batch) error {
			for i := 0; i < size; i++ {
				id, err := b.CreateClient(store.ClientInput{FirstName: "Crash", LastName: fmt.Sprintf("Writer %d", n+i), Notes: strings.Repeat("note ", rng.IntN(400))})
				if err != nil {
					return err
				}
				for k := 0; k < 3; k++ {
					start := base.Add(time.Duration((n+i)*3+k) * time.Hour)
					if _, err := b.CreateBooking(store.BookingInput{ClientID: id, StaffID: staff[0].ID, ServiceID: svcs[0].ID, Start: start, End: start.Add(time.Hour)}); err != nil {
						return err
					}
				}
				if _, err := b.CreatePayment(store.PaymentInput{ClientID: id, Amount: 100}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		n += size
		fmt.Printf("committed %d\n", n)
		if rng.IntN(10) == 0 {
			db.Checkpoint(ctx)
		}
	}
}
