#include "exporters/exporters.h"

#include <cmath>

namespace kg {

void WriteGraphml(GraphSource& graph, std::ostream& out);  // graphml.cc

const std::vector<Exporter>& Exporters() {
  static const std::vector<Exporter> table = {
      {"graphml", "graphml", WriteGraphml},
  };
  return table;
}

const Exporter* FindExporter(std::string_view name) {
  for (const Exporter& e : Exporters())
    if (name == e.name) return &e;
  return nullptr;
}

Rgb TypeColor(std::string_view type) {
  // A qualitative palette, one hue per type, readable on Gephi's white canvas.
  static const struct {
    const char* type;
    Rgb rgb;
  } kColors[] = {
      {"Country", {31, 119, 180}},     {"GovernmentBody", {174, 199, 232}},
      {"Company", {255, 127, 14}},     {"Organization", {44, 160, 44}},
      {"Person", {214, 39, 40}},       {"Chip", {148, 103, 189}},
      {"AIModel", {227, 119, 194}},    {"Product", {140, 86, 75}},
      {"Technology", {188, 189, 34}},  {"Policy", {23, 190, 207}},
  };
  for (const auto& c : kColors)
    if (type == c.type) return c.rgb;
  return {127, 127, 127};
}

double NodeSize(int mentions) {
  return 10.0 + 6.0 * std::log2(1.0 + std::max(0, mentions - 1));
}

}  // namespace kg
