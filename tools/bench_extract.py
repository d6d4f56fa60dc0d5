#!/usr/bin/env python3
"""Extraction throughput: the seeds copied N times, extracted by the release binary under
/usr/bin/time, median of several runs. Prints MB/s of text per core (bytes / user CPU time),
wall time and peak RSS. Usage: bench_extract.py --bin .build/release/kgraph --copies 100 seeds"""
import argparse, os, shutil, statistics, subprocess, tempfile

ap = argparse.ArgumentParser()
ap.add_argument("--bin", required=True)
ap.add_argument("--copies", type=int, default=100)
ap.add_argument("--runs", type=int, default=5)
ap.add_argument("seeds")
a = ap.parse_args()

work = tempfile.mkdtemp(prefix="kgraph-bench-")
try:
    files = sorted(f for f in os.listdir(a.seeds) if f.endswith((".txt", ".md", ".html")))
    for n in range(a.copies):
        for f in files:
            stem, ext = os.path.splitext(f)
            shutil.copy(os.path.join(a.seeds, f), os.path.join(work, f"{stem}_{n:03d}{ext}"))
    size = sum(os.path.getsize(os.path.join(work, f)) for f in os.listdir(work))
    rows = []
    for _ in range(a.runs):
        out = subprocess.run(["/usr/bin/time", "-f", "%e %U %M", a.bin, "extract", work, "--format", "json", "-o", "/dev/null"],
                             capture_output=True, text=True, check=True)
        wall, user, rss = out.stderr.strip().splitlines()[-1].split()
        rows.append((float(wall), float(user), int(rss)))
    wall = statistics.median(r[0] for r in rows)
    user = statistics.median(r[1] for r in rows)
    rss = max(r[2] for r in rows)
    print(f"{len(os.listdir(work))} articles, {size / 1e6:.2f} MB, median of {a.runs} runs")
    print(f"  wall {wall:.2f} s   user CPU {user:.2f} s   {size / 1e6 / user:.2f} MB/s per core   peak RSS {rss / 1024:.0f} MiB")
    # The machine is shared: the spread says how much one window can be trusted.
    runs = sorted(r[1] for r in rows)
    print(f"  user CPU of each run, sorted: {' '.join(f'{u:.2f}' for u in runs)}"
          f"   ({size / 1e6 / runs[-1]:.2f} to {size / 1e6 / runs[0]:.2f} MB/s per core)")
finally:
    shutil.rmtree(work)
