#!/usr/bin/python3
"""Ingest at scale: throughput, memory and store size, small run against large.

usage: ingest_bench.py KG_BINARY [--articles N] [--small 1000] [--runs 3] [--workdir DIR]

Generates N synthetic articles (bench/gen_corpus.py), ingests the first
--small of them into a fresh store and then all N into another, --runs times
taking turns, and prints the median articles/s for both (the large run must keep >= 70% of the small run's
per-article rate: no super-linear slow-down as the store grows), peak RSS, and
the store's size as a ratio of the input text.
"""
import argparse
import glob
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchutil import timed  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def store_bytes(db):
    return sum(os.path.getsize(f) for f in glob.glob(db + "*") if not f.endswith(".lock"))


def ingest(kg, corpus, db):
    for f in glob.glob(db + "*"):
        os.remove(f)
    seconds, rss = timed([kg, "--db", db, "ingest", "--jobs", "2", corpus])
    return seconds, rss, store_bytes(db)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kg")
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--workdir", default="/tmp/kg-bench")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    big = os.path.join(args.workdir, f"ingest-{args.articles}.jsonl")
    small = os.path.join(args.workdir, f"ingest-{args.articles}-first-{args.small}.jsonl")
    if not os.path.exists(big):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), big,
                        "--articles", str(args.articles), "--seed", "7"], check=True)
    with open(big, encoding="utf-8") as src, open(small, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i == args.small:
                break
            dst.write(line)

    small_db, big_db = (os.path.join(args.workdir, n) for n in ("small.db", "big.db"))
    s_runs, b_runs = [], []
    for _ in range(args.runs):
        s_runs.append(ingest(args.kg, small, small_db))
        b_runs.append(ingest(args.kg, big, big_db))
    s_sec, s_rss = statistics.median(r[0] for r in s_runs), max(r[1] for r in s_runs)
    b_sec, b_rss = statistics.median(r[0] for r in b_runs), max(r[1] for r in b_runs)
    b_size = b_runs[-1][2]
    input_bytes = os.path.getsize(big)
    s_rate = args.small / s_sec
    b_rate = args.articles / b_sec
    print(f"ingest, median of {args.runs} runs each, taking turns "
          f"({input_bytes / 1e6:.0f} MB of JSONL for {args.articles} articles)")
    print(f"  {args.small:>7} articles  {s_rate:8.0f} articles/s  peak RSS {s_rss:6.0f} MB")
    print(f"  {args.articles:>7} articles  {b_rate:8.0f} articles/s  peak RSS {b_rss:6.0f} MB"
          f"  ({b_rate / s_rate:.2f}x the small run's rate)")
    print(f"  store {b_size / 1e6:.0f} MB = {b_size / input_bytes:.2f}x the input, "
          f"{b_size / args.articles / 1e3:.1f} KB per article")
    print(f"RESULT ingest_articles={args.articles} ingest_rate_small={s_rate:.0f} "
          f"ingest_rate_big={b_rate:.0f} ingest_rate_ratio={b_rate / s_rate:.2f} "
          f"ingest_rss_mb={b_rss:.0f} store_ratio={b_size / input_bytes:.2f} "
          f"store_kb_per_article={b_size / args.articles / 1e3:.1f}")


if __name__ == "__main__":
    main()
