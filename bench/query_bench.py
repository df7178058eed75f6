"""Times whole `kg` processes (start to exit) answering path, neighbors and
entity questions on a synthetic store, beside the realistic alternative:
the same graph exported as GraphML, loaded into igraph, the same question.
Run by query_bench.sh, which builds the store and the GraphML first.

Prints a table of medians and ratios; exits 1 when a bar is missed:
path <= 100 ms, neighbors and entity <= 50 ms (medians).
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchutil  # noqa: E402
import igraph_query  # noqa: E402

BARS_MS = {"path": 100, "neighbors": 50, "entity": 50}


def timed(argv):
    """Milliseconds of one child process, start to exit."""
    return benchutil.timed(argv)[0] * 1000


def peak_rss_mb(argv):
    """Peak RSS of one run of argv, measured by /usr/bin/time: a child forked
    from this process, which holds a loaded igraph graph, would count that
    memory too until it execs."""
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, check=True)
    return int(p.stderr.strip().splitlines()[-1]) / 1024.0


def pick_pairs(graph, rng, n, max_hops):
    """Random connected pairs at 1, 2, ..., max_hops hops (both directions)."""
    pairs = []
    while len(pairs) < n:
        source = rng.randrange(graph.vcount())
        want = 1 + len(pairs) % max_hops
        order, starts, _ = graph.bfs(source, mode="all")
        if want + 1 >= len(starts):
            continue
        layer = order[starts[want]:starts[want + 1]]
        pairs.append((source, rng.choice(layer), want))
    return pairs


def percentile(samples, q):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kg", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--graphml", required=True)
    ap.add_argument("--queries", type=int, default=30, help="distinct questions per command")
    ap.add_argument("--repeats", type=int, default=3, help="kg runs per question")
    ap.add_argument("--igraph-runs", type=int, default=3,
                    help="whole igraph processes per command")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    start = time.perf_counter()
    loaded = igraph_query.Loaded(args.graphml)
    load_ms = (time.perf_counter() - start) * 1000
    g = loaded.graph
    names = g.vs["label"]

    pairs = pick_pairs(g, rng, args.queries, 4)
    singles = [names[rng.randrange(g.vcount())] for _ in range(args.queries)]
    questions = {
        "path": [("path", names[a], names[b]) for a, b, _ in pairs],
        "neighbors": [("neighbors", s) for s in singles],
        "entity": [("entity", s) for s in singles],
    }

    # kg must find paths exactly as short as igraph's.
    wrong = 0
    for (a, b, hops) in pairs:
        out = subprocess.run([args.kg, "--db", args.db, "path", names[a], names[b], "--json"],
                             capture_output=True, check=True).stdout
        if len(json.loads(out)["hops"]) != hops:
            wrong += 1

    timed([args.kg, "--db", args.db, "entity", singles[0]])  # warm the page cache
    rows = []
    missed = []
    for command, qs in questions.items():
        kg_ms = [timed([args.kg, "--db", args.db, *q]) for q in qs for _ in range(args.repeats)]
        memory_ms = []
        for q in qs:
            t = time.perf_counter()
            getattr(loaded, command)(*q[1:])
            memory_ms.append((time.perf_counter() - t) * 1000)
        process_ms = [timed(["/usr/bin/python3", igraph_query.__file__, args.graphml, *q])
                      for q in qs[:args.igraph_runs]]
        kg_median = statistics.median(kg_ms)
        process_median = statistics.median(process_ms)
        if kg_median > BARS_MS[command]:
            missed.append(command)
        rows.append((command, len(kg_ms), kg_median, percentile(kg_ms, 0.9),
                     BARS_MS[command], len(process_ms), process_median,
                     process_median / kg_median, statistics.median(memory_ms)))

    print("kg query benchmark: %d entities, %d triples; store %.0f MB, GraphML %.0f MB" % (
        g.vcount(), g.ecount(), os.path.getsize(args.db) / 1e6,
        os.path.getsize(args.graphml) / 1e6))
    print("whole processes, start to exit; medians over %d questions x %d runs for kg" % (
        args.queries, args.repeats))
    print()
    header = ("query", "kg runs", "kg median", "kg p90", "bar", "igraph runs",
              "igraph median", "igraph/kg", "igraph in-memory")
    table = [header] + [(c, str(n), "%.1f ms" % m, "%.1f ms" % p, "<= %d ms" % bar, str(ir),
                         "%.0f ms" % im, "%.0fx" % ratio, "%.2f ms" % mem)
                        for c, n, m, p, bar, ir, im, ratio, mem in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        print("  ".join(cell.rjust(w) if i else cell.ljust(w)
                        for i, (cell, w) in enumerate(zip(r, widths))))
    print()
    print("igraph process = python3 start + Read_GraphML + name index + the question;")
    print("in this run, loading the GraphML alone took %.0f ms. igraph in-memory = the" % load_ms)
    print("question alone on the already loaded graph (what a long-lived igraph session pays).")
    print("path lengths: %d of %d pairs as short as igraph's" % (len(pairs) - wrong, len(pairs)))
    rss = {c: max(peak_rss_mb([args.kg, "--db", args.db, *q]) for q in qs)
           for c, qs in questions.items()}
    kg_rss = max(rss.values())
    print("peak RSS of kg processes, largest over the questions: " +
          ", ".join("%s %.0f MB" % (c, m) for c, m in rss.items()))
    print("RESULT " + " ".join("%s_ms=%.2f" % (c, m) for c, _, m, *_ in rows) +
          " query_rss_mb=%.0f" % kg_rss)
    if wrong:
        print("query_bench: kg found paths of other lengths than igraph", file=sys.stderr)
        return 1
    if missed:
        print("query_bench: bar missed for %s" % ", ".join(missed), file=sys.stderr)
        return 1
    print("all bars met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
