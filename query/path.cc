// Shortest paths on Boost.Graph. The graph is rebuilt from the store's triple
// ends for each query.
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>

#include <unordered_map>

#include "query/query.h"

namespace kg {

namespace {

struct EdgeProps {
  size_t triple;  // index into the TripleEnds vector
};

template <typename Graph>
std::optional<std::vector<std::pair<size_t, size_t>>> Bfs(
    const std::vector<TripleEnds>& triples,
    const std::unordered_map<int64_t, size_t>& vertex, size_t n, size_t from,
    size_t to) {
  Graph g(n);
  for (size_t i = 0; i < triples.size(); ++i)
    boost::add_edge(vertex.at(triples[i].subject), vertex.at(triples[i].object),
                    EdgeProps{i}, g);
  using EdgeDesc = typename boost::graph_traits<Graph>::edge_descriptor;
  std::vector<std::optional<EdgeDesc>> pred(n);
  std::vector<bool> reached(n, false);
  reached[from] = true;

  struct Visitor : boost::default_bfs_visitor {
    std::vector<std::optional<EdgeDesc>>* pred;
    std::vector<bool>* reached;
    void tree_edge(EdgeDesc e, const Graph& g) const {
      auto t = boost::target(e, g);
      (*pred)[t] = e;
      (*reached)[t] = true;
    }
  } visitor;
  visitor.pred = &pred;
  visitor.reached = &reached;
  boost::breadth_first_search(g, boost::vertex(from, g), boost::visitor(visitor));
  if (!reached[to]) return std::nullopt;

  // Walk back from `to`: (triple index, vertex the hop leaves from).
  std::vector<std::pair<size_t, size_t>> hops;
  for (size_t v = to; v != from;) {
    EdgeDesc e = *pred[v];
    size_t s = boost::source(e, g), t = boost::target(e, g);
    size_t prev = (t == v) ? s : t;  // undirected edges may be stored either way
    hops.emplace_back(g[e].triple, prev);
    v = prev;
  }
  std::reverse(hops.begin(), hops.end());
  return hops;
}

}  // namespace

std::optional<std::vector<Hop>> ShortestPath(Store& store, int64_t from, int64_t to,
                                             const PathOptions& options) {
  if (from == to) return std::vector<Hop>{};
  std::vector<TripleEnds> triples = store.Triples(options.filter);
  std::unordered_map<int64_t, size_t> vertex;
  std::vector<int64_t> entity;
  auto index = [&](int64_t id) {
    auto [it, added] = vertex.emplace(id, entity.size());
    if (added) entity.push_back(id);
    return it->second;
  };
  for (const auto& t : triples) {
    index(t.subject);
    index(t.object);
  }
  if (!vertex.count(from) || !vertex.count(to)) return std::nullopt;

  using Directed = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                         boost::no_property, EdgeProps>;
  using Undirected = boost::adjacency_list<boost::vecS, boost::vecS,
                                           boost::undirectedS, boost::no_property,
                                           EdgeProps>;
  auto raw = options.directed
                 ? Bfs<Directed>(triples, vertex, entity.size(), vertex[from], vertex[to])
                 : Bfs<Undirected>(triples, vertex, entity.size(), vertex[from],
                                   vertex[to]);
  if (!raw || static_cast<int>(raw->size()) > options.max_hops) return std::nullopt;

  std::vector<Hop> hops;
  for (auto [ti, prev] : *raw) {
    const TripleEnds& t = triples[ti];
    Hop h;
    h.edge = store.GetEdge(t.id, options.filter);
    h.forward = entity[prev] == t.subject;
    h.from = entity[prev];
    h.to = h.forward ? t.object : t.subject;
    hops.push_back(std::move(h));
  }
  return hops;
}

}  // namespace kg
