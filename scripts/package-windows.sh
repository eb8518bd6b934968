#!/usr/bin/env bash
# make package-windows: dist/Kartoteka-VERSION-windows-amd64.zip, holding a
# folder of the same name with Kartoteka.exe (built with mingw, with the
# icon, version and app metadata `fyne package --os windows` embeds),
# kartoteka-cli.exe and READ-ME.txt (English, Polish, German, Danish); and
# beside it dist/Kartoteka-VERSION-windows-amd64.msi, a per-user installer
# with a Start-menu shortcut, made by Debian's wixl. VERSION is FyneApp.toml's.
#
# fyne package writes into the folder it builds (an icon resource, a
# metadata file) and counts the Build number in FyneApp.toml up: it works on
# a throwaway copy of the sources, so the checkout stays as it is and the
# build number is the one FyneApp.toml holds (raise it there for a release).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
scripts/deps.sh windows
version=$(sed -n 's/^Version *= *"\([^"]*\)".*/\1/p' FyneApp.toml)
if [ -z "$version" ]; then
  echo "package-windows: FyneApp.toml has no Version" >&2
  exit 1
fi
name=Kartoteka-$version-windows-amd64
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "package-windows: Kartoteka.exe (cross-built with mingw; the first build takes minutes)" >&2
mkdir "$work/src" "$work/$name"
tar -cf - --exclude=./.git --exclude=./bin --exclude=./dist --exclude=./bench/data \
  --exclude=./docs --exclude=./kartoteka-cli . | tar -xf - -C "$work/src"
sed 's|^Icon *=.*|Icon = "../../assets/icon.png"|' FyneApp.toml > "$work/src/cmd/kartoteka/FyneApp.toml"
go build -o "$work/fyne" fyne.io/tools/cmd/fyne
# With Fyne's idle patch, as make build builds the app (cmd/kartoteka/_idle).
scripts/fyne-idle.sh bin
(cd "$work/src/cmd/kartoteka" &&
  GOFLAGS="-modfile=$repo/bin/gui.mod" CC=x86_64-w64-mingw32-gcc GOARCH=amd64 "$work/fyne" package --os windows --release --tags no_animations \
    --name Kartoteka --icon ../../assets/icon.png)
mv "$work/src/cmd/kartoteka/Kartoteka.exe" "$work/$name/"

echo "package-windows: kartoteka-cli.exe" >&2
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" \
  -o "$work/$name/kartoteka-cli.exe" ./cmd/kartoteka-cli

# Notepad reads UTF-8 surely with a byte-order mark, and lines end in CRLF.
{ printf '\357\273\277'; sed -e "s/@VERSION@/$version/" -e 's/$/\r/' packaging/windows/READ-ME.txt; } > "$work/$name/READ-ME.txt"

# The version resource must be there: Windows shows it under Properties,
# Details (ProductVersion VERSION.BUILD, in UTF-16).
if ! x86_64-w64-mingw32-strings -el "$work/$name/Kartoteka.exe" | grep -qx "${version//./\\.}\.[0-9]*"; then
  echo "package-windows: Kartoteka.exe carries no version $version" >&2
  exit 1
fi

mkdir -p dist
rm -f "dist/$name.zip" "dist/$name.msi"
(cd "$work" && zip -q -r -X "$repo/dist/$name.zip" "$name")
echo "package-windows: dist/$name.zip" >&2

# The installer's icon (Start menu, Installed apps): the app's PNG in an
# .ico, as fyne package puts it into Kartoteka.exe.
le32() { printf "\\$(printf %03o $(($1 & 255)))\\$(printf %03o $(($1 >> 8 & 255)))\\$(printf %03o $(($1 >> 16 & 255)))\\$(printf %03o $(($1 >> 24 & 255)))"; }
{ printf '\0\0\1\0\1\0\0\0\0\0\1\0\40\0'; le32 "$(stat -c %s assets/icon.png)"; le32 22; cat assets/icon.png; } >"$work/kartoteka.ico"
cp "$work/kartoteka.ico" "$work/$name/"
(cd "$work/$name" && wixl -a x64 -D Version="$version" -o "$repo/dist/$name.msi" "$repo/packaging/windows/kartoteka.wxs")
echo "package-windows: dist/$name.msi" >&2
