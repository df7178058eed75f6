// A canonical dump of the graph: sorted lines naming entities, never ids, so
// that stores built along different histories compare equal when their
// graphs are.
#ifndef KG_TESTS_GRAPH_DUMP_H_
#define KG_TESTS_GRAPH_DUMP_H_

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "graph/graph.h"

namespace kg::test {

inline std::string Join(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : "|") + p;
  return s;
}

inline std::string CanonicalDump(Store& store, const GraphFilter& filter = {}) {
  std::map<int64_t, std::string> names;
  std::vector<std::string> lines;
  store.ForEachNode(filter, [&](const Node& n) {
    names[n.id] = n.name;
    lines.push_back("node " + n.name + " (" + n.type + ") mentions " +
                    std::to_string(n.mentions) + " degree " + std::to_string(n.degree) +
                    " aliases " + Join(n.aliases) + " dates " + Join(n.dates));
  });
  store.ForEachEdge(filter, [&](const Edge& e) {
    std::string s = names.count(e.source) ? names[e.source] : "?",
                o = names.count(e.target) ? names[e.target] : "?";
    if (IsSymmetricPredicate(e.predicate) && o < s) std::swap(s, o);
    char confidence[16];
    std::snprintf(confidence, sizeof confidence, "%.3f", e.confidence);
    lines.push_back("edge " + s + " " + e.predicate + " " + o + " weight " +
                    std::to_string(e.weight) + " evidence " +
                    std::to_string(e.evidence_count) + " confidence " + confidence +
                    " dates " + Join(e.dates) + " undated " +
                    std::to_string(e.undated_evidence));
  });
  std::sort(lines.begin(), lines.end());
  std::string dump;
  for (const auto& l : lines) dump += l + "\n";
  return dump;
}

}  // namespace kg::test

#endif  // KG_TESTS_GRAPH_DUMP_H_
