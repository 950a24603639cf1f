#!/usr/bin/env bash
# The exports load in NetworkX: read_graphml, node_link_graph and read_gexf give
# the organisations and relationships govmap lists, and a hostile name comes
# back unchanged. Run with every Python that has NetworkX: Debian's
# /usr/bin/python3 (python3-networkx, 2.8 on Debian 12) and the python3 on PATH
# (e.g. NetworkX 3.6 from pip, which reads node-link edges from "edges" where
# 2.x reads "links"). Skipped (exit 77) when no NetworkX is installed.
# Usage: export_networkx_test.sh GOVMAP REPO_ROOT
set -eu
GOVMAP=$1
root=$2
pythons=()
for candidate in /usr/bin/python3 "$(command -v python3 || true)"; do
  [ -n "$candidate" ] && [ -x "$candidate" ] || continue
  real=$(readlink -f "$candidate")
  for seen in "${pythons[@]:-}"; do [ "$(readlink -f "$seen")" = "$real" ] && continue 2; done
  "$candidate" -c 'import networkx' 2>/dev/null && pythons+=("$candidate")
done
if [ ${#pythons[@]} -eq 0 ]; then
  echo "SKIP: python3-networkx is not installed (apt-get install -y python3-networkx)"
  exit 77
fi
for PY in "${pythons[@]}"; do
  echo "NetworkX $("$PY" -c 'import networkx; print(networkx.__version__)') ($PY)"
done
if [ "$(readlink -f "${pythons[0]}")" != "$(readlink -f /usr/bin/python3)" ]; then
  echo "note: Debian's python3-networkx is not installed; tested with ${pythons[*]} only"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
for PY in "${pythons[@]}"; do
check() {  # db label [--at D]
  local db=$1 label=$2
  shift 2
  for f in graphml gexf json; do
    "$GOVMAP" --db "$db" export --format $f "$@" -o "$work/$label.$f" >/dev/null
  done
  if [ $# -gt 0 ]; then
    "$GOVMAP" --db "$db" orgs "$@" --format csv >"$work/$label.orgs.csv"
    "$GOVMAP" --db "$db" rels "$@" --format csv >"$work/$label.rels.csv"
  else
    "$GOVMAP" --db "$db" orgs --format csv >"$work/$label.orgs.csv"
    "$GOVMAP" --db "$db" rels --format csv >"$work/$label.rels.csv"
  fi
  "$PY" - "$work/$label" <<'PY'
import csv, json, sys
import networkx as nx
base = sys.argv[1]
with open(base + ".orgs.csv", newline="", encoding="utf-8") as f:
    ids = {row["id"] for row in csv.DictReader(f)}
with open(base + ".rels.csv", newline="", encoding="utf-8") as f:
    rels = list(csv.DictReader(f))
want_nodes, want_edges = len(ids), len(rels)
graphs = {
    "graphml": nx.read_graphml(base + ".graphml"),
    "json": nx.node_link_graph(json.load(open(base + ".json", encoding="utf-8"))),
    "gexf": nx.read_gexf(base + ".gexf"),
}
ok = True
for name, g in graphs.items():
    got = (g.number_of_nodes(), g.number_of_edges())
    if got != (want_nodes, want_edges) or set(g.nodes) != ids or not g.is_directed():
        print(f"{base} {name}: {got} nodes/edges, want {(want_nodes, want_edges)}")
        ok = False
    # Every relationship is there with its kind, parallel edges included.
    have = sorted((u, v, d.get("kind")) for u, v, d in g.edges(data=True))
    want = sorted((r["from"], r["to"], r["kind"]) for r in rels)
    if have != want:
        print(f"{base} {name}: edges differ from govmap rels")
        ok = False
print(f"{base}: {want_nodes} nodes, {want_edges} edges in graphml, json, gexf")
sys.exit(0 if ok else 1)
PY
}
"$GOVMAP" --db "$work/maps.db" import maps/england-national maps/south-yorkshire-bassetlaw maps/frimley >/dev/null
check "$work/maps.db" maps
check "$work/maps.db" maps-2018 --at 2018-08-08
"$GOVMAP" --db "$work/hostile.db" import tests/data/export/hostile >/dev/null
check "$work/hostile.db" hostile
"$PY" - "$work/hostile" <<'PY'
import json, sys
import networkx as nx
base = sys.argv[1]
name = "Council of A & B <\"C\"> 'D' \u2013 Ynys M\u00f4n"
note = "a note\nover two lines, with ]]> and </data>"
g1 = nx.read_graphml(base + ".graphml")
g2 = nx.node_link_graph(json.load(open(base + ".json", encoding="utf-8")))
g3 = nx.read_gexf(base + ".gexf")
ok = g1.nodes["la&co<x>"]["name"] == name and g2.nodes["la&co<x>"]["name"] == name
ok = ok and g3.nodes["la&co<x>"]["label"] == name
notes = [d.get("note") for _, _, d in g1.edges(data=True)] + \
        [d.get("note") for _, _, d in g2.edges(data=True)]
ok = ok and notes.count(note) == 2
# Gephi's timeline: the renamed scrutiny panel has two dated names.
names = g3.nodes["osc"]["name"]
ok = ok and isinstance(names, list) and len(names) == 2
print("hostile names:", "ok" if ok else "WRONG", names)
sys.exit(0 if ok else 1)
PY
done
