// Names as users type them: the names articles used for an entity and the
// names a lexicon gives it resolve, show with counts, follow revisions and
// bound the suggestions (graph/names.h, graph/writer.cc, query/resolve.cc).
#include <catch2/catch.hpp>

#include "graph/graph.h"
#include "ingest/ingest.h"
#include "query/query.h"
#include "tests/test_util.h"

namespace kg {
namespace {

using test::FactLine;
using test::Kg;

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// An entity line of `kg extract`, with the names the article used.
std::string EntityLine(const std::string& doc, const std::string& name,
                       const std::string& type, const std::string& forms) {
  return "{\"doc\": \"" + doc + "\", \"kind\": \"entity\", \"name\": \"" + name +
         "\", \"type\": \"" + type + "\", \"forms\": {" + forms + "}}\n";
}

struct Names {
  test::FakeEnv env;
  test::TempDir dir;
  std::unique_ptr<Store> store =
      Store::Open(dir.Path("kg.db"), Store::Mode::kReadWrite, env);

  ApplyResult Ingest(const std::string& jsonl) {
    return store->Apply(ReadTriplesJsonl(jsonl, "t.jsonl"));
  }
  std::optional<int64_t> Find(const std::string& name, int64_t rev = 0) {
    return store->NewLookup({rev})->FindEntity(name);
  }
  Node NodeOf(const std::string& name) {
    auto id = Find(name);
    REQUIRE(id);
    auto node = store->NewLookup({})->GetNode(*id);
    REQUIRE(node);
    return *node;
  }
};

const std::string kFact = FactLine("a", "United States", "Country", "sanctions", "Huawei",
                                   "Company", "The U.S. sanctioned Huawei.");

TEST_CASE("a name an article used resolves to its entity and shows with its count") {
  Names n;
  n.Ingest(kFact + EntityLine("a", "United States", "Country",
                              "\"U.S.\": 3, \"America\": 1, \"united states\": 2"));
  auto us = n.Find("United States");
  REQUIRE(us);
  CHECK(n.Find("U.S.") == us);
  CHECK(n.Find("us") == us);  // case- and punctuation-blind
  CHECK(n.Find("AMERICA") == us);
  CHECK_FALSE(n.Find("Narnia"));
  Node node = n.NodeOf("US");
  // The name itself is no alias, however an article spelled it.
  REQUIRE(node.aliases == std::vector<std::string>{"U.S.", "America"});
  CHECK(node.alias_mentions == std::vector<int>{3, 1});
  // Exports read the same names (ForEachNode).
  bool seen = false;
  n.store->ForEachNode({}, [&](const Node& x) {
    if (x.id != *us) return;
    seen = true;
    CHECK(x.aliases == node.aliases);
    CHECK(x.alias_mentions == node.alias_mentions);
  });
  CHECK(seen);
}

TEST_CASE("the names of a document change with it - as-of keeps the old ones") {
  Names n;
  n.Ingest(kFact + EntityLine("a", "United States", "Country", "\"U.S.\": 3"));
  const std::string edited = FactLine("a", "United States", "Country", "sanctions",
                                      "Huawei", "Company", "America sanctioned Huawei.");
  auto r =
      n.Ingest(edited + EntityLine("a", "United States", "Country", "\"America\": 1"));
  REQUIRE(r.revision == 2);
  CHECK(n.Find("America"));
  CHECK_FALSE(n.Find("U.S."));
  CHECK(n.Find("U.S.", 1));  // as of revision 1
  CHECK_FALSE(n.Find("America", 1));
  CHECK(n.NodeOf("United States").aliases == std::vector<std::string>{"America"});
}

TEST_CASE("a name two entities were called goes to the one called so most often") {
  Names n;
  n.Ingest(
      FactLine("a", "Apple Inc.", "Company", "develops", "iPhone", "Product", "x") +
      FactLine("b", "Apple Records", "Company", "owns", "Abbey Road", "Product", "y") +
      EntityLine("a", "Apple Inc.", "Company", "\"Apple\": 5") +
      EntityLine("b", "Apple Records", "Company", "\"Apple\": 2"));
  CHECK(n.Find("Apple") == n.Find("Apple Inc."));
}

TEST_CASE("the names a lexicon gives resolve too - with no count") {
  Names n;
  DocumentInput doc;
  doc.uri = "a";
  doc.facts.push_back({"United States", "Country", "sanctions", "Huawei", "Company", 1.0,
                       "The US sanctioned Huawei.", -1, -1});
  Mention m{"United States", "Country", 1, {{"US", 1}}, {"USA", "America", "US"}};
  doc.mentions.push_back(m);
  ChangeSet cs;
  cs.kind = "test";
  cs.documents.push_back(doc);
  n.store->Apply(cs);
  auto us = n.Find("United States");
  CHECK(n.Find("usa") == us);
  CHECK(n.Find("America") == us);
  Node node = n.NodeOf("USA");
  CHECK(node.aliases == std::vector<std::string>{"US", "America", "USA"});
  CHECK(node.alias_mentions == std::vector<int>{1, 0, 0});
}

TEST_CASE("forms in a triples file are checked") {
  CHECK_THROWS_WITH(
      ReadTriplesJsonl(EntityLine("a", "X", "Company", "\"Y\": 0"), "t.jsonl"),
      Catch::Contains("must be a whole number >= 1"));
  CHECK_THROWS_WITH(ReadTriplesJsonl("{\"doc\": \"a\", \"kind\": \"entity\", \"name\": "
                                     "\"X\", \"forms\": [\"Y\"]}\n",
                                     "t.jsonl"),
                    Catch::Contains("\"forms\" must be an object"));
}

TEST_CASE("suggestions are near names only - aliases among them") {
  Names n;
  n.Ingest(FactLine("a", "Nvidia", "Company", "manufactures", "H800", "Chip", "x") +
           FactLine("a", "Mexico", "Country", "sanctions", "Nvidia", "Company", "y") +
           FactLine("a", "Semiconductor Manufacturing International Corporation",
                    "Company", "manufactures", "Kirin 9000s", "Chip", "z") +
           EntityLine("a", "Semiconductor Manufacturing International Corporation",
                      "Company", "\"SMIC\": 4"));
  CHECK(SuggestNames(*n.store, "Nvidai", {}) == std::vector<std::string>{"Nvidia"});
  CHECK(SuggestNames(*n.store, "Narnia", {}).empty());   // three letters away
  CHECK(SuggestNames(*n.store, "america", {}).empty());  // not Mexico
  CHECK(SuggestNames(*n.store, "SMIK", {}) == std::vector<std::string>{"SMIC"});
}

TEST_CASE("two unknown names are both reported") {
  test::FakeEnv env;
  test::TempDir dir;
  std::string db = dir.Path("kg.db");
  dir.Write("t.jsonl",
            kFact + EntityLine("a", "United States", "Country", "\"U.S.\": 3"));
  REQUIRE(Kg(env, {"--db", db, "ingest", "--triples", dir.Path("t.jsonl")}).code == 0);
  auto both = Kg(env, {"--db", db, "path", "Hauwei", "Mordor"});
  CHECK(both.code == 1);
  CHECK(Contains(
      both.err, "unknown entities \"Hauwei\" (did you mean \"Huawei\"?) and \"Mordor\""));
  auto one = Kg(env, {"--db", db, "triples", "--subject", "U.S.", "--object", "Mordor"});
  CHECK(one.code == 1);
  CHECK(Contains(one.err, "unknown entity \"Mordor\""));
  auto card = Kg(env, {"--db", db, "entity", "U.S."});
  CHECK(card.code == 0);
  CHECK(Contains(card.out, "United States (Country)"));
  CHECK(Contains(card.out, "aliases    U.S. (3)"));
  auto json = Kg(env, {"--db", db, "entity", "us", "--json"});
  CHECK(Contains(json.out, "\"names\":[{\"name\":\"U.S.\",\"mentions\":3}]"));
}

TEST_CASE("kg extract lists the names an article used for each entity") {
  test::FakeEnv env;
  test::TempDir dir;
  dir.Write("a.txt",
            "The U.S. Commerce Department said on Monday that the United States would "
            "restrict exports of Nvidia's H20 chips to China. U.S. officials said the "
            "rule takes effect at once.\n");
  auto r = Kg(env, {"extract", "--entities", "--jobs", "1", dir.Path("a.txt")});
  REQUIRE(r.code == 0);
  CHECK(Contains(r.out, "\"name\":\"United States\""));
  CHECK(Contains(r.out,
                 "\"name\":\"United "
                 "States\",\"type\":\"Country\",\"mentions\":2,\"forms\":{\"U.S.\":1}"));
  CHECK(Contains(r.out, "\"forms\":{\"U.S. Commerce Department\":1}"));
}

}  // namespace
}  // namespace kg
