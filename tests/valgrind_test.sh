#!/usr/bin/env bash
# usage: tests/valgrind_test.sh KG ARTICLES_DIR
#
# A sample ingest (five articles) and the GraphML and GEXF exports of the
# result, each under valgrind's memcheck: an invalid read or write, a use of
# uninitialised memory or a definite leak fails the test. KG must be built
# without sanitizers (valgrind cannot run them): CMake passes kg_plain in a
# sanitized build. Exits 77, which CTest reports as skipped, without valgrind.
set -euo pipefail
kg=$1
articles=$2
if ! command -v valgrind >/dev/null; then
  echo "SKIPPED: valgrind is not installed (scripts/setup installs it)"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/articles"
find "$articles" -maxdepth 1 -type f | sort | head -n 5 |
  while read -r f; do cp "$f" "$tmp/articles/"; done

vg=(valgrind --quiet --error-exitcode=99 --leak-check=full
    --errors-for-leak-kinds=definite --show-leak-kinds=definite)
run() {
  echo "+ kg $*"
  "${vg[@]}" "$kg" --db "$tmp/kg.db" "$@"
}
run ingest "$tmp/articles"
run export graphml -o "$tmp/graph.graphml"
run export gexf -o "$tmp/graph.gexf"
grep -q "<edge " "$tmp/graph.graphml"
grep -q "<edge " "$tmp/graph.gexf"
echo "valgrind: no errors in ingest, export graphml, export gexf"
