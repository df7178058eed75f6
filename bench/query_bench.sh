#!/usr/bin/env bash
# The query benchmark: builds kg (Release) and a synthetic store of 100,000
# entities and 1,000,000 triples into a folder under /tmp, exports it as
# GraphML, and times `kg path|neighbors|entity` against igraph on that
# GraphML (bench/query_bench.py). About four minutes on two cores.
#
#   bench/query_bench.sh [--dir DIR] [--entities N] [--triples N] [--seed N]
#                        [--reuse] [query_bench.py options, e.g. --queries 50]
#
# --reuse keeps a store and GraphML already in DIR from the same parameters.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=/tmp/kg-query-bench entities=100000 triples=1000000 seed=42 reuse=0
passthrough=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --entities) entities=$2; shift 2 ;;
    --triples) triples=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --reuse) reuse=1; shift ;;
    *) passthrough+=("$1"); shift ;;
  esac
done

build=${KG_BUILD_DIR:-build-query-rel}
echo "query_bench: building kg and gen_store (Release) in $build" >&2
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKG_TESTS=OFF >/dev/null
nice -n 19 ninja -C "$build" -j1 kg gen_store >/dev/null

mkdir -p "$dir"
db="$dir/bench-$entities-$triples-$seed.db"
graphml="${db%.db}.graphml"
# A kept store this kg cannot read (an older schema) is written again.
if [[ $reuse -eq 1 && -f "$db" ]] && ! "$build/kg" --db "$db" stats >/dev/null 2>&1; then
  reuse=0
fi
if [[ $reuse -eq 0 || ! -f "$db" || ! -f "$graphml" ]]; then
  echo "query_bench: writing $db" >&2
  rm -f "$db" "$db"-wal "$db"-shm
  "$build/bench/gen_store" "$db" --entities "$entities" --triples "$triples" \
    --documents $((triples / 20)) --seed "$seed"
  echo "query_bench: exporting $graphml" >&2
  "$build/kg" --db "$db" export graphml -o "$graphml" 2>/dev/null
fi

/usr/bin/python3 bench/query_bench.py --kg "$build/kg" --db "$db" --graphml "$graphml" \
  ${passthrough[@]+"${passthrough[@]}"}
