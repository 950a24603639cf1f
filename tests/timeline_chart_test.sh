#!/usr/bin/env bash
# The timeline charts as a user meets them: well-formed XML, and an SVG that
# headless Chromium opens and draws (its DOM keeps the chart's title, axes and
# lines; a screenshot is taken), for counts by kind and for one body.
# Usage: timeline_chart_test.sh GOVMAP SOURCE_DIR
# Exits 77 (CTest: skipped) when chromium is not installed.
set -euo pipefail
govmap=$1
src=$2
chromium=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$chromium" ]]; then
  echo "SKIPPED: chromium is not installed (apt-get install -y chromium); charts not opened"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
chrome() {
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --user-data-dir="$work/profile" "$@" 2>/dev/null
}
db="$work/maps.db"
"$govmap" --db "$db" import "$src/maps/england-national" "$src/maps/south-yorkshire-bassetlaw" \
  "$src/tests/data/render/hostile" >/dev/null 2>&1 ||
  "$govmap" --db "$db" import "$src/maps/example" >/dev/null
"$govmap" --db "$db" timeline --kind ccg,icb,stp,nhs_england --from 2012-01-01 --to 2024-01-01 \
  -o "$work/counts.svg" >/dev/null
"$govmap" --db "$db" timeline 03N -o "$work/body.svg" >/dev/null
for chart in counts body; do
  f="$work/$chart.svg"
  [[ -s "$f" ]] || fail "$chart: no chart written"
  python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$f" ||
    fail "$chart: not well-formed XML"
  chrome --virtual-time-budget=2000 --dump-dom "file://$f" >"$work/$chart.dom"
  grep -q '<svg' "$work/$chart.dom" || fail "$chart: Chromium did not load an SVG document"
  grep -q '<path d="M' "$work/$chart.dom" || fail "$chart: no line drawn"
  grep -q 'class="x-axis"' "$work/$chart.dom" || fail "$chart: no time axis"
  chrome --window-size=900,460 --screenshot="$work/$chart.png" "file://$f" >/dev/null
  [[ -s "$work/$chart.png" ]] || fail "$chart: no screenshot"
  mkdir -p "${GOVMAP_TEST_ARTIFACTS:-$work}" && cp "$work/$chart.png" "${GOVMAP_TEST_ARTIFACTS:-$work}/timeline-$chart.png"
done
grep -q 'NHS Sheffield CCG (03N)' "$work/body.dom" || fail "body chart lacks its title"
grep -q '>ccg (last ' "$work/counts.dom" || fail "counts chart lacks its legend"
echo "ok: both timeline charts parse as XML and open in Chromium"
