#!/usr/bin/env bash
# scripts/fyne-idle.sh DIR
#
# Prepares the desktop app's build with Fyne's idle patch
# (cmd/kartoteka/_idle/README.md): DIR/fyne-idle is a copy of the Fyne
# module go.mod pins with the patch laid over it, and DIR/gui.mod and
# DIR/gui.sum are go.mod and go.sum with Fyne replaced by that copy, for
# go build -modfile DIR/gui.mod. Go refuses overlays on the module cache,
# hence the copy (about 23 MB, made again only when the patch changes).
#
# The patch replaces one file of the pinned Fyne; if that file is not the one
# it was made from (Fyne was upgraded), this fails and says so rather than
# build a patch that silently undoes upstream changes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: scripts/fyne-idle.sh DIR" >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd) patch=$PWD/cmd/kartoteka/_idle

src=$(go mod download -json fyne.io/fyne/v2 | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
[ -d "$src" ] || { echo "fyne-idle: Fyne's module could not be downloaded" >&2; exit 1; }
read -r want _ <"$patch/BASE"
have=$(sha256sum "$src/internal/driver/glfw/loop.go" | cut -d' ' -f1)
if [ "$have" != "$want" ]; then
  echo "fyne-idle: $src/internal/driver/glfw/loop.go is not the file cmd/kartoteka/_idle/loop.go patches;" >&2
  echo "fyne-idle: redo the patch for this Fyne version (see cmd/kartoteka/_idle/README.md)" >&2
  exit 1
fi

stamp=$({ echo "$src"; cat "$patch"/*.go "$patch/BASE"; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$out/fyne-idle/.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$out/fyne-idle"
  cp -r "$src" "$out/fyne-idle.tmp"
  chmod -R u+w "$out/fyne-idle.tmp"
  cp "$patch/loop.go" "$patch/glfw_idle.go" "$out/fyne-idle.tmp/internal/driver/glfw/"
  cp "$patch/animation_idle.go" "$out/fyne-idle.tmp/internal/animation/"
  echo "$stamp" >"$out/fyne-idle.tmp/.stamp"
  mv "$out/fyne-idle.tmp" "$out/fyne-idle"
fi

{ cat go.mod; echo; echo "replace fyne.io/fyne/v2 => $out/fyne-idle"; } >"$out/gui.mod"
cp go.sum "$out/gui.sum"
