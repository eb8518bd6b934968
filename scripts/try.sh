#!/usr/bin/env bash
# make try: a throwaway demo salon driven with kartoteka-cli, for a look at
# the store from a terminal.
set -euo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export KARTOTEKA_DB="$dir/demo.kartoteka"
printf 'demo passphrase 2026\n' > "$dir/pass"
cli() { bin/kartoteka-cli --passphrase-file "$dir/pass" "$@"; }
echo "== A throwaway demo salon in $dir"
cli init --salon "Salon Demo" --country PL >/dev/null
cli demo --clients 1000
echo "== Search \"kow\" (prefix, any case, diacritics optional):"
cli client list --search kow | head -8
echo "== Integrity and encryption check:"
cli check
echo "== The file on disk holds no readable client data:"
if grep -qa "SQLite format 3" "$KARTOTEKA_DB"; then echo "   plaintext found!"; exit 1; else echo "   no SQLite header, no plaintext"; fi
