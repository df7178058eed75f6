// Hostile input end to end: binary files, broken encodings, a huge single
// line, deeply nested HTML, malformed JSONL, hostile names and path-like
// document ids. Each is named in a warning or an error, the rest of the run
// goes on, and every export of the store that results still validates.
#include <rapidjson/document.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "ingest/nlp/analyzer.h"
#include "tests/test_util.h"

namespace kg {
namespace {

namespace fs = std::filesystem;
using test::FactLine;

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

std::string Quoted(const std::string& path) { return "'" + path + "'"; }

// Records every path kg asks the environment about.
class RecordingEnv : public test::FakeEnv {
 public:
  std::string ReadFile(const std::string& path) override {
    paths.push_back(path);
    return FakeEnv::ReadFile(path);
  }
  bool IsDirectory(const std::string& path) override {
    paths.push_back(path);
    return FakeEnv::IsDirectory(path);
  }
  bool IsFile(const std::string& path) override {
    paths.push_back(path);
    return FakeEnv::IsFile(path);
  }
  std::vector<std::string> ListFilesRecursive(const std::string& dir) override {
    paths.push_back(dir);
    return FakeEnv::ListFilesRecursive(dir);
  }

  std::vector<std::string> paths;
};

struct Hostile {
  RecordingEnv env;
  test::TempDir dir;
  std::string db = dir.Path("kg.db");

  test::RunResult Kg(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    return test::Kg(env, args);
  }
};

// Exports the store in every format, and reads each back with a tool that
// is not kg: GraphML and GEXF against their schemas, JSON and CSV in Python
// (strict UTF-8, the same counts as `kg stats`), DOT through Graphviz.
void CheckExports(Hostile& h) {
  auto stats = h.Kg({"stats", "--json"});
  INFO(stats.err);
  REQUIRE(stats.code == 0);
  rapidjson::Document d;
  d.Parse(stats.out.c_str(), stats.out.size());
  REQUIRE_FALSE(d.HasParseError());
  const int64_t entities = d["entities"].GetInt64(), triples = d["triples"].GetInt64();
  CHECK(entities > 0);

  const std::string out = h.dir.Path("export");
  for (const char* format : {"graphml", "gexf", "json", "dot"}) {
    auto r = h.Kg({"export", format, "-o", out + "/graph." + format});
    INFO(format << ": " << r.err);
    CHECK(r.code == 0);
  }
  auto csv = h.Kg({"export", "csv", "-o", out + "/csv"});
  INFO("csv: " << csv.err);
  CHECK(csv.code == 0);

  auto graphml =
      test::ValidateXml("graphml/graphml-edge-type.xsd", out + "/graph.graphml");
  INFO("graphml: " << graphml.out.substr(0, 2000));
  CHECK(graphml.code == 0);
  auto gexf = test::ValidateGexf(out + "/graph.gexf");
  INFO("gexf: " << gexf.out.substr(0, 2000));
  CHECK(gexf.code == 0);
  auto counts = test::Shell(
      "/usr/bin/python3 -c \"import csv,json,sys\n"
      "csv.field_size_limit(1 << 30)\n"
      "d=json.load(open(sys.argv[1]+'/graph.json',encoding='utf-8'))\n"
      "n=list(csv.DictReader(open(sys.argv[1]+'/csv/"
      "nodes.csv',encoding='utf-8',newline='')))\n"
      "e=list(csv.DictReader(open(sys.argv[1]+'/csv/"
      "edges.csv',encoding='utf-8',newline='')))\n"
      "print(len(d['nodes']),len(d['links']),len(n),len(e))\" " +
      Quoted(out));
  INFO("json and csv: " << counts.out.substr(0, 2000));
  CHECK(counts.code == 0);
  CHECK(counts.out == std::to_string(entities) + " " + std::to_string(triples) + " " +
                          std::to_string(entities) + " " + std::to_string(triples) +
                          "\n");
  auto dot = test::Shell("dot -Tsvg " + Quoted(out + "/graph.dot") + " -o " +
                         Quoted(out + "/graph.svg") + " && xmllint --noout --huge " +
                         Quoted(out + "/graph.svg"));
  INFO("dot: " << dot.out.substr(0, 2000));
  CHECK(dot.code == 0);
}

const char kArticle[] =
    "---\ntitle: Good\ndate: 2025-01-27\n---\n"
    "China's DeepSeek trained R1 on Nvidia's H800 chips, the company said.\n";

TEST_CASE("binary files and invalid UTF-8 are named and the rest is ingested") {
  Hostile h;
  h.dir.Write("in/good.md", kArticle);
  std::string bytes;
  for (int i = 0; i < 65536; ++i) bytes += static_cast<char>((i * 131) & 0xFF);
  h.dir.Write("in/blob.txt", bytes);
  h.dir.Write("in/image.html", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + bytes);
  h.dir.Write("in/latin1.txt",
              "Huawei sued Micron in M\xFCnchen.\nThe caf\xE9 closed.\n");
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise += static_cast<char>(0x80 + i % 128);
  h.dir.Write("in/noise.md", noise);

  auto r = h.Kg({"ingest", h.dir.Path("in")});
  INFO(r.err);
  CHECK(r.code == 1);
  CHECK(Contains(r.err, "kg: error: " + h.dir.Path("in/blob.txt") +
                            ": binary file (NUL bytes); skipped"));
  CHECK(Contains(r.err, "kg: error: " + h.dir.Path("in/image.html") + ": binary file"));
  CHECK(Contains(r.err, "kg: warning: " + h.dir.Path("in/latin1.txt") +
                            ": 2 invalid UTF-8 byte sequences replaced with U+FFFD"));
  CHECK(Contains(r.err, "kg: warning: " + h.dir.Path("in/noise.md") +
                            ": 4096 invalid UTF-8 byte sequences"));
  CHECK(Contains(r.out, "read 3 documents (2 failed)"));
  CHECK(h.Kg({"entity", "DeepSeek"}).code == 0);
  CheckExports(h);
}

TEST_CASE("the kg binary names binary stdin as the input and exits 1") {
  test::TempDir dir;
  dir.Write("blob", std::string("GIF89a\0\0\x01\x02", 10) + std::string(4096, '\0'));
  auto r = test::Shell(Quoted(KG_BINARY) + " --db " + Quoted(dir.Path("kg.db")) +
                       " ingest - < " + Quoted(dir.Path("blob")));
  INFO(r.out);
  CHECK(r.code == 1);
  CHECK(Contains(r.out, "kg: error: <stdin>"));
  CHECK(Contains(r.out, "binary file (NUL bytes); skipped"));
  CHECK(Contains(r.out, "read 0 documents (1 failed)"));
}

// 20 MB, not 100: under AddressSanitizer the test suite must stay quick. The
// 100 MB line was run by hand against a release build (see the fuzzing notes
// in the report of issue 8).
TEST_CASE("a single line of 20 MB is ingested with its facts at both ends") {
  Hostile h;
  std::string line = "China's DeepSeek trained R1 on Nvidia's H800 chips. ";
  const std::string filler =
      "Officials said the review would continue for some time, and analysts "
      "expected few changes before the end of the year; markets were calm. ";
  while (line.size() < (20u << 20)) line += filler;
  line += "Huawei sued Micron over patents.";  // no newline at all
  h.dir.Write("in/big.txt", line);
  auto r = h.Kg({"ingest", "--jobs", "1", h.dir.Path("in/big.txt")});
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(Contains(r.out, "read 1 document (0 failed)"));
  for (const char* name : {"DeepSeek", "H800", "Huawei", "Micron"}) {
    INFO(name);
    CHECK(h.Kg({"entity", name}).code == 0);
  }
  CheckExports(h);
}

TEST_CASE("10000 nested HTML tags of several kinds are ingested end to end") {
  Hostile h;
  const std::string fact = "China's DeepSeek trained R1 on Nvidia's H800 chips.";
  for (const char* tag : {"div", "b", "table", "svg", "span"}) {
    std::string html = "<html><head><title>Deep</title></head><body>";
    for (int i = 0; i < 10000; ++i) html += std::string("<") + tag + ">";
    html += "<p>" + fact + "</p>";
    h.dir.Write(std::string("in/") + tag + ".html", html);
  }
  auto r = h.Kg({"ingest", h.dir.Path("in")});
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(Contains(r.out, "read 5 documents (0 failed)"));
  CHECK(h.Kg({"entity", "DeepSeek"}).code == 0);
  CheckExports(h);
}

TEST_CASE("JSONL articles with wrong types or a 1 MB string are named by line") {
  Hostile h;
  std::string big;
  while (big.size() < (1u << 20)) big += "padding words ";
  const std::vector<std::string> lines = {
      R"({"text": 5})",
      R"({"text": ["Huawei sued Micron."], "title": "t"})",
      R"({"text": "Huawei sued Micron.", "title": {"a": 1}})",
      R"({"text": "Huawei sued Micron.", "date": 20240501})",
      R"([1, 2, 3])",
      R"("just a string")",
      "{\"text\": \"Huawei sued Micron. " + big + "\", \"title\": \"" + big + "\"}",
      R"({"text": "A lone \udc00 surrogate near Huawei."})",
      R"({"text": "China's DeepSeek trained R1 on Nvidia's H800 chips.", "id": "ok"})",
      R"({"text": "cut off)",
  };
  std::string jsonl;
  for (const std::string& l : lines) jsonl += l + "\n";
  h.dir.Write("in/a.jsonl", jsonl);
  auto r = h.Kg({"ingest", h.dir.Path("in")});
  INFO(r.err.substr(0, 4000));
  CHECK(r.code == 1);
  const std::string file = h.dir.Path("in/a.jsonl");
  CHECK(Contains(r.err, "kg: error: " + file + ":1: \"text\" must be a string"));
  CHECK(Contains(r.err, "kg: error: " + file + ":2: \"text\" must be a string"));
  CHECK(Contains(r.err, "kg: error: " + file + ":3: \"title\" must be a string"));
  CHECK(Contains(r.err, "kg: error: " + file + ":4: \"date\" must be a string"));
  CHECK(Contains(r.err, "kg: error: " + file + ":5: expected a JSON object"));
  CHECK(Contains(r.err, "kg: error: " + file + ":6: expected a JSON object"));
  CHECK(
      Contains(r.err, "kg: warning: " + file + ":8: \"text\" has an invalid \\u escape"));
  CHECK(Contains(r.err, "kg: error: " + file + ":10: invalid JSON"));
  CHECK(Contains(r.out, "read 3 documents (7 failed)"));
  CHECK(r.err.size() < 4000);  // a 1 MB line is not echoed back
  CHECK(h.Kg({"entity", "DeepSeek"}).code == 0);
  CheckExports(h);
}

TEST_CASE(
    "a --triples line with wrong types fails naming FILE:LINE and changes nothing") {
  Hostile h;
  const std::string good = FactLine("a", "Huawei", "Company", "sues", "Micron", "Company",
                                    "Huawei sued Micron.", "2024-05-01");
  h.dir.Write("seed.jsonl", good);
  REQUIRE(h.Kg({"ingest", "--triples", h.dir.Path("seed.jsonl")}).code == 0);
  const std::string head = R"({"doc": "b", "subject": "X Corp", "predicate": "sues", )"
                           R"("object": "Y Corp", "evidence": "X sued Y.")";
  const std::vector<std::pair<std::string, std::string>> bad = {
      {R"({"doc": "b", "subject": 5, "predicate": "sues", "object": "Y", "evidence": "e"})",
       "\"subject\" must be a string"},
      {R"({"doc": ["b"], "subject": "X", "predicate": "sues", "object": "Y", "evidence": "e"})",
       "\"doc\" must be a string"},
      {head + R"(, "confidence": "high"})", "\"confidence\" must be a number"},
      {head + R"(, "confidence": 7})", "\"confidence\" must be between 0 and 1"},
      {head + R"(, "start": 1e300, "end": 2e300})", "\"start\" must be a whole number"},
      {head + R"(, "start": 0, "end": -1e300})", "\"end\" must be a whole number"},
      {head + R"(, "start": 1.5, "end": 3})", "\"start\" must be a whole number"},
      {head + R"(, "subject_type": "Planet"})",
       "\"subject_type\" is \"Planet\", not one"},
      {head + R"(, "title": "\udc00"})", "\"title\" has an invalid \\u escape"},
      {R"({"doc": "b", "subject": "X", "predicate": "DROP TABLE", "object": "Y", )"
       R"("evidence": "e"})",
       "\"predicate\" must be lower_snake_case"},
      {head + "}\xFF", "invalid UTF-8"},
  };
  for (const auto& [line, message] : bad) {
    INFO(line);
    h.dir.Write("bad.jsonl", good + line + "\n" + good);
    auto r = h.Kg({"ingest", "--triples", h.dir.Path("bad.jsonl")});
    CHECK(r.code == 1);
    CHECK(Contains(r.err, "kg: error: " + h.dir.Path("bad.jsonl") + ":2: " + message));
  }
  auto log = h.Kg({"log"});
  CHECK(log.code == 0);
  CHECK_FALSE(Contains(log.out, "bad.jsonl"));
  std::string evidence;
  while (evidence.size() < (1u << 20)) evidence += "Long evidence. ";
  h.dir.Write("long.jsonl",
              FactLine("c", "X Corp", "Company", "sues", "Y Corp", "Company", evidence));
  CHECK(h.Kg({"ingest", "--triples", h.dir.Path("long.jsonl")}).code == 0);
  CheckExports(h);
}

TEST_CASE("hostile entity names are data in the store and in every export") {
  Hostile h;
  const std::vector<std::string> names = {
      "Quote \"Inc\" 'Ltd'",
      "<b>Tags</b> &amp; & Co",
      "Ctrl\x01\x1f\x7f"
      "Co",
      std::string("Nul\0Byte Corp", 13),
      "'); DROP TABLE entities; --",
      "Robert'); DELETE FROM triples WHERE ('1'='1",
      "=HYPERLINK(\"http://evil.example/\",\"click\")",
      "+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      "../../etc/passwd",
      "Back\\slash\ttab\nnewline\rreturn",
      "\xE2\x80\xAE"
      "RTL override \xEF\xBB\xBF"
      "BOM",
      std::string(1 << 20, 'N'),
  };
  std::string jsonl;
  for (size_t i = 0; i < names.size(); ++i)
    jsonl += FactLine("d" + std::to_string(i), names[i], "Company", "competes_with",
                      "Anchor " + std::to_string(i), "Company",
                      "Evidence <with> & \"quotes\": " + names[i], "2025-01-27");
  h.dir.Write("hostile.jsonl", jsonl);
  auto r = h.Kg({"ingest", "--triples", h.dir.Path("hostile.jsonl")});
  INFO(r.err.substr(0, 2000));
  REQUIRE(r.code == 0);

  auto stats = h.Kg({"stats", "--json"});
  CHECK(Contains(stats.out, "\"entities\":" + std::to_string(2 * names.size())));
  CHECK(Contains(stats.out, "\"triples\":" + std::to_string(names.size())));
  for (const std::string& name : names) {
    if (name.find('\0') != std::string::npos) continue;  // argv cannot carry NUL
    INFO(name.substr(0, 80));
    auto e = h.Kg({"entity", name, "--json"});
    CHECK(e.code == 0);
    rapidjson::Document d;
    d.Parse(e.out.c_str(), e.out.size());
    REQUIRE_FALSE(d.HasParseError());
    CHECK(std::string(d["entity"]["name"].GetString(),
                      d["entity"]["name"].GetStringLength()) == name);
  }
  CheckExports(h);
  const std::string nodes = h.dir.Path("export/csv/nodes.csv");
  auto formula = test::Shell("grep -c \"'=HYPERLINK\\|'+cmd\\|'@SUM\" " + Quoted(nodes));
  CHECK(formula.out == "3\n");  // a would-be formula is a quoted string
}

TEST_CASE("path-like document ids are data that kg never opens or writes") {
  Hostile h;
  h.dir.Write("in/a.jsonl",
              R"({"id": "../../etc/passwd", "url": "../../etc/passwd", )"
              R"("text": "China's DeepSeek trained R1 on Nvidia's H800 chips."})"
              "\n"
              R"({"id": "/etc/shadow", "url": "file:///etc/shadow", )"
              R"("text": "Huawei sued Micron over patents."})"
              "\n");
  h.dir.Write("in/b.md",
              "---\nurl: ../../../../../../tmp/kg-hostile-owned\n---\n"
              "Nvidia sued AMD over chips.\n");
  h.dir.Write("triples.jsonl",
              FactLine("../../../../../../tmp/kg-hostile-triples", "TSMC", "Company",
                       "supplies", "Apple", "Company", "TSMC supplies Apple."));
  auto r = h.Kg({"ingest", h.dir.Path("in")});
  INFO(r.err);
  CHECK(r.code == 0);
  auto t = h.Kg({"ingest", "--triples", h.dir.Path("triples.jsonl")});
  INFO(t.err);
  CHECK(t.code == 0);
  auto extract = h.Kg({"extract", h.dir.Path("in/a.jsonl")});
  CHECK(extract.code == 0);
  CHECK(Contains(extract.out, "\"doc\":\"../../etc/passwd\""));

  // Only the inputs named on the command line (and the models) were looked at.
  const std::string model = DefaultModelPath(h.env);
  for (const std::string& p : h.env.paths) {
    INFO(p);
    CHECK((p == h.dir.Path("in") || p == h.dir.Path("in/a.jsonl") ||
           p == h.dir.Path("in/b.md") || p == h.dir.Path("triples.jsonl") || p == model));
  }
  // The ids are the documents' identities, which forget takes as data.
  auto forget = h.Kg({"forget", "../../etc/passwd", "file:///etc/shadow"});
  INFO(forget.err);
  CHECK(forget.code == 0);
  CheckExports(h);
  // Nothing was written outside the store and the export folder.
  for (const auto& e : fs::recursive_directory_iterator(h.dir.Path(""))) {
    std::string rel = fs::relative(e.path(), h.dir.Path("")).string();
    INFO(rel);
    CHECK((rel.rfind("kg.db", 0) == 0 || rel.rfind("in", 0) == 0 ||
           rel.rfind("export", 0) == 0 || rel == "triples.jsonl"));
  }
  CHECK_FALSE(fs::exists("/tmp/kg-hostile-owned"));
  CHECK_FALSE(fs::exists("/tmp/kg-hostile-triples"));
}

}  // namespace
}  // namespace kg
