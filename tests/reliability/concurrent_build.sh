#!/usr/bin/env bash
# Two `govmap build` runs into one output folder at once (parallel CI jobs):
# they take turns on a lock, both succeed, and the folder ends complete and
# current.
# usage: concurrent_build.sh GOVMAP [ROUNDS]
set -euo pipefail
GOVMAP=$1
ROUNDS=${2:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
. "$root/tests/reliability/small_maps.sh"
"$GOVMAP" build "$maps" -o "$work/ref" >"$work/ref.out"
outputs=$(grep -cE '^built [^ ]+$' "$work/ref.out")
for i in $(seq 1 "$ROUNDS"); do
  rm -rf "$work/out"
  "$GOVMAP" build "$maps" -o "$work/out" >"$work/a.out" 2>&1 &
  a=$!
  "$GOVMAP" build "$maps" -o "$work/out" >"$work/b.out" 2>&1 &
  b=$!
  wait $a || { echo "round $i: first build failed:"; cat "$work/a.out"; exit 1; }
  wait $b || { echo "round $i: second build failed:"; cat "$work/b.out"; exit 1; }
  "$GOVMAP" build "$maps" -o "$work/out" --check >/dev/null || { echo "round $i: not current"; exit 1; }
  for f in $(cd "$work/ref" && find . -type f ! -name 'govmap*.db*' ! -name '.*'); do
    cmp -s "$work/ref/$f" "$work/out/$f" || { echo "round $i: $f differs"; exit 1; }
  done
  built=$(cat "$work/a.out" "$work/b.out" | grep -cE '^built [^ ]+$' || true)
  [ "$built" -eq "$outputs" ] || { echo "round $i: $built outputs built for $outputs defined"; exit 1; }
done
echo "concurrent_build: $ROUNDS rounds of two parallel builds into one folder, each output built once"
