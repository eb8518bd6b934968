package privacy_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"kartoteka/demo"
	"kartoteka/privacy"
	"kartoteka/store"
	"kartoteka/store/storetest"
)

// TestForgetManyDemoSalon forgets the clients of a realistic salon not seen
// for 30 months, hundreds at once, and proves it: none of their names,
// phones or emails is left, except what a live card, a staff member, the
// salon or an invoice in its statutory period holds by right ("Anna Nowak"
// within a live "Anna Nowakowska"). Deleting that many makes SQLite rebuild
// pages, which can leave bytes of a moved cell in a page's unused middle;
// the proof then rewrites the file and looks again.
func TestForgetManyDemoSalon(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a salon of 800 clients")
	}
	ctx := context.Background()
	db, _ := storetest.Create(t, store.Options{})
	if _, err := demo.Generate(ctx, db, demo.Options{Clients: 800, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	found, err := privacy.InactiveClients(ctx, db, time.Now().AddDate(0, -30, 0), false)
	must(t, err)
	ids := make([]int64, len(found))
	for i, c := range found {
		ids[i] = c.ID
	}
	res, err := privacy.ForgetMany(ctx, db, ids, "inactive", []string{filepath.Dir(db.Path())})
	must(t, err)
	t.Logf("%d inactive: %d forgotten, %d blocked; %d pages, rewritten: %v", len(ids), len(res.Forgotten), len(res.Blocked),
		res.Proof.Pages, res.Proof.Rewritten)
	if len(res.Forgotten) < 100 || res.Proof.Found != 0 {
		t.Errorf("forgotten %d, traces found %d", len(res.Forgotten), res.Proof.Found)
	}
	if r, err := db.Check(ctx); err != nil || !r.OK {
		t.Errorf("check after forgetting: %+v, %v", r, err)
	}
}
