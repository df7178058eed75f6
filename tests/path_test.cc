// Paths on small hand-built graphs with known answers.
#include <catch2/catch.hpp>

#include "ingest/ingest.h"
#include "query/query.h"
#include "tests/test_util.h"

namespace kg {
namespace {

using test::FactLine;

struct Graph {
  test::FakeEnv env;
  test::TempDir dir;
  std::unique_ptr<Store> store =
      Store::Open(dir.Path("kg.db"), Store::Mode::kReadWrite, env);

  // Edges as "S p O" strings, each its own document.
  explicit Graph(const std::vector<std::string>& edges) {
    std::string jsonl;
    int i = 0;
    for (const auto& e : edges) {
      auto parts = Split(e, ' ');
      jsonl += FactLine("d" + std::to_string(i++), parts[0], "Company", parts[1],
                        parts[2], "Company", e);
    }
    store->Apply(ReadTriplesJsonl(jsonl, "g.jsonl"));
  }
  int64_t Id(const std::string& name) { return ResolveEntity(*store, name, {}); }
  // The path as "A>B<C": '>' a hop walked forward, '<' one walked backward.
  std::string Path(const std::string& a, const std::string& b, PathOptions o = {}) {
    auto p = ShortestPath(*store, Id(a), Id(b), o);
    if (!p) return "none";
    std::string s = a;
    for (const Hop& h : *p) {
      auto node = store->GetNode(h.to, {});
      s += (h.forward ? ">" : "<") + node->name;
    }
    return s;
  }
};

TEST_CASE("shortest path prefers fewer hops") {
  Graph g({"A p B", "B p C", "C p D", "A q D"});
  CHECK(g.Path("A", "D") == "A>D");
  CHECK(g.Path("A", "C") == "A>B>C");
}

TEST_CASE("paths follow edges both ways unless --directed") {
  Graph g({"A p B", "C p B"});
  CHECK(g.Path("A", "C") == "A>B<C");
  PathOptions directed;
  directed.directed = true;
  CHECK(g.Path("A", "C", directed) == "none");
  CHECK(g.Path("A", "B", directed) == "A>B");
}

TEST_CASE("disconnected self and max-hops") {
  Graph g({"A p B", "B p C", "C p D", "X p Y"});
  CHECK(g.Path("A", "Y") == "none");
  CHECK(g.Path("A", "A") == "A");
  PathOptions two;
  two.max_hops = 2;
  CHECK(g.Path("A", "D", two) == "none");
  CHECK(g.Path("A", "C", two) == "A>B>C");
}

TEST_CASE("cycles do not trap the search - each hop carries its evidence") {
  Graph g({"A p B", "B p C", "C p A", "C p D"});
  auto p = ShortestPath(*g.store, g.Id("A"), g.Id("D"), {});
  REQUIRE(p);
  REQUIRE(p->size() == 2);
  CHECK((*p)[0].edge.best.sentence == "C p A");
  CHECK((*p)[0].forward == false);
  CHECK((*p)[1].edge.best.sentence == "C p D");
  CHECK((*p)[1].edge.best.document == "d3");
}

TEST_CASE("unknown names throw with suggestions ranked by distance") {
  Graph g({"Nvidia p Huawei", "Nvidea p Intel"});
  CHECK_THROWS_WITH(g.Id("Nvidiaa"),
                    Catch::Contains("did you mean \"Nvidia\", \"Nvidea\""));
  CHECK_THROWS_WITH(g.Id("zzzzzzzz"), "unknown entity \"zzzzzzzz\"");
  CHECK(g.Id("NVIDIA") == g.Id("nvidia"));
}

}  // namespace
}  // namespace kg
