#!/usr/bin/env bash
# govmap fetch against a local HTTP server on 127.0.0.1 (tests/fetch_server.py)
# standing in for the publishers: an unchanged release, a new one, a changed
# layout, a file that is no longer the same kind, a truncated download, a 404,
# a slow server, and a fetch killed mid-download. Every failure must leave the
# data folder exactly as it was.
# usage: fetch_test.sh GOVMAP SOURCE_DIR
set -euo pipefail
GOVMAP=$1
src=$2
fixtures=$src/tests/data/fetch
work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export GOVMAP_TODAY=2026-06-01

python3 "$src/tests/fetch_server.py" "$fixtures" --lifetime 300 >"$work/port" &
server=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(head -1 "$work/port")
[ -n "$port" ] || { echo "the test server did not start"; exit 1; }
base=http://127.0.0.1:$port

fail() { echo "FAIL: $*"; exit 1; }
fresh() { rm -rf "$work/data"; cp -r "$fixtures/data" "$work/data"; }
snapshot() { (cd "$work/data" && find . -type f ! -name .fetch.lock | sort | xargs sha256sum); }

# run CASE EXPECTED_EXIT ARGS...: runs fetch on a fresh copy of the data folder.
run() {
  local name=$1 want=$2
  shift 2
  fresh
  snapshot >"$work/before"
  local rc=0
  timeout 60 "$GOVMAP" fetch --data-dir "$work/data" "$@" >"$work/out" 2>"$work/err" || rc=$?
  [ "$rc" -eq "$want" ] || { cat "$work/out" "$work/err"; fail "$name: exit $rc, expected $want"; }
  if [ "$want" -eq 2 ]; then
    snapshot | diff -u "$work/before" - || fail "$name: the data folder changed after an error"
  fi
  echo "ok: $name (exit $rc)"
}
expect() {  # expect FILE TEXT
  grep -qF -- "$2" "$1" || { cat "$1"; fail "expected in $(basename "$1"): $2"; }
}

run "unchanged release" 0 --base-url "$base/files/unchanged"
expect "$work/out" "fetched 2 files: 0 changed, 2 unchanged (1 dated release is not fetched)"
snapshot | diff -u "$work/before" - || fail "unchanged: files were touched"

GOVMAP_FETCH_BASE_URL="$base/files/new-release" run "new release (base URL from the environment)" 1 \
  --summary "$work/summary.md"
expect "$work/out" "replaced: etr.csv (904 -> 1064 bytes, 6 -> 7 rows, snapshot 2023-07-01 -> 2026-06-01)"
expect "$work/out" "unchanged: succ.csv"
expect "$work/out" "RFF ZETA HEALTH NHS FOUNDATION TRUST (2026-04-01)"
expect "$work/out" "RBB BETA COMMUNITY NHS TRUST (2026-03-31)"
expect "$work/summary.md" "| \`etr.csv\` | changed | 904 → 1064 | 6 → 7 | 2023-07-01 → 2026-06-01 |"
expect "$work/summary.md" "**Bodies opened** (1)"
cmp -s "$work/data/etr.csv" "$fixtures/new-release/etr.csv" || fail "new release: etr.csv not replaced"
expect "$work/data/MANIFEST.toml" "sha256 = \"$(sha256sum <"$fixtures/new-release/etr.csv" | cut -c1-64)\""
expect "$work/data/MANIFEST.toml" "snapshot = 2026-06-01"
expect "$work/data/MANIFEST.toml" "downloaded = \"20"
[ -z "$(find "$work/data" -name '.*.fetch-new')" ] || fail "new release: temporary files left"
# The new data is what the importers and the next fetch see.
rc=0; "$GOVMAP" fetch --data-dir "$work/data" --base-url "$base/files/new-release" >"$work/out2" 2>&1 || rc=$?
[ $rc -eq 0 ] || { cat "$work/out2"; fail "the second fetch of the same release: exit $rc"; }

run "dry run" 1 --base-url "$base/files/new-release" --dry-run
expect "$work/out" "would replace: etr.csv"
snapshot | diff -u "$work/before" - || fail "dry run: files were touched"

run "changed layout" 2 --base-url "$base/files/changed-layout"
expect "$work/err" "etr.csv: the new release is not replacing it: its layout changed: 24 fields per row, was 27 fields per row; nothing was replaced"

run "no longer the same kind of file" 2 --base-url "$base/files/not-a-trust-file"
expect "$work/err" "etr.csv: the new release is not replacing it: it is now an ONS lookup or names file, not an ODS etr extract"

run "truncated download" 2 --base-url "$base/truncated/unchanged"
expect "$work/err" "the transfer was cut short"

run "404" 2 --base-url "$base/files/nowhere"
expect "$work/err" "/data/etr.csv: downloading $base/files/nowhere/etr.csv: the server answered HTTP 404; nothing was replaced"

start=$(date +%s)
run "slow server" 2 --base-url "$base/slow/unchanged" --stall-timeout 2
expect "$work/err" "timed out"
[ $(( $(date +%s) - start )) -lt 30 ] || fail "slow server: the timeout did not stop the download"

run "nothing listening" 2 --base-url "http://127.0.0.1:9/files/unchanged" --connect-timeout 5
expect "$work/err" "downloading http://127.0.0.1:9/files/unchanged/etr.csv"

# Killed mid-download: the old files stand, and the next fetch sweeps the partial file.
fresh
snapshot >"$work/before"
"$GOVMAP" fetch --data-dir "$work/data" --base-url "$base/slow/unchanged" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 100); do [ -n "$(find "$work/data" -name '.*.fetch-new')" ] && break; sleep 0.1; done
[ -n "$(find "$work/data" -name '.*.fetch-new')" ] || fail "killed: the download never started"
kill -9 $pid; wait $pid 2>/dev/null || true
snapshot | grep -v fetch-new | diff -u "$work/before" - || fail "killed: the old files changed"
"$GOVMAP" fetch --data-dir "$work/data" --base-url "$base/files/unchanged" >/dev/null 2>&1 ||
  fail "killed: the next fetch failed"
[ -z "$(find "$work/data" -name '.*.fetch-new')" ] || fail "killed: the partial download was left"
echo "ok: killed mid-download"

# A modified local file is refused before anything is downloaded.
fresh
echo '"RZZ"' >>"$work/data/etr.csv"
rc=0; "$GOVMAP" fetch --data-dir "$work/data" --base-url "$base/files/unchanged" >/dev/null 2>"$work/err" || rc=$?
[ $rc -eq 2 ] || fail "modified local file: exit $rc"
expect "$work/err" "etr.csv: not the file"
echo "ok: modified local file"
echo "fetch: all cases passed"
