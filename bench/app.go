//go:build benchplain

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"kartoteka/store"
)

// appFigure is one of the desktop app's figures at M: one value per
// repetition, each from a process of its own.
type appFigure struct {
	Name   string  `json:"name"`
	Unit   string  `json:"unit"`
	Value  *spread `json:"value,omitempty"`
	Limit  float64 `json:"limit,omitempty"` // the median must stay below or at it; 0: no target
	Below  bool    `json:"strictly_below,omitempty"`
	Target string  `json:"target,omitempty"`
	Pass   *bool   `json:"pass,omitempty"`
	Note   string  `json:"note,omitempty"` // why it was not measured, or how
}

func (f *appFigure) judge() {
	if f.Limit == 0 || f.Value == nil {
		return
	}
	op := "≤"
	ok := f.Value.Median <= f.Limit
	if f.Below {
		op, ok = "<", f.Value.Median < f.Limit
	}
	f.Target = op + " " + fmtLimit(f.Limit, f.Unit)
	f.Pass = &ok
}

// uiBenchmarks are the package ui benchmarks each repetition runs, each
// in a process of its own: the unlock alone, so that the memory it reports
// is the app's right after unlocking; enough keystrokes for a p99.
var uiBenchmarks = []struct {
	pattern, times string
	realKDF        bool // on the salon with the app's calibrated key derivation
}{
	{"^BenchmarkUnlock$", "5x", true},
	{"^BenchmarkUnlockToPaint$", "10x", false},
	{"^BenchmarkSearchKeystroke$", "200x", false},
}

// measureApp measures the desktop app on the M salon: the package ui
// benchmarks (the app's own code in Fyne's test driver, against the real
// encrypted store) and the idle CPU of the real app under Xvfb.
func (b *bench) measureApp(ds *dataset, kdf kdfFigure, idle time.Duration) ([]appFigure, error) {
	fmt.Fprintln(os.Stderr, "bench: measuring the desktop app at M")
	ctx := b.ctx
	dir, err := filepath.Abs(filepath.Join(ds.work, "app"))
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	master, err := filepath.Abs(ds.master)
	if err != nil {
		return nil, err
	}
	// The unlock salon: the M salon with its passphrase protected as the
	// app would protect it on this machine (the parameters timed above).
	unlockSalon := filepath.Join(dir, "unlock.kartoteka")
	if err := copyFile(master, unlockSalon); err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, unlockSalon, benchPass, store.Options{KDF: kdf.Params})
	if err != nil {
		return nil, err
	}
	err = db.ChangePassphrase(ctx, benchPass)
	got := db.KDF()
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if got != kdf.Params {
		return nil, fmt.Errorf("the unlock salon's key derivation is %+v, not the calibrated %+v", got, kdf.Params)
	}

	bin := filepath.Join(dir, "ui.test")
	build := exec.Command("go", "test", "-c", "-tags", "ci", "-o", bin, "./ui/")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("build the ui benchmarks: %v: %s", err, out)
	}
	runs := map[string][]float64{}
	var cpuid string
	for rep := range b.reps {
		fmt.Fprintf(os.Stderr, "  app repetition %d/%d\n", rep+1, b.reps)
		for _, ub := range uiBenchmarks {
			salon := master
			if ub.realKDF {
				salon = unlockSalon
			}
			// The first unlock in the process is the app's first:
			// a new process, and the OS page cache dropped when it can be.
			if err := b.cold(); err != nil {
				return nil, err
			}
			m, brand, err := runUIBenchmarks(bin, ub.pattern, ub.times, salon)
			if err != nil {
				return nil, err
			}
			cpuid = brand
			for name, units := range m {
				for unit, v := range units {
					runs[name+" "+unit] = append(runs[name+" "+unit], v)
				}
			}
		}
	}
	get := func(key string) *spread {
		return spreadOf(runs[key])
	}
	kdfName := fmt.Sprintf("key derivation alone (Argon2id t=%d, m=%d MiB, p=%d)", kdf.Params.Time, kdf.Params.MemoryKiB>>10, kdf.Params.Threads)
	figs := []appFigure{
		{Name: kdfName + ", fresh memory (cold)", Unit: "ms", Value: kdf.Cold},
		{Name: kdfName + ", repeated (warm)", Unit: "ms", Value: kdf.Warm},
		{Name: "unlock: key derivation + open + first paint, first in a new process (cold)", Unit: "ms", Value: get("BenchmarkUnlock first-ms")},
		{Name: "unlock: the same, later in that process (warm)", Unit: "ms", Value: get("BenchmarkUnlock later-ms")},
		{Name: "open to first paint, client list (key derivation left out)", Unit: "ms", Value: get("BenchmarkUnlockToPaint/clients median-ms"), Limit: 300},
		{Name: "open to first paint, calendar week (key derivation left out)", Unit: "ms", Value: get("BenchmarkUnlockToPaint/calendar-week median-ms"), Limit: 300},
		{Name: "search keystroke, median", Unit: "ms", Value: get("BenchmarkSearchKeystroke median-ms")},
		{Name: "search keystroke, p99", Unit: "ms", Value: get("BenchmarkSearchKeystroke p99-ms"), Limit: 16},
		{Name: "resident memory (VmRSS) right after the first unlock", Unit: "MiB", Value: get("BenchmarkUnlock rss-MiB")},
		{Name: "peak resident memory (VmHWM) by then", Unit: "MiB", Value: get("BenchmarkUnlock hwm-MiB")},
	}
	if p := get("BenchmarkUnlock kdf-passes"); p == nil || p.Min != float64(kdf.Params.Time) || p.Max != p.Min {
		return nil, fmt.Errorf("the unlock benchmark did not derive with the calibrated %d passes: %+v", kdf.Params.Time, p)
	}
	b.cpuid = cpuid
	figs = append(figs, b.idleCPU(dir, unlockSalon, idle))
	return figs, nil
}

// runUIBenchmarks runs the ui test binary's benchmarks matching pattern on
// salon, in the package's folder as go test would.
// It returns the results and the CPU's brand as go test prints it.
func runUIBenchmarks(bin, pattern, times, salon string) (map[string]map[string]float64, string, error) {
	cmd := exec.Command(bin, "-test.run", "^$", "-test.bench", pattern, "-test.benchtime", times)
	cmd.Dir = "ui"
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "KARTOTEKA_BENCH_SALON="+salon, "KARTOTEKA_BENCH_PASSPHRASE="+benchPass,
		"KARTOTEKA_BENCH_NOW="+benchNow.Format(time.RFC3339))
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, "", fmt.Errorf("ui benchmarks %s: %v: %s%s", pattern, err, out.String(), stderr.String())
	}
	m := parseBenchmarks(out.String())
	if len(m) == 0 {
		return nil, "", fmt.Errorf("ui benchmarks %s: no results in\n%s", pattern, out.String())
	}
	var brand string
	for _, l := range strings.Split(out.String(), "\n") {
		if v, ok := strings.CutPrefix(l, "cpu: "); ok {
			brand = strings.TrimSpace(v)
		}
	}
	return m, brand, nil
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
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
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

// idleScript is another engineer's: it starts bin/kartoteka under Xvfb on
// SALON, unlocks it with PASSPHRASE, leaves it alone for SECONDS and prints
// idle_cpu_percent=N.NN.
const idleScript = "scripts/idle-cpu.sh"

// idleCPU runs idleScript on a copy of salon, when it and Xvfb are here.
// It never fails the run: a figure that could not be had says why.
func (b *bench) idleCPU(dir, salon string, d time.Duration) appFigure {
	f := appFigure{Name: "idle CPU of the real app under Xvfb, unlocked at M", Unit: "%", Limit: 1, Below: true}
	skip := func(why string) appFigure {
		f.Note = "not measured: " + why
		f.Target = "< 1 %"
		return f
	}
	if d <= 0 {
		return skip("-idle 0")
	}
	if _, err := os.Stat(idleScript); err != nil {
		return skip(idleScript + " is not in this tree")
	}
	if _, err := exec.LookPath("Xvfb"); err != nil {
		return skip("Xvfb is not installed (make deps)")
	}
	fmt.Fprintf(os.Stderr, "bench: idle CPU of the app for %.0f s\n", d.Seconds())
	// As make build builds it: with Fyne's no_animations tag and idle patch
	// (see the Makefile).
	build := exec.Command("make", "build")
	if out, err := build.CombinedOutput(); err != nil {
		return skip(fmt.Sprintf("bin/kartoteka did not build: %v: %s", err, strings.TrimSpace(string(out))))
	}
	copied := filepath.Join(dir, "idle.kartoteka")
	if err := copyFile(salon, copied); err != nil {
		return skip(err.Error())
	}
	defer os.Remove(copied)
	ctx, cancel := context.WithTimeout(b.ctx, d+3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, idleScript, copied, benchPass, strconv.Itoa(int(d.Seconds())))
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return skip(fmt.Sprintf("%s: %v: %s", idleScript, err, strings.TrimSpace(stderr.String())))
	}
	var extra []string
	for _, l := range strings.Split(out.String(), "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(l), "=")
		if !ok {
			continue
		}
		if k == "idle_cpu_percent" {
			pct, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return skip(fmt.Sprintf("%s printed %q", idleScript, l))
			}
			f.Value = spreadOf([]float64{pct})
		} else {
			extra = append(extra, l)
		}
	}
	if f.Value == nil {
		return skip(fmt.Sprintf("%s printed no idle_cpu_percent: %q", idleScript, out.String()))
	}
	f.Note = strings.Join(append([]string{fmt.Sprintf("one run of %.0f s", d.Seconds())}, extra...), "; ")
	return f
}

// appTable is the desktop app's part of BENCHMARKS.md.
func appTable(r *report) string {
	var b strings.Builder
	b.WriteString("\n## Desktop app, M\n\n")
	fmt.Fprintf(&b, "The app's own code against the real encrypted M salon in Fyne's test driver (`go test -bench` in `ui/`; repetitions: %d, each in new processes: 5 unlocks, 10 opens to first paint, 200 keystrokes), with the software painter, slower than the GPU the app draws with. ", r.Reps)
	b.WriteString("An unlock runs from the tap on Unlock to the client list filled, the status line counted and the window painted once. ")
	b.WriteString("The unlock figures use a copy of the M salon whose passphrase has the key derivation calibrated above; the first unlock of a process is its first key derivation too, in a new process whose salon copy was just written (so in the OS page cache), and the resident memory is that process's right after it (Fyne's test driver, not the GL window). ")
	b.WriteString("Open to first paint is the same path on the bench salons' store.CheapKDF, so unlock ≈ key derivation + open to first paint; in the test process the derivation usually meets freshly mapped memory, as in the app, so compare with the cold derivation. ")
	b.WriteString("A keystroke is the search and the list's update on the UI goroutine, typed into the Clients screen as unlock leaves it (the full list, its first page read), the typing pause not counted. ")
	b.WriteString("There is no plain column: the app opens encrypted salons only.\n\n")
	b.WriteString("| figure | median (range) | target | pass |\n| --- | ---: | --- | --- |\n")
	for _, f := range r.App {
		val := fmtSpread(f.Value, f.Unit)
		if f.Note != "" {
			val = strings.TrimPrefix(val+"; ", "—; ") + f.Note
		}
		verdict := ""
		if f.Pass != nil {
			verdict = mark(*f.Pass)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", f.Name, val, f.Target, verdict)
	}
	return b.String()
}

// cliSearchRSS runs the real CLI on a salon under /usr/bin/time and returns
// its peak memory in MB. (The rusage of a child started from this process
// would count this process's own memory, copied at fork.)
func cliSearchRSS(db, query string) (float64, error) {
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		return 0, fmt.Errorf("/usr/bin/time is not installed (apt-get install time)")
	}
	dir, err := os.MkdirTemp("", "kartoteka-bench")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "kartoteka-cli")
	build := exec.Command("go", "build", "-o", bin, "./cmd/kartoteka-cli")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("build CLI: %v: %s", err, out)
	}
	pass := filepath.Join(dir, "pass")
	if err := os.WriteFile(pass, []byte(benchPass+"\n"), 0o600); err != nil {
		return 0, err
	}
	cmd := exec.Command("/usr/bin/time", "-f", "%M", bin, "--db", db, "--passphrase-file", pass, "client", "list", "--search", query)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("CLI: %v: %s", err, stderr.String())
	}
	lines := strings.Fields(stderr.String())
	var kb float64
	if len(lines) == 0 {
		return 0, fmt.Errorf("no figure from /usr/bin/time")
	}
	if _, err := fmt.Sscanf(lines[len(lines)-1], "%g", &kb); err != nil {
		return 0, fmt.Errorf("no figure from /usr/bin/time: %q", stderr.String())
	}
	return kb / 1024, nil
}
