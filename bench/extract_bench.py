#!/usr/bin/python3
"""Extraction speed and memory, against gzip -1 over the same text.

usage: extract_bench.py KG_BINARY [--mb 50] [--runs 3] [--workdir DIR]

Generates a synthetic corpus of about --mb MB (bench/gen_corpus.py), then times
whole-process runs of `kg extract --jobs 1` and `--jobs 2` and of `gzip -1`
(the machine's yardstick) on the same file, and prints medians, MB/s, the
jobs-2 speed-up, peak RSS, and kg's speed as a ratio of gzip's, so the figures
mean something on a shared, noisy machine.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchutil import timed  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(cmd, runs):
    results = [timed(cmd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kg")
    ap.add_argument("--mb", type=float, default=50)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workdir", default="/tmp/kg-bench")
    args = ap.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    corpus = os.path.join(args.workdir, f"corpus-{args.mb:g}mb.jsonl")
    if not os.path.exists(corpus):
        # About 4.3 KB of JSON per article.
        n = max(1, int(args.mb * 1e6 / 4300))
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), corpus,
                        "--articles", str(n)], check=True)
    mb = os.path.getsize(corpus) / 1e6

    gzip_s, gzip_rss = measure(["gzip", "-1", "-c", corpus], args.runs)
    j1_s, j1_rss = measure([args.kg, "extract", "--jobs", "1", corpus], args.runs)
    j2_s, j2_rss = measure([args.kg, "extract", "--jobs", "2", corpus], args.runs)

    rows = [
        ("input", f"{mb:.1f} MB", ""),
        ("gzip -1 (yardstick)", f"{mb / gzip_s:.1f} MB/s", f"peak RSS {gzip_rss:.0f} MB"),
        ("kg extract --jobs 1", f"{mb / j1_s:.1f} MB/s",
         f"peak RSS {j1_rss:.0f} MB; {gzip_s / j1_s:.2f}x gzip's speed"),
        ("kg extract --jobs 2", f"{mb / j2_s:.1f} MB/s",
         f"peak RSS {j2_rss:.0f} MB; {j1_s / j2_s:.2f}x jobs 1"),
    ]
    print(f"extraction, median of {args.runs} runs each")
    for name, value, note in rows:
        print(f"  {name:<22} {value:>12}   {note}")
    print(f"RESULT extract_mb_s_jobs1={mb / j1_s:.2f} extract_mb_s_jobs2={mb / j2_s:.2f} "
          f"speedup_jobs2={j1_s / j2_s:.2f} gzip_mb_s={mb / gzip_s:.2f} "
          f"rss_mb_jobs1={j1_rss:.0f} rss_mb_jobs2={j2_rss:.0f}")


if __name__ == "__main__":
    main()
