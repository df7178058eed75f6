// k shortest loopless paths without loading the graph.
//
// Two balls grow around the ends by index lookups: after the source ball has
// radius rs and the target ball radius rt, every path of at most rs + rt hops
// lies on arcs already fetched (an arc at position i of such a path leaves a
// node of depth < rs in the source ball, or enters one of depth < rt in the
// target ball). So once rs + rt >= L the fetched subgraph holds exactly the
// paths of up to L hops, and Yen's algorithm over it, cut at L hops, gives
// the true k best among them. L grows one hop at a time from 1 until k paths
// are found or max_hops is reached; since fewer hops rank first, paths
// longer than L can never outrank the ones found. --via is searched in a
// graph of two layers (before and after a via edge), so that Yen's algorithm
// only ever enumerates paths that have one.
#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <deque>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "query/query.h"
#include "query/walker.h"

namespace kg {

namespace {

// --- Growing the balls ------------------------------------------------------

struct Ball {
  std::unordered_map<int64_t, int> depth;
  std::vector<int64_t> frontier;  // the nodes at depth == radius
  int radius = 0;
};

// Arcs are kept in walk direction: from the source's side towards the target.
class Explorer {
 public:
  Explorer(Walker& walker, int64_t from, int64_t to, bool directed)
      : walker_(walker), directed_(directed) {
    source_.depth[from] = 0;
    source_.frontier = {from};
    target_.depth[to] = 0;
    target_.frontier = {to};
  }

  // Either ball holds its whole component: every path is fetched.
  bool Complete() const { return source_.frontier.empty() || target_.frontier.empty(); }
  int Reach() const { return source_.radius + target_.radius; }
  const std::vector<Arc>& arcs() const { return arcs_; }

  // Grows the ball with the smaller frontier by one level.
  void Grow() {
    bool source = source_.frontier.size() <= target_.frontier.size();
    Ball& ball = source ? source_ : target_;
    std::vector<int64_t> next;
    for (int64_t node : ball.frontier) {
      // The source walks out of its nodes; the target is walked into.
      bool out = source || !directed_;
      bool in = !source || !directed_;
      for (const Arc& a : walker_.Arcs(node, out, in)) {
        if (ball.depth.emplace(a.to, ball.radius + 1).second) next.push_back(a.to);
        Arc walk = a;
        if (!source) {
          std::swap(walk.from, walk.to);
          walk.forward = !a.forward;
        }
        if (seen_.emplace(walk.triple, walk.from).second)
          arcs_.push_back(std::move(walk));
      }
    }
    ball.frontier = std::move(next);
    ++ball.radius;
  }

 private:
  struct PairHash {
    size_t operator()(const std::pair<int64_t, int64_t>& p) const {
      return std::hash<int64_t>()(p.first * 1000003 + p.second);
    }
  };

  Walker& walker_;
  bool directed_;
  Ball source_, target_;
  std::vector<Arc> arcs_;
  std::unordered_set<std::pair<int64_t, int64_t>, PairHash> seen_;  // (triple, from)
};

// --- Yen's algorithm on the explored subgraph -------------------------------

struct ArcProps {
  int64_t triple = 0;
  bool forward = true;
  int64_t cost = 0;
};
using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                         boost::no_property, ArcProps>;
using ArcDesc = boost::graph_traits<BoostGraph>::edge_descriptor;

// The explored subgraph, its n nodes numbered in entity id order. With `via`
// it is layered: vertex v + n is node v after a via edge was used, and every
// path to the target (t + n) has one. A path that is simple in the layers may
// still pass a node in both, so layered paths are checked for that.
struct SubGraph {
  BoostGraph g;
  size_t n = 0;
  bool layered = false;
  size_t Node(size_t vertex) const { return vertex % n; }
};

struct Candidate {
  std::vector<ArcDesc> arcs;
  std::vector<int64_t> triples;  // identifies the path, given its start
  int64_t cost = 0;
};

bool Ranks(const Candidate& a, const Candidate& b) {
  return std::forward_as_tuple(a.arcs.size(), a.cost, a.triples) <
         std::forward_as_tuple(b.arcs.size(), b.cost, b.triples);
}

Candidate Extend(const Candidate& c, ArcDesc e, const BoostGraph& g) {
  Candidate out = c;
  out.arcs.push_back(e);
  out.triples.push_back(g[e].triple);
  out.cost += g[e].cost;
  return out;
}

// The best path from vertex `from` to vertex `to` of at most `max_hops` hops
// that avoids the blocked nodes (in either layer) and triples. Breadth-first
// by layers, keeping the best label per vertex: a best path to `to` has
// fewest hops, so its prefixes are fewest-hop paths too, and extending labels
// by one arc keeps their order.
std::optional<Candidate> BestPath(const SubGraph& sg, size_t from, size_t to,
                                  int max_hops, const std::vector<char>& blocked_node,
                                  const std::set<int64_t>& blocked_triple) {
  const BoostGraph& g = sg.g;
  std::vector<char> reached(boost::num_vertices(g), 0);
  reached[from] = 1;
  std::map<size_t, Candidate> layer = {{from, Candidate{}}};
  for (int hop = 1; hop <= max_hops && !layer.empty(); ++hop) {
    std::map<size_t, Candidate> next;
    for (const auto& [u, label] : layer) {
      for (auto [e, end] = boost::out_edges(u, g); e != end; ++e) {
        size_t v = boost::target(*e, g);
        if (reached[v] || blocked_node[sg.Node(v)] || blocked_triple.count(g[*e].triple))
          continue;
        Candidate c = Extend(label, *e, g);
        auto it = next.find(v);
        if (it == next.end()) {
          next.emplace(v, std::move(c));
        } else if (Ranks(c, it->second)) {
          it->second = std::move(c);
        }
      }
    }
    for (const auto& [v, label] : next) reached[v] = 1;
    if (auto it = next.find(to); it != next.end()) return it->second;
    layer = std::move(next);
  }
  return std::nullopt;
}

// The path visits no node twice (only a layered path can).
bool Simple(const SubGraph& sg, size_t s, const Candidate& c) {
  if (!sg.layered) return true;
  std::vector<size_t> nodes = {sg.Node(s)};
  for (ArcDesc e : c.arcs) nodes.push_back(sg.Node(boost::target(e, sg.g)));
  std::sort(nodes.begin(), nodes.end());
  return std::adjacent_find(nodes.begin(), nodes.end()) == nodes.end();
}

// A bound on the paths Yen's algorithm may look at when layered paths keep
// passing nodes twice.
constexpr size_t kMaxExamined = 5000;

// Yen's algorithm: the best `k` simple paths from vertex s to vertex t, in
// rank order.
std::vector<Candidate> Yen(const SubGraph& sg, size_t s, size_t t, int k, int max_hops) {
  const BoostGraph& g = sg.g;
  std::vector<Candidate> examined, accepted;
  auto first = BestPath(sg, s, t, max_hops, std::vector<char>(sg.n, 0), {});
  if (!first) return accepted;
  std::set<std::vector<int64_t>> seen = {first->triples};
  std::set<Candidate, decltype(&Ranks)> pending(&Ranks);
  examined.push_back(std::move(*first));
  while (true) {
    const Candidate& last = examined.back();
    if (Simple(sg, s, last)) {
      accepted.push_back(last);
      if (static_cast<int>(accepted.size()) == k) break;
    }
    if (examined.size() >= kMaxExamined) break;
    std::vector<size_t> vertices = {s};
    for (ArcDesc e : last.arcs) vertices.push_back(boost::target(e, g));
    std::vector<char> blocked_node(sg.n, 0);
    Candidate root;
    for (size_t j = 0; j < last.arcs.size(); ++j) {
      std::set<int64_t> blocked_triple;
      for (const Candidate& p : examined)
        if (p.triples.size() > j &&
            std::equal(root.triples.begin(), root.triples.end(), p.triples.begin()))
          blocked_triple.insert(p.triples[j]);
      auto spur = BestPath(sg, vertices[j], t, max_hops - static_cast<int>(j),
                           blocked_node, blocked_triple);
      if (spur) {
        Candidate whole = root;
        for (ArcDesc e : spur->arcs) whole = Extend(whole, e, g);
        if (seen.insert(whole.triples).second) pending.insert(std::move(whole));
      }
      blocked_node[sg.Node(vertices[j])] = 1;
      root = Extend(root, last.arcs[j], g);
    }
    if (pending.empty()) break;
    examined.push_back(*pending.begin());
    pending.erase(pending.begin());
  }
  return accepted;
}

// Hop distances over `arcs` from `start`, forwards or backwards, up to `limit`.
std::unordered_map<int64_t, int> Distances(
    const std::unordered_map<int64_t, std::vector<const Arc*>>& adjacent, int64_t start,
    bool backward, int limit) {
  std::unordered_map<int64_t, int> dist = {{start, 0}};
  std::deque<int64_t> queue = {start};
  while (!queue.empty()) {
    int64_t at = queue.front();
    queue.pop_front();
    int d = dist[at];
    if (d == limit) continue;
    auto it = adjacent.find(at);
    if (it == adjacent.end()) continue;
    for (const Arc* a : it->second) {
      int64_t next = backward ? a->from : a->to;
      if (dist.emplace(next, d + 1).second) queue.push_back(next);
    }
  }
  return dist;
}

// The k best paths of at most `limit` hops among the explored arcs.
std::vector<Path> Search(const std::vector<Arc>& arcs, int64_t from, int64_t to,
                         int limit, const PathOptions& options, Walker& walker) {
  std::unordered_map<int64_t, std::vector<const Arc*>> out, in;
  for (const Arc& a : arcs) {
    out[a.from].push_back(&a);
    in[a.to].push_back(&a);
  }
  auto ds = Distances(out, from, false, limit);
  if (!ds.count(to)) return {};
  auto dt = Distances(in, to, true, limit);

  // Only arcs on some path of at most `limit` hops.
  std::map<int64_t, size_t> vertex;  // entity id -> node, in id order
  std::vector<const Arc*> kept;
  for (const Arc& a : arcs) {
    auto u = ds.find(a.from);
    auto v = dt.find(a.to);
    if (u == ds.end() || v == dt.end() || u->second + 1 + v->second > limit) continue;
    kept.push_back(&a);
    vertex.emplace(a.from, 0);
    vertex.emplace(a.to, 0);
  }
  std::vector<int64_t> entity;
  for (auto& [id, index] : vertex) {
    index = entity.size();
    entity.push_back(id);
  }
  std::sort(kept.begin(), kept.end(), [](const Arc* a, const Arc* b) {
    return std::tie(a->from, a->triple) < std::tie(b->from, b->triple);
  });
  SubGraph sg;
  sg.n = entity.size();
  sg.layered = !options.via.empty();
  sg.g = BoostGraph(sg.layered ? 2 * sg.n : sg.n);
  for (const Arc* a : kept) {
    ArcProps p;
    p.triple = a->triple;
    p.forward = a->forward;
    p.cost = kSupportScale / std::max(1, walker.Weight(a->triple));
    size_t u = vertex[a->from], v = vertex[a->to];
    if (!sg.layered) {
      boost::add_edge(u, v, p, sg.g);
    } else if (options.via.count(a->predicate)) {
      boost::add_edge(u, v + sg.n, p, sg.g);
      boost::add_edge(u + sg.n, v + sg.n, p, sg.g);
    } else {
      boost::add_edge(u, v, p, sg.g);
      boost::add_edge(u + sg.n, v + sg.n, p, sg.g);
    }
  }

  size_t target = vertex[to] + (sg.layered ? sg.n : 0);
  std::vector<Path> paths;
  for (const Candidate& c : Yen(sg, vertex[from], target, options.k, limit)) {
    Path path;
    path.cost = c.cost;
    for (ArcDesc e : c.arcs) {
      const ArcProps& p = sg.g[e];
      auto edge = walker.lookup().GetEdge(p.triple);
      if (!edge) throw Error("triple " + std::to_string(p.triple) + " vanished");
      Hop h;
      h.edge = std::move(*edge);
      h.from = entity[sg.Node(boost::source(e, sg.g))];
      h.to = entity[sg.Node(boost::target(e, sg.g))];
      h.forward = p.forward;
      path.hops.push_back(std::move(h));
    }
    paths.push_back(std::move(path));
  }
  return paths;
}

}  // namespace

std::vector<Path> ShortestPaths(Store& store, int64_t from, int64_t to,
                                const PathOptions& options) {
  auto lookup = store.NewLookup(options.filter);
  Walker walker(*lookup, options.edges);
  for (int64_t end : {from, to})
    if (!walker.Allowed(end)) {
      const EntityRef& e = walker.Entity(end);
      throw Error("\"" + e.name + "\" (" + e.type + ") is left out by --types");
    }
  if (from == to) {
    if (options.via.empty()) return {Path{}};
    return {};
  }
  if (options.k < 1 || options.max_hops < 1) return {};
  if (!options.via.empty()) {
    // No via edge anywhere (a typo, say): no need to explore max_hops deep.
    bool any = false;
    for (const std::string& p : options.via) {
      Store::TriplePattern pattern;
      pattern.predicate = p;
      lookup->Triples(pattern, [&](const TripleEnds&) { return !(any = true); });
    }
    if (!any) return {};
  }

  Explorer explorer(walker, from, to, options.directed);
  std::vector<Path> paths;
  while (true) {
    int limit = explorer.Complete() ? options.max_hops
                                    : std::min(explorer.Reach(), options.max_hops);
    if (limit >= 1) {
      paths = Search(explorer.arcs(), from, to, limit, options, walker);
      if (static_cast<int>(paths.size()) >= options.k || limit == options.max_hops)
        return paths;
    }
    explorer.Grow();
  }
}

std::optional<std::vector<Hop>> ShortestPath(Store& store, int64_t from, int64_t to,
                                             const PathOptions& options) {
  PathOptions one = options;
  one.k = 1;
  auto paths = ShortestPaths(store, from, to, one);
  if (paths.empty()) return std::nullopt;
  return std::move(paths.front().hops);
}

}  // namespace kg
