package ui

import (
	"bufio"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kartoteka/store"
)

// BenchmarkUnlock measures an unlock as the owner meets it at M: from the
// tap on Unlock, through the key derivation with the parameters the app
// gives a salon on this machine, opening the database and filling the
// first screen (the client list and the status line's counts), to the
// window painted once. A salon whose key derivation is weaker (the bench
// salons' store.CheapKDF) is first strengthened as the app would, untimed.
//
// Besides the median and p99 of every unlock it reports the first unlock
// of the process apart (first-ms: the process's first key derivation, its
// first connections, a cold heap) from the later ones (later-ms), and the
// process's resident memory right after the first unlock, from
// /proc/self/status on Linux (rss-MiB, and the peak so far, hwm-MiB), and
// the key derivation's passes and memory (kdf-passes, kdf-MiB). make bench
// runs it in a new process for each repetition.
func BenchmarkUnlock(b *testing.B) {
	path, pass := benchSalon(b)
	kdf := benchStrengthen(b, path, pass)
	var samples []time.Duration
	var rss, hwm float64
	for b.Loop() {
		b.StopTimer()
		h := newHarnessAt(b, path, path+".demo")
		h.u.cfg.Clock = benchClock()
		h.u.win.Resize(fyne.NewSize(1100, 720))
		h.u.Start()
		s := screenOf[*unlockScreen](h, "the unlock screen")
		test.Type(s.pass, pass)
		b.StartTimer()
		start := time.Now()
		test.Tap(s.unlock)
		sh := screenOf[*shellScreen](h, "the main window")
		h.waitFor("the client list filled", func() bool { return sh.clients != nil && len(sh.clients.rows) > 0 && !sh.status.Busy() })
		h.u.win.Canvas().Capture()
		samples = append(samples, time.Since(start))
		b.StopTimer()
		if len(samples) == 1 {
			rss, hwm = residentMiB("VmRSS"), residentMiB("VmHWM")
		}
		h.stop()
		b.StartTimer()
	}
	b.ReportMetric(float64(samples[0])/float64(time.Millisecond), "first-ms")
	if len(samples) > 1 {
		b.ReportMetric(median(append([]time.Duration(nil), samples[1:]...)), "later-ms")
	}
	if rss > 0 {
		b.ReportMetric(rss, "rss-MiB")
		b.ReportMetric(hwm, "hwm-MiB")
	}
	b.ReportMetric(float64(kdf.Time), "kdf-passes")
	b.ReportMetric(float64(kdf.MemoryKiB>>10), "kdf-MiB")
	reportSpread(b, samples)
}

// benchStrengthen gives the salon at path the app's key derivation when it has
// a weaker one, and returns the one it has.
func benchStrengthen(b *testing.B, path, pass string) store.KDFParams {
	b.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path, pass, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if db.WeakKDF() {
		if err := db.StrengthenKDF(ctx, pass); err != nil {
			b.Fatal(err)
		}
	}
	kdf := db.KDF()
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	return kdf
}

// residentMiB is a field of /proc/self/status (VmRSS, VmHWM) in MiB; 0
// where there is no such file.
func residentMiB(field string) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if !ok || name != field {
			continue
		}
		kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 64)
		if err != nil {
			return 0
		}
		return kb / 1024
	}
	return 0
}
