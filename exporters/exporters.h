// exporters: the graph written out for other tools (Gephi, Gephi Lite,
// NetworkX, igraph, Cytoscape, sigma.js and d3, Graphviz, neo4j). Each
// format is one function that streams a GraphSource out; formats are looked
// up in one table. Filters are a GraphSource in front of the store, so every
// format gets them.
#ifndef KG_EXPORTERS_EXPORTERS_H_
#define KG_EXPORTERS_EXPORTERS_H_

#include <fstream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/graph.h"

namespace kg {

// Where a format of several files writes: one stream per file name.
class Files {
 public:
  virtual ~Files() = default;
  // The stream for `name` (a bare file name such as "nodes.csv"); it stays
  // valid as long as this object.
  virtual std::ostream& Open(const std::string& name) = 0;
};

struct Exporter {
  const char* name;     // as typed after `kg export`
  const char* dialect;  // "" or the flag that selects it ("neo4j": --neo4j)
  const char* extension;
  // Exactly one is set: a format of one file streams to `out`; a format of
  // several files opens each of them in `files`.
  void (*write)(GraphSource& graph, std::ostream& out);
  void (*write_files)(GraphSource& graph, Files& files);
};

// Every format this build can write.
const std::vector<Exporter>& Exporters();
// nullptr when this build cannot write `name` in `dialect`.
const Exporter* FindExporter(std::string_view name, std::string_view dialect = "");
// "graphml, gexf, csv, json, dot, cytoscape or html": the names, for messages.
std::string ExporterNames();

// Files written beside their final names in `dir` ("" for paths as given)
// and renamed into place by Commit, so a failed export never leaves a
// half-written file where a good one was. Without Commit, the destructor
// removes what was written.
class StagedFiles : public Files {
 public:
  explicit StagedFiles(std::string dir) : dir_(std::move(dir)) {}
  ~StagedFiles() override;
  std::ostream& Open(const std::string& name) override;
  // Throws Error naming the file when a write or a rename failed.
  void Commit();
  // The final paths, in the order they were opened.
  std::vector<std::string> Paths() const;

 private:
  struct File {
    std::string path, tmp;
    std::ofstream stream;
  };
  std::string dir_;
  std::vector<std::unique_ptr<File>> files_;
};

// What to keep of the graph, on top of GraphFilter's revision.
//  - types: entities of these types (empty: all); an edge needs both ends.
//  - predicates: edges with these predicates (empty: all).
//  - min_weight: edges supported by at least this many documents.
//  - around, hops: the entities within `hops` edges of `around` (edges
//    followed both ways, after the filters above) and the edges among them.
//  - connected: only entities with at least one edge that stays.
// Entities left without edges stay, unless a filter on edges (predicates,
// min_weight, around) was given: then only connected entities (and `around`
// itself, unless `connected`) stay. Node degrees count the edges that stay.
struct ExportFilter {
  std::vector<std::string> types;
  std::vector<std::string> predicates;
  int min_weight = 0;
  std::string around;
  int hops = 1;
  bool connected = false;

  bool FiltersEdges() const {
    return !predicates.empty() || min_weight > 0 || !around.empty();
  }
  bool Empty() const { return types.empty() && !FiltersEdges() && !connected; }
};

// The graph of `store` under both filters; valid while `store` lives.
// Throws Error: kUsage for an unknown type, kFailed for an unknown `around`
// (with suggestions) or one whose type `types` leaves out.
std::unique_ptr<GraphSource> Filtered(Store& store, const GraphFilter& graph,
                                      const ExportFilter& filter);

// GEXF's spells for an element reported on `dates`: one [start, end] per run
// of consecutive days, sorted and disjoint. Anything but YYYY-MM-DD is
// ignored; no dates give no spells.
std::vector<std::pair<std::string, std::string>> DateSpells(
    std::vector<std::string> dates);

// A date as the number YYYYMMDD (2025-01-27 -> 20250127), for readers that
// filter on numeric ranges but not on dates (Gephi Lite, which has no
// timeline); 0 for anything but YYYY-MM-DD. It orders as the dates do.
int DateNumber(std::string_view iso);

// A predicate as a Neo4j relationship type, Cypher's UPPER_SNAKE_CASE:
// sanctions -> SANCTIONS, restricts_export_of -> RESTRICTS_EXPORT_OF.
std::string Neo4jRelationshipType(std::string_view predicate);

// The display colour of an entity type (Gephi's r, g, b).
struct Rgb {
  int r, g, b;
};
Rgb TypeColor(std::string_view type);
// "#rrggbb", for DOT and JSON.
std::string HexColor(Rgb rgb);
// A node's aliases as one text field, "; "-separated.
std::string JoinedAliases(const Node& node);
// A node's display size from its mention count: 10 for one mention, growing
// with the logarithm, so hubs stand out without swallowing the picture.
double NodeSize(int mentions);

}  // namespace kg

#endif  // KG_EXPORTERS_EXPORTERS_H_
