// Command winetest reads the events of `go tool test2json` for a Go test
// binary that ran under Wine and says which tests passed, which failed, and
// which failed only because Wine 8 cannot remove their t.TempDir.
//
// Go's os.RemoveAll deletes through NtSetInformationFile with
// FileDispositionInformationEx, which Wine 8.0 does not implement (it
// answers "Invalid function", which Go does not take as a reason to fall
// back to an older way). So every test that uses t.TempDir fails in its
// cleanup under Wine, however well it went. winetest counts a failed test
// as passed when the only thing it printed is that cleanup error (and its
// failed subtests are counted so too); anything else it printed, even a
// log line, keeps it failed, and a file still open at cleanup (a leaked
// handle) fails with another error, which is never excused.
//
// Usage:
//
//	go tool test2json -p store wine64 store.test.exe -test.v=test2json | winetest
//
// It prints the failures in full and a summary, and exits 1 when a test
// failed or no test ran.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
)

// event is one line of test2json's output.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// wineCleanup is the one failure excused: t.TempDir's cleanup refused by
// Wine's missing FileDispositionInformationEx.
var wineCleanup = regexp.MustCompile(`^\s*testing\.go:\d+: TempDir RemoveAll cleanup: unlinkat .*: Invalid function\.\s*$`)

// noise is what test2json attributes to a test besides what it printed.
var noise = regexp.MustCompile(`^\s*(=== (RUN|PAUSE|CONT|NAME)|--- (PASS|FAIL|SKIP):)`)

// result is what one test did.
type result struct {
	action  string
	output  []string
	cleanup bool // printed the Wine cleanup error
	other   bool // printed anything else
}

func main() {
	os.Exit(run(os.Stdin, os.Stdout))
}

func run(in io.Reader, out io.Writer) int {
	tests := map[string]*result{}
	var order []string
	pkg := ""
	var pkgOutput []string
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			fmt.Fprintln(out, sc.Text()) // not test2json: Wine's own words
			continue
		}
		pkg = e.Package
		if e.Test == "" {
			if e.Action == "output" {
				pkgOutput = append(pkgOutput, e.Output)
			}
			continue
		}
		r := tests[e.Test]
		if r == nil {
			r = &result{}
			tests[e.Test] = r
			order = append(order, e.Test)
		}
		switch e.Action {
		case "output":
			r.output = append(r.output, e.Output)
			line := strings.TrimRight(e.Output, "\n")
			switch {
			case wineCleanup.MatchString(line):
				r.cleanup = true
			case noise.MatchString(line), strings.TrimSpace(line) == "":
			default:
				r.other = true
			}
		case "pass", "fail", "skip":
			r.action = e.Action
		}
	}
	passed, excused, skipped := 0, 0, 0
	var failed []string
	names := append([]string(nil), order...)
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) }) // subtests first
	ok := map[string]bool{}
	for _, name := range names {
		r := tests[name]
		switch r.action {
		case "pass":
			ok[name] = true
		case "skip":
			ok[name] = true
		case "fail":
			// A parent fails with its subtests, printing nothing itself.
			failedSub, subsOK := subtests(name, tests, ok)
			ok[name] = !r.other && (r.cleanup || failedSub) && subsOK
		}
	}
	for _, name := range order {
		r := tests[name]
		switch {
		case r.action == "skip":
			skipped++
		case r.action == "pass":
			passed++
		case r.action == "fail" && ok[name]:
			excused++
		case r.action == "fail":
			failed = append(failed, name)
		default:
			failed = append(failed, name+" (did not finish)")
		}
	}
	for _, name := range failed {
		fmt.Fprintf(out, "--- FAIL under Wine: %s\n", name)
		if r := tests[strings.TrimSuffix(name, " (did not finish)")]; r != nil {
			for _, line := range r.output {
				if !wineCleanup.MatchString(strings.TrimRight(line, "\n")) {
					fmt.Fprint(out, line)
				}
			}
		}
	}
	fmt.Fprintf(out, "%s under Wine: %d passed, %d passed but for Wine's TempDir cleanup, %d skipped, %d failed\n",
		pkg, passed, excused, skipped, len(failed))
	if len(failed) > 0 || passed+excused == 0 {
		if passed+excused == 0 {
			fmt.Fprint(out, strings.Join(pkgOutput, ""))
		}
		return 1
	}
	return 0
}

// subtests reports whether a subtest of name failed, and whether every
// one that failed is excused.
func subtests(name string, tests map[string]*result, ok map[string]bool) (failed, allOK bool) {
	allOK = true
	for sub, r := range tests {
		if strings.HasPrefix(sub, name+"/") && r.action == "fail" {
			failed = true
			allOK = allOK && ok[sub]
		}
	}
	return failed, allOK
}
