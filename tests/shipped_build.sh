#!/usr/bin/env bash
# CTest fixture: `govmap build` of the shipped maps, once, into OUT, for the
# tests that look at the outputs the way users meet them (outputs.xml,
# report.chromium, shipped.matches_docs). Building England from data/ is the
# slow part of those tests; doing it once keeps the suite short.
# Usage: shipped_build.sh GOVMAP_BINARY SOURCE_DIR OUT
set -euo pipefail
govmap=$1
src=$2
out=$3
rm -rf "$out"
"$govmap" build "$src/maps" -o "$out" >"$out.log" 2>&1 || { cat "$out.log"; exit 1; }
tail -n 1 "$out.log"
