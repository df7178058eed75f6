// The command line's contract: exit codes, messages, and a store that bad
// input never touches.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "cli/commands.h"
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

TEST_CASE("usage errors say kg: error: and suggest the command or flag meant") {
  test::FakeEnv env;
  auto cmd = Kg(env, {"expotr"});
  CHECK(cmd.code == 2);
  CHECK(Contains(cmd.err, "kg: error: unknown command 'expotr'; did you mean 'export'?"));
  CHECK_FALSE(Contains(cmd.err, "commands:"));  // one line of usage, not the help
  auto flag = Kg(env, {"entity", "X", "--limt", "3"});
  CHECK(flag.code == 2);
  CHECK(Contains(flag.err, "kg: error: entity: "));
  CHECK(Contains(flag.err, "did you mean --limit for --limt?"));
  auto global = Kg(env, {"--dbb", "x.db", "stats"});
  CHECK(global.code == 2);
  CHECK(Contains(global.err, "kg: error: unknown option --dbb; did you mean --db?"));
}

TEST_CASE("the global --db works after the command too") {
  Cli cli;
  REQUIRE(cli.IngestText("seed.jsonl", kSeed).code == 0);
  auto after = Kg(cli.env, {"stats", "--db", cli.db});
  CHECK(after.code == 0);
  CHECK(Contains(after.out, "documents  1"));
  auto eq = Kg(cli.env, {"entity", "--db=" + cli.db, "DeepSeek"});
  CHECK(eq.code == 0);
  CHECK(Contains(eq.out, "DeepSeek (Company)"));
}

TEST_CASE("predicates and types are checked case-blind with suggestions") {
  Cli cli;
  REQUIRE(cli.IngestText("seed.jsonl", kSeed).code == 0);
  auto typo = cli.Run({"triples", "--predicate", "sanction"});
  CHECK(typo.code == 2);
  CHECK(Contains(typo.err, "unknown predicate 'sanction'; did you mean 'sanctions'?"));
  auto via = cli.Run({"path", "DeepSeek", "China", "--via", "based"});
  CHECK(via.code == 2);
  CHECK(Contains(via.err, "did you mean 'based_in'?"));
  CHECK(cli.Run({"neighbors", "China", "--predicate", "Sanktions"}).code == 2);
  auto cased = cli.Run({"neighbors", "DeepSeek", "--predicate", "BASED_IN"});
  CHECK(cased.code == 0);
  CHECK(Contains(cased.out, "China"));
  auto type = cli.Run({"triples", "--type", "company"});
  CHECK(type.code == 0);
  CHECK(Contains(type.out, "DeepSeek"));
  auto export_typo = cli.Run({"export", "json", "--predicates", "sanction"});
  CHECK(export_typo.code == 2);
  CHECK(Contains(export_typo.err, "did you mean 'sanctions'?"));
  auto export_cased = cli.Run({"export", "json", "--types", "company"});
  CHECK(export_cased.code == 0);
  CHECK(Contains(export_cased.out, "DeepSeek"));
  auto bad_type = cli.Run({"triples", "--type", "Compnay"});
  CHECK(bad_type.code == 2);
  CHECK(Contains(bad_type.err, "unknown type 'Compnay'; did you mean 'Company'?"));
}

TEST_CASE("log -n shows the newest revisions only - ingest counts in words") {
  Cli cli;
  auto first = cli.IngestText("seed.jsonl", kSeed);
  REQUIRE(first.code == 0);
  CHECK(Contains(first.out, "3 triples added"));
  auto second = cli.IngestText(
      "more.jsonl", FactLine("b", "Huawei", "Company", "develops", "Ascend 910B", "Chip",
                             "Huawei designs the Ascend 910B."));
  REQUIRE(second.code == 0);
  CHECK(Contains(second.out, "1 triple added"));
  CHECK(Contains(second.out, "1 evidence sentence\n"));
  auto log = cli.Run({"log", "-n", "1"});
  CHECK(log.code == 0);
  CHECK(Contains(log.out, "revision 2"));
  CHECK_FALSE(Contains(log.out, "revision 1"));
  CHECK(Contains(cli.Run({"log"}).out, "revision 1"));
}

TEST_CASE(
    "ingest answers clearly - triples to plain ingest - a missing path - the lock") {
  Cli cli;
  cli.dir.Write("triples.jsonl", kSeed);
  auto triples = cli.Run({"ingest", cli.dir.Path("triples.jsonl")});
  CHECK(triples.code != 0);
  CHECK(Contains(triples.err,
                 "this looks like triples, not articles: use kg ingest "
                 "--triples"));
  CHECK_FALSE(Contains(triples.err, ":2:"));  // one message, not one per line
  std::string other = cli.dir.Path("other.db");
  auto missing = Kg(cli.env, {"--db", other, "ingest", cli.dir.Path("no-such-folder")});
  CHECK(missing.code == 1);
  CHECK(Contains(missing.err, "no-such-folder: no such file or folder"));
  CHECK_FALSE(std::filesystem::exists(other));
  CHECK_FALSE(std::filesystem::exists(other + ".lock"));
  REQUIRE(cli.IngestText("seed.jsonl", kSeed).code == 0);
  CHECK(std::filesystem::exists(cli.db));
  CHECK_FALSE(std::filesystem::exists(cli.db + ".lock"));  // gone with the writer
}

TEST_CASE("a list option leaves the words after it to the positionals") {
  Cli cli;
  REQUIRE(cli.IngestText("seed.jsonl", kSeed).code == 0);
  auto r = cli.Run({"export", "--types", "Company,Chip", "graphml"});
  CHECK(r.code == 0);
  CHECK(Contains(r.out, "<graphml"));
  CHECK(Contains(r.out, "Nvidia"));
  CHECK_FALSE(Contains(r.out, ">China<"));
  auto twice = cli.Run({"export", "--types", "Company", "--types", "Chip", "json"});
  CHECK(twice.code == 0);
  CHECK(Contains(twice.out, "H800"));
}

TEST_CASE("every option of every command is in its synopsis") {
  // The synopsis (kg help, usage errors, README) is written by hand; this
  // keeps it from drifting from the options the command really takes.
  test::FakeEnv env;
  std::ostringstream out, err;
  Context ctx{env, out, err, "kg.db"};
  for (const Command& cmd : Commands()) {
    CLI::App app;
    cmd.setup(app, ctx);
    std::string usage = std::string(" ") + cmd.usage + " ";
    for (const CLI::Option* o : app.get_options()) {
      if (o->get_lnames().empty() || o->get_lnames()[0] == "help") continue;
      bool listed = false;
      for (const std::string& n : o->get_lnames())
        listed |= Contains(usage, "--" + n + " ") || Contains(usage, "--" + n + "]") ||
                  Contains(usage, "--" + n + "|") || Contains(usage, "--" + n + "=");
      for (const std::string& n : o->get_snames())
        listed |= Contains(usage, "-" + n + " ");
      INFO("kg " << cmd.name << ": --" << o->get_lnames()[0]);
      CHECK(listed);
    }
  }
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
