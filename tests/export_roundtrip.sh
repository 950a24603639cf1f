#!/usr/bin/env bash
# The CSV export round trip through the command line: import the shipped maps,
# `govmap export --format csv` them, import that folder into a fresh database,
# and compare the orgs, rels and sources listings byte for byte.
# Usage: export_roundtrip.sh GOVMAP REPO_ROOT
set -eu
GOVMAP=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
"$GOVMAP" --db "$work/a.db" import maps/england-national maps/south-yorkshire-bassetlaw maps/frimley >/dev/null
"$GOVMAP" --db "$work/a.db" export --format csv -o "$work/exported" >/dev/null
"$GOVMAP" --db "$work/b.db" import "$work/exported" >/dev/null
status=0
for listing in "orgs --format csv" "rels --format csv" "sources --format csv" \
               "orgs --at 2018-08-08 --format csv" "rels --at 2022-07-01 --format csv"; do
  # shellcheck disable=SC2086
  "$GOVMAP" --db "$work/a.db" $listing >"$work/a.out"
  # shellcheck disable=SC2086
  "$GOVMAP" --db "$work/b.db" $listing >"$work/b.out"
  if ! cmp -s "$work/a.out" "$work/b.out"; then
    echo "round trip changed: govmap $listing" >&2
    diff -u "$work/a.out" "$work/b.out" | head -40 >&2
    status=1
  fi
  [ -s "$work/a.out" ] || { echo "empty listing: govmap $listing" >&2; status=1; }
done
# Exporting the re-imported graph gives the same files again.
"$GOVMAP" --db "$work/b.db" export --format csv -o "$work/again" >/dev/null
for f in organisations.csv relationships.csv sources.csv; do
  cmp "$work/exported/$f" "$work/again/$f" || status=1
done
exit $status
