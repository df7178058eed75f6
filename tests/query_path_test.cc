// k shortest paths on hand-built graphs with known answers, and against a
// brute-force enumeration of every simple path on random graphs.
#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <random>
#include <tuple>

#include "ingest/ingest.h"
#include "query/query.h"
#include "tests/test_util.h"

namespace kg {
namespace {

// Facts as "S p O": each line is its own document, so a line given twice
// makes a triple of weight 2. Names may carry a type ("H20:Chip"); the
// default is Company.
struct Graph {
  test::FakeEnv env;
  test::TempDir dir;
  std::unique_ptr<Store> store =
      Store::Open(dir.Path("kg.db"), Store::Mode::kReadWrite, env);
  int docs = 0;

  explicit Graph(const std::vector<std::string>& facts) { Add(facts); }

  void Add(const std::vector<std::string>& facts, const std::string& date = "") {
    std::string jsonl;
    for (const auto& f : facts) {
      auto parts = Split(f, ' ');
      auto [s, st] = Typed(parts[0]);
      auto [o, ot] = Typed(parts[2]);
      jsonl +=
          test::FactLine("d" + std::to_string(docs++), s, st, parts[1], o, ot, f, date);
    }
    store->Apply(ReadTriplesJsonl(jsonl, "g.jsonl"));
  }
  static std::pair<std::string, std::string> Typed(const std::string& name) {
    auto colon = name.find(':');
    if (colon == std::string::npos) return {name, "Company"};
    return {name.substr(0, colon), name.substr(colon + 1)};
  }
  int64_t Id(const std::string& name) { return ResolveEntity(*store, name, {}); }
  std::string Name(int64_t id) { return store->NewLookup({})->Entity(id)->name; }

  // Each path as "A>B<C": '>' a hop walked forward, '<' one walked backward.
  std::vector<std::string> Paths(const std::string& a, const std::string& b,
                                 PathOptions o = {}) {
    std::vector<std::string> out;
    for (const Path& p : ShortestPaths(*store, Id(a), Id(b), o)) {
      std::string s = a;
      for (const Hop& h : p.hops) s += (h.forward ? ">" : "<") + Name(h.to);
      out.push_back(s);
    }
    return out;
  }
  std::string First(const std::string& a, const std::string& b, PathOptions o = {}) {
    auto p = Paths(a, b, o);
    return p.empty() ? "none" : p[0];
  }
};

using Strings = std::vector<std::string>;

PathOptions K(int k) {
  PathOptions o;
  o.k = k;
  return o;
}

TEST_CASE("k paths rank by hops then support") {
  // Both two-hop paths tie on hops; C's has a hop of weight 2.
  Graph g({"A p B", "B p D", "A q C", "C q D", "C q D", "A r E", "E r F", "F r D"});
  CHECK(g.Paths("A", "D", K(3)) == Strings{"A>C>D", "A>B>D", "A>E>F>D"});
  CHECK(g.Paths("A", "D", K(2)) == Strings{"A>C>D", "A>B>D"});
  CHECK(g.First("A", "D") == "A>C>D");
}

TEST_CASE("ties in hops and support go to the earlier triples") {
  Graph g({"A p C", "C p D", "A p B", "B p D"});
  CHECK(g.Paths("A", "D", K(2)) == Strings{"A>C>D", "A>B>D"});
  Graph h({"A p B", "B p D", "A p C", "C p D"});
  CHECK(h.Paths("A", "D", K(2)) == Strings{"A>B>D", "A>C>D"});
}

TEST_CASE("parallel triples are distinct paths") {
  Graph g({"A p B", "A q B", "A q B"});
  auto paths = ShortestPaths(*g.store, g.Id("A"), g.Id("B"), K(5));
  REQUIRE(paths.size() == 2);
  CHECK(paths[0].hops[0].edge.predicate == "q");  // weight 2 first
  CHECK(paths[0].cost == kSupportScale / 2);
  CHECK(paths[1].hops[0].edge.predicate == "p");
  CHECK(paths[1].cost == kSupportScale);
}

TEST_CASE("k paths through cycles stay loopless") {
  Graph g({"A p B", "B p C", "C p A", "C p D"});
  CHECK(g.Paths("A", "D", K(5)) == Strings{"A<C>D", "A>B>C>D"});
}

TEST_CASE("directed paths follow subject to object only") {
  Graph g({"A p B", "C p B", "B p D", "A p E", "D p E"});
  PathOptions o = K(5);
  CHECK(g.Paths("A", "C", o) == Strings{"A>B<C", "A>E<D<B<C"});
  o.directed = true;
  CHECK(g.Paths("A", "C", o).empty());
  CHECK(g.Paths("A", "E", o) == Strings{"A>E", "A>B>D>E"});
  CHECK(g.Paths("E", "A", o).empty());
}

TEST_CASE("via demands a predicate and avoid forbids one") {
  Graph g({"A p B", "B p D", "A s C", "C p D", "A p X", "X p Y", "Y s D"});
  PathOptions via = K(5);
  via.via = {"s"};
  CHECK(g.Paths("A", "D", via) == Strings{"A>C>D", "A>X>Y>D"});
  via.via = {"nothing"};
  CHECK(g.Paths("A", "D", via).empty());
  PathOptions avoid = K(5);
  avoid.edges.avoid = {"s"};
  CHECK(g.Paths("A", "D", avoid) == Strings{"A>B>D"});
  PathOptions only = K(5);
  only.edges.predicates = {"s"};
  CHECK(g.Paths("A", "D", only).empty());
  CHECK(g.Paths("A", "C", only) == Strings{"A>C"});
}

TEST_CASE("unreachable pairs and max-hops cut-off") {
  Graph g({"A p B", "B p C", "C p D", "D p E", "X p Y"});
  CHECK(g.Paths("A", "Y", K(3)).empty());
  PathOptions three = K(3);
  three.max_hops = 3;
  CHECK(g.Paths("A", "E", three).empty());
  CHECK(g.Paths("A", "D", three) == Strings{"A>B>C>D"});
  three.max_hops = 4;
  CHECK(g.Paths("A", "E", three) == Strings{"A>B>C>D>E"});
  CHECK(g.Paths("A", "A", K(3)) == Strings{"A"});
}

TEST_CASE("types and min-weight narrow the walk") {
  Graph g({"A:Company p B:Country", "B:Country p C:Company", "A:Company q H:Chip",
           "H:Chip q C:Company", "H:Chip q C:Company", "A:Company q H:Chip"});
  PathOptions o = K(5);
  CHECK(g.Paths("A", "C", o).size() == 2);
  o.edges.types = {"Company", "Chip"};
  CHECK(g.Paths("A", "C", o) == Strings{"A>H>C"});
  o.edges.types = {};
  o.edges.min_weight = 2;
  CHECK(g.Paths("A", "C", o) == Strings{"A>H>C"});
  o.edges.types = {"Country"};
  CHECK_THROWS_WITH(g.Paths("A", "C", o), Catch::Contains("left out by --types"));
}

TEST_CASE("paths as of a revision or a date") {
  Graph g({"A p B", "B p C"});
  g.Add({"A p C"}, "2025-03-01");
  PathOptions now;
  CHECK(g.First("A", "C", now) == "A>C");
  PathOptions then;
  then.filter.as_of_revision = 1;
  CHECK(g.First("A", "C", then) == "A>B>C");
  // Undated documents count under any date; a dated one from its date on.
  PathOptions dated;
  dated.filter.as_of_date = "2025-02-01";
  CHECK(g.First("A", "C", dated) == "A>B>C");
  dated.filter.as_of_date = "2025-03-01";
  CHECK(g.First("A", "C", dated) == "A>C");
  dated.k = 3;
  dated.filter.as_of_date = "2025-02-01";
  CHECK(g.Paths("A", "C", dated) == Strings{"A>B>C"});
}

TEST_CASE("ShortestPath keeps its contract") {
  Graph g({"A p B", "B p C", "X p Y"});
  auto p = ShortestPath(*g.store, g.Id("A"), g.Id("C"), {});
  REQUIRE(p);
  CHECK(p->size() == 2);
  CHECK((*p)[1].edge.best.sentence == "B p C");
  CHECK((*p)[1].edge.best.document == "d1");
  CHECK(ShortestPath(*g.store, g.Id("A"), g.Id("A"), {})->empty());
  CHECK_FALSE(ShortestPath(*g.store, g.Id("A"), g.Id("Y"), {}));
}

// Every simple path from `from` to `to` of at most `max_hops` hops, ranked as
// ShortestPaths ranks them, as triple id sequences.
std::vector<std::vector<int64_t>> BruteForce(const std::vector<Edge>& edges, int64_t from,
                                             int64_t to, const PathOptions& o) {
  struct Found {
    size_t hops;
    int64_t cost;
    std::vector<int64_t> triples;
  };
  std::vector<Found> found;
  std::vector<int64_t> visited = {from}, triples;
  int64_t cost = 0;
  bool via = false;
  std::function<void(int64_t)> walk = [&](int64_t at) {
    if (at == to) {
      if (o.via.empty() || via) found.push_back({triples.size(), cost, triples});
      return;
    }
    if (static_cast<int>(triples.size()) == o.max_hops) return;
    for (const Edge& e : edges) {
      int64_t next;
      if (e.source == at) {
        next = e.target;
      } else if (e.target == at && !o.directed) {
        next = e.source;
      } else {
        continue;
      }
      if (std::count(visited.begin(), visited.end(), next)) continue;
      bool was_via = via;
      via = via || o.via.count(e.predicate);
      visited.push_back(next);
      triples.push_back(e.id);
      cost += kSupportScale / e.weight;
      walk(next);
      cost -= kSupportScale / e.weight;
      triples.pop_back();
      visited.pop_back();
      via = was_via;
    }
  };
  walk(from);
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return std::tie(a.hops, a.cost, a.triples) < std::tie(b.hops, b.cost, b.triples);
  });
  std::vector<std::vector<int64_t>> out;
  for (const Found& f : found) {
    if (static_cast<int>(out.size()) == o.k) break;
    out.push_back(f.triples);
  }
  return out;
}

TEST_CASE("k shortest paths agree with brute force on random graphs") {
  std::mt19937 rng(20250127);
  for (int round = 0; round < 40; ++round) {
    int nodes = 5 + rng() % 8;
    int facts = nodes + rng() % (2 * nodes);
    std::vector<std::string> lines;
    for (int i = 0; i < facts; ++i) {
      int s = rng() % nodes, o = rng() % nodes;
      if (s == o) continue;
      lines.push_back("N" + std::to_string(s) + " " + "pqr"[rng() % 3] + " N" +
                      std::to_string(o));
    }
    if (lines.empty()) continue;
    Graph g(lines);
    std::vector<Edge> edges;
    g.store->ForEachEdge({}, [&](const Edge& e) { edges.push_back(e); });
    std::vector<int64_t> ids;
    g.store->ForEachNode({}, [&](const Node& n) { ids.push_back(n.id); });
    for (int q = 0; q < 6; ++q) {
      PathOptions o;
      o.k = 1 + rng() % 6;
      o.max_hops = 1 + rng() % 5;
      o.directed = rng() % 3 == 0;
      if (rng() % 3 == 0) o.via = {"r"};
      int64_t from = ids[rng() % ids.size()], to = ids[rng() % ids.size()];
      if (from == to) continue;
      std::vector<std::vector<int64_t>> got;
      for (const Path& p : ShortestPaths(*g.store, from, to, o)) {
        got.emplace_back();
        for (const Hop& h : p.hops) got.back().push_back(h.edge.id);
      }
      INFO("round " << round << " query " << q << " k " << o.k << " max_hops "
                    << o.max_hops << " directed " << o.directed << " via "
                    << o.via.size());
      CHECK(got == BruteForce(edges, from, to, o));
    }
  }
}

}  // namespace
}  // namespace kg
