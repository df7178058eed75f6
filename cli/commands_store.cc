// Commands that write the store or read it whole: ingest, export, stats.
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "cli/commands.h"
#include "exporters/exporters.h"
#include "query/query.h"

namespace kg {

Runner SetupExport(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string format, output, as_of, gexf_version;
    bool neo4j = false;
    ExportFilter filter;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("format", o->format, ExporterNames())->required();
  app.add_option("-o,--output", o->output,
                 "the file to write (default: stdout); csv: the folder");
  app.add_option("--as-of", o->as_of, "the graph as it stood at revision REV");
  app.add_option("--types", o->filter.types, "keep entities of these types: T,...")
      ->delimiter(',');
  app.add_option("--predicates", o->filter.predicates,
                 "keep edges with these predicates: P,...")
      ->delimiter(',');
  app.add_option("--min-weight", o->filter.min_weight,
                 "keep edges supported by at least N documents")
      ->check(CLI::NonNegativeNumber);
  auto* around = app.add_option("--around", o->filter.around,
                                "keep the neighbourhood of ENTITY (see --hops)");
  app.add_option("--hops", o->filter.hops, "the size of --around's neighbourhood (1)")
      ->check(CLI::NonNegativeNumber)
      ->needs(around);
  app.add_flag("--connected", o->filter.connected, "leave out entities without edges");
  app.add_flag("--neo4j", o->neo4j, "csv: headers for neo4j-admin database import");
  app.add_option("--gexf-version", o->gexf_version,
                 "gexf: 1.2draft (default; Gephi, NetworkX, Gephi Lite) or 1.3")
      ->check(CLI::IsMember({"1.2draft", "1.3"}));
  return [o, &ctx]() -> int {
    if (!o->gexf_version.empty() && o->format != "gexf")
      throw Error("--gexf-version applies to gexf only", Error::Kind::kUsage);
    const Exporter* exporter = FindExporter(o->format, o->neo4j ? "neo4j"
                                                       : o->gexf_version == "1.3" ? "1.3"
                                                                                  : "");
    if (!exporter) {
      if (o->neo4j && FindExporter(o->format))
        throw Error("--neo4j applies to csv only", Error::Kind::kUsage);
      throw Error("unknown export format '" + o->format + "'; choose " + ExporterNames(),
                  Error::Kind::kUsage);
    }
    bool to_stdout = o->output.empty() || o->output == "-";
    if (exporter->write_files && to_stdout)
      throw Error(o->format + " writes nodes.csv and edges.csv: give -o DIR",
                  Error::Kind::kUsage);
    // Types and predicates as the schema spells them, or a usage error with
    // the nearest one: a filter that names nothing would export nothing.
    auto vocabulary = [](std::vector<std::string>& items, auto check) {
      std::set<std::string> given;
      for (const std::string& i : items)
        if (!Trim(i).empty()) given.emplace(Trim(i));
      std::set<std::string> known = check(given);
      items.assign(known.begin(), known.end());
    };
    vocabulary(o->filter.types, CheckTypes);
    vocabulary(o->filter.predicates, CheckPredicates);
    GraphFilter graph = ParseAsOf(o->as_of);
    auto store = ctx.OpenStore(Store::Mode::kReadOnly);
    auto view = Filtered(*store, graph, o->filter);
    if (to_stdout) {
      exporter->write(*view, ctx.out);
      ctx.out.flush();
      return 0;
    }
    StagedFiles files(exporter->write_files ? o->output : "");
    if (exporter->write_files) {
      exporter->write_files(*view, files);
    } else {
      exporter->write(*view, files.Open(o->output));
    }
    files.Commit();
    for (const std::string& path : files.Paths()) ctx.err << "wrote " << path << "\n";
    return 0;
  };
}

Runner SetupStats(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string as_of;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("--as-of", o->as_of, "the graph as it stood at revision REV");
  app.add_flag("--json", o->json, "JSON output");
  return [o, &ctx]() -> int {
    GraphFilter filter = ParseAsOf(o->as_of);
    auto store = ctx.OpenStore(Store::Mode::kReadOnly);
    Stats s = store->GetStats(filter);
    if (o->json) {
      rapidjson::OStreamWrapper os(ctx.out);
      rapidjson::Writer<rapidjson::OStreamWrapper> w(os);
      w.StartObject();
      w.Key("documents");
      w.Int64(s.documents);
      w.Key("entities");
      w.Int64(s.entities);
      w.Key("triples");
      w.Int64(s.triples);
      w.Key("evidence");
      w.Int64(s.evidence);
      w.Key("revisions");
      w.Int64(s.revisions);
      w.Key("entities_by_type");
      w.StartObject();
      for (const auto& [k, v] : s.entities_by_type) {
        w.Key(k.c_str());
        w.Int64(v);
      }
      w.EndObject();
      w.Key("triples_by_predicate");
      w.StartObject();
      for (const auto& [k, v] : s.triples_by_predicate) {
        w.Key(k.c_str());
        w.Int64(v);
      }
      w.EndObject();
      w.EndObject();
      ctx.out << "\n";
      return 0;
    }
    ctx.out << "documents  " << s.documents << "\n"
            << "entities   " << s.entities << "\n";
    for (const auto& [k, v] : s.entities_by_type)
      ctx.out << "  " << k << std::string(std::max<size_t>(1, 22 - k.size()), ' ') << v
              << "\n";
    ctx.out << "triples    " << s.triples << "  (" << s.evidence
            << " evidence sentences)\n";
    for (const auto& [k, v] : s.triples_by_predicate)
      ctx.out << "  " << k << std::string(std::max<size_t>(1, 22 - k.size()), ' ') << v
              << "\n";
    ctx.out << "revisions  " << s.revisions << "\n";
    return 0;
  };
}

}  // namespace kg
