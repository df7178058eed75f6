// kg ingest --shard and kg merge-store: shards partition the documents, and
// merging them gives exactly the graph one ingest of the whole input gives,
// names and types included (the first spelling met names an entity).
#include <catch2/catch.hpp>
#include <set>

#include "graph/graph.h"
#include "ingest/ingest.h"
#include "tests/graph_dump.h"
#include "tests/test_util.h"

namespace kg {
namespace {

std::string Dump(test::FakeEnv& env, const std::string& db) {
  auto store = Store::Open(db, Store::Mode::kReadOnly, env);
  return test::CanonicalDump(*store);
}

std::set<std::string> Uris(test::FakeEnv& env, const std::string& db) {
  auto store = Store::Open(db, Store::Mode::kReadOnly, env);
  auto uris = store->DocumentUris("");
  return {uris.begin(), uris.end()};
}

// Builds one store from `inputs` and `n` shards merged; checks the shards
// partition the documents and the merged graph equals the single one.
void CheckShardsMerge(const std::vector<std::string>& inputs, int n) {
  test::FakeEnv env;
  test::TempDir dir;
  auto ingest = [&](const std::string& db, std::vector<std::string> extra) {
    std::vector<std::string> args = {"--db", db, "ingest"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.end(), inputs.begin(), inputs.end());
    auto r = test::Kg(env, args);
    INFO(r.err);
    REQUIRE(r.code == 0);
  };
  std::string one = dir.Path("one.db");
  ingest(one, {});
  std::set<std::string> all = Uris(env, one);
  REQUIRE(all.size() >= 10);

  std::vector<std::string> merge = {"merge-store"};
  std::set<std::string> covered;
  size_t nonempty = 0;
  for (int i = 1; i <= n; ++i) {
    std::string shard = dir.Path("shard" + std::to_string(i) + ".db");
    ingest(shard, {"--shard", std::to_string(i) + "/" + std::to_string(n)});
    for (const std::string& uri : Uris(env, shard)) {
      INFO(uri);
      CHECK(covered.insert(uri).second);  // in one shard only
    }
    nonempty += !Uris(env, shard).empty();
    merge.push_back(shard);
  }
  CHECK(covered == all);
  CHECK(nonempty >= 2);

  // Shards in any order on the command line: the merge follows the input's
  // order.
  std::reverse(merge.begin() + 1, merge.end());
  std::string merged = dir.Path("merged.db");
  merge.insert(merge.end(), {"-o", merged});
  auto r = test::Kg(env, merge);
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find(std::to_string(all.size()) + " new") != std::string::npos);
  CHECK(Dump(env, merged) == Dump(env, one));
}

TEST_CASE("merged shards of the bundled corpus give the graph of one ingest") {
  CheckShardsMerge({test::SourceDir() + "/corpus/articles"}, 3);
}

TEST_CASE("merged shards keep the first spelling met as the entity's name") {
  // The same companies, spelled differently from one article to the next:
  // which spelling names an entity depends on which article comes first,
  // and that must be the same after a merge. The articles are named on the
  // command line out of path order: the input's order decides, not the paths'.
  const char* brask[] = {"Brask & Tolle Holdings", "Brask and Tolle Holdings"};
  const char* vantor[] = {"Vantor-Kell Systems", "Vantor Kell Systems"};
  test::TempDir dir;
  std::vector<std::string> files;
  for (int i = 0; i < 30; ++i) {
    int k = (i * 7 + 11) % 30;  // a111, a118, a125, ...: a100 comes 13th
    std::string name = "a" + std::to_string(100 + k) + ".txt";
    dir.Write(name, "Report " + std::to_string(k) +
                        "\n\nThe US Commerce Department sanctioned " + brask[k % 2] +
                        " in March. " + vantor[(k / 2) % 2] +
                        " partnered with Quorvex Labs.\n");
    files.push_back(dir.Path(name));
  }
  CheckShardsMerge(files, 4);
}

TEST_CASE("shard numbers are checked and the hash is fixed across builds") {
  CHECK_THROWS_WITH(Shard::Parse("0/4"), Catch::Contains("1 <= I <= N"));
  CHECK_THROWS_WITH(Shard::Parse("5/4"), Catch::Contains("1 <= I <= N"));
  CHECK_THROWS_WITH(Shard::Parse("2"), Catch::Contains("I/N"));
  CHECK_THROWS(Shard::Parse("1/x"));
  Shard s = Shard::Parse("2/8");
  CHECK(s.index == 2);
  CHECK(s.count == 8);
  // Shards built by different machines and versions must agree: FNV-1a 64 of
  // "corpus/articles/a.md" is 0xc0e7c6eb2d1c5ae4, in part 5 of 8, 3 of 3.
  for (int i = 1; i <= 8; ++i)
    CHECK(Shard{i, 8}.Holds("corpus/articles/a.md") == (i == 5));
  CHECK(Shard{3, 3}.Holds("corpus/articles/a.md"));
  CHECK(Shard{}.Holds("anything"));
}

}  // namespace
}  // namespace kg
