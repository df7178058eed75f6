#!/usr/bin/env bash
# End to end with a browser: kg export html, opened from file:// in headless
# Chromium (tests/html_view.js), must draw as many nodes and edges as the
# store holds (data-kg-nodes and data-kg-edges on <body>).
#   html_view_test.sh KG SOURCE_DIR OUT_DIR corpus|hostile|scale
#   corpus:  the bundled corpus, whole and filtered; writes OUT_DIR/html-view.png
#   hostile: names, sentences, titles and uris made of markup and script must
#            show as text: no element, script or link they carry may appear
#   scale:   10,000 entities and 50,000 facts; prints the time to first
#            render and the frame rates (run by hand: see README)
# Exits 77 (CTest's skip) with the reason when node, chromium or the page's
# libraries (scripts/setup) are missing, or when chromium cannot start here.
set -euo pipefail
kg=$1 src=$2 out=$(cd "$3" && pwd) mode=$4
node=$(command -v node || true)
chromium=$(command -v chromium || command -v chromium-browser || true)
[[ -n $node ]] || { echo "SKIP: no node (Node.js) on PATH; run scripts/setup"; exit 77; }
[[ -n $chromium ]] || { echo "SKIP: no chromium on PATH; run scripts/setup (Debian's chromium)"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo '{"doc": "d", "subject": "A", "predicate": "owns", "object": "B", "evidence": "A owns B."}' \
  >"$tmp/probe.jsonl"
"$kg" --db "$tmp/probe.db" ingest --triples "$tmp/probe.jsonl" >/dev/null 2>&1
if ! "$kg" --db "$tmp/probe.db" export html -o "$tmp/probe.html" 2>"$tmp/err"; then
  if grep -q "built without" "$tmp/err"; then
    echo "SKIP: $(sed 's/^kg: error: //' "$tmp/err")"
    exit 77
  fi
  cat "$tmp/err" >&2
  exit 1
fi
if ! timeout 60 "$chromium" --headless --no-sandbox --user-data-dir="$tmp/probe" \
    --dump-dom about:blank >/dev/null 2>"$tmp/chromium.err"; then
  echo "SKIP: chromium cannot run here: $(tail -n 3 "$tmp/chromium.err" | tr '\n' ' ')"
  exit 77
fi

view() {  # PAGE NODES EDGES [options...]
  (cd "$src/tests" && "$node" html_view.js "$chromium" "$@")
}
counts() {  # the nodes and edges of kg export json with the given filters
  "$kg" --db "$tmp/kg.db" export json "$@" -o "$tmp/counts.json" 2>/dev/null
  "$node" -e 'const g = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
              console.log(g.nodes.length, g.links.length)' "$tmp/counts.json"
}
stats() {
  "$kg" --db "$tmp/kg.db" stats --json | "$node" -e \
    'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
       const d = JSON.parse(s); console.log(d.entities, d.triples); })'
}

case $mode in
  corpus)
    "$kg" --db "$tmp/kg.db" ingest "$src/corpus/articles" >/dev/null 2>"$tmp/ingest.err" ||
      { cat "$tmp/ingest.err" >&2; exit 1; }
    "$kg" --db "$tmp/kg.db" export html -o "$tmp/graph.html" 2>/dev/null
    read -r entities triples < <(stats)
    (( entities >= 50 && triples >= 50 )) || { echo "FAIL: the corpus gave $entities/$triples" >&2; exit 1; }
    view "$tmp/graph.html" "$entities" "$triples" --screenshot "$out/html-view.png"
    # The filters of every export apply.
    filters=(--predicates develops,based_in,restricts_exports_to --as-of 2025-01-31)
    "$kg" --db "$tmp/kg.db" export html "${filters[@]}" -o "$tmp/filtered.html" 2>/dev/null
    read -r nodes edges < <(counts "${filters[@]}")
    (( nodes < entities && edges < triples )) || { echo "FAIL: the filters kept everything" >&2; exit 1; }
    view "$tmp/filtered.html" "$nodes" "$edges"
    "$kg" --db "$tmp/kg.db" export html --around DeepSeek --hops 1 -o "$tmp/around.html" 2>/dev/null
    read -r nodes edges < <(counts --around DeepSeek --hops 1)
    view "$tmp/around.html" "$nodes" "$edges" --screenshot "$out/html-view-around.png" --settle-ms 3000
    ;;
  hostile)
    "$node" "$src/tests/html_hostile.js" >"$tmp/hostile.jsonl"
    "$kg" --db "$tmp/kg.db" ingest --triples "$tmp/hostile.jsonl" >/dev/null 2>"$tmp/ingest.err" ||
      { cat "$tmp/ingest.err" >&2; exit 1; }
    "$kg" --db "$tmp/kg.db" export html -o "$tmp/hostile.html" 2>/dev/null
    read -r entities triples < <(stats)
    view "$tmp/hostile.html" "$entities" "$triples" --hostile --screenshot "$out/html-view-hostile.png" \
      --settle-ms 1000
    ;;
  scale)
    "$node" "$src/tests/html_hostile.js" --scale 10000 50000 >"$tmp/scale.jsonl"
    /usr/bin/time -f "ingest: %e s" "$kg" --db "$tmp/kg.db" ingest --triples "$tmp/scale.jsonl" >/dev/null
    /usr/bin/time -f "export html: %e s, %M KB" "$kg" --db "$tmp/kg.db" export html -o "$tmp/scale.html"
    ls -l "$tmp/scale.html"
    read -r entities triples < <(stats)
    view "$tmp/scale.html" "$entities" "$triples" --measure --screenshot "$out/html-view-scale.png" \
      --settle-ms 1000
    ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
