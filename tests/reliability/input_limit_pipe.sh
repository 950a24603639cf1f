#!/usr/bin/env bash
# The input size limit counts bytes actually read: a FIFO or pipe has no size
# to look at, so an endless one must be stopped at the limit (exit 2, a
# message), not read until memory runs out.
# usage: input_limit_pipe.sh GOVMAP
set -euo pipefail
GOVMAP=$1
work=$(mktemp -d)
writer=
trap '[ -n "$writer" ] && kill "$writer" 2>/dev/null; rm -rf "$work"' EXIT

mkfifo "$work/endless.csv"
# An endless stream of ODS-like rows; 1 MiB limit so the test is quick.
yes 'A1B,Some trust,Y56,Q71,1 Road,,,,,,,LS1 1AA,20130401,,,,,,,,,,,,,,' >"$work/endless.csv" 2>/dev/null &
writer=$!
set +e
GOVMAP_MAX_INPUT_BYTES=1048576 "$GOVMAP" --db "$work/t.db" import --format ods-etr --as-of 2020-04-01 \
  "$work/endless.csv" >/dev/null 2>"$work/err"
rc=$?
set -e
kill "$writer" 2>/dev/null || true
writer=
[ $rc = 2 ] || { echo "expected exit 2, got $rc"; cat "$work/err"; exit 1; }
grep -q "more than 1 MiB read" "$work/err" || { echo "unclear message:"; cat "$work/err"; exit 1; }
[ ! -e "$work/t.db" ] || [ ! -s "$work/t.db" ] || { echo "the failed first import left a database"; exit 1; }
echo "input_limit_pipe: an endless FIFO is stopped at the input limit with a message"
