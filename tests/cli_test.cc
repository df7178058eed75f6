// The command line's contract: exit codes, messages, and a store that bad
// input never touches.
#include <catch2/catch.hpp>

#include "graph/graph.h"
#include "tests/test_util.h"

namespace kg {
namespace {

using test::FactLine;
using test::Kg;

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

struct Cli {
  test::FakeEnv env;
  test::TempDir dir;
  std::string db = dir.Path("kg.db");

  test::RunResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    return Kg(env, args);
  }
  test::RunResult IngestText(const std::string& name, const std::string& jsonl) {
    dir.Write(name, jsonl);
    return Run({"ingest", "--triples", dir.Path(name)});
  }
  std::string Dump() {
    auto store = Store::Open(db, Store::Mode::kReadOnly, env);
    std::string s;
    store->ForEachEdge({}, [&](const Edge& e) {
      s += std::to_string(e.id) + " " + e.predicate + " " + std::to_string(e.weight) +
           "\n";
    });
    return s + "rev " + std::to_string(store->LatestRevision());
  }
};

const std::string kSeed =
    FactLine("a", "DeepSeek", "Company", "based_in", "China", "Country",
             "China's DeepSeek built it.", "2025-01-27") +
    FactLine("a", "United States", "Country", "restricts_exports_to", "China", "Country",
             "The US limits exports to China.", "2025-01-27") +
    FactLine("a", "Nvidia", "Company", "manufactures", "H800", "Chip",
             "Nvidia makes H800.");

TEST_CASE("help lists every command of the contract") {
  test::FakeEnv env;
  auto r = Kg(env, {"help"});
  CHECK(r.code == 0);
  for (const char* c : {"ingest", "extract", "export", "path", "neighbors", "entity",
                        "triples", "log", "diff", "revert", "alias", "merge", "stats"})
    CHECK(Contains(r.out, std::string("  ") + c + " "));
  CHECK(Kg(env, {"--help"}).code == 0);
  CHECK(Contains(Kg(env, {"--version"}).out, "kg 0."));
}

TEST_CASE("each command's --help shows its usage and an example") {
  test::FakeEnv env;
  for (const char* c : {"ingest", "export", "path", "stats", "log"}) {
    auto r = Kg(env, {c, "--help"});
    CHECK(r.code == 0);
    CHECK(Contains(r.out, "Example:"));
    CHECK(Contains(r.out, std::string("kg ") + c));
  }
  auto r = Kg(env, {"help", "path"});
  CHECK(r.code == 0);
  CHECK(Contains(r.out, "kg path DeepSeek"));
}

TEST_CASE("usage errors exit 2 with usage on stderr") {
  test::FakeEnv env;
  auto unknown_cmd = Kg(env, {"frobnicate"});
  CHECK(unknown_cmd.code == 2);
  CHECK(Contains(unknown_cmd.err, "unknown command 'frobnicate'"));
  CHECK(Contains(unknown_cmd.err, "usage: kg"));
  auto unknown_flag = Kg(env, {"stats", "--frobnicate"});
  CHECK(unknown_flag.code == 2);
  CHECK(Contains(unknown_flag.err, "usage: kg stats"));
  CHECK(Kg(env, {"--frob"}).code == 2);
  CHECK(Kg(env, {}).code == 2);
  CHECK(Kg(env, {"path", "OnlyOne"}).code == 2);
  CHECK(Kg(env, {"export", "svgz"}).code == 2);
}

TEST_CASE("history commands without their arguments are usage errors") {
  Cli cli;
  for (const char* c : {"diff", "revert", "alias", "merge", "forget"}) {
    auto r = cli.Run({c});
    CHECK(r.code == 2);
    CHECK(Contains(r.err, std::string("usage: kg ") + c));
  }
  CHECK(cli.Run({"log"}).code == 1);  // no store yet
}

TEST_CASE("ingest --triples then stats path and export work end to end") {
  Cli cli;
  auto r = cli.IngestText("seed.jsonl", kSeed);
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(Contains(r.out, "revision 1"));
  auto stats = cli.Run({"stats", "--json"});
  CHECK(stats.code == 0);
  CHECK(Contains(stats.out, "\"triples\":3"));
  auto path = cli.Run({"path", "deepseek", "united states"});
  CHECK(path.code == 0);
  CHECK(Contains(path.out, "DeepSeek -> United States: 2 hops"));
  CHECK(Contains(path.out, "DeepSeek --based_in--> China"));
  CHECK(Contains(path.out, "China <--restricts_exports_to-- United States"));
  CHECK(Contains(path.out, "\"China's DeepSeek built it.\""));
  CHECK(Contains(path.out, "a, 2025-01-27"));
  auto again = cli.IngestText("seed.jsonl", kSeed);
  CHECK(again.code == 0);
  CHECK(Contains(again.out, "no changes"));
}

TEST_CASE("a malformed JSONL line fails with FILE:LINE and leaves the store as it was") {
  Cli cli;
  REQUIRE(cli.IngestText("seed.jsonl", kSeed).code == 0);
  std::string before = cli.Dump();
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"{\"doc\": \"b\", \"subject\": \"X\"", "invalid JSON"},
      {"[1, 2]", "expected a JSON object"},
      {"{\"doc\": \"b\", \"subject\": \"X\", \"predicate\": \"uses\"}",
       "missing \"object\""},
      {"{\"doc\": \"b\", \"subject\": 7, \"predicate\": \"uses\", \"object\": \"Y\"}",
       "\"subject\" must be a string"},
      {"{\"doc\": \"b\", \"subject\": \"X\", \"subject_type\": \"Robot\", "
       "\"predicate\": \"uses\", \"object\": \"Y\", \"evidence\": \"e\"}",
       "not one of the schema's entity types"},
      {"{\"doc\": \"b\", \"subject\": \"X\", \"predicate\": \"Uses It\", "
       "\"object\": \"Y\", \"evidence\": \"e\"}",
       "lower_snake_case"},
      {"{\"doc\": \"b\", \"subject\": \"X\", \"predicate\": \"uses\", \"object\": "
       "\"Y\", \"evidence\": \"e\", \"date\": \"last week\"}",
       "YYYY-MM-DD"},
  };
  for (const auto& [line, message] : bad) {
    // A good line first and last: the whole run must roll back.
    std::string content =
        FactLine("b", "Huawei", "Company", "develops", "Ascend 910B", "Chip", "ok") +
        "\n" + line + "\n" + FactLine("c", "A", "Company", "uses", "B", "Chip", "ok");
    auto r = cli.IngestText("bad.jsonl", content);
    INFO(line << "\n" << r.err);
    CHECK(r.code == 1);
    CHECK(Contains(r.err, "kg: error: " + cli.dir.Path("bad.jsonl") + ":3: "));
    CHECK(Contains(r.err, message));
    CHECK(cli.Dump() == before);
  }
}

TEST_CASE("an unknown entity fails with suggestions - unconnected ones print no path") {
  Cli cli;
  REQUIRE(cli.IngestText("seed.jsonl", kSeed).code == 0);
  auto r = cli.Run({"path", "Deepsek", "China"});
  CHECK(r.code == 1);
  CHECK(Contains(r.err, "unknown entity \"Deepsek\"; did you mean \"DeepSeek\""));
  auto none = cli.Run({"path", "DeepSeek", "H800"});
  CHECK(none.code == 0);
  CHECK(Contains(none.out, "no path from DeepSeek to H800"));
  auto self = cli.Run({"path", "China", "china"});
  CHECK(self.code == 0);
  CHECK(Contains(self.out, "0 hops"));
}

TEST_CASE("a store that cannot be opened is named in the error") {
  Cli cli;
  auto missing = cli.Run({"stats"});
  CHECK(missing.code == 1);
  CHECK(Contains(missing.err, cli.db + ": no store here"));
  cli.dir.Write("notadb", "this is not sqlite, just text long enough to matter\n");
  auto junk = Kg(cli.env, {"--db", cli.dir.Path("notadb"), "stats"});
  CHECK(junk.code == 1);
  CHECK(Contains(junk.err, cli.dir.Path("notadb")));
  auto folder = Kg(cli.env, {"--db", cli.dir.Path(""), "ingest", "--triples", "x"});
  CHECK(folder.code == 1);
  auto no_file = cli.Run({"ingest", "--triples", cli.dir.Path("nope.jsonl")});
  CHECK(no_file.code == 1);
  CHECK(Contains(no_file.err, "nope.jsonl: cannot open file"));
}

TEST_CASE("KG_DB names the store when --db is absent") {
  test::FakeEnv env;
  test::TempDir dir;
  dir.Write("seed.jsonl", kSeed);
  env.vars["KG_DB"] = dir.Path("from-env.db");
  REQUIRE(Kg(env, {"ingest", "--triples", dir.Path("seed.jsonl")}).code == 0);
  CHECK(Kg(env, {"stats"}).code == 0);
  CHECK(std::filesystem::exists(dir.Path("from-env.db")));
}

TEST_CASE("ingest --triples - reads stdin") {
  Cli cli;
  cli.env.files["-"] = kSeed;
  auto r = cli.Run({"ingest", "--triples", "-"});
  CHECK(r.code == 0);
  CHECK(Contains(r.out, "revision 1"));
}

}  // namespace
}  // namespace kg
