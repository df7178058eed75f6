// Commands of the store's history and of curation: log, diff, revert, alias,
// merge, forget. The writing ones are one revision each, or print that
// nothing changed and write none.
//
// --json shapes (fields may be added, never renamed or removed):
//   kg log   [{"revision": int, "time": str, "kind": str, "message": str,
//              "documents": {"new": int, "changed": int, "removed": int,
//                            "reextracted": int},
//              "entities": {"added": int, "retired": int},
//              "triples": {"added": int, "retired": int},
//              "evidence": {"added": int, "retired": int}}]   newest first
//   kg diff  {"from": int, "to": int,
//             "entities": {"added": [{"name": str, "type": str}], "retired": [...]},
//             "triples": {"added": [{"subject": str, "predicate": str,
//                                    "object": str}], "retired": [...]},
//             "counts": {"entities_added": int, "entities_retired": int,
//                        "triples_added": int, "triples_retired": int}}
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include "cli/commands.h"
#include "query/query.h"

namespace kg {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::OStreamWrapper>;

void Str(JsonWriter& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void Pair(JsonWriter& w, const char* key, const char* a, int64_t va, const char* b,
          int64_t vb) {
  w.Key(key);
  w.StartObject();
  w.Key(a);
  w.Int64(va);
  w.Key(b);
  w.Int64(vb);
  w.EndObject();
}

// Documents re-extracted (same content, another extractor) are named only
// when there are some.
std::string Counts(int64_t docs_new, int64_t docs_changed, int64_t docs_removed,
                   int64_t docs_reextracted, int64_t entities_added,
                   int64_t entities_retired, int64_t triples_added,
                   int64_t triples_retired) {
  return "documents: " + std::to_string(docs_new) + " new, " +
         std::to_string(docs_changed) + " changed, " + std::to_string(docs_removed) +
         " removed" +
         (docs_reextracted > 0 ? ", " + std::to_string(docs_reextracted) + " re-extracted"
                               : "") +
         "; entities: " + std::to_string(entities_added) + " added, " +
         std::to_string(entities_retired) +
         " retired; triples: " + std::to_string(triples_added) + " added, " +
         std::to_string(triples_retired) + " retired";
}

std::string Counts(const ApplyResult& r) {
  return Counts(r.docs_new, r.docs_changed, r.docs_removed, r.docs_reextracted,
                r.entities_added, r.entities_retired, r.triples_added, r.triples_retired);
}

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

int64_t ParseRevision(const std::string& text, const char* what) {
  try {
    size_t used = 0;
    long long rev = std::stoll(text, &used);
    if (used == text.size() && rev >= 0) return rev;
  } catch (const std::logic_error&) {
  }
  throw Error(std::string(what) + " takes a revision number, not " + Quoted(text),
              Error::Kind::kUsage);
}

// Options every writing command has.
struct WriteOpts {
  std::string message;
  bool wait = false;
};

void AddWriteOptions(CLI::App& app, WriteOpts& o) {
  app.add_option("-m,--message", o.message, "the revision's message");
  app.add_flag("--wait", o.wait,
               "wait for another process writing the store, instead of failing");
}

std::string EntityName(Store& store, int64_t id) {
  auto lookup = store.NewLookup({});
  auto e = lookup->Entity(id);
  return e ? e->name : "#" + std::to_string(id);
}

}  // namespace

Runner SetupLog(CLI::App& app, Context& ctx) {
  auto json = std::make_shared<bool>(false);
  auto count = std::make_shared<int>(0);
  app.add_flag("--json", *json, "JSON output");
  app.add_option("-n,--max-count", *count, "only the newest N revisions (0: all)")
      ->check(CLI::NonNegativeNumber);
  return [json, count, &ctx]() -> int {
    auto store = ctx.OpenStore(Store::Mode::kReadOnly);
    std::vector<Store::Revision> log = store->Log();  // newest first
    if (*count > 0 && log.size() > static_cast<size_t>(*count))
      log.resize(static_cast<size_t>(*count));
    if (*json) {
      rapidjson::OStreamWrapper os(ctx.out);
      JsonWriter w(os);
      w.StartArray();
      for (const Store::Revision& r : log) {
        w.StartObject();
        w.Key("revision");
        w.Int64(r.id);
        Str(w, "time", r.time);
        Str(w, "kind", r.kind);
        Str(w, "message", r.message);
        w.Key("documents");
        w.StartObject();
        w.Key("new");
        w.Int64(r.docs_new);
        w.Key("changed");
        w.Int64(r.docs_changed);
        w.Key("removed");
        w.Int64(r.docs_removed);
        w.Key("reextracted");
        w.Int64(r.docs_reextracted);
        w.EndObject();
        Pair(w, "entities", "added", r.entities_added, "retired", r.entities_retired);
        Pair(w, "triples", "added", r.triples_added, "retired", r.triples_retired);
        Pair(w, "evidence", "added", r.evidence_added, "retired", r.evidence_retired);
        w.EndObject();
      }
      w.EndArray();
      ctx.out << "\n";
      return 0;
    }
    if (log.empty()) ctx.out << "no revisions yet\n";
    for (const Store::Revision& r : log) {
      ctx.out << "revision " << r.id << "  " << r.time << "  " << r.kind << "\n"
              << "    " << r.message << "\n"
              << "    "
              << Counts(r.docs_new, r.docs_changed, r.docs_removed, r.docs_reextracted,
                        r.entities_added, r.entities_retired, r.triples_added,
                        r.triples_retired)
              << "\n";
    }
    return 0;
  };
}

Runner SetupDiff(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string from, to;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("REV", o->from, "the revision to compare from (0: the empty store)")
      ->required();
  app.add_option("REV2", o->to, "the revision to compare to (default: the latest)");
  app.add_flag("--json", o->json, "JSON output");
  return [o, &ctx]() -> int {
    int64_t from = ParseRevision(o->from, "diff");
    auto store = ctx.OpenStore(Store::Mode::kReadOnly);
    int64_t to = o->to.empty() ? store->LatestRevision() : ParseRevision(o->to, "diff");
    Store::GraphDiff d = store->Diff(from, to);
    if (o->json) {
      rapidjson::OStreamWrapper os(ctx.out);
      JsonWriter w(os);
      auto entities = [&](const std::vector<Store::DiffEntity>& list) {
        w.StartArray();
        for (const auto& e : list) {
          w.StartObject();
          Str(w, "name", e.name);
          Str(w, "type", e.type);
          w.EndObject();
        }
        w.EndArray();
      };
      auto triples = [&](const std::vector<Store::DiffTriple>& list) {
        w.StartArray();
        for (const auto& t : list) {
          w.StartObject();
          Str(w, "subject", t.subject);
          Str(w, "predicate", t.predicate);
          Str(w, "object", t.object);
          w.EndObject();
        }
        w.EndArray();
      };
      w.StartObject();
      w.Key("from");
      w.Int64(d.from);
      w.Key("to");
      w.Int64(d.to);
      w.Key("entities");
      w.StartObject();
      w.Key("added");
      entities(d.entities_added);
      w.Key("retired");
      entities(d.entities_retired);
      w.EndObject();
      w.Key("triples");
      w.StartObject();
      w.Key("added");
      triples(d.triples_added);
      w.Key("retired");
      triples(d.triples_retired);
      w.EndObject();
      w.Key("counts");
      w.StartObject();
      w.Key("entities_added");
      w.Int64(static_cast<int64_t>(d.entities_added.size()));
      w.Key("entities_retired");
      w.Int64(static_cast<int64_t>(d.entities_retired.size()));
      w.Key("triples_added");
      w.Int64(static_cast<int64_t>(d.triples_added.size()));
      w.Key("triples_retired");
      w.Int64(static_cast<int64_t>(d.triples_retired.size()));
      w.EndObject();
      w.EndObject();
      ctx.out << "\n";
      return 0;
    }
    ctx.out << "revision " << d.from << " -> " << d.to << ": entities "
            << d.entities_added.size() << " added, " << d.entities_retired.size()
            << " retired; triples " << d.triples_added.size() << " added, "
            << d.triples_retired.size() << " retired\n";
    auto entities = [&](const char* title, const char* sign,
                        const std::vector<Store::DiffEntity>& list) {
      if (list.empty()) return;
      ctx.out << title << " (" << list.size() << "):\n";
      for (const auto& e : list)
        ctx.out << "  " << sign << " " << e.name << " (" << e.type << ")\n";
    };
    auto triples = [&](const char* title, const char* sign,
                       const std::vector<Store::DiffTriple>& list) {
      if (list.empty()) return;
      ctx.out << title << " (" << list.size() << "):\n";
      for (const auto& t : list)
        ctx.out << "  " << sign << " " << t.subject << " " << t.predicate << " "
                << t.object << "\n";
    };
    entities("entities added", "+", d.entities_added);
    entities("entities retired", "-", d.entities_retired);
    triples("triples added", "+", d.triples_added);
    triples("triples retired", "-", d.triples_retired);
    return 0;
  };
}

Runner SetupRevert(CLI::App& app, Context& ctx) {
  struct Opts : WriteOpts {
    std::string rev;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("REV", o->rev, "the revision to undo")->required();
  AddWriteOptions(app, *o);
  return [o, &ctx]() -> int {
    int64_t rev = ParseRevision(o->rev, "revert");
    auto store = Store::OpenWriter(ctx.db_path, ctx.env, o->wait);
    std::optional<Store::Revision> undone = store->GetRevision(rev);
    if (!undone)
      throw Error("no revision " + std::to_string(rev) + "; the latest is " +
                  std::to_string(store->LatestRevision()));
    ApplyResult r = store->Revert(rev, o->message);
    if (r.revision == 0) {
      ctx.out << "nothing to revert: what revision " << rev
              << " changed is undone already or was changed again later; "
                 "no revision written\n";
      return 0;
    }
    ctx.out << "revision " << r.revision << ": reverted revision " << rev << " ("
            << undone->kind << ": " << Quoted(undone->message) << ")\n  " << Counts(r)
            << "\n";
    if (r.revert_skipped > 0)
      ctx.out << "left " << r.revert_skipped
              << " of its changes as they are: later revisions changed them again\n";
    return 0;
  };
}

Runner SetupAlias(CLI::App& app, Context& ctx) {
  struct Opts : WriteOpts {
    std::string alias, canonical;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("ALIAS", o->alias, "the new name")->required();
  app.add_option("CANONICAL", o->canonical, "any name of the entity it names")
      ->required();
  AddWriteOptions(app, *o);
  return [o, &ctx]() -> int {
    auto store = Store::OpenWriter(ctx.db_path, ctx.env, o->wait);
    int64_t target = ResolveEntity(*store, o->canonical, {});
    std::string name = EntityName(*store, target);
    int64_t merged = 0;
    ApplyResult r = store->Alias(
        o->alias, o->canonical,
        o->message.empty() ? "alias " + o->alias + " -> " + name : o->message, &merged);
    if (r.revision == 0) {
      ctx.out << "no changes: " << Quoted(o->alias) << " already names " << name
              << "; no revision written\n";
      return 0;
    }
    if (merged != 0) {
      ctx.out << Quoted(o->alias) << " named another entity, "
              << EntityName(*store, merged) << ": merged it into " << name << "\n";
    }
    ctx.out << "revision " << r.revision << ": " << Quoted(o->alias) << " is a name of "
            << name << "\n  " << Counts(r) << "\n";
    return 0;
  };
}

Runner SetupMerge(CLI::App& app, Context& ctx) {
  struct Opts : WriteOpts {
    std::string into, from;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("A", o->into, "the entity that stays")->required();
  app.add_option("B", o->from, "the entity merged into A")->required();
  AddWriteOptions(app, *o);
  return [o, &ctx]() -> int {
    auto store = Store::OpenWriter(ctx.db_path, ctx.env, o->wait);
    auto lookup = store->NewLookup({});
    std::vector<int64_t> ids = ResolveEntities(*store, *lookup, {o->into, o->from}, {});
    int64_t into = ids[0], from = ids[1];
    std::string into_name = EntityName(*store, into),
                from_name = EntityName(*store, from);
    if (into == from)
      throw Error(Quoted(o->into) + " and " + Quoted(o->from) + " both name " +
                  into_name + "; nothing to merge");
    ApplyResult r = store->Merge(
        into, from,
        o->message.empty() ? "merge " + from_name + " into " + into_name : o->message);
    if (r.revision == 0) {
      ctx.out << "no changes; no revision written\n";
      return 0;
    }
    ctx.out << "revision " << r.revision << ": merged " << from_name << " into "
            << into_name << "\n  " << Counts(r) << "\n";
    return 0;
  };
}

Runner SetupForget(CLI::App& app, Context& ctx) {
  struct Opts : WriteOpts {
    std::vector<std::string> uris;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("DOC", o->uris, "documents by their path or URL as ingested")
      ->required();
  AddWriteOptions(app, *o);
  return [o, &ctx]() -> int {
    auto store = Store::OpenWriter(ctx.db_path, ctx.env, o->wait);
    std::string message = o->message;
    if (message.empty()) {
      message = "forget";
      for (const auto& u : o->uris) message += " " + u;
    }
    ApplyResult r = store->Forget(o->uris, message);
    if (r.revision == 0) {
      ctx.out << "no changes; no revision written\n";
      return 0;
    }
    ctx.out << "revision " << r.revision << ": forgot " << r.docs_removed << " document"
            << (r.docs_removed == 1 ? "" : "s") << "\n  " << Counts(r) << "\n";
    return 0;
  };
}

}  // namespace kg
