#!/usr/bin/env bash
# scripts/idle-cpu.sh SALON PASSPHRASE SECONDS [lock]
#
# How much the idle app costs: bin/kartoteka is started under a fresh Xvfb
# on a copy of SALON, unlocked with PASSPHRASE (typed with xdotool), left
# to settle, then left alone for SECONDS while the CPU time it spends and
# the context switches of its threads are counted from /proc. Prints on
# stdout
#
#   idle_cpu_percent=N.NN        CPU time (user+system, all threads) over
#                                wall time, in percent of one core
#   context_switches_per_s=N     voluntary+involuntary, all threads
#
# and the details on stderr. With a 4th argument "lock" (or IDLE_SCREEN=lock)
# the passphrase is not typed: the unlock screen is measured.
#
# The app runs on a copy of SALON in a temporary data folder with fresh
# preferences (Fyne's defaults, the app's default window size), so the
# salon given is never touched and earlier runs change nothing; only the
# weekly deep check is marked done an hour ago, as it is on all but one day
# of a week: its one read of the whole file, a minute after unlock, is not
# what the app costs while it waits. Everything
# started is stopped on exit, failure included. Needs bin/kartoteka
# (make build), Xvfb and xdotool (installed when missing, as
# scripts/screenshots.sh does). Exit status 1 when the app did not start
# or did not unlock, 2 on bad usage.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: scripts/idle-cpu.sh SALON PASSPHRASE SECONDS [lock]" >&2; exit 2; }
if [ $# -lt 3 ] || [ $# -gt 4 ]; then usage; fi
salon=$1 passphrase=$2 seconds=$3 screen=${4:-${IDLE_SCREEN:-unlocked}}
[[ $seconds =~ ^[1-9][0-9]*$ ]] || usage
case $screen in lock | locked) screen=lock ;; unlock | unlocked) screen=unlocked ;; *) usage ;; esac
[ -f "$salon" ] || { echo "idle-cpu: no salon file $salon" >&2; exit 2; }
[ -x bin/kartoteka ] || { echo "idle-cpu: no bin/kartoteka: run make build first" >&2; exit 1; }
settle=${IDLE_SETTLE:-5} # seconds left to the app after unlocking, before counting
# make build passes Fyne's no_animations tag (see the Makefile): a binary
# built without it measures the blinking cursor's redraws too.
if command -v go >/dev/null && ! go version -m bin/kartoteka 2>/dev/null | grep -q 'tags=.*no_animations'; then
  echo "idle-cpu: note: bin/kartoteka was not built by make build (no -tags no_animations)" >&2
fi

need=()
for p in xvfb xdotool; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >&2
fi

work=$(mktemp -d)
xvfb="" app="" nap=""
cleanup() {
  set +e
  for pid in $nap $app $xvfb; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
fail() { echo "idle-cpu: $*" >&2; exit 1; }

# A display of our own: Xvfb picks a free number and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 1024x600x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start"
DISPLAY=":$(head -1 "$work/display")"
export DISPLAY

# The app finds its salon in $XDG_DATA_HOME/kartoteka/salon.kartoteka.
mkdir -p "$work/data/kartoteka" "$work/config/fyne/app.kartoteka.desktop"
printf '{"check.last": "%s"}\n' "$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)" \
  >"$work/config/fyne/app.kartoteka.desktop/preferences.json"
for f in "$salon" "$salon-wal" "$salon-journal"; do
  [ -f "$f" ] && cp "$f" "$work/data/kartoteka/salon.kartoteka${f#"$salon"}"
done
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" HOME="$work" LANG=C.UTF-8
bin/kartoteka >"$work/app.log" 2>&1 &
app=$!

# windowname is the title of the app's window ("Kartoteka" while locked,
# the salon's name added once unlocked); empty until it shows.
windowname() {
  local id
  id=$(xdotool search --onlyvisible --pid "$app" 2>/dev/null | head -1) || true
  if [ -n "$id" ]; then xdotool getwindowname "$id" 2>/dev/null || true; fi
}
for _ in $(seq 100); do
  kill -0 "$app" 2>/dev/null || { cat "$work/app.log" >&2; fail "the app exited"; }
  [ -n "$(windowname)" ] && break
  sleep 0.1
done
[ -n "$(windowname)" ] || fail "no window from the app"
# There is no window manager: the window is given the keyboard as one
# would give it, and the pointer is parked off it (no hover left showing).
xdotool windowfocus "$(xdotool search --onlyvisible --pid "$app" | head -1)" 2>/dev/null || true
xdotool mousemove 1023 599
sleep 2 # the unlock screen builds and takes the keyboard

if [ "$screen" = unlocked ]; then
  xdotool type --delay 20 -- "$passphrase"
  xdotool key Return
  for _ in $(seq 300); do # key derivation takes a second or so
    name=$(windowname)
    [ -n "$name" ] && [ "$name" != Kartoteka ] && break
    sleep 0.1
  done
  [ "$name" != Kartoteka ] || fail "the salon did not unlock (wrong passphrase?)"
  echo "idle-cpu: unlocked: $name" >&2
fi
sleep "$settle"

clk=$(getconf CLK_TCK)
# cputicks is utime+stime of the whole process (fields 14 and 15; the
# command name in field 2 may hold spaces, so count after its ')').
cputicks() { sed 's/.*) //' "/proc/$app/stat" | awk '{print $12 + $13}'; }
# switches sums the context switches of every thread: /proc/PID/status
# alone counts only the main thread, and Go runs its work on several.
switches() {
  cat /proc/"$app"/task/*/status 2>/dev/null |
    awk '/^(non)?voluntary_ctxt_switches:/ {n += $2} END {print n + 0}'
}
mainswitches() { awk '/^(non)?voluntary_ctxt_switches:/ {n += $2} END {print n + 0}' "/proc/$app/status"; }
kill -0 "$app" 2>/dev/null || fail "the app exited"
t0=$(date +%s.%N) c0=$(cputicks) s0=$(switches) m0=$(mainswitches)
sleep "$seconds" & nap=$!
wait $nap # (a signal ends the wait, where it would wait for a sleep to end)
kill -0 "$app" 2>/dev/null || fail "the app exited while measured"
t1=$(date +%s.%N) c1=$(cputicks) s1=$(switches) m1=$(mainswitches)
threads=$(find "/proc/$app/task" -mindepth 1 -maxdepth 1 | wc -l)

awk -v t0="$t0" -v t1="$t1" -v c0="$c0" -v c1="$c1" -v s0="$s0" -v s1="$s1" -v clk="$clk" 'BEGIN {
  wall = t1 - t0
  printf "idle_cpu_percent=%.2f\n", 100 * (c1 - c0) / clk / wall
  printf "context_switches_per_s=%d\n", (s1 - s0) / wall + 0.5
}'
echo "idle-cpu: $screen screen, $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}') s, $((c1 - c0)) ticks of 1/$clk s, $((s1 - s0)) switches ($((m1 - m0)) of them the main thread's), $threads threads" >&2
