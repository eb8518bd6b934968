package privacy_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kartoteka/privacy"
	"kartoteka/store"
	"kartoteka/store/storetest"
)

// TestForgetManyProvesEachBatchBeforeTheNext: forgetting more clients than
// one batch holds, the first batch's proofs are in the audit log, and its
// ledger entries in the ledger file, before the second batch forgets
// anyone. A crash (kill -9) between batches then leaves every client
// forgotten so far proven and in the ledger files, the others untouched:
// the former names are gone with the batch's commit, so a proof left for
// the end of the run could never be made after such a crash.
func TestForgetManyProvesEachBatchBeforeTheNext(t *testing.T) {
	ctx := context.Background()
	db, _ := storetest.Create(t, store.Options{})
	var b strings.Builder
	b.WriteString("first_name,last_name,phone\n")
	const n = 230
	for i := range n {
		fmt.Fprintf(&b, "Klientka%03d,Nazwiskowa%03d,+48601%06d\n", i, i, i)
	}
	if _, err := db.ImportClients(ctx, strings.NewReader(b.String()), store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	cs, err := db.Clients(ctx)
	must(t, err)
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	res, err := privacy.ForgetMany(ctx, db, ids, "inactive", []string{filepath.Dir(db.Path())})
	must(t, err)
	if len(res.Forgotten) != n || len(res.Proofs) != n || res.Proof.Found != 0 {
		t.Fatalf("forgotten %d, proofs %d, found %d", len(res.Forgotten), len(res.Proofs), res.Proof.Found)
	}
	log, err := db.AuditLog(ctx, 0)
	must(t, err)
	slices.SortFunc(log, func(a, b store.AuditEvent) int { return int(a.ID - b.ID) })
	var forgets, proofs []int64 // event IDs
	for _, e := range log {
		switch e.Action {
		case "client.forget":
			forgets = append(forgets, e.ID)
		case "client.erasure_verified":
			proofs = append(proofs, e.ID)
		}
	}
	if len(forgets) != n || len(proofs) != n {
		t.Fatalf("%d client.forget and %d client.erasure_verified events, want %d each", len(forgets), len(proofs), n)
	}
	// The 200th proof comes before the 201st client is forgotten.
	if proofs[199] > forgets[200] {
		t.Errorf("the first batch was proved only after the second was forgotten (event %d after %d)", proofs[199], forgets[200])
	}
	ledger, err := db.LedgerFile(filepath.Dir(db.Path()))
	must(t, err)
	if len(ledger) != n {
		t.Errorf("the ledger file holds %d entries, want %d", len(ledger), n)
	}
}
