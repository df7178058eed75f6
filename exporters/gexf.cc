// Dynamic GEXF for Gephi's timeline (../shared/spec/gephi.md). The same
// content as GraphML, with viz:color and viz:size, the predicate as the edge
// kind (so two predicates between one pair stay two edges), and spells.
//
// Versions: 1.2draft by default, the one every reader takes (Gephi, NetworkX
// before 2025 -- Debian 12's 2.8 finds "No <graph> element" in a 1.3 file --
// and graphology-gexf, Gephi Lite's parser); 1.3 on request (--gexf-version
// 1.3). The two differ in their namespaces and version only. The 1.2draft
// schema does not know Gephi's edge `kind`, which Gephi reads in any version.
//
// Time as attributes too: graphology-gexf drops every <spell>, so Gephi Lite
// has no timeline. first_seen and last_seen (ISO dates) and first_seen_ymd and
// last_seen_ymd (the same dates as integers YYYYMMDD, which a numeric range
// filter takes) are on every dated node and edge; undated ones have none.
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
    {"type", "string"},           {"mentions", "integer"}, {"degree", "integer"},
    {"first_seen", "string"},     {"last_seen", "string"}, {"first_seen_ymd", "integer"},
    {"last_seen_ymd", "integer"}, {"aliases", "string"},
};

const Attribute kEdgeAttributes[] = {
    {"predicate", "string"},       {"confidence", "double"},
    {"first_seen", "string"},      {"last_seen", "string"},
    {"first_seen_ymd", "integer"}, {"last_seen_ymd", "integer"},
    {"evidence_count", "integer"}, {"evidence", "string"},
    {"document", "string"},
};

struct Version {
  const char* xmlns;  // the GEXF namespace; its viz namespace adds "/viz"
  const char* number;
};

const Version kGexf12 = {"http://www.gexf.net/1.2draft", "1.2"};
const Version kGexf13 = {"http://gexf.net/1.3", "1.3"};

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

// A date's YYYYMMDD number; absent when the date is unknown.
void DayValue(XmlOut& out, const char* id, const std::string& date) {
  if (int day = DateNumber(date)) {
    out << "          <attvalue for=\"" << id << "\" value=\"" << day << "\"/>\n";
  }
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

namespace {

void Write(GraphSource& graph, std::ostream& os, const Version& version) {
  XmlOut out(os);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<gexf xmlns=\"" << version.xmlns << "\" xmlns:viz=\"" << version.xmlns
      << "/viz\" version=\"" << version.number << "\">\n"
      << "  <meta>\n    <creator>kg</creator>\n  </meta>\n"
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
    DayValue(out, "first_seen_ymd", n.first_seen);
    DayValue(out, "last_seen_ymd", n.last_seen);
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
    DayValue(out, "first_seen_ymd", e.first_seen);
    DayValue(out, "last_seen_ymd", e.last_seen);
    Value(out, "evidence_count", e.evidence_count);
    Value(out, "evidence", e.best.sentence);
    Value(out, "document", e.best.document);
    out << "        </attvalues>\n";
    WriteSpells(out, e.dates);
    out << "      </edge>\n";
  });
  out << "    </edges>\n  </graph>\n</gexf>\n";
}

}  // namespace

void WriteGexf(GraphSource& graph, std::ostream& out) { Write(graph, out, kGexf12); }
void WriteGexf13(GraphSource& graph, std::ostream& out) { Write(graph, out, kGexf13); }

}  // namespace kg
