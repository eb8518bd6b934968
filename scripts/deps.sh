#!/usr/bin/env bash
# Installs the system packages a make target needs, with apt-get, via sudo
# when not root. A no-op when they are all present.
#   scripts/deps.sh           the desktop (Fyne) build: gcc and the X11/GL headers
#   scripts/deps.sh windows   make package-windows: mingw for the cross-build,
#                             wixl for the installer, zip
#   scripts/deps.sh xvfb      a real window without a screen: Xvfb, software GL,
#                             xdotool and ImageMagick (make test, screenshots)
#   scripts/deps.sh wine      make test-windows: Wine, Xvfb, xdotool and
#                             ImageMagick to run and look at the Windows build
#   On a Mac the desktop build needs Apple's command line tools
#   (xcode-select --install) and nothing else; the Windows targets need
#   Debian or Ubuntu.
set -euo pipefail
if [ "$(uname -s)" = Darwin ]; then
  if [ -n "${1:-}" ]; then
    echo "deps: make package-windows and make test-windows run on Debian or Ubuntu" >&2
    exit 1
  fi
  xcode-select -p >/dev/null 2>&1 || { echo "deps: install Apple's command line tools first: xcode-select --install" >&2; exit 1; }
  exit 0
fi
case "${1:-}" in
  "") pkgs=(gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev) ;;
  windows) pkgs=(gcc-mingw-w64-x86-64 wixl zip) ;;
  xvfb) pkgs=(xvfb libgl1-mesa-dri xdotool imagemagick) ;;
  wine) pkgs=(gcc-mingw-w64-x86-64 wine64 xvfb libgl1-mesa-dri fonts-dejavu-core locales xdotool imagemagick unzip) ;;
  *) echo "deps: unknown group $1" >&2; exit 2 ;;
esac
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "deps: missing ${missing[*]}, and this is not a Debian/Ubuntu system: install them with your package manager" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
