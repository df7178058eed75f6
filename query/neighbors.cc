// Neighbourhoods and entity cards: what an entity is connected to.
#include <algorithm>
#include <map>
#include <tuple>

#include "query/query.h"
#include "query/walker.h"

namespace kg {

namespace {

Edge MustGetEdge(Store::Lookup& lookup, int64_t triple) {
  auto edge = lookup.GetEdge(triple);
  if (!edge) throw Error("triple " + std::to_string(triple) + " vanished");
  return std::move(*edge);
}

void Name(Walker& walker, EntityNames& names, int64_t id) {
  if (!names.count(id)) names.emplace(id, walker.Entity(id));
}

}  // namespace

Neighborhood Neighbors(Store& store, int64_t center, const NeighborOptions& options) {
  auto lookup = store.NewLookup(options.filter);
  Walker walker(*lookup, options.edges);
  Neighborhood result;
  result.center = walker.Entity(center);
  if (!walker.Allowed(center))
    throw Error("\"" + result.center.name + "\" (" + result.center.type +
                ") is left out by --types");
  Name(walker, result.entities, center);
  bool out = options.direction != Direction::kIn;
  bool in = options.direction != Direction::kOut;

  std::map<int64_t, int> depth = {{center, 0}};
  std::vector<int64_t> layer = {center};
  std::vector<Neighbor> rows;
  for (int d = 1; d <= options.depth && !layer.empty(); ++d) {
    std::vector<const Arc*> outward;
    std::vector<int64_t> next;
    for (int64_t node : layer)
      for (const Arc& a : walker.Arcs(node, out, in)) {
        auto [it, added] = depth.emplace(a.to, d);
        if (added) next.push_back(a.to);
        if (it->second == d) outward.push_back(&a);
      }
    for (const Arc* a : outward) {
      Neighbor n;
      n.depth = d;
      n.hop.edge = MustGetEdge(*lookup, a->triple);
      n.hop.from = a->from;
      n.hop.to = a->to;
      n.hop.forward = a->forward;
      Name(walker, result.entities, a->from);
      Name(walker, result.entities, a->to);
      rows.push_back(std::move(n));
    }
    layer = std::move(next);
  }

  std::map<std::string, std::vector<Neighbor>> by_predicate;
  for (Neighbor& n : rows) by_predicate[n.hop.edge.predicate].push_back(std::move(n));
  for (auto& [predicate, group] : by_predicate) {
    std::sort(group.begin(), group.end(), [&](const Neighbor& a, const Neighbor& b) {
      const Edge& x = a.hop.edge;
      const Edge& y = b.hop.edge;
      if (a.depth != b.depth) return a.depth < b.depth;
      if (x.weight != y.weight) return x.weight > y.weight;
      if (x.evidence_count != y.evidence_count)
        return x.evidence_count > y.evidence_count;
      const std::string& na = result.entities[a.hop.to].name;
      const std::string& nb = result.entities[b.hop.to].name;
      return std::tie(na, x.id) < std::tie(nb, y.id);
    });
    result.count += static_cast<int>(group.size());
    result.groups.push_back({predicate, std::move(group)});
  }
  auto strongest = [](const Neighborhood::Group& g) {
    int w = 0;
    for (const Neighbor& n : g.rows) w = std::max(w, n.hop.edge.weight);
    return w;
  };
  std::stable_sort(result.groups.begin(), result.groups.end(),
                   [&](const Neighborhood::Group& a, const Neighborhood::Group& b) {
                     return strongest(a) > strongest(b);
                   });
  return result;
}

EntityCard GetEntityCard(Store& store, int64_t entity, const GraphFilter& filter) {
  auto lookup = store.NewLookup(filter);
  EdgeFilter all;
  Walker walker(*lookup, all);
  EntityCard card;
  auto node = lookup->GetNode(entity);
  if (!node) {
    const EntityRef& e = walker.Entity(entity);
    throw Error("\"" + e.name + "\" is not in the graph" +
                (filter.as_of_date.empty() ? "" : " as of " + filter.as_of_date));
  }
  card.node = std::move(*node);
  Name(walker, card.entities, entity);

  std::vector<EntityCard::Link> links;
  for (const Arc& a : walker.Arcs(entity, true, true)) {
    Name(walker, card.entities, a.to);
    links.push_back({MustGetEdge(*lookup, a.triple), a.forward});
  }

  std::map<std::pair<std::string, bool>, EntityCard::Group> groups;
  for (const EntityCard::Link& l : links) {
    auto& g = groups[{l.edge.predicate, l.outgoing}];
    g.predicate = l.edge.predicate;
    g.outgoing = l.outgoing;
    g.evidence += l.edge.evidence_count;
    g.links.push_back(l);
  }
  auto documents = [](const EntityCard::Group& g) {
    int sum = 0;
    for (const auto& l : g.links) sum += l.edge.weight;
    return sum;
  };
  for (auto& [key, g] : groups) {
    std::sort(g.links.begin(), g.links.end(),
              [](const EntityCard::Link& a, const EntityCard::Link& b) {
                const Edge& x = a.edge;
                const Edge& y = b.edge;
                if (x.weight != y.weight) return x.weight > y.weight;
                if (x.evidence_count != y.evidence_count)
                  return x.evidence_count > y.evidence_count;
                return std::tie(x.first_seen, x.id) < std::tie(y.first_seen, y.id);
              });
    card.groups.push_back(std::move(g));
  }
  std::stable_sort(card.groups.begin(), card.groups.end(),
                   [&](const EntityCard::Group& a, const EntityCard::Group& b) {
                     return documents(a) > documents(b);
                   });

  card.timeline = std::move(links);
  std::stable_sort(card.timeline.begin(), card.timeline.end(),
                   [](const EntityCard::Link& a, const EntityCard::Link& b) {
                     const Edge& x = a.edge;
                     const Edge& y = b.edge;
                     if (x.first_seen.empty() != y.first_seen.empty())
                       return y.first_seen.empty();
                     return std::tie(x.first_seen, x.last_seen, x.id) <
                            std::tie(y.first_seen, y.last_seen, y.id);
                   });
  return card;
}

}  // namespace kg
