// Pattern matching: parsing, joins on hand-built graphs, and joins against a
// brute-force reference on random small graphs.
#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <random>
#include <set>

#include "ingest/ingest.h"
#include "query/query.h"
#include "tests/test_util.h"

namespace kg {
namespace {

// Facts as {subject, subject type, predicate, object, object type}, each its
// own document.
struct Graph {
  test::FakeEnv env;
  test::TempDir dir;
  std::unique_ptr<Store> store =
      Store::Open(dir.Path("kg.db"), Store::Mode::kReadWrite, env);

  explicit Graph(const std::vector<std::vector<std::string>>& facts) {
    std::string jsonl;
    int i = 0;
    for (const auto& f : facts)
      jsonl += test::FactLine("d" + std::to_string(i++), f[0], f[1], f[2], f[3], f[4],
                              f[0] + " " + f[2] + " " + f[3]);
    store->Apply(ReadTriplesJsonl(jsonl, "g.jsonl"));
  }

  MatchResult Run(const std::vector<std::string>& patterns, int limit = 0) {
    std::vector<MatchPattern> parsed;
    for (const auto& p : patterns) parsed.push_back(ParseMatchPattern(p));
    MatchOptions o;
    o.limit = limit;
    return Match(*store, parsed, o);
  }

  // Rows as "var=value ..." lines, sorted.
  std::vector<std::string> Rows(const std::vector<std::string>& patterns) {
    MatchResult r = Run(patterns);
    std::vector<std::string> rows;
    for (const auto& row : r.rows) {
      std::string s;
      for (size_t v = 0; v < r.variables.size(); ++v)
        s += (v ? " " : "") + r.variables[v] + "=" +
             (r.predicate_variable[v] ? row.values[v].predicate
                                      : r.entities.at(row.values[v].entity).name);
      rows.push_back(s);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
  }
};

using Strings = std::vector<std::string>;

const std::vector<std::vector<std::string>> kPolicy = {
    {"United States", "Country", "sanctions", "Huawei", "Company"},
    {"United States", "Country", "sanctions", "SMIC", "Company"},
    {"United States", "Country", "sanctions", "Fujian Province", "Organization"},
    {"Huawei", "Company", "manufactures", "Ascend 910B", "Chip"},
    {"SMIC", "Company", "manufactures", "Kirin 9000S", "Chip"},
    {"Huawei", "Company", "based_in", "China", "Country"},
    {"SMIC", "Company", "based_in", "China", "Country"},
    {"Nvidia", "Company", "based_in", "United States", "Country"},
    {"Fujian Province", "Organization", "manufactures", "Tea", "Product"},
};

TEST_CASE("patterns parse into terms") {
  MatchPattern p = ParseMatchPattern("?co:Company  based_in \"United States\"");
  CHECK(p.subject.variable);
  CHECK(p.subject.text == "co");
  CHECK(p.subject.type == "Company");
  CHECK_FALSE(p.predicate.variable);
  CHECK(p.predicate.text == "based_in");
  CHECK_FALSE(p.object.variable);
  CHECK(p.object.text == "United States");
  MatchPattern q = ParseMatchPattern("Huawei ?rel \"say \\\"hi\\\"\"");
  CHECK(q.predicate.variable);
  CHECK(q.object.text == "say \"hi\"");
}

TEST_CASE("malformed patterns are usage errors that quote the pattern") {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"?co manufactures", "got 2 terms"},
      {"?x based_in United States", "quote names of several words"},
      {"?x based_in \"United States", "unterminated quote"},
      {"?x:Robot uses ?y", "unknown type 'Robot'"},
      {"? uses ?y", "bad variable ?"},
      {"?x-y uses ?y", "bad variable ?x-y"},
      {"?x Uses ?y", "not lower_snake_case"},
      {"?x ?p:Company ?y", "takes no type"},
      {"", "got 0 terms"},
  };
  for (const auto& [text, message] : bad) {
    INFO(text);
    try {
      ParseMatchPattern(text);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.kind() == Error::Kind::kUsage);
      CHECK_THAT(e.what(),
                 Catch::Contains("pattern \"" + text + "\"") && Catch::Contains(message));
    }
  }
}

TEST_CASE("patterns join on shared variables") {
  Graph g(kPolicy);
  CHECK(g.Rows({"?gov sanctions ?co", "?co manufactures ?chip"}) ==
        Strings{"gov=United States co=Fujian Province chip=Tea",
                "gov=United States co=Huawei chip=Ascend 910B",
                "gov=United States co=SMIC chip=Kirin 9000S"});
  CHECK(g.Rows({"?gov sanctions ?co:Company", "?co manufactures ?chip:Chip"}) ==
        Strings{"gov=United States co=Huawei chip=Ascend 910B",
                "gov=United States co=SMIC chip=Kirin 9000S"});
  CHECK(g.Rows({"?x based_in \"united states\""}) == Strings{"x=Nvidia"});
  CHECK(g.Rows({"?co based_in china", "\"UNITED STATES\" sanctions ?co"}) ==
        Strings{"co=Huawei", "co=SMIC"});
  CHECK(g.Rows({"Huawei ?p ?what"}) ==
        Strings{"p=based_in what=China", "p=manufactures what=Ascend 910B"});
  CHECK(g.Rows({"?a ?p ?b", "?b ?p ?c"}).empty());
  CHECK(g.Rows({"?x sanctions ?x"}).empty());
  CHECK(g.Rows({"?x based_in ?y", "?y sanctions ?z:Organization"}) ==
        Strings{"x=Nvidia y=United States z=Fujian Province"});
}

TEST_CASE("match results carry their triples and stop at the limit") {
  Graph g(kPolicy);
  MatchResult r = g.Run({"?gov sanctions ?co", "?co based_in ?where"});
  REQUIRE(r.rows.size() == 2);
  for (const auto& row : r.rows) {
    REQUIRE(row.triples.size() == 2);
    const Edge& first = r.edges.at(row.triples[0]);
    CHECK(first.predicate == "sanctions");
    CHECK(first.target == row.values[1].entity);
    CHECK(first.best.sentence.find("sanctions") != std::string::npos);
    CHECK(r.edges.at(row.triples[1]).predicate == "based_in");
  }
  MatchResult one = g.Run({"?gov sanctions ?co"}, 1);
  CHECK(one.rows.size() == 1);
  CHECK(one.truncated);
  CHECK_FALSE(g.Run({"?gov sanctions ?co"}, 3).truncated);
}

TEST_CASE("bad variable use and unknown names are errors") {
  Graph g(kPolicy);
  auto kind = [&](const std::vector<std::string>& patterns) {
    try {
      g.Run(patterns);
    } catch (const Error& e) {
      return e.kind();
    }
    FAIL("no error");
    return Error::Kind::kFailed;
  };
  CHECK(kind({"?x sanctions ?p", "?a ?p ?b"}) == Error::Kind::kUsage);
  CHECK(kind({"?x:Country sanctions ?y", "?x:Company based_in ?z"}) ==
        Error::Kind::kUsage);
  CHECK(kind({}) == Error::Kind::kUsage);
  CHECK(kind({"Huawey based_in ?x"}) == Error::Kind::kFailed);
  CHECK_THROWS_WITH(g.Run({"Huawey based_in ?x"}),
                    Catch::Contains("did you mean \"Huawei\""));
}

// The reference: every assignment of triples to patterns, kept when the
// constants, types and shared variables agree.
std::set<std::string> BruteForce(Store& store,
                                 const std::vector<MatchPattern>& patterns) {
  std::vector<TripleEnds> triples = store.Triples({});
  std::map<int64_t, std::string> type;
  store.ForEachNode({}, [&](const Node& n) { type[n.id] = n.type; });
  std::set<std::string> rows;
  std::vector<size_t> pick(patterns.size());
  std::function<void(size_t)> assign = [&](size_t i) {
    if (i < patterns.size()) {
      for (size_t t = 0; t < triples.size(); ++t) {
        pick[i] = t;
        assign(i + 1);
      }
      return;
    }
    std::map<std::string, std::string> value;
    std::string row;
    auto bind = [&](const MatchTerm& term, const std::string& v, bool entity) {
      if (!term.variable) {
        return entity ? *store.FindEntity(term.text, {}) == std::stoll(v)
                      : term.text == v;
      }
      if (!term.type.empty() && type[std::stoll(v)] != term.type) return false;
      auto [it, added] = value.emplace(term.text, v);
      return it->second == v;
    };
    for (size_t p = 0; p < patterns.size(); ++p) {
      const TripleEnds& t = triples[pick[p]];
      if (!bind(patterns[p].subject, std::to_string(t.subject), true) ||
          !bind(patterns[p].predicate, t.predicate, false) ||
          !bind(patterns[p].object, std::to_string(t.object), true))
        return;
      row += std::to_string(t.id) + ",";
    }
    for (const auto& [var, v] : value) row += " " + var + "=" + v;
    rows.insert(row);
  };
  assign(0);
  return rows;
}

TEST_CASE("match joins agree with brute force on random graphs") {
  std::mt19937 rng(4242);
  const std::vector<std::string> types = {"Company", "Country", "Chip"};
  const std::vector<std::string> predicates = {"p", "q", "r"};
  for (int round = 0; round < 25; ++round) {
    int nodes = 4 + rng() % 5;
    std::vector<std::vector<std::string>> facts;
    for (int i = 0; i < 6 + static_cast<int>(rng() % 12); ++i) {
      int s = rng() % nodes, o = rng() % nodes;
      if (s == o) continue;
      facts.push_back({"N" + std::to_string(s), types[s % 3], predicates[rng() % 3],
                       "N" + std::to_string(o), types[o % 3]});
    }
    if (facts.empty()) continue;
    Graph g(facts);
    std::vector<std::string> names;
    g.store->ForEachNode({}, [&](const Node& n) { names.push_back(n.name); });
    const std::vector<std::string> vars = {"?a", "?b", "?c"};
    auto entity_term = [&]() -> std::string {
      switch (rng() % 4) {
        case 0:
          return names[rng() % names.size()];
        case 1:
          return vars[rng() % vars.size()] + ":" + types[rng() % types.size()];
        default:
          return vars[rng() % vars.size()];
      }
    };
    for (int q = 0; q < 8; ++q) {
      std::vector<MatchPattern> patterns;
      std::string text;
      int n = 1 + rng() % 3;
      for (int i = 0; i < n; ++i) {
        std::string p = rng() % 4 == 0 ? "?p" : predicates[rng() % 3];
        std::string pattern = entity_term() + " " + p + " " + entity_term();
        text += "'" + pattern + "' ";
        patterns.push_back(ParseMatchPattern(pattern));
      }
      MatchResult r;
      try {
        r = Match(*g.store, patterns, {});
      } catch (const Error& e) {
        // Random patterns may give one variable two types: a usage error.
        CHECK(e.kind() == Error::Kind::kUsage);
        continue;
      }
      std::set<std::string> got;
      for (const auto& row : r.rows) {
        std::string s;
        for (int64_t t : row.triples) s += std::to_string(t) + ",";
        std::map<std::string, std::string> value;
        for (size_t v = 0; v < r.variables.size(); ++v)
          value[r.variables[v]] = r.predicate_variable[v]
                                      ? row.values[v].predicate
                                      : std::to_string(row.values[v].entity);
        for (const auto& [var, v] : value) s += " " + var + "=" + v;
        got.insert(s);
      }
      INFO("round " << round << ": " << text);
      CHECK(got.size() == r.rows.size());  // no row twice
      CHECK(got == BruteForce(*g.store, patterns));
    }
  }
}

}  // namespace
}  // namespace kg
