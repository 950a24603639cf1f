#!/usr/bin/env bash
# Crash safety of `govmap build`: SIGKILL it at moments spread over its run. Every output
# file present afterwards must be complete (identical to a clean build's), the
# database must pass integrity_check, and the next build must finish the job
# and sweep away the temporary files the killed one left.
# usage: kill_build.sh GOVMAP [TRIALS]
set -euo pipefail
GOVMAP=$1
TRIALS=${2:-20}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
. "$root/tests/reliability/small_maps.sh"
. "$root/tests/reliability/kill_moments.sh"

"$GOVMAP" build "$maps" -o "$work/ref" >/dev/null
start=$(date +%s%N)
"$GOVMAP" build "$maps" -o "$work/timing" >/dev/null
span_us=$(( ($(date +%s%N) - start) / 1000 ))

complete() {  # every visible output in $1 equals the reference
  local out=$1 f rel
  while IFS= read -r f; do
    rel=${f#"$out"/}
    case "$rel" in govmap*.db|govmap*.db.building*|.govmap-build.json) continue ;; esac
    cmp -s "$f" "$work/ref/$rel" || { echo "truncated or wrong output: $rel"; return 1; }
  done < <(find "$out" -type f ! -name '.*')
}

for i in $(seq 1 "$TRIALS"); do
  rm -rf "$work/t"
  "$GOVMAP" build "$maps" -o "$work/t" >/dev/null 2>&1 &
  pid=$!
  sleep "$(kill_delay "$i" "$TRIALS" "$span_us" 1.1)"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ -d "$work/t" ] || continue
  complete "$work/t" || { echo "trial $i"; exit 1; }
  for db in "$work"/t/govmap*.db; do
    [ -f "$db" ] || continue
    [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || { echo "trial $i: damaged database $db"; exit 1; }
  done
  "$GOVMAP" build "$maps" -o "$work/t" >/dev/null
  complete "$work/t" || { echo "trial $i, after the rebuild"; exit 1; }
  left=$(find "$work/t" -name '.*.tmp-*' -o -name 'govmap*.db.building*')
  [ -z "$left" ] || { echo "trial $i: temporary files left: $left"; exit 1; }
  "$GOVMAP" build "$maps" -o "$work/t" --check >/dev/null || { echo "trial $i: --check fails after the rebuild"; exit 1; }
done
echo "kill_build: $TRIALS kills, no truncated output, the next build always completed"
