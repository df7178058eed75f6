#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include "graph/graph.h"
#include "ingest/ingest.h"
#include "tests/graph_dump.h"
#include "tests/test_util.h"

namespace kg {
namespace {

using test::FactLine;

struct Fixture {
  test::FakeEnv env;
  test::TempDir dir;
  std::unique_ptr<Store> store =
      Store::Open(dir.Path("kg.db"), Store::Mode::kReadWrite, env);

  ApplyResult Ingest(const std::string& jsonl) {
    return store->Apply(ReadTriplesJsonl(jsonl, "t.jsonl"));
  }
  std::vector<Node> Nodes(int64_t rev = 0) {
    std::vector<Node> v;
    store->ForEachNode({rev}, [&](const Node& n) { v.push_back(n); });
    return v;
  }
  std::vector<Edge> Edges(int64_t rev = 0) {
    std::vector<Edge> v;
    store->ForEachEdge({rev}, [&](const Edge& e) { v.push_back(e); });
    return v;
  }
};

TEST_CASE("FoldKey merges case punctuation 'the' and possessives") {
  CHECK(FoldKey("U.S.") == FoldKey("us"));
  CHECK(FoldKey("DeepSeek") == FoldKey("Deepseek"));
  CHECK(FoldKey("the Council on Foreign Relations") ==
        FoldKey("Council on Foreign Relations"));
  CHECK(FoldKey("Nvidia's") == FoldKey("Nvidia"));
  CHECK(FoldKey("Moor Insights & Strategy") == FoldKey("moor insights and strategy"));
  CHECK(FoldKey("ＤｅｅｐＳｅｅｋ") == FoldKey("deepseek"));  // NFKC full-width
  CHECK(FoldKey("H800") != FoldKey("H100"));
  CHECK(FoldKey("...").empty());
}

TEST_CASE("names merge across case and punctuation - aliases are one entity") {
  Fixture f;
  auto r =
      f.Ingest(FactLine("a", "DeepSeek", "Company", "uses", "H800", "Chip",
                        "DeepSeek uses H800.") +
               FactLine("b", "deepseek", "Company", "based_in", "China", "Country", "x") +
               FactLine("b", "DEEPSEEK", "Company", "uses", "h800", "Chip", "y"));
  CHECK(r.revision == 1);
  CHECK(r.entities_added == 3);
  auto nodes = f.Nodes();
  REQUIRE(nodes.size() == 3);
  CHECK(nodes[0].name == "DeepSeek");  // the first spelling seen is canonical
  CHECK(nodes[0].mentions == 3);
}

TEST_CASE("weight counts distinct documents not evidence sentences") {
  Fixture f;
  f.Ingest(FactLine("a", "US", "Country", "sanctions", "Huawei", "Company", "one") +
           FactLine("a", "US", "Country", "sanctions", "Huawei", "Company", "two") +
           FactLine("b", "U.S.", "Country", "sanctions", "Huawei", "Company", "three"));
  auto edges = f.Edges();
  REQUIRE(edges.size() == 1);
  CHECK(edges[0].weight == 2);
  CHECK(edges[0].evidence_count == 3);
}

TEST_CASE("re-importing the same triples changes nothing and writes no revision") {
  Fixture f;
  std::string jsonl =
      FactLine("a", "US", "Country", "sanctions", "Huawei", "Company", "one");
  CHECK(f.Ingest(jsonl).revision == 1);
  auto again = f.Ingest(jsonl);
  CHECK(again.revision == 0);
  CHECK(again.docs_unchanged == 1);
  CHECK(f.store->LatestRevision() == 1);
  CHECK(f.store->GetStats({}).evidence == 1);
  CHECK(f.store->GetStats({}).documents == 1);
}

TEST_CASE("a changed document replaces its evidence - old revisions stay readable") {
  Fixture f;
  f.Ingest(FactLine("a", "US", "Country", "sanctions", "Huawei", "Company", "one") +
           FactLine("b", "US", "Country", "sanctions", "Huawei", "Company", "two"));
  auto r = f.Ingest(FactLine("a", "US", "Country", "bans", "TikTok", "Product", "new"));
  CHECK(r.revision == 2);
  CHECK(r.docs_changed == 1);
  CHECK(r.docs_unchanged == 0);  // b is not in this file at all
  auto now = f.Edges();
  REQUIRE(now.size() == 2);
  CHECK(now[0].predicate == "sanctions");
  CHECK(now[0].weight == 1);  // only b supports it now
  auto then = f.Edges(1);
  REQUIRE(then.size() == 1);
  CHECK(then[0].weight == 2);

  // When the last support goes, the triple is retired.
  auto r3 = f.Ingest(FactLine("b", "US", "Country", "bans", "TikTok", "Product", "x"));
  CHECK(r3.triples_retired == 1);
  CHECK(f.Edges().size() == 1);
  CHECK(f.Edges(2).size() == 2);
}

TEST_CASE("symmetric predicates are one triple in either direction") {
  Fixture f;
  f.Ingest(FactLine("a", "R1", "AIModel", "competes_with", "OpenAI", "Company", "x") +
           FactLine("b", "OpenAI", "Company", "competes_with", "R1", "AIModel", "y"));
  auto edges = f.Edges();
  REQUIRE(edges.size() == 1);
  CHECK(edges[0].weight == 2);
}

TEST_CASE("dates come from documents - undated evidence invents none") {
  Fixture f;
  f.Ingest(
      FactLine("a", "US", "Country", "sanctions", "SMIC", "Company", "x", "2020-12-18") +
      FactLine("b", "US", "Country", "sanctions", "SMIC", "Company", "y", "2022-10-07") +
      FactLine("c", "US", "Country", "sanctions", "SMIC", "Company", "z"));
  auto e = f.Edges().at(0);
  CHECK(e.first_seen == "2020-12-18");
  CHECK(e.last_seen == "2022-10-07");
  CHECK(e.dates == std::vector<std::string>{"2020-12-18", "2022-10-07"});
  CHECK(e.best.date == "2022-10-07");  // same confidence: the latest wins
}

TEST_CASE("stats count live rows by type and predicate") {
  Fixture f;
  f.Ingest(FactLine("a", "US", "Country", "sanctions", "SMIC", "Company", "x") +
           FactLine("a", "SMIC", "Company", "based_in", "China", "Country", "y"));
  Stats s = f.store->GetStats({});
  CHECK(s.documents == 1);
  CHECK(s.entities == 3);
  CHECK(s.triples == 2);
  CHECK(s.revisions == 1);
  REQUIRE(s.entities_by_type.size() == 2);
  CHECK(s.entities_by_type[0] == std::make_pair(std::string("Country"), int64_t{2}));
}

TEST_CASE("exports read a store whose ids are far apart") {
  // Regression: the export scans indexed rows by id in vectors, and a store
  // written by another tool with an id of 10^12 asked for terabytes.
  Fixture f;
  f.Ingest(
      FactLine("a", "US", "Country", "sanctions", "SMIC", "Company", "x", "2024-01-02") +
      FactLine("b", "US", "Country", "sanctions", "SMIC", "Company", "y") +
      FactLine("b", "Japan", "Country", "restricts_exports_to", "China", "Country", "z"));
  std::string before = test::CanonicalDump(*f.store);
  {
    SQLite::Database raw(f.dir.Path("kg.db"), SQLite::OPEN_READWRITE);
    raw.exec(
        "UPDATE documents SET id = id + 1000000000000;"
        "UPDATE evidence SET document_id = document_id + 1000000000000,"
        "  triple_id = triple_id + 500000000000, id = id + 700000000000;"
        "UPDATE mentions SET document_id = document_id + 1000000000000,"
        "  entity_id = entity_id + 300000000000;"
        "UPDATE document_versions SET document_id = document_id + 1000000000000;"
        "UPDATE triples SET id = id + 500000000000, subject_id = subject_id + "
        "300000000000,"
        "  object_id = object_id + 300000000000;"
        "UPDATE aliases SET entity_id = entity_id + 300000000000;"
        "UPDATE entities SET id = id + 300000000000;");
  }
  CHECK(test::CanonicalDump(*f.store) == before);
  auto view = f.store->View({});
  int edges = 0;
  view->ForEachEdge([&](const Edge& e) {
    ++edges;
    CHECK(e.source > 300000000000);
    CHECK(f.store->GetEdge(e.id, {}).weight == e.weight);
  });
  CHECK(edges == 2);
}

TEST_CASE("the store refuses what is not a store naming the path") {
  test::FakeEnv env;
  test::TempDir dir;
  dir.Write("junk.db", std::string(4096, 'x'));
  try {
    Store::Open(dir.Path("junk.db"), Store::Mode::kReadWrite, env);
    FAIL("opened a junk file");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("junk.db") != std::string::npos);
  }
  CHECK_THROWS_AS(Store::Open(dir.Path("missing.db"), Store::Mode::kReadOnly, env),
                  Error);
}

}  // namespace
}  // namespace kg
