// nodes.csv and edges.csv in two dialects: Gephi's spreadsheet import (Id,
// Label; Source, Target, Type = Directed, Kind = the predicate, which keeps
// two predicates between one pair two edges) and neo4j-admin database import
// (:ID, :LABEL; :START_ID, :END_ID, :TYPE). RFC 4180: CRLF line ends, a
// field quoted when it holds a comma, quote, CR or LF, quotes doubled.
//
// Gephi's dialect is as likely to be opened in a spreadsheet as imported: a
// field that a spreadsheet would run as a formula (= + - @, tab, CR first)
// gets a leading '. The neo4j dialect is data for neo4j-admin, which would
// keep that quote in the property: its fields are written as they are.
// There, the relationship type is the predicate in Cypher's UPPER_SNAKE_CASE
// (sanctions -> SANCTIONS; the `predicate` property keeps it as kg writes
// it), and aliases are a string array, `aliases:string[]`, its items joined
// with neo4j-admin's default array delimiter `;` (a `;` inside an alias
// becomes `,`, since the importer has no escape for it).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "exporters/exporters.h"

namespace kg {

namespace {

template <typename T>
struct Column {
  const char* gephi;  // the header in each dialect; nullptr: not written
  const char* neo4j;
  std::string (*value)(const T&);
};

std::string Neo4jAliases(const Node& n) {
  std::string s;
  for (std::string alias : n.aliases) {
    std::replace(alias.begin(), alias.end(), ';', ',');
    if (!s.empty()) s += ';';
    s += alias;
  }
  return s;
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", std::isfinite(v) ? v : 0.0);
  return buf;
}

// "n12", "e40": an id with its prefix. (Not "n" + std::to_string(id), which
// GCC 12 warns about at -O2, a false -Wrestrict.)
std::string Prefixed(char prefix, int64_t id) {
  std::string s(1, prefix);
  s += std::to_string(id);
  return s;
}

// A date's YYYYMMDD number, for numeric range filters; "" when unknown.
std::string Ymd(const std::string& date) {
  int n = DateNumber(date);
  return n ? std::to_string(n) : "";
}

const Column<Node> kNodeColumns[] = {
    {"Id", "id:ID", [](const Node& n) { return Prefixed('n', n.id); }},
    {"Label", "name", [](const Node& n) { return n.name; }},
    {"Type", ":LABEL", [](const Node& n) { return n.type; }},
    {"mentions", "mentions:int",
     [](const Node& n) { return std::to_string(n.mentions); }},
    {"degree", "degree:int", [](const Node& n) { return std::to_string(n.degree); }},
    {"first_seen", "first_seen:date", [](const Node& n) { return n.first_seen; }},
    {"last_seen", "last_seen:date", [](const Node& n) { return n.last_seen; }},
    {"aliases", nullptr, [](const Node& n) { return JoinedAliases(n); }},
    {nullptr, "aliases:string[]", Neo4jAliases},
    {"first_seen_ymd", nullptr, [](const Node& n) { return Ymd(n.first_seen); }},
    {"last_seen_ymd", nullptr, [](const Node& n) { return Ymd(n.last_seen); }},
    {"color", nullptr, [](const Node& n) { return HexColor(TypeColor(n.type)); }},
    {"size", nullptr, [](const Node& n) { return Number(NodeSize(n.mentions)); }},
};

const Column<Edge> kEdgeColumns[] = {
    {"Source", ":START_ID", [](const Edge& e) { return Prefixed('n', e.source); }},
    {"Target", ":END_ID", [](const Edge& e) { return Prefixed('n', e.target); }},
    {"Type", nullptr, [](const Edge&) { return std::string("Directed"); }},
    {"Kind", nullptr, [](const Edge& e) { return e.predicate; }},
    {nullptr, ":TYPE", [](const Edge& e) { return Neo4jRelationshipType(e.predicate); }},
    {"Id", "id", [](const Edge& e) { return Prefixed('e', e.id); }},
    {"Label", nullptr, [](const Edge& e) { return e.predicate; }},
    {"Weight", "weight:int",
     [](const Edge& e) { return std::to_string(std::max(1, e.weight)); }},
    {"predicate", "predicate", [](const Edge& e) { return e.predicate; }},
    {"confidence", "confidence:double",
     [](const Edge& e) { return Number(e.confidence); }},
    {"first_seen", "first_seen:date", [](const Edge& e) { return e.first_seen; }},
    {"last_seen", "last_seen:date", [](const Edge& e) { return e.last_seen; }},
    {"first_seen_ymd", nullptr, [](const Edge& e) { return Ymd(e.first_seen); }},
    {"last_seen_ymd", nullptr, [](const Edge& e) { return Ymd(e.last_seen); }},
    {"evidence_count", "evidence_count:int",
     [](const Edge& e) { return std::to_string(e.evidence_count); }},
    {"evidence", "evidence", [](const Edge& e) { return e.best.sentence; }},
    {"document", "document", [](const Edge& e) { return e.best.document; }},
};

void WriteField(std::ostream& out, std::string_view field, bool spreadsheet) {
  std::string text;
  if (spreadsheet && !field.empty() &&
      std::string_view("=+-@\t\r").find(field[0]) != std::string::npos)
    text = "'";
  text += field;
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    out << text;
    return;
  }
  out << '"';
  for (char c : text) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

template <typename T>
class Table {
 public:
  template <size_t N>
  Table(const Column<T> (&columns)[N], bool neo4j) : spreadsheet_(!neo4j) {
    for (const Column<T>& c : columns)
      if (const char* header = neo4j ? c.neo4j : c.gephi) {
        headers_.push_back(header);
        values_.push_back(c.value);
      }
  }
  void WriteHeader(std::ostream& out) const {
    for (size_t i = 0; i < headers_.size(); ++i) {
      if (i) out << ',';
      out << headers_[i];
    }
    out << "\r\n";
  }
  void WriteRow(std::ostream& out, const T& item) const {
    for (size_t i = 0; i < values_.size(); ++i) {
      if (i) out << ',';
      WriteField(out, values_[i](item), spreadsheet_);
    }
    out << "\r\n";
  }

 private:
  std::vector<const char*> headers_;
  std::vector<std::string (*)(const T&)> values_;
  bool spreadsheet_;  // guard would-be formulas
};

void WriteCsv(GraphSource& graph, Files& files, bool neo4j) {
  Table<Node> nodes(kNodeColumns, neo4j);
  std::ostream& node_out = files.Open("nodes.csv");
  nodes.WriteHeader(node_out);
  graph.ForEachNode([&](const Node& n) { nodes.WriteRow(node_out, n); });

  Table<Edge> edges(kEdgeColumns, neo4j);
  std::ostream& edge_out = files.Open("edges.csv");
  edges.WriteHeader(edge_out);
  graph.ForEachEdge([&](const Edge& e) { edges.WriteRow(edge_out, e); });
}

}  // namespace

std::string Neo4jRelationshipType(std::string_view predicate) {
  std::string type;
  bool gap = false;  // a run of other characters becomes one _
  unsigned char last = 0;
  for (unsigned char c : predicate) {
    if (!std::isalnum(c)) {
      gap = true;
      continue;
    }
    // restrictsExportOf: a capital after a small letter starts a word too
    if (std::isupper(c) && (std::islower(last) || std::isdigit(last))) gap = true;
    if (gap && !type.empty()) type += '_';
    gap = false;
    type += static_cast<char>(std::toupper(c));
    last = c;
  }
  return type.empty() ? "RELATED_TO" : type;
}

void WriteGephiCsv(GraphSource& graph, Files& files) { WriteCsv(graph, files, false); }
void WriteNeo4jCsv(GraphSource& graph, Files& files) { WriteCsv(graph, files, true); }

}  // namespace kg
