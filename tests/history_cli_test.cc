// The history commands end to end: the story kg log and kg diff tell, as-of
// reads that return exactly what was, curation that survives re-ingest, and
// the writer lock.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "graph/graph.h"
#include "tests/graph_dump.h"
#include "tests/test_util.h"

namespace kg {
namespace {

namespace fs = std::filesystem;
using test::FactLine;

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

struct Cli {
  test::FakeEnv env;
  test::TempDir dir;
  std::string db = dir.Path("kg.db");

  test::RunResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    auto r = test::Kg(env, args);
    INFO("kg " << args[2] << "\n" << r.out << r.err);
    return r;
  }
  // The bundled articles, sorted, from `first` up to `last` (exclusive).
  std::vector<fs::path> Articles() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(test::SourceDir() + "/corpus/articles"))
      files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
  }
  void CopyArticles(size_t first, size_t last, const std::string& to) {
    fs::create_directories(dir.Path(to));
    auto files = Articles();
    for (size_t i = first; i < std::min(last, files.size()); ++i)
      fs::copy_file(files[i], dir.Path(to) + "/" + files[i].filename().string(),
                    fs::copy_options::overwrite_existing);
  }
};

TEST_CASE("log and diff tell the story of ingest edit alias and revert") {
  Cli cli;
  size_t n = cli.Articles().size();
  REQUIRE(n >= 10);

  cli.CopyArticles(0, n / 2, "articles");
  auto r1 = cli.Run({"ingest", cli.dir.Path("articles"), "-m", "first half"});
  REQUIRE(r1.code == 0);
  CHECK(Contains(r1.out, "revision 1"));
  std::string first_graphml = cli.dir.Path("first.graphml");
  REQUIRE(cli.Run({"export", "graphml", "-o", first_graphml}).code == 0);

  cli.CopyArticles(0, n, "articles");
  auto r2 = cli.Run({"ingest", cli.dir.Path("articles"), "-m", "all of them"});
  REQUIRE(r2.code == 0);
  CHECK(Contains(r2.out, "revision 2"));
  CHECK(Contains(r2.out, std::to_string(n / 2) + " unchanged"));

  // One article gets a correction at its end.
  std::string edited = cli.dir.Path("articles/" + cli.Articles()[0].filename().string());
  std::ofstream(edited, std::ios::app) << "\nThe United States sanctioned ZTE in 2018.\n";
  auto r3 = cli.Run({"ingest", cli.dir.Path("articles"), "-m", "a correction"});
  REQUIRE(r3.code == 0);
  CHECK(Contains(r3.out, "revision 3"));
  CHECK(Contains(r3.out, "1 changed"));
  auto again = cli.Run({"ingest", cli.dir.Path("articles")});
  CHECK(Contains(again.out, "no changes"));

  // Another tool says SH.BA where the articles say the United States.
  cli.dir.Write("sh.jsonl",
                FactLine("wire-1", "SH.BA", "Country", "sanctions", "Hikvision",
                         "Company", "SH.BA sanctioned Hikvision.", "2025-03-01"));
  REQUIRE(cli.Run({"ingest", "--triples", cli.dir.Path("sh.jsonl")}).code == 0);
  auto alias = cli.Run({"alias", "SH.BA", "united states"});
  REQUIRE(alias.code == 0);
  CHECK(Contains(alias.out,
                 "\"SH.BA\" named another entity, SH.BA: merged it into "
                 "United States"));
  CHECK(Contains(alias.out, "revision 5"));
  auto revert = cli.Run({"revert", "5"});
  REQUIRE(revert.code == 0);
  CHECK(Contains(revert.out, "revision 6: reverted revision 5 (alias"));

  auto log = cli.Run({"log"});
  REQUIRE(log.code == 0);
  size_t at6 = log.out.find("revision 6"), at5 = log.out.find("revision 5"),
         at1 = log.out.find("revision 1");
  CHECK(at6 < at5);
  CHECK(at5 < at1);
  CHECK(Contains(log.out, "first half"));
  CHECK(Contains(log.out, "a correction\n    documents: 0 new, 1 changed, 0 removed"));
  CHECK(Contains(log.out, "revert 5: alias SH.BA -> United States"));

  auto d3 = cli.Run({"diff", "2", "3"});
  CHECK(Contains(d3.out, "+ United States sanctions ZTE"));
  CHECK(Contains(d3.out, "+ ZTE (Company)"));
  auto d5 = cli.Run({"diff", "4", "5"});
  CHECK(Contains(d5.out, "- SH.BA (Country)"));
  CHECK(Contains(d5.out, "+ United States sanctions Hikvision"));
  CHECK(Contains(d5.out, "- SH.BA sanctions Hikvision"));
  auto d6 = cli.Run({"diff", "5"});  // to the latest: the revert undid it
  CHECK(Contains(d6.out, "+ SH.BA sanctions Hikvision"));
  CHECK(Contains(d6.out, "- United States sanctions Hikvision"));
  CHECK(cli.Run({"diff", "4", "6"}).out ==
        "revision 4 -> 6: entities 0 added, 0 retired; triples 0 added, 0 retired\n");
  auto json = cli.Run({"diff", "4", "5", "--json"});
  CHECK(Contains(json.out,
                 "\"counts\":{\"entities_added\":0,\"entities_retired\":1,"
                 "\"triples_added\":1,\"triples_retired\":1}"));
  auto log_json = cli.Run({"log", "--json"});
  CHECK(log_json.out.rfind("[{\"revision\":6,", 0) == 0);

  // The first revision reads back byte for byte.
  std::string as_of_1 = cli.dir.Path("as-of-1.graphml");
  REQUIRE(cli.Run({"export", "graphml", "--as-of", "1", "-o", as_of_1}).code == 0);
  CHECK(test::ReadFile(as_of_1) == test::ReadFile(first_graphml));

  CHECK(cli.Run({"diff", "9"}).code == 1);
  CHECK(cli.Run({"diff", "x"}).code == 2);
  CHECK(cli.Run({"revert", "99"}).code == 1);
}

TEST_CASE("a curated alias makes the extractor find the name in later articles") {
  Cli cli;
  cli.dir.Write("a/us.md",
                "---\ntitle: one\ndate: 2025-02-01\n---\n"
                "The United States sanctioned Huawei in 2019.\n");
  REQUIRE(cli.Run({"ingest", cli.dir.Path("a")}).code == 0);
  REQUIRE(cli.Run({"alias", "SH.BA", "United States"}).code == 0);
  cli.dir.Write("a/sh.md",
                "---\ntitle: two\ndate: 2025-03-01\n---\n"
                "SH.BA sanctioned SMIC last week, officials said.\n");
  auto r = cli.Run({"ingest", cli.dir.Path("a")});
  REQUIRE(r.code == 0);
  auto store = Store::Open(cli.db, Store::Mode::kReadOnly, cli.env);
  std::string dump = test::CanonicalDump(*store);
  CHECK(Contains(dump, "edge United States sanctions SMIC weight 1"));
  CHECK_FALSE(Contains(dump, "node SH.BA"));
}

TEST_CASE("ingest --sync forgets articles deleted from the folder") {
  Cli cli;
  cli.CopyArticles(0, 3, "a");
  REQUIRE(cli.Run({"ingest", cli.dir.Path("a")}).code == 0);
  auto gone = cli.Articles()[1].filename().string();
  fs::remove(cli.dir.Path("a/" + gone));
  auto plain = cli.Run({"ingest", cli.dir.Path("a")});
  CHECK(Contains(plain.out, "no changes"));
  auto sync = cli.Run({"ingest", "--sync", cli.dir.Path("a") + "/"});
  REQUIRE(sync.code == 0);
  CHECK(Contains(sync.out, "revision 2"));
  CHECK(Contains(sync.out, "removed 1 document deleted from the folders given"));
  auto store = Store::Open(cli.db, Store::Mode::kReadOnly, cli.env);
  CHECK(store->GetStats({}).documents == 2);
  CHECK(store->GetStats(1).documents == 3);
  CHECK(cli.Run({"ingest", "--sync", "--triples", "x.jsonl"}).code == 2);
}

TEST_CASE("kg forget retires a document by its uri") {
  Cli cli;
  cli.dir.Write("t.jsonl",
                FactLine("a", "US", "Country", "sanctions", "SMIC", "Company", "x") +
                    FactLine("b", "US", "Country", "bans", "TikTok", "Product", "y"));
  REQUIRE(cli.Run({"ingest", "--triples", cli.dir.Path("t.jsonl")}).code == 0);
  auto r = cli.Run({"forget", "b"});
  REQUIRE(r.code == 0);
  CHECK(Contains(r.out, "revision 2: forgot 1 document"));
  CHECK(Contains(r.out, "triples: 0 added, 1 retired"));
  auto unknown = cli.Run({"forget", "zz"});
  CHECK(unknown.code == 1);
  CHECK(Contains(unknown.err, "no document \"zz\" in the store"));
  auto merge = cli.Run({"merge", "US", "SMIC"});
  CHECK(merge.code == 0);
  CHECK(Contains(merge.out, "merged SMIC into US"));
  CHECK(cli.Run({"merge", "US", "us"}).code == 1);
  CHECK(cli.Run({"merge", "US", "Nowhere"}).code == 1);
  auto noop = cli.Run({"alias", "U.S.", "US"});
  CHECK(Contains(noop.out, "no changes"));
}

TEST_CASE("export and stats as of a date count undated evidence too") {
  Cli cli;
  cli.dir.Write(
      "t.jsonl",
      FactLine("a", "US", "Country", "sanctions", "SMIC", "Company", "x", "2020-12-18") +
          FactLine("b", "US", "Country", "bans", "TikTok", "Product", "y", "2024-04-24") +
          FactLine("c", "US", "Country", "sanctions", "Huawei", "Company", "z"));
  REQUIRE(cli.Run({"ingest", "--triples", cli.dir.Path("t.jsonl")}).code == 0);
  auto stats = cli.Run({"stats", "--json", "--as-of", "2021-06-30"});
  REQUIRE(stats.code == 0);
  CHECK(Contains(stats.out, "\"documents\":2"));
  CHECK(Contains(stats.out, "\"triples\":2"));
  auto json = cli.Run({"export", "json", "--as-of", "2021-06-30"});
  CHECK(json.code == 0);
  CHECK(Contains(json.out, "Huawei"));
  CHECK_FALSE(Contains(json.out, "TikTok"));
  CHECK(cli.Run({"stats", "--as-of", "June"}).code == 2);
}

TEST_CASE("a second writer process is told who writes or waits with --wait") {
  test::FakeEnv env;
  test::TempDir dir;
  std::string db = dir.Path("kg.db");
  dir.Write("t.jsonl",
            FactLine("a", "US", "Country", "sanctions", "SMIC", "Company", "x"));
  auto writer = Store::Open(db, Store::Mode::kReadWrite, env);

  auto refused = test::Shell(std::string(KG_BINARY) + " --db " + db +
                             " ingest --triples " + dir.Path("t.jsonl"));
  CHECK(refused.code == 1);
  CHECK(Contains(refused.out,
                 "store is being written by process " + std::to_string(getpid())));
  CHECK(Contains(refused.out, "--wait"));

  pid_t waiting =
      test::SpawnKg({"--db", db, "ingest", "--wait", "--triples", dir.Path("t.jsonl")},
                    dir.Path("wait.log"), dir.Path("wait.log"));
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  int status = 0;
  CHECK(waitpid(waiting, &status, WNOHANG) == 0);  // still waiting
  auto reader = test::Shell(std::string(KG_BINARY) + " --db " + db + " log");
  CHECK(reader.code == 0);  // readers are not held up
  writer.reset();
  REQUIRE(waitpid(waiting, &status, 0) == waiting);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(Contains(test::ReadFile(dir.Path("wait.log")), "revision 1"));
}

}  // namespace
}  // namespace kg
