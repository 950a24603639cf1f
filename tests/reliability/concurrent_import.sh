#!/usr/bin/env bash
# Concurrent runs: two processes importing different maps into one database at
# once (as parallel CI jobs do) must both land, also when the database does not
# exist yet (2 to 4 first imports started together: the schema is created
# under the same write lock as the data); and a lock that cannot be had in time
# gives a clear message and exit code 2.
# usage: concurrent_import.sh GOVMAP [ROUNDS]
set -euo pipefail
GOVMAP=$1
ROUNDS=${2:-10}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"

"$GOVMAP" --db "$work/seq.db" import maps/england-national maps/south-yorkshire-bassetlaw maps/frimley >/dev/null
"$GOVMAP" --db "$work/seq.db" rels --format csv >"$work/seq.txt"
for i in $(seq 1 "$ROUNDS"); do
  rm -f "$work"/c.db*
  "$GOVMAP" --db "$work/c.db" import maps/england-national >/dev/null
  "$GOVMAP" --db "$work/c.db" import maps/south-yorkshire-bassetlaw >"$work/a.out" 2>&1 &
  a=$!
  "$GOVMAP" --db "$work/c.db" import maps/frimley >"$work/b.out" 2>&1 &
  b=$!
  wait $a || { echo "round $i: first import failed:"; cat "$work/a.out"; exit 1; }
  wait $b || { echo "round $i: second import failed:"; cat "$work/b.out"; exit 1; }
  "$GOVMAP" --db "$work/c.db" rels --format csv >"$work/c.txt"
  cmp -s "$work/seq.txt" "$work/c.txt" || { echo "round $i: a write was lost"; exit 1; }
done

# First imports into a database that does not exist yet: 2, 3 or 4 different
# maps at once. Four copies of the example map with their own ids (m1-..m4-)
# and no identifiers are independent of each other.
python3 - "$work" <<'PY'
import csv, os, sys
work = sys.argv[1]
for k in range(1, 5):
    d = os.path.join(work, "maps", "m%d" % k)
    os.makedirs(d)
    for name in ("sources", "organisations", "relationships"):
        with open("maps/example/%s.csv" % name, newline="") as f:
            rows = list(csv.reader(f))
        head = rows[0]
        for r in rows[1:]:
            for col in ("id", "from", "to"):
                if name != "sources" and col in head and r[head.index(col)]:
                    r[head.index(col)] = "m%d-%s" % (k, r[head.index(col)])
            if "identifiers" in head:
                r[head.index("identifiers")] = ""
        with open(os.path.join(d, name + ".csv"), "w", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
PY
first_rounds=0
for i in $(seq 1 "$ROUNDS"); do
  n=$(( 2 + i % 3 ))
  maps=()
  for k in $(seq 1 $n); do maps+=("$work/maps/m$k"); done
  rm -f "$work"/s.db* "$work"/f.db*
  "$GOVMAP" --db "$work/s.db" import "${maps[@]}" >/dev/null
  "$GOVMAP" --db "$work/s.db" rels --format csv >"$work/s.txt"
  "$GOVMAP" --db "$work/s.db" orgs --format csv >>"$work/s.txt"
  pids=()
  for k in $(seq 1 $n); do
    "$GOVMAP" --db "$work/f.db" import "$work/maps/m$k" >"$work/f$k.out" 2>&1 &
    pids+=($!)
  done
  for k in $(seq 1 $n); do
    wait "${pids[$((k - 1))]}" || { echo "first imports, round $i: import of m$k failed:"; cat "$work/f$k.out"; exit 1; }
  done
  "$GOVMAP" --db "$work/f.db" rels --format csv >"$work/f.txt"
  "$GOVMAP" --db "$work/f.db" orgs --format csv >>"$work/f.txt"
  cmp -s "$work/s.txt" "$work/f.txt" || { echo "first imports, round $i ($n maps): a write was lost"; diff "$work/s.txt" "$work/f.txt" | head; exit 1; }
  first_rounds=$((first_rounds + 1))
done

# Hold the write lock from another connection; govmap must give up cleanly.
rm -f "$work"/c.db*
"$GOVMAP" --db "$work/c.db" import maps/england-national >/dev/null
(echo "BEGIN IMMEDIATE;"; sleep 3; echo "COMMIT;") | sqlite3 "$work/c.db" &
holder=$!
sleep 0.5
set +e
GOVMAP_BUSY_TIMEOUT_MS=300 "$GOVMAP" --db "$work/c.db" import maps/frimley >"$work/out" 2>"$work/err"
rc=$?
set -e
wait $holder
[ $rc = 2 ] || { echo "expected exit 2 while locked, got $rc"; cat "$work/err"; exit 1; }
grep -q "the database is locked by another process" "$work/err" || { echo "unclear lock message:"; cat "$work/err"; exit 1; }
echo "concurrent_import: $ROUNDS rounds of two parallel imports and $first_rounds rounds of 2-4 parallel first imports into a new file, no lost writes; lock timeout reported clearly"
