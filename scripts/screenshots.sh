#!/usr/bin/env bash
# make screenshots: the real app under Xvfb, driven with xdotool on a demo
# salon, photographed in English and Polish into docs/screenshots/: first
# run, unlock, clients, a client card, services, the calendar's day and week,
# privacy (retention), and the first pages of a sample export.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for p in xvfb xdotool imagemagick poppler-utils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi
out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
export DISPLAY=$display
sleep 1

shot() { sleep "${2:-2}"; import -window root -crop 1100x720+0+0 "$out/$1.png"; echo "  $out/$1.png"; }

for lang in en pl; do
  home="$work/$lang"
  mkdir -p "$home/data/kartoteka" "$home/config"
  export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" LANGUAGE="$lang" LANG=C.UTF-8
  # First run: an empty data folder.
  bin/kartoteka >/dev/null 2>&1 & app=$!
  shot "firstrun-$lang" 4
  kill $app 2>/dev/null || true; wait $app 2>/dev/null || true
  # A demo salon made with the CLI (cheap key derivation: screenshots only).
  printf 'screenshot passphrase\n' > "$work/pass"
  KARTOTEKA_KDF=cheap bin/kartoteka-cli --db "$home/data/kartoteka/salon.kartoteka" --passphrase-file "$work/pass" \
    init --salon "Salon Róża" --country PL >/dev/null 2>&1
  bin/kartoteka-cli --db "$home/data/kartoteka/salon.kartoteka" --passphrase-file "$work/pass" \
    demo --clients 1500 >/dev/null 2>&1
  # Retention on, run once already: the privacy screen shows a policy, who
  # falls due soon and a run in its history (and the app's timer waits).
  bin/kartoteka-cli --db "$home/data/kartoteka/salon.kartoteka" --passphrase-file "$work/pass" \
    retention set --policy last_visit --months 24 >/dev/null 2>&1
  bin/kartoteka-cli --db "$home/data/kartoteka/salon.kartoteka" --passphrase-file "$work/pass" \
    retention run >/dev/null 2>&1
  bin/kartoteka >/dev/null 2>&1 & app=$!
  shot "unlock-$lang" 4
  xdotool type --delay 20 "screenshot passphrase"; xdotool key Return
  shot "clients-$lang" 4
  xdotool mousemove 400 240 click 1
  shot "client-card-$lang" 3
  xdotool mousemove 80 143 click 1
  shot "services-$lang" 3
  # The calendar: today with a tap on the first column at 11:00 (a
  # booking, or the form for a new one), then the week (W).
  xdotool mousemove 80 65 click 1
  sleep 2
  xdotool mousemove 340 322 click 1
  shot "calendar-day-$lang" 2
  xdotool key Escape w
  shot "calendar-week-$lang" 2
  xdotool mousemove 80 182 click 1
  shot "privacy-$lang" 3
  kill $app 2>/dev/null || true; wait $app 2>/dev/null || true
  # A sample export (GDPR Art. 15) of the regular with the most bookings, its
  # first two pages as PNGs.
  db=(--db "$home/data/kartoteka/salon.kartoteka" --passphrase-file "$work/pass")
  regular=1 most=0
  for id in $(seq 1 150); do
    n=$(bin/kartoteka-cli "${db[@]}" client show "$id" --json 2>/dev/null | grep -o '"status"' | wc -l)
    if [ "$n" -gt "$most" ]; then regular=$id most=$n; fi
  done
  bin/kartoteka-cli "${db[@]}" export --client "$regular" --pdf "$work/export-$lang.pdf" --language "$lang" >/dev/null
  pdftoppm -r 70 -png -f 1 -l 2 "$work/export-$lang.pdf" "$out/export-$lang"
  echo "  $out/export-$lang-1.png, -2.png"
done
