package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// events renders test2json lines: each is action, test, output.
func events(lines ...[3]string) string {
	var b strings.Builder
	for _, l := range lines {
		e, _ := json.Marshal(event{Action: l[0], Package: "store", Test: l[1], Output: l[2]})
		b.Write(e)
		b.WriteByte('\n')
	}
	return b.String()
}

const cleanup = "    testing.go:1464: TempDir RemoveAll cleanup: unlinkat C:\\users\\root\\Temp\\TestX1\\001\\salon.kartoteka: Invalid function.\n"

func TestRun(t *testing.T) {
	for _, c := range []struct {
		name, in string
		code     int
		summary  string
	}{
		{"a pass", events(
			[3]string{"run", "TestA", ""}, [3]string{"output", "TestA", "=== RUN   TestA\n"},
			[3]string{"pass", "TestA", ""}),
			0, "1 passed, 0 passed but for Wine's TempDir cleanup, 0 skipped, 0 failed"},
		{"only Wine's cleanup", events(
			[3]string{"output", "TestA", "=== RUN   TestA\n"}, [3]string{"output", "TestA", cleanup},
			[3]string{"output", "TestA", "--- FAIL: TestA (0.10s)\n"}, [3]string{"fail", "TestA", ""}),
			0, "0 passed, 1 passed but for Wine's TempDir cleanup"},
		{"a real failure too", events(
			[3]string{"output", "TestA", "    store_test.go:12: want 3, got 4\n"}, [3]string{"output", "TestA", cleanup},
			[3]string{"fail", "TestA", ""}),
			1, "1 failed"},
		{"a leaked handle", events(
			[3]string{"output", "TestA", "    testing.go:1464: TempDir RemoveAll cleanup: unlinkat C:\\x: The process cannot access the file because it is being used by another process.\n"},
			[3]string{"fail", "TestA", ""}),
			1, "1 failed"},
		{"subtests", events(
			[3]string{"output", "TestP/a", cleanup}, [3]string{"fail", "TestP/a", ""},
			[3]string{"pass", "TestP/b", ""},
			[3]string{"output", "TestP", "--- FAIL: TestP (0.2s)\n"}, [3]string{"fail", "TestP", ""}),
			0, "1 passed, 2 passed but for Wine's TempDir cleanup"},
		{"a failed subtest fails its parent", events(
			[3]string{"output", "TestP/a", "    x_test.go:1: no\n"}, [3]string{"fail", "TestP/a", ""},
			[3]string{"fail", "TestP", ""}),
			1, "2 failed"},
		{"a test that never ended", events([3]string{"run", "TestA", ""}, [3]string{"pass", "TestB", ""}),
			1, "1 failed"},
		{"nothing ran", "wine: could not load kernel32.dll\n", 1, "0 passed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			if code := run(strings.NewReader(c.in), &out); code != c.code {
				t.Errorf("exit %d, want %d; output:\n%s", code, c.code, out.String())
			}
			if !strings.Contains(out.String(), c.summary) {
				t.Errorf("output lacks %q:\n%s", c.summary, out.String())
			}
		})
	}
}
