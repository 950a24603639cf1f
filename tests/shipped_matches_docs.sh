#!/usr/bin/env bash
# The committed outputs in docs/maps are byte for byte what a fresh build of
# the shipped maps writes now. `govmap build --check` compares recorded input
# keys; this compares the bytes, so drawing code that changed without raising
# render/style.h's kDrawingRevision (or a build that is not deterministic) is
# caught too. Regenerate with: govmap build maps -o docs/maps
# Usage: shipped_matches_docs.sh FRESH_OUT DOCS_MAPS
set -euo pipefail
fresh=$1
docs=$2
# Databases, build records and locks are not committed; PDFs embed a creation
# date (none are committed today).
filter='\.db(-wal|-shm|-journal)?$|\.govmap-build|\.pdf$|\.log$'
diff <(cd "$fresh" && find . -type f | grep -Ev "$filter" | sort) \
     <(cd "$docs" && git ls-files . | sed 's|^|./|' | grep -Ev "$filter" | sort) ||
  { echo "FAIL: the files differ (< fresh build, > committed docs/maps)"; exit 1; }
status=0
while read -r f; do
  cmp -s "$fresh/$f" "$docs/$f" || { echo "FAIL: $f differs from a fresh build"; status=1; }
done < <(cd "$fresh" && find . -type f | grep -Ev "$filter" | sort)
[ $status -eq 0 ] && echo "docs/maps: $(cd "$fresh" && find . -type f | grep -Evc "$filter") files identical to a fresh build"
exit $status
