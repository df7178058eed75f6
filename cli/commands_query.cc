// Commands that answer questions: path.
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include "cli/commands.h"
#include "query/query.h"

namespace kg {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::OStreamWrapper>;

void WriteEvidenceJson(JsonWriter& w, const Evidence& e) {
  w.StartObject();
  w.Key("sentence"); w.String(e.sentence.c_str(), e.sentence.size());
  w.Key("document"); w.String(e.document.c_str(), e.document.size());
  w.Key("title"); w.String(e.title.c_str(), e.title.size());
  w.Key("date");
  if (e.date.empty()) w.Null(); else w.String(e.date.c_str(), e.date.size());
  w.Key("confidence"); w.Double(e.confidence);
  w.EndObject();
}

}  // namespace

Runner SetupPath(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string from, to, as_of;
    int max_hops = 6;
    bool directed = false, json = false;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("from", o->from, "the entity to start from")->required();
  app.add_option("to", o->to, "the entity to reach")->required();
  app.add_option("--max-hops", o->max_hops, "the longest path to look for")
      ->check(CLI::PositiveNumber);
  app.add_flag("--directed", o->directed, "follow edges only from subject to object");
  app.add_option("--as-of", o->as_of, "the graph as it stood at revision REV");
  app.add_flag("--json", o->json, "JSON output");
  return [o, &ctx]() -> int {
    PathOptions opts;
    opts.filter = ParseAsOf(o->as_of);
    opts.max_hops = o->max_hops;
    opts.directed = o->directed;
    auto store = ctx.OpenStore(Store::Mode::kReadOnly);
    int64_t from = ResolveEntity(*store, o->from, opts.filter);
    int64_t to = ResolveEntity(*store, o->to, opts.filter);
    auto path = ShortestPath(*store, from, to, opts);
    std::map<int64_t, std::string> names;
    store->ForEachNode(opts.filter, [&](const Node& n) { names[n.id] = n.name; });

    if (o->json) {
      rapidjson::OStreamWrapper os(ctx.out);
      JsonWriter w(os);
      w.StartObject();
      w.Key("from"); w.String(names[from].c_str());
      w.Key("to"); w.String(names[to].c_str());
      w.Key("found"); w.Bool(path.has_value());
      w.Key("hops");
      w.StartArray();
      if (path) {
        for (const Hop& h : *path) {
          w.StartObject();
          w.Key("subject"); w.String(names[h.edge.source].c_str());
          w.Key("predicate"); w.String(h.edge.predicate.c_str());
          w.Key("object"); w.String(names[h.edge.target].c_str());
          w.Key("forward"); w.Bool(h.forward);
          w.Key("weight"); w.Int(h.edge.weight);
          w.Key("evidence"); WriteEvidenceJson(w, h.edge.best);
          w.EndObject();
        }
      }
      w.EndArray();
      w.EndObject();
      ctx.out << "\n";
      return 0;
    }
    if (!path) {
      ctx.out << "no path from " << names[from] << " to " << names[to];
      if (o->max_hops < 6 || o->directed)
        ctx.out << " (within " << o->max_hops << " hops"
                << (o->directed ? ", directed" : "") << ")";
      ctx.out << "\n";
      return 0;
    }
    ctx.out << names[from] << " -> " << names[to] << ": " << path->size()
            << (path->size() == 1 ? " hop" : " hops") << "\n";
    int i = 0;
    for (const Hop& h : *path) {
      const std::string& a = names[h.from];
      const std::string& b = names[h.to];
      ctx.out << "  " << ++i << ". " << a
              << (h.forward ? " --" + h.edge.predicate + "--> "
                            : " <--" + h.edge.predicate + "-- ")
              << b << "  (" << h.edge.weight
              << (h.edge.weight == 1 ? " document" : " documents") << ")\n";
      const Evidence& e = h.edge.best;
      ctx.out << "     \"" << e.sentence << "\"\n"
              << "     " << e.document << (e.date.empty() ? ", undated" : ", " + e.date)
              << "\n";
    }
    return 0;
  };
}

}  // namespace kg
