#!/usr/bin/env bash
# Loads govmap report pages in headless Chromium: the diagram is present, the
# date control switches it, clicking a body highlights its accountability path,
# hostile names stay text, the timeline and its chart are there, and a
# screenshot is taken.
# Usage: report_chromium_test.sh GOVMAP_BINARY SOURCE_DIR [SHIPPED_OUT]
# SHIPPED_OUT: a finished `govmap build` of the shipped maps (CTest fixture).
# Exits 77 (CTest: skipped) when chromium is not installed.
set -euo pipefail
govmap=$1
src=$2
chromium=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$chromium" ]]; then
  echo "SKIPPED: chromium is not installed (apt-get install -y chromium); report page not tested"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chrome() {
  timeout "${chrome_timeout:-120}" "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" "$@" 2>/dev/null
}
fail() { echo "FAIL: $*"; exit 1; }

"$govmap" --db "$work/ex.db" import "$src/maps/example" >/dev/null
"$govmap" --db "$work/ex.db" report --from 2012-01-01 --to 2020-01-01 -o "$work/ex.html" >/dev/null
[[ -s "$work/ex.html" ]] || fail "no report written"
grep -q -E '(src|href)="https?://' "$work/ex.html" && grep -E -o '<(script|link|img)[^>]*(src|href)="https?://[^"]*"' "$work/ex.html" && fail "the page loads something from the network"

# The first date is shown at load.
chrome --virtual-time-budget=3000 --dump-dom "file://$work/ex.html" > "$work/dom1.html"
grep -q 'data-showing="1"' "$work/dom1.html" || fail "the page did not show the first date"
grep -q '<section class="view" data-view="1" id="view-1">' "$work/dom1.html" || fail "first diagram hidden"
grep -q '<section class="view" data-view="2" id="view-2" hidden' "$work/dom1.html" || fail "second diagram not hidden"
grep -q '<svg' "$work/dom1.html" || fail "no diagram in the page"
grep -q 'id="b-1-la-sheffield"' "$work/dom1.html" || fail "the 2012 diagram lacks Sheffield City Council"

# The date control switches to the second date; selecting NHS England
# highlights its path up to the voters (minister, Parliament, electorate) and
# nothing else (the CCG below it, the council beside it).
chrome --virtual-time-budget=3000 --dump-dom "file://$work/ex.html#date=2&select=X24" > "$work/dom2.html"
grep -q 'data-showing="2"' "$work/dom2.html" || fail "the date control did not switch"
grep -q '<section class="view" data-view="1" id="view-1" hidden' "$work/dom2.html" || fail "first diagram still shown"
grep -q '<section class="view" data-view="2" id="view-2">' "$work/dom2.html" || fail "second diagram not shown"
grep -q 'class="diagram highlighting"' "$work/dom2.html" || fail "clicking a body highlighted nothing"
for id in b-2-X24 b-2-sos-health b-2-parliament b-2-electorate-england; do
  grep -q "id=\"$id\" class=\"node [^\"]* hl\"" "$work/dom2.html" || fail "$id not highlighted"
done
for id in b-2-03N b-2-la-sheffield; do
  grep -q "id=\"$id\" class=\"node [^\"]* hl\"" "$work/dom2.html" && fail "$id is off the path but highlighted"
done

# The timeline: the example's changes from 2012 to 2020, in date order, with
# the chart of the main body's distance (its SVG well-formed XML).
grep -q '<section id="timeline">' "$work/dom1.html" || fail "no timeline section"
grep -q '<div class="timeline-chart" id="timeline-chart">' "$work/dom1.html" || fail "no timeline chart"
timeline_dates() { grep -o '<tr><td>[0-9-]*</td><td><ul>' "$1" | grep -o '[0-9]\{4\}-[0-9-]*'; }
[[ "$(timeline_dates "$work/dom1.html" | paste -sd,)" == "2012-10-01,2013-04-01,2018-01-08" ]] ||
  fail "timeline dates: $(timeline_dates "$work/dom1.html" | paste -sd,)"
grep -q '<li>NHS Sheffield CCG opened (ccg)</li>' "$work/dom1.html" || fail "the timeline lacks the CCG opening"
grep -q '<li>NHS Commissioning Board was renamed NHS England</li>' "$work/dom1.html" || fail "the timeline lacks the rename"
chart_xml() {
  python3 - "$1" <<'PY' || fail "the timeline chart of $1 is not well-formed XML"
import re, sys, xml.dom.minidom
page = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<div class="timeline-chart" id="timeline-chart">\s*(<svg.*?</svg>)', page, re.S)
if not m: sys.exit("no chart SVG")
xml.dom.minidom.parseString(m.group(1).encode("utf-8"))
PY
}
chart_xml "$work/ex.html"

chrome --window-size=1400,1000 --screenshot="$work/shot.png" "file://$work/ex.html#date=2" >/dev/null
[[ -s "$work/shot.png" ]] || fail "no screenshot"
mkdir -p "${GOVMAP_TEST_ARTIFACTS:-$work}" && cp "$work/shot.png" "${GOVMAP_TEST_ARTIFACTS:-$work}/report.png"

# Hostile names, notes and sources stay text in the live page.
"$govmap" --db "$work/h.db" import "$src/tests/data/render/hostile" >/dev/null
"$govmap" --db "$work/h.db" report --from 2015-01-01 --to 2022-01-01 -o "$work/h.html" >/dev/null
chrome --virtual-time-budget=3000 --dump-dom "file://$work/h.html" > "$work/domh.html"
grep -q '<svg' "$work/domh.html" || fail "no diagram in the hostile page"
grep -q -i '<script>alert' "$work/domh.html" && fail "hostile markup reached the page"
grep -q -i '<img>' "$work/domh.html" && fail "hostile markup reached the page"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$work/domh.html" || fail "the hostile name is not shown as text"
[[ $(grep -c '<script' "$work/domh.html") -eq $(grep -c '<script' "$work/dom1.html") ]] || fail "extra script elements"
# Deep links by organisation id, and a highlight that is not dimmed: a harness
# page loads the report in a frame and writes each element's computed opacity
# into its own DOM, which --dump-dom prints.
cat > "$work/harness.html" <<'HTML'
<!DOCTYPE html><html><body><pre id="out">waiting</pre>
<iframe id="f" width="1400" height="900"></iframe>
<script>
var f = document.getElementById('f');
f.addEventListener('load', function () {
  setTimeout(function () {
    var d = f.contentDocument, out = [];
    ['b-2-X24', 'b-2-parliament', 'b-2-03N', 'b-2-la-sheffield'].forEach(function (id) {
      var e = d.getElementById(id);
      out.push(id + '=' + (e ? f.contentWindow.getComputedStyle(e).opacity : 'missing'));
    });
    var s = d.getElementById('search');
    s.value = 'sheffield';
    s.dispatchEvent(new Event('input'));
    out.push('found=' + d.querySelectorAll('#view-2 g.found').length);
    out.push('foundtext=' + d.getElementById('found').textContent);
    d.getElementById('zoom-fit').click();
    var svg = d.querySelector('#view-2 svg');
    out.push('fitwidth=' + Math.round(svg.getBoundingClientRect().width));
    document.getElementById('out').textContent = out.join(' ');
  }, 500);
});
f.src = 'ex.html' + location.hash;
</script></body></html>
HTML
chrome --allow-file-access-from-files --virtual-time-budget=5000 --dump-dom "file://$work/harness.html#date=2&select=X24" > "$work/domh2.html"
grep -q 'b-2-X24=1 ' "$work/domh2.html" || fail "the selected body is dimmed: $(grep -o 'b-2-X24=[^ ]*' "$work/domh2.html")"
grep -q 'b-2-parliament=1 ' "$work/domh2.html" || fail "a body on the path is dimmed"
grep -q 'b-2-03N=0.2 ' "$work/domh2.html" || fail "a body off the path is not dimmed"
grep -q 'found=[1-9]' "$work/domh2.html" || fail "the search box found nothing for 'sheffield'"
grep -q 'foundtext=[1-9][0-9]* bod' "$work/domh2.html" || fail "the search box does not say how many it found"
width=$(grep -o 'fitwidth=[0-9]*' "$work/domh2.html" | cut -d= -f2)
[[ -n "$width" && "$width" -le 1400 && "$width" -gt 100 ]] || fail "fit did not fit the picture to the frame (width $width)"

# Every shipped output opens without an error: the reports and each SVG, in
# one Chromium run (a harness page loads each in a frame and writes what it
# found into its own DOM; one launch per page took minutes).
if [[ -n "${3:-}" ]]; then
  cp -r "$3" "$work/maps"
else
  "$govmap" build "$src/maps" -o "$work/maps" >/dev/null
fi
cat > "$work/pages.html" <<'HTML'
<!DOCTYPE html><html><body><pre id="out">waiting</pre>
<iframe id="f" width="1200" height="800"></iframe>
<script>
var pages = location.hash.slice(1).split(',').map(decodeURIComponent);
var f = document.getElementById('f'), out = [], i = 0;
function next() {
  if (i >= pages.length) { document.getElementById('out').textContent = 'DONE\n' + out.join('\n'); return; }
  f.onload = function () {
    var d = f.contentDocument, r = 'ok';
    if (!d || !d.documentElement) r = 'no document';
    else if (d.getElementsByTagName('parsererror').length ||
             /This page contains the following errors/.test(d.documentElement.textContent))
      r = 'error: ' + d.documentElement.textContent.replace(/\s+/g, ' ').slice(0, 300);
    else if (!d.querySelector('svg')) r = 'no picture';
    out.push(r + '\t' + pages[i]);
    i++; setTimeout(next, 0);
  };
  f.src = pages[i];
}
next();
</script></body></html>
HTML
shopt -s nullglob
pages=("$work"/maps/*/*.html "$work"/maps/*/*.svg)
(( ${#pages[@]} >= 30 )) || fail "expected the shipped maps' pages, found ${#pages[@]}"
list=$(printf '%s\n' "${pages[@]}" | sed "s|^$work/||" | paste -sd,)
chrome_timeout=600 chrome --allow-file-access-from-files --virtual-time-budget=300000 --dump-dom \
  "file://$work/pages.html#$list" > "$work/pages-dom.html"
grep -q 'DONE' "$work/pages-dom.html" || fail "the page harness did not finish"
opened=$(grep -c $'^ok\t' "$work/pages-dom.html" || true)
if grep -E $'^(error|no picture|no document)' "$work/pages-dom.html"; then
  fail "shipped pages do not open (above)"
fi
(( opened == ${#pages[@]} )) || fail "opened $opened of ${#pages[@]} pages"
echo "opened ${#pages[@]} shipped pages without an error"
# Every shipped report has its timeline, in date order, and its chart.
for r in "$work"/maps/*/*.html; do
  grep -q '<section id="timeline">' "$r" || fail "$r has no timeline"
  grep -q '<div class="timeline-chart" id="timeline-chart">' "$r" || fail "$r has no timeline chart"
  chart_xml "$r"
  dates=$(timeline_dates "$r")
  [[ -n "$dates" ]] || fail "$r: the timeline lists no change"
  [[ "$dates" == "$(sort -u <<<"$dates")" ]] || fail "$r: timeline dates out of order or repeated"
done
# The SYB report selects Chesterfield Royal by its ODS code on the second date,
# and its distance row agrees with `govmap compare` ("further").
syb="$work/maps/south-yorkshire-bassetlaw/syb-report.html"
chrome --virtual-time-budget=4000 --dump-dom "file://$syb#date=2&select=RFS" > "$work/syb.html"
grep -q 'id="b-2-RFS" class="node [^"]* hl"' "$work/syb.html" || fail "#select=RFS did not select Chesterfield Royal"
grep -q 'Chesterfield Royal Hospital NHS Foundation Trust</td><td>foundation trust</td><td class="num">4</td><td class="num">5</td><td>further' "$syb" || fail "the report does not say Chesterfield Royal moved further"
# The 2022 SYB picture in the report shows the area's trusts and councils.
for id in b-2-RHQ b-2-RP5 b-2-la-sheffield b-2-hwb-doncaster b-2-icp-sy b-2-Y63; do
  grep -q "id=\"$id\"" "$work/syb.html" || fail "the 2022 SYB picture lacks $id"
done
grep -q '<tr><td>2022-07-01</td><td><ul>.*NHS South Yorkshire Integrated Care Board' "$syb" ||
  fail "the SYB timeline does not show the ICB formed on 2022-07-01"
# No console message (script error, refused resource) when the report opens.
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --enable-logging=stderr --v=0 --virtual-time-budget=4000 \
  --dump-dom "file://$syb#date=2" 2>"$work/syb-console.txt" >/dev/null
grep -E 'CONSOLE|Uncaught|Refused' "$work/syb-console.txt" && fail "the SYB report logs to the console (above)"
chrome --window-size=1400,1000 --screenshot="$work/syb.png" "file://$syb#date=2&select=RFS" >/dev/null
[[ -s "$work/syb.png" ]] || fail "no screenshot of the SYB report"
[[ -n "${GOVMAP_TEST_ARTIFACTS:-}" ]] && cp "$work/syb.png" "$GOVMAP_TEST_ARTIFACTS/syb-report.png"
# The print layout. Headless --dump-dom cannot emulate print media, so a
# harness page applies the report's own @media print rules on screen in a frame
# as wide as an A3 landscape page inside its margins (400 mm = 1512 CSS px) and
# measures: the controls are gone, both dates and the changes are laid out
# (printed whichever the screen shows), the timeline and its chart are there,
# and no picture is wider than the page or taller than 270 mm (1021 px).
cp "$syb" "$work/syb-report.html"
cat >"$work/print-css.html" <<'HTML'
<!DOCTYPE html><html><body><pre id="out"></pre>
<iframe id="f" style="width:1512px;height:1000px;border:0"></iframe>
<script>
var f = document.getElementById('f');
f.onload = function () {
  var d = f.contentDocument, css = '', out = [];
  for (var sheet of d.styleSheets)
    for (var rule of sheet.cssRules)
      if (rule.media && /print/.test(rule.media.mediaText))
        for (var inner of rule.cssRules)
          if (!(inner instanceof CSSPageRule)) css += inner.cssText + '\n';
  var style = d.createElement('style');
  style.textContent = css;
  d.head.appendChild(style);
  var shown = function (el) { return el && el.getBoundingClientRect().height > 0; };
  out.push('rules ' + (css.length > 0));
  out.push('controls ' + shown(d.querySelector('.controls')));
  d.querySelectorAll('section.view').forEach(function (v) {
    out.push('view ' + v.getAttribute('data-view') + ' ' + shown(v));
  });
  out.push('timeline ' + shown(d.getElementById('timeline')));
  out.push('chart ' + shown(d.getElementById('timeline-chart')));
  d.querySelectorAll('.diagram > svg').forEach(function (svg, i) {
    var r = svg.getBoundingClientRect();
    out.push('picture ' + i + ' ' + (r.width > 100 && r.width <= 1513 && r.height <= 1021));
  });
  document.getElementById('out').textContent = 'DONE\n' + out.join('\n');
};
f.src = 'syb-report.html#date=2';
</script></body></html>
HTML
chrome --allow-file-access-from-files --virtual-time-budget=10000 --dump-dom \
  "file://$work/print-css.html" > "$work/print-css-dom.html"
grep -q 'DONE' "$work/print-css-dom.html" || fail "the print harness did not finish"
expected='rules true
controls false
view 1 true
view 2 true
view diff true
timeline true
chart true
picture 0 true
picture 1 true
picture 2 true'
got=$(python3 -c 'import re,sys; print(re.search(r"<pre id=\"out\">DONE\n(.*?)</pre>", open(sys.argv[1]).read(), re.S).group(1))' "$work/print-css-dom.html")
[[ "$got" == "$expected" ]] || fail "the report's print layout: $(paste -sd' ' <<<"$got")"
# Chromium prints the report on A3 landscape pages (its @page rule), several.
chrome --allow-file-access-from-files --no-pdf-header-footer --print-to-pdf="$work/syb-report.pdf" \
  "file://$work/syb-report.html" >/dev/null
python3 - "$work/syb-report.pdf" <<'PY' || fail "Chromium did not print the SYB report on A3 landscape pages"
import re, sys
d = open(sys.argv[1], 'rb').read()
boxes = [[float(x) for x in b.split()] for b in re.findall(rb'/MediaBox\s*\[([^\]]*)\]', d)]
pages = len(re.findall(rb'/Type\s*/Page(?!s)', d))
assert pages >= 4, pages
assert all(abs(b[2] - 1190.55) < 3 and abs(b[3] - 841.89) < 3 for b in boxes), boxes
print(f"the SYB report prints on {pages} A3 landscape pages")
PY
echo "1 passed, 0 failed"
