#!/usr/bin/python3
"""GraphML export speed and memory against igraph's write_graphml.

usage: export_bench.py --kg KG --db STORE --graphml GRAPHML [--runs 3]

Times whole `kg export graphml` processes on STORE (median of --runs, peak
RSS), then loads GRAPHML (that store's own export: the same nodes, edges and
attribute values) into igraph once and times igraph's write_graphml of it, in
this same run, so the ratio holds on a noisy machine.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchutil import timed  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kg", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--graphml", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default="/tmp/kg-bench-export.graphml")
    args = ap.parse_args()

    kg_runs = [timed([args.kg, "--db", args.db, "export", "graphml", "-o", args.out])
               for _ in range(args.runs)]
    kg_s = statistics.median(r[0] for r in kg_runs)
    kg_rss = max(r[1] for r in kg_runs)
    size_mb = os.path.getsize(args.out) / 1e6

    import igraph  # Debian's python3-igraph, under /usr/bin/python3
    load_start = time.perf_counter()
    g = igraph.Graph.Read_GraphML(args.graphml)
    load_s = time.perf_counter() - load_start
    ig_runs = []
    for _ in range(args.runs):
        start = time.perf_counter()
        g.write_graphml("/tmp/kg-bench-igraph.graphml")
        ig_runs.append(time.perf_counter() - start)
    ig_s = statistics.median(ig_runs)
    ig_mb = os.path.getsize("/tmp/kg-bench-igraph.graphml") / 1e6
    os.remove("/tmp/kg-bench-igraph.graphml")

    print(f"GraphML export of {g.vcount()} nodes and {g.ecount()} edges, median of {args.runs}")
    print(f"  kg export graphml        {kg_s:7.2f} s  {size_mb:6.0f} MB  peak RSS {kg_rss:.0f} MB")
    print(f"  igraph write_graphml     {ig_s:7.2f} s  {ig_mb:6.0f} MB  (graph loaded first in {load_s:.1f} s)")
    print(f"  kg / igraph              {kg_s / ig_s:7.2f}x")
    print(f"RESULT export_s={kg_s:.2f} export_rss_mb={kg_rss:.0f} igraph_write_s={ig_s:.2f} "
          f"export_ratio={kg_s / ig_s:.2f} igraph_load_s={load_s:.1f}")


if __name__ == "__main__":
    main()
