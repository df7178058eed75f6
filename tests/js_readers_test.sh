#!/usr/bin/env bash
# End to end with a JavaScript client: ingests the bundled corpus with kg,
# exports it, loads the export with CLIENT (tests/js/load.js) and compares the
# nodes and edges it sees, with their labels, types, predicates and weights,
# to the store's: the counts of `kg stats --json` and the GraphML export as
# NetworkX reads it (which tests/exporters_test.cc holds against the store).
#   js_readers_test.sh KG SOURCE_DIR cytoscape|graphology-gexf|graphology-graphml
# Exits 77 (CTest's skip) when node or the npm packages are missing: they are
# installed by scripts/setup (npm ci into tests/js/node_modules).
set -euo pipefail
kg=$1 src=$2 client=$3
case $client in
  cytoscape) format=cytoscape packages=(cytoscape) ;;
  graphology-gexf) format=gexf packages=(graphology graphology-gexf) ;;
  graphology-graphml) format=graphml packages=(graphology graphology-graphml) ;;
  *) echo "unknown client $client" >&2; exit 2 ;;
esac
node=$(command -v node || true)
if [[ -z $node ]]; then
  echo "SKIP: no node (Node.js) on PATH; run scripts/setup"
  exit 77
fi
for p in "${packages[@]}"; do
  if [[ ! -f $src/tests/js/node_modules/$p/package.json ]]; then
    echo "SKIP: npm package $p is not installed in $src/tests/js/node_modules; run scripts/setup"
    exit 77
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$kg" --db "$tmp/kg.db" ingest "$src/corpus/articles" >/dev/null 2>"$tmp/ingest.err" ||
  { cat "$tmp/ingest.err" >&2; exit 1; }
"$kg" --db "$tmp/kg.db" export "$format" -o "$tmp/graph.$format" 2>/dev/null
"$kg" --db "$tmp/kg.db" export graphml -o "$tmp/expected.graphml" 2>/dev/null

/usr/bin/python3 "$src/tests/readback.py" networkx "$tmp/expected.graphml" >"$tmp/expected"
(cd "$src/tests/js" && "$node" load.js "$client" "$tmp/graph.$format") >"$tmp/actual"
if ! diff -u "$tmp/expected" "$tmp/actual" >&2; then
  echo "FAIL: $client does not see the graph kg exported (diff above)" >&2
  exit 1
fi

# The counts kg reports.
read -r entities triples < <("$kg" --db "$tmp/kg.db" stats --json |
  /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["entities"], d["triples"])')
nodes=$(grep -c '^NODE ' "$tmp/actual" || true)
edges=$(grep -c '^EDGE ' "$tmp/actual" || true)
if [[ $nodes != "$entities" || $edges != "$triples" ]]; then
  echo "FAIL: $client sees $nodes nodes and $edges edges; kg stats: $entities entities, $triples triples" >&2
  exit 1
fi
if (( nodes < 50 || edges < 50 )); then
  echo "FAIL: the corpus gave only $nodes nodes and $edges edges" >&2
  exit 1
fi
echo "$client: $nodes nodes and $edges edges, the same labels, types, predicates and weights as kg"
