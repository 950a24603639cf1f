#!/usr/bin/env bash
# Crash safety: SIGKILL `govmap import` at random moments, many times. After
# every kill the database must open, pass PRAGMA integrity_check, and hold
# either all of the old data or all of the new — never a mix.
# usage: kill_import.sh GOVMAP [TRIALS]
set -euo pipefail
GOVMAP=$1
TRIALS=${2:-40}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"

"$GOVMAP" --db "$work/old.db" import maps/england-national >/dev/null
cp "$work/old.db" "$work/new.db"
"$GOVMAP" --db "$work/new.db" import maps/south-yorkshire-bassetlaw maps/frimley >/dev/null
listing() { "$GOVMAP" --db "$1" rels --format csv; "$GOVMAP" --db "$1" orgs --format csv; }
listing "$work/old.db" >"$work/old.txt"
listing "$work/new.db" >"$work/new.txt"
cmp -s "$work/old.txt" "$work/new.txt" && { echo "old and new listings must differ"; exit 1; }

# How long one import takes, to spread the kills over it.
start=$(date +%s%N)
cp "$work/old.db" "$work/t.db"
"$GOVMAP" --db "$work/t.db" import maps/south-yorkshire-bassetlaw maps/frimley >/dev/null
span_us=$(( ($(date +%s%N) - start) / 1000 ))

old=0 new=0
for i in $(seq 1 "$TRIALS"); do
  rm -f "$work"/t.db*
  cp "$work/old.db" "$work/t.db"
  "$GOVMAP" --db "$work/t.db" import maps/south-yorkshire-bassetlaw maps/frimley >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v s="$span_us" -v r="$RANDOM" 'BEGIN { printf "%.6f", (r % 1000) / 1000 * s * 1.2 / 1e6 }')"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  check=$(sqlite3 "$work/t.db" "PRAGMA integrity_check")
  [ "$check" = ok ] || { echo "trial $i: integrity_check: $check"; exit 1; }
  listing "$work/t.db" >"$work/t.txt"
  if cmp -s "$work/t.txt" "$work/old.txt"; then old=$((old + 1))
  elif cmp -s "$work/t.txt" "$work/new.txt"; then new=$((new + 1))
  else echo "trial $i: the database holds a mix of old and new data"; diff "$work/old.txt" "$work/t.txt" | head; exit 1
  fi
done
echo "kill_import: $TRIALS kills, database intact every time ($old held the old data, $new the new)"
