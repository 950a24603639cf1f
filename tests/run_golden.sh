#!/usr/bin/env bash
# Runs one golden CLI test case: tests/golden/<case>/
#   cmd     the arguments, one line, run as: govmap $(cat cmd)   (cwd: repository root)
#   setup   optional shell lines run first; $GOVMAP is the binary, $GOVMAP_DB the database
#   stdout  expected standard output     stderr  expected standard error
#   exit    expected exit code
# Each case gets a fresh empty database in a temporary folder ($WORK).
# GOVMAP_UPDATE_GOLDEN=1 rewrites the expected files from the actual output.
# GOVMAP_WRAPPER (e.g. "valgrind -q --error-exitcode=99") wraps the command.
set -u
GOVMAP=$1
case_dir=$2
root=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export GOVMAP WORK GOVMAP_DB="$WORK/govmap.db" GOVMAP_TODAY=2026-01-01
cd "$root"
if [ -f "$case_dir/setup" ]; then
  bash -e "$case_dir/setup" >"$WORK/setup.out" 2>&1 || { echo "setup failed:"; cat "$WORK/setup.out"; exit 1; }
fi
# shellcheck disable=SC2046
eval "set -- $(cat "$case_dir/cmd")"
# GOVMAP_WRAPPER runs the command under a tool, e.g. valgrind (scripts/dev test).
# govmap executes itself again to get huge pages (cli/main.cc), and valgrind
# does not follow an exec: under a wrapper it must stay the process it is.
[ -n "${GOVMAP_WRAPPER:-}" ] && export GOVMAP_NO_HUGE_PAGES=1
# shellcheck disable=SC2086
${GOVMAP_WRAPPER:-} "$GOVMAP" "$@" >"$WORK/stdout" 2>"$WORK/stderr"
echo $? >"$WORK/exit"
# Paths under the temporary folder differ run to run; show them as $WORK.
sed -i "s|$WORK|\$WORK|g" "$WORK/stdout" "$WORK/stderr"
if [ "${GOVMAP_UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$WORK/stdout" "$WORK/stderr" "$WORK/exit" "$case_dir/"
  echo "updated $case_dir"
  exit 0
fi
status=0
for f in exit stdout stderr; do
  if ! diff -u "$case_dir/$f" "$WORK/$f"; then
    echo "golden mismatch in $(basename "$case_dir")/$f" >&2
    status=1
  fi
done
exit $status
