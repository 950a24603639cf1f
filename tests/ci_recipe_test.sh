#!/usr/bin/env bash
# docs/ci.md's scheduled-update recipe, run exactly as written there, in a
# scratch git repository, with tests/fetch_server.py on 127.0.0.1 standing in
# for the publishers: new data (exit 1, one commit on a new branch), then no
# new data (exit 0, no commit), then a changed layout (exit 2, nothing changed).
# usage: ci_recipe_test.sh GOVMAP SOURCE_DIR
set -euo pipefail
GOVMAP=$1
src=$2
work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# The recipe: the sh block after the marker in docs/ci.md.
awk '/<!-- recipe: update-data.sh -->/ { on = 1; next }
     on && /^```sh$/ { inside = 1; next }
     inside && /^```$/ { exit }
     inside { print }' "$src/docs/ci.md" >"$work/update-data.sh"
grep -q 'govmap.*fetch' "$work/update-data.sh" || fail "no recipe found in docs/ci.md"

python3 "$src/tests/fetch_server.py" "$src/tests/data/fetch" --lifetime 300 >"$work/port" &
server=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(head -1 "$work/port")
[ -n "$port" ] || fail "the test server did not start"

repo=$work/repo
mkdir -p "$repo/docs"
cp -r "$src/tests/data/ci/maps" "$repo/maps"
cp -r "$src/tests/data/fetch/data" "$repo/data"
cp "$src/.gitignore" "$src/.gitattributes" "$repo/"
cd "$repo"
git init -q -b main
git config user.name test
git config user.email test@example.org
"$GOVMAP" build maps -o docs/maps >/dev/null
git add -A
git commit -q -m "initial"
export GOVMAP="$GOVMAP" GOVMAP_SUMMARY="$work/summary.md" GOVMAP_TODAY=2026-06-01

recipe() {  # recipe BASE_URL_DIR EXPECTED_EXIT
  local rc=0
  GOVMAP_FETCH_BASE_URL="http://127.0.0.1:$port/files/$1" timeout 120 bash "$work/update-data.sh" \
    >"$work/out" 2>&1 || rc=$?
  [ "$rc" -eq "$2" ] || { cat "$work/out"; fail "$1: exit $rc, expected $2"; }
  echo "ok: $1 (exit $rc)"
}

recipe new-release 1
[ "$(git rev-list --count HEAD)" -eq 2 ] || fail "new data: no commit"
git rev-parse --abbrev-ref HEAD | grep -q '^data-update-' || fail "new data: not on a new branch"
git show --stat HEAD | grep -q 'data/etr.csv' || fail "new data: etr.csv not committed"
git show --stat HEAD | grep -q 'docs/maps/national/distance.csv' || fail "new data: outputs not committed"
git log -1 --format=%B | grep -q 'Bodies opened' || fail "new data: the summary is not in the commit"
grep -q 'RFF' docs/maps/national/distance.csv || fail "new data: the table does not show the new trust"
[ -z "$(git status --porcelain)" ] || fail "new data: uncommitted changes left: $(git status --porcelain)"
! git ls-files | grep -qE 'govmap.*\.db|fetch' || fail "new data: a database or lock was committed"
"$GOVMAP" build maps -o docs/maps --check >/dev/null || fail "new data: outputs not current"

recipe new-release 0
[ "$(git rev-list --count HEAD)" -eq 2 ] || fail "no new data: a commit was made"
grep -q 'no new data' "$work/out" || fail "no new data: not said"

head=$(git rev-parse HEAD)
git checkout -q main
recipe changed-layout 2
grep -q 'layout changed' "$work/out" || fail "changed layout: not said"
[ "$(git rev-parse main)" = "$(git rev-parse HEAD)" ] || fail "changed layout: a commit was made"
[ -z "$(git status --porcelain)" ] || fail "changed layout: files changed: $(git status --porcelain)"
echo "ci recipe: all cases passed ($head)"
