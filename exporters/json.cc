// Node-link JSON, the shape d3-force and NetworkX's node_link_graph read
// (and sigma.js through graphology, or Cytoscape.js, with a map over "nodes"
// and "links"):
//   {"directed": true, "multigraph": true, "graph": {},
//    "nodes": [{"id": "n1", "label": ..., "entity_type": ..., "aliases": [...],
//               ...}],
//    "links": [{"id": "e1", "key": "e1", "source": "n1", "target": "n2",
//               "predicate": ..., "weight": ..., ...}]}
// "key" is NetworkX's multigraph edge key, so parallel edges keep their ids.
// The entity type is "entity_type", never "type": sigma.js reads a node's
// "type" as the name of the program that draws it, and fails on "Country".
// Unknown dates are null.
#include <algorithm>

#include "exporters/exporters.h"
#include "exporters/json_out.h"

namespace kg {

void WriteJson(GraphSource& graph, std::ostream& out) {
  using namespace json;
  rapidjson::OStreamWrapper os(out);
  Writer w(os);
  w.StartObject();
  w.Key("directed");
  w.Bool(true);
  w.Key("multigraph");
  w.Bool(true);
  w.Key("graph");
  w.StartObject();
  w.EndObject();

  w.Key("nodes");
  w.StartArray();
  graph.ForEachNode([&](const Node& n) {
    w.StartObject();
    Id(w, "id", 'n', n.id);
    Field(w, "label", n.name);
    Field(w, "entity_type", n.type);
    Field(w, "mentions", n.mentions);
    Field(w, "degree", n.degree);
    Dates(w, n.first_seen, n.last_seen, n.dates, false);
    Strings(w, "aliases", n.aliases);
    Field(w, "color", HexColor(TypeColor(n.type)));
    Field(w, "size", NodeSize(n.mentions));
    w.EndObject();
  });
  w.EndArray();

  w.Key("links");
  w.StartArray();
  graph.ForEachEdge([&](const Edge& e) {
    w.StartObject();
    Id(w, "id", 'e', e.id);
    Id(w, "key", 'e', e.id);
    Id(w, "source", 'n', e.source);
    Id(w, "target", 'n', e.target);
    Field(w, "predicate", e.predicate);
    Field(w, "label", e.predicate);
    Field(w, "weight", std::max(1, e.weight));
    Field(w, "confidence", e.confidence);
    Dates(w, e.first_seen, e.last_seen, e.dates, false);
    Field(w, "evidence_count", e.evidence_count);
    Field(w, "evidence", e.best.sentence);
    Field(w, "document", e.best.document);
    w.EndObject();
  });
  w.EndArray();
  w.EndObject();
  os.Flush();
  out << "\n";
}

}  // namespace kg
