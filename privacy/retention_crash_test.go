package privacy_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"kartoteka/privacy"
	"kartoteka/store"
	"kartoteka/store/storetest"
)

// TestRetentionKilledBetweenBatches kills a process running retention with
// SIGKILL after its first batch has committed, then checks that the file
// is whole, that the next run finishes the job, and that nobody was
// forgotten twice.
func TestRetentionKilledBetweenBatches(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	const clients = 1000
	err := f.DB.Batch(ctx, "test.clients", func(b *store.Batch) error {
		b.SetClock(time.Now().AddDate(-3, 0, 0))
		for range clients {
			if _, err := b.CreateClient(store.ClientInput{FirstName: "Dawna", LastName: "Klientka"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.DB.SetRetentionPolicy(ctx, store.RetentionPolicy{Policy: store.PolicyLastVisit, Days: 30, Months: 24}); err != nil {
		t.Fatal(err)
	}
	path := f.DB.Path()
	f.DB.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestRetentionChild$")
	cmd.Env = append(os.Environ(), "KARTOTEKA_RETENTION_DB="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() && !strings.HasPrefix(sc.Text(), "batch done") {
	}
	cmd.Process.Kill()
	cmd.Wait()

	db, err := store.Open(ctx, path, storetest.Passphrase, store.Options{})
	if err != nil {
		t.Fatalf("open after the kill: %v", err)
	}
	defer db.Close()
	if r, err := db.Check(ctx); err != nil || !r.OK {
		t.Fatalf("after the kill: %+v, %v", r, err)
	}
	p, _ := db.RetentionPolicy(ctx)
	left, err := privacy.PlanRetention(ctx, db, p, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(left.ForgetClients); n == 0 || n >= clients {
		t.Fatalf("%d of %d clients left after the first batch, want some done and some not", n, clients)
	}
	run, err := privacy.RunRetention(ctx, db, time.Now(), nil)
	if err != nil || run.ClientsForgotten != len(left.ForgetClients) {
		t.Fatalf("the next run: %+v, %v; want %d forgotten", run, err, len(left.ForgetClients))
	}
	ledger, _ := db.ErasureLedger(ctx)
	seen := map[int64]bool{}
	for _, e := range ledger {
		if seen[e.ClientID] {
			t.Fatalf("client %d forgotten twice", e.ClientID)
		}
		seen[e.ClientID] = true
	}
	if len(seen) != clients {
		t.Errorf("%d clients in the ledger, want %d", len(seen), clients)
	}
}

// TestRetentionChild is the process TestRetentionKilledBetweenBatches
// kills: it runs retention, says when a batch has committed, and waits.
func TestRetentionChild(t *testing.T) {
	path := os.Getenv("KARTOTEKA_RETENTION_DB")
	if path == "" {
		t.Skip("run by TestRetentionKilledBetweenBatches")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, path, storetest.Passphrase, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	privacy.RunRetention(ctx, db, time.Now(), func(done, total int) {
		fmt.Printf("batch done %d of %d\n", done, total)
		os.Stdout.Sync()
		time.Sleep(time.Minute) // killed here, between two batches
	})
}
