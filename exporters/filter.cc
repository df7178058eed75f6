// Filters as a GraphSource in front of the store. The node and edge sets are
// decided up front from a light pass (entity types, triple ends, and weights
// only when --min-weight needs them); the export itself then streams from
// the store and skips what was left out.
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "exporters/exporters.h"
#include "query/query.h"

namespace kg {

namespace {

struct Link {
  int64_t id, source, target;
};

class FilteredView : public GraphSource {
 public:
  FilteredView(Store& store, const GraphFilter& graph, const ExportFilter& filter)
      : store_(store), graph_(graph) {
    Select(filter);
  }

  void ForEachNode(const std::function<void(const Node&)>& fn) override {
    store_.ForEachNode(graph_, [&](const Node& n) {
      auto it = degree_.find(n.id);
      if (it == degree_.end()) return;
      Node kept = n;
      kept.degree = it->second;
      fn(kept);
    });
  }

  void ForEachEdge(const std::function<void(const Edge&)>& fn) override {
    store_.ForEachEdge(graph_, [&](const Edge& e) {
      if (edges_.count(e.id)) fn(e);
    });
  }

  std::vector<Evidence> EdgeEvidence(const Edge& edge) override {
    if (!lookup_) lookup_ = store_.NewLookup(graph_);
    std::vector<Evidence> all;
    lookup_->GetEdge(edge.id, &all);
    return all;
  }

 private:
  void Select(const ExportFilter& filter);

  Store& store_;
  GraphFilter graph_;
  std::unordered_map<int64_t, int> degree_;  // the kept nodes
  std::unordered_set<int64_t> edges_;        // the kept edges
  std::unique_ptr<Store::Lookup> lookup_;    // for EdgeEvidence, made when needed
};

std::unordered_set<std::string> AsSet(const std::vector<std::string>& items) {
  std::unordered_set<std::string> set;
  for (const std::string& item : items)
    if (!Trim(item).empty()) set.emplace(Trim(item));
  return set;
}

void FilteredView::Select(const ExportFilter& filter) {
  auto types = AsSet(filter.types);
  for (const std::string& t : types)
    if (!IsEntityType(t)) {
      std::string known;
      for (const std::string& k : EntityTypes()) known += (known.empty() ? "" : ", ") + k;
      throw Error("unknown type '" + t + "'; types are " + known, Error::Kind::kUsage);
    }
  auto predicates = AsSet(filter.predicates);

  std::unordered_set<int64_t> nodes;  // of the kept types
  store_.ForEachNode(graph_, [&](const Node& n) {
    if (types.empty() || types.count(n.type)) nodes.insert(n.id);
  });

  std::vector<Link> links;
  auto consider = [&](int64_t id, int64_t s, int64_t t, const std::string& p) {
    if (nodes.count(s) && nodes.count(t) && (predicates.empty() || predicates.count(p)))
      links.push_back({id, s, t});
  };
  if (filter.min_weight > 1) {  // every live edge has weight >= 1
    store_.ForEachEdge(graph_, [&](const Edge& e) {
      if (e.weight >= filter.min_weight) consider(e.id, e.source, e.target, e.predicate);
    });
  } else {
    for (const TripleEnds& t : store_.Triples(graph_))
      consider(t.id, t.subject, t.object, t.predicate);
  }

  std::optional<int64_t> center;
  if (!filter.around.empty()) {
    center = ResolveEntity(store_, filter.around, graph_);
    if (!nodes.count(*center)) {
      std::optional<Node> n = store_.GetNode(*center, graph_);
      throw Error("\"" + filter.around + "\" (" + (n ? n->type : "?") +
                  ") is left out by --types");
    }
    // Breadth-first, both ways along the edges that passed the filters.
    std::unordered_map<int64_t, std::vector<int64_t>> adjacent;
    for (const Link& l : links) {
      adjacent[l.source].push_back(l.target);
      adjacent[l.target].push_back(l.source);
    }
    std::unordered_map<int64_t, int> distance = {{*center, 0}};
    std::deque<int64_t> queue = {*center};
    while (!queue.empty()) {
      int64_t at = queue.front();
      queue.pop_front();
      if (distance[at] == filter.hops) continue;
      for (int64_t next : adjacent[at])
        if (distance.emplace(next, distance[at] + 1).second) queue.push_back(next);
    }
    std::erase_if(links, [&](const Link& l) {
      return !distance.count(l.source) || !distance.count(l.target);
    });
    std::erase_if(nodes, [&](int64_t n) { return !distance.count(n); });
  }

  for (const Link& l : links) {
    edges_.insert(l.id);
    ++degree_[l.source];
    ++degree_[l.target];
  }
  // --connected keeps only what has an edge, `around` itself included.
  bool keep_isolated = !filter.FiltersEdges() && !filter.connected;
  for (int64_t id : nodes)
    if (keep_isolated || (id == center && !filter.connected)) degree_.emplace(id, 0);
}

}  // namespace

std::unique_ptr<GraphSource> Filtered(Store& store, const GraphFilter& graph,
                                      const ExportFilter& filter) {
  if (filter.Empty()) return store.View(graph);
  // Its passes read the store several times: all at one revision, even if a
  // writer commits in between (Store::View does the same).
  GraphFilter pinned = graph;
  if (pinned.as_of_revision == 0) pinned.as_of_revision = store.LatestRevision();
  return std::make_unique<FilteredView>(store, pinned, filter);
}

}  // namespace kg
