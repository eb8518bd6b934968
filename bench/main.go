//go:build benchplain

// Command bench measures the encrypted store against plain SQLite on salons
// of three sizes made by the demo generator, and the desktop app at the
// middle size, and writes BENCHMARKS.md and bench/results.json. Run it with
// make bench; BENCHFLAGS passes flags:
//
//	make bench BENCHFLAGS='-sizes M -reps 7'
//
// # How it measures
//
// The plain database is a decrypted copy of the encrypted one, so both hold
// the same pages, and both are driven by the same store code and queries,
// opened as the app opens a salon (store.Options' zero value: a 32 MiB page
// cache per connection, four readers), with nothing read ahead.
//
// Every store figure runs -reps times on each side, the encrypted and plain
// runs of each repetition in a random order. A run is cold, the first pass
// on a freshly opened database with the OS page cache dropped (when the
// bench runs as root on Linux), then warm, the same pass again on the same
// open database. The report gives medians over the repetitions with their
// range, and the ratio of the encrypted median to the plain one.
//
// At M it also times the key derivation the app calibrates, and runs the
// package ui benchmarks (unlock with that derivation, first paint, search
// keystroke, resident memory) in a process per repetition, and
// scripts/idle-cpu.sh for the idle CPU of the real app under Xvfb when the
// script and Xvfb are there.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"time"
)

func main() {
	sizes := flag.String("sizes", "S,M,L", "which salons to measure (S=1k, M=20k, L=100k clients)")
	reps := flag.Int("reps", 5, "repetitions of every figure on each side; a published run needs at least 5")
	seed := flag.Uint64("seed", 0, "seed of the order of encrypted and plain runs; 0 draws one (the report names it)")
	app := flag.Bool("app", true, "measure the desktop app at M (key derivation, unlock, memory, keystroke, idle CPU)")
	idle := flag.Duration("idle", 60*time.Second, "how long scripts/idle-cpu.sh leaves the app alone; 0 skips it")
	dataDir := flag.String("data", "bench/data", "where generated salons are kept between runs")
	out := flag.String("out", ".", "where BENCHMARKS.md and bench/results.json go")
	only := flag.String("figures", "", "measure only these store figures, comma-separated (erasure_proof needs forget_200_bookings); for iterating, not for a published run")
	flag.Parse()
	if *reps < 1 {
		fmt.Fprintln(os.Stderr, "bench: -reps must be at least 1")
		os.Exit(2)
	}
	if *seed == 0 {
		*seed = rand.Uint64()
	}
	b := &bench{ctx: context.Background(), reps: *reps, rng: rand.New(rand.NewPCG(*seed, *seed)), only: *only}
	if err := b.run(strings.Split(*sizes, ","), *seed, *app, *idle, *dataDir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func (b *bench) run(sizes []string, seed uint64, app bool, idle time.Duration, dataDir, out string) error {
	started := time.Now()
	if err := dropOSCache(); err != nil {
		b.dropWhy = err.Error()
		fmt.Fprintf(os.Stderr, "bench: cold runs keep the OS page cache: %v\n", err)
	} else {
		b.dropOS = true
	}
	load := loadAverage()
	r := &report{Date: today(), Machine: machine(), Go: runtime.Version(), Revision: revision(), Reps: b.reps, Seed: seed,
		DropOS: b.dropOS, DropWhy: b.dropWhy}
	// First, before the salons fill this process's memory.
	r.KDF = measureKDF(b.reps)
	for _, name := range sizes {
		sz, ok := sizeByName[strings.TrimSpace(name)]
		if !ok {
			return fmt.Errorf("unknown size %q", name)
		}
		ds, err := prepare(b.ctx, dataDir, sz)
		if err != nil {
			return err
		}
		rs, notes, err := b.measure(ds)
		if err != nil {
			return err
		}
		r.Store = append(r.Store, rs...)
		r.Notes = append(r.Notes, notes...)
		if sz.Name == "M" && app {
			started := time.Now()
			figs, err := b.measureApp(ds, r.KDF, idle)
			if err != nil {
				return err
			}
			r.App = figs
			r.Notes = append(r.Notes, fmt.Sprintf("M: the desktop app's figures took %.0f s", time.Since(started).Seconds()))
		}
	}
	r.CPUID = b.cpuid
	r.Load = fmt.Sprintf("%s at the start, %s at the end", load, loadAverage())
	r.Notes = append(r.Notes, fmt.Sprintf("The whole run (sizes %s) took %.1f min", strings.Join(sizes, ", "), time.Since(started).Minutes()))
	return writeReport(out, r)
}
