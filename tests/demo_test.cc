// The README's first command, as a test: the bundled corpus ingests, exports,
// and connects DeepSeek to the United States with evidence on every hop.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include "tests/test_util.h"

namespace kg {
namespace {

TEST_CASE("the demo corpus connects DeepSeek to the United States with evidence") {
  test::FakeEnv env;
  test::TempDir dir;
  std::string db = dir.Path("kg.db");
  auto ingest =
      test::Kg(env, {"--db", db, "ingest", test::SourceDir() + "/corpus/articles"});
  INFO(ingest.err);
  REQUIRE(ingest.code == 0);
  CHECK(ingest.out.find("27 new") != std::string::npos);

  auto path = test::Kg(env, {"--db", db, "path", "DeepSeek", "United States", "--json"});
  REQUIRE(path.code == 0);
  rapidjson::Document d;
  d.Parse(path.out.c_str());
  REQUIRE(d.IsObject());
  REQUIRE(d["found"].GetBool());
  const auto& hops = d["hops"];
  REQUIRE(hops.Size() >= 1);
  CHECK(hops.Size() <= 3);
  for (const auto& hop : hops.GetArray()) {
    CHECK(std::string(hop["evidence"]["sentence"].GetString()).size() > 20);
    CHECK(std::string(hop["evidence"]["document"].GetString()).find("corpus/articles/") !=
          std::string::npos);
  }
  auto out =
      test::Kg(env, {"--db", db, "export", "graphml", "-o", dir.Path("g.graphml")});
  CHECK(out.code == 0);
  auto valid = test::ValidateXml("graphml/graphml-edge-type.xsd", dir.Path("g.graphml"));
  CHECK(valid.code == 0);
  auto again =
      test::Kg(env, {"--db", db, "ingest", test::SourceDir() + "/corpus/articles"});
  CHECK(again.out.find("no changes") != std::string::npos);
}

}  // namespace
}  // namespace kg
