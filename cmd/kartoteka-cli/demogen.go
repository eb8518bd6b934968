package main

import (
	"context"

	"kartoteka/demo"
	"kartoteka/store"
)

// generateDemo fills db with the demo salon; see package demo.
func generateDemo(ctx context.Context, db *store.DB, clients int, seed int64, progress func(done, total int)) (demo.Summary, error) {
	return demo.Generate(ctx, db, demo.Options{Clients: clients, Seed: seed, Progress: progress})
}
