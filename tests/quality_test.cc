// The corpus gold as a regression test: extraction quality may only rise.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>

#include "tests/test_util.h"

namespace kg {
namespace {

double Field(const std::string& text, const std::string& line_start,
             const std::string& key) {
  std::regex re(line_start + R"([^\n]*\b)" + key + R"(=([0-9.]+))");
  std::smatch m;
  if (!std::regex_search(text, m, re)) return -1;
  return std::stod(m[1]);
}

TEST_CASE("extraction quality on the gold sets stays above its floors") {
  test::FakeEnv env;
  test::TempDir dir;
  std::string floors = env.ReadFile(test::SourceDir() + "/tests/data/quality_floor.tsv");
  // The scorer and three of the sets live in ../shared, beside a checkout of
  // the project's own machines, not in a clone made elsewhere.
  std::string scorer = test::SharedDir() + "/eval/score.py";
  if (!std::filesystem::exists(scorer)) {
    WARN("SKIP: no " << scorer << " (../shared is not beside this checkout)");
    SUCCEED("skipped");  // a skip is no failure (ctest runs with --warn NoAssertions)
    return;
  }
  int sets = 0;
  for (const std::string& line : Split(floors, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    auto cols = Split(line, '\t');
    REQUIRE((cols.size() == 5 || cols.size() == 6));
    std::string gold = test::SourceDir() + "/" + cols[0];
    std::string docs = test::SourceDir() + "/" + cols[1];
    std::string pred = dir.Path("pred-" + std::to_string(sets) + ".jsonl");
    auto run = test::Shell(std::string(KG_BINARY) + " extract --entities '" + docs +
                           "' > '" + pred + "'");
    REQUIRE(run.code == 0);
    std::string only = cols.size() == 6 ? " --only " + cols[5] : "";
    auto score = test::Shell("/usr/bin/python3 '" + test::SharedDir() +
                             "/eval/score.py' '" + gold + "' '" + pred + "'" + only);
    INFO(cols[0] << "\n" << score.out);
    REQUIRE(score.code == 0);
    double f1 = Field(score.out, "triples:", "F1");
    double precision = Field(score.out, "triples:", "P");
    double entity_f1 = Field(score.out, "entities:", "F1");
    CHECK(f1 >= std::stod(cols[2]));
    CHECK(precision >= std::stod(cols[3]));
    if (std::stod(cols[4]) > 0) CHECK(entity_f1 >= std::stod(cols[4]));
    ++sets;
  }
  CHECK(sets == 4);
}

}  // namespace
}  // namespace kg
