// Internal to query/: the graph as a walk sees it — arcs fetched by index
// lookups on demand, filtered by an EdgeFilter, and cached.
#ifndef KG_QUERY_WALKER_H_
#define KG_QUERY_WALKER_H_

#include <unordered_map>
#include <vector>

#include "query/query.h"

namespace kg {

// A triple seen from one of its ends.
struct Arc {
  int64_t triple = 0;
  int64_t from = 0, to = 0;
  bool forward = true;  // from is the subject
  std::string predicate;
};

// Holds on to `lookup` and `filter`, which must outlive it.
class Walker {
 public:
  Walker(Store::Lookup& lookup, const EdgeFilter& filter)
      : lookup_(lookup), filter_(filter) {}

  // The arcs leaving `node` that the filter allows: along triples it is the
  // subject of when `out`, against triples it is the object of when `in`;
  // in triple id order, outgoing first. Fetched once per node; the reference
  // stays valid while the walker lives.
  const std::vector<Arc>& Arcs(int64_t node, bool out, bool in);
  // The entity passes the filter's types.
  bool Allowed(int64_t entity);
  int Weight(int64_t triple);
  const EntityRef& Entity(int64_t id);
  Store::Lookup& lookup() { return lookup_; }

 private:
  bool EdgeAllowed(const TripleEnds& t, int64_t other);

  Store::Lookup& lookup_;
  const EdgeFilter& filter_;
  std::unordered_map<int64_t, std::vector<Arc>> arcs_[4];  // by out + 2 * in
  std::unordered_map<int64_t, int> weights_;
  std::unordered_map<int64_t, EntityRef> entities_;
};

}  // namespace kg

#endif  // KG_QUERY_WALKER_H_
