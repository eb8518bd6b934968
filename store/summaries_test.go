package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// manyClients adds n clients in one batch and returns their IDs.
func manyClients(t testing.TB, db *store.DB, n int) []int64 {
	t.Helper()
	ids := make([]int64, 0, n)
	err := db.Batch(context.Background(), "test.clients", func(b *store.Batch) error {
		for i := range n {
			id, err := b.CreateClient(store.ClientInput{FirstName: "Klient", LastName: fmt.Sprintf("Numer %05d", i)})
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestClientSummaries(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	ids := manyClients(t, f.DB, 2500) // three chunks
	visit := time.Date(2026, 1, 5, 10, 0, 0, 0, time.Local)
	if _, err := f.DB.CreateBooking(ctx, store.BookingInput{ClientID: ids[1234], StaffID: f.Staff, ServiceID: f.Service, Start: visit,
		Status: store.StatusCompleted}); err != nil {
		t.Fatal(err)
	}
	want := append([]int64{f.ClientID}, ids...)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(want), func(i, j int) { want[i], want[j] = want[j], want[i] })
	asked := append(append([]int64{}, want[:1500]...), 999999) // no such card
	asked = append(asked, want[1500:]...)
	asked = append(asked, want[7]) // asked twice
	got, err := f.DB.ClientSummaries(ctx, asked)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want)+1 {
		t.Fatalf("%d cards for %d IDs, want %d", len(got), len(asked), len(want)+1)
	}
	for i, id := range append(want, want[7]) {
		if got[i].ID != id {
			t.Fatalf("card %d is client %d, want %d: the order of the IDs is not kept", i, got[i].ID, id)
		}
		if got[i].ID == ids[1234] && !got[i].LastVisit.Equal(visit) {
			t.Errorf("last visit = %v, want %v", got[i].LastVisit, visit)
		}
		if got[i].ID == ids[7] && got[i].LastName != "Numer 00007" {
			t.Errorf("client %d = %+v", ids[7], got[i])
		}
	}
	if got, err := f.DB.ClientSummaries(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("no IDs: %v, %v", got, err)
	}
}

// BenchmarkClientSummaries reads 20,000 cards, the whole of an M salon.
func BenchmarkClientSummaries(b *testing.B) {
	ctx := context.Background()
	db := storetest.Open(b)
	ids := manyClients(b, db, 20000)
	for b.Loop() {
		if got, err := db.ClientSummaries(ctx, ids); err != nil || len(got) != len(ids) {
			b.Fatal(len(got), err)
		}
	}
}

func TestCountsLiveClients(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	other, err := f.DB.CreateClient(ctx, store.ClientInput{FirstName: "Ida", LastName: "Lund"})
	if err != nil {
		t.Fatal(err)
	}
	if c, err := f.DB.Counts(ctx); err != nil || c.Clients != 2 || c.LiveClients != 2 {
		t.Errorf("counts = %+v, %v", c, err)
	}
	if _, err := f.DB.Anonymize(ctx, other, "test", func(store.ForgetFacts) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if c, err := f.DB.Counts(ctx); err != nil || c.Clients != 2 || c.LiveClients != 1 {
		t.Errorf("counts after forgetting one = %+v, %v; want 2 cards, 1 live", c, err)
	}
}
