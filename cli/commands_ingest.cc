// Commands that read articles: extract (no store) and ingest.
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "cli/commands.h"
#include "ingest/ingest.h"

namespace kg {

namespace {

std::string Plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void PrintApplyResult(const ApplyResult& r, std::ostream& out) {
  int docs = r.docs_new + r.docs_changed + r.docs_reextracted + r.docs_unchanged;
  if (r.revision == 0) {
    out << "no changes: " << Plural(docs, "document") << " unchanged; "
        << "no revision written\n";
    return;
  }
  out << "revision " << r.revision << ": " << Plural(docs, "document") << " ("
      << r.docs_new << " new, " << r.docs_changed << " changed, ";
  if (r.docs_reextracted > 0) out << r.docs_reextracted << " re-extracted, ";
  auto count = [](int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  out << r.docs_unchanged << " unchanged), "
      << count(r.entities_added, "entity", "entities") << " added, "
      << Plural(r.triples_added, "triple") << " added, " << r.triples_retired
      << " retired, " << Plural(r.evidence_added, "evidence sentence") << "\n";
  if (r.facts_skipped > 0)
    out << "skipped " << Plural(r.facts_skipped, "fact")
        << " with an empty name or the same entity on both sides\n";
}

// Warnings name the input; they go to stderr as they happen.
ProblemFn Warner(Context& ctx) {
  return [&ctx](const std::string& where, const std::string& what, bool failed) {
    ctx.err << "kg: " << (failed ? "error: " : "warning: ") << where << ": " << what
            << "\n";
  };
}

std::vector<std::pair<std::string, std::string>> ReadLexicons(
    Context& ctx, const std::vector<std::string>& files) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : files) out.emplace_back(f, ctx.env.ReadFile(f));
  return out;
}

// A progress line on a terminal, for runs longer than a second: documents,
// MB, MB/s and, from the inputs' size on disk, an estimate of the time left.
class Progress {
 public:
  Progress(Context& ctx, const std::vector<std::string>& paths)
      : on_(isatty(STDERR_FILENO) && &ctx.err == &std::cerr),
        start_(std::chrono::steady_clock::now()) {
    if (!on_) return;
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const auto& p : paths) {
      if (p == "-") continue;
      if (fs::is_directory(p, ec)) {
        for (auto it = fs::recursive_directory_iterator(p, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
          if (it->is_regular_file(ec)) total_ += static_cast<int64_t>(it->file_size(ec));
      } else {
        total_ += static_cast<int64_t>(fs::file_size(p, ec));
      }
    }
  }
  void Update(int docs, int64_t bytes) {
    if (!on_) return;
    double s = Seconds();
    if (s < 1.0 || s - last_ < 0.2) return;
    last_ = s;
    double rate = bytes / s;
    std::fprintf(stderr, "\r%d documents, %.1f MB, %.1f MB/s", docs, bytes / 1e6,
                 rate / 1e6);
    // An estimate only once it means something: the rate of the first
    // second is mostly start-up (loading the models).
    if (total_ > bytes && rate > 0 && s >= 3 && bytes * 20 >= total_)
      std::fprintf(stderr, ", about %.0f s left", (total_ - bytes) / rate);
    std::fprintf(stderr, "\033[K");
  }
  void Done() {
    if (on_ && last_ > 0) std::fprintf(stderr, "\r\033[K");
  }
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_)
        .count();
  }

 private:
  bool on_;
  std::chrono::steady_clock::time_point start_;
  double last_ = 0;
  int64_t total_ = 0;  // bytes on disk of the inputs
};

void WriteFactJson(std::ostream& out, const std::string& doc, const Fact& f) {
  rapidjson::OStreamWrapper os(out);
  rapidjson::Writer<rapidjson::OStreamWrapper> w(os);
  auto str = [&](const char* k, const std::string& v) {
    w.Key(k);
    w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
  };
  w.StartObject();
  str("doc", doc);
  str("subject", f.subject);
  str("subject_type", f.subject_type);
  str("predicate", f.predicate);
  str("object", f.object);
  str("object_type", f.object_type);
  w.Key("confidence");
  w.Double(f.confidence);
  str("evidence", f.sentence);
  w.Key("start");
  w.Int64(f.start);
  w.Key("end");
  w.Int64(f.end);
  w.EndObject();
  out << '\n';
}

void WriteEntityJson(std::ostream& out, const std::string& doc, const Mention& m) {
  rapidjson::OStreamWrapper os(out);
  rapidjson::Writer<rapidjson::OStreamWrapper> w(os);
  w.StartObject();
  w.Key("doc");
  w.String(doc.c_str());
  w.Key("kind");
  w.String("entity");
  w.Key("name");
  w.String(m.name.c_str());
  w.Key("type");
  w.String(m.type.c_str());
  w.Key("mentions");
  w.Int(m.count);
  if (!m.forms.empty()) {  // the names the article used, when not the name
    w.Key("forms");
    w.StartObject();
    for (const auto& [form, n] : m.forms) {
      w.Key(form.c_str());
      w.Int(n);
    }
    w.EndObject();
  }
  w.EndObject();
  out << '\n';
}

}  // namespace

Runner SetupExtract(CLI::App& app, Context& ctx) {
  struct Opts {
    std::vector<std::string> paths, lexicons;
    std::string format = "jsonl";
    bool entities = true, analyse_all = false, explain = false;
    int jobs = 0;
    double min_confidence = 0;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("paths", o->paths, "articles: files, folders, or - for stdin")
      ->required();
  app.add_option("--format", o->format, "jsonl (default) or tsv")
      ->check(CLI::IsMember({"jsonl", "tsv"}));
  // Entity lines are on by default (the eval reads entities from them and
  // otherwise only from triples); --no-entities leaves them out.
  app.add_flag("--entities,!--no-entities", o->entities,
               "write one line per entity too (the default in jsonl)");
  app.add_option("--lexicon", o->lexicons, "extra lexicon files (TSV, as bundled)");
  app.add_option("--jobs", o->jobs, "extraction threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  app.add_flag("--analyse-all", o->analyse_all,
               "tag and parse every sentence, not only those that name two entities "
               "(slower; for comparison)");
  app.add_flag(
      "--explain", o->explain,
      "after the facts, print to stderr how many facts each relation frame gave");
  return [o, &ctx]() -> int {
    Extractor extractor(ReadLexicons(ctx, o->lexicons), LoadAnalyzer(ctx.env),
                        o->analyse_all, o->min_confidence);
    bool tsv = o->format == "tsv";
    if (tsv)
      ctx.out << "doc\tsubject\tsubject_type\tpredicate\tobject\tobject_type\t"
                 "confidence\tevidence\n";
    Progress progress(ctx, o->paths);
    int64_t bytes = 0;
    int docs = 0;
    ExtractStats stats = ExtractArticles(
        ctx.env, extractor, o->paths, o->jobs,
        [&](const Article& a, DocumentInput&& d) {
          for (const Fact& f : d.facts) {
            if (tsv) {
              ctx.out << OneLine(a.doc_id) << '\t' << OneLine(f.subject) << '\t'
                      << f.subject_type << '\t' << f.predicate << '\t'
                      << OneLine(f.object) << '\t' << f.object_type << '\t'
                      << f.confidence << '\t' << OneLine(f.sentence) << '\n';
            } else {
              WriteFactJson(ctx.out, a.doc_id, f);
            }
          }
          if (o->entities && !tsv)
            for (const Mention& m : d.mentions) WriteEntityJson(ctx.out, a.doc_id, m);
          progress.Update(++docs, bytes += static_cast<int64_t>(a.text.size()));
        },
        Warner(ctx));
    progress.Done();
    ctx.out.flush();
    if (o->explain) ctx.err << extractor.Explain();
    if (stats.documents == 0 && stats.failed == 0)
      throw Error("no articles found (.txt, .md, .html, .htm, .jsonl)");
    return stats.failed > 0 ? 1 : 0;
  };
}

namespace {

struct IngestOpts {
  std::vector<std::string> paths, lexicons;
  std::string triples, message, shard;
  int jobs = 0;
  double min_confidence = 0;
  bool sync = false, wait = false;
};

// kg ingest --triples: facts made elsewhere, never re-extracted.
int IngestTriples(Context& ctx, const IngestOpts& o, const Shard& shard) {
  if (!o.paths.empty())
    throw Error("give either article paths or --triples, not both", Error::Kind::kUsage);
  if (o.sync)
    throw Error("--sync applies to article folders, not --triples", Error::Kind::kUsage);
  std::string content = ctx.env.ReadFile(o.triples);
  ChangeSet cs = ReadTriplesJsonl(content, o.triples == "-" ? "<stdin>" : o.triples);
  for (size_t i = 0; i < cs.documents.size(); ++i)
    cs.documents[i].position = static_cast<int64_t>(i);
  std::erase_if(cs.documents,
                [&](const DocumentInput& d) { return !shard.Holds(d.uri); });
  cs.message = o.message.empty() ? "ingest --triples " + o.triples : o.message;
  auto store = Store::OpenWriter(ctx.db_path, ctx.env, o.wait);
  PrintApplyResult(store->Apply(cs), ctx.out);
  return 0;
}

// kg ingest --sync: forgets the documents under a folder of the input that
// this run did not see (`seen`), which were deleted from it; one from an
// input that failed to read (`failed`: FILE or FILE:LINE) may not have been.
void ForgetDeleted(Context& ctx, Store& store, const IngestOpts& o, const Shard& shard,
                   const std::set<std::string>& seen,
                   const std::vector<std::string>& failed, Store::DocumentSink& sink) {
  for (std::string folder : o.paths) {
    if (folder == "-" || !ctx.env.IsDirectory(folder)) continue;
    while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
    for (const std::string& uri : store.DocumentUris(folder + "/")) {
      bool unread = std::any_of(failed.begin(), failed.end(), [&](const auto& f) {
        return uri.rfind(f.substr(0, f.find_last_of(':')), 0) == 0 ||
               uri.rfind(f, 0) == 0;
      });
      if (!seen.count(uri) && !unread && shard.Holds(uri)) sink.Forget(uri);
    }
  }
}

// One warning for the stale documents (uris) whose text is not at hand.
void WarnNotAtHand(Context& ctx, const std::set<std::string>& uris) {
  bool one = uris.size() == 1;
  ctx.err << "kg: warning: "
          << (one ? "1 document was" : std::to_string(uris.size()) + " documents were")
          << " extracted by an older extractor and " << (one ? "its" : "their")
          << " text is not at hand (" << (one ? "" : "e.g. ") << *uris.begin()
          << "): " << (one ? "its" : "their") << " facts stay as they were; ingest "
          << (one ? "its file" : "their files") << " again, or kg forget "
          << (one ? "it" : "them") << "\n";
}

// Re-extracts the live documents of the store (as `sink` has left it) that
// another extractor made, in `shard`, whose text is at hand: their uri is the
// regular file their text was read from (DocumentInput::uri_is_file; any
// other uri is data, never a path to open), and it still holds the same
// bytes (an edited file is ingested when the user names it). They are read
// as kg ingest reads its input and placed after the input's `read` articles.
// The others keep their facts, with one warning.
void ReextractStale(Context& ctx, Store& store, const Extractor& extractor,
                    const IngestOpts& o, const Shard& shard, int64_t read,
                    Store::DocumentSink& sink) {
  std::map<std::string, std::string> at_hand;  // uri -> the stored content hash
  std::set<std::string> gone;
  for (const Store::StaleDocument& doc : store.StaleDocuments(extractor.fingerprint())) {
    if (!shard.Holds(doc.uri)) continue;
    if (doc.uri_is_file && ctx.env.IsFile(doc.uri)) {
      at_hand.emplace(doc.uri, doc.hash);
    } else {
      gone.insert(doc.uri);
    }
  }
  std::vector<std::string> files;
  for (const auto& [uri, hash] : at_hand) files.push_back(uri);
  // Problems are not reported again: the same bytes were reported when they
  // were first ingested, and a file that fails now is not at hand.
  auto quiet = [](const std::string&, const std::string&, bool) {};
  if (!files.empty())
    ExtractArticles(
        ctx.env, extractor, files, o.jobs,
        [&](const Article&, DocumentInput&& d) {
          auto it = at_hand.find(d.uri);
          if (it == at_hand.end() || it->second != d.hash) return;
          at_hand.erase(it);
          d.position += read;
          sink.Write(d);
        },
        quiet, shard);
  for (const auto& [uri, hash] : at_hand) gone.insert(uri);
  if (!gone.empty()) WarnNotAtHand(ctx, gone);
}

// The revision's message when documents were re-extracted: the user's, or
// `default_message` when something else changed too, with the note.
std::string ReextractedMessage(const IngestOpts& o, const std::string& default_message,
                               const ApplyResult& r, const std::string& fingerprint) {
  std::string note = "re-extracted " + Plural(r.docs_reextracted, "document") +
                     " with extractor " + fingerprint;
  if (!o.message.empty()) return o.message + "; " + note;
  if (r.docs_new + r.docs_changed + r.docs_removed == 0) return note;
  return default_message + "; " + note;
}

std::string DefaultIngestMessage(const IngestOpts& o) {
  std::string message = "ingest";
  if (!o.shard.empty()) message += " --shard " + o.shard;
  for (const auto& p : o.paths) message += " " + p;
  return message;
}

// A path that names nothing fails before the store is opened, so a typo
// leaves no empty store behind.
void CheckInputsExist(Context& ctx, const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    std::error_code ec;
    if (p == "-" || ctx.env.IsFile(p) || ctx.env.IsDirectory(p) ||
        std::filesystem::exists(p, ec))
      continue;
    throw Error(p + ": no such file or folder");
  }
}

int IngestArticles(Context& ctx, const IngestOpts& o, const Shard& shard) {
  if (o.paths.empty())
    throw Error("nothing to ingest: give article paths or --triples FILE",
                Error::Kind::kUsage);
  CheckInputsExist(ctx, o.paths);
  // Open the store first: a store that cannot be written fails before work.
  auto store = Store::OpenWriter(ctx.db_path, ctx.env, o.wait);
  // Curated names come last, so that they win: after `kg alias SH.BA
  // "United States"` the extractor finds SH.BA, and finds the United States.
  auto lexicons = ReadLexicons(ctx, o.lexicons);
  if (std::string curated = store->CuratedLexicon(); !curated.empty())
    lexicons.emplace_back("curated names (kg alias, kg merge)", curated);
  Extractor extractor(lexicons, LoadAnalyzer(ctx.env), false, o.min_confidence);
  std::string default_message = DefaultIngestMessage(o);
  Progress progress(ctx, o.paths);
  int64_t bytes = 0;
  int facts = 0, docs = 0;
  std::set<std::string> seen;
  std::vector<std::string> failed;  // inputs (FILE or FILE:LINE) skipped
  ProblemFn warn = Warner(ctx);
  ExtractStats stats;
  // Documents go to the store as they are extracted: memory holds one
  // batch, however large the corpus; the revision commits at the end.
  ApplyResult r = store->ApplyStream(
      "ingest", o.message.empty() ? default_message : o.message,
      [&](Store::DocumentSink& sink) {
        stats = ExtractArticles(
            ctx.env, extractor, o.paths, o.jobs,
            [&](const Article& a, DocumentInput&& d) {
              facts += static_cast<int>(d.facts.size());
              seen.insert(d.uri);
              sink.Write(d);
              progress.Update(++docs, bytes += static_cast<int64_t>(a.text.size()));
            },
            [&](const std::string& where, const std::string& what, bool skipped) {
              if (skipped) failed.push_back(where);
              warn(where, what, skipped);
            },
            shard);
        progress.Done();
        if (o.sync) ForgetDeleted(ctx, *store, o, shard, seen, failed, sink);
        // The input's documents are up to date now; the rest of the store
        // follows in the same revision.
        ReextractStale(ctx, *store, extractor, o, shard, stats.read, sink);
        if (sink.result().docs_reextracted > 0)
          sink.SetMessage(ReextractedMessage(o, default_message, sink.result(),
                                             extractor.fingerprint()));
      });
  ctx.out << "read " << Plural(stats.documents, "document") << " (" << stats.failed
          << " failed), extracted " << Plural(facts, "fact") << " in "
          << static_cast<int>(progress.Seconds() * 1000) << " ms\n";
  PrintApplyResult(r, ctx.out);
  if (r.docs_removed > 0)
    ctx.out << "removed " << Plural(r.docs_removed, "document")
            << " deleted from the folders given (--sync)\n";
  if (r.docs_reextracted > 0)
    ctx.out << "re-extracted " << Plural(r.docs_reextracted, "document") << " (extractor "
            << extractor.fingerprint() << ")\n";
  return stats.failed > 0 ? 1 : 0;
}

}  // namespace

Runner SetupIngest(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<IngestOpts>();
  app.add_option("paths", o->paths, "articles: files, folders, or - for stdin");
  app.add_flag("--sync", o->sync,
               "also forget documents that were deleted from the given folders");
  app.add_flag("--wait", o->wait,
               "wait for another process writing the store, instead of failing");
  app.add_option("--triples", o->triples,
                 "a JSON-lines file of triples (the format kg extract writes)");
  app.add_option("-m,--message", o->message, "the revision's message");
  app.add_option("--lexicon", o->lexicons, "extra lexicon files (TSV, as bundled)");
  app.add_option("--jobs", o->jobs, "extraction threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--min-confidence", o->min_confidence,
                 "store only facts with this confidence or more (0 to 1); documents "
                 "extracted with another threshold are re-extracted")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--shard", o->shard,
                 "I/N: only the documents of part I of N (by a hash of the document's "
                 "uri); combine the parts with kg merge-store");
  return [o, &ctx]() -> int {
    Shard shard = o->shard.empty() ? Shard{} : Shard::Parse(o->shard);
    if (!o->triples.empty()) return IngestTriples(ctx, *o, shard);
    return IngestArticles(ctx, *o, shard);
  };
}

Runner SetupMergeStore(CLI::App& app, Context& ctx) {
  struct Opts {
    std::vector<std::string> sources;
    std::string out, message;
    bool wait = false;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("sources", o->sources,
                 "stores to merge, e.g. the shards of kg ingest --shard")
      ->required();
  app.add_option("-o,--output", o->out, "the store to write (created if absent)")
      ->required();
  app.add_option("-m,--message", o->message, "the revision's message");
  app.add_flag("--wait", o->wait,
               "wait for another process writing the output store, instead of failing");
  return [o, &ctx]() -> int {
    std::vector<std::unique_ptr<Store>> sources;
    std::vector<Store*> pointers;
    std::string message = o->message;
    if (message.empty()) message = "merge-store";
    for (const auto& path : o->sources) {
      sources.push_back(Store::Open(path, Store::Mode::kReadOnly, ctx.env));
      pointers.push_back(sources.back().get());
      if (o->message.empty()) message += " " + path;
    }
    auto store = Store::OpenWriter(o->out, ctx.env, o->wait);
    PrintApplyResult(store->Merge(pointers, message), ctx.out);
    return 0;
  };
}

}  // namespace kg
