// The query commands end to end: neighbors, entity, triples, path and match,
// their --json read back, --format tsv, names as users type them.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include "tests/test_util.h"

namespace kg {
namespace {

using test::FactLine;

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// Revision 1: documents a (2024), b (2025-04-16) and an undated one;
// revision 2: document c (2025-07-15).
struct Store2 {
  test::FakeEnv env;
  test::TempDir dir;
  std::string db = dir.Path("kg.db");

  Store2() {
    Ingest("one.jsonl",
           FactLine("a", "United States", "Country", "sanctions", "Huawei", "Company",
                    "The US sanctioned Huawei.", "2024-01-10") +
               FactLine("a", "Huawei", "Company", "develops", "Ascend 910B", "Chip",
                        "Huawei builds the Ascend 910B.", "2024-01-10") +
               FactLine("b", "Nvidia", "Company", "develops", "H20", "Chip",
                        "Nvidia makes the H20.", "2025-04-16") +
               FactLine("b", "United States", "Country", "restricts_export_of", "H20",
                        "Chip", "The US curbed H20 exports.", "2025-04-16") +
               FactLine("u", "Huawei", "Company", "competes_with", "Nvidia", "Company",
                        "Huawei rivals Nvidia."));
    Ingest("two.jsonl",
           FactLine("c", "United States", "Country", "lifts_restrictions_on", "H20",
                    "Chip", "The US let H20 sales resume.", "2025-07-15") +
               FactLine("c", "Nvidia", "Company", "sells_to", "China", "Country",
                        "Nvidia sells to China again.", "2025-07-15") +
               FactLine("c", "Nvidia", "Company", "develops", "H20", "Chip",
                        "The H20, made by Nvidia, ships.", "2025-07-15"));
  }
  void Ingest(const std::string& name, const std::string& jsonl) {
    dir.Write(name, jsonl);
    REQUIRE(Run({"ingest", "--triples", dir.Path(name)}).code == 0);
  }
  test::RunResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    return test::Kg(env, args);
  }
  // Runs with --json and parses stdout.
  rapidjson::Document Json(std::vector<std::string> args) {
    args.push_back("--json");
    auto r = Run(args);
    INFO(r.err);
    REQUIRE(r.code == 0);
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    REQUIRE_FALSE(d.HasParseError());
    return d;
  }
};

std::string Str(const rapidjson::Value& v) {
  return v.IsString() ? v.GetString() : "<null>";
}

TEST_CASE("neighbors groups by predicate with the strongest first") {
  Store2 s;
  auto d = s.Json({"neighbors", "nvidia"});
  CHECK(Str(d["entity"]["name"]) == "Nvidia");
  CHECK(d["count"].GetInt() == 3);
  const auto& groups = d["groups"];
  REQUIRE(groups.Size() == 3);
  CHECK(Str(groups[0]["predicate"]) == "develops");  // weight 2
  const auto& h20 = groups[0]["neighbors"][0];
  CHECK(Str(h20["entity"]["name"]) == "H20");
  CHECK(h20["forward"].GetBool());
  CHECK(h20["triple"]["weight"].GetInt() == 2);
  CHECK(Str(h20["triple"]["evidence"]["date"]) == "2025-07-15");

  auto out = s.Json({"neighbors", "Nvidia", "--direction", "out"});
  CHECK(out["count"].GetInt() == 2);  // competes_with is stored Huawei -> Nvidia
  auto in = s.Json({"neighbors", "Nvidia", "--direction", "in"});
  REQUIRE(in["count"].GetInt() == 1);
  CHECK(Str(in["groups"][0]["neighbors"][0]["entity"]["name"]) == "Huawei");
  CHECK_FALSE(in["groups"][0]["neighbors"][0]["forward"].GetBool());

  auto deep = s.Json({"neighbors", "Nvidia", "--depth", "2", "--predicate",
                      "develops,restricts_export_of"});
  REQUIRE(deep["count"].GetInt() == 2);
  const auto& us = deep["groups"][1]["neighbors"][0];
  CHECK(Str(us["entity"]["name"]) == "United States");
  CHECK(us["depth"].GetInt() == 2);
  CHECK(Str(us["from"]) == "H20");
  // Each row carries its path: the US restricts the H20, not Nvidia.
  REQUIRE(us["path"].Size() == 3);
  CHECK(Str(us["path"][0]) == "Nvidia");
  CHECK(Str(us["path"][1]) == "H20");
  CHECK(Str(us["path"][2]) == "United States");
  auto deep_text = s.Run({"neighbors", "Nvidia", "--depth", "2", "--predicate",
                          "develops,restricts_export_of"});
  CHECK(Contains(deep_text.out, "PATH"));
  CHECK(Contains(deep_text.out,
                 "Nvidia -develops-> H20 <-restricts_export_of- United States"));

  auto text = s.Run({"neighbors", "Nvidia"});
  CHECK(text.code == 0);
  CHECK(Contains(text.out, "Nvidia (Company): 3 neighbours within 1 hop"));
  CHECK(Contains(text.out, "PREDICATE"));
  CHECK_FALSE(Contains(text.out, "\033["));
  auto tsv = s.Run({"neighbors", "Nvidia", "--format", "tsv"});
  CHECK(Contains(tsv.out,
                 "predicate\tdir\tneighbour\ttype\tweight\tevidence\tlast_seen\n"));
  CHECK(Contains(tsv.out, "develops\t->\tH20\tChip\t2\t2\t2025-07-15\n"));
}

TEST_CASE("entity card shows type dates degree groups and a timeline") {
  Store2 s;
  auto d = s.Json({"entity", "h20"});
  CHECK(Str(d["entity"]["name"]) == "H20");
  CHECK(Str(d["entity"]["type"]) == "Chip");
  CHECK(d["aliases"].Size() == 0);
  CHECK(d["degree"].GetInt() == 3);
  CHECK(Str(d["first_seen"]) == "2025-04-16");
  CHECK(Str(d["last_seen"]) == "2025-07-15");
  CHECK(d["dates"].Size() == 2);
  const auto& groups = d["groups"];
  REQUIRE(groups.Size() == 3);
  CHECK(Str(groups[0]["predicate"]) == "develops");
  CHECK(Str(groups[0]["direction"]) == "in");
  CHECK(groups[0]["evidence"].GetInt() == 2);
  const auto& timeline = d["timeline"];
  REQUIRE(timeline.Size() == 3);
  CHECK(Str(timeline[0]["first_seen"]) == "2025-04-16");
  CHECK(Str(timeline[2]["predicate"]) == "lifts_restrictions_on");

  auto text = s.Run({"entity", "H20"});
  CHECK(text.code == 0);
  CHECK(Contains(text.out, "H20 (Chip)"));
  CHECK(Contains(text.out, "2025-04-16 to 2025-07-15"));
  CHECK(Contains(text.out, "timeline"));
  CHECK(Contains(text.out, "2025-07-15  United States --lifts_restrictions_on--> H20"));

  auto then = s.Json({"entity", "H20", "--as-of", "1"});
  CHECK(then["degree"].GetInt() == 2);
  auto before = s.Run({"entity", "H20", "--as-of", "2025-01-01"});
  CHECK(before.code == 1);
  CHECK(Contains(before.err, "unknown entity \"H20\" as of 2025-01-01"));
}

TEST_CASE("triples filter by ends predicate type weight and dates") {
  Store2 s;
  auto count = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "triples");
    return s.Json(args)["count"].GetInt();
  };
  CHECK(count({}) == 7);
  CHECK(count({"--predicate", "develops"}) == 2);
  CHECK(count({"--predicate", "develops,sells_to"}) == 3);
  CHECK(count({"--subject", "united states"}) == 3);
  CHECK(count({"--subject", "united states", "--object", "h20"}) == 2);
  CHECK(count({"--type", "Chip"}) == 4);
  CHECK(count({"--min-weight", "2"}) == 1);
  CHECK(count({"--since", "2025-01-01"}) == 4);
  CHECK(count({"--since", "2025-01-01", "--until", "2025-05-01"}) == 2);
  CHECK(count({"--as-of", "1"}) == 5);
  CHECK(count({"--as-of", "2025-05-01"}) == 5);  // articles up to then, and undated ones

  auto limited = s.Run({"triples", "--limit", "1", "--json"});
  CHECK(Contains(limited.out, "\"truncated\":true"));
  CHECK(Contains(limited.err, "--limit 0 shows all"));
  auto tsv = s.Run({"triples", "--predicate", "sells_to", "--format", "tsv"});
  CHECK(tsv.out ==
        "subject\tpredicate\tobject\tweight\tevidence\tfirst_seen\tlast_seen\n"
        "Nvidia\tsells_to\tChina\t1\t1\t2025-07-15\t2025-07-15\n");
  auto none = s.Run({"triples", "--predicate", "bans"});
  CHECK(none.out == "no triples\n");
  CHECK(s.Run({"triples", "--since", "last week"}).code == 2);
  CHECK(s.Run({"triples", "--type", "Robot"}).code == 2);
}

TEST_CASE("path json tsv and k paths") {
  Store2 s;
  auto d = s.Json({"path", "huawei", "h20"});
  CHECK(d["found"].GetBool());
  CHECK(Str(d["from"]) == "Huawei");
  REQUIRE(d["hops"].Size() == 2);
  const auto& first = d["hops"][0];
  CHECK(Str(first["subject"]) == "Huawei");
  CHECK(Str(first["predicate"]) == "competes_with");
  CHECK(Str(first["from"]) == "Huawei");
  CHECK(first["forward"].GetBool());
  CHECK(Str(d["hops"][1]["to"]) == "H20");
  CHECK(Str(d["hops"][1]["evidence"]["document"]) == "c");

  auto k = s.Json({"path", "Huawei", "H20", "-k", "3"});
  REQUIRE(k["paths"].Size() == 3);
  CHECK(k["paths"][0]["length"].GetInt() == 2);
  CHECK(k["paths"][0]["cost"].GetInt64() < k["paths"][1]["cost"].GetInt64());
  auto via = s.Json({"path", "Huawei", "H20", "--via", "sanctions"});
  REQUIRE(via["hops"].Size() == 2);
  CHECK(Str(via["hops"][0]["predicate"]) == "sanctions");
  CHECK_FALSE(via["hops"][0]["forward"].GetBool());

  auto text = s.Run({"path", "Huawei", "H20", "-k", "2"});
  CHECK(Contains(text.out, "Huawei -> H20: 2 paths"));
  CHECK(Contains(text.out, "path 2: 2 hops"));
  auto tsv = s.Run({"path", "Huawei", "H20", "--format", "tsv"});
  CHECK(Contains(tsv.out, "path\thop\tfrom\tto\tsubject\tpredicate\tobject\tforward"));
  CHECK(Contains(tsv.out,
                 "1\t1\tHuawei\tNvidia\tHuawei\tcompetes_with\tNvidia\ttrue\t1\t"));

  auto directed = s.Run({"path", "H20", "Huawei", "--directed"});
  CHECK(directed.code == 0);
  CHECK(Contains(directed.out, "no path from H20 to Huawei (within 6 hops, directed)"));
  auto none =
      s.Json({"path", "China", "Ascend 910B", "--avoid", "sanctions,competes_with"});
  CHECK_FALSE(none["found"].GetBool());
  CHECK(none["paths"].Size() == 0);
}

TEST_CASE("names resolve as users type them") {
  Store2 s;
  for (const char* name : {"nvidia", "NVIDIA", "Nvidia's", " nvidia "}) {
    auto r = s.Run({"entity", name, "--json"});
    INFO(name);
    CHECK(r.code == 0);
  }
  CHECK(s.Run({"neighbors", "the united states"}).code == 0);
  CHECK(s.Run({"path", "ascend 910b", "ASCEND-910B"}).code == 0);
  auto unknown = s.Run({"neighbors", "Nvidai"});
  CHECK(unknown.code == 1);
  CHECK(Contains(unknown.err, "unknown entity \"Nvidai\"; did you mean \"Nvidia\""));
  auto far = s.Run({"entity", "zzzzzz"});
  CHECK(far.code == 1);
  CHECK(Contains(far.err, "unknown entity \"zzzzzz\""));
}

TEST_CASE("match on the command line") {
  Store2 s;
  auto d = s.Json({"match", "?gov sanctions ?co", "?co develops ?chip:Chip"});
  CHECK(d["count"].GetInt() == 1);
  CHECK(Str(d["variables"][2]) == "chip");
  const auto& row = d["results"][0];
  CHECK(Str(row["bindings"]["gov"]) == "United States");
  CHECK(Str(row["bindings"]["chip"]) == "Ascend 910B");
  REQUIRE(row["triples"].Size() == 2);
  CHECK(Str(row["triples"][1]["evidence"]["sentence"]) ==
        "Huawei builds the Ascend 910B.");

  auto table = s.Run({"match", "?who develops H20"});
  CHECK(table.out == "?who\nNvidia\n");
  auto quoted = s.Run({"match", "\"united states\" ?p ?x", "--format", "tsv"});
  CHECK(Contains(quoted.out, "?p\t?x\nsanctions\tHuawei\n"));
  auto none = s.Run({"match", "?x bans ?y"});
  CHECK(none.out == "no matches\n");

  auto bad = s.Run({"match", "?gov sanctions ?co", "?co manufactures"});
  CHECK(bad.code == 2);
  CHECK(Contains(bad.err,
                 "pattern \"?co manufactures\": expected SUBJECT PREDICATE OBJECT"));
  auto unknown = s.Run({"match", "Nvidea develops ?x"});
  CHECK(unknown.code == 1);
  CHECK(Contains(unknown.err, "did you mean \"Nvidia\""));
  auto limited = s.Run({"match", "?a ?p ?b", "--limit", "2", "--json"});
  CHECK(Contains(limited.out, "\"count\":2,\"truncated\":true"));
}

}  // namespace
}  // namespace kg
