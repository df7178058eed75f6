// A self-contained interactive page (kg export html): the graph as JSON in a
// <script type="application/json"> block, the libraries the page draws it
// with (sigma.js, graphology and its ForceAtlas2 layout, bundled from npm by
// scripts/setup and embedded at build time) and the page's own script and
// style (exporters/html/view.js, view.css). The page loads nothing from the
// network: it can be mailed, attached or opened from file://.
//
// The data, compact so that 50,000 edges with their evidence stay small:
//   {"types": [[name, colour]...], "predicates": [name...],
//    "docs": [[uri, title, date or ""]...],
//    "nodes": [[label, type index, mentions, [aliases], [dates]]...],
//    "edges": [[source index, target index, predicate index, weight,
//               [[doc index, sentence]...]]...]}
// Names, titles and sentences are data: in the JSON "<", ">" and "&" are
// written as \u003c, \u003e and \u0026, so no "</script>" nor "<!--" can end
// the block, and the page puts them into the document as text nodes only.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include "exporters/exporters.h"

namespace kg {

extern const EmbeddedFile kHtmlAssets[];
extern const int kHtmlAssetCount;

namespace {

std::optional<std::string_view> Asset(std::string_view name) {
  for (int i = 0; i < kHtmlAssetCount; ++i)
    if (name == kHtmlAssets[i].name) return kHtmlAssets[i].content;
  return std::nullopt;
}

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void String(Writer& w, std::string_view s) {
  std::string text(s);
  SanitizeUtf8(&text);
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

// JSON that may stand inside <script>: the only places "<", ">" and "&" can
// be in JSON are strings, where \uXXXX means the same character.
void WriteScriptSafe(std::string_view json, std::ostream& out) {
  size_t from = 0;
  for (size_t i = 0; i < json.size(); ++i) {
    const char* escaped = json[i] == '<'   ? "\\u003c"
                          : json[i] == '>' ? "\\u003e"
                          : json[i] == '&' ? "\\u0026"
                                           : nullptr;
    if (!escaped) continue;
    out.write(json.data() + from, static_cast<std::streamsize>(i - from));
    out << escaped;
    from = i + 1;
  }
  out.write(json.data() + from, static_cast<std::streamsize>(json.size() - from));
}

// Text as HTML character data (the licence notices).
void WriteHtmlText(std::string_view text, std::ostream& out) {
  for (char c : text) {
    switch (c) {
      case '<':
        out << "&lt;";
        break;
      case '>':
        out << "&gt;";
        break;
      case '&':
        out << "&amp;";
        break;
      default:
        out << c;
    }
  }
}

// The graph as the page reads it (see the top of this file).
std::string GraphJson(GraphSource& graph, int* node_count, int* edge_count) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  std::unordered_map<int64_t, int> node_index;
  std::map<std::string, int> type_index, predicate_index;
  std::unordered_map<std::string, int> doc_index;
  std::vector<const std::string*> predicates;
  std::vector<Evidence> docs;  // one per document: its uri, title and date

  w.StartObject();
  w.Key("nodes");
  w.StartArray();
  graph.ForEachNode([&](const Node& n) {
    int index = static_cast<int>(node_index.size());
    node_index.emplace(n.id, index);
    int type =
        type_index.emplace(n.type, static_cast<int>(type_index.size())).first->second;
    w.StartArray();
    String(w, n.name);
    w.Int(type);
    w.Int(n.mentions);
    w.StartArray();
    for (const std::string& a : n.aliases) String(w, a);
    w.EndArray();
    w.StartArray();
    for (const std::string& d : n.dates) String(w, d);
    w.EndArray();
    w.EndArray();
  });
  w.EndArray();

  w.Key("edges");
  w.StartArray();
  int edges = 0;
  graph.ForEachEdge([&](const Edge& e) {
    auto s = node_index.find(e.source), t = node_index.find(e.target);
    if (s == node_index.end() || t == node_index.end()) return;
    auto [p, added] =
        predicate_index.emplace(e.predicate, static_cast<int>(predicate_index.size()));
    if (added) predicates.push_back(&p->first);
    ++edges;
    w.StartArray();
    w.Int(s->second);
    w.Int(t->second);
    w.Int(p->second);
    w.Int(std::max(1, e.weight));
    w.StartArray();
    for (Evidence& ev : graph.EdgeEvidence(e)) {
      auto [d, new_doc] = doc_index.emplace(ev.document, static_cast<int>(docs.size()));
      w.StartArray();
      w.Int(d->second);
      String(w, ev.sentence);
      w.EndArray();
      if (new_doc) {
        ev.sentence.clear();
        docs.push_back(std::move(ev));
      }
    }
    w.EndArray();
    w.EndArray();
  });
  w.EndArray();

  w.Key("types");
  w.StartArray();
  std::vector<std::pair<int, std::string>> types;
  for (const auto& [name, index] : type_index) types.emplace_back(index, name);
  std::sort(types.begin(), types.end());
  for (const auto& [index, name] : types) {
    w.StartArray();
    String(w, name);
    String(w, HexColor(TypeColor(name)));
    w.EndArray();
  }
  w.EndArray();
  w.Key("predicates");
  w.StartArray();
  for (const std::string* p : predicates) String(w, *p);
  w.EndArray();
  w.Key("docs");
  w.StartArray();
  for (const Evidence& d : docs) {
    w.StartArray();
    String(w, d.document);
    String(w, d.title);
    String(w, d.date);
    w.EndArray();
  }
  w.EndArray();
  w.EndObject();
  *node_count = static_cast<int>(node_index.size());
  *edge_count = edges;
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

void WriteHtml(GraphSource& graph, std::ostream& out) {
  auto libs = Asset("libs.min.js"), licences = Asset("LICENSES.txt");
  auto script = Asset("view.js"), style = Asset("view.css");
  if (!libs || !licences || !script || !style)
    throw Error(
        "export html: this kg was built without the page's JavaScript libraries "
        "(sigma.js, graphology; exporters/html/node_modules/.kg/libs.min.js was missing "
        "at build time): run scripts/setup, which installs them with npm, then build kg "
        "again");

  int nodes = 0, edges = 0;
  std::string json = GraphJson(graph, &nodes, &edges);

  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      // Nothing from the network, ever; the layout runs in a worker from a blob.
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "script-src 'unsafe-inline' blob:; worker-src blob:; style-src 'unsafe-inline'; "
         "img-src data: blob:\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"kg " << KG_VERSION << "\">\n"
      << "<title>kg graph: " << nodes << " entities, " << edges << " facts</title>\n"
      << "<style>\n"
      << *style << "</style>\n</head>\n<body>\n"
      << "<noscript>This page draws the graph with JavaScript.</noscript>\n"
      << "<script type=\"application/json\" id=\"kg-data\">";
  WriteScriptSafe(json, out);
  out << "</script>\n<script>\n"
      << *libs << "\n</script>\n<script>\n"
      << *script
      << "\n</script>\n<details id=\"kg-licences\"><summary>Licences of the libraries in "
         "this page</summary><pre>";
  WriteHtmlText(*licences, out);
  out << "</pre></details>\n</body>\n</html>\n";
}

}  // namespace kg
