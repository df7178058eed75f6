// GraphML for Gephi, NetworkX and igraph (../shared/spec/gephi.md): keys with
// for= and attr.type on each; the predicate both as the edge's `label` data
// and as Gephi's edge type, the et:label attribute, so that two predicates
// between one pair stay two edges in Gephi. Dates as ISO text and, for numeric
// range filters (Gephi Lite has no timeline), as YYYYMMDD integers.
#include <algorithm>
#include <cstdio>

#include "exporters/exporters.h"
#include "exporters/xml.h"

namespace kg {

namespace {

struct Key {
  const char* id;
  const char* for_what;
  const char* name;
  const char* type;
};

// Gephi matches its special columns on the key id, then on attr.name; node
// and edge keys named "label" therefore need distinct ids.
const Key kKeys[] = {
    {"label", "node", "label", "string"},
    {"type", "node", "type", "string"},
    {"mentions", "node", "mentions", "int"},
    {"degree", "node", "degree", "int"},
    {"first_seen", "node", "first_seen", "string"},
    {"last_seen", "node", "last_seen", "string"},
    {"first_seen_ymd", "node", "first_seen_ymd", "int"},
    {"last_seen_ymd", "node", "last_seen_ymd", "int"},
    {"aliases", "node", "aliases", "string"},
    {"r", "node", "r", "int"},
    {"g", "node", "g", "int"},
    {"b", "node", "b", "int"},
    {"size", "node", "size", "double"},
    {"edge_label", "edge", "label", "string"},
    {"predicate", "edge", "predicate", "string"},
    {"weight", "edge", "weight", "double"},
    {"confidence", "edge", "confidence", "double"},
    {"edge_first_seen", "edge", "first_seen", "string"},
    {"edge_last_seen", "edge", "last_seen", "string"},
    {"edge_first_seen_ymd", "edge", "first_seen_ymd", "int"},
    {"edge_last_seen_ymd", "edge", "last_seen_ymd", "int"},
    {"evidence_count", "edge", "evidence_count", "int"},
    {"evidence", "edge", "evidence", "string"},
    {"document", "edge", "document", "string"},
};

void Data(XmlOut& out, const char* key, std::string_view value) {
  if (value.empty()) return;  // absent, not empty: unknown dates stay unknown
  out << "      <data key=\"" << key << "\">";
  WriteXmlEscaped(out, value);
  out << "</data>\n";
}

// A date's YYYYMMDD number (a numeric range filter takes it); absent when the
// date is unknown.
void DayData(XmlOut& out, const char* key, const std::string& date) {
  if (int day = DateNumber(date))
    out << "      <data key=\"" << key << "\">" << day << "</data>\n";
}

void Data(XmlOut& out, const char* key, double value) {
  out << "      <data key=\"" << key << "\">";
  WriteXmlNumber(out, value);
  out << "</data>\n";
}

}  // namespace

void WriteGraphml(GraphSource& graph, std::ostream& os) {
  XmlOut out(os);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "         xmlns:et=\"urn:graphml-ext:edge-type\">\n";
  for (const Key& k : kKeys)
    out << "  <key id=\"" << k.id << "\" for=\"" << k.for_what << "\" attr.name=\""
        << k.name << "\" attr.type=\"" << k.type << "\"/>\n";
  out << "  <graph id=\"kg\" edgedefault=\"directed\">\n";
  graph.ForEachNode([&](const Node& n) {
    out << "    <node id=\"n" << n.id << "\">\n";
    Data(out, "label", n.name);
    Data(out, "type", n.type);
    Data(out, "mentions", n.mentions);
    Data(out, "degree", n.degree);
    Data(out, "first_seen", n.first_seen);
    Data(out, "last_seen", n.last_seen);
    DayData(out, "first_seen_ymd", n.first_seen);
    DayData(out, "last_seen_ymd", n.last_seen);
    Data(out, "aliases", JoinedAliases(n));
    Rgb c = TypeColor(n.type);
    Data(out, "r", c.r);
    Data(out, "g", c.g);
    Data(out, "b", c.b);
    Data(out, "size", NodeSize(n.mentions));
    out << "    </node>\n";
  });
  graph.ForEachEdge([&](const Edge& e) {
    out << "    <edge id=\"e" << e.id << "\" source=\"n" << e.source << "\" target=\"n"
        << e.target << "\" et:label=\"";
    WriteXmlEscaped(out, e.predicate);
    out << "\">\n";
    Data(out, "edge_label", e.predicate);
    Data(out, "predicate", e.predicate);
    Data(out, "weight", std::max(1, e.weight));
    Data(out, "confidence", e.confidence);
    Data(out, "edge_first_seen", e.first_seen);
    Data(out, "edge_last_seen", e.last_seen);
    DayData(out, "edge_first_seen_ymd", e.first_seen);
    DayData(out, "edge_last_seen_ymd", e.last_seen);
    Data(out, "evidence_count", e.evidence_count);
    Data(out, "evidence", e.best.sentence);
    Data(out, "document", e.best.document);
    out << "    </edge>\n";
  });
  out << "  </graph>\n</graphml>\n";
}

}  // namespace kg
