// Every format against one store: schemas, independent readers (NetworkX,
// igraph, Python's csv module, RapidJSON, Graphviz), the GEXF timeline and
// versions, the dates as numbers, aliases, hostile names, and the filters
// every format shares. The JavaScript clients (Cytoscape.js, graphology) are
// tests/js_readers_test.sh.
#include "exporters/exporters.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "ingest/ingest.h"
#include "tests/test_util.h"

namespace kg {
namespace {

using test::Canonical;
using test::FactLine;
using test::XmlSafe;

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// Seven entities, six edges; Huawei is mentioned (revision 2) but has no edge.
//   e1 United States -sanctions-> Nvidia            docs a b  2025-01-27 01-28
//   e2 United States -restricts_export_of-> Nvidia  doc a     2025-01-27
//   e3 Nvidia -manufactures-> H800                  doc c     2025-03-01
//   e4 DeepSeek -trained_on-> H800                  doc d     undated
//   e5 DeepSeek -based_in-> China                   docs d e  undated 01-30
//   e6 China -restricts_export_of-> Gallium         doc e     2025-01-30
struct Fixture {
  test::FakeEnv env;
  test::TempDir dir;
  std::string db = dir.Path("kg.db");
  std::unique_ptr<Store> store;

  explicit Fixture(bool with_huawei = true) {
    store = Store::Open(db, Store::Mode::kReadWrite, env);
    store->Apply(ReadTriplesJsonl(
        FactLine("a", "United States", "Country", "sanctions", "Nvidia", "Company",
                 "US sanctions Nvidia.", "2025-01-27") +
            FactLine("a", "United States", "Country", "restricts_export_of", "Nvidia",
                     "Company", "The US restricts exports of Nvidia chips.",
                     "2025-01-27") +
            FactLine("b", "united states", "Country", "sanctions", "nvidia", "Company",
                     "Again, a day later.", "2025-01-28") +
            FactLine("c", "Nvidia", "Company", "manufactures", "H800", "Chip",
                     "Nvidia makes the H800.", "2025-03-01") +
            FactLine("d", "DeepSeek", "Company", "trained_on", "H800", "Chip",
                     "R1 was trained on H800s.") +
            FactLine("d", "DeepSeek", "Company", "based_in", "China", "Country",
                     "DeepSeek is Chinese.") +
            FactLine("e", "DeepSeek", "Company", "based_in", "China", "Country",
                     "Hangzhou's DeepSeek.", "2025-01-30") +
            FactLine("e", "China", "Country", "restricts_export_of", "Gallium",
                     "Technology", "China curbs gallium exports.", "2025-01-30"),
        "fixture.jsonl"));
    if (!with_huawei) return;
    ChangeSet cs;
    cs.kind = "test";
    DocumentInput doc;
    doc.uri = "f";
    doc.date = "2025-02-10";
    doc.hash = "f";
    doc.mentions = {{"Huawei", "Company", 2, {}, {}}};
    cs.documents.push_back(doc);
    store->Apply(cs);
  }

  std::string Export(const char* format, GraphSource& view) {
    std::string path = dir.Path(std::string("graph.") + format);
    std::ofstream out(path, std::ios::binary);
    FindExporter(format)->write(view, out);
    return path;
  }
  std::string Export(const char* format) { return Export(format, *store->View({})); }
  std::string ExportCsv(GraphSource& view, const char* dialect = "") {
    std::string folder = dir.Path(std::string("csv-") + dialect);
    StagedFiles files(folder);
    FindExporter("csv", dialect)->write_files(view, files);
    files.Commit();
    return folder;
  }
};

// What a spreadsheet cell holds: a would-be formula gets a leading quote.
std::string CsvSafe(std::string s) {
  if (!s.empty() && std::string("=+-@\t\r").find(s[0]) != std::string::npos)
    return "'" + s;
  return s;
}

test::RunResult Readback(const std::string& reader, const std::string& path) {
  return test::Shell("/usr/bin/python3 '" + test::SourceDir() + "/tests/readback.py' " +
                     reader + " '" + path + "'");
}

void CheckReadback(const std::string& reader, const std::string& path,
                   const std::string& expected) {
  auto r = Readback(reader, path);
  INFO(reader << ": " << r.out);
  REQUIRE(r.code == 0);
  CHECK(r.out == expected);
}

// Against the schema of the version the file declares (1.2draft by default).
void CheckGexfSchema(const std::string& path) {
  auto r = test::ValidateGexf(path);
  INFO(r.out);
  CHECK(r.code == 0);
}

// Runs a Python program (NetworkX, igraph and csv at hand) with `arg` as
// sys.argv[1]; what it prints.
test::RunResult Python(const std::string& program, const std::string& arg) {
  return test::Shell("/usr/bin/python3 -c '" + program + "' '" + arg + "'");
}

void CheckGraphmlSchema(const std::string& path) {
  auto r = test::ValidateXml("graphml/graphml-edge-type.xsd", path);
  INFO(r.out);
  CHECK(r.code == 0);
}

void CheckDot(const std::string& path) {
  auto r = test::Shell("dot -Tsvg '" + path + "' -o '" + path + ".svg'");
  INFO(r.out);
  CHECK(r.code == 0);
  auto svg = test::Shell("xmllint --noout '" + path + ".svg'");
  INFO(svg.out);
  CHECK(svg.code == 0);
}

// Element id -> its spells, read from the GEXF text.
std::map<std::string, std::vector<std::pair<std::string, std::string>>> Spells(
    const std::string& xml) {
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> spells;
  static const std::regex element("<(node|edge) id=\"([^\"]+)\"");
  static const std::regex spell("<spell start=\"([^\"]*)\" end=\"([^\"]*)\"/>");
  std::vector<std::pair<size_t, std::string>> starts;
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), element);
       it != std::sregex_iterator(); ++it)
    starts.emplace_back(it->position(), (*it)[2]);
  for (size_t i = 0; i < starts.size(); ++i) {
    size_t end = i + 1 < starts.size() ? starts[i + 1].first : xml.size();
    std::string body = xml.substr(starts[i].first, end - starts[i].first);
    auto& list = spells[starts[i].second];
    for (auto it = std::sregex_iterator(body.begin(), body.end(), spell);
         it != std::sregex_iterator(); ++it)
      list.emplace_back((*it)[1], (*it)[2]);
  }
  return spells;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// --- GEXF ---------------------------------------------------------------

TEST_CASE("GEXF is 1.2draft by default and NetworkX reads it as written") {
  Fixture f;
  std::string path = f.Export("gexf");
  CheckGexfSchema(path);
  std::string expected = Canonical(*f.store);
  CHECK(Contains(expected, "NODE Huawei|Company\n"));
  CHECK(Contains(expected, "EDGE United States|sanctions|Nvidia|2\n"));
  // readback.py reads the file as it is: Debian 12's NetworkX 2.8 fails on
  // 1.3 ("No <graph> element in GEXF file").
  CheckReadback("networkx-gexf", path, expected);

  std::string xml = Read(path);
  CHECK(Contains(xml,
                 "<gexf xmlns=\"http://www.gexf.net/1.2draft\" "
                 "xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" version=\"1.2\">"));
  CHECK_FALSE(Contains(xml, "gexf.net/1.3"));
  CHECK(Contains(xml, "mode=\"dynamic\""));
  CHECK(Contains(xml, "timeformat=\"date\""));
  CHECK(Contains(xml, "defaultedgetype=\"directed\""));
  CHECK(Contains(xml, "label=\"sanctions\" kind=\"sanctions\" weight=\"2\""));
  CHECK(Contains(xml, "<viz:color r=\"255\" g=\"127\" b=\"14\"/>"));
  CHECK(Contains(xml, "<viz:size value=\"10\"/>"));
  CHECK(Contains(xml, "type=\"integer\""));
  CHECK_FALSE(Contains(xml, "schemaLocation"));
}

TEST_CASE("GEXF 1.3 on request validates against its own schema") {
  Fixture f;
  std::string path = f.dir.Path("graph-1.3.gexf");
  {
    std::ofstream out(path, std::ios::binary);
    const Exporter* gexf13 = FindExporter("gexf", "1.3");
    REQUIRE(gexf13);
    gexf13->write(*f.store->View({}), out);
  }
  CheckGexfSchema(path);
  std::string xml = Read(path);
  CHECK(Contains(xml,
                 "<gexf xmlns=\"http://gexf.net/1.3\" "
                 "xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">"));
  CHECK(Contains(xml, "label=\"sanctions\" kind=\"sanctions\" weight=\"2\""));
  // The same graph as 1.2draft, but for the namespaces and the version.
  std::string draft = Read(f.Export("gexf"));
  auto unversioned = [](std::string s) {
    s = std::regex_replace(s, std::regex("http://gexf\\.net/1\\.3"), "NS");
    s = std::regex_replace(s, std::regex("http://www\\.gexf\\.net/1\\.2draft"), "NS");
    return std::regex_replace(s, std::regex("version=\"1\\.[23]\""), "version=\"V\"");
  };
  CHECK(unversioned(xml) == unversioned(draft));
}

TEST_CASE("the 1.2draft schema the tests carry rejects what it should") {
  Fixture f;
  std::string xml = Read(f.Export("gexf"));
  auto invalid = [&](const std::string& from, const std::string& to) {
    std::string bad = xml;
    bad.replace(bad.find(from), from.size(), to);
    f.dir.Write("bad.gexf", bad);
    auto r = test::ValidateGexf(f.dir.Path("bad.gexf"));
    INFO(from << " -> " << to << ": " << r.out);
    CHECK(r.code != 0);
  };
  invalid("<viz:size value", "<viz:size value=\"1\" nonsense");
  invalid("<viz:color r=", "<viz:color q=\"1\" r=");
  invalid("<spell start=", "<spell when=\"x\" start=");
  invalid("version=\"1.2\"", "version=\"1.3\"");
  invalid("type=\"integer\"", "type=\"int\"");
}

TEST_CASE("GEXF spells are sorted and disjoint and come only from dated articles") {
  Fixture f;
  std::string xml = Read(f.Export("gexf"));
  auto spells = Spells(xml);
  std::map<std::string, std::string> id;  // name or edge -> element id
  f.store->ForEachNode({},
                       [&](const Node& n) { id[n.name] = "n" + std::to_string(n.id); });
  f.store->ForEachEdge({}, [&](const Edge& e) {
    id[e.predicate + std::to_string(e.source) + ">" + std::to_string(e.target)] =
        "e" + std::to_string(e.id);
  });
  REQUIRE(spells.size() == 13);  // 7 nodes, 6 edges
  using S = std::vector<std::pair<std::string, std::string>>;
  CHECK(spells[id["United States"]] == S{{"2025-01-27", "2025-01-28"}});
  CHECK(spells[id["Nvidia"]] ==
        S{{"2025-01-27", "2025-01-28"}, {"2025-03-01", "2025-03-01"}});
  CHECK(spells[id["DeepSeek"]] == S{{"2025-01-30", "2025-01-30"}});  // d is undated
  CHECK(spells[id["Huawei"]] == S{{"2025-02-10", "2025-02-10"}});
  int undated_edges = 0;
  f.store->ForEachEdge({}, [&](const Edge& e) {
    const S& s = spells["e" + std::to_string(e.id)];
    if (e.predicate == "sanctions") CHECK(s == S{{"2025-01-27", "2025-01-28"}});
    if (e.predicate == "based_in") CHECK(s == S{{"2025-01-30", "2025-01-30"}});
    if (e.predicate == "trained_on") {
      CHECK(s.empty());  // only undated evidence: present throughout
      ++undated_edges;
    }
  });
  CHECK(undated_edges == 1);
  for (const auto& [element, list] : spells) {
    INFO(element);
    for (size_t i = 0; i < list.size(); ++i) {
      CHECK(IsIsoDate(list[i].first));
      CHECK(IsIsoDate(list[i].second));
      CHECK(list[i].first <= list[i].second);
      if (i > 0) CHECK(list[i - 1].second < list[i].first);
    }
  }
}

TEST_CASE("DateSpells merges runs of consecutive days and ignores undated input") {
  using S = std::vector<std::pair<std::string, std::string>>;
  CHECK(DateSpells({}).empty());
  CHECK(DateSpells({"", "unknown"}).empty());
  CHECK(DateSpells(
            {"2024-03-03", "2024-02-29", "2024-02-28", "", "2024-03-01", "2024-02-29"}) ==
        S{{"2024-02-28", "2024-03-01"}, {"2024-03-03", "2024-03-03"}});
  CHECK(DateSpells({"2024-12-31", "2025-01-01"}) == S{{"2024-12-31", "2025-01-01"}});
  CHECK(DateSpells({"2025-01-01", "2025-01-03"}) ==
        S{{"2025-01-01", "2025-01-01"}, {"2025-01-03", "2025-01-03"}});
}

// --- Time as attributes, aliases -------------------------------------------

TEST_CASE("DateNumber is YYYYMMDD for ISO dates and 0 otherwise") {
  CHECK(DateNumber("2025-01-27") == 20250127);
  CHECK(DateNumber("1999-12-31") == 19991231);
  CHECK(DateNumber("") == 0);
  CHECK(DateNumber("2025-1-27") == 0);
  CHECK(DateNumber("yesterday") == 0);
  CHECK(DateNumber("2025-13-01") == 0);
}

// What NetworkX reads of Nvidia (2025-01-27 to 2025-03-01), the sanctions
// edge (2025-01-27 to 01-28) and the undated trained_on edge, through `read`.
constexpr const char* kDatesProgram =
    "import sys, networkx as nx\n"
    "g = READ(sys.argv[1])\n"
    "n = next(d for _, d in g.nodes(data=True) if d[\"label\"] == \"Nvidia\")\n"
    "def show(d):\n"
    "    return \" \".join(f\"{k}={d[k]!r}\" for k in (\"first_seen\", \"last_seen\",\n"
    "        \"first_seen_ymd\", \"last_seen_ymd\") if k in d)\n"
    "print(\"node\", show(n))\n"
    "for _, _, d in sorted(g.edges(data=True), key=lambda e: e[2][\"label\"]):\n"
    "    if d[\"label\"] in (\"sanctions\", \"trained_on\"):\n"
    "        print(d[\"label\"], show(d))\n";

std::string DatesAsRead(const std::string& read, const std::string& path) {
  std::string program = std::regex_replace(kDatesProgram, std::regex("READ"), read);
  auto r = Python(program, path);
  INFO(r.out);
  CHECK(r.code == 0);
  return r.out;
}

TEST_CASE("GEXF and GraphML carry the dates as ISO text and as YYYYMMDD numbers") {
  // Gephi Lite (graphology-gexf) drops spells: a numeric range filter on
  // first_seen_ymd / last_seen_ymd is its timeline. Undated: no attribute.
  Fixture f;
  const std::string expected =
      "node first_seen='2025-01-27' last_seen='2025-03-01' "
      "first_seen_ymd=20250127 last_seen_ymd=20250301\n"
      "sanctions first_seen='2025-01-27' last_seen='2025-01-28' "
      "first_seen_ymd=20250127 last_seen_ymd=20250128\n"
      "trained_on \n";
  CHECK(DatesAsRead("nx.read_gexf", f.Export("gexf")) == expected);
  CHECK(DatesAsRead("nx.read_graphml", f.Export("graphml")) == expected);
  std::string xml = Read(f.Export("gexf"));
  CHECK(Contains(xml,
                 "<attribute id=\"first_seen_ymd\" title=\"first_seen_ymd\" "
                 "type=\"integer\"/>"));
  CHECK(Contains(Read(f.Export("graphml")),
                 "<key id=\"edge_last_seen_ymd\" for=\"edge\" "
                 "attr.name=\"last_seen_ymd\" attr.type=\"int\"/>"));
  // The spreadsheet CSV and both JSON shapes too.
  std::string nodes = Read(f.ExportCsv(*f.store->View({})) + "/nodes.csv");
  CHECK(Contains(nodes, ",2025-01-27,2025-03-01,,20250127,20250301,"));  // Nvidia
  CHECK(Contains(Read(f.Export("json")),
                 "\"first_seen\":\"2025-01-27\",\"first_seen_ymd\":20250127,"));
  CHECK(Contains(Read(f.Export("cytoscape")),
                 "\"first_seen\":\"2025-01-27\",\"first_seen_ymd\":20250127,"));
}

TEST_CASE("every format carries a node's aliases") {
  Fixture f;
  f.store->Alias("U.S.", "United States", "alias");
  f.store->Alias("USA", "United States", "alias");
  f.store->Alias("Team Green; NV", "Nvidia", "alias");
  std::vector<std::string> us;
  f.store->ForEachNode({}, [&](const Node& n) {
    if (n.name == "United States") us = n.aliases;
  });
  REQUIRE(us == std::vector<std::string>{"U.S.", "USA"});

  CHECK(Contains(Read(f.Export("gexf")),
                 "<attvalue for=\"aliases\" value=\"U.S.; USA\"/>"));
  CHECK(Contains(Read(f.Export("graphml")), "<data key=\"aliases\">U.S.; USA</data>"));
  CHECK(Contains(Read(f.ExportCsv(*f.store->View({})) + "/nodes.csv"),
                 "United States,Country,"));
  auto gephi = Python(
      "import csv,sys\n"
      "for r in csv.DictReader(open(sys.argv[1]+\"/nodes.csv\",newline=\"\")):\n"
      "    print(r[\"Label\"], \"|\", r[\"aliases\"])",
      f.ExportCsv(*f.store->View({})));
  CHECK(Contains(gephi.out, "United States | U.S.; USA\n"));
  CHECK(Contains(gephi.out, "Nvidia | Team Green; NV\n"));
  // neo4j-admin: a string array, items split on ";" (one inside an alias is a ",").
  auto neo4j = Python(
      "import csv,sys\n"
      "for r in csv.DictReader(open(sys.argv[1]+\"/nodes.csv\",newline=\"\")):\n"
      "    print(r[\"name\"], r[\"aliases:string[]\"].split(\";\"))",
      f.ExportCsv(*f.store->View({}), "neo4j"));
  CHECK(Contains(neo4j.out, "United States ['U.S.', 'USA']\n"));
  CHECK(Contains(neo4j.out, "Nvidia ['Team Green, NV']\n"));
  for (const char* format : {"json", "cytoscape"}) {
    INFO(format);
    rapidjson::Document doc;
    std::string text = Read(f.Export(format));
    doc.Parse(text.c_str(), text.size());
    REQUIRE_FALSE(doc.HasParseError());
    const auto& nodes =
        std::string(format) == "json" ? doc["nodes"] : doc["elements"]["nodes"];
    int with_aliases = 0;
    for (const auto& node : nodes.GetArray()) {
      const auto& d = std::string(format) == "json" ? node : node["data"];
      REQUIRE(d.HasMember("aliases"));
      REQUIRE(d["aliases"].IsArray());
      if (std::string(d["label"].GetString()) == "United States") {
        REQUIRE(d["aliases"].Size() == 2);
        CHECK(std::string(d["aliases"][0].GetString()) == "U.S.");
        CHECK(std::string(d["aliases"][1].GetString()) == "USA");
        ++with_aliases;
      }
    }
    CHECK(with_aliases == 1);
  }
}

// --- GraphML, CSV, JSON, DOT, Cytoscape ------------------------------------

TEST_CASE("GraphML of the fixture validates and reads back in NetworkX and igraph") {
  Fixture f;
  std::string path = f.Export("graphml");
  CheckGraphmlSchema(path);
  CheckReadback("networkx", path, Canonical(*f.store));
  CheckReadback("igraph", path, Canonical(*f.store));
}

TEST_CASE("CSV loads in Python's csv module with the store's nodes and edges") {
  Fixture f;
  std::string folder = f.ExportCsv(*f.store->View({}));
  CheckReadback("csv", folder, Canonical(*f.store));
  std::string nodes = Read(folder + "/nodes.csv"), edges = Read(folder + "/edges.csv");
  CHECK(nodes.rfind("Id,Label,Type,mentions,degree,first_seen,last_seen,aliases,"
                    "first_seen_ymd,last_seen_ymd,color,size\r\n",
                    0) == 0);
  CHECK(edges.rfind("Source,Target,Type,Kind,Id,Label,Weight,predicate,", 0) == 0);
  CHECK(Contains(edges, ",Directed,sanctions,"));
  CHECK(Contains(nodes, "\r\n"));
  CHECK_FALSE(std::filesystem::exists(folder + "/nodes.csv.tmp"));
}

TEST_CASE("CSV for neo4j-admin has ID LABEL START_ID END_ID and TYPE columns") {
  Fixture f;
  std::string folder = f.ExportCsv(*f.store->View({}), "neo4j");
  std::string nodes = Read(folder + "/nodes.csv"), edges = Read(folder + "/edges.csv");
  CHECK(nodes.rfind("id:ID,name,:LABEL,mentions:int,degree:int,first_seen:date,"
                    "last_seen:date,aliases:string[]\r\n",
                    0) == 0);
  CHECK(edges.rfind(":START_ID,:END_ID,:TYPE,id,weight:int,predicate,", 0) == 0);
  CHECK(Contains(edges, ",SANCTIONS,"));
  CHECK(Contains(edges, ",sanctions,"));  // the predicate property, as kg writes it
  // Every relationship's ends are node ids; counts match the store.
  auto r = test::Shell(
      "/usr/bin/python3 -c \"import csv,sys\n"
      "n=list(csv.DictReader(open(sys.argv[1]+'/nodes.csv',newline='')))\n"
      "e=list(csv.DictReader(open(sys.argv[1]+'/edges.csv',newline='')))\n"
      "ids={r['id:ID'] for r in n}\n"
      "assert all(r[':START_ID'] in ids and r[':END_ID'] in ids for r in e)\n"
      "print(len(n),len(e),sorted({r[':TYPE'] for r in e}))\" '" +
      folder + "'");
  INFO(r.out);
  CHECK(r.code == 0);
  CHECK(r.out ==
        "7 6 ['BASED_IN', 'MANUFACTURES', 'RESTRICTS_EXPORT_OF', 'SANCTIONS', "
        "'TRAINED_ON']\n");
}

TEST_CASE("Neo4j relationship types are the predicates in UPPER_SNAKE_CASE") {
  CHECK(Neo4jRelationshipType("sanctions") == "SANCTIONS");
  CHECK(Neo4jRelationshipType("restricts_export_of") == "RESTRICTS_EXPORT_OF");
  CHECK(Neo4jRelationshipType("restrictsExportOf") == "RESTRICTS_EXPORT_OF");
  CHECK(Neo4jRelationshipType("lifts-restrictions  on") == "LIFTS_RESTRICTIONS_ON");
  CHECK(Neo4jRelationshipType("_a2b_") == "A2B");
  CHECK(Neo4jRelationshipType("") == "RELATED_TO");
  CHECK(Neo4jRelationshipType("\xC3\xA9") == "RELATED_TO");  // no ASCII letter
}

TEST_CASE("JSON parses back with RapidJSON and NetworkX node_link_graph") {
  Fixture f;
  std::string path = f.Export("json");
  CheckReadback("networkx-json", path, Canonical(*f.store));
  rapidjson::Document doc;
  std::string text = Read(path);
  doc.Parse(text.c_str(), text.size());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(doc["directed"].GetBool());
  CHECK(doc["multigraph"].GetBool());
  REQUIRE(doc["nodes"].Size() == 7);
  REQUIRE(doc["links"].Size() == 6);
  std::set<std::string> ids;
  for (const auto& n : doc["nodes"].GetArray()) {
    ids.insert(n["id"].GetString());
    // sigma.js takes a node's "type" for the program that draws it and
    // throws on "Country": the entity type is "entity_type".
    CHECK_FALSE(n.HasMember("type"));
    REQUIRE(n.HasMember("entity_type"));
    CHECK(IsEntityType(n["entity_type"].GetString()));
    CHECK(n["aliases"].IsArray());
  }
  int undated = 0;
  for (const auto& l : doc["links"].GetArray()) {
    CHECK(ids.count(l["source"].GetString()));
    CHECK(ids.count(l["target"].GetString()));
    CHECK(l["weight"].GetInt() >= 1);
    if (l["first_seen"].IsNull()) ++undated;
  }
  CHECK(undated == 1);  // trained_on
}

TEST_CASE("Cytoscape JSON has elements with data on every node and edge") {
  Fixture f;
  std::string path = f.Export("cytoscape");
  rapidjson::Document doc;
  std::string text = Read(path);
  doc.Parse(text.c_str(), text.size());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(std::string(doc["format_version"].GetString()) == "1.0");
  const auto& nodes = doc["elements"]["nodes"];
  const auto& edges = doc["elements"]["edges"];
  REQUIRE(nodes.Size() == 7);
  REQUIRE(edges.Size() == 6);
  std::map<std::string, std::string> name;  // id -> name
  for (const auto& n : nodes.GetArray()) {
    const auto& d = n["data"];
    name[d["id"].GetString()] = d["name"].GetString();
    CHECK(std::string(d["label"].GetString()) == d["name"].GetString());
    CHECK(IsEntityType(d["entity_type"].GetString()));
    CHECK_FALSE(d.HasMember("type"));
    CHECK(d["aliases"].IsArray());
    CHECK(d["mentions"].GetInt() >= 1);
    CHECK(d["dates"].IsArray());
  }
  std::set<std::string> lines;
  int undated = 0;
  for (const auto& e : edges.GetArray()) {
    const auto& d = e["data"];
    REQUIRE(name.count(d["source"].GetString()));
    REQUIRE(name.count(d["target"].GetString()));
    CHECK(std::string(d["interaction"].GetString()) == d["predicate"].GetString());
    CHECK(d["evidence_count"].GetInt() >= 1);
    CHECK(d["evidence"].IsString());
    CHECK(d["document"].IsString());
    if (!d.HasMember("first_seen")) {  // unknown dates are left out, never null
      CHECK_FALSE(d.HasMember("first_seen_ymd"));
      ++undated;
    }
    lines.insert(name[d["source"].GetString()] + "|" + d["predicate"].GetString() + "|" +
                 name[d["target"].GetString()] + "|" +
                 std::to_string(d["weight"].GetInt()));
  }
  CHECK(undated == 1);  // trained_on
  CHECK(lines.count("United States|sanctions|Nvidia|2"));
  CHECK(lines.count("United States|restricts_export_of|Nvidia|1"));
  CHECK(lines.size() == 6);
}

TEST_CASE("DOT passes dot -Tsvg with colours and predicate labels") {
  Fixture f;
  std::string path = f.Export("dot");
  CheckDot(path);
  std::string dot = Read(path);
  CHECK(Contains(dot, "label=\"Nvidia\", fillcolor=\"#ff7f0e\""));
  CHECK(Contains(dot, "[label=\"restricts_export_of\""));
}

TEST_CASE("DOT has a legend of the colours of the types it shows") {
  Fixture f;
  std::string path = f.Export("dot");
  CheckDot(path);
  std::string dot = Read(path);
  CHECK(Contains(dot, "subgraph cluster_legend {"));
  CHECK(Contains(dot, "label=\"entity types\""));
  std::regex entry("legend\\d+ \\[label=\"([A-Za-z]+)\", fillcolor=\"(#[0-9a-f]{6})\"");
  std::vector<std::string> legend;
  for (auto it = std::sregex_iterator(dot.begin(), dot.end(), entry);
       it != std::sregex_iterator(); ++it) {
    legend.push_back((*it)[1]);
    CHECK((*it)[2] == HexColor(TypeColor((*it)[1].str())));
  }
  // The fixture's types, in the order of EntityTypes().
  std::vector<std::string> expected;
  for (const std::string& t : EntityTypes())
    if (t == "Country" || t == "Company" || t == "Chip" || t == "Technology")
      expected.push_back(t);
  CHECK(legend == expected);
  // The SVG shows it.
  CHECK(Contains(Read(path + ".svg"), ">entity types</text>"));

  ExportFilter chips;
  chips.types = {"Chip"};
  std::string only = Read(f.Export("dot", *Filtered(*f.store, {}, chips)));
  CHECK(Contains(only, "legend0 [label=\"Chip\""));
  CHECK_FALSE(Contains(only, "legend1 "));
  // An empty graph has no legend.
  ExportFilter none;
  none.min_weight = 99;
  CHECK_FALSE(Contains(Read(f.Export("dot", *Filtered(*f.store, {}, none))), "legend"));
}

TEST_CASE("two predicates between one pair stay two edges in every format") {
  Fixture f;
  std::string gexf = Read(f.Export("gexf"));
  CHECK(Contains(gexf, "kind=\"sanctions\""));
  CHECK(Contains(gexf, "kind=\"restricts_export_of\""));
  std::string graphml = Read(f.Export("graphml"));
  CHECK(Contains(graphml, "et:label=\"sanctions\""));
  CHECK(Contains(graphml, "et:label=\"restricts_export_of\""));
  std::string csv = Read(f.ExportCsv(*f.store->View({})) + "/edges.csv");
  CHECK(Contains(csv, ",Directed,sanctions,"));
  CHECK(Contains(csv, ",Directed,restricts_export_of,"));
  std::string dot = Read(f.Export("dot"));
  std::regex pair("(n\\d+) -> (n\\d+) \\[label=\"(sanctions|restricts_export_of)\"");
  std::map<std::string, int> per_pair;
  for (auto it = std::sregex_iterator(dot.begin(), dot.end(), pair);
       it != std::sregex_iterator(); ++it)
    ++per_pair[(*it)[1].str() + (*it)[2].str()];
  CHECK(std::count_if(per_pair.begin(), per_pair.end(),
                      [](const auto& p) { return p.second == 2; }) == 1);
  // JSON and GEXF keep both through NetworkX's multigraphs.
  std::string json = f.Export("json");
  for (const auto& [reader, path] :
       {std::pair{"networkx-json", json}, {"networkx-gexf", f.Export("gexf")}}) {
    auto r = Readback(reader, path);
    INFO(reader << ": " << r.out);
    CHECK(Contains(r.out, "EDGE United States|sanctions|Nvidia|2\n"));
    CHECK(Contains(r.out, "EDGE United States|restricts_export_of|Nvidia|1\n"));
  }
}

TEST_CASE("hostile names survive every format") {
  test::FakeEnv env;
  test::TempDir dir;
  auto store = Store::Open(dir.Path("kg.db"), Store::Mode::kReadWrite, env);
  std::vector<std::string> names = {"Quote \"Inc\" 'Ltd'",
                                    "<script>&amp;",
                                    "Ctrl\x01\x1f"
                                    "Co",
                                    "Emoji \xF0\x9F\x9A\x80 Labs",
                                    "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D Corp",
                                    "'); DROP TABLE entities; --",
                                    "=HYPERLINK(\"x\")",
                                    "-1+2 Back\\slash, comma",
                                    "@at Tab\there",
                                    std::string(10240, 'L')};
  std::string jsonl;
  for (size_t i = 0; i < names.size(); ++i)
    jsonl += FactLine("d" + std::to_string(i), names[i], "Company", "competes_with",
                      "Anchor " + std::to_string(i), "Company",
                      "evidence with <tags> & \"quotes\", " + names[i],
                      "2025-01-0" + std::to_string(1 + i % 9));
  store->Apply(ReadTriplesJsonl(jsonl, "hostile.jsonl"));
  REQUIRE(store->GetStats({}).entities == static_cast<int64_t>(2 * names.size()));
  auto write = [&](const char* format) {
    std::string path = dir.Path(std::string("h.") + format);
    std::ofstream out(path, std::ios::binary);
    FindExporter(format)->write(*store->View({}), out);
    return path;
  };

  SECTION("GraphML") {
    std::string path = write("graphml");
    CheckGraphmlSchema(path);
    CheckReadback("networkx", path, Canonical(*store, XmlSafe));
  }
  SECTION("GEXF") {
    std::string path = write("gexf");
    CheckGexfSchema(path);
    CheckReadback("networkx-gexf", path, Canonical(*store, XmlSafe));
  }
  SECTION("JSON") {
    std::string path = write("json");
    CheckReadback("networkx-json", path, Canonical(*store));
    rapidjson::Document doc;
    std::string text = Read(path);
    doc.Parse(text.c_str(), text.size());
    REQUIRE_FALSE(doc.HasParseError());
    std::set<std::string> labels;
    for (const auto& n : doc["nodes"].GetArray())
      labels.emplace(n["label"].GetString(), n["label"].GetStringLength());
    for (const std::string& name : names) CHECK(labels.count(name));
  }
  SECTION("CSV") {
    std::string folder = dir.Path("csv");
    {
      StagedFiles files(folder);
      FindExporter("csv")->write_files(*store->View({}), files);
      files.Commit();
    }
    CheckReadback("csv", folder, Canonical(*store, CsvSafe));
    CHECK(Contains(Read(folder + "/nodes.csv"), ",\"'=HYPERLINK(\"\"x\"\")\","));
  }
  SECTION("CSV for neo4j-admin: names as they are, no spreadsheet quote") {
    std::string folder = dir.Path("neo4j");
    {
      StagedFiles files(folder);
      FindExporter("csv", "neo4j")->write_files(*store->View({}), files);
      files.Commit();
    }
    std::string nodes = Read(folder + "/nodes.csv");
    CHECK(Contains(nodes, ",\"=HYPERLINK(\"\"x\"\")\","));
    CHECK_FALSE(Contains(nodes, "'=HYPERLINK"));
    CHECK_FALSE(Contains(nodes, "'-1+2"));
    CHECK_FALSE(Contains(nodes, "'@at"));
    auto r = Python(
        "import csv,sys\n"
        "csv.field_size_limit(1 << 30)\n"
        "n=list(csv.DictReader(open(sys.argv[1]+\"/nodes.csv\",encoding=\"utf-8\","
        "newline=\"\")))\n"
        "sys.stdout.write(\"\".join(sorted(r[\"name\"]+\"\\0\" for r in n)))",
        folder);
    REQUIRE(r.code == 0);
    std::vector<std::string> expected;
    store->ForEachNode({}, [&](const Node& n) { expected.push_back(n.name + '\0'); });
    std::sort(expected.begin(), expected.end());
    std::string joined;
    for (const std::string& e : expected) joined += e;
    CHECK(r.out == joined);
  }
  SECTION("DOT") {
    std::string path = write("dot");
    CheckDot(path);
    std::string dot = Read(path);
    CHECK(Contains(dot, "label=\"Quote \\\"Inc\\\" 'Ltd'\""));
    CHECK(Contains(dot, "label=\"<script>&amp;amp;\""));
    CHECK(Contains(dot, "label=\"-1+2 Back\\\\slash, comma\""));
    CHECK(Contains(dot,
                   "label=\"Ctrl\xEF\xBF\xBD\xEF\xBF\xBD"
                   "Co\""));
  }
}

// --- Filters ------------------------------------------------------------------

struct Picked {
  std::set<std::string> nodes;  // names
  std::set<std::string> edges;  // "source predicate target"
  std::map<std::string, int> degree;
};

Picked Pick(Fixture& f, const ExportFilter& filter, GraphFilter graph = {}) {
  auto view = Filtered(*f.store, graph, filter);
  Picked p;
  std::map<int64_t, std::string> name;
  f.store->ForEachNode(graph, [&](const Node& n) { name[n.id] = n.name; });
  view->ForEachNode([&](const Node& n) {
    p.nodes.insert(n.name);
    p.degree[n.name] = n.degree;
  });
  view->ForEachEdge([&](const Edge& e) {
    p.edges.insert(name[e.source] + " " + e.predicate + " " + name[e.target]);
  });
  return p;
}

using Names = std::set<std::string>;

TEST_CASE("no filter is the whole graph with isolated entities") {
  Fixture f;
  Picked p = Pick(f, {});
  CHECK(p.nodes.size() == 7);
  CHECK(p.edges.size() == 6);
  CHECK(p.degree["Nvidia"] == 3);
  CHECK(p.degree["Huawei"] == 0);
}

TEST_CASE(
    "the types filter keeps entities of those types and edges with both ends kept") {
  Fixture f;
  ExportFilter filter;
  filter.types = {"Company", " Chip"};
  Picked p = Pick(f, filter);
  CHECK(p.nodes == Names{"DeepSeek", "H800", "Huawei", "Nvidia"});  // Huawei: isolated
  CHECK(p.edges == Names{"Nvidia manufactures H800", "DeepSeek trained_on H800"});
  CHECK(p.degree["Nvidia"] == 1);  // degrees count what stays
  filter.types = {"Robot"};
  try {
    Pick(f, filter);
    FAIL("an unknown type should throw");
  } catch (const Error& e) {
    CHECK(e.kind() == Error::Kind::kUsage);
    CHECK(Contains(e.what(), "unknown type 'Robot'"));
  }
}

TEST_CASE("the predicates filter keeps those edges and drops entities left isolated") {
  Fixture f;
  ExportFilter filter;
  filter.predicates = {"restricts_export_of"};
  Picked p = Pick(f, filter);
  CHECK(p.edges == Names{"United States restricts_export_of Nvidia",
                         "China restricts_export_of Gallium"});
  CHECK(p.nodes == Names{"China", "Gallium", "Nvidia", "United States"});
  CHECK(p.degree["Nvidia"] == 1);
}

TEST_CASE("the min-weight filter keeps edges with that many supporting documents") {
  Fixture f;
  ExportFilter filter;
  filter.min_weight = 2;
  Picked p = Pick(f, filter);
  CHECK(p.edges == Names{"United States sanctions Nvidia", "DeepSeek based_in China"});
  CHECK(p.nodes == Names{"China", "DeepSeek", "Nvidia", "United States"});
  filter.min_weight = 3;
  CHECK(Pick(f, filter).nodes.empty());
}

TEST_CASE("the around filter keeps the neighbourhood within hops both ways") {
  Fixture f;
  ExportFilter filter;
  filter.around = "nvidia";  // as users type it
  Picked one = Pick(f, filter);
  CHECK(one.nodes == Names{"H800", "Nvidia", "United States"});
  CHECK(one.edges == Names{"United States sanctions Nvidia",
                           "United States restricts_export_of Nvidia",
                           "Nvidia manufactures H800"});
  filter.hops = 2;
  Picked two = Pick(f, filter);
  CHECK(two.nodes == Names{"DeepSeek", "H800", "Nvidia", "United States"});
  CHECK(two.edges.size() == 4);
  filter.hops = 0;
  CHECK(Pick(f, filter).nodes == Names{"Nvidia"});
  filter.around = "Huawei";  // no edges: the entity alone
  filter.hops = 3;
  Picked alone = Pick(f, filter);
  CHECK(alone.nodes == Names{"Huawei"});
  CHECK(alone.edges.empty());
  // Filters compose: the neighbourhood is walked along the edges that passed.
  filter.around = "Nvidia";
  filter.types = {"Company", "Chip"};
  Picked typed = Pick(f, filter);
  CHECK(typed.nodes == Names{"DeepSeek", "H800", "Nvidia"});
  CHECK(typed.edges == Names{"Nvidia manufactures H800", "DeepSeek trained_on H800"});
  filter.types = {"Country"};
  CHECK_THROWS_WITH(Pick(f, filter), Catch::Contains("(Company) is left out by --types"));
  filter.types.clear();
  filter.around = "Nvidai";
  CHECK_THROWS_WITH(Pick(f, filter), Catch::Contains("did you mean \"Nvidia\""));
}

TEST_CASE("filters apply to the graph as it stood at an as-of revision") {
  Fixture f;
  GraphFilter first;
  first.as_of_revision = 1;  // before Huawei
  CHECK(Pick(f, {}, first).nodes.size() == 6);
  ExportFilter filter;
  filter.types = {"Company"};
  CHECK(Pick(f, filter, first).nodes == Names{"DeepSeek", "Nvidia"});
  CHECK(Pick(f, filter).nodes == Names{"DeepSeek", "Huawei", "Nvidia"});
}

TEST_CASE("the bundled corpus reads back in NetworkX as GEXF and igraph as GraphML") {
  // End to end, as a user runs it: kg ingest, kg export, the readers as they
  // are installed, on the files as written.
  test::FakeEnv env;
  test::TempDir dir;
  std::string db = dir.Path("kg.db");
  auto ingest =
      test::Kg(env, {"--db", db, "ingest", test::SourceDir() + "/corpus/articles"});
  INFO(ingest.err);
  REQUIRE(ingest.code == 0);
  std::string gexf = dir.Path("corpus.gexf"), graphml = dir.Path("corpus.graphml");
  REQUIRE(test::Kg(env, {"--db", db, "export", "gexf", "-o", gexf}).code == 0);
  REQUIRE(test::Kg(env, {"--db", db, "export", "graphml", "-o", graphml}).code == 0);
  std::string expected;
  {
    auto store = Store::Open(db, Store::Mode::kReadOnly, env);
    expected = Canonical(*store);
  }
  CHECK(std::count(expected.begin(), expected.end(), '\n') > 300);
  CheckGexfSchema(gexf);
  CheckGraphmlSchema(graphml);
  CheckReadback("networkx-gexf", gexf, expected);
  CheckReadback("igraph", graphml, expected);
}

TEST_CASE("a filtered export still validates and reads back") {
  Fixture f;
  ExportFilter filter;
  filter.around = "China";
  auto view = Filtered(*f.store, {}, filter);
  std::string gexf = f.Export("gexf", *view);
  CheckGexfSchema(gexf);
  auto r = Readback("networkx-gexf", gexf);
  REQUIRE(r.code == 0);
  CHECK(r.out ==
        "EDGE China|restricts_export_of|Gallium|1\n"
        "EDGE DeepSeek|based_in|China|2\n"
        "NODE China|Country\nNODE DeepSeek|Company\nNODE Gallium|Technology\n");
  std::string graphml = f.Export("graphml", *Filtered(*f.store, {}, filter));
  CheckGraphmlSchema(graphml);
  CHECK(Contains(Read(graphml), "<data key=\"degree\">2</data>"));  // China
}

TEST_CASE("the connected filter drops entities without edges in every format") {
  Fixture f;
  ExportFilter filter;
  filter.connected = true;
  CHECK_FALSE(filter.Empty());
  Picked p = Pick(f, filter);
  CHECK(p.nodes ==
        Names{"China", "DeepSeek", "Gallium", "H800", "Nvidia", "United States"});
  CHECK(p.edges.size() == 6);
  CHECK(p.degree["Nvidia"] == 3);
  filter.types = {"Company"};  // no edge between two companies
  CHECK(Pick(f, filter).nodes.empty());
  filter.types = {"Company", "Chip"};
  CHECK(Pick(f, filter).nodes == Names{"DeepSeek", "H800", "Nvidia"});
  filter.types.clear();
  filter.around = "Huawei";  // with --connected, not even the centre alone
  CHECK(Pick(f, filter).nodes.empty());
  filter.around = "Nvidia";
  CHECK(Pick(f, filter).nodes == Names{"H800", "Nvidia", "United States"});
  filter.around.clear();
  for (const char* format : {"graphml", "gexf", "json", "dot", "cytoscape"}) {
    INFO(format);
    std::string text = Read(f.Export(format, *Filtered(*f.store, {}, filter)));
    CHECK_FALSE(Contains(text, "Huawei"));
    CHECK(Contains(text, "Gallium"));
  }
}

// --- The command line -------------------------------------------------------

TEST_CASE("kg export writes every format and csv needs a folder") {
  Fixture f;
  auto kg = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", f.db});
    return test::Kg(f.env, args);
  };
  for (const char* format : {"graphml", "gexf", "json", "dot", "cytoscape"}) {
    auto r = kg({"export", format});
    INFO(format << ": " << r.err);
    CHECK(r.code == 0);
    CHECK(Contains(r.out, "Nvidia"));
  }
  CHECK(
      Contains(kg({"export", "cytoscape"}).out, "\"elements\":{\"nodes\":[{\"data\":{"));
  auto v12 = kg({"export", "gexf", "--gexf-version", "1.2draft"});
  CHECK(v12.code == 0);
  CHECK(Contains(v12.out, "xmlns=\"http://www.gexf.net/1.2draft\""));
  CHECK(v12.out == kg({"export", "gexf"}).out);
  auto v13 = kg({"export", "gexf", "--gexf-version", "1.3"});
  CHECK(v13.code == 0);
  CHECK(Contains(v13.out, "xmlns=\"http://gexf.net/1.3\""));
  CHECK(kg({"export", "gexf", "--gexf-version", "1.4"}).code == 2);
  auto not_gexf = kg({"export", "json", "--gexf-version", "1.3"});
  CHECK(not_gexf.code == 2);
  CHECK(Contains(not_gexf.err, "--gexf-version applies to gexf only"));
  auto names = kg({"export", "svgz"});
  CHECK(Contains(names.err, "cytoscape"));
  auto no_dir = kg({"export", "csv"});
  CHECK(no_dir.code == 2);
  CHECK(Contains(no_dir.err, "give -o DIR"));
  std::string folder = f.dir.Path("out/csv");
  auto csv = kg({"export", "csv", "-o", folder});
  INFO(csv.err);
  CHECK(csv.code == 0);
  CHECK(Contains(csv.err, "nodes.csv"));
  CHECK(std::filesystem::exists(folder + "/edges.csv"));
  CHECK(kg({"export", "csv", "--neo4j", "-o", folder}).code == 0);
  CHECK(Read(folder + "/nodes.csv").rfind("id:ID,", 0) == 0);
  CHECK(kg({"export", "graphml", "--neo4j"}).code == 2);
  CHECK(kg({"export", "svgz"}).code == 2);

  std::string file = f.dir.Path("g.gexf");
  CHECK(kg({"export", "gexf", "-o", file}).code == 0);
  CheckGexfSchema(file);
  CHECK_FALSE(std::filesystem::exists(file + ".tmp"));
}

TEST_CASE("kg export takes the filters on the command line") {
  Fixture f;
  auto kg = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", f.db});
    return test::Kg(f.env, args);
  };
  auto around = kg({"export", "json", "--around", "deepseek", "--hops", "1",
                    "--predicates", "based_in,trained_on"});
  INFO(around.err);
  REQUIRE(around.code == 0);
  rapidjson::Document doc;
  doc.Parse(around.out.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(doc["nodes"].Size() == 3);
  CHECK(doc["links"].Size() == 2);

  auto typed = kg({"export", "dot", "--types", "Company,Chip", "--min-weight", "1"});
  CHECK(typed.code == 0);
  CHECK_FALSE(Contains(typed.out, "Huawei"));  // isolated, dropped by --min-weight
  CHECK(Contains(typed.out, "H800"));
  CHECK_FALSE(Contains(typed.out, "China"));

  auto whole = kg({"export", "dot"});
  CHECK(Contains(whole.out, "Huawei"));
  auto connected = kg({"export", "dot", "--connected"});
  INFO(connected.err);
  CHECK(connected.code == 0);
  CHECK_FALSE(Contains(connected.out, "Huawei"));
  CHECK(Contains(connected.out, "Gallium"));
  CHECK(Contains(connected.out, "cluster_legend"));

  CHECK(kg({"export", "gexf", "--types", "Robot"}).code == 2);
  CHECK(kg({"export", "gexf", "--hops", "2"}).code == 2);  // needs --around
  CHECK(kg({"export", "gexf", "--min-weight", "-1"}).code == 2);
  auto unknown = kg({"export", "gexf", "--around", "Nvidai"});
  CHECK(unknown.code == 1);
  CHECK(Contains(unknown.err, "did you mean"));
  auto as_of = kg({"export", "json", "--as-of", "1"});
  CHECK(as_of.code == 0);
  CHECK_FALSE(Contains(as_of.out, "Huawei"));
}

}  // namespace
}  // namespace kg
