// GraphML against its schema and two independent readers (NetworkX, igraph).
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>

#include "exporters/exporters.h"
#include "ingest/ingest.h"
#include "tests/test_util.h"

namespace kg {
namespace {

using test::Canonical;
using test::FactLine;
using test::XmlSafe;

void CheckReaders(Store& store, const std::string& file, const std::string& expected) {
  auto valid = test::ValidateXml("graphml/graphml-edge-type.xsd", file);
  INFO(valid.out);
  CHECK(valid.code == 0);
  for (const char* reader : {"networkx", "igraph"}) {
    auto r = test::Shell("/usr/bin/python3 '" + test::SourceDir() +
                         "/tests/readback.py' " + reader + " '" + file + "'");
    INFO(reader << ": " << r.out);
    REQUIRE(r.code == 0);
    CHECK(r.out == expected);
  }
  (void)store;
}

TEST_CASE("GraphML validates and reads back the same in NetworkX and igraph") {
  test::FakeEnv env;
  test::TempDir dir;
  auto store = Store::Open(dir.Path("kg.db"), Store::Mode::kReadWrite, env);
  store->Apply(ReadTriplesJsonl(
      FactLine("a", "United States", "Country", "sanctions", "Nvidia", "Company",
               "US sanctions Nvidia.", "2025-01-27") +
          FactLine("a", "United States", "Country", "restricts_export_of", "Nvidia",
                   "Company", "Two predicates, one pair.") +
          FactLine("b", "united states", "Country", "sanctions", "nvidia", "Company",
                   "Again, elsewhere.", "2024-12-02") +
          FactLine("b", "DeepSeek", "Company", "trained_on", "H800", "Chip", "R1 ..."),
      "g.jsonl"));
  {
    std::ofstream out(dir.Path("g.graphml"));
    FindExporter("graphml")->write(*store->View({}), out);
  }
  std::string expected = Canonical(*store);
  CHECK(expected.find("EDGE United States|sanctions|Nvidia|2") != std::string::npos);
  CHECK(expected.find("EDGE United States|restricts_export_of|Nvidia|1") !=
        std::string::npos);
  CheckReaders(*store, dir.Path("g.graphml"), expected);

  std::string xml = env.ReadFile(dir.Path("g.graphml"));
  CHECK(xml.find("et:label=\"sanctions\"") != std::string::npos);
  CHECK(xml.find("xmlns:et=\"urn:graphml-ext:edge-type\"") != std::string::npos);
  CHECK(xml.find("<key id=\"weight\" for=\"edge\" attr.name=\"weight\"") !=
        std::string::npos);
  CHECK(xml.find("edgedefault=\"directed\"") != std::string::npos);
}

TEST_CASE("hostile names survive GraphML: quotes markup controls emoji RTL 10 KB") {
  test::FakeEnv env;
  test::TempDir dir;
  auto store = Store::Open(dir.Path("kg.db"), Store::Mode::kReadWrite, env);
  std::vector<std::string> names = {"Quote \"Inc\" 'Ltd'",
                                    "<script>&amp;",
                                    std::string("Ctrl\x01\x1f") + "Co",
                                    "Emoji \xF0\x9F\x9A\x80 Labs",
                                    "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D Corp",
                                    "'); DROP TABLE entities; --",
                                    "=HYPERLINK(\"x\")",
                                    std::string(10240, 'L')};
  std::string jsonl;
  for (size_t i = 0; i < names.size(); ++i)
    jsonl += FactLine("d" + std::to_string(i), names[i], "Company", "competes_with",
                      "Anchor " + std::to_string(i), "Company",
                      "evidence with <tags> & " + names[i]);
  store->Apply(ReadTriplesJsonl(jsonl, "hostile.jsonl"));
  CHECK(store->GetStats({}).entities == static_cast<int64_t>(2 * names.size()));
  {
    std::ofstream out(dir.Path("h.graphml"));
    FindExporter("graphml")->write(*store->View({}), out);
  }
  CheckReaders(*store, dir.Path("h.graphml"), XmlSafe(Canonical(*store)));
}

}  // namespace
}  // namespace kg
