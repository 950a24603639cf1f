#!/usr/bin/env bash
# The build lock must not follow a symbolic link: with OUT/.govmap-build.lock a
# dangling link, `govmap build` must refuse (exit 2, a message naming the lock)
# and must not create the link's target outside the output folder.
# usage: build_lock_symlink.sh GOVMAP
set -euo pipefail
GOVMAP=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"

mkdir -p "$work/out"
ln -s "$work/outside-target" "$work/out/.govmap-build.lock"
set +e
"$GOVMAP" build tests/data/build/maps -o "$work/out" >"$work/stdout" 2>"$work/err"
rc=$?
set -e
[ $rc = 2 ] || { echo "expected exit 2, got $rc"; cat "$work/err"; exit 1; }
grep -q "\.govmap-build.lock' is a symbolic link; govmap will not follow it" "$work/err" ||
  { echo "unclear message:"; cat "$work/err"; exit 1; }
[ ! -e "$work/outside-target" ] || { echo "the build created the link's target outside the output folder"; exit 1; }

# A link to an existing file is refused too, and the file is left as it was.
echo keep >"$work/victim"
ln -sf "$work/victim" "$work/out/.govmap-build.lock"
set +e
"$GOVMAP" build tests/data/build/maps -o "$work/out" >/dev/null 2>&1
rc=$?
set -e
[ $rc = 2 ] || { echo "link to a file: expected exit 2, got $rc"; exit 1; }
[ "$(cat "$work/victim")" = keep ] || { echo "the link's target was changed"; exit 1; }
echo "build_lock_symlink: a symbolic link at the lock's name is refused and its target never created"
