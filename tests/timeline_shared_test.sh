#!/usr/bin/env bash
# govmap timeline on the real ODS/ONS files of ../shared/data: the CCG count on
# 1 April of each year from 2013 to 2022 is the one the files' README checks
# (211 ... 106), with every ODS extract dated by its own contents (no --as-of
# but for the care-trust file, which records no closure).
# Usage: timeline_shared_test.sh GOVMAP SOURCE_DIR
# Exits 77 (CTest: skipped) when ../shared/data is absent, saying so.
set -eu
govmap=$1
src=$2
data=${GOVMAP_SHARED_DIR:-$src/../shared}/data
if [ ! -f "$data/README.md" ]; then
  echo "SKIPPED: $data is absent; the timeline on the real files is not tested"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
db="$work/shared.db"
"$govmap" --db "$db" import "$data"/ons_*.csv >/dev/null 2>&1 || fail "ONS import"
"$govmap" --db "$db" import "$data"/ods_etr_*.csv "$data"/ods_eccg_*.csv >/dev/null 2>"$work/ods.err" ||
  fail "ODS import: $(cat "$work/ods.err")"
grep -q "ods_eccg_2025.csv: note: no --as-of given; taking the extract as of 2024-07-24" "$work/ods.err" ||
  fail "the eccg file's own date was not said"
"$govmap" --db "$db" import --as-of 2023-07-01 "$data"/ods_ect_2023.csv >/dev/null 2>&1 || fail "ect import"
"$govmap" --db "$db" import "$data"/ods_succ_2026.csv >/dev/null 2>&1 || fail "succ import"

"$govmap" --db "$db" timeline --kind ccg --from 2013-04-01 --to 2022-07-01 --every year \
  --format csv >"$work/ccg.csv"
cat >"$work/want.csv" <<'CSV'
date,ccg
2013-04-01,211
2014-04-01,211
2015-04-01,209
2016-04-01,209
2017-04-01,207
2018-04-01,195
2019-04-01,191
2020-04-01,135
2021-04-01,106
2022-04-01,106
CSV
diff -u "$work/want.csv" "$work/ccg.csv" || fail "CCG counts by year differ"
# On 1 July 2022 the CCGs became sub-ICB locations: 0 CCGs, 106 sub-ICB locations.
"$govmap" --db "$db" timeline --kind ccg,sub_icb_location --from 2022-06-30 --to 2022-07-01 \
  --format csv >"$work/switch.csv"
printf 'date,ccg,sub_icb_location\n2022-06-30,106,0\n2022-07-01,0,106\n' | diff -u - "$work/switch.csv" ||
  fail "the 2022 switch is wrong"
echo "ok: CCGs 211 (2013) ... 106 (2022), then 106 sub-ICB locations"
