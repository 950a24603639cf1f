#!/usr/bin/env bash
# Crash safety: SIGKILL `govmap import` at moments spread over its run. After
# every kill the database must open, pass PRAGMA integrity_check, and hold
# either all of the old data or all of the new — never a mix. Then the same for
# a first import into a database that does not exist yet: afterwards there is
# no database (no file, or an empty one, which every command treats as none) or
# the whole import, and the next import succeeds.
# usage: kill_import.sh GOVMAP [TRIALS]
set -euo pipefail
GOVMAP=$1
TRIALS=${2:-40}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
. "$root/tests/reliability/kill_moments.sh"

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
  sleep "$(kill_delay "$i" "$TRIALS" "$span_us" 1.2)"
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
# First imports: killed at moments spread over the import's duration.
start=$(date +%s%N)
"$GOVMAP" --db "$work/first.db" import maps/england-national >/dev/null
span_us=$(( ($(date +%s%N) - start) / 1000 ))
listing "$work/first.db" >"$work/first.txt"
none=0 whole=0
for i in $(seq 1 "$TRIALS"); do
  rm -f "$work"/t.db*
  "$GOVMAP" --db "$work/t.db" import maps/england-national >/dev/null 2>&1 &
  pid=$!
  sleep "$(kill_delay "$i" "$TRIALS" "$span_us" 1.2)"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  set +e
  listing "$work/t.db" >"$work/t.txt" 2>"$work/t.err"
  rc=$?
  set -e
  if [ $rc = 0 ] && cmp -s "$work/t.txt" "$work/first.txt"; then
    whole=$((whole + 1))
  elif [ $rc = 2 ] && grep -Eq "does not exist|is empty \(no import into it has finished\)" "$work/t.err"; then
    none=$((none + 1))
  else
    echo "first import, trial $i: neither no database nor the whole import (exit $rc):"; cat "$work/t.err"; head -3 "$work/t.txt"; ls -la "$work"; exit 1
  fi
  "$GOVMAP" --db "$work/t.db" import maps/england-national >/dev/null 2>"$work/t.err" ||
    { echo "first import, trial $i: the next import failed:"; cat "$work/t.err"; exit 1; }
  listing "$work/t.db" >"$work/t.txt"
  cmp -s "$work/t.txt" "$work/first.txt" || { echo "first import, trial $i: the next import is incomplete"; exit 1; }
done
echo "kill_import: $TRIALS kills, database intact every time ($old held the old data, $new the new); $TRIALS kills of a first import ($none left no database, $whole the whole import)"
