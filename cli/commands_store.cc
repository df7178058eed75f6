// Commands that write the store or read it whole: ingest, export, stats.
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <fstream>

#include "cli/commands.h"
#include "exporters/exporters.h"
#include "ingest/ingest.h"

namespace kg {

namespace {

std::string Plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void PrintApplyResult(const ApplyResult& r, std::ostream& out) {
  int docs = r.docs_new + r.docs_changed + r.docs_unchanged;
  if (r.revision == 0) {
    out << "no changes: " << Plural(docs, "document") << " unchanged; "
        << "no revision written\n";
    return;
  }
  out << "revision " << r.revision << ": " << Plural(docs, "document") << " ("
      << r.docs_new << " new, " << r.docs_changed << " changed, " << r.docs_unchanged
      << " unchanged), " << r.entities_added << " entities added, "
      << r.triples_added << " triples added, " << r.triples_retired
      << " retired, " << r.evidence_added << " evidence sentences\n";
  if (r.facts_skipped > 0)
    out << "skipped " << Plural(r.facts_skipped, "fact")
        << " with an empty name or the same entity on both sides\n";
}

}  // namespace

Runner SetupIngest(CLI::App& app, Context& ctx) {
  struct Opts {
    std::vector<std::string> paths;
    std::string triples, message;
    int jobs = 0;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("paths", o->paths, "articles: files, folders, or - for stdin");
  app.add_option("--triples", o->triples,
                 "a JSON-lines file of triples (the format kg extract writes)");
  app.add_option("-m,--message", o->message, "the revision's message");
  app.add_option("--jobs", o->jobs, "extraction threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  return [o, &ctx]() -> int {
    if (o->triples.empty()) {
      if (o->paths.empty())
        throw Error("nothing to ingest: give article paths or --triples FILE",
                    Error::Kind::kUsage);
      throw Error("ingesting articles is not implemented yet; use --triples FILE");
    }
    if (!o->paths.empty())
      throw Error("give either article paths or --triples, not both",
                  Error::Kind::kUsage);
    std::string content = ctx.env.ReadFile(o->triples);
    ChangeSet cs = ReadTriplesJsonl(content, o->triples == "-" ? "<stdin>" : o->triples);
    cs.message = o->message.empty() ? "ingest --triples " + o->triples : o->message;
    auto store = ctx.OpenStore(Store::Mode::kReadWrite);
    PrintApplyResult(store->Apply(cs), ctx.out);
    return 0;
  };
}

Runner SetupExport(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string format, output, as_of;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("format", o->format, "graphml | gexf | csv | json | dot")->required();
  app.add_option("-o,--output", o->output, "the file to write (default: stdout)");
  app.add_option("--as-of", o->as_of, "the graph as it stood at revision REV");
  return [o, &ctx]() -> int {
    const Exporter* exporter = FindExporter(o->format);
    if (!exporter) {
      for (const char* later : {"gexf", "csv", "json", "dot"})
        if (o->format == later)
          throw Error("export " + o->format + " is not implemented yet");
      throw Error("unknown export format '" + o->format +
                      "'; choose graphml, gexf, csv, json or dot",
                  Error::Kind::kUsage);
    }
    GraphFilter filter = ParseAsOf(o->as_of);
    auto store = ctx.OpenStore(Store::Mode::kReadOnly);
    auto view = store->View(filter);
    if (o->output.empty() || o->output == "-") {
      exporter->write(*view, ctx.out);
      ctx.out.flush();
      return 0;
    }
    // Write beside the target and rename, so a failed export never leaves a
    // half-written file where a good one was.
    namespace fs = std::filesystem;
    fs::path target(o->output);
    std::error_code ec;
    if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
    fs::path tmp = target;
    tmp += ".tmp";
    {
      std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
      if (!file) throw Error(o->output + ": cannot write file");
      exporter->write(*view, file);
      file.flush();
      if (!file) {
        fs::remove(tmp, ec);
        throw Error(o->output + ": write failed (disk full?)");
      }
    }
    fs::rename(tmp, target, ec);
    if (ec) throw Error(o->output + ": cannot write file: " + ec.message());
    ctx.err << "wrote " << o->output << "\n";
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
      w.Key("documents"); w.Int64(s.documents);
      w.Key("entities"); w.Int64(s.entities);
      w.Key("triples"); w.Int64(s.triples);
      w.Key("evidence"); w.Int64(s.evidence);
      w.Key("revisions"); w.Int64(s.revisions);
      w.Key("entities_by_type");
      w.StartObject();
      for (const auto& [k, v] : s.entities_by_type) { w.Key(k.c_str()); w.Int64(v); }
      w.EndObject();
      w.Key("triples_by_predicate");
      w.StartObject();
      for (const auto& [k, v] : s.triples_by_predicate) { w.Key(k.c_str()); w.Int64(v); }
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
