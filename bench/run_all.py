#!/usr/bin/python3
"""Runs every benchmark and writes bench/RESULTS.md (never edit it by hand).

usage: run_all.py [--mb 50] [--articles 20000] [--quick]

Each benchmark measures kg beside a peer in the same run (gzip -1, igraph,
NetworkX) so ratios hold on a shared machine; figures are medians. The
sizes are arguments: `--articles 100000` is the full-scale ingest run.
"""
import argparse
import datetime
import os
import platform
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
KG = os.path.join(BUILD, "kg")
PY = "/usr/bin/python3"


def run(name, cmd, env=None):
    print(f"== {name}: {' '.join(cmd)}", file=sys.stderr, flush=True)
    start = time.perf_counter()
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                       env={**os.environ, **(env or {})})
    elapsed = time.perf_counter() - start
    sys.stderr.write(p.stdout[-2000:])
    if p.returncode not in (0, 1):  # 1: a bar missed, still a result
        sys.stderr.write(p.stderr[-4000:])
        return f"(failed with status {p.returncode}; see stderr)\n", {}, elapsed
    values = {}
    for line in p.stdout.splitlines():
        if line.startswith("RESULT "):
            for key, value in re.findall(r"(\w+)=([-0-9.]+)", line):
                values[key] = float(value)
    text = "\n".join(l for l in p.stdout.splitlines() if not l.startswith("RESULT "))
    return text + "\n", values, elapsed


def row(figure, value, bar, ok):
    return f"| {figure} | {value} | {bar} | {'met' if ok else '**missed**'} |"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=50)
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--quick", action="store_true",
                    help="small sizes, for a smoke test of the harness")
    args = ap.parse_args()
    if args.quick:
        args.mb, args.articles = 5, 2000

    subprocess.run(["cmake", "-S", ROOT, "-B", BUILD, "-G", "Ninja",
                    "-DCMAKE_BUILD_TYPE=Release", "-DKG_TESTS=OFF"], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", BUILD, "--target", "kg", "gen_store", "delta_size"],
                   check=True, stdout=subprocess.DEVNULL)

    sections, v = [], {}
    total = time.perf_counter()
    text, r, t = run("extract", [PY, "bench/extract_bench.py", KG, "--mb", str(args.mb)])
    sections.append(("Extraction speed", text, t)); v.update(r)
    text, r, t = run("ingest", [PY, "bench/ingest_bench.py", KG, "--articles",
                                str(args.articles)])
    sections.append(("Ingest at scale", text, t)); v.update(r)
    q_args = ["--entities", "10000", "--triples", "100000"] if args.quick else []
    text, r, t = run("query", ["bash", "bench/query_bench.sh", "--reuse"] + q_args,
                     env={"KG_BUILD_DIR": BUILD})
    sections.append(("Queries on a 100,000-entity, 1,000,000-triple store", text, t))
    v.update(r)
    ents, trips = ("10000", "100000") if args.quick else ("100000", "1000000")
    db = f"/tmp/kg-query-bench/bench-{ents}-{trips}-42.db"
    text, r, t = run("export", [PY, "bench/export_bench.py", "--kg", KG, "--db", db,
                                "--graphml", db[:-3] + ".graphml"])
    sections.append(("GraphML export against igraph", text, t)); v.update(r)
    d_args = ["--docs", "200", "--revisions", "20"] if args.quick else []
    text, r, t = run("delta", [os.path.join(BUILD, "bench", "delta_size")] + d_args)
    sections.append(("History as deltas", text, t))
    for mode in ("edit", "rewrite"):
        m = re.search(mode + r"\s.*ratio ([0-9.]+)", text)
        if m:
            v["delta_" + mode] = float(m.group(1))
    total = time.perf_counter() - total

    out = ["# Benchmark results", "",
           "Written by `scripts/bench` (bench/run_all.py); do not edit by hand.", "",
           f"- when: {datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M UTC')}",
           f"- machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
           f"- sizes: {args.mb:g} MB extraction corpus, {args.articles} articles ingested",
           f"- total time: {total / 60:.1f} min", "",
           "## Bars", "", "| figure | measured | bar | |", "|---|---|---|---|"]
    g = v.get
    if "extract_mb_s_jobs1" in v:
        out.append(row("extract --jobs 1, real article text, analysis in the loop",
                       f"{g('extract_mb_s_jobs1'):.2f} MB/s "
                       f"(gzip -1: {g('gzip_mb_s'):.0f} MB/s)", ">= 1 MB/s",
                       g("extract_mb_s_jobs1") >= 1))
        out.append(row("extract --jobs 2 speed-up", f"{g('speedup_jobs2'):.2f}x", ">= 1.7x",
                       g("speedup_jobs2") >= 1.7))
        out.append(row("extract peak RSS", f"{g('rss_mb_jobs2'):.0f} MB", "<= 400 MB",
                       g("rss_mb_jobs2") <= 400))
    if "ingest_rate_big" in v:
        out.append(row("ingest rate, large run / 1,000-article run",
                       f"{g('ingest_rate_ratio'):.2f} ({g('ingest_rate_big'):.0f} articles/s)",
                       ">= 0.70", g("ingest_rate_ratio") >= 0.7))
        out.append(row("ingest peak RSS", f"{g('ingest_rss_mb'):.0f} MB", "<= 1 GB",
                       g("ingest_rss_mb") <= 1024))
        out.append(row("store size / input text", f"{g('store_ratio'):.2f}x "
                       f"({g('store_kb_per_article'):.1f} KB per article)", "<= 1.5x",
                       g("store_ratio") <= 1.5))
    for query, bar in (("path", 100), ("neighbors", 50), ("entity", 50)):
        if f"{query}_ms" in v:
            out.append(row(f"kg {query}, median of whole processes", f"{g(query + '_ms'):.1f} ms",
                           f"<= {bar} ms", g(query + "_ms") <= bar))
    if "query_rss_mb" in v:  # no bar: reported
        out.append(f"| query peak RSS | {g('query_rss_mb'):.0f} MB | (none) | |")
    if "export_s" in v:
        out.append(row("export graphml / igraph write_graphml",
                       f"{g('export_ratio'):.2f}x ({g('export_s'):.1f} s vs "
                       f"{g('igraph_write_s'):.1f} s)", "<= 0.5x", g("export_ratio") <= 0.5))
        out.append(row("export peak RSS", f"{g('export_rss_mb'):.0f} MB", "<= 300 MB",
                       g("export_rss_mb") <= 300))
    if "delta_edit" in v:
        out.append(row("store after 100 revisions editing 1% / built once",
                       f"{g('delta_edit'):.2f}x", "<= 1.5x", g("delta_edit") <= 1.5))
    if "delta_rewrite" in v:
        out.append(row("the same when each changed article is rewritten whole",
                       f"{g('delta_rewrite'):.2f}x", "<= 1.5x", g("delta_rewrite") <= 1.5))
    out.append("")
    out.append("Query latencies beside igraph's are in the query section below.")
    for title, text, t in sections:
        out += ["", f"## {title}", "", f"({t:.0f} s)", "", "```", text.rstrip(), "```"]
    with open(os.path.join(ROOT, "bench", "RESULTS.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("\n".join(out))


if __name__ == "__main__":
    main()
