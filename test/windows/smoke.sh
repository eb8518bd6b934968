#!/usr/bin/env bash
# make test-windows: the Windows build, tested under Wine on Linux.
#
#  1. The Go tests of store (its page-encrypting VFS too), privacy and kartoteka-cli, and the ui's
#     language tests, cross-compiled for Windows and run under Wine
#     (test/windows/winetest reads their results: Wine 8 cannot remove a
#     t.TempDir, which alone fails no test); the ui's first-start test once
#     each in a Polish, German and Danish Windows.
#  2. kartoteka-cli.exe from the zip `make package-windows` wrote, walked end
#     to end in a Polish Windows, on a salon in C:\users\Łucja Wąż\…: init,
#     demo, a client with Polish letters, export to PDF and JSON (and names
#     Windows refuses, refused), backup, forget with its proof, restore,
#     check; and init into the default folder, %AppData%\kartoteka.
#  3. The .msi installs for the user alone, with a Start-menu shortcut,
#     and uninstalls.
#  4. Kartoteka.exe from the zip, started under Xvfb: its window must show
#     (xdotool); it is unlocked by typing the passphrase, and while it holds
#     the salon the CLI is refused; a screenshot of each screen is kept in
#     dist/windows-smoke/ to look at.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
scripts/deps.sh wine
version=$(sed -n 's/^Version *= *"\([^"]*\)".*/\1/p' FyneApp.toml)
name=Kartoteka-$version-windows-amd64
zip=$repo/dist/$name.zip
[ -f "$zip" ] || { echo "test-windows: $zip is missing: run make package-windows" >&2; exit 1; }
. test/windows/wine.sh
shots=$repo/dist/windows-smoke
rm -rf "$shots"
mkdir -p "$shots"
step() { echo "== $*" >&2; }
fail() { echo "test-windows: FAIL: $*" >&2; exit 1; }

step "Go tests for Windows (cross-compiled)"
go build -o "$WORK/winetest" ./test/windows/winetest
for pkg in store store/internal/pagecrypt privacy cmd/kartoteka-cli ui; do
  GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test -c -tags ci -o "$WORK/$(basename $pkg).test.exe" "./$pkg" &
done
wait
wine_start C.UTF-8
gotest() { # gotest PKG ARGS…: run PKG's Windows tests under Wine in PKG's folder
  local pkg=$1; shift
  # The test binary's own status counts Wine's cleanup failures: winetest
  # decides.
  { (cd "$pkg" && go tool test2json -p "$pkg" env ${WINE_LOCPATH:+LOCPATH="$WINE_LOCPATH"} LANG="$WINE_LANG" LC_ALL="$WINE_LANG" "$WINE_LOADER" "$WORK/$(basename "$pkg").test.exe" -test.v=test2json -test.short "$@") || true; } |
    "$WORK/winetest" || fail "the Go tests of $pkg under Wine"
}
# The crash and kill loops print what they did, which winetest cannot tell
# from an error; they run on Linux.
gotest store -test.skip '^TestCrashLoop$'
gotest store/internal/pagecrypt -test.skip '^TestKillLoop$'
gotest privacy
gotest cmd/kartoteka-cli
gotest ui -test.run 'Language|Translation|FirstStart|SetLanguage|Chosen|Unknown'
for l in pl_PL:pl de_DE:de da_DK:da; do
  wine_locale "${l%%:*}.UTF-8"
  KARTOTEKA_SYSTEM_LANGUAGE=${l##*:} gotest ui -test.run '^TestFirstStartSpeaksTheSystemLanguage$'
done

step "the zip: $name.zip"
unzip -q "$zip" -d "$WORK/zip"
app=$WORK/zip/$name
for f in Kartoteka.exe kartoteka-cli.exe READ-ME.txt; do
  [ -s "$app/$f" ] || fail "$f is not in the zip"
done
unzip -l "$zip" | grep -qi 'bcryptprimitives\|processprng' && fail "the test shim is in the zip"

step "the installer: $name.msi, for this user alone"
msi=$repo/dist/$name.msi
[ -f "$msi" ] || fail "$msi is missing"
user_dir=$(ls -d "$WINEPREFIX"/drive_c/users/*/ | grep -v /Public/ | head -1)
user_dir=${user_dir%/}
programs="$user_dir/AppData/Local/Programs/Kartoteka"
shortcut="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Kartoteka.lnk"
cp "$msi" "$WORK/"
wine msiexec /i "$(wine_path "$WORK/$name.msi")" /qn || fail "msiexec /i"
for f in Kartoteka.exe kartoteka-cli.exe READ-ME.txt; do
  [ -s "$programs/$f" ] || fail "the installer did not put $f into %LocalAppData%\\Programs\\Kartoteka"
done
[ -s "$shortcut" ] || fail "no Start-menu shortcut"
wine "$programs/kartoteka-cli.exe" help >/dev/null || fail "the installed kartoteka-cli.exe does not run"
wine msiexec /x "$(wine_path "$WORK/$name.msi")" /qn || fail "msiexec /x"
[ ! -e "$programs/Kartoteka.exe" ] && [ ! -e "$shortcut" ] || fail "uninstalling left the program or its shortcut"

wine_locale pl_PL.UTF-8
# The salon goes where the home folder of a user whose name has a space and
# Polish letters would be: C:\users\Łucja Wąż.
home="$WINEPREFIX/drive_c/users/Łucja Wąż"
mkdir -p "$home/Documents"
printf '\357\273\277smoke test passphrase 2026\r\n' >"$home/hasło.txt" # as Notepad writes it
win_home='C:\users\Łucja Wąż'
db="$win_home\\Documents\\Salon Róża\\salon.kartoteka"
cli() { wine "$app/kartoteka-cli.exe" --db "$db" --passphrase-file "$win_home\\hasło.txt" "$@"; }
expect_exit() { # expect_exit CODE ARGS…: the CLI ends with CODE
  local want=$1; shift
  set +e; cli "$@" >"$WORK/out" 2>"$WORK/err"; local got=$?; set -e
  [ "$got" = "$want" ] || { cat "$WORK/out" "$WORK/err" >&2; fail "kartoteka-cli $* exited $got, want $want"; }
}

step "kartoteka-cli.exe: init in $win_home\\Documents\\Salon Róża"
cli init --salon "Salon Róża" --country PL --language pl >"$WORK/out"
tail -1 "$WORK/out" | grep -Eq '^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$' || fail "init did not end with the recovery key"
[ -s "$home/Documents/Salon Róża/salon.kartoteka" ] || fail "no salon file in the folder with Polish letters"
grep -qa "SQLite format 3" "$home/Documents/Salon Róża/salon.kartoteka" && fail "plaintext SQLite on disk"

step "demo --clients 200"
cli demo --clients 200 >/dev/null

step "client add with Polish letters"
id=$(cli client add --first Łucja --last Wąż-Żółć --phone "601 234 567" --email lucja@example.pl \
  --notes "Zażółć gęślą jaźń" | tr -d '\r')
[[ $id =~ ^[0-9]+$ ]] || fail "client add printed $id"
cli client show "$id" --json | grep -q '"first_name": *"Łucja"' || fail "the card lost its Polish letters"
cli client list --search "waz-zolc" | grep -q "Wąż-Żółć" || fail "search without diacritics did not find Wąż-Żółć"

step "export to PDF and JSON"
out_dir="$win_home\\Documents\\Eksport dla klientki"
mkdir -p "$home/Documents/Eksport dla klientki"
cli export --client "$id" --pdf "$out_dir\\klientka $id.pdf" --json "$out_dir\\klientka $id.json" 2>/dev/null
head -c 5 "$home/Documents/Eksport dla klientki/klientka $id.pdf" | grep -q '%PDF-' || fail "no PDF"
grep -q 'Wąż-Żółć' "$home/Documents/Eksport dla klientki/klientka $id.json" || fail "the JSON lost the name"
for bad in CON 'nul.pdf' 'klientka:1.pdf'; do
  expect_exit 2 export --client "$id" --pdf "$out_dir\\$bad"
done

step "backup"
bak="$win_home\\Documents\\Kopie zapasowe\\salon.ktkbak"
mkdir -p "$home/Documents/Kopie zapasowe"
cli backup "$bak" 2>/dev/null
[ -s "$home/Documents/Kopie zapasowe/salon.ktkbak" ] || fail "no backup file"

step "forget with its proof"
cli forget --client "$id" --yes >"$WORK/out" 2>&1
grep -q "no trace found in [0-9]* pages" "$WORK/out" || { cat "$WORK/out" >&2; fail "forget gave no proof"; }
expect_exit 4 forget --client "$id" --yes # already forgotten: a privacy rule

step "restore (the client stays forgotten)"
cli restore "$bak" >/dev/null 2>&1
cli client show "$id" --json | grep -q '"anonymized": *true' || fail "the restore brought the forgotten client back"
ls "$home/Documents/Salon Róża/" | grep -q 'salon.kartoteka.before-restore' || fail "no safety copy after the restore"

step "check"
cli check --json | grep -q '"ok": *true' || fail "check"
cli check >&2

step "init into the default folder, %AppData%\\kartoteka"
wine "$app/kartoteka-cli.exe" --passphrase-file "$win_home\\hasło.txt" init --salon "Salon domyślny" --country PL >"$WORK/out" 2>&1 || { cat "$WORK/out" >&2; fail "init into %AppData%"; }
appdata_db="$user_dir/AppData/Roaming/kartoteka/salon.kartoteka"
[ -s "$appdata_db" ] || fail "no salon in %AppData%\\kartoteka"
rm -f "$appdata_db"

step "Kartoteka.exe: the first start, in Polish"
gui() { wine_bg "$app/Kartoteka.exe"; }
gui_stop() { kill "$WINE_PID" 2>/dev/null; wait "$WINE_PID" 2>/dev/null || true; }
# shown NAME SECONDS: the id of a visible window whose title matches NAME,
# once there is one; fails after SECONDS. Polled rather than xdotool search
# --sync: Wine makes and drops windows as it starts, and xdotool dies of
# BadWindow when one goes mid-search.
shown() {
  local id end=$((SECONDS + $2))
  while [ "$SECONDS" -lt "$end" ]; do
    id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1 || true)
    if [ -n "$id" ]; then echo "$id"; return 0; fi
    sleep 1
  done
  return 1
}
window() { # window: the id of Kartoteka's window, once it shows (two minutes at most)
  shown '^Kartoteka$' 120 || { cat "$WORK/Kartoteka.exe.log" >&2; fail "Kartoteka's window did not show"; }
}
shot() { sleep 3; import -window root "$shots/$1.png"; echo "   $shots/$1.png" >&2; } # settle, then photograph
gui
win=$(window)
shot firstrun-pl
gui_stop

step "Kartoteka.exe: unlock the salon; the CLI is refused while it is open"
mkdir -p "$user_dir/AppData/Roaming/kartoteka"
cp "$home/Documents/Salon Róża/salon.kartoteka" "$appdata_db"
gui
win=$(window)
shot unlock-pl
# Xvfb has no window manager: the keyboard goes to the window by hand.
xdotool windowfocus --sync "$win"
xdotool type --delay 30 "smoke test passphrase 2026"
xdotool key Return
# Unlocked, the window is named after the salon; the app holds the salon,
# and the CLI is refused with the words for it.
shown '^Salon .* Kartoteka$' 60 >/dev/null ||
  { cat "$WORK/Kartoteka.exe.log" >&2; fail "the app did not unlock the salon"; }
wcli() { wine "$app/kartoteka-cli.exe" --passphrase-file "$win_home\\hasło.txt" "$@" >"$WORK/out" 2>"$WORK/err"; }
wcli check && fail "the CLI read while the app had the salon open"
wcli client add --first Nie --last Teraz && fail "the CLI wrote while the app had the salon open"
grep -q "open on this computer" "$WORK/err" || { cat "$WORK/err" >&2; fail "the CLI's refusal does not say why"; }
shot clients-pl
gui_stop
echo "test-windows: ok (screenshots in dist/windows-smoke/)" >&2
