#!/usr/bin/env bash
# make screenshots, after scripts/screenshots.sh: the Windows build under
# Wine, on a Polish Windows, photographed into docs/screenshots/: a demo
# salon's clients (windows-clients-pl.png), in the light theme Windows
# starts in. It uses the zip make package-windows wrote and the throwaway
# Wine prefix of test/windows/wine.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh wine
version=$(sed -n 's/^Version *= *"\([^"]*\)".*/\1/p' FyneApp.toml)
name=Kartoteka-$version-windows-amd64
. test/windows/wine.sh
wine_start pl_PL.UTF-8
unzip -q "dist/$name.zip" -d "$WORK/zip"
app=$WORK/zip/$name
user_dir=$(ls -d "$WINEPREFIX"/drive_c/users/*/ | grep -v /Public/ | head -1)

# The README's pictures are 1100×720 windows.
prefs="${user_dir}AppData/Roaming/fyne/app.kartoteka.desktop"
mkdir -p "$prefs"
echo '{"window.width": 1100, "window.height": 720}' >"$prefs/preferences.json"
printf 'screenshot passphrase\n' >"$WORK/pass"
cli() { wine "$app/kartoteka-cli.exe" --passphrase-file "$(wine_path "$WORK/pass")" "$@" >/dev/null 2>&1; }
cli init --salon "Salon Róża" --country PL # full-strength key derivation: no warning in the picture
cli demo --clients 1500
mkdir -p "$WORK/backups"
cli backup "$(wine_path "$WORK/backups/salon.ktkbak")"

wine_bg "$app/Kartoteka.exe"
win=$(timeout 120 xdotool search --sync --onlyvisible --name '^Kartoteka$' | head -1)
sleep 3 # the unlock screen settles
xdotool windowfocus --sync "$win"
xdotool type --delay 20 "screenshot passphrase"
xdotool key Return
timeout 60 xdotool search --sync --onlyvisible --name '^Salon .* Kartoteka$' >/dev/null
sleep 3 # the list fills
import -window "$win" docs/screenshots/windows-clients-pl.png
echo "  docs/screenshots/windows-clients-pl.png"
