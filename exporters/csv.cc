// nodes.csv and edges.csv in two dialects: Gephi's spreadsheet import (Id,
// Label; Source, Target, Type = Directed, Kind = the predicate, which keeps
// two predicates between one pair two edges) and neo4j-admin database import
// (:ID, :LABEL; :START_ID, :END_ID, :TYPE). RFC 4180: CRLF line ends, a
// field quoted when it holds a comma, quote, CR or LF, quotes doubled.
// A field that a spreadsheet would run as a formula (= + - @, tab, CR first)
// gets a leading ' in both dialects: the files are as likely to be opened in
// a spreadsheet as imported.
#include <algorithm>
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

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", std::isfinite(v) ? v : 0.0);
  return buf;
}

const Column<Node> kNodeColumns[] = {
    {"Id", "id:ID", [](const Node& n) { return "n" + std::to_string(n.id); }},
    {"Label", "name", [](const Node& n) { return n.name; }},
    {"Type", ":LABEL", [](const Node& n) { return n.type; }},
    {"mentions", "mentions:int",
     [](const Node& n) { return std::to_string(n.mentions); }},
    {"degree", "degree:int", [](const Node& n) { return std::to_string(n.degree); }},
    {"first_seen", "first_seen:date", [](const Node& n) { return n.first_seen; }},
    {"last_seen", "last_seen:date", [](const Node& n) { return n.last_seen; }},
    {"aliases", "aliases", [](const Node& n) { return JoinedAliases(n); }},
    {"color", nullptr, [](const Node& n) { return HexColor(TypeColor(n.type)); }},
    {"size", nullptr, [](const Node& n) { return Number(NodeSize(n.mentions)); }},
};

const Column<Edge> kEdgeColumns[] = {
    {"Source", ":START_ID", [](const Edge& e) { return "n" + std::to_string(e.source); }},
    {"Target", ":END_ID", [](const Edge& e) { return "n" + std::to_string(e.target); }},
    {"Type", nullptr, [](const Edge&) { return std::string("Directed"); }},
    {"Kind", ":TYPE", [](const Edge& e) { return e.predicate; }},
    {"Id", "id", [](const Edge& e) { return "e" + std::to_string(e.id); }},
    {"Label", nullptr, [](const Edge& e) { return e.predicate; }},
    {"Weight", "weight:int",
     [](const Edge& e) { return std::to_string(std::max(1, e.weight)); }},
    {"predicate", "predicate", [](const Edge& e) { return e.predicate; }},
    {"confidence", "confidence:double",
     [](const Edge& e) { return Number(e.confidence); }},
    {"first_seen", "first_seen:date", [](const Edge& e) { return e.first_seen; }},
    {"last_seen", "last_seen:date", [](const Edge& e) { return e.last_seen; }},
    {"evidence_count", "evidence_count:int",
     [](const Edge& e) { return std::to_string(e.evidence_count); }},
    {"evidence", "evidence", [](const Edge& e) { return e.best.sentence; }},
    {"document", "document", [](const Edge& e) { return e.best.document; }},
};

void WriteField(std::ostream& out, std::string_view field) {
  std::string text;
  if (!field.empty() && std::string_view("=+-@\t\r").find(field[0]) != std::string::npos)
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
  Table(const Column<T> (&columns)[N], bool neo4j) {
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
      WriteField(out, values_[i](item));
    }
    out << "\r\n";
  }

 private:
  std::vector<const char*> headers_;
  std::vector<std::string (*)(const T&)> values_;
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

void WriteGephiCsv(GraphSource& graph, Files& files) { WriteCsv(graph, files, false); }
void WriteNeo4jCsv(GraphSource& graph, Files& files) { WriteCsv(graph, files, true); }

}  // namespace kg
