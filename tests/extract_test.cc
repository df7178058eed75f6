// The extractor end to end: sentences in, triples out (cases as data in
// tests/data/extraction_cases.tsv), the seed article, and determinism.
#include <catch2/catch.hpp>
#include <set>

#include "ingest/ingest.h"
#include "tests/test_util.h"

namespace kg {
namespace {

std::set<std::string> Triples(const DocumentInput& d) {
  std::set<std::string> out;
  for (const Fact& f : d.facts)
    out.insert(f.subject + "|" + f.predicate + "|" + f.object);
  return out;
}

DocumentInput ExtractText(const Extractor& ex, const std::string& text) {
  Article a;
  a.uri = a.doc_id = "case";
  a.text = text;
  return ex.Extract(a);
}

std::string Show(const std::set<std::string>& s) {
  std::string out;
  for (const auto& t : s) out += "  " + t + "\n";
  return out;
}

// Runs a file of TEXT<TAB>EXPECTED<TAB>FORBIDDEN cases; returns how many.
int RunCases(const Extractor& ex, const std::string& file) {
  test::FakeEnv env;
  std::string data = env.ReadFile(test::SourceDir() + "/" + file);
  int cases = 0;
  for (const std::string& line : Split(data, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    auto cols = Split(line, '\t');
    REQUIRE(cols.size() >= 2);
    auto got = Triples(ExtractText(ex, cols[0]));
    INFO(file << ": " << cols[0] << "\nextracted:\n" << Show(got));
    for (const auto& want : Split(cols[1], ';'))
      if (!want.empty()) CHECK(got.count(want) == 1);
    if (cols.size() > 2)
      for (const auto& bad : Split(cols[2], ';'))
        if (!bad.empty()) CHECK(got.count(bad) == 0);
    ++cases;
  }
  return cases;
}

TEST_CASE("extraction cases from tests/data/extraction_cases.tsv") {
  Extractor ex;
  CHECK(RunCases(ex, "tests/data/extraction_cases.tsv") >= 25);
}

TEST_CASE("relation frames: constructions in every voice, and their denials") {
  Extractor ex;
  CHECK(RunCases(ex, "tests/data/frame_cases.tsv") >= 35);
}

TEST_CASE("names no lexicon knows: people and organisations and places in news prose") {
  Extractor ex;
  CHECK(RunCases(ex, "tests/data/name_cases.tsv") >= 10);
}

TEST_CASE("the seed article yields its key facts and not the denied sale") {
  Extractor ex;
  test::FakeEnv env;
  Article a;
  a.uri = a.doc_id = "deepseek-export-controls";
  a.text =
      env.ReadFile(test::SourceDir() + "/corpus/articles/deepseek-export-controls.txt");
  auto got = Triples(ex.Extract(a));
  INFO(Show(got));
  CHECK(got.count("United States|sanctions|Nvidia"));
  CHECK((got.count("DeepSeek|trained_on|H800") || got.count("DeepSeek|uses|H800")));
  CHECK(got.count("DeepSeek|develops|R1"));
  CHECK(got.count("DeepSeek|based_in|China"));
  CHECK(got.count("Brian Colello|works_for|Morningstar"));
  CHECK(got.count("Nvidia|sells_to|China") == 0);
}

TEST_CASE("evidence offsets point at the sentence in the normalised text") {
  Extractor ex;
  auto d = ExtractText(ex, "Intro line\n\nChina\u2019s DeepSeek released R1. Then more.");
  REQUIRE(!d.facts.empty());
  for (const Fact& f : d.facts) {
    CHECK(f.start >= 0);
    CHECK(f.end - f.start == static_cast<int64_t>(f.sentence.size()));  // ASCII here
    CHECK(f.sentence.find("DeepSeek") != std::string::npos);
  }
}

TEST_CASE("output does not depend on the number of jobs") {
  Extractor ex;
  test::FakeEnv env;
  auto run = [&](int jobs) {
    std::string out;
    ExtractArticles(
        env, ex, {test::SourceDir() + "/corpus/articles"}, jobs,
        [&](const Article& a, DocumentInput&& d) {
          for (const Fact& f : d.facts)
            out += a.doc_id + "|" + f.subject + "|" + f.predicate + "|" + f.object + "|" +
                   f.sentence + "\n";
        },
        [](const std::string&, const std::string&, bool) {});
    return out;
  };
  std::string one = run(1);
  CHECK(one.size() > 1000);
  CHECK(run(2) == one);
  CHECK(run(4) == one);
}

TEST_CASE("a user lexicon adds entities without recompiling") {
  Extractor plain;
  CHECK(Triples(ExtractText(plain, "Zorblax Labs released Quux-9 on Monday.")).empty() ==
        false);  // shapes and suffixes already find these two
  using Lexicons = std::vector<std::pair<std::string, std::string>>;
  Extractor custom(
      Lexicons{{"mine.tsv", "Company\tFrobnitz\tFrob Co\t\nChip\tWidget-7\t\t\n"}});
  auto got = Triples(ExtractText(custom, "Frob Co released the Widget-7 chip."));
  INFO(Show(got));
  CHECK(got.count("Frobnitz|develops|Widget-7"));
  CHECK_THROWS_WITH(Extractor(Lexicons{{"bad.tsv", "Robot\tX\t\t\n"}}),
                    Catch::Contains("bad.tsv:1"));
}

TEST_CASE(
    "facts below the minimum confidence are left out, and the fingerprint changes") {
  const std::string text =
      "Washington sanctioned Huawei last year. Nvidia said it would sell the H20 to "
      "Alibaba.";
  Extractor all, sure({}, nullptr, false, 0.9);
  DocumentInput a = ExtractText(all, text), b = ExtractText(sure, text);
  bool below = false;
  for (const Fact& f : a.facts) below |= f.confidence < 0.9;
  CHECK(below);  // the reference ("it") costs confidence
  REQUIRE_FALSE(b.facts.empty());
  for (const Fact& f : b.facts) CHECK(f.confidence >= 0.9);
  CHECK(b.facts.size() < a.facts.size());
  CHECK(all.fingerprint() != sure.fingerprint());
}

TEST_CASE("kg extract --explain counts the facts each frame gave") {
  Extractor ex;
  ExtractText(ex, "Huawei, a rival of Nvidia, ships the Ascend 910B.");
  int fired = 0, lines = 0;
  for (const std::string& line : Split(ex.Explain(), '\n')) {
    if (line.find("\tframes.tsv:") == std::string::npos) continue;
    ++lines;
    if (line.find("competes_with N:rival") != std::string::npos) fired = std::stoi(line);
  }
  CHECK(lines > 50);  // every frame is listed, those that never fired too
  CHECK(fired == 1);
}

}  // namespace
}  // namespace kg
