#!/usr/bin/env bash
# The print layout in headless Chromium: the SYB and Frimley pictures (both
# dates, side by side, what changed), rendered with --page a3, are opened in a
# harness page that measures, in the browser, the printed size of every text
# element of the SVG (the SVG is sized to the page in mm, so the browser's
# scale from SVG units to CSS pixels gives the printed size); and they are
# printed to PDF by Chromium on A3 landscape. Checks: the SVG is A3 landscape,
# the key bodies are present, the smallest text the browser draws equals what
# govmap reported on standard output, the PDF has one A3 page; and records the
# table of printed text sizes. The pictures that reach 6 pt on their page
# (A3 landscape; A4 for the one-council view) are asserted to stay there; the
# others are recorded (docs/diagrams.md says how far they are).
# Usage: print_chromium_test.sh GOVMAP_BINARY SOURCE_DIR
# Exits 77 (CTest: skipped) when chromium is not installed.
set -euo pipefail
govmap=$1
src=$2
chromium=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$chromium" ]]; then
  echo "SKIPPED: chromium is not installed (apt-get install -y chromium); print layout not tested"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chrome() {
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" "$@" 2>/dev/null
}
fail() { echo "FAIL: $*"; exit 1; }

"$govmap" --db "$work/m.db" import "$src/maps/south-yorkshire-bassetlaw" "$src/maps/frimley" >/dev/null

# name | render arguments | bodies that must be drawn | "6" when it must print at 6 pt or more
cases=(
  "syb-2018|--at 2018-08-08 --area QF7|b-QF7 b-02P b-la-sheffield b-RHQ b-X24|6"
  "syb-2022|--at 2022-07-01 --area QF7|b-QF7 b-la-sheffield b-RHQ b-X24|6"
  "syb-before-after|--from 2018-08-08 --to 2022-07-01 --area QF7|b-1_3A-QF7 b-2_3A-QF7 b-1_3A-02P b-2_3A-RHQ|6"
  "syb-what-changed|--from 2018-08-08 --to 2022-07-01 --area QF7 --diff|b-QF7 b-02P b-RHQ|6"
  "frimley-2018|--at 2018-08-08 --area QNQ|b-QNQ|6"
  "frimley-2022|--at 2022-07-01 --area QNQ|b-QNQ|6"
  "frimley-what-changed|--from 2018-08-08 --to 2022-07-01 --area QNQ --diff|b-QNQ|6"
  "sheffield-council|--council la-sheffield --at 2022-07-01 --page a4|b-la-sheffield|6"
)
names=()
readable=()
for c in "${cases[@]}"; do
  IFS='|' read -r name args ids must <<<"$c"
  [[ "$must" == 6 ]] && readable+=("$name")
  page=a3
  [[ "$args" == *"--page"* ]] || args="$args --page a3"
  # shellcheck disable=SC2086
  "$govmap" --db "$work/m.db" render $args -o "$work/$name.svg" >"$work/$name.out" 2>"$work/$name.err"
  # shellcheck disable=SC2086
  "$govmap" --db "$work/m.db" render $args -o "$work/$name.pdf" >/dev/null 2>&1
  # The two dates print on two A3 landscape pages, one above the other, and
  # say so (render_two_dates_for_print); every other picture on one page.
  if [[ "$name" == syb-before-after ]]; then
    grep -q -E 'width="420.0mm" height="594.0mm"' "$work/$name.svg" ||
      fail "$name.svg is not two A3 landscape pages"
    grep -q '(2 pages A3 landscape, one per date, smallest text' "$work/$name.out" ||
      fail "$name: govmap did not say it wrote two pages: $(cat "$work/$name.out")"
  else
    grep -q -E 'width="(420.0|297.0)mm" height="(297.0|210.0)mm"' "$work/$name.svg" ||
      fail "$name.svg is not sized to its page"
  fi
  # Graphviz writes '-' in ids as the entity &#45;.
  for id in $ids; do
    grep -q -F "id=\"$(sed 's/-/\&#45;/g' <<<"$id")\"" "$work/$name.svg" || fail "$name.svg lacks $id"
  done
  # The PDF has one page of the paper's size (A3 1191 x 842 pt, A4 842 x 595 pt),
# to within 5 pt: Graphviz rounds the scaled drawing and its margins.
  python3 - "$work/$name.pdf" "$args" <<'PY' || fail "$name.pdf is not one page of its paper"
import re, sys
d = open(sys.argv[1], 'rb').read()
boxes = [tuple(float(x) for x in m.split()) for m in re.findall(rb'/MediaBox\s*\[([^\]]*)\]', d)]
want = (842, 595) if '--page a4' in sys.argv[2] else (1191, 842)
assert len(boxes) == 1, boxes
w, h = boxes[0][2] - boxes[0][0], boxes[0][3] - boxes[0][1]
assert abs(w - want[0]) <= 5 and abs(h - want[1]) <= 5, (w, h)
PY
  names+=("$name")
done

# The harness opens each SVG in a frame of the page's size in CSS pixels
# (96 per inch) and reports, per picture, the smallest font size the browser
# draws, converted to printed points (CSS px * 0.75), and whether the frame
# shows text at all.
{
  echo '<!DOCTYPE html><html><body><pre id="out">waiting</pre><script>'
  echo 'var names = ['
  for n in "${names[@]}"; do echo "'$n',"; done
  echo '];'
  cat <<'JS'
var out = [], i = 0;
function next() {
  if (i == names.length) { document.getElementById('out').textContent = out.join('\n'); return; }
  var n = names[i++], f = document.createElement('iframe');
  f.style.border = '0';
  f.onload = function () {
    var d = f.contentDocument, svg = d.documentElement;
    var w = svg.width.baseVal, h = svg.height.baseVal;
    w.convertToSpecifiedUnits(SVGLength.SVG_LENGTHTYPE_MM);
    h.convertToSpecifiedUnits(SVGLength.SVG_LENGTHTYPE_MM);
    var texts = d.getElementsByTagName('text'), smallest = 1e9, count = 0;
    for (var k = 0; k < texts.length; k++) {
      var t = texts[k];
      if (!t.textContent.trim()) continue;
      var px = parseFloat(f.contentWindow.getComputedStyle(t).fontSize) * t.getScreenCTM().a;
      count++;
      if (px < smallest) smallest = px;
    }
    out.push(n + ' page=' + w.valueInSpecifiedUnits.toFixed(0) + 'x' +
             h.valueInSpecifiedUnits.toFixed(0) + 'mm texts=' + count +
             ' smallest_pt=' + (smallest * 0.75).toFixed(2));
    f.remove();
    next();
  };
  // The frame is the page: 420 x 297 mm at 96 CSS px per inch.
  f.width = 1587; f.height = 1123;
  f.src = n + '.svg';
  document.body.appendChild(f);
}
next();
JS
  echo '</script></body></html>'
} >"$work/harness.html"
chrome --allow-file-access-from-files --virtual-time-budget=20000 --window-size=1700,1200 \
  --dump-dom "file://$work/harness.html" >"$work/dom.html"
grep -q 'smallest_pt=' "$work/dom.html" || fail "the harness measured nothing: $(head -c 300 "$work/dom.html")"
echo "picture | page | smallest text (browser) | smallest text (govmap)"
for n in "${names[@]}"; do
  line=$(grep -o "^$n page=[^<]*" "$work/dom.html" || grep -o "$n page=[0-9x]*mm texts=[0-9]* smallest_pt=[0-9.]*" "$work/dom.html") ||
    fail "no measurement for $n"
  browser=$(sed -E 's/.*smallest_pt=([0-9.]+).*/\1/' <<<"$line")
  texts=$(sed -E 's/.*texts=([0-9]+).*/\1/' <<<"$line")
  said=$(sed -E -n 's/.*smallest text ([0-9.]+) pt.*/\1/p' "$work/$n.out")
  echo "$n | $(sed -E 's/.*page=([0-9x]+mm).*/\1/' <<<"$line") | $browser pt | $said pt"
  [[ "$texts" -gt 5 ]] || fail "$n: the browser shows no text"
  [[ -n "$said" ]] || fail "$n: govmap did not say how large the text prints"
  # The browser's measure and govmap's agree within 0.15 pt.
  python3 -c "import sys; sys.exit(0 if abs($browser - $said) <= 0.15 else 1)" ||
    fail "$n: the browser draws its smallest text at $browser pt, govmap said $said pt"
  # Below 6 pt govmap must have said so on standard error, naming the options.
  if python3 -c "import sys; sys.exit(0 if $said < 6 else 1)"; then
    grep -q -- '--area' "$work/$n.err" || fail "$n prints under 6 pt without a warning"
  fi
done
# The pictures that reach 6 pt stay there (the browser's measure and
# govmap's agree, checked above).
for n in "${readable[@]}"; do
  said=$(sed -E -n 's/.*smallest text ([0-9.]+) pt.*/\1/p' "$work/$n.out")
  python3 -c "import sys; sys.exit(0 if $said >= 6 else 1)" ||
    fail "$n prints its smallest text at $said pt, under 6 pt"
done
# Chromium prints the SVGs themselves, as a user who opens one and prints
# it does (each SVG carries its page's @page rule): the SYB picture and what
# changed on one A3 landscape page each, the two dates on two.
for print in "syb-2018 1" "syb-what-changed 1" "syb-before-after 2"; do
  read -r n want <<<"$print"
  chrome --allow-file-access-from-files --no-pdf-header-footer --print-to-pdf="$work/$n-chromium.pdf" \
    "file://$work/$n.svg" >/dev/null
  python3 - "$work/$n-chromium.pdf" "$want" <<'PY' || fail "Chromium did not print $n.svg on $want A3 landscape page(s)"
import re, sys
d = open(sys.argv[1], 'rb').read()
boxes = re.findall(rb'/MediaBox\s*\[([^\]]*)\]', d)
pages = len(re.findall(rb'/Type\s*/Page(?!s)', d))
assert pages == int(sys.argv[2]), (pages, sys.argv[2])
for b in boxes:
    w, h = [float(x) for x in b.split()][2:4]
    assert abs(w - 1190.55) < 3 and abs(h - 841.89) < 3, (w, h)
PY
done
echo "ok"
