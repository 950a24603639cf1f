#!/usr/bin/python3
"""govmap's benchmarks (docs/performance.md); run through bench/run.

Every figure is a ratio against an alternative measured in the same run on the
same data. Each measurement is repeated and the median kept; wall time is
measured here, peak memory comes from /usr/bin/time -v.

usage: bench.py BUILD_DIR [--quick] [--full] [--runs N] [--work DIR]
"""
import argparse
import csv
import math
import os
import platform
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.normpath(os.path.join(ROOT, "..", "shared", "data"))
MAPS = [os.path.join(ROOT, "maps", m) for m in ("england-national", "south-yorkshire-bassetlaw", "frimley")]
DATE = "2023-04-01"          # distance and render date: ICBs in force
SCALE_DATE = "2021-01-01"    # scale: CCGs, STPs (shadow layer) and ICB predecessors in force
COMPARE = ("2018-08-08", "2023-04-01")

# The default weights (core/weights.h, docs/accountability.md) in thousandths.
ACCOUNTABILITY = ["accountable_to", "elected_by", "committee_of", "ratified_by", "scrutinised_by",
                  "regulated_by", "performance_managed_by", "appointed_by"]


def default_weight(kind, layer):
    w = 2000 if kind in ("scrutinised_by", "regulated_by") else 1000
    return w + (1000 if layer == "shadow" else 0)


class Runner:
    def __init__(self, work):
        self.work = work
        self.timefile = os.path.join(work, "time.txt")
        # On a shared machine wall time measures the other jobs too: with cpu
        # set, run() returns the process's CPU time (user + system) instead.
        self.cpu = False

    def run(self, cmd, stdout=None, cwd=None, stdin=None):
        """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak RSS KiB, stdout text)."""
        out = open(stdout, "w") if stdout else subprocess.PIPE
        inp = open(stdin) if stdin else subprocess.DEVNULL
        t0 = time.perf_counter()
        # CPU from the children's resource usage (microseconds; /usr/bin/time
        # rounds to 10 ms, too coarse for a 70 ms render).
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        p = subprocess.run(["/usr/bin/time", "-v", "-o", self.timefile] + cmd, stdout=out,
                           stderr=subprocess.PIPE, stdin=inp, cwd=cwd or ROOT, text=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if stdout:
            out.close()
        if stdin:
            inp.close()
        if p.returncode not in (0, 1):
            sys.exit(f"bench: failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-3000:]}")
        rss = 0
        with open(self.timefile) as f:
            for line in f:
                if "Maximum resident set size" in line:
                    rss = int(line.split(":")[1])
        return (cpu if self.cpu else wall), rss, (p.stdout if not stdout else "")


def med(xs):
    return statistics.median(xs)


def fmt_s(s):
    return f"{s * 1000:.0f} ms" if s < 10 else f"{s:.1f} s"


def fmt_ms(ms):
    return f"{ms:.1f} ms" if ms < 100 else f"{ms:.0f} ms"


def ratio(a, b):
    return f"{a / b:.2f}×" if b > 0 else "n/a"


class Report:
    def __init__(self):
        self.lines = []

    def add(self, text=""):
        self.lines.append(text)
        print(text, flush=True)

    def table(self, header, rows):
        self.add("| " + " | ".join(header) + " |")
        self.add("|" + "|".join("---" for _ in header) + "|")
        for r in rows:
            self.add("| " + " | ".join(str(c) for c in r) + " |")
        self.add()


def rm_db(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def data_files():
    return sorted(os.path.join(DATA, f) for f in os.listdir(DATA) if f.endswith(".csv"))


def import_commands(govmap, db, extra=()):
    """The govmap imports that load every data file: the ONS lookups (and any
    extra folders) in one call, then each ODS extract in date order with the
    date its file name gives (ods_etr_2020-03 -> --as-of 2020-03-01, ods_ect_2023
    -> 2023-01-01), since ODS extracts carry no date of their own."""
    files = data_files()
    ons = [f for f in files if not os.path.basename(f).startswith("ods_")] + list(extra)
    ods = []
    for f in files:
        m = re.match(r"ods_.*_(\d{4})(?:-(\d{2}))?\.csv$", os.path.basename(f))
        if m:
            ods.append((f"{m.group(1)}-{m.group(2) or '01'}-01", f))
    cmds = [[govmap, "--db", db, "import"] + ons]
    for date, f in sorted(ods):
        cmds.append([govmap, "--db", db, "import", "--as-of", date, f])
    return cmds


def import_all(r, govmap, db, extra=()):
    rm_db(db)
    return sum(r.run(c)[0] for c in import_commands(govmap, db, extra))


# ---------------------------------------------------------------- import
def bench_import(r, rep, govmap, runs):
    files = data_files()
    db = os.path.join(r.work, "import.db")
    raw = os.path.join(r.work, "raw.db")
    # The sqlite3 shell's raw ingest: one plain table per file, every column
    # TEXT, every row as it is (header rows included: they are one row each).
    script = os.path.join(r.work, "import.sql")
    with open(script, "w") as f:
        for i, path in enumerate(files):
            with open(path, newline="", encoding="utf-8-sig") as src:
                width = max(len(row) for _, row in zip(range(50), csv.reader(src)))
            cols = ", ".join(f"c{j} TEXT" for j in range(width))
            f.write(f"CREATE TABLE t{i} ({cols});\n.import --csv '{path}' t{i}\n")
    g, s = [], []
    for _ in range(runs):
        g.append(import_all(r, govmap, db))
        rm_db(raw)
        s.append(r.run(["sqlite3", raw], stdin=script)[0])
    rows = sum(1 for p in files for _ in open(p, encoding="utf-8", errors="replace"))
    rep.add(f"### Import: {len(files)} files of ../shared/data ({rows} lines; govmap: "
            f"{len(import_commands(govmap, db))} processes, one per ODS snapshot date)")
    rep.add()
    rep.table(["task", "govmap", "sqlite3 .import", "ratio", "goal"],
              [["import every file", fmt_s(med(g)), fmt_s(med(s)), ratio(med(g), med(s)), "≤ 2×"]])
    return med(g) / med(s)


# ---------------------------------------------------------------- distance
def export_plain(govmap, db, date, alt, r):
    """The organisations and relationships in force at date, as govmap lists them,
    into plain tables: the 'same tables' both alternatives read."""
    orgs_csv = os.path.join(r.work, "orgs.csv")
    rels_csv = os.path.join(r.work, "rels.csv")
    r.run([govmap, "--db", db, "orgs", "--at", date, "--format", "csv"], stdout=orgs_csv)
    r.run([govmap, "--db", db, "rels", "--at", date, "--format", "csv"], stdout=rels_csv)
    rm_db(alt)
    con = sqlite3.connect(alt)
    con.executescript("""
        CREATE TABLE org (id TEXT PRIMARY KEY, kind TEXT NOT NULL);
        CREATE TABLE rel (from_id TEXT NOT NULL, to_id TEXT NOT NULL, kind TEXT NOT NULL,
                          layer TEXT NOT NULL);
        CREATE TABLE weight (kind TEXT, layer TEXT, milli INTEGER, PRIMARY KEY (kind, layer));
        CREATE TABLE cte_bound (bound INTEGER);""")
    with open(orgs_csv, newline="") as f:
        con.executemany("INSERT INTO org VALUES (?, ?)",
                        ((row["id"], row["kind"]) for row in csv.DictReader(f)))
    live = {i for (i,) in con.execute("SELECT id FROM org")}
    with open(rels_csv, newline="") as f:
        con.executemany("INSERT INTO rel VALUES (?, ?, ?, ?)",
                        ((row["from"], row["to"], row["kind"], row["layer"])
                         for row in csv.DictReader(f)
                         if row["from"] in live and row["to"] in live))
    con.executemany("INSERT INTO weight VALUES (?, ?, ?)",
                    ((k, l, default_weight(k, l)) for k in ACCOUNTABILITY for l in ("statutory", "shadow")))
    con.execute("INSERT INTO cte_bound VALUES (?)", (40000,))
    con.execute("CREATE INDEX rel_to ON rel(to_id)")
    con.commit()
    n_org = con.execute("SELECT count(*) FROM org").fetchone()[0]
    n_rel = con.execute("SELECT count(*) FROM rel").fetchone()[0]
    con.close()
    return n_org, n_rel


def read_distances(path, govmap_format):
    d = {}
    with open(path, newline="") as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            if govmap_format:
                if row[3] == "unaccountable":
                    continue
                d[row[0]] = round(float(row[3]) * 1000)
            elif row and row[1] != "":
                d[row[0]] = int(row[1])
    return d


def core_timing(r, core, db, date):
    _, _, out = r.run([core, db, date, "5"])
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", out)}


def bench_distance(r, rep, govmap, core, runs):
    db = os.path.join(r.work, "national.db")
    alt = os.path.join(r.work, "plain.db")
    import_all(r, govmap, db, MAPS)
    n_org, n_rel = export_plain(govmap, db, DATE, alt, r)
    out_g = os.path.join(r.work, "dist-govmap.csv")
    out_n = os.path.join(r.work, "dist-networkx.csv")
    out_c = os.path.join(r.work, "dist-cte.csv")
    cte = os.path.join(r.work, "cte.sql")
    with open(cte, "w") as f:
        f.write(".mode csv\n.headers on\n.timer on\n.output " + out_c + "\n")
        f.write(open(os.path.join(ROOT, "bench", "distance_cte.sql")).read())
    g, n, c, n_core, c_core = [], [], [], [], []
    for _ in range(runs):
        g.append(r.run([govmap, "--db", db, "distance", "--at", DATE, "--format", "csv"],
                       stdout=out_g)[0])
        w, _, out = r.run(["/usr/bin/python3", os.path.join(ROOT, "bench", "distance_networkx.py"),
                           alt, out_n])
        n.append(w)
        n_core.append(float(re.search(r"core_ms=([\d.]+)", out).group(1)))
        w, _, out = r.run(["sqlite3", alt], stdin=cte)
        c.append(w)
        # .timer prints "Run Time: real X user Y sys Z" for the query.
        c_core.append(1000 * sum(float(x) for x in re.findall(r"Run Time: real ([\d.]+)", out)))
    ct = core_timing(r, core, db, DATE)
    dg, dn, dc = (read_distances(out_g, True), read_distances(out_n, False),
                  read_distances(out_c, False))
    agree = dg == dn == dc
    if not agree:
        diff = sorted(set(dg.items()) ^ set(dn.items()) | set(dg.items()) ^ set(dc.items()))[:10]
        sys.exit(f"bench: the three distance computations disagree, e.g. {diff}")
    if dc and max(dc.values()) >= 40000:
        sys.exit("bench: the CTE bound is too low for these distances")
    g_core = ct["load_ms"] + ct["snapshot_ms"] + ct["distance_ms"]
    rep.add(f"### Distance of every organisation on {DATE}: ../shared/data + shipped maps "
            f"({n_org} organisations in force, {n_rel} relationships; {len(dg)} reach an electorate; "
            "all three agree on every distance)")
    rep.add()
    rep.table(["measure", "govmap", "NetworkX", "ratio", "SQLite CTE", "ratio"], [
        ["whole process", fmt_s(med(g)), fmt_s(med(n)), ratio(med(g), med(n)), fmt_s(med(c)),
         ratio(med(g), med(c))],
        ["core: Dijkstra / query only", fmt_ms(ct["distance_ms"]), fmt_ms(med(n_core)),
         ratio(ct["distance_ms"], med(n_core)), fmt_ms(med(c_core)), ratio(ct["distance_ms"], med(c_core))],
    ])
    rep.add(f"govmap in-process split: read store {fmt_ms(ct['load_ms'])}, build_snapshot "
            f"{fmt_ms(ct['snapshot_ms'])}, accountability_distances {fmt_ms(ct['distance_ms'])} "
            f"(total {fmt_ms(g_core)}). The alternatives read tables govmap exported "
            "(precedence between datasets already resolved), so their load is lighter.")
    rep.add()
    return db


# ---------------------------------------------------------------- render
def bench_render(r, rep, govmap, db, runs, quick, full):
    """govmap render against Graphviz laying out and writing the DOT govmap
    wrote, CPU time of each process (the goal is a CPU ratio). The national
    tier as shipped (maps/england-national: each NHS England region one body)
    is the goal's case; body by body (1,395 nodes with today's data, over two
    minutes of dot alone) and the whole country with sfdp run once, with
    --full only."""
    cases = [("national tier, regions folded (--area X24 --fold regions), as shipped",
              ["--area", "X24", "--fold", "regions"], "dot", runs)]
    if full:
        # Over two minutes of dot, and more than ten of sfdp, each: once.
        cases.append(("national tier body by body (--area X24)", ["--area", "X24"], "dot", 1))
        cases.append(("whole country, every body", [], "sfdp", 1))
    national = None  # (govmap, dot) medians of the shipped national tier
    rows = []
    was_cpu, r.cpu = r.cpu, True
    start = [r.run([govmap, "--version"])[0] for _ in range(runs)]
    for label, extra, engine, n in cases:
        dot = os.path.join(r.work, "render.dot")
        svg_g = os.path.join(r.work, "render-govmap.svg")
        svg_d = os.path.join(r.work, "render-dot.svg")
        base = [govmap, "--db", db, "render", "--at", DATE, "--engine", engine] + extra
        r.run(base + ["-o", dot])
        g, d = [], []
        for _ in range(n):
            g.append(r.run(base + ["-o", svg_g])[0])
            d.append(r.run([engine, "-Tsvg", dot, "-o", svg_d])[0])
        nodes = sum(1 for line in open(dot) if re.match(r'\s*"[^"]+"\s*\[', line))
        rows.append([f"{label}, {engine}", f"~{nodes}", fmt_s(med(g)), fmt_s(med(d)),
                     ratio(med(g), med(d)), "≤ 1.1×" if extra[:1] == ["--area"] else ""])
        if "--fold" in extra:
            national = (med(g), med(d))
    r.cpu = was_cpu
    rep.add(f"### Rendering on {DATE}: govmap render vs Graphviz on the DOT govmap writes (CPU)")
    rep.add()
    rep.table(["map", "nodes", "govmap render (svg)", "Graphviz -Tsvg", "ratio", "goal"], rows)
    rep.add(f"govmap's process start alone (`govmap --version`): {fmt_s(med(start))} CPU. "
            "govmap's render also opens the database, reads the area, lays the picture out at "
            "up to four row widths (pictures of up to 400 bodies) and writes its own page rule.")
    rep.add()
    return national


# ---------------------------------------------------------------- scale
# One body's neighbourhood, printed by commands whose cost should not grow with
# the map (issue 14): system 0's ICB, place 0's CCG (succeeded by that ICB).
NEIGHBOURHOOD = [
    ("show", ["show", "Q10000", "--format", "csv"], None),
    ("path", ["path", "C100000", "electorate-england", "--at", SCALE_DATE, "--format", "csv"], None),
    ("lineage", ["lineage", "C100000", "--format", "csv"], None),
    ("render --area", ["render", "--area", "Q10000", "--at", SCALE_DATE, "-o"], "area.dot"),
]


def sqlite_anchors(r, d, db, reps):
    """The storage limits govmap's import and reads are measured against: the
    sqlite3 shell's .import of the map's three CSVs into plain tables, and the
    shell reading every row of the tables govmap reads (periods, identifiers,
    relationships and their sources) once."""
    raw = os.path.join(r.work, "raw-import.db")
    imp_sql = os.path.join(r.work, "scale-import.sql")
    with open(imp_sql, "w") as f:
        for name in ("sources", "organisations", "relationships"):
            f.write(f".import --csv '{os.path.join(d, name + '.csv')}' {name}\n")
    read_sql = os.path.join(r.work, "scale-read.sql")
    with open(read_sql, "w") as f:
        f.write(".output /dev/null\n")
        for t in ("organisation", "identifier", "org_period", "org_period_source", "relationship",
                  "relationship_source"):
            f.write(f"SELECT * FROM {t};\n")
    imp, read = [], []
    for _ in range(reps):
        rm_db(raw)
        imp.append(r.run(["sqlite3", raw], stdin=imp_sql)[0])
        read.append(r.run(["sqlite3", "-readonly", db], stdin=read_sql)[0])
    rm_db(raw)
    return med(imp), med(read)


def load_average():
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def bench_scale(r, rep, govmap, gen, core, sizes, runs, cpu):
    r.cpu = cpu
    results = []
    for n in sizes:
        d = os.path.join(r.work, f"synthetic-{n}")
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
        r.run([gen, str(n), d])
        db = os.path.join(r.work, f"synthetic-{n}.db")
        reps = runs if n < 10**6 else 1
        load_before = load_average()
        imp, imp_rss = [], 0
        for _ in range(reps):
            rm_db(db)
            w, rss, _ = r.run([govmap, "--db", db, "import", d])
            imp.append(w)
            imp_rss = max(imp_rss, rss)
        with open(os.path.join(d, "organisations.csv")) as f:
            orgs = len({line.split(",", 1)[0] for line in f}) - 1
        rels = sum(1 for _ in open(os.path.join(d, "relationships.csv"))) - 1
        null = os.devnull
        snap, snap_rss = [], 0
        dist, dist_rss = [], 0
        comp, comp_rss = [], 0
        near = {label: [] for label, _, _ in NEIGHBOURHOOD}
        for _ in range(reps):
            w, rss, _ = r.run([govmap, "--db", db, "rels", "--at", SCALE_DATE, "--format", "csv"], stdout=null)
            snap.append(w)
            snap_rss = max(snap_rss, rss)
            w, rss, _ = r.run([govmap, "--db", db, "distance", "--at", SCALE_DATE, "--format", "csv"],
                              stdout=null)
            dist.append(w)
            dist_rss = max(dist_rss, rss)
            w, rss, _ = r.run([govmap, "--db", db, "compare", "--from", COMPARE[0], "--to", COMPARE[1],
                               "--format", "csv"], stdout=null)
            comp.append(w)
            comp_rss = max(comp_rss, rss)
            for label, args, out in NEIGHBOURHOOD:
                cmd = [govmap, "--db", db] + args + ([os.path.join(r.work, out)] if out else [])
                near[label].append(r.run(cmd, stdout=null)[0])
        sq_imp, sq_read = sqlite_anchors(r, d, db, reps)
        _, _, out = r.run([core, db, SCALE_DATE, str(reps)])
        ct = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", out)}
        results.append(dict(n=n, orgs=orgs, rels=rels, imp=med(imp), imp_rss=imp_rss, snap=med(snap),
                            snap_rss=snap_rss, dist=med(dist), dist_rss=dist_rss, comp=med(comp),
                            comp_rss=comp_rss, core=ct, sq_imp=sq_imp, sq_read=sq_read,
                            near={k: med(v) for k, v in near.items()},
                            load=f"{load_before} → {load_average()}"))
        rm_db(db)
        shutil.rmtree(d)
    rep.add(f"### Scale: synthetic governance graphs (bench/gen_governance.cc), snapshot and "
            f"distance on {SCALE_DATE}, compare {COMPARE[0]} → {COMPARE[1]}")
    rep.add()
    rep.add("Times of whole commands are " + ("CPU time (user + system) of each process, "
            "govmap's and sqlite3's alike (--cpu: the machine was shared)" if cpu else
            "wall-clock") + "; core times are wall-clock inside core_timing.")
    rep.add()
    rows = []
    for x in results:
        c = x["core"]
        rows.append([f"{x['orgs']:,}", f"{x['rels']:,}",
                     f"{fmt_s(x['imp'])} / {x['imp_rss'] * 1024 / x['orgs']:,.0f} B",
                     f"{fmt_s(x['snap'])} / {x['snap_rss'] * 1024 / x['orgs']:,.0f} B",
                     f"{fmt_s(x['dist'])} / {x['dist_rss'] * 1024 / x['orgs']:,.0f} B",
                     f"{fmt_s(x['comp'])} / {x['comp_rss'] * 1024 / x['orgs']:,.0f} B",
                     fmt_ms(c.get("load_ms", 0)), fmt_ms(c.get("snapshot_ms", 0)),
                     fmt_ms(c.get("distance_ms", 0)), x["load"]])
    rep.table(["organisations", "relationships", "import (time / peak RSS per organisation)",
               "rels --at (as-at)", "distance, all", "compare two dates",
               "core: read store", "core: build_snapshot", "core: distances",
               "load average (1/5/15 min) before → after"], rows)
    # The goals of issue 14, as ratios within this run.
    base = results[0]
    rows = []
    for x in results:
        row = [f"{x['orgs']:,}",
               f"{fmt_s(x['imp'])} / {fmt_s(x['sq_imp'])} = {ratio(x['imp'], x['sq_imp'])}",
               f"{fmt_s(x['dist'])} / {fmt_s(x['sq_read'])} = {ratio(x['dist'], x['sq_read'])}"]
        for label, _, _ in NEIGHBOURHOOD:
            row.append(f"{fmt_s(x['near'][label])} ({ratio(x['near'][label], base['near'][label])})")
        row.append(f"{x['comp_rss'] / 1024:,.0f} / {x['dist_rss'] / 1024:,.0f} MB = "
                   f"{ratio(x['comp_rss'], x['dist_rss'])}")
        row.append(fmt_s(x["dist"]))
        rows.append(row)
    rep.add(f"Goals (issue 14), ratios in this run. Neighbourhood commands: time, and in "
            f"brackets the ratio to the same command at {base['orgs']:,} organisations "
            "(goal ≤ 2× at 10^6).")
    rep.add()
    rep.table(["organisations", "import vs sqlite3 .import of the 3 CSVs (≤ 2×)",
               "distance vs sqlite3 reading every row (≤ 3×)"] +
              [label for label, _, _ in NEIGHBOURHOOD] +
              ["compare peak RSS vs distance's (≤ 2×)", "distance, whole command (< 10 s at 10^6)"],
              rows)
    # Growth per doubling: the factor t(10n)/t(n) taken to the power log10(2);
    # 2.00 is linear, above 2 is worse than linear.
    if len(results) > 1:
        grow = []
        for a, b in zip(results, results[1:]):
            k = math.log(b["n"] / a["n"], 2)

            def per_doubling(x, y):
                return f"{(y / x) ** (1 / k):.2f}" if x > 0 else "n/a"
            grow.append([f"{a['n']:,} → {b['n']:,}", per_doubling(a["imp"], b["imp"]),
                         per_doubling(a["snap"], b["snap"]), per_doubling(a["dist"], b["dist"]),
                         per_doubling(a["comp"], b["comp"]),
                         per_doubling(a["core"]["distance_ms"], b["core"]["distance_ms"])] +
                        [per_doubling(a["near"][label], b["near"][label])
                         for label, _, _ in NEIGHBOURHOOD] +
                        [per_doubling(a["imp_rss"], b["imp_rss"]),
                         per_doubling(a["comp_rss"], b["comp_rss"])])
        rep.add("Growth per doubling of the organisations (2.00 = linear, 1.00 = constant; "
                "whole-process times include a fixed start-up, so small sizes read below 2):")
        rep.add()
        rep.table(["step", "import", "rels --at", "distance, all", "compare", "core distances"] +
                  [label for label, _, _ in NEIGHBOURHOOD] +
                  ["import peak RSS", "compare peak RSS"], grow)
    return results


def goals_summary(rep, results, render):
    """Issue 14's goals, one row each, at the largest size measured: the
    ratio, the goal and whether it is met, so a run says at a glance where
    govmap stands."""
    rows = []

    def row(measure, value, goal, met):
        rows.append([measure, value, goal, "met" if met else "not met"])
    if results:
        base, top = results[0], results[-1]
        at = f"at {top['orgs']:,} organisations"
        row(f"import vs sqlite3 .import of the same CSVs, {at}",
            ratio(top["imp"], top["sq_imp"]), "≤ 2×", top["imp"] <= 2 * top["sq_imp"])
        row(f"distance for all (whole command) vs sqlite3 reading every row, {at}",
            ratio(top["dist"], top["sq_read"]), "≤ 3×", top["dist"] <= 3 * top["sq_read"])
        for label, _, _ in NEIGHBOURHOOD if len(results) > 1 else []:
            r = top["near"][label] / base["near"][label] if base["near"][label] else float("inf")
            row(f"{label} {at} vs at {base['orgs']:,}", f"{r:.2f}×", "≤ 2×", r <= 2)
        row(f"compare peak memory vs distance's, {at}", ratio(top["comp_rss"], top["dist_rss"]),
            "≤ 2×", top["comp_rss"] <= 2 * top["dist_rss"])
        if top["n"] >= 10**6:
            row(f"distance, whole command, {at}", fmt_s(top["dist"]), "< 10 s", top["dist"] < 10)
    if render:
        row("national tier render vs dot -Tsvg on the same DOT", ratio(*render), "≤ 1.1×",
            render[0] <= 1.1 * render[1])
    if not rows:
        return
    rep.add("### Goals (issue 14), ratios in this run")
    rep.add()
    rep.table(["measure", "this run", "goal", ""], rows)


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    tools = []
    for cmd in (["sqlite3", "--version"], ["dot", "-V"]):
        p = subprocess.run(cmd, capture_output=True, text=True)
        tools.append((p.stdout + p.stderr).strip().split("\n")[0])
    import networkx
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB; {platform.platform()}; "
            f"sqlite3 {tools[0].split()[0]}; {tools[1]}; NetworkX {networkx.__version__}, "
            f"Python {platform.python_version()}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--quick", action="store_true", help="one run each, small scale sizes only")
    ap.add_argument("--full", action="store_true", help="add the 10^6-organisation scale step")
    ap.add_argument("--runs", type=int, default=None, help="repetitions of each measurement")
    ap.add_argument("--work", default=None, help="scratch folder (default BUILD/bench-work)")
    ap.add_argument("--cpu", action="store_true",
                    help="scale step: CPU time of each process instead of wall time (shared machine)")
    ap.add_argument("--scale-only", action="store_true",
                    help="only the synthetic scale step (no national data, render or import)")
    ap.add_argument("--no-scale", action="store_true",
                    help="no synthetic scale step (import, distance and render only)")
    ap.add_argument("--sizes", default=None,
                    help="comma-separated scale sizes, e.g. 1000,10000,100000 (default by mode)")
    a = ap.parse_args()
    runs = a.runs or (1 if a.quick else 5)
    work = a.work or os.path.join(a.build, "bench-work")
    os.makedirs(work, exist_ok=True)
    govmap = os.path.join(a.build, "govmap")
    gen = os.path.join(a.build, "bench", "gen_governance")
    core = os.path.join(a.build, "bench", "core_timing")
    r = Runner(work)
    rep = Report()
    rep.add(f"## govmap benchmarks ({time.strftime('%Y-%m-%d')}, median of {runs} runs"
            f"{', --quick' if a.quick else ''}{', --full' if a.full else ''})")
    rep.add()
    rep.add(f"Machine: {machine()}")
    rep.add()
    render = None
    if not a.scale_only:
        bench_import(r, rep, govmap, runs)
        db = bench_distance(r, rep, govmap, core, runs)
        render = bench_render(r, rep, govmap, db, runs, a.quick, a.full)
    sizes = [10**3, 10**4] if a.quick else [10**3, 10**4, 10**5]
    if a.full:
        sizes.append(10**6)
    if a.sizes:
        sizes = [int(x) for x in a.sizes.split(",")]
    results = []
    if not a.no_scale:
        results = bench_scale(r, rep, govmap, gen, core, sizes, min(runs, 3), a.cpu)
    goals_summary(rep, results, render)
    with open(os.path.join(work, "results.md"), "w") as f:
        f.write("\n".join(rep.lines) + "\n")
    print(f"(also written to {os.path.join(work, 'results.md')})")


main()
