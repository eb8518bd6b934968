//go:build benchplain

package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"kartoteka/demo"
	"kartoteka/store"
)

// size is one salon the benchmarks run on.
type size struct {
	Name    string
	Clients int
}

var sizeByName = map[string]size{
	"S": {"S", 1_000},
	"M": {"M", 20_000},
	"L": {"L", 100_000},
}

const benchPass = "benchmark passphrase"

// benchNow fixes "today" so a salon is the same every run.
var benchNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// dataset is a generated salon: its encrypted file and a plaintext copy.
type dataset struct {
	size   size
	master string // the generated salon, never written to
	work   string // this size's work folder, emptied on every run
	// enc and plain are the working copies the figures run on (inserts
	// and forgets accumulate in them, alike on both); pristine is a plain
	// copy of the master that nothing writes to, for figures that need a
	// fresh salon each time.
	enc, plain, pristine string
	generated            time.Duration // how long the demo generator took (0: cached)
	counts               store.Counts
}

// prepare generates the salon once and keeps it; each run measures fresh
// copies in a work folder, so inserts never accumulate from run to run.
func prepare(ctx context.Context, dir string, sz size) (*dataset, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	stamp := fmt.Sprintf("%s-%d-v%d", sz.Name, sz.Clients, store.SchemaVersion())
	master := filepath.Join(dir, stamp+".kartoteka")
	ds := &dataset{size: sz, master: master}
	if _, err := os.Stat(master); err != nil {
		fmt.Fprintf(os.Stderr, "bench: generating %s (%d clients)…\n", sz.Name, sz.Clients)
		tmp := master + ".tmp"
		os.Remove(tmp)
		db, _, err := store.Create(ctx, tmp, benchPass, store.Salon{Name: "Salon Benchmark", Country: "PL"}, store.Options{KDF: store.CheapKDF})
		if err != nil {
			return nil, err
		}
		start := time.Now()
		_, err = demo.Generate(ctx, db, demo.Options{Clients: sz.Clients, Seed: 1, Now: benchNow, Progress: func(done, total int) {
			fmt.Fprintf(os.Stderr, "\r  %d/%d", done, total)
		}})
		fmt.Fprintln(os.Stderr)
		ds.generated = time.Since(start)
		if err != nil {
			db.Close()
			return nil, err
		}
		if err := db.Close(); err != nil {
			return nil, err
		}
		if err := os.Rename(tmp, master); err != nil {
			return nil, err
		}
	}
	ds.work = filepath.Join(dir, "work", sz.Name)
	os.RemoveAll(ds.work)
	if err := os.MkdirAll(ds.work, 0o700); err != nil {
		return nil, err
	}
	ds.enc = filepath.Join(ds.work, "salon.kartoteka")
	ds.plain = filepath.Join(ds.work, "salon.sqlite")
	ds.pristine = filepath.Join(ds.work, "pristine.sqlite")
	if err := copyFile(master, ds.enc); err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, ds.enc, benchPass, store.Options{})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := db.Checkpoint(ctx); err != nil {
		return nil, err
	}
	if ds.counts, err = db.Counts(ctx); err != nil {
		return nil, err
	}
	if err := db.DecryptedCopy(ctx, ds.pristine); err != nil {
		return nil, err
	}
	if err := copyFile(ds.pristine, ds.plain); err != nil {
		return nil, err
	}
	return ds, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}
