#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time.
# usage: fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]      (default 60 s, all)
# Seeds come from tests/data, maps/ and, when present, ../shared/data. New
# inputs found go to build-fuzz/corpus/<target>; crashes to build-fuzz/crashes/.
# Not part of the default test run; docs/reliability.md records results.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
command -v clang++ >/dev/null || { echo "fuzz/run.sh needs clang (apt-get install clang libclang-rt-14-dev)"; exit 2; }
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGOVMAP_FUZZ=ON -DGOVMAP_TESTS=OFF >/dev/null
ninja -C build-fuzz $(cd fuzz && ls fuzz_*.cc | sed 's/\.cc$//') >/dev/null
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(cd fuzz && ls fuzz_*.cc | sed 's/\.cc$//'))
mkdir -p build-fuzz/crashes
sep=$'\x1e'
for t in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$t
  mkdir -p "$corpus"
  case $t in
    fuzz_csv)
      find tests/data maps -name '*.csv' -size -64k -exec cp {} "$corpus/" \; 2>/dev/null || true
      [ -d ../shared/data ] && for f in ../shared/data/*.csv; do head -c 20000 "$f" >"$corpus/$(basename "$f")"; done ;;
    fuzz_curated_map)
      for m in maps/* tests/data/maps/*; do
        [ -f "$m/organisations.csv" ] || continue
        { cat "$m/sources.csv"; printf '%s' "$sep"; cat "$m/organisations.csv"; printf '%s' "$sep"; cat "$m/relationships.csv"; } \
          >"$corpus/$(basename "$m")"
      done ;;
    fuzz_writers)
      for m in maps/* tests/data/maps/* tests/data/render/*; do
        [ -f "$m/organisations.csv" ] || continue
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
  echo "== $t for ${secs}s"
  "build-fuzz/fuzz/$t" "$corpus" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=4096 \
    -artifact_prefix=build-fuzz/crashes/"$t"- -print_final_stats=1 2>&1 |
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb|ERROR|SUMMARY|artifact_prefix|Test unit written" || true
done
ls build-fuzz/crashes | sed 's/^/crash: /'
