# Kartoteka — make run opens the app, make test checks everything.
GO ?= go
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin

# Everything but the GUI main builds and tests without cgo or X11.
HEADLESS := CGO_ENABLED=0
PKGS := ./...

.PHONY: all deps build run try package package-windows screenshots test test-windows vet crossbuild gcstress race crash bench clean

all: build

deps:
	@scripts/deps.sh

# The CLI builds without cgo; the desktop app needs cgo and the X11/GL
# headers that deps installs, and is built with Fyne's no_animations tag
# (GUITAGS): the text cursor stays lit instead of fading in and out, since
# each fade redraws the whole window a dozen times a second, which kept
# the idle app at several percent of a core (scripts/idle-cpu.sh; the
# spinners of work under way still turn).
# It is also built with Fyne's idle patch (cmd/kartoteka/_idle/README.md):
# Fyne's main loop wakes 60 times a second even when nothing changes;
# patched, an idle window sleeps until an event or a queued function wakes
# it. scripts/fyne-idle.sh puts a patched copy of Fyne and a go.mod that
# points at it (GUIMOD) into bin/.
GUITAGS := no_animations
GUIMOD := bin/gui.mod
build:
	$(HEADLESS) $(GO) build -o bin/ ./cmd/kartoteka-cli
	scripts/fyne-idle.sh bin
	CGO_ENABLED=1 $(GO) build -tags $(GUITAGS) -modfile $(GUIMOD) -o bin/ ./cmd/kartoteka

run: deps build
	bin/kartoteka

# The package of the system make runs on, made by the fyne tool pinned in
# go.mod; like every fyne package run, it counts the build number in
# FyneApp.toml up. On Linux dist/Kartoteka.tar.xz, with a .desktop entry and
# icon; on a Mac dist/Kartoteka-VERSION-macos-ARCH.zip with Kartoteka.app
# (scripts/package-macos.sh: the app needs Apple's SDK, so only a Mac
# builds it).
package: build
ifeq ($(shell uname -s),Darwin)
	scripts/package-macos.sh
else
	mkdir -p dist
	$(GO) tool fyne package --os linux --executable bin/kartoteka --name Kartoteka --icon assets/icon.png
	mv Kartoteka.tar.xz dist/
endif

# The Windows package, cross-built with Debian's mingw on a copy of the
# sources (so FyneApp.toml's build number is left as it is):
# dist/Kartoteka-VERSION-windows-amd64.zip (Kartoteka.exe with its icon and
# version, kartoteka-cli.exe, READ-ME.txt) and the per-user .msi installer.
package-windows:
	scripts/package-windows.sh

# The real app under Xvfb on a demo salon: PNGs for the README; and one
# of the Windows build under Wine.
screenshots: build package-windows
	scripts/screenshots.sh
	scripts/screenshots-windows.sh

# A throwaway demo salon driven with the CLI, for a terminal-only look.
try: build
	@scripts/try.sh

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(HEADLESS) $(GO) vet -tags ci $(PKGS)
	$(HEADLESS) $(GO) vet -tags benchplain ./bench ./store
	@! $(HEADLESS) $(GO) list -tags ci -deps ./store/... ./privacy/... ./demo/... ./locale/... | grep -q '^fyne.io/' || { echo "store, privacy, demo or locale depends on Fyne"; exit 1; }
	@! $(HEADLESS) $(GO) list -tags ci -f '{{.ImportPath}}:{{range .Imports}} {{.}}{{end}}' ./... | grep -v '^kartoteka/store/internal/pagecrypt:\|^kartoteka/store/storetest/faultvfs:' | grep -q ' unsafe\b\| modernc.org/libc\b' || { echo "only store/internal/pagecrypt (and the test helper faultvfs) may import unsafe or modernc.org/libc"; exit 1; }
	$(MAKE) crossbuild

# Everything but the GUI main builds for Windows, and everything but the
# GUI (whose Fyne needs cgo on macOS) for macOS, tests included (vet
# compiles them); the CLI builds for both. make package-windows
# cross-builds the GUI for Windows; a Mac builds it (see README).
crossbuild:
	GOOS=windows GOARCH=amd64 $(HEADLESS) $(GO) vet -tags ci ./store/... ./privacy/... ./locale/... ./demo/... ./ui/... ./cmd/kartoteka-cli/ ./test/...
	GOOS=darwin GOARCH=arm64 $(HEADLESS) $(GO) vet -tags ci ./store/... ./privacy/... ./locale/... ./demo/... ./cmd/kartoteka-cli/
	GOOS=windows GOARCH=amd64 $(HEADLESS) $(GO) build -o /dev/null ./cmd/kartoteka-cli
	GOOS=darwin GOARCH=arm64 $(HEADLESS) $(GO) build -o /dev/null ./cmd/kartoteka-cli
	GOOS=darwin GOARCH=amd64 $(HEADLESS) $(GO) build -o /dev/null ./cmd/kartoteka-cli

test: deps vet
	$(HEADLESS) $(GO) test -tags ci -count=1 $(PKGS)
	$(MAKE) gcstress race build
	scripts/test-fyne-idle.sh

# The Windows build under Wine (minutes, not part of make test): the Go
# tests cross-compiled for Windows, the CLI's end-to-end walk and the
# desktop app's window, from the zip make package-windows writes. See
# test/windows/smoke.sh.
test-windows: package-windows
	test/windows/smoke.sh

# The VFS once handed SQLite a Go stack address; with a collection at every
# turn the CLI tests open enough connections to catch that kind of bug.
gcstress:
	GOGC=1 $(HEADLESS) $(GO) test -tags ci -count=1 ./store/internal/pagecrypt/ ./cmd/kartoteka-cli/

# The race detector needs cgo; it runs the store's concurrency-relevant
# tests, which are the ones that share connections between goroutines.
race:
	CGO_ENABLED=1 $(GO) test -race -tags ci -count=1 -short ./store/... ./privacy/ ./cmd/kartoteka-cli/ ./ui/...

# The long kill -9 loop: hundreds of writer processes killed at random.
crash:
	KARTOTEKA_CRASH_ROUNDS=$${ROUNDS:-300} $(HEADLESS) $(GO) test -count=1 -run '^TestCrashLoop$$' -v -timeout 2h ./store/
	PAGECRYPT_KILL_ROUNDS=$${ROUNDS:-300} $(HEADLESS) $(GO) test -count=1 -run '^TestKillLoop$$' -v -timeout 2h ./store/internal/pagecrypt/

# Generates S, M and L salons (kept in bench/data), measures encrypted
# against plain SQLite, cold and warm, interleaved at random, five times
# each, and the desktop app at M, and writes BENCHMARKS.md and
# bench/results.json. Run as root so cold runs can drop the OS page cache.
# A full run is long on a small machine (M alone about 20 minutes on two
# cores); BENCHFLAGS picks sizes and repetitions, e.g.
#   make bench BENCHFLAGS='-sizes M -reps 7'
# (go run -tags benchplain ./bench -h lists the flags).
bench:
	$(HEADLESS) $(GO) run -tags benchplain ./bench $(BENCHFLAGS)

clean:
	rm -rf bin dist bench/data
