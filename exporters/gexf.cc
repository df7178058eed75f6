// Dynamic GEXF 1.3 for Gephi's timeline (../shared/spec/gephi.md). The same
// content as GraphML, with viz:color and viz:size, the predicate as the edge
// kind (so two predicates between one pair stay two edges), and spells.
//
// Spells: an element is shown on the dates of the articles that support it
// (mention a node; give evidence for an edge). Each dated article gives the
// one-day spell [d, d]; runs of consecutive days merge into one spell. Gephi
// then shows, for a timeline window, what the news reported in that window.
// An element with no dated article has no spells and is present throughout.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "exporters/exporters.h"
#include "exporters/xml.h"

namespace kg {

namespace {

std::chrono::sys_days ParseDay(const std::string& iso) {
  int y = 0;
  unsigned m = 0, d = 0;
  std::sscanf(iso.c_str(), "%d-%u-%u", &y, &m, &d);
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} /
                               std::chrono::day{d}};
}

struct Attribute {
  const char* id;  // also the title: what NetworkX and Gephi's columns show
  const char* type;
};

const Attribute kNodeAttributes[] = {
    {"type", "string"},       {"mentions", "integer"}, {"degree", "integer"},
    {"first_seen", "string"}, {"last_seen", "string"}, {"aliases", "string"},
};

const Attribute kEdgeAttributes[] = {
    {"predicate", "string"}, {"confidence", "double"},      {"first_seen", "string"},
    {"last_seen", "string"}, {"evidence_count", "integer"}, {"evidence", "string"},
    {"document", "string"},
};

void Declare(XmlOut& out, const char* for_class, const auto& attributes) {
  out << "    <attributes class=\"" << for_class << "\" mode=\"static\">\n";
  for (const Attribute& a : attributes)
    out << "      <attribute id=\"" << a.id << "\" title=\"" << a.id << "\" type=\""
        << a.type << "\"/>\n";
  out << "    </attributes>\n";
}

void Value(XmlOut& out, const char* id, std::string_view value) {
  if (value.empty()) return;  // absent, not empty: unknown dates stay unknown
  out << "          <attvalue for=\"" << id << "\" value=\"";
  WriteXmlEscaped(out, value);
  out << "\"/>\n";
}

void Value(XmlOut& out, const char* id, double value) {
  out << "          <attvalue for=\"" << id << "\" value=\"";
  WriteXmlNumber(out, value);
  out << "\"/>\n";
}

void WriteSpells(XmlOut& out, const std::vector<std::string>& dates) {
  auto spells = DateSpells(dates);
  if (spells.empty()) return;
  out << "        <spells>\n";
  for (const auto& [start, end] : spells)
    out << "          <spell start=\"" << start << "\" end=\"" << end << "\"/>\n";
  out << "        </spells>\n";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> DateSpells(
    std::vector<std::string> dates) {
  std::erase_if(dates, [](const std::string& d) { return !IsIsoDate(d); });
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  std::vector<std::pair<std::string, std::string>> spells;
  for (const std::string& d : dates) {
    if (!spells.empty() &&
        ParseDay(spells.back().second) + std::chrono::days{1} == ParseDay(d)) {
      spells.back().second = d;
    } else {
      spells.emplace_back(d, d);
    }
  }
  return spells;
}

void WriteGexf(GraphSource& graph, std::ostream& os) {
  XmlOut out(os);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" "
         "version=\"1.3\">\n"
         "  <meta>\n    <creator>kg</creator>\n  </meta>\n"
         "  <graph mode=\"dynamic\" defaultedgetype=\"directed\" "
         "timeformat=\"date\">\n";
  Declare(out, "node", kNodeAttributes);
  Declare(out, "edge", kEdgeAttributes);
  out << "    <nodes>\n";
  graph.ForEachNode([&](const Node& n) {
    out << "      <node id=\"n" << n.id << "\" label=\"";
    WriteXmlEscaped(out, n.name);
    out << "\">\n        <attvalues>\n";
    Value(out, "type", n.type);
    Value(out, "mentions", n.mentions);
    Value(out, "degree", n.degree);
    Value(out, "first_seen", n.first_seen);
    Value(out, "last_seen", n.last_seen);
    Value(out, "aliases", JoinedAliases(n));
    out << "        </attvalues>\n";
    WriteSpells(out, n.dates);
    Rgb c = TypeColor(n.type);
    out << "        <viz:color r=\"" << c.r << "\" g=\"" << c.g << "\" b=\"" << c.b
        << "\"/>\n        <viz:size value=\"";
    WriteXmlNumber(out, NodeSize(n.mentions));
    out << "\"/>\n      </node>\n";
  });
  out << "    </nodes>\n    <edges>\n";
  graph.ForEachEdge([&](const Edge& e) {
    out << "      <edge id=\"e" << e.id << "\" source=\"n" << e.source << "\" target=\"n"
        << e.target << "\" label=\"";
    WriteXmlEscaped(out, e.predicate);
    out << "\" kind=\"";
    WriteXmlEscaped(out, e.predicate);
    out << "\" weight=\"" << std::max(1, e.weight) << "\">\n        <attvalues>\n";
    Value(out, "predicate", e.predicate);
    Value(out, "confidence", e.confidence);
    Value(out, "first_seen", e.first_seen);
    Value(out, "last_seen", e.last_seen);
    Value(out, "evidence_count", e.evidence_count);
    Value(out, "evidence", e.best.sentence);
    Value(out, "document", e.best.document);
    out << "        </attvalues>\n";
    WriteSpells(out, e.dates);
    out << "      </edge>\n";
  });
  out << "    </edges>\n  </graph>\n</gexf>\n";
}

}  // namespace kg
