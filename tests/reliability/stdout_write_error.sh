#!/usr/bin/env bash
# Write errors on standard output: every command that prints, with stdout on a
# full device (/dev/full) or a closed pipe, must exit 2 and say so on stderr;
# a CI job running `govmap export > file` on a full disk must not see success.
# usage: stdout_write_error.sh GOVMAP
set -euo pipefail
GOVMAP=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
[ -c /dev/full ] || { echo "stdout_write_error: skipped, this system has no /dev/full"; exit 0; }

"$GOVMAP" --db "$work/t.db" import maps/england-national maps/south-yorkshire-bassetlaw >/dev/null
commands=(
  "orgs"
  "orgs --format json"
  "rels --format csv"
  "show X24"
  "sources"
  "imports"
  "export --format graphml"
  "export --format gexf"
  "export --format json"
  "export --format dot"
  "sql SELECT\ *\ FROM\ org_period"
  "distance --at 2018-08-08"
  "gaps --at 2018-08-08"
  "centrality --at 2018-08-08"
)
n=0
for c in "${commands[@]}"; do
  # shellcheck disable=SC2086
  eval "set -- $c"
  set +e
  "$GOVMAP" --db "$work/t.db" "$@" >/dev/full 2>"$work/err"
  rc=$?
  set -e
  [ $rc = 2 ] || { echo "govmap $c > /dev/full: expected exit 2, got $rc"; cat "$work/err"; exit 1; }
  grep -q "cannot write to standard output: No space left on device" "$work/err" ||
    { echo "govmap $c > /dev/full: unclear message:"; cat "$work/err"; exit 1; }
  n=$((n + 1))
done

# A small output is buffered and only fails when flushed at exit: covered too.
set +e
"$GOVMAP" --db "$work/t.db" sql "SELECT 1" >/dev/full 2>"$work/err"
rc=$?
set -e
[ $rc = 2 ] || { echo "a one-line output to /dev/full: expected exit 2, got $rc"; exit 1; }
echo "stdout_write_error: $n commands and a one-line output exit 2 with a message when stdout is full"
