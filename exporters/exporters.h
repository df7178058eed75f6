// exporters: the graph written out for other tools (Gephi, NetworkX, igraph).
// Each format is one function that streams a GraphSource to an ostream;
// formats are looked up in one table.
#ifndef KG_EXPORTERS_EXPORTERS_H_
#define KG_EXPORTERS_EXPORTERS_H_

#include <ostream>
#include <string_view>
#include <vector>

#include "graph/graph.h"

namespace kg {

struct Exporter {
  const char* name;       // as typed after `kg export`
  const char* extension;  // of the file it writes
  void (*write)(GraphSource& graph, std::ostream& out);
};

// Every format this build can write.
const std::vector<Exporter>& Exporters();
// nullptr when `name` is not a format this build can write.
const Exporter* FindExporter(std::string_view name);

// The display colour of an entity type (Gephi's r, g, b).
struct Rgb {
  int r, g, b;
};
Rgb TypeColor(std::string_view type);
// A node's display size from its mention count: 10 for one mention, growing
// with the logarithm, so hubs stand out without swallowing the picture.
double NodeSize(int mentions);

}  // namespace kg

#endif  // KG_EXPORTERS_EXPORTERS_H_
