#!/usr/bin/python3
"""Extraction speed and memory on real article text, against gzip -1.

usage: extract_bench.py KG_BINARY [--mb 50] [--runs 3] [--workdir DIR]

The corpus is real articles, not generated text: the project's own corpus/
and, when ../shared is beside the checkout, the articles, Wikipedia leads and
news sentences of its evaluation sets. They come to about half a megabyte,
so they are repeated (each copy a document of its own, read and analysed
afresh) up to --mb MB of JSON lines. Times whole-process runs of
`kg extract --jobs 1` and `--jobs 2` and of `gzip -1` (the machine's
yardstick) on the same file, and prints medians, MB/s of article text, the
jobs-2 speed-up, peak RSS, and kg's speed as a ratio of gzip's.

The analysis (tagger and parser) runs on the sentences that mention two
entities or more; `kg extract --analyse-all` analyses every sentence, and
the --all run shows what that costs.
"""
import argparse
import glob
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchutil import timed  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(ROOT), "shared")


def real_articles():
    """(name, text) of every real article at hand, in a fixed order."""
    patterns = [os.path.join(ROOT, "corpus", "articles", "*")]
    for name in ("dev", "redocred-dev", "conll04-dev"):
        patterns.append(os.path.join(SHARED, "eval", name, "docs", "*"))
    out = []
    for pattern in patterns:
        for path in sorted(glob.glob(pattern)):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if path.endswith(".md") and text.startswith("---"):
                text = text.split("---", 2)[2]  # the front matter is no article text
            out.append((os.path.basename(path), text))
    return out


def write_corpus(path, mb):
    """Writes the repeated real articles; returns (distinct bytes, article
    bytes written, documents)."""
    articles = real_articles()
    distinct = sum(len(t.encode()) for _, t in articles)
    written = docs = 0
    with open(path, "w", encoding="utf-8") as f:
        while written < mb * 1e6:
            name, text = articles[docs % len(articles)]
            f.write(json.dumps({"id": f"{name}-{docs}", "text": text}) + "\n")
            written += len(text.encode())
            docs += 1
    return distinct, written, docs, len(articles)


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
    corpus = os.path.join(args.workdir, f"real-{args.mb:g}mb.jsonl")
    distinct, text_bytes, docs, kinds = write_corpus(corpus, args.mb)
    mb = text_bytes / 1e6  # article text, not the JSON around it

    gzip_s, gzip_rss = measure(["gzip", "-1", "-c", corpus], args.runs)
    j1_s, j1_rss = measure([args.kg, "extract", "--jobs", "1", corpus], args.runs)
    j2_s, j2_rss = measure([args.kg, "extract", "--jobs", "2", corpus], args.runs)
    all_s, _ = measure([args.kg, "extract", "--jobs", "1", "--analyse-all", corpus], 1)

    rows = [
        ("input", f"{mb:.1f} MB", f"article text: {kinds} real articles "
                                  f"({distinct / 1e6:.2f} MB) repeated to {docs} documents"),
        ("gzip -1 (yardstick)", f"{mb / gzip_s:.1f} MB/s", f"peak RSS {gzip_rss:.0f} MB"),
        ("kg extract --jobs 1", f"{mb / j1_s:.2f} MB/s",
         f"peak RSS {j1_rss:.0f} MB; {gzip_s / j1_s:.3f}x gzip's speed"),
        ("kg extract --jobs 2", f"{mb / j2_s:.2f} MB/s",
         f"peak RSS {j2_rss:.0f} MB; {j1_s / j2_s:.2f}x jobs 1"),
        ("--analyse-all, jobs 1", f"{mb / all_s:.2f} MB/s",
         "every sentence tagged and parsed (one run)"),
    ]
    print(f"extraction of real article text, median of {args.runs} runs each")
    for name, value, note in rows:
        print(f"  {name:<22} {value:>12}   {note}")
    print(f"RESULT extract_mb_s_jobs1={mb / j1_s:.3f} extract_mb_s_jobs2={mb / j2_s:.3f} "
          f"speedup_jobs2={j1_s / j2_s:.2f} gzip_mb_s={mb / gzip_s:.2f} "
          f"rss_mb_jobs1={j1_rss:.0f} rss_mb_jobs2={j2_rss:.0f} "
          f"extract_all_mb_s={mb / all_s:.3f}")


if __name__ == "__main__":
    main()
