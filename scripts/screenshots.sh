#!/usr/bin/env bash
# make screenshots: the real app under Xvfb, driven with xdotool on a demo
# salon, photographed in English and Polish into docs/screenshots/: first
# run, unlock, clients, a restricted client's card, the unsaved-changes
# question, services, the calendar's day and week, privacy (the retention
# preview naming who would be forgotten), possible duplicates and the merge
# preview, the client tools (inactive clients, an import's preview), the
# light theme, the audit log,
# the first pages of a sample export, and — once the owner and a stylist
# have PINs — the switch screen ("Who is working?") and a stylist's view.
# The app is driven by its own keyboard shortcuts (Ctrl+1…6, Ctrl+F), so
# the shots do not depend on where things are drawn.
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
# A display no one else uses: on a display already taken, the app would be
# photographed over another's windows (and Xvfb would not start).
display=
for n in $(shuf -i 90-98); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=:$n; break; fi
done
[ -n "$display" ] || { echo "no free X display from :90 to :98" >&2; exit 1; }
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
export DISPLAY=$display
sleep 1
kill -0 $xvfb 2>/dev/null || { echo "Xvfb did not start on $display" >&2; exit 1; }

# The README's pictures are taken at 1100×720; the app opens smaller (it
# fits a 1024×600 screen) and keeps the size it is given.
width=1100 height=720
shot() { sleep "${2:-2}"; import -window root -crop ${width}x${height}+0+0 "$out/$1.png"; echo "  $out/$1.png"; }
# scroll moves the section under the pointer down by n wheel steps, from
# the margin beside the column (where no field takes the wheel).
scroll() { xdotool mousemove 240 400; for _ in $(seq "$1"); do xdotool click 5; done; }
# start launches the app with its window at the README's size; $1 adds
# preferences ("key": value, …), e.g. the Privacy tab shown first.
start() {
  mkdir -p "$home/config/fyne/app.kartoteka.desktop"
  echo "{\"window.width\": $width, \"window.height\": $height${1:+, $1}}" > "$home/config/fyne/app.kartoteka.desktop/preferences.json"
  bin/kartoteka >/dev/null 2>&1 & app=$!
}
stop() { kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; }

for lang in en pl; do
  home="$work/$lang"
  mkdir -p "$home/data/kartoteka" "$home/config"
  export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" LANGUAGE="$lang" LANG=C.UTF-8
  # First run: an empty data folder.
  start
  shot "firstrun-$lang" 4
  stop
  # A demo salon made with the CLI (cheap key derivation: screenshots only).
  printf 'screenshot passphrase\n' > "$work/pass"
  db=(--db "$home/data/kartoteka/salon.kartoteka" --passphrase-file "$work/pass")
  KARTOTEKA_KDF=cheap bin/kartoteka-cli "${db[@]}" init --salon "Salon Róża" --country PL >/dev/null 2>&1
  bin/kartoteka-cli "${db[@]}" demo --clients 1500 >/dev/null 2>&1
  bin/kartoteka-cli "${db[@]}" passwd --strengthen >/dev/null 2>&1   # as an owner's salon is
  bin/kartoteka-cli "${db[@]}" salon set --address "ul. Kwiatowa 12, 00-001 Warszawa" \
    --privacy-contact "dane@salon-roza.example.pl" >/dev/null 2>&1     # the controller an export names
  # Retention ran today under a policy of 24 months (so the app's timer
  # waits a day); the policy is now 18 months, so the preview names who it
  # would forget today.
  bin/kartoteka-cli "${db[@]}" retention set --policy last_visit --months 24 >/dev/null 2>&1
  bin/kartoteka-cli "${db[@]}" retention run >/dev/null 2>&1
  bin/kartoteka-cli "${db[@]}" retention set --policy last_visit --months 18 >/dev/null 2>&1
  # Privacy requests (GDPR Art. 12(3)): one overdue, one due within a week,
  # two open, one answered.
  ids=($(bin/kartoteka-cli "${db[@]}" client list --json | python3 -c \
    'import json,sys; print(" ".join([str(c["id"]) for c in json.load(sys.stdin) if not c["restricted"] and not c["anonymized"]][:5]))'))
  ago() { date -d "-$1 days" +%F; }
  request() { bin/kartoteka-cli "${db[@]}" request add --kind "$1" --received "$(ago "$2")" --client "$3" >/dev/null 2>&1; }
  request erasure 34 "${ids[0]}"
  request restriction 26 "${ids[1]}"
  request objection 9 "${ids[2]}"
  request access 2 "${ids[3]}"
  request rectification 40 "${ids[4]}"
  bin/kartoteka-cli "${db[@]}" request close 5 --outcome done --reason "phone number corrected" >/dev/null 2>&1
  # A restricted client (GDPR Art. 18), found by phone.
  phone=$(bin/kartoteka-cli "${db[@]}" client list --json | python3 -c \
    'import json,sys; print(next(c["phone"] for c in json.load(sys.stdin) if c["restricted"] and c["phone"])[3:])')

  start
  shot "unlock-$lang" 4
  xdotool type --delay 20 "screenshot passphrase"; xdotool key Return
  shot "clients-$lang" 4
  xdotool key ctrl+f; xdotool type --delay 20 "$phone"; sleep 1; xdotool key Return
  shot "client-card-$lang" 3
  # A change not saved, then the calendar: the owner is asked.
  xdotool mousemove 700 326 click 1; xdotool key ctrl+a; xdotool type --delay 20 "nowy.adres@example.pl"
  xdotool key ctrl+1
  shot "unsaved-$lang" 2
  xdotool key shift+Tab space          # Discard the changes (Save has the keyboard)
  sleep 2
  # The calendar: today with a tap on the first column at 11:00 (a
  # booking, or the form for a new one), then the week (W).
  xdotool mousemove 340 322 click 1
  shot "calendar-day-$lang" 2
  xdotool key Escape w
  shot "calendar-week-$lang" 2
  xdotool key ctrl+3
  shot "services-$lang" 3
  xdotool key ctrl+4
  shot "requests-$lang" 3
  stop
  # Privacy's other tab: the retention preview, naming who it would forget.
  start '"privacy.tab": 1'
  sleep 4; xdotool type --delay 20 "screenshot passphrase"; xdotool key Return
  sleep 4; xdotool key ctrl+4
  sleep 3
  scroll 25
  shot "privacy-$lang" 2
  stop

  # Clients → Possible duplicates (the demo makes some), then the merge
  # preview of the first group, by the keyboard: the finder's Tab stops
  # are Back, one Open per card, the two choices, then Compare and merge.
  cards=$(bin/kartoteka-cli "${db[@]}" client duplicates --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)[0]["clients"]))')
  start
  sleep 4; xdotool type --delay 20 "screenshot passphrase"; xdotool key Return
  sleep 4; xdotool key ctrl+2; sleep 1
  xdotool key shift+Tab shift+Tab shift+Tab space  # Possible duplicates, before Client tools and New client
  shot "dupes-$lang" 4
  for _ in $(seq $((cards + 3))); do xdotool key Tab; done
  xdotool key space
  shot "merge-$lang" 3
  stop

  # Client tools, reached by the keyboard from the client list (Shift+Tab
  # from the search: New client, then Client tools): the inactive clients
  # with no visit for a year, and the import's preview of a small sample
  # file in cp1250 (as Excel in Poland saves it), its path typed into the
  # import's file field, so no file dialog needs driving.
  printf 'Imię;Nazwisko;Telefon;E-mail;Data urodzenia;Zgoda SMS\r\nŁucja;Wąsowska;601 234 567;lucja@example.pl;15.03.1985;tak\r\nGrzegorz;Brzęczyszczykiewicz;602 345 678;;01.02.1970;nie\r\nŚcibor;Żądło;;scibor@example.pl;1985-03-15;\r\n' |
    iconv -f UTF-8 -t CP1250 > "$work/klienci.csv"
  yearago=$(date -d "-12 months" +%d.%m.%Y); [ "$lang" = en ] && yearago=$(date -d "-12 months" +%d/%m/%Y)
  start
  sleep 4; xdotool type --delay 20 "screenshot passphrase"; xdotool key Return
  sleep 4; xdotool key ctrl+2; sleep 2
  xdotool key shift+Tab shift+Tab space      # Client tools
  sleep 2; xdotool key space                 # Inactive clients, the first tool
  sleep 3; xdotool key ctrl+a; xdotool type --delay 20 "$yearago"; xdotool key Return
  shot "inactive-$lang" 4
  xdotool key ctrl+2; sleep 2
  xdotool key shift+Tab shift+Tab space
  sleep 2; xdotool key Tab Tab space         # Import clients, the third
  sleep 2; xdotool type --delay 20 "$work/klienci.csv"; xdotool key Return
  shot "import-$lang" 4
  stop

  if [ "$lang" = en ]; then
    # The light theme, the default of most Windows laptops.
    export FYNE_THEME=light
    start
    sleep 4; xdotool type --delay 20 "screenshot passphrase"; xdotool key Return
    sleep 4; xdotool key ctrl+f; xdotool type --delay 20 "$phone"; sleep 1; xdotool key Return
    shot "client-card-light-$lang" 3
    xdotool key ctrl+n
    shot "new-client-light-$lang" 2
    stop
    unset FYNE_THEME
  fi

  # The audit log, after some work by the team (with PINs, through the
  # CLI): the receptionist books and takes a payment, a stylist mistypes
  # her PIN twice and books, the owner records a consent, exports a
  # client's data and keeps one out of retention. The others' PINs go
  # again, so that the app asks no one who is working (it does from two
  # PINs on).
  staff() { bin/kartoteka-cli "${db[@]}" staff list --json | python3 -c \
    "import json,sys; print(next(s['id'] for s in json.load(sys.stdin) if s['role']=='$1'))"; }
  owner=$(staff owner) reception=$(staff reception) stylist=$(staff stylist)
  for who in owner reception stylist; do echo "${!who}${!who}${!who}${!who}" > "$work/$who.pin"; done
  echo 9999 > "$work/wrong.pin"
  for who in owner reception stylist; do
    bin/kartoteka-cli "${db[@]}" staff pin "${!who}" --pin-file "$work/$who.pin" >/dev/null 2>&1
  done
  as() { bin/kartoteka-cli "${db[@]}" --as "$1" --pin-file "$work/$2.pin" "${@:3}" >/dev/null 2>&1 || true; }
  live=($(bin/kartoteka-cli "${db[@]}" client list --json | python3 -c \
    'import json,sys; print(" ".join([str(c["id"]) for c in json.load(sys.stdin) if not c["restricted"] and not c["anonymized"]][20:26]))'))
  tomorrow=$(date -d tomorrow +%F)
  as "$reception" reception booking add --client "${live[0]}" --service 1 --staff "$stylist" --start "$tomorrow 10:00"
  as "$reception" reception payment add --client "${live[1]}" --amount 120.00 --method card
  as "$stylist" wrong client list
  as "$stylist" wrong client list
  as "$stylist" stylist booking add --client "${live[2]}" --service 2 --staff "$stylist" --start "$tomorrow 13:00"
  bin/kartoteka-cli "${db[@]}" staff pin "$stylist" --clear >/dev/null 2>&1
  bin/kartoteka-cli "${db[@]}" staff pin "$reception" --clear >/dev/null 2>&1
  as "$owner" owner consent set "${live[3]}" --kind marketing_email --given --channel in_person
  as "$owner" owner export --client "${live[4]}" --pdf "$work/audit-export.pdf"
  as "$owner" owner client hold "${live[5]}" --reason "a legal claim is pending"
  start
  sleep 4; xdotool type --delay 20 "screenshot passphrase"; xdotool key Return
  sleep 4; xdotool key ctrl+6
  shot "audit-$lang" 3
  stop

  # A sample export (GDPR Art. 15) of the regular with the most bookings, its
  # first two pages as PNGs.
  regular=1 most=0
  for id in $(seq 1 150); do
    n=$(bin/kartoteka-cli "${db[@]}" client show "$id" --json 2>/dev/null | grep -o '"status"' | wc -l)
    if [ "$n" -gt "$most" ]; then regular=$id most=$n; fi
  done
  bin/kartoteka-cli "${db[@]}" export --client "$regular" --pdf "$work/export-$lang.pdf" --language "$lang" >/dev/null
  pdftoppm -r 70 -png -f 1 -l 2 "$work/export-$lang.pdf" "$out/export-$lang"
  echo "  $out/export-$lang-1.png, -2.png"

  # The stylist's PIN again, beside the owner's: from two PINs on, the app
  # asks who is working. Then her place among the names (active staff with
  # a PIN, by name).
  printf '2222\n' > "$work/pin"; bin/kartoteka-cli "${db[@]}" --pin-file "$work/pin" staff pin "$stylist" >/dev/null 2>&1
  bin/kartoteka-cli "${db[@]}" staff list --json > "$work/staff.json"
  place=$(python3 -c 'import json,sys; p=sorted((s["name"].encode(), s["id"]) for s in json.load(open(sys.argv[1])) if s["id"] in (int(sys.argv[2]), int(sys.argv[3]))); print([i for n, i in p].index(int(sys.argv[3])))' "$work/staff.json" "$owner" "$stylist")
  start
  sleep 4; xdotool type --delay 20 "screenshot passphrase"; xdotool key Return
  shot "switch-$lang" 4
  if [ "$lang" = en ]; then
    # The stylist signs in and opens the first of today's clients: the
    # sections of her role, Export and Forget disabled with the reason.
    for _ in $(seq "$place"); do xdotool key Down; done
    xdotool key Return; xdotool type --delay 20 "2222"; xdotool key Return
    sleep 4; xdotool key ctrl+2; sleep 2; xdotool key Down Return
    shot "stylist-$lang" 3
  fi
  stop
done
