#include "query/walker.h"

namespace kg {

const std::vector<Arc>& Walker::Arcs(int64_t node, bool out, bool in) {
  auto& cache = arcs_[(out ? 1 : 0) + (in ? 2 : 0)];
  auto [it, added] = cache.try_emplace(node);
  if (!added) return it->second;
  std::vector<Arc>& arcs = it->second;
  if (out) {
    Store::TriplePattern p;
    p.subject = node;
    lookup_.Triples(p, [&](const TripleEnds& t) {
      if (EdgeAllowed(t, t.object))
        arcs.push_back({t.id, node, t.object, true, t.predicate});
      return true;
    });
  }
  if (in) {
    Store::TriplePattern p;
    p.object = node;
    lookup_.Triples(p, [&](const TripleEnds& t) {
      if (EdgeAllowed(t, t.subject))
        arcs.push_back({t.id, node, t.subject, false, t.predicate});
      return true;
    });
  }
  return arcs;
}

bool Walker::EdgeAllowed(const TripleEnds& t, int64_t other) {
  if (!filter_.predicates.empty() && !filter_.predicates.count(t.predicate)) return false;
  if (filter_.avoid.count(t.predicate)) return false;
  if (!Allowed(other)) return false;
  // Every triple of a graph has at least one document.
  return filter_.min_weight <= 1 || Weight(t.id) >= filter_.min_weight;
}

bool Walker::Allowed(int64_t entity) {
  return filter_.types.empty() || filter_.types.count(Entity(entity).type);
}

int Walker::Weight(int64_t triple) {
  auto [it, added] = weights_.try_emplace(triple, 0);
  if (added) it->second = lookup_.Weight(triple);
  return it->second;
}

const EntityRef& Walker::Entity(int64_t id) {
  auto [it, added] = entities_.try_emplace(id);
  if (added) {
    auto found = lookup_.Entity(id);
    it->second = found ? *found : EntityRef{id, "?", "Unknown"};
  }
  return it->second;
}

}  // namespace kg
