#include "exporters/exporters.h"

#include <cmath>
#include <cstdio>

namespace kg {

// One function per format, each in its own file.
void WriteGraphml(GraphSource& graph, std::ostream& out);
void WriteGexf(GraphSource& graph, std::ostream& out);
void WriteGexf13(GraphSource& graph, std::ostream& out);
void WriteCytoscape(GraphSource& graph, std::ostream& out);
void WriteGephiCsv(GraphSource& graph, Files& files);
void WriteNeo4jCsv(GraphSource& graph, Files& files);
void WriteJson(GraphSource& graph, std::ostream& out);
void WriteDot(GraphSource& graph, std::ostream& out);
void WriteHtml(GraphSource& graph, std::ostream& out);

const std::vector<Exporter>& Exporters() {
  static const std::vector<Exporter> table = {
      {"graphml", "", "graphml", WriteGraphml, nullptr},
      {"gexf", "", "gexf", WriteGexf, nullptr},  // 1.2draft
      {"gexf", "1.3", "gexf", WriteGexf13, nullptr},
      {"csv", "", "csv", nullptr, WriteGephiCsv},
      {"csv", "neo4j", "csv", nullptr, WriteNeo4jCsv},
      {"json", "", "json", WriteJson, nullptr},
      {"dot", "", "dot", WriteDot, nullptr},
      {"cytoscape", "", "cyjs", WriteCytoscape, nullptr},
      {"html", "", "html", WriteHtml, nullptr},  // exporters/html/
  };
  return table;
}

const Exporter* FindExporter(std::string_view name, std::string_view dialect) {
  for (const Exporter& e : Exporters())
    if (name == e.name && dialect == e.dialect) return &e;
  return nullptr;
}

std::string ExporterNames() {
  std::vector<std::string> names;
  for (const Exporter& e : Exporters())
    if (*e.dialect == '\0') names.push_back(e.name);
  std::string s;
  for (size_t i = 0; i < names.size(); ++i)
    s += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  return s;
}

int DateNumber(std::string_view iso) {
  if (!IsIsoDate(iso)) return 0;
  int n = 0;
  for (char c : iso)
    if (c != '-') n = n * 10 + (c - '0');
  return n;
}

Rgb TypeColor(std::string_view type) {
  // A qualitative palette, one hue per type, readable on Gephi's white canvas.
  static const struct {
    const char* type;
    Rgb rgb;
  } kColors[] = {
      {"Country", {31, 119, 180}},    {"GovernmentBody", {174, 199, 232}},
      {"Company", {255, 127, 14}},    {"Organization", {44, 160, 44}},
      {"Person", {214, 39, 40}},      {"Chip", {148, 103, 189}},
      {"AIModel", {227, 119, 194}},   {"Product", {140, 86, 75}},
      {"Technology", {188, 189, 34}}, {"Policy", {23, 190, 207}},
      {"Place", {199, 199, 199}},
  };
  for (const auto& c : kColors)
    if (type == c.type) return c.rgb;
  return {127, 127, 127};
}

std::string HexColor(Rgb rgb) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", rgb.r & 0xff, rgb.g & 0xff,
                rgb.b & 0xff);
  return buf;
}

std::string JoinedAliases(const Node& node) {
  std::string s;
  for (const std::string& a : node.aliases) {
    if (!s.empty()) s += "; ";
    s += a;
  }
  return s;
}

double NodeSize(int mentions) {
  return 10.0 + 6.0 * std::log2(1.0 + std::max(0, mentions - 1));
}

}  // namespace kg
