// Triple listings: index lookups when an end or a predicate is given, a scan
// in id order otherwise.
#include <algorithm>

#include "query/query.h"
#include "query/walker.h"

namespace kg {

TripleList ListTriples(Store& store, const TripleQuery& query) {
  auto lookup = store.NewLookup(query.filter);
  EdgeFilter none;
  Walker walker(*lookup, none);
  TripleList result;

  auto has_type = [&](int64_t id) {
    return query.types.count(walker.Entity(id).type) > 0;
  };
  // Called in triple id order; false once the list is full.
  auto consider = [&](const TripleEnds& t) {
    if (!query.types.empty() && !has_type(t.subject) && !has_type(t.object)) return true;
    if (query.min_weight > 1 && walker.Weight(t.id) < query.min_weight) return true;
    auto edge = lookup->GetEdge(t.id);
    if (!edge) return true;
    if (!query.since.empty() || !query.until.empty()) {
      bool dated_in =
          std::any_of(edge->dates.begin(), edge->dates.end(), [&](const std::string& d) {
            return (query.since.empty() || d >= query.since) &&
                   (query.until.empty() || d <= query.until);
          });
      if (!dated_in) return true;
    }
    if (query.limit > 0 && static_cast<int>(result.edges.size()) == query.limit) {
      result.truncated = true;
      return false;
    }
    for (int64_t id : {edge->source, edge->target})
      if (!result.entities.count(id)) result.entities.emplace(id, walker.Entity(id));
    result.edges.push_back(std::move(*edge));
    return true;
  };

  Store::TriplePattern pattern;
  pattern.subject = query.subject;
  pattern.object = query.object;
  if (query.predicates.empty()) {
    lookup->Triples(pattern, consider);
    return result;
  }
  // One lookup per predicate, merged into id order.
  std::vector<TripleEnds> found;
  for (const std::string& p : query.predicates) {
    pattern.predicate = p;
    lookup->Triples(pattern, [&](const TripleEnds& t) {
      found.push_back(t);
      return true;
    });
  }
  std::sort(found.begin(), found.end(),
            [](const TripleEnds& a, const TripleEnds& b) { return a.id < b.id; });
  for (const TripleEnds& t : found)
    if (!consider(t)) break;
  return result;
}

}  // namespace kg
