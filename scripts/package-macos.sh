#!/usr/bin/env bash
# make package on a Mac: dist/Kartoteka-VERSION-macos-ARCH.zip, holding a
# folder of the same name with Kartoteka.app (the desktop app make build
# built here with Apple's SDK, given its Info.plist and icon by the fyne
# tool pinned in go.mod) and kartoteka-cli. ARCH is this Mac's (arm64 on
# Apple silicon, amd64 on Intel). Like the Linux package, it counts the
# build number in FyneApp.toml up. The app is not signed: the first start
# is by Control-click, Open (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(uname -s)" != Darwin ]; then
  echo "package-macos: Kartoteka.app needs Apple's SDK: run make package on a Mac" >&2
  exit 1
fi
version=$(sed -n 's/^Version *= *"\([^"]*\)".*/\1/p' FyneApp.toml)
name=Kartoteka-$version-macos-$(go env GOARCH)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/$name"
rm -rf Kartoteka.app
go tool fyne package --os darwin --executable bin/kartoteka --name Kartoteka --icon assets/icon.png
mv Kartoteka.app "$work/$name/"
cp bin/kartoteka-cli "$work/$name/"
mkdir -p dist
rm -f "dist/$name.zip"
ditto -c -k --keepParent "$work/$name" "dist/$name.zip"
echo "package-macos: dist/$name.zip" >&2
