package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kartoteka/demo"
	"kartoteka/store"
)

// BenchmarkSearchKeystroke measures what one keystroke in the client search
// costs at the M size (20,000 clients): the search and the formatting off the
// UI goroutine, then filling the list on it; the debounce delay is not
// counted. The salon is generated first, which takes half a minute.
func BenchmarkSearchKeystroke(b *testing.B) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "kartoteka-bench")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, _, err := store.Create(ctx, filepath.Join(dir, "m.kartoteka"), testPassphrase,
		store.Salon{Name: "Bench", Country: "PL"}, store.Options{KDF: store.CheapKDF})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := demo.Generate(ctx, db, demo.Options{Clients: 20000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	test.NewTempApp(b)
	u := &App{db: db, lang: "pl", salon: store.Salon{Country: "PL"}}
	s := newClientsView(u, nil)
	test.NewTempWindow(b, s.content()).Resize(fyne.NewSize(900, 700))
	queries := []string{"k", "ko", "kow", "kowa", "kowal", "n", "no", "now", "a", "an", "ann", "anna"}
	search := func(i int) []store.Client {
		found, err := db.SearchClients(ctx, queries[i%len(queries)], searchLimit)
		if err != nil {
			b.Fatal(err)
		}
		return found
	}
	b.Run("search", func(b *testing.B) {
		for i := range b.N {
			search(i)
		}
	})
	b.Run("format", func(b *testing.B) {
		found := search(0)
		b.ResetTimer()
		for range b.N {
			clientRows(found, "pl", "PL")
		}
	})
	b.Run("keystroke", func(b *testing.B) {
		for i := range b.N {
			s.show(clientRows(search(i), "pl", "PL"), queries[i%len(queries)], "")
		}
	})
}
