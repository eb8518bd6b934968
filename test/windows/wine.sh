# test/windows/wine.sh, sourced by test/windows/smoke.sh and
# scripts/screenshots-windows.sh: a throwaway Wine prefix under its own Xvfb
# display, made able to run Go programs, and everything gone on exit.
#
# Debian 12's Wine 8.0 lacks bcryptprimitives.dll, from which Go's runtime
# (1.22 and later) takes ProcessPrng: every Go program stops at start with
# "fatal error: bcryptprimitives.dll not found". Real Windows 10 and 11 have
# it. wine_start puts a test-only stand-in (processprng.c, built here with
# mingw) into the prefix's system32; it is never shipped.
#
# After sourcing: wine_start [LOCALE] starts Xvfb and makes the prefix, with
# the Unix locale LOCALE (default C.UTF-8; pl_PL.UTF-8, de_DE.UTF-8 and
# da_DK.UTF-8 are compiled into the work folder, as Wine takes its Windows
# locale from the Unix one); then wine PROGRAM ARGS… runs a Windows program,
# wine_bg PROGRAM ARGS… starts one in the background (WINE_PID), wine_path
# UNIXPATH prints the Windows name of a file, and WORK is a folder removed
# on exit. wine_locale LOCALE switches the locale of the programs run next.

WORK=$(mktemp -d)
WINE_LOADER=$(dpkg -L wine64 | grep -m1 '/wine64$')
WINE_SERVER=$(dirname "$WINE_LOADER")/wineserver
export WINEPREFIX="$WORK/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
_xvfb=""

wine_stop() {
  "$WINE_SERVER" -k >/dev/null 2>&1 || true
  [ -z "$_xvfb" ] || { kill "$_xvfb" 2>/dev/null; wait "$_xvfb" 2>/dev/null; } || true
  rm -rf "$WORK"
}
trap wine_stop EXIT
trap 'exit 130' INT TERM

wine() { env ${WINE_LOCPATH:+LOCPATH="$WINE_LOCPATH"} LANG="$WINE_LANG" LC_ALL="$WINE_LANG" "$WINE_LOADER" "$@"; }

# wine_bg PROGRAM ARGS… starts a Windows program in the background, its
# output in WORK/PROGRAM.log, and sets WINE_PID to the process (env turns
# into Wine's loader, which is the Windows process: killing it ends it).
wine_bg() {
  env ${WINE_LOCPATH:+LOCPATH="$WINE_LOCPATH"} LANG="$WINE_LANG" LC_ALL="$WINE_LANG" "$WINE_LOADER" "$@" \
    >"$WORK/$(basename "$1").log" 2>&1 &
  WINE_PID=$!
}

# wine_path prints the Windows name of a Unix path (Wine's Z: drive).
wine_path() { printf 'Z:%s' "${1//\//\\}"; }

# wine_locale sets the Unix locale of the Wine programs started next (the
# shell keeps its own), compiling it into WORK first when the system lacks
# it.
wine_locale() {
  local loc=$1
  WINE_LANG=$loc WINE_LOCPATH=""
  if [ "${loc%%.*}" != C ] && ! locale -a 2>/dev/null | grep -qix "${loc/UTF-8/utf8}"; then
    mkdir -p "$WORK/locale"
    [ -d "$WORK/locale/$loc" ] || localedef -i "${loc%%.*}" -f UTF-8 "$WORK/locale/$loc"
    WINE_LOCPATH=$WORK/locale
  fi
  "$WINE_SERVER" -k >/dev/null 2>&1 || true # the next program starts a server in this locale
}

wine_start() {
  # Xvfb picks a free display and says which when it is ready.
  mkfifo "$WORK/displayfd"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$WORK/displayfd" >/dev/null 2>&1 &
  _xvfb=$!
  local n
  read -r n <"$WORK/displayfd"
  export DISPLAY=:$n
  wine_locale "${1:-C.UTF-8}"
  echo "wine: a throwaway prefix on display $DISPLAY" >&2
  wine wineboot --init >/dev/null 2>&1
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    "$(dirname "${BASH_SOURCE[0]}")/processprng.c" -ladvapi32
  # Fyne draws what its own font lacks (→, for one) with a font of the
  # system's; every Windows has some in C:\Windows\Fonts, Wine's prefix none.
  cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf "$WINEPREFIX/drive_c/windows/Fonts/"
}
