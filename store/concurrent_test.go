package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// The GUI reads from several goroutines while one writes; readers see
// committed data and never block the writer for long.
func TestConcurrentReadersAndWriter(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	const writes = 60
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		for i := 0; i < writes; i++ {
			if _, err := f.DB.CreateClient(ctx, store.ClientInput{FirstName: "Równoległa", LastName: fmt.Sprintf("Klientka %d", i)}); err != nil {
				errs <- err
				return
			}
		}
	}()
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				if _, err := f.DB.SearchClients(ctx, "klientka", 100); err != nil {
					errs <- err
					return
				}
				if _, err := f.DB.ClientCard(ctx, f.ClientID); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got, _ := f.DB.SearchClients(ctx, "rownolegla", 1000)
	if len(got) != writes {
		t.Errorf("found %d of %d clients written concurrently", len(got), writes)
	}
}
