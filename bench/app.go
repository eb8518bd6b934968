//go:build benchplain

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// appFigure is one of the desktop app's figures at M, from the Go
// benchmarks of package ui run on the bench's own salon.
type appFigure struct {
	Name   string  `json:"name"`
	Median float64 `json:"median_ms"`
	P99    float64 `json:"p99_ms"`
	Filled float64 `json:"filled_ms,omitempty"`
	Paint  float64 `json:"paint_ms,omitempty"`
	Target float64 `json:"target_ms"`
}

// appBenchmarks are the ui benchmarks make bench runs, with their targets.
var appBenchmarks = []struct {
	bench, name string
	target      float64
}{
	{"BenchmarkUnlockToPaint/clients", "unlock_to_paint (clients)", 300},
	{"BenchmarkUnlockToPaint/calendar-week", "unlock_to_paint (calendar week)", 300},
	{"BenchmarkSearchKeystroke", "search_keystroke", 16},
}

// measureApp runs the desktop app's benchmarks (package ui, in Fyne's test
// driver) on the salon at path. They run in a child `go test`: the app's
// code is driven by Fyne's test package, which belongs in tests.
func measureApp(path string) ([]appFigure, error) {
	fmt.Fprintln(os.Stderr, "bench: measuring the desktop app at M")
	path, err := filepath.Abs(path) // go test runs in the package's folder
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("go", "test", "-tags", "ci", "-count=1", "-run", "^$",
		"-bench", "^(BenchmarkUnlockToPaint|BenchmarkSearchKeystroke)$", "-benchtime", "25x", "./ui/")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "KARTOTEKA_BENCH_SALON="+path, "KARTOTEKA_BENCH_PASSPHRASE="+benchPass,
		"KARTOTEKA_BENCH_NOW="+benchNow.Format(time.RFC3339))
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("ui benchmarks: %v: %s%s", err, out.String(), stderr.String())
	}
	metrics := parseBenchmarks(out.String())
	var figs []appFigure
	for _, b := range appBenchmarks {
		m, ok := metrics[b.bench]
		if !ok {
			return nil, fmt.Errorf("ui benchmarks: no %s in\n%s", b.bench, out.String())
		}
		figs = append(figs, appFigure{Name: b.name, Median: m["median-ms"], P99: m["p99-ms"],
			Filled: m["filled-ms"], Paint: m["paint-ms"], Target: b.target})
	}
	return figs, nil
}

// parseBenchmarks reads `go test -bench` output into benchmark name (less
// the -N of GOMAXPROCS) → unit → value.
func parseBenchmarks(out string) map[string]map[string]float64 {
	all := map[string]map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := f[0]
		if i := strings.LastIndex(name, "-"); i > 0 {
			name = name[:i]
		}
		m := map[string]float64{}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				m[f[i+1]] = v
			}
		}
		all[name] = m
	}
	return all
}

// appTable is the desktop app's part of BENCHMARKS.md.
func appTable(figs []appFigure) string {
	var b strings.Builder
	b.WriteString("\n## Desktop app, M\n\n")
	b.WriteString("The app's own paths against the real encrypted M salon, in Fyne's test driver (`go test -bench` in `ui/`, 25 runs each). ")
	b.WriteString("Unlock to paint starts once the key is derived (these salons use store.CheapKDF, well under a millisecond) and ends when the first section is filled, the status line has its counts, and the window is painted once with Fyne's software painter, which is slower than the GPU the app draws with. ")
	b.WriteString("A keystroke is the search and the list's update on the UI goroutine, the 80 ms typing pause not counted. ")
	b.WriteString("There is no plain-SQLite column: the app opens encrypted salons only; the store's figures above carry the ratios.\n\n")
	b.WriteString("| figure | median | p99 | of which filled / painted | target |\n| --- | ---: | ---: | --- | --- |\n")
	for _, f := range figs {
		split := ""
		if f.Paint > 0 {
			split = fmt.Sprintf("%.1f / %.1f", f.Filled, f.Paint)
		}
		verdict := "✓"
		if f.Median > f.Target {
			verdict = "✗"
		}
		fmt.Fprintf(&b, "| %s | %.1f | %.1f | %s | median ≤ %.0f ms %s |\n", f.Name, f.Median, f.P99, split, f.Target, verdict)
	}
	return b.String()
}
