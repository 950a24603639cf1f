#!/usr/bin/python3
"""Accountability distance of every organisation, the way a user would without
govmap: NetworkX multi-source Dijkstra over plain tables.

usage: distance_networkx.py ALT_DB OUT_CSV

ALT_DB is the plain SQLite file bench/bench.py writes (tables org(id, kind),
rel(from_id, to_id, kind, layer) and weight(kind, layer, milli)): the
organisations and relationships in force at the date, as govmap lists them.
Edges are reversed so that one Dijkstra from every electorate at once gives each
organisation's least total weight to any electorate. Writes id,distance_milli
(sorted by id; unreachable organisations are left out) and prints the time of
the Dijkstra call alone as core_ms=... on stdout.
"""
import csv
import sqlite3
import sys
import time

import networkx as nx


def main():
    db, out = sys.argv[1], sys.argv[2]
    con = sqlite3.connect(db)
    orgs = con.execute("SELECT id, kind FROM org").fetchall()
    weight = {(k, l): w for k, l, w in con.execute("SELECT kind, layer, milli FROM weight")}
    g = nx.DiGraph()
    g.add_nodes_from(i for i, _ in orgs)
    for f, t, k, l in con.execute("SELECT from_id, to_id, kind, layer FROM rel"):
        w = weight.get((k, l))
        if w is None:
            continue
        # Reversed: from the electorates outwards. Parallel edges keep the least weight.
        if g.has_edge(t, f):
            w = min(w, g[t][f]["w"])
        g.add_edge(t, f, w=w)
    roots = [i for i, k in orgs if k == "electorate"]
    t0 = time.perf_counter()
    dist = nx.multi_source_dijkstra_path_length(g, roots, weight="w") if roots else {}
    core_ms = (time.perf_counter() - t0) * 1000
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "distance_milli"])
        for i in sorted(dist):
            w.writerow([i, dist[i]])
    print(f"core_ms={core_ms:.3f}")


main()
