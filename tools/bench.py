#!/usr/bin/env python3
"""Benchmark kgraph's subcommands: wall time (median of N runs) and peak memory (max RSS).

    python3 tools/bench.py --bin .build/release/kgraph --runs 7 seeds

The machine is shared and noisy: medians, with min and max beside them, are what to quote.
"""
import argparse, os, statistics, subprocess, sys, tempfile, time

def run(cmd):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # wait4 gives this child's own peak RSS (KiB on Linux), not the maximum over all children.
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed: {p.stderr.read().decode().strip()}")
    return dt, usage.ru_maxrss

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    size = 0
    for p in a.paths:
        for root, _, files in os.walk(p):
            size += sum(os.path.getsize(os.path.join(root, f)) for f in files if f.endswith((".txt", ".md", ".html")))
    out = tempfile.mkdtemp(prefix="kgraph-bench-")
    jobs = [
        ("extract json", ["extract", *a.paths, "--format", "json", "-o", f"{out}/g.json"]),
        ("export nt", ["export", *a.paths, "--format", "nt", "-o", f"{out}/g.nt"]),
        ("export ttl", ["export", *a.paths, "--format", "ttl", "-o", f"{out}/g.ttl"]),
        ("export jsonld", ["export", *a.paths, "--format", "jsonld", "-o", f"{out}/g.jsonld"]),
        ("render svg (auto layout)", ["render", *a.paths, "-o", f"{out}/g.svg"]),
        ("render png (auto layout)", ["render", *a.paths, "-o", f"{out}/g.png"]),
        ("render svg --layout dot", ["render", *a.paths, "-o", f"{out}/g2.svg", "--layout", "dot"]),
    ]
    print(f"input: {size / 1024:.1f} KiB of text; {a.runs} runs each; {os.cpu_count()} cores")
    print(f"{'command':28}{'median s':>10}{'min s':>9}{'max s':>9}{'KiB/s':>10}{'max RSS MiB':>13}")
    for name, args in jobs:
        times, rss = [], 0
        for _ in range(a.runs):
            dt, peak = run([a.bin, *args])
            times.append(dt)
            rss = max(rss, peak)
        med = statistics.median(times)
        print(f"{name:28}{med:10.3f}{min(times):9.3f}{max(times):9.3f}{size / 1024 / med:10.1f}{rss / 1024:13.1f}")

if __name__ == "__main__":
    main()
