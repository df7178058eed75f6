// Node-link JSON, the shape d3-force and NetworkX's node_link_graph read
// (and sigma.js or Cytoscape.js take with a map over "nodes" and "links"):
//   {"directed": true, "multigraph": true, "graph": {},
//    "nodes": [{"id": "n1", "label": ..., "type": ..., ...}],
//    "links": [{"id": "e1", "key": "e1", "source": "n1", "target": "n2",
//               "predicate": ..., "weight": ..., ...}]}
// "key" is NetworkX's multigraph edge key, so parallel edges keep their ids.
// Unknown dates are null.
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>

#include "exporters/exporters.h"

namespace kg {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::OStreamWrapper>;

// Invalid UTF-8 would make the whole document unreadable: it becomes U+FFFD.
void String(JsonWriter& w, std::string_view s) {
  std::string text(s);
  SanitizeUtf8(&text);
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void Field(JsonWriter& w, const char* key, std::string_view value) {
  w.Key(key);
  String(w, value);
}

void Field(JsonWriter& w, const char* key, int value) {
  w.Key(key);
  w.Int(value);
}

void Field(JsonWriter& w, const char* key, double value) {
  w.Key(key);
  w.Double(std::isfinite(value) ? value : 0.0);
}

void Date(JsonWriter& w, const char* key, const std::string& date) {
  w.Key(key);
  if (date.empty()) {
    w.Null();
  } else {
    String(w, date);
  }
}

void Strings(JsonWriter& w, const char* key, const std::vector<std::string>& items) {
  w.Key(key);
  w.StartArray();
  for (const std::string& s : items) String(w, s);
  w.EndArray();
}

void Id(JsonWriter& w, const char* key, char prefix, int64_t id) {
  Field(w, key, prefix + std::to_string(id));
}

}  // namespace

void WriteJson(GraphSource& graph, std::ostream& out) {
  rapidjson::OStreamWrapper os(out);
  JsonWriter w(os);
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
    Field(w, "type", n.type);
    Field(w, "mentions", n.mentions);
    Field(w, "degree", n.degree);
    Date(w, "first_seen", n.first_seen);
    Date(w, "last_seen", n.last_seen);
    Strings(w, "dates", n.dates);
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
    Date(w, "first_seen", e.first_seen);
    Date(w, "last_seen", e.last_seen);
    Strings(w, "dates", e.dates);
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
