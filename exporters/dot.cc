// Graphviz DOT, laid out left to right for `dot -Tsvg`: nodes as rounded
// boxes filled with their type's colour and labelled with their name, edges
// labelled with their predicate and thicker with more supporting documents.
// Hovering in the SVG shows a node's type and mentions, an edge's evidence.
// A legend (a box titled "entity types") shows the colour of each type the
// picture holds. For a whole graph, --connected (or --min-weight N) leaves
// out the entities without edges, which dot would otherwise stack in a long
// column of their own.
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "exporters/exporters.h"

namespace kg {

namespace {

// `text` as a DOT quoted string. Backslashes are doubled (Graphviz reads \n,
// \N, \l... as escapes), & becomes &amp; (Graphviz decodes HTML entities in
// labels), newlines become \n; other C0 controls and invalid UTF-8 become
// U+FFFD, which Graphviz would otherwise reject or mangle. Graphviz rejects a
// quoted string over 16384 bytes, so a long one is written in pieces joined
// with DOT's '+'.
void Quoted(std::ostream& out, std::string_view text) {
  out << '"';
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t len = static_cast<int32_t>(text.size());
  for (int32_t i = 0, piece = 0; i < len;) {
    if (i - piece >= 3000) {  // escaped, a byte takes at most 5 ("&amp;")
      out << "\" + \"";
      piece = i;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    switch (c) {
      case '"':
        out << "\\\"";
        break;
      case '\\':
        out << "\\\\";
        break;
      case '&':
        out << "&amp;";
        break;
      case '\n':
        out << "\\n";
        break;
      case '\r':
        break;
      case '\t':
        out << ' ';
        break;
      default:
        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
          out << "\xEF\xBF\xBD";
        } else {
          out.write(text.data() + start, i - start);
        }
    }
  }
  out << '"';
}

// At most about `max` bytes of `text`, cut at a character boundary, with an
// ellipsis when cut: a tooltip, not a record (Graphviz takes minutes over a
// 100 MB sentence).
std::string Clipped(std::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "\xE2\x80\xA6";
}

// Dark text on light fills, white on dark ones.
const char* TextColor(Rgb c) {
  return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b < 140 ? "white" : "black";
}

// The legend: one box per type present, in the order of EntityTypes().
void WriteLegend(std::ostream& out, const std::set<std::string>& present) {
  if (present.empty()) return;
  std::vector<std::string> types;
  for (const std::string& t : EntityTypes())
    if (present.count(t)) types.push_back(t);
  for (const std::string& t : present)  // a type this build does not know
    if (std::find(types.begin(), types.end(), t) == types.end()) types.push_back(t);
  out << "  subgraph cluster_legend {\n"
         "    label=\"entity types\"; fontname=\"Helvetica\"; fontsize=10; "
         "style=\"rounded\"; color=\"#bbbbbb\";\n";
  for (size_t i = 0; i < types.size(); ++i) {
    Rgb c = TypeColor(types[i]);
    out << "    legend" << i << " [label=";
    Quoted(out, types[i]);
    out << ", fillcolor=\"" << HexColor(c) << "\", fontcolor=" << TextColor(c)
        << ", tooltip=\"entity type\"];\n";
  }
  // One rank: stacked in one column (rankdir=LR), in this order.
  out << "    { rank=same;";
  for (size_t i = 0; i < types.size(); ++i) out << " legend" << i << ";";
  out << " }\n  }\n";
}

}  // namespace

void WriteDot(GraphSource& graph, std::ostream& out) {
  out << "digraph kg {\n"
         "  graph [rankdir=LR, charset=\"UTF-8\", fontname=\"Helvetica\", "
         "nodesep=0.3, ranksep=0.8];\n"
         "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", "
         "fontsize=11, color=\"#555555\", penwidth=0.5];\n"
         "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#777777\", "
         "fontcolor=\"#333333\", arrowsize=0.7];\n";
  std::set<std::string> types;
  graph.ForEachNode([&](const Node& n) {
    types.insert(n.type);
    Rgb c = TypeColor(n.type);
    out << "  n" << n.id << " [label=";
    Quoted(out, n.name);
    out << ", fillcolor=\"" << HexColor(c) << "\", fontcolor=" << TextColor(c)
        << ", tooltip=";
    Quoted(out, n.type + ", " + std::to_string(n.mentions) +
                    (n.mentions == 1 ? " mention" : " mentions"));
    out << "];\n";
  });
  graph.ForEachEdge([&](const Edge& e) {
    out << "  n" << e.source << " -> n" << e.target << " [label=";
    Quoted(out, e.predicate);
    char width[16];
    std::snprintf(width, sizeof width, "%.2g", 1.0 + std::log2(std::max(1, e.weight)));
    out << ", penwidth=" << width << ", tooltip=";
    Quoted(out, Clipped(e.best.sentence, 2000));
    out << "];\n";
  });
  WriteLegend(out, types);
  out << "}\n";
}

}  // namespace kg
