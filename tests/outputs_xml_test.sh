#!/usr/bin/env bash
# Every XML output of the shipped maps parses as XML, as a browser, NetworkX
# or Gephi would read it: each SVG and HTML file `govmap build maps` writes, the
# GraphML and GEXF exports of the same database, and the pictures of the
# hostile test map.
# Usage: outputs_xml_test.sh GOVMAP_BINARY SOURCE_DIR [SHIPPED_OUT]
# SHIPPED_OUT: a finished `govmap build` of the shipped maps (the CTest fixture
# tests/shipped_build.sh); built here when not given.
set -euo pipefail
govmap=$1
src=$2
command -v python3 >/dev/null || { echo "SKIPPED: python3 is not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ -n "${3:-}" ]]; then
  cp -r "$3" "$work/out"
else
  "$govmap" build "$src/maps" -o "$work/out" >/dev/null
fi
for f in graphml gexf; do
  "$govmap" --db "$work/out/govmap.db" export --format $f -o "$work/out/all.$f" >/dev/null
  "$govmap" --db "$work/out/govmap.db" export --format $f --at 2022-07-01 -o "$work/out/2022.$f" >/dev/null
done
"$govmap" --db "$work/h.db" import "$src/tests/data/render/hostile" >/dev/null
"$govmap" --db "$work/h.db" render --at 2015-01-01 -o "$work/out/hostile.svg" >/dev/null
"$govmap" --db "$work/h.db" render --from 2015-01-01 --to 2022-01-01 --diff -o "$work/out/hostile-diff.svg" >/dev/null
"$govmap" --db "$work/h.db" report --from 2015-01-01 --to 2022-01-01 -o "$work/out/hostile.html" >/dev/null

# The national picture drawn with sfdp: no two bodies overlap (overlap=prism).
"$govmap" --db "$work/out/govmap.db" render --at 2023-04-01 --engine sfdp -o "$work/out/national-sfdp.svg" >/dev/null
python3 - "$work/out/national-sfdp.svg" <<'PY'
import sys, xml.dom.minidom
boxes = []
for g in xml.dom.minidom.parse(sys.argv[1]).getElementsByTagName("g"):
    if "node" not in g.getAttribute("class").split():
        continue
    xs, ys = [], []
    for p in g.getElementsByTagName("polygon"):
        for pt in p.getAttribute("points").split():
            x, y = pt.split(",")
            xs.append(float(x)); ys.append(float(y))
    for e in g.getElementsByTagName("ellipse"):
        cx, cy, rx, ry = (float(e.getAttribute(k)) for k in ("cx", "cy", "rx", "ry"))
        xs += [cx - rx, cx + rx]; ys += [cy - ry, cy + ry]
    if xs:
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
overlaps = sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1:]
               if a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1)
if len(boxes) < 50 or overlaps:
    print(f"FAIL: sfdp national picture: {len(boxes)} bodies, {overlaps} overlapping pairs")
    sys.exit(1)
PY

python3 - "$work/out" <<'PY'
import pathlib, sys, xml.dom.minidom
root = pathlib.Path(sys.argv[1])
files = sorted(p for p in root.rglob("*") if p.suffix in (".svg", ".html", ".graphml", ".gexf"))
bad = 0
for p in files:
    try:
        xml.dom.minidom.parse(str(p))
    except Exception as e:
        print(f"FAIL: {p.relative_to(root)} is not well-formed XML: {e}")
        bad += 1
kinds = {p.suffix for p in files}
if kinds != {".svg", ".html", ".graphml", ".gexf"} or len(files) < 15:
    print(f"FAIL: expected every kind of XML output, found {len(files)} files: {sorted(kinds)}")
    bad += 1
print(f"{len(files) - bad} of {len(files)} XML outputs well-formed")
sys.exit(1 if bad else 0)
PY
