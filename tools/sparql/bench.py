#!/usr/bin/env python3
"""bench-sparql: load throughput and query times on a synthetic graph shaped like kgraph's
output, for kgraph (SQLite store), pyoxigraph (in-memory store) and rdflib (in-memory
Dataset, on a smaller graph because it is slow to load). Query times are medians of --runs
runs measured inside each engine's process: kgraph's `query --repeat` times parse, SQL
compilation, execution and decoding of the rows; pyoxigraph's and rdflib's time the query
and listing its solutions. Every engine must return the same number of rows.

usage: bench.py --bin .build/release/kgraph [--triples 1000000] [--rdflib-triples 100000] [--runs 5]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX schema: <https://schema.org/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX kg: <https://kgraph.example.org/ns#>
"""
QUERIES = {
    "1-pattern lookup": "SELECT ?p WHERE { ?p kg:officialOf <https://kgraph.example.org/state/state-7> }",
    "3-pattern join": """SELECT ?p ?name ?state WHERE {
  ?p kg:officialOf ?state . ?state schema:name "State 7" . ?p schema:name ?name }""",
    "GROUP BY": "SELECT ?type (COUNT(?x) AS ?n) WHERE { ?x rdf:type ?type } GROUP BY ?type",
}


def synth(n, work):
    path = work / f"synth-{n}.nq"
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "synth.py"), "--triples", str(n), "-o", str(path)], check=True)
    return path


def kgraph_load(bin_, nq, work, runs, name="bench.sqlite"):
    times = []
    db = work / name
    for _ in range(runs):
        for f in work.glob(name + "*"):
            f.unlink()
        start = time.perf_counter()
        subprocess.run([bin_, "load", str(nq), "--db", str(db), "--quiet"], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), db


def kgraph_query(bin_, db, query, runs, work):
    qf = work / "q.rq"
    qf.write_text(query)
    out = work / "out.csv"
    proc = subprocess.run([bin_, "query", "--db", str(db), "-f", str(qf), "--repeat", str(runs), "--format", "csv",
                           "--limit", "10000000", "-o", str(out)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"kgraph failed: {proc.stderr}")
    ms = float(re.search(r"median ([0-9.]+) ms", proc.stderr).group(1))
    rows = len(out.read_text().splitlines()) - 1
    return ms, rows


def timed(fn, runs):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--rdflib-triples", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--load-runs", type=int, default=3)
    ap.add_argument("--work", default="/tmp/kgraph-bench-sparql")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    nq = synth(args.triples, work)
    n = sum(1 for _ in open(nq))
    print(f"graph: {n} quads ({nq}), {os.cpu_count()} cores; medians of {args.runs} query runs, {args.load_runs} loads")

    load_s, db = kgraph_load(args.bin, nq, work, args.load_runs)
    print(f"load  kgraph      {load_s:8.2f} s  {n / load_s:10.0f} quads/s  (SQLite file, 4 indexes)")

    ox = None
    try:
        import pyoxigraph
        def ox_load():
            s = pyoxigraph.Store()
            s.bulk_load(path=str(nq), format=pyoxigraph.RdfFormat.N_QUADS)
            return s
        ox_s, ox = timed(ox_load, args.load_runs)
        ox_s /= 1000
        print(f"load  pyoxigraph  {ox_s:8.2f} s  {n / ox_s:10.0f} quads/s  (in memory)")
    except ImportError:
        print("pyoxigraph not installed: its columns are empty")

    rl = None
    try:
        import rdflib
        # rdflib's union of graphs is a set of triples while kgraph's repeats a triple per
        # document, so both get the small graph as plain N-Triples (graphs dropped, repeats merged).
        small = work / f"synth-{args.rdflib_triples}.nt"
        if not small.exists():
            seen = set()
            with open(synth(args.rdflib_triples, work)) as src, open(small, "w") as dst:
                for line in src:
                    triple = line[:line.rstrip().rstrip(".").rstrip().rfind(" <")] + " .\n"
                    if triple not in seen:
                        seen.add(triple)
                        dst.write(triple)
        def rl_load():
            d = rdflib.Graph()
            d.parse(str(small), format="nt")
            return d
        rl_s, rl = timed(rl_load, 1)
        _, small_db = kgraph_load(args.bin, small, work, 1, "bench-small.sqlite")
        rl_s /= 1000
        small_n = sum(1 for _ in open(small))
        print(f"load  rdflib      {rl_s:8.2f} s  {small_n / rl_s:10.0f} triples/s  (in memory, {small_n} distinct triples)")
    except ImportError:
        print("rdflib not installed: its column is empty")

    print(f"\n{'':18} {n} quads{'':32} | {args.rdflib_triples} quads as triples (rdflib is too slow to load more)")
    print(f"{'query':18} {'kgraph ms':>10} {'pyoxigraph ms':>14} {'kgraph/oxigraph':>16} {'rows':>8} | {'kgraph ms':>10} {'rdflib ms':>10} {'rows (kgraph/rdflib)':>21}")
    for name, body in QUERIES.items():
        text = PREFIXES + body
        k_ms, k_rows = kgraph_query(args.bin, db, text, args.runs, work)
        o_ms, o_rows = (timed(lambda: list(ox.query(text, use_default_graph_as_union=True)), args.runs)) if ox else (float("nan"), [])
        r_ms, r_rows, ks_ms, ks_rows = float("nan"), [], float("nan"), 0
        if rl:
            r_ms, r_rows = timed(lambda: list(rl.query(text)), min(args.runs, 3))
            ks_ms, ks_rows = kgraph_query(args.bin, small_db, text, args.runs, work)
            if len(r_rows) != ks_rows:
                raise SystemExit(f"{name}: kgraph returned {ks_rows} rows on the small graph, rdflib {len(r_rows)}")
        if ox and len(o_rows) != k_rows:
            raise SystemExit(f"{name}: kgraph returned {k_rows} rows, pyoxigraph {len(o_rows)}")
        print(f"{name:18} {k_ms:10.2f} {o_ms:14.2f} {k_ms / o_ms:15.2f}x {k_rows:8} | {ks_ms:10.2f} {r_ms:10.2f} {str(ks_rows) + '/' + str(len(r_rows)):>21}")


if __name__ == "__main__":
    main()
