// Cytoscape.js's elements JSON, which Cytoscape desktop opens as a .cyjs
// file (File > Import > Network from File) and cy.json() / cytoscape({
// elements }) load in the browser:
//   {"format_version": "1.0", "generated_by": "kg",
//    "target_cytoscapejs_version": "~3.0", "data": {"name": "kg"},
//    "elements": {
//      "nodes": [{"data": {"id": "n1", "name": ..., "label": ...,
//                          "entity_type": ..., "aliases": [...], ...}}],
//      "edges": [{"data": {"id": "e1", "source": "n1", "target": "n2",
//                          "predicate": ..., "interaction": ..., ...}}]}}
// Every field of the node-link JSON export is there: nodes carry name and
// label (the entity's name), entity_type, aliases, mentions, degree, the
// dates, colour and size; edges their predicate (also as "interaction",
// Cytoscape desktop's edge-type column, and "label"), weight, confidence,
// evidence_count, the best evidence sentence and its document, the dates.
// An unknown date is left out: Cytoscape's tables have no null.
#include <algorithm>

#include "exporters/exporters.h"
#include "exporters/json_out.h"

namespace kg {

void WriteCytoscape(GraphSource& graph, std::ostream& out) {
  using namespace json;
  rapidjson::OStreamWrapper os(out);
  Writer w(os);
  w.StartObject();
  Field(w, "format_version", "1.0");
  Field(w, "generated_by", "kg");
  Field(w, "target_cytoscapejs_version", "~3.0");
  w.Key("data");
  w.StartObject();
  Field(w, "name", "kg");
  w.EndObject();
  w.Key("elements");
  w.StartObject();

  w.Key("nodes");
  w.StartArray();
  graph.ForEachNode([&](const Node& n) {
    w.StartObject();
    w.Key("data");
    w.StartObject();
    Id(w, "id", 'n', n.id);
    Field(w, "name", n.name);
    Field(w, "label", n.name);
    Field(w, "entity_type", n.type);
    Strings(w, "aliases", n.aliases);
    Field(w, "mentions", n.mentions);
    Field(w, "degree", n.degree);
    Dates(w, n.first_seen, n.last_seen, n.dates, true);
    Field(w, "color", HexColor(TypeColor(n.type)));
    Field(w, "size", NodeSize(n.mentions));
    w.EndObject();
    w.EndObject();
  });
  w.EndArray();

  w.Key("edges");
  w.StartArray();
  graph.ForEachEdge([&](const Edge& e) {
    w.StartObject();
    w.Key("data");
    w.StartObject();
    Id(w, "id", 'e', e.id);
    Id(w, "source", 'n', e.source);
    Id(w, "target", 'n', e.target);
    Field(w, "predicate", e.predicate);
    Field(w, "interaction", e.predicate);
    Field(w, "label", e.predicate);
    Field(w, "weight", std::max(1, e.weight));
    Field(w, "confidence", e.confidence);
    Field(w, "evidence_count", e.evidence_count);
    Field(w, "evidence", e.best.sentence);
    Field(w, "document", e.best.document);
    Dates(w, e.first_seen, e.last_seen, e.dates, true);
    w.EndObject();
    w.EndObject();
  });
  w.EndArray();

  w.EndObject();
  w.EndObject();
  os.Flush();
  out << "\n";
}

}  // namespace kg
