//go:build benchplain

// Command bench measures the encrypted store against plain SQLite on salons
// of three sizes made by the demo generator, and writes BENCHMARKS.md and
// bench/results.json. Run it with make bench.
//
// The plain database is a decrypted copy of the encrypted one, so both hold
// the same pages, and both are driven by the same store code and queries.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	sizes := flag.String("sizes", "S,M,L", "which salons to measure (S=1k, M=20k, L=100k clients)")
	dataDir := flag.String("data", "bench/data", "where generated salons are kept between runs")
	out := flag.String("out", ".", "where BENCHMARKS.md and bench/results.json go")
	flag.Parse()
	if err := run(context.Background(), strings.Split(*sizes, ","), *dataDir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, sizes []string, dataDir, out string) error {
	kdf := measureKDF() // first, before the salons fill this process's memory
	var all []result
	var notes []string
	var app []appFigure
	for _, name := range sizes {
		sz, ok := sizeByName[strings.TrimSpace(name)]
		if !ok {
			return fmt.Errorf("unknown size %q", name)
		}
		ds, err := prepare(ctx, dataDir, sz)
		if err != nil {
			return err
		}
		rs, n, err := measure(ctx, ds)
		if err != nil {
			return err
		}
		all = append(all, rs...)
		notes = append(notes, n...)
		if sz.Name == "M" {
			if app, err = measureApp(ds.master); err != nil {
				return err
			}
		}
	}
	return writeReport(out, all, app, notes, kdf)
}
