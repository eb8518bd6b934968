#!/usr/bin/env bash
# scripts/test-fyne-idle.sh
#
# Runs Fyne's own GLFW driver and animation tests, with Kartoteka's tests of
# the idle patch beside them (cmd/kartoteka/_idle), on the patched copy
# scripts/fyne-idle.sh prepares, in a real window under Xvfb.
# TestMenuBar is skipped: its screenshot comparison fails here with
# upstream Fyne as well (different font rendering under Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh xvfb
scripts/fyne-idle.sh bin
cp cmd/kartoteka/_idle/glfw_idle_test.go bin/fyne-idle/internal/driver/glfw/
for n in $(seq 90 120); do [ -e /tmp/.X$n-lock ] || break; done
Xvfb :$n -screen 0 1024x768x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
sleep 1
# Ours first, strictly; then Fyne's own suite on the patched loop, which
# gets three tries: its window tests can flake under Xvfb, with or without
# the patch (a different one each time, more often on a busy machine:
# TestWindow_TappedSecondary, TestGlCanvas_ResizeWithOverlays).
run() { DISPLAY=:$n CGO_ENABLED=1 go test -modfile bin/gui.mod -count=1 "$@"; }
run -run 'TestIdle' fyne.io/fyne/v2/internal/driver/glfw
fyne=(-skip 'TestMenuBar$' fyne.io/fyne/v2/internal/driver/glfw fyne.io/fyne/v2/internal/animation)
for try in 1 2 3; do
  run "${fyne[@]}" && break
  [ "$try" = 3 ] && exit 1
  echo "test-fyne-idle: Fyne's suite failed; once more" >&2
done
