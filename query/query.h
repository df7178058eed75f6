// query: answers over the store — names as users type them, and paths.
#ifndef KG_QUERY_QUERY_H_
#define KG_QUERY_QUERY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.h"

namespace kg {

// Up to `max` known names close to `name`, ranked by edit distance on the
// folded name, then by how often the entity is mentioned.
std::vector<std::string> SuggestNames(Store& store, std::string_view name,
                                      const GraphFilter& filter, int max = 5);

// The entity `name` stands for (any alias, any case, with or without
// punctuation). Throws Error("unknown entity ...; did you mean ...?").
int64_t ResolveEntity(Store& store, std::string_view name, const GraphFilter& filter);

struct Hop {
  Edge edge;
  int64_t from = 0, to = 0;  // in the order the path walks
  bool forward = true;       // walked from subject to object
};

struct PathOptions {
  GraphFilter filter;
  int max_hops = 6;
  bool directed = false;  // follow edges only from subject to object
};

// A shortest path from `from` to `to` (breadth-first search on Boost.Graph;
// ties go to the earliest-added triples). Empty hops when from == to;
// nullopt when there is no path within max_hops.
std::optional<std::vector<Hop>> ShortestPath(Store& store, int64_t from, int64_t to,
                                             const PathOptions& options);

}  // namespace kg

#endif  // KG_QUERY_QUERY_H_
