// Extractor fingerprints: a document whose bytes did not change is extracted
// again when the extractor that made its facts (code, bundled data, users'
// lexicons) did change, by the next kg ingest, in one revision, through the
// differential path an edit takes; its old facts stay readable as of before.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "graph/graph.h"
#include "ingest/ingest.h"
#include "tests/test_util.h"

namespace kg {
namespace {

namespace fs = std::filesystem;
using test::FactLine;
using Lexicons = std::vector<std::pair<std::string, std::string>>;

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

int Count(const std::string& s, const std::string& part) {
  int n = 0;
  for (size_t at = s.find(part); at != std::string::npos; at = s.find(part, at + 1)) ++n;
  return n;
}

// A user lexicon that names a company the articles mention: without it the
// extractor finds no fact about Zorblax.
const char* const kLexicon = "Company\tZorblax\tZorblax Labs\t\n";

// The fingerprints kg ingest uses without and with kLexicon (lexicon names
// do not count, only their content).
std::string PlainFingerprint() { return Extractor().fingerprint(); }
std::string LexiconFingerprint() {
  return Extractor(Lexicons{{"any name", kLexicon}}).fingerprint();
}

struct Cli {
  test::FakeEnv env;
  test::TempDir dir;
  std::string db = dir.Path("kg.db");

  Cli() {
    dir.Write("lex.tsv", kLexicon);
    // one and two mention Zorblax; three does not.
    dir.Write("a/one.txt",
              "Report one\n\nThe United States sanctioned Huawei in 2019. "
              "China banned Zorblax last week.\n");
    dir.Write("a/two.txt",
              "Report two\n\nJapan restricted exports to China in March. "
              "Nvidia partnered with Zorblax on chips.\n");
    dir.Write("a/three.txt",
              "Report three\n\nThe Netherlands sanctioned SMIC in 2023.\n");
  }
  test::RunResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    auto r = test::Kg(env, args);
    UNSCOPED_INFO("kg " << args[2] << " -> " << r.code << "\n" << r.out << r.err);
    return r;
  }
  // Ingests the folder `a`, with kLexicon when `lexicon`; must succeed.
  test::RunResult Ingest(bool lexicon, std::vector<std::string> more = {}) {
    std::vector<std::string> args = {"ingest", dir.Path("a")};
    if (lexicon) args.insert(args.end(), {"--lexicon", dir.Path("lex.tsv")});
    args.insert(args.end(), more.begin(), more.end());
    auto r = Run(args);
    REQUIRE(r.code == 0);
    return r;
  }
  std::string Triples(const std::string& as_of = "") {
    std::vector<std::string> args = {"triples", "--format", "tsv"};
    if (!as_of.empty()) args.insert(args.end(), {"--as-of", as_of});
    auto r = Run(args);
    REQUIRE(r.code == 0);
    return r.out;
  }
  std::unique_ptr<Store> Open() { return Store::Open(db, Store::Mode::kReadOnly, env); }
  Store::Revision Revision(int64_t id) {
    auto rev = Open()->GetRevision(id);
    REQUIRE(rev);
    return *rev;
  }
  int64_t Latest() { return Open()->LatestRevision(); }
  std::vector<Store::StaleDocument> Stale(const std::string& fingerprint) {
    return Open()->StaleDocuments(fingerprint);
  }
  // SQL that returns one number, read straight from the store.
  int64_t Number(const std::string& sql) {
    SQLite::Database raw(db, SQLite::OPEN_READONLY);
    return raw.execAndGet(sql).getInt64();
  }
};

const char* const kZorblaxFacts[] = {"China\tbans\tZorblax",
                                     "Nvidia\tpartners_with\tZorblax"};

TEST_CASE("fingerprints cover the code version, bundled data and lexicon content") {
  std::string plain = PlainFingerprint();
  CHECK(plain.size() == 16);
  CHECK(plain.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(Extractor().fingerprint() == plain);  // stable
  CHECK(LexiconFingerprint() != plain);
  CHECK(Extractor(Lexicons{{"other name", kLexicon}}).fingerprint() ==
        LexiconFingerprint());
  CHECK(Extractor(Lexicons{{"x", kLexicon}, {"y", ""}}).fingerprint() !=
        LexiconFingerprint());
  Article a;
  a.uri = "u";
  a.text = "The United States sanctioned Huawei in 2019.";
  CHECK(Extractor().Extract(a).extractor == plain);
  CHECK(ReadTriplesJsonl(FactLine("d", "US", "Country", "bans", "X", "Product", "s"), "t")
            .documents.at(0)
            .extractor.empty());
}

TEST_CASE("an upgraded lexicon re-extracts every document in one revision") {
  Cli cli;
  cli.Ingest(false);
  REQUIRE(cli.Latest() == 1);
  std::string before = cli.Triples();
  for (const char* fact : kZorblaxFacts) CHECK_FALSE(Contains(before, fact));

  auto r = cli.Ingest(true);
  std::string fp = LexiconFingerprint();
  CHECK(Contains(r.out,
                 "revision 2: 3 documents (0 new, 0 changed, 3 re-extracted, "
                 "0 unchanged)"));
  CHECK(Contains(r.out, "re-extracted 3 documents (extractor " + fp + ")"));
  CHECK(cli.Latest() == 2);  // one revision for the whole re-extraction
  Store::Revision rev = cli.Revision(2);
  CHECK(rev.message == "re-extracted 3 documents with extractor " + fp);
  CHECK(rev.docs_reextracted == 3);
  CHECK(rev.docs_changed == 0);
  CHECK(rev.docs_new == 0);
  CHECK(rev.evidence_added == 2);  // the two Zorblax facts, nothing else
  CHECK(rev.evidence_retired == 0);

  // The graph as of revision 1 still has the old facts; the latest the new.
  CHECK(cli.Triples("1") == before);
  std::string after = cli.Triples();
  for (const char* fact : kZorblaxFacts) CHECK(Contains(after, fact));
  CHECK(Contains(after, "Netherlands\tsanctions\tSMIC"));

  // three.txt was re-extracted too, and wrote no row of its facts or
  // mentions: they did not change. Only its version names the new extractor.
  const std::string three =
      "(SELECT id FROM documents WHERE uri = '" + cli.dir.Path("a/three.txt") + "')";
  for (const char* table : {"evidence", "mentions"}) {
    INFO(table);
    CHECK(cli.Number(std::string("SELECT COUNT(*) FROM ") + table +
                     " WHERE document_id = " + three + " AND added_rev = 2") == 0);
    CHECK(cli.Number(std::string("SELECT COUNT(*) FROM ") + table +
                     " WHERE document_id = " + three + " AND retired_rev IS NOT NULL") ==
          0);
  }
  CHECK(cli.Number("SELECT COUNT(*) FROM document_versions WHERE document_id = " + three +
                   " AND added_rev = 2") == 1);

  auto log = cli.Run({"log"});
  CHECK(Contains(log.out, "re-extracted 3 documents with extractor " + fp +
                              "\n    documents: 0 new, 0 changed, 0 removed, "
                              "3 re-extracted;"));
  auto json = cli.Run({"log", "--json"});
  CHECK(Contains(
      json.out,
      "\"documents\":{\"new\":0,\"changed\":0,\"removed\":0,\"reextracted\":3}"));
}

TEST_CASE("the same lexicon again, under any file name, changes nothing") {
  Cli cli;
  cli.Ingest(true);
  auto again = cli.Ingest(true);
  CHECK(Contains(again.out, "no changes: 3 documents unchanged; no revision written"));
  CHECK_FALSE(Contains(again.out, "re-extracted"));
  cli.dir.Write("renamed.tsv", kLexicon);
  auto renamed =
      cli.Run({"ingest", cli.dir.Path("a"), "--lexicon", cli.dir.Path("renamed.tsv")});
  CHECK(Contains(renamed.out, "no changes"));
  CHECK(cli.Latest() == 1);
  CHECK(cli.Stale(LexiconFingerprint()).empty());
}

TEST_CASE("stale documents whose text is gone keep their facts with one warning") {
  Cli cli;
  // An article from a JSON-lines file is known by its url: its text is at
  // hand only when that file is given again.
  cli.dir.Write("wire.jsonl",
                "{\"url\": \"https://example.com/wire\", \"title\": \"Wire\", "
                "\"text\": \"China sanctioned Zorblax in May.\"}\n");
  REQUIRE(cli.Run({"ingest", cli.dir.Path("wire.jsonl")}).code == 0);
  cli.Ingest(false);
  fs::remove(cli.dir.Path("a/three.txt"));
  fs::remove(cli.dir.Path("a/two.txt"));
  cli.dir.Write("b/four.txt", "Report four\n\nIntel partnered with Zorblax in June.\n");

  auto r = cli.Run(
      {"ingest", cli.dir.Path("b"), "--lexicon", cli.dir.Path("lex.tsv"), "-m", "b"});
  REQUIRE(r.code == 0);            // a warning, not a failure
  CHECK(Count(r.err, "\n") == 1);  // one line, not one a file
  CHECK(Contains(r.err,
                 "kg: warning: 3 documents were extracted by an older extractor and "
                 "their text is not at hand (e.g. "));
  CHECK(Contains(r.err,
                 "): their facts stay as they were; ingest their files again, or kg "
                 "forget them\n"));
  CHECK(Contains(r.out, "re-extracted 1 document (extractor"));
  // one.txt was at hand: re-extracted. The others kept their facts.
  std::string triples = cli.Triples();
  CHECK(Contains(triples, "China\tbans\tZorblax"));
  CHECK(Contains(triples, "Netherlands\tsanctions\tSMIC"));
  CHECK(Contains(triples, "Japan\trestricts_exports_to\tChina"));
  CHECK_FALSE(Contains(triples, "Nvidia\tpartners_with\tZorblax"));
  CHECK(cli.Revision(3).message ==
        "b; re-extracted 1 document with extractor " + LexiconFingerprint());
  CHECK(cli.Stale(LexiconFingerprint()).size() == 3);

  // Nothing else to do: the warning again, and no revision.
  auto again =
      cli.Run({"ingest", cli.dir.Path("b"), "--lexicon", cli.dir.Path("lex.tsv")});
  CHECK(Contains(again.out, "no changes"));
  CHECK(Count(again.err, "\n") == 1);
  CHECK(Contains(again.err, "kg: warning: 3 documents were extracted"));

  // Forgotten, they are no longer stale; one of them reads as one.
  REQUIRE(
      cli.Run({"forget", cli.dir.Path("a/two.txt"), cli.dir.Path("a/three.txt")}).code ==
      0);
  auto one = cli.Run({"ingest", cli.dir.Path("b"), "--lexicon", cli.dir.Path("lex.tsv")});
  CHECK(Contains(one.err,
                 "kg: warning: 1 document was extracted by an older extractor and its "
                 "text is not at hand (https://example.com/wire): its facts stay as they "
                 "were; ingest its file again, or kg forget it\n"));
}

TEST_CASE("stale documents outside the input are re-extracted when their files read") {
  Cli cli;
  cli.Ingest(false);
  cli.dir.Write("b/four.txt", "Report four\n\nIntel partnered with Zorblax in June.\n");
  auto r = cli.Run({"ingest", cli.dir.Path("b"), "--lexicon", cli.dir.Path("lex.tsv")});
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  CHECK(Contains(r.out,
                 "revision 2: 4 documents (1 new, 0 changed, 3 re-extracted, "
                 "0 unchanged)"));
  CHECK(cli.Latest() == 2);
  std::string fp = LexiconFingerprint();
  CHECK(cli.Revision(2).message == "ingest " + cli.dir.Path("b") +
                                       "; re-extracted 3 documents with extractor " + fp);
  std::string triples = cli.Triples();
  for (const char* fact : kZorblaxFacts) CHECK(Contains(triples, fact));
  CHECK(Contains(triples, "Intel\tpartners_with\tZorblax"));
  CHECK(cli.Stale(fp).empty());
}

TEST_CASE("only the stale documents of the shard are re-extracted") {
  Cli cli;
  for (int i = 0; i < 8; ++i)
    cli.dir.Write("a/extra" + std::to_string(i) + ".txt",
                  "Extra\n\nNvidia partnered with Zorblax " + std::to_string(i) + ".\n");
  cli.Ingest(false);
  Shard shard = Shard::Parse("1/2");
  size_t held = 0, total = 0;
  for (const std::string& uri : cli.Open()->DocumentUris("")) {
    ++total;
    held += shard.Holds(uri);
  }
  REQUIRE(held > 0);
  REQUIRE(held < total);
  cli.dir.Write("b/four.txt", "Report four\n\nIntel partnered with Zorblax in June.\n");
  auto r = cli.Run({"ingest", "--shard", "1/2", cli.dir.Path("b"), "--lexicon",
                    cli.dir.Path("lex.tsv")});
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());  // the other shard's documents are not this run's
  CHECK(cli.Revision(2).docs_reextracted == static_cast<int64_t>(held));
  auto stale = cli.Stale(LexiconFingerprint());
  CHECK(stale.size() == total - held);
  for (const auto& doc : stale) {
    CHECK_FALSE(shard.Holds(doc.uri));
    CHECK(doc.extractor == PlainFingerprint());
  }
}

TEST_CASE("reverting a re-extraction brings the old extractor back") {
  Cli cli;
  cli.Ingest(false);
  std::string first = cli.Triples();
  cli.Ingest(true);
  auto revert = cli.Run({"revert", "2"});
  REQUIRE(revert.code == 0);
  CHECK(Contains(revert.out, "3 re-extracted"));
  CHECK(cli.Revision(3).docs_reextracted == 3);
  CHECK(cli.Triples() == first);
  // The documents say again what the plain extractor made of them.
  CHECK(cli.Stale(PlainFingerprint()).empty());
  CHECK(cli.Stale(LexiconFingerprint()).size() == 3);
  CHECK(Contains(cli.Ingest(false).out, "no changes"));

  // So the next ingest with the lexicon re-extracts them again.
  auto again = cli.Ingest(true);
  CHECK(Contains(again.out, "revision 4: 3 documents (0 new, 0 changed, 3 re-extracted"));
  for (const char* fact : kZorblaxFacts) CHECK(Contains(cli.Triples(), fact));
}

TEST_CASE("documents of kg ingest --triples are never re-extracted") {
  Cli cli;
  cli.dir.Write("t.jsonl",
                FactLine("wire-1", "Zorblax Labs", "Company", "sanctions", "Huawei",
                         "Company", "Zorblax Labs sanctioned Huawei."));
  REQUIRE(cli.Run({"ingest", "--triples", cli.dir.Path("t.jsonl")}).code == 0);
  cli.Ingest(false);
  auto r = cli.Ingest(true);
  CHECK(r.err.empty());
  CHECK(cli.Revision(3).docs_reextracted == 3);  // the articles only
  CHECK(cli.Stale(LexiconFingerprint()).empty());
  CHECK(cli.Stale("any other").size() == 3);
  CHECK(cli.Number("SELECT COUNT(*) FROM document_versions v JOIN documents d ON "
                   "d.id = v.document_id WHERE d.uri = 'wire-1' AND v.extractor = '' "
                   "AND v.added_rev = 1 AND v.retired_rev IS NULL") == 1);
  CHECK(cli.Number("SELECT COUNT(*) FROM evidence e JOIN documents d ON "
                   "d.id = e.document_id WHERE d.uri = 'wire-1' AND (e.added_rev != 1 "
                   "OR e.retired_rev IS NOT NULL)") == 0);
  auto again = cli.Run({"ingest", "--triples", cli.dir.Path("t.jsonl")});
  CHECK(Contains(again.out, "no changes"));
}

TEST_CASE("merge-store carries each document's extractor") {
  Cli cli;
  std::vector<std::string> merge = {"merge-store"};
  for (const char* shard : {"1/2", "2/2"}) {
    std::string db = cli.dir.Path(std::string("shard") + shard[0] + ".db");
    auto r = test::Kg(cli.env, {"--db", db, "ingest", "--shard", shard, cli.dir.Path("a"),
                                "--lexicon", cli.dir.Path("lex.tsv")});
    REQUIRE(r.code == 0);
    merge.push_back(db);
  }
  merge.insert(merge.end(), {"-o", cli.db});
  REQUIRE(test::Kg(cli.env, merge).code == 0);
  CHECK(cli.Stale(LexiconFingerprint()).empty());
  CHECK(cli.Stale(PlainFingerprint()).size() == 3);
  CHECK(Contains(cli.Ingest(true).out, "no changes"));
}

TEST_CASE("a store from before fingerprints re-extracts its articles, not its triples") {
  Cli cli;
  cli.dir.Write("t.jsonl", FactLine("wire-1", "US", "Country", "sanctions", "Huawei",
                                    "Company", "The US sanctioned Huawei."));
  REQUIRE(cli.Run({"ingest", "--triples", cli.dir.Path("t.jsonl")}).code == 0);
  cli.Ingest(false);
  {
    // Back to schema version 4, as an older kg left it.
    SQLite::Database raw(cli.db, SQLite::OPEN_READWRITE);
    raw.exec(
        "DROP TABLE mention_forms;"
        "DROP TABLE lexicon_names;"
        "DROP INDEX document_versions_live_extractor;"
        "ALTER TABLE document_versions DROP COLUMN extractor;"
        "ALTER TABLE document_versions DROP COLUMN uri_is_file;"
        "ALTER TABLE revisions DROP COLUMN docs_reextracted;"
        "PRAGMA user_version = 4;");
  }
  Store::Open(cli.db, Store::Mode::kReadWrite, cli.env).reset();  // migrates
  auto stale = cli.Stale(PlainFingerprint());
  REQUIRE(stale.size() == 3);
  for (const auto& doc : stale) {
    CHECK(doc.extractor == "unknown");
    CHECK(doc.uri != "wire-1");
    CHECK_FALSE(doc.uri_is_file);  // where their text came from is not known
  }
  // Not in the input: their files are not opened, and the warning says so.
  cli.dir.Write("b/four.txt", "Report four\n\nIntel partnered with Zorblax in June.\n");
  auto other = cli.Run({"ingest", cli.dir.Path("b")});
  CHECK(Contains(other.err, "kg: warning: 3 documents were extracted by an older"));
  CHECK_FALSE(Contains(other.out, "re-extracted"));
  // In the input: re-extracted, and known to be files from then on.
  auto r = cli.Ingest(false);
  CHECK(Contains(r.out, "3 re-extracted"));
  CHECK(r.err.empty());
  CHECK(cli.Stale(PlainFingerprint()).empty());
  for (const auto& doc : cli.Stale("any other")) CHECK(doc.uri_is_file);
  CHECK(cli.Stale("any other").size() == 4);
}

TEST_CASE("only a uri that is the file its text came from is read again") {
  // An article's url (front matter, or a JSON-lines field) is its uri: data
  // that may name any path, which kg must never open.
  struct RecordingEnv : test::FakeEnv {
    std::string ReadFile(const std::string& path) override {
      read.push_back(path);
      return FakeEnv::ReadFile(path);
    }
    std::vector<std::string> read;
  };
  RecordingEnv env;
  test::TempDir dir;
  std::string db = dir.Path("kg.db");
  dir.Write("lex.tsv", kLexicon);
  dir.Write("secret.txt", "Secret\n\nChina banned Zorblax in secret.\n");
  dir.Write("a/hostile.md", "---\nurl: " + dir.Path("secret.txt") +
                                "\n---\nNvidia partnered with Zorblax on chips.\n");
  dir.Write("a/plain.txt", "Plain\n\nChina banned Zorblax last week.\n");
  dir.Write("b/four.txt", "Report four\n\nIntel partnered with Zorblax in June.\n");
  REQUIRE(test::Kg(env, {"--db", db, "ingest", dir.Path("a")}).code == 0);
  env.files["-"] = "Stdin\n\nChina banned Zorblax today.\n";  // uri <stdin>
  REQUIRE(test::Kg(env, {"--db", db, "ingest", "-"}).code == 0);
  // plain.txt is edited: its stored text is gone.
  dir.Write("a/plain.txt", "Plain\n\nChina banned Zorblax last month.\n");
  env.read.clear();
  auto r = test::Kg(
      env, {"--db", db, "ingest", dir.Path("b"), "--lexicon", dir.Path("lex.tsv")});
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  for (const std::string& path : env.read) {
    INFO(path);
    CHECK(path != dir.Path("secret.txt"));
    CHECK(path != "<stdin>");
    CHECK(path != "-");
  }
  CHECK(Contains(r.err, "kg: warning: 3 documents were extracted by an older"));
  CHECK_FALSE(Contains(r.out, "re-extracted"));  // nothing was at hand
  auto store = Store::Open(db, Store::Mode::kReadOnly, env);
  auto stale = store->StaleDocuments(LexiconFingerprint());
  REQUIRE(stale.size() == 3);
  for (const auto& doc : stale) {
    INFO(doc.uri);
    CHECK(doc.uri_is_file == (doc.uri == dir.Path("a/plain.txt")));
  }
  store->ForEachEdge(
      {}, [&](const Edge& e) { CHECK_FALSE(Contains(e.best.sentence, "secret")); });
  CHECK(store->GetStats({}).evidence == 1);  // b/four.txt's only
}

}  // namespace
}  // namespace kg
