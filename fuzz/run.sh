#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time.
# usage: fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]      (default 60 s, all)
# Environment:
#   FUZZ_JOBS  how many targets run at once (default 1; CI and campaigns use 2)
#   FUZZ_WORK  folder for corpus/<target>, crashes/ and logs/<target>.log
#              (default build-fuzz; a long campaign keeps them outside the repo)
#   FUZZ_NICE  run the targets under nice -n FUZZ_NICE (e.g. 19 for a campaign)
#   FUZZ_ARGS  more libFuzzer flags, e.g. "-fork=1 -ignore_crashes=1" to go on
#              after a finding
# Seeds come from tests/data, maps/ and, when present, ../shared/data. Exits 1
# when a target crashed or a sanitizer reported (crash inputs in crashes/).
# docs/reliability.md records results.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
jobs=${FUZZ_JOBS:-1}
work=${FUZZ_WORK:-build-fuzz}
command -v clang++ >/dev/null || { echo "fuzz/run.sh needs clang (apt-get install clang libclang-rt-14-dev libexpat1-dev)"; exit 2; }
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGOVMAP_FUZZ=ON -DGOVMAP_TESTS=OFF >/dev/null
# Quiet when it builds; the compiler's messages when it does not.
if ! build_log=$(ninja -C build-fuzz $(cd fuzz && ls fuzz_*.cc | sed 's/\.cc$//') 2>&1); then
  printf '%s\n' "$build_log" | grep -v '^\[' >&2
  echo "fuzz/run.sh: the fuzz targets did not build (clang; see above)" >&2
  exit 2
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(cd fuzz && ls fuzz_*.cc | sed 's/\.cc$//'))
mkdir -p "$work/crashes" "$work/logs"
nice_cmd=()
[ -n "${FUZZ_NICE:-}" ] && nice_cmd=(nice -n "$FUZZ_NICE")
sep=$'\x1e'
# Graphviz, pango and fontconfig keep caches for the life of the process
# (fuzz_writers renders SVG): the test suite's leak suppressions apply here too.
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

seed() {  # seed TARGET CORPUS
  local t=$1 corpus=$2
  case $t in
    fuzz_csv)
      find tests/data maps -name '*.csv' -size -64k -exec cp {} "$corpus/" \; 2>/dev/null || true
      [ -d ../shared/data ] && for f in ../shared/data/*.csv; do head -c 20000 "$f" >"$corpus/$(basename "$f")"; done ;;
    fuzz_curated_map|fuzz_writers)
      for m in maps/* tests/data/maps/* tests/data/render/*; do
        [ -f "$m/organisations.csv" ] || continue
        [ "$t" = fuzz_curated_map ] && [[ $m == tests/data/render/* ]] && continue
        { cat "$m/sources.csv"; printf '%s' "$sep"; cat "$m/organisations.csv"; printf '%s' "$sep"; cat "$m/relationships.csv"; } \
          >"$corpus/$(basename "$m")"
      done ;;
    fuzz_escape)
      printf '<script>alert(1)</script> "];x[' >"$corpus/hostile"
      printf 'javascript:alert(1)' >"$corpus/js-url"
      printf 'https://example.org/a b' >"$corpus/url" ;;
    fuzz_data_import)
      for f in tests/data/ods/*.csv tests/data/ons/*.csv; do [ -f "$f" ] && head -c 30000 "$f" >"$corpus/$(basename "$f")"; done
      [ -d ../shared/data ] && for f in ../shared/data/*.csv; do head -c 30000 "$f" >"$corpus/$(basename "$f")"; done ;;
    fuzz_weights)
      for f in tests/data/weights/*.csv tests/data/*weights*.csv; do [ -f "$f" ] && cp "$f" "$corpus/"; done
      printf 'kind,layer,weight\nscrutinised_by,statutory,2\naccountable_to,shadow,1.5\n' >"$corpus/min.csv" ;;
    fuzz_map_definition)
      for f in maps/*/map.toml; do [ -f "$f" ] && cp "$f" "$corpus/$(basename "$(dirname "$f")").toml"; done
      printf '[[output]]\nname = "x"\nat = 2018-08-08\n' >"$corpus/min.toml" ;;
  esac
  return 0
}

run_target() {  # run_target TARGET: full output in logs/TARGET.log, summary on stdout
  local t=$1 corpus=$work/corpus/$1 log=$work/logs/$1.log rc=0
  mkdir -p "$corpus"
  seed "$t" "$corpus"
  echo "== $t for ${secs}s (log: $log)"
  "${nice_cmd[@]}" "build-fuzz/fuzz/$t" "$corpus" -max_total_time="$secs" -max_len=65536 \
    -rss_limit_mb=3072 -timeout=120 -artifact_prefix="$work/crashes/$t-" -print_final_stats=1 \
    ${FUZZ_ARGS:-} >"$log" 2>&1 || rc=$?
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|ERROR|SUMMARY|Test unit written" "$log" | sed "s/^/$t: /" || true
  echo "== $t finished (exit $rc)"
  return $rc
}

failed=0
running=0
for t in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
  run_target "$t" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
if [ -n "$(ls -A "$work/crashes")" ]; then
  ls "$work/crashes" | sed 's/^/crash: /'
  failed=1
fi
exit $failed
