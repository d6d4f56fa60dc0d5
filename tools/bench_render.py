#!/usr/bin/env python3
"""Time `kgraph render` end to end on the seeds, for each view and format: wall time (median
of N runs, extraction included) and peak memory. `make bench-render` runs it after RenderBench,
which times DOT building and layout alone.

    python3 tools/bench_render.py --bin .build/release/kgraph --runs 5 seeds
"""
import argparse, os, statistics, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import run  # one timing harness: wall time and the child's own peak RSS

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    out = tempfile.mkdtemp(prefix="kgraph-bench-render-")
    jobs = [
        ("whole svg", ["-o", f"{out}/w.svg"]),
        ("whole png", ["-o", f"{out}/w.png"]),
        ("actors svg", ["--view", "actors", "-o", f"{out}/a.svg"]),
        ("timeline svg", ["--view", "timeline", "-o", f"{out}/t.svg"]),
        ("focus Aliyev svg", ["--focus", "Aliyev", "--depth", "2", "-o", f"{out}/f.svg"]),
    ]
    print(f"kgraph render {' '.join(a.paths)}: {a.runs} runs each, extraction included; {os.cpu_count()} cores")
    print(f"{'render':20}{'median s':>10}{'min s':>9}{'max s':>9}{'max RSS MiB':>13}")
    for name, args in jobs:
        times, rss = [], 0
        for _ in range(a.runs):
            dt, peak = run([a.bin, "render", *a.paths, *args])
            times.append(dt)
            rss = max(rss, peak)
        print(f"{name:20}{statistics.median(times):10.3f}{min(times):9.3f}{max(times):9.3f}{rss / 1024:13.1f}")

if __name__ == "__main__":
    main()
