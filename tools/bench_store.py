#!/usr/bin/env python3
"""Benchmark the persistent store: ingest throughput (docs/s, MB/s, quads/s), a no-op
re-ingest, and the bulk RDF loader (quads/s), each the median of several runs.

    python3 tools/bench_store.py --bin .build/release/kgraph --copies 50 --runs 5 seeds

The corpus is the seed articles copied --copies times, each copy with one extra line so its
content (and so its hash and its events) differs: entities are shared across copies, as
they are across real articles about the same conflict.
"""
import argparse, os, shutil, sqlite3, statistics, subprocess, sys, tempfile, time

def run(cmd):
    """Wall seconds and CPU seconds (user + system) of one run. On a shared, loaded machine
    the CPU time is the steadier figure; both are printed."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench-store: {' '.join(cmd)} failed: {p.stderr.read().decode().strip()}")
    return dt, usage.ru_utime + usage.ru_stime

def count(db, table):
    with sqlite3.connect(db) as c:
        return c.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--copies", type=int, default=50)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("seeds")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="kgraph-bench-store-")
    try:
        corpus = os.path.join(work, "corpus")
        os.makedirs(corpus)
        size = 0
        seeds = sorted(f for f in os.listdir(a.seeds) if f.endswith((".txt", ".md", ".html")))
        for n in range(a.copies):
            for f in seeds:
                text = open(os.path.join(a.seeds, f), encoding="utf-8").read()
                text += f"\nCopy {n} of this article, archived for the benchmark.\n"
                stem, ext = os.path.splitext(f)
                path = os.path.join(corpus, f"{stem}_copy{n:04d}{ext}")
                with open(path, "w", encoding="utf-8") as out:
                    out.write(text)
                size += os.path.getsize(path)
        docs = len(seeds) * a.copies
        print(f"corpus: {docs} documents, {size / 1e6:.2f} MB ({len(seeds)} seeds x {a.copies} copies); "
              f"{a.runs} runs each; {os.cpu_count()} cores")

        ingest_times, ingest_cpu, noop_times, quads = [], [], [], 0
        db = os.path.join(work, "kg.sqlite")
        for _ in range(a.runs):
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
            wall, cpu = run([a.bin, "ingest", corpus, "--db", db, "--quiet"])
            ingest_times.append(wall)
            ingest_cpu.append(cpu)
            noop_times.append(run([a.bin, "ingest", corpus, "--db", db, "--quiet"])[0])
            quads = count(db, "quads")
        med = statistics.median(ingest_times)
        print(f"{'ingest (fresh store)':28}{'median s':>10}{'min s':>9}{'max s':>9}")
        print(f"{'':28}{med:10.2f}{min(ingest_times):9.2f}{max(ingest_times):9.2f}")
        print(f"  {docs / med:.1f} docs/s, {size / 1e6 / med:.2f} MB/s, {quads / med:,.0f} quads/s "
              f"({quads:,} quads, {count(db, 'entities'):,} entities, {count(db, 'relations'):,} relation rows)")
        cmed = statistics.median(ingest_cpu)
        print(f"  CPU time: median {cmed:.2f} s, so {docs / cmed:.1f} docs/s, {size / 1e6 / cmed:.2f} MB/s, "
              f"{quads / cmed:,.0f} quads/s per core")
        nmed = statistics.median(noop_times)
        print(f"re-ingest, all unchanged: median {nmed:.2f} s ({docs / nmed:.0f} docs/s)")

        nq = os.path.join(work, "all.nq")
        run([a.bin, "export", "--db", db, "--format", "nq", "-o", nq])
        load_times, load_cpu = [], []
        target = os.path.join(work, "load.sqlite")
        for _ in range(a.runs):
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(target + suffix):
                    os.remove(target + suffix)
            wall, cpu = run([a.bin, "load", nq, "--db", target, "--quiet"])
            load_times.append(wall)
            load_cpu.append(cpu)
        loaded = count(target, "quads")
        lmed = statistics.median(load_times)
        print(f"bulk load of the N-Quads export ({loaded:,} quads, {os.path.getsize(nq) / 1e6:.1f} MB): "
              f"median {lmed:.2f} s (min {min(load_times):.2f}, max {max(load_times):.2f}), {loaded / lmed:,.0f} quads/s; "
              f"CPU median {statistics.median(load_cpu):.2f} s, {loaded / statistics.median(load_cpu):,.0f} quads/s")
    finally:
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
