// Commands that answer questions: path, neighbors, entity, triples, match.
//
// Output is an aligned table (path: a numbered walk) by default, coloured
// only when writing to a terminal; --format tsv gives a header line and one
// line per row; --json (or --format json) gives one JSON document of the
// shapes below, which scripts may rely on (fields may be added, never
// renamed or removed). Dates are "YYYY-MM-DD" or null when unknown.
//
//   entity    {"id": int, "name": str, "type": str}
//   evidence  {"sentence": str, "document": str, "title": str,
//              "date": str|null, "confidence": num}
//   triple    {"id": int, "subject": str, "subject_type": str,
//              "predicate": str, "object": str, "object_type": str,
//              "weight": int, "evidence_count": int, "confidence": num,
//              "first_seen": str|null, "last_seen": str|null,
//              "evidence": evidence}                  (the best evidence)
//   hop       triple + {"from": str, "to": str, "forward": bool}
//
//   kg path      {"from": str, "to": str, "found": bool, "k": int,
//                 "max_hops": int, "directed": bool,
//                 "hops": [hop],                      (the best path)
//                 "paths": [{"rank": int, "length": int, "cost": int,
//                            "hops": [hop]}]}
//   kg neighbors {"entity": entity, "depth": int,
//                 "direction": "out"|"in"|"both", "count": int,
//                 "groups": [{"predicate": str, "count": int,
//                             "neighbors": [{"depth": int, "entity": entity,
//                                            "from": str, "forward": bool,
//                                            "triple": triple, "path": [str]}]}]}
//   kg entity    {"entity": entity, "aliases": [str],
//                 "names": [{"name": str, "mentions": int}], "mentions": int,
//                 "degree": int, "first_seen": str|null,
//                 "last_seen": str|null, "dates": [str],
//                 "groups": [{"predicate": str, "direction": "out"|"in",
//                             "count": int, "evidence": int,
//                             "triples": [triple]}],
//                 "timeline": [triple]}               (by first_seen)
//   kg triples   {"count": int, "truncated": bool, "triples": [triple]}
//   kg match     {"patterns": [str], "variables": [str], "count": int,
//                 "truncated": bool,
//                 "results": [{"bindings": {VARIABLE: str},
//                              "triples": [triple]}]}  (one per pattern)
//
// In neighbors, "forward" is true when the hop from "from" to the neighbour
// follows the triple from subject to object. Lists cut by --limit keep their
// full length in "count". A match binding is the entity's name, or the
// predicate for a variable in predicate position.
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <iostream>
#include <map>
#include <set>

#include "cli/commands.h"
#include "query/query.h"

namespace kg {

namespace {

// --- Output ----------------------------------------------------------------

enum class Format { kTable, kTsv, kJson };

struct OutputOptions {
  bool json = false;
  std::string format = "table";

  Format Get() const {
    if (json || format == "json") return Format::kJson;
    return format == "tsv" ? Format::kTsv : Format::kTable;
  }
};

void AddOutputOptions(CLI::App& app, OutputOptions& o) {
  app.add_flag("--json", o.json, "JSON output (the same as --format json)");
  app.add_option("--format", o.format, "table (the default), tsv or json")
      ->check(CLI::IsMember({"table", "tsv", "json"}));
}

// ANSI styles, or nothing when not writing to a terminal.
struct Style {
  bool on = false;
  std::string Apply(const char* code, const std::string& s) const {
    return on ? std::string("\033[") + code + "m" + s + "\033[0m" : s;
  }
  std::string Bold(const std::string& s) const { return Apply("1", s); }
  std::string Dim(const std::string& s) const { return Apply("2", s); }
  std::string Accent(const std::string& s) const { return Apply("36", s); }
};

Style StyleFor(Context& ctx) {
  Style s;
  s.on = &ctx.out == &std::cout && isatty(STDOUT_FILENO) &&
         ctx.env.GetVar("NO_COLOR").empty() && ctx.env.GetVar("TERM") != "dumb";
  return s;
}

// Code points, which is what a terminal column holds for the text we print.
size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  bool empty() const { return rows_.empty(); }
  // Columns listed in `accent` are highlighted.
  void Print(std::ostream& out, Format format, const Style& style,
             const std::set<size_t>& accent = {}) const {
    if (format == Format::kTsv) {
      for (const auto* row : All()) {
        for (size_t i = 0; i < row->size(); ++i)
          out << (i ? "\t" : "") << OneLine((*row)[i]);
        out << "\n";
      }
      return;
    }
    std::vector<size_t> width(header_.size(), 0);
    for (const auto* row : All())
      for (size_t i = 0; i < row->size(); ++i)
        width[i] = std::max(width[i], Width((*row)[i]));
    for (const auto* row : All()) {
      std::string line;
      for (size_t i = 0; i < row->size(); ++i) {
        std::string cell = (*row)[i];
        bool last = i + 1 == row->size();
        std::string pad = last ? "" : std::string(width[i] - Width(cell) + 2, ' ');
        if (row == &header_) {
          cell = style.Bold(cell);
        } else if (accent.count(i)) {
          cell = style.Accent(cell);
        }
        line += cell + pad;
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out << line << "\n";
    }
  }

 private:
  std::vector<const std::vector<std::string>*> All() const {
    std::vector<const std::vector<std::string>*> all = {&header_};
    for (const auto& r : rows_) all.push_back(&r);
    return all;
  }
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

std::string Plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string OrDash(const std::string& s) { return s.empty() ? "-" : s; }

// --- Options shared by the commands ---------------------------------------

std::set<std::string> AsSet(const std::vector<std::string>& items) {
  std::set<std::string> set;
  for (const std::string& item : items)
    if (!Trim(item).empty()) set.emplace(Trim(item));
  return set;
}

void CheckDate(const std::string& flag, const std::string& value) {
  if (!value.empty() && !IsIsoDate(value))
    throw Error(flag + " takes a date YYYY-MM-DD, not \"" + value + "\"",
                Error::Kind::kUsage);
}

std::string Joined(const std::set<std::string>& items) {
  std::string s;
  for (const std::string& i : items) s += (s.empty() ? "" : ",") + i;
  return s;
}

// --- JSON -------------------------------------------------------------------

using JsonWriter = rapidjson::Writer<rapidjson::OStreamWrapper>;

void Str(JsonWriter& w, const std::string& s) {
  w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
}
void StrOrNull(JsonWriter& w, const std::string& s) {
  if (s.empty()) {
    w.Null();
  } else {
    Str(w, s);
  }
}

void WriteEntity(JsonWriter& w, const EntityRef& e) {
  w.StartObject();
  w.Key("id");
  w.Int64(e.id);
  w.Key("name");
  Str(w, e.name);
  w.Key("type");
  Str(w, e.type);
  w.EndObject();
}

void WriteEvidence(JsonWriter& w, const Evidence& e) {
  w.StartObject();
  w.Key("sentence");
  Str(w, e.sentence);
  w.Key("document");
  Str(w, e.document);
  w.Key("title");
  Str(w, e.title);
  w.Key("date");
  StrOrNull(w, e.date);
  w.Key("confidence");
  w.Double(e.confidence);
  w.EndObject();
}

// The fields of a triple object, without its braces.
void WriteTripleFields(JsonWriter& w, const Edge& e, const EntityNames& names) {
  const EntityRef& s = names.at(e.source);
  const EntityRef& o = names.at(e.target);
  w.Key("id");
  w.Int64(e.id);
  w.Key("subject");
  Str(w, s.name);
  w.Key("subject_type");
  Str(w, s.type);
  w.Key("predicate");
  Str(w, e.predicate);
  w.Key("object");
  Str(w, o.name);
  w.Key("object_type");
  Str(w, o.type);
  w.Key("weight");
  w.Int(e.weight);
  w.Key("evidence_count");
  w.Int(e.evidence_count);
  w.Key("confidence");
  w.Double(e.confidence);
  w.Key("first_seen");
  StrOrNull(w, e.first_seen);
  w.Key("last_seen");
  StrOrNull(w, e.last_seen);
  w.Key("evidence");
  WriteEvidence(w, e.best);
}

void WriteTriple(JsonWriter& w, const Edge& e, const EntityNames& names) {
  w.StartObject();
  WriteTripleFields(w, e, names);
  w.EndObject();
}

// Runs `body` with a writer on ctx.out and ends the document with a newline.
template <typename Body>
void Json(Context& ctx, Body body) {
  rapidjson::OStreamWrapper os(ctx.out);
  JsonWriter w(os);
  body(w);
  ctx.out << "\n";
}

// --- path -------------------------------------------------------------------

// Names of every entity on the paths.
EntityNames PathNames(Store::Lookup& lookup, const std::vector<Path>& paths,
                      std::initializer_list<int64_t> ends) {
  EntityNames names;
  auto add = [&](int64_t id) {
    if (names.count(id)) return;
    auto e = lookup.Entity(id);
    names.emplace(id, e ? *e : EntityRef{id, "?", "Unknown"});
  };
  for (int64_t id : ends) add(id);
  for (const Path& p : paths)
    for (const Hop& h : p.hops) {
      add(h.edge.source);
      add(h.edge.target);
    }
  return names;
}

void WriteHop(JsonWriter& w, const Hop& h, const EntityNames& names) {
  w.StartObject();
  WriteTripleFields(w, h.edge, names);
  w.Key("from");
  Str(w, names.at(h.from).name);
  w.Key("to");
  Str(w, names.at(h.to).name);
  w.Key("forward");
  w.Bool(h.forward);
  w.EndObject();
}

}  // namespace

Runner SetupPath(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string from, to, as_of;
    int max_hops = 6, k = 1, min_weight = 0;
    bool directed = false;
    std::vector<std::string> via, avoid, types, predicates;
    OutputOptions output;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("from", o->from, "the entity to start from")->required();
  app.add_option("to", o->to, "the entity to reach")->required();
  app.add_option("--max-hops", o->max_hops, "the longest path to look for (6)")
      ->check(CLI::PositiveNumber);
  app.add_option("-k", o->k, "how many paths: the k shortest loopless ones (1)")
      ->check(CLI::PositiveNumber);
  app.add_flag("--directed", o->directed,
               "follow edges only from subject to object (default: both ways)");
  app.add_option("--via", o->via, "each path uses one of these predicates: P,...")
      ->delimiter(',');
  app.add_option("--avoid", o->avoid, "never use these predicates: P,...")
      ->delimiter(',');
  app.add_option("--predicates", o->predicates, "use only these predicates: P,...")
      ->delimiter(',');
  app.add_option("--types", o->types, "pass only entities of these types: T,...")
      ->delimiter(',');
  app.add_option("--min-weight", o->min_weight,
                 "use only edges supported by at least N documents")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--as-of", o->as_of,
                 "the graph at revision REV, or as reported up to YYYY-MM-DD");
  AddOutputOptions(app, o->output);
  return [o, &ctx]() -> int {
    PathOptions opts;
    opts.filter = ParseAsOf(o->as_of);
    opts.max_hops = o->max_hops;
    opts.k = o->k;
    opts.directed = o->directed;
    opts.via = CheckPredicates(AsSet(o->via));
    opts.edges.avoid = CheckPredicates(AsSet(o->avoid));
    opts.edges.predicates = CheckPredicates(AsSet(o->predicates));
    opts.edges.types = CheckTypes(AsSet(o->types));
    opts.edges.min_weight = o->min_weight;
    auto store = ctx.OpenStore(Store::Mode::kReadOnly);
    auto lookup = store->NewLookup(opts.filter);
    std::vector<int64_t> ends =
        ResolveEntities(*store, *lookup, {o->from, o->to}, opts.filter);
    int64_t from = ends[0], to = ends[1];
    std::vector<Path> paths = ShortestPaths(*store, from, to, opts);
    EntityNames names = PathNames(*lookup, paths, {from, to});
    const std::string& a = names.at(from).name;
    const std::string& b = names.at(to).name;
    Format format = o->output.Get();

    if (format == Format::kJson) {
      Json(ctx, [&](JsonWriter& w) {
        w.StartObject();
        w.Key("from");
        Str(w, a);
        w.Key("to");
        Str(w, b);
        w.Key("found");
        w.Bool(!paths.empty());
        w.Key("k");
        w.Int(opts.k);
        w.Key("max_hops");
        w.Int(opts.max_hops);
        w.Key("directed");
        w.Bool(opts.directed);
        w.Key("hops");
        w.StartArray();
        if (!paths.empty())
          for (const Hop& h : paths[0].hops) WriteHop(w, h, names);
        w.EndArray();
        w.Key("paths");
        w.StartArray();
        for (size_t i = 0; i < paths.size(); ++i) {
          w.StartObject();
          w.Key("rank");
          w.Int(static_cast<int>(i + 1));
          w.Key("length");
          w.Int(static_cast<int>(paths[i].hops.size()));
          w.Key("cost");
          w.Int64(paths[i].cost);
          w.Key("hops");
          w.StartArray();
          for (const Hop& h : paths[i].hops) WriteHop(w, h, names);
          w.EndArray();
          w.EndObject();
        }
        w.EndArray();
        w.EndObject();
      });
      return 0;
    }
    if (format == Format::kTsv) {
      Table t({"path", "hop", "from", "to", "subject", "predicate", "object", "forward",
               "weight", "sentence", "document", "date"});
      for (size_t i = 0; i < paths.size(); ++i)
        for (size_t j = 0; j < paths[i].hops.size(); ++j) {
          const Hop& h = paths[i].hops[j];
          t.Add({std::to_string(i + 1), std::to_string(j + 1), names.at(h.from).name,
                 names.at(h.to).name, names.at(h.edge.source).name, h.edge.predicate,
                 names.at(h.edge.target).name, h.forward ? "true" : "false",
                 std::to_string(h.edge.weight), h.edge.best.sentence,
                 h.edge.best.document, h.edge.best.date});
        }
      t.Print(ctx.out, format, {});
      return 0;
    }

    Style style = StyleFor(ctx);
    if (paths.empty()) {
      std::vector<std::string> limits;
      if (o->max_hops != 6 || o->directed)
        limits.push_back("within " + Plural(o->max_hops, "hop"));
      if (o->directed) limits.push_back("directed");
      if (!opts.via.empty()) limits.push_back("via " + Joined(opts.via));
      if (!opts.edges.avoid.empty())
        limits.push_back("avoiding " + Joined(opts.edges.avoid));
      if (!opts.edges.predicates.empty())
        limits.push_back("predicates " + Joined(opts.edges.predicates));
      if (!opts.edges.types.empty())
        limits.push_back("types " + Joined(opts.edges.types));
      if (opts.edges.min_weight > 1)
        limits.push_back("min weight " + std::to_string(opts.edges.min_weight));
      ctx.out << "no path from " << a << " to " << b;
      for (size_t i = 0; i < limits.size(); ++i)
        ctx.out << (i ? ", " : " (") << limits[i];
      ctx.out << (limits.empty() ? "" : ")") << "\n";
      return 0;
    }
    auto print_hops = [&](const Path& p) {
      int i = 0;
      for (const Hop& h : p.hops) {
        std::string arrow = h.forward ? " --" + style.Accent(h.edge.predicate) + "--> "
                                      : " <--" + style.Accent(h.edge.predicate) + "-- ";
        ctx.out << "  " << ++i << ". " << style.Bold(names.at(h.from).name) << arrow
                << style.Bold(names.at(h.to).name) << "  ("
                << Plural(h.edge.weight, "document") << ")\n";
        const Evidence& e = h.edge.best;
        ctx.out << "     " << style.Dim("\"" + e.sentence + "\"") << "\n"
                << "     " << e.document << (e.date.empty() ? ", undated" : ", " + e.date)
                << "\n";
      }
    };
    if (paths.size() == 1 && opts.k == 1) {
      ctx.out << a << " -> " << b << ": "
              << Plural(static_cast<int>(paths[0].hops.size()), "hop") << "\n";
      print_hops(paths[0]);
      return 0;
    }
    ctx.out << a << " -> " << b << ": " << Plural(static_cast<int>(paths.size()), "path");
    if (static_cast<int>(paths.size()) < opts.k)
      ctx.out << " (of " << opts.k << " asked; no more within "
              << Plural(opts.max_hops, "hop") << ")";
    ctx.out << "\n";
    for (size_t i = 0; i < paths.size(); ++i) {
      ctx.out << style.Bold("path " + std::to_string(i + 1)) << ": "
              << Plural(static_cast<int>(paths[i].hops.size()), "hop") << "\n";
      print_hops(paths[i]);
    }
    return 0;
  };
}

// --- neighbors ----------------------------------------------------------------

Runner SetupNeighbors(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string entity, as_of, direction = "both";
    int depth = 1, min_weight = 0, limit = 0;
    std::vector<std::string> predicates, avoid, types;
    OutputOptions output;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("entity", o->entity, "the entity at the centre")->required();
  app.add_option("--depth", o->depth, "how many hops out (1)")
      ->check(CLI::PositiveNumber);
  app.add_option("--predicate,--predicates", o->predicates,
                 "follow only these predicates: P,...")
      ->delimiter(',');
  app.add_option("--avoid", o->avoid, "never follow these predicates: P,...")
      ->delimiter(',');
  app.add_option("--direction", o->direction,
                 "out: along subject -> object; in: against it; both (the default)")
      ->check(CLI::IsMember({"in", "out", "both"}));
  app.add_option("--types", o->types, "only entities of these types: T,...")
      ->delimiter(',');
  app.add_option("--min-weight", o->min_weight,
                 "only edges supported by at least N documents")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--limit", o->limit, "at most N rows per predicate (0: all)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--as-of", o->as_of,
                 "the graph at revision REV, or as reported up to YYYY-MM-DD");
  AddOutputOptions(app, o->output);
  return [o, &ctx]() -> int {
    NeighborOptions opts;
    opts.filter = ParseAsOf(o->as_of);
    opts.depth = o->depth;
    opts.direction = o->direction == "in"    ? Direction::kIn
                     : o->direction == "out" ? Direction::kOut
                                             : Direction::kBoth;
    opts.edges.predicates = CheckPredicates(AsSet(o->predicates));
    opts.edges.avoid = CheckPredicates(AsSet(o->avoid));
    opts.edges.types = CheckTypes(AsSet(o->types));
    opts.edges.min_weight = o->min_weight;
    auto store = ctx.OpenStore(Store::Mode::kReadOnly);
    auto lookup = store->NewLookup(opts.filter);
    int64_t center = ResolveEntity(*store, *lookup, o->entity, opts.filter);
    Neighborhood hood = Neighbors(*store, center, opts);
    const EntityNames& names = hood.entities;
    size_t limit = o->limit > 0 ? static_cast<size_t>(o->limit) : SIZE_MAX;
    Format format = o->output.Get();

    // A row beyond the first hop is read along its path from the centre
    // ("Nvidia -competes_with- Huawei -develops-> Ascend 910B"): its
    // predicate is the last hop's, not the centre's.
    std::map<int64_t, const Neighbor*> nearest;  // entity -> its row, nearest first
    for (const auto& g : hood.groups)
      for (const Neighbor& n : g.rows) {
        auto [it, fresh] = nearest.emplace(n.hop.to, &n);
        if (!fresh && n.depth < it->second->depth) it->second = &n;
      }
    auto hops_to = [&](const Neighbor& last) {
      std::vector<const Neighbor*> hops = {&last};
      while (hops.size() < static_cast<size_t>(last.depth)) {
        auto it = nearest.find(hops.back()->hop.from);
        if (it == nearest.end() || it->second->depth >= hops.back()->depth) break;
        hops.push_back(it->second);
      }
      std::reverse(hops.begin(), hops.end());
      return hops;
    };
    auto PathTo = [&](const Neighbor& last) {
      std::vector<const Neighbor*> hops = hops_to(last);
      std::string path = names.at(hops.front()->hop.from).name;
      for (const Neighbor* h : hops) {
        const std::string& p = h->hop.edge.predicate;
        path += (h->hop.forward ? " -" + p + "-> " : " <-" + p + "- ") +
                names.at(h->hop.to).name;
      }
      return path;
    };
    if (format == Format::kJson) {
      Json(ctx, [&](JsonWriter& w) {
        w.StartObject();
        w.Key("entity");
        WriteEntity(w, hood.center);
        w.Key("depth");
        w.Int(opts.depth);
        w.Key("direction");
        Str(w, o->direction);
        w.Key("count");
        w.Int(hood.count);
        w.Key("groups");
        w.StartArray();
        for (const auto& g : hood.groups) {
          w.StartObject();
          w.Key("predicate");
          Str(w, g.predicate);
          w.Key("count");
          w.Int(static_cast<int>(g.rows.size()));
          w.Key("neighbors");
          w.StartArray();
          for (size_t i = 0; i < g.rows.size() && i < limit; ++i) {
            const Neighbor& n = g.rows[i];
            w.StartObject();
            w.Key("depth");
            w.Int(n.depth);
            w.Key("entity");
            WriteEntity(w, names.at(n.hop.to));
            w.Key("from");
            Str(w, names.at(n.hop.from).name);
            w.Key("forward");
            w.Bool(n.hop.forward);
            w.Key("triple");
            WriteTriple(w, n.hop.edge, names);
            w.Key("path");  // the entities from the centre to this one
            w.StartArray();
            std::vector<const Neighbor*> hops = hops_to(n);
            Str(w, names.at(hops.front()->hop.from).name);
            for (const Neighbor* h : hops) Str(w, names.at(h->hop.to).name);
            w.EndArray();
            w.EndObject();
          }
          w.EndArray();
          w.EndObject();
        }
        w.EndArray();
        w.EndObject();
      });
      return 0;
    }

    bool deep = opts.depth > 1;
    std::vector<std::string> header = {"PREDICATE", "DIR", "NEIGHBOUR", "TYPE"};
    if (deep) header.insert(header.end(), {"DEPTH", "PATH"});
    header.insert(header.end(), {"WEIGHT", "EVIDENCE", "LAST SEEN"});
    if (format == Format::kTsv)
      for (std::string& h : header) {
        std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) {
          return static_cast<char>(std::tolower(c));
        });
        std::replace(h.begin(), h.end(), ' ', '_');
      }
    Table t(header);
    for (const auto& g : hood.groups) {
      for (size_t i = 0; i < g.rows.size() && i < limit; ++i) {
        const Neighbor& n = g.rows[i];
        const EntityRef& other = names.at(n.hop.to);
        std::vector<std::string> row = {
            i == 0 || format == Format::kTsv ? g.predicate : "",
            n.hop.forward ? "->" : "<-", other.name, other.type};
        if (deep) row.insert(row.end(), {std::to_string(n.depth), PathTo(n)});
        row.insert(row.end(), {std::to_string(n.hop.edge.weight),
                               std::to_string(n.hop.edge.evidence_count),
                               OrDash(n.hop.edge.last_seen)});
        t.Add(std::move(row));
      }
      if (g.rows.size() > limit && format == Format::kTable) {
        std::vector<std::string> more(header.size(), "");
        more[2] = "... " + std::to_string(g.rows.size() - limit) + " more";
        t.Add(std::move(more));
      }
    }
    if (format == Format::kTsv) {
      t.Print(ctx.out, format, {});
      return 0;
    }
    Style style = StyleFor(ctx);
    ctx.out << style.Bold(hood.center.name) << " (" << hood.center.type
            << "): " << Plural(hood.count, "neighbour") << " within "
            << Plural(opts.depth, "hop") << "\n";
    if (!t.empty()) t.Print(ctx.out, format, style, {0});
    return 0;
  };
}

// --- entity -------------------------------------------------------------------

Runner SetupEntity(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string name, as_of;
    int limit = 20;
    OutputOptions output;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("name", o->name, "the entity, by any of its names")->required();
  app.add_option("--limit", o->limit,
                 "at most N triples per predicate and in the timeline (20; 0: all)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--as-of", o->as_of,
                 "the graph at revision REV, or as reported up to YYYY-MM-DD");
  AddOutputOptions(app, o->output);
  return [o, &ctx]() -> int {
    GraphFilter filter = ParseAsOf(o->as_of);
    auto store = ctx.OpenStore(Store::Mode::kReadOnly);
    auto lookup = store->NewLookup(filter);
    int64_t id = ResolveEntity(*store, *lookup, o->name, filter);
    EntityCard card = GetEntityCard(*store, id, filter);
    const Node& n = card.node;
    const EntityNames& names = card.entities;
    size_t limit = o->limit > 0 ? static_cast<size_t>(o->limit) : SIZE_MAX;
    Format format = o->output.Get();

    if (format == Format::kJson) {
      Json(ctx, [&](JsonWriter& w) {
        w.StartObject();
        w.Key("entity");
        WriteEntity(w, names.at(id));
        w.Key("aliases");
        w.StartArray();
        for (const std::string& a : n.aliases) Str(w, a);
        w.EndArray();
        w.Key("names");  // the aliases again, with how often articles used each
        w.StartArray();
        for (size_t i = 0; i < n.aliases.size(); ++i) {
          w.StartObject();
          w.Key("name");
          Str(w, n.aliases[i]);
          w.Key("mentions");
          w.Int(i < n.alias_mentions.size() ? n.alias_mentions[i] : 0);
          w.EndObject();
        }
        w.EndArray();
        w.Key("mentions");
        w.Int(n.mentions);
        w.Key("degree");
        w.Int(n.degree);
        w.Key("first_seen");
        StrOrNull(w, n.first_seen);
        w.Key("last_seen");
        StrOrNull(w, n.last_seen);
        w.Key("dates");
        w.StartArray();
        for (const std::string& d : n.dates) Str(w, d);
        w.EndArray();
        w.Key("groups");
        w.StartArray();
        for (const auto& g : card.groups) {
          w.StartObject();
          w.Key("predicate");
          Str(w, g.predicate);
          w.Key("direction");
          Str(w, g.outgoing ? "out" : "in");
          w.Key("count");
          w.Int(static_cast<int>(g.links.size()));
          w.Key("evidence");
          w.Int(g.evidence);
          w.Key("triples");
          w.StartArray();
          for (size_t i = 0; i < g.links.size() && i < limit; ++i)
            WriteTriple(w, g.links[i].edge, names);
          w.EndArray();
          w.EndObject();
        }
        w.EndArray();
        w.Key("timeline");
        w.StartArray();
        for (size_t i = 0; i < card.timeline.size() && i < limit; ++i)
          WriteTriple(w, card.timeline[i].edge, names);
        w.EndArray();
        w.EndObject();
      });
      return 0;
    }

    auto other = [&](const EntityCard::Link& l) -> const EntityRef& {
      return names.at(l.outgoing ? l.edge.target : l.edge.source);
    };
    Table triples({format == Format::kTsv ? "predicate" : "PREDICATE",
                   format == Format::kTsv ? "direction" : "DIR",
                   format == Format::kTsv ? "other" : "OTHER",
                   format == Format::kTsv ? "type" : "TYPE",
                   format == Format::kTsv ? "weight" : "WEIGHT",
                   format == Format::kTsv ? "evidence" : "EVIDENCE",
                   format == Format::kTsv ? "first_seen" : "FIRST SEEN",
                   format == Format::kTsv ? "last_seen" : "LAST SEEN"});
    for (const auto& g : card.groups) {
      for (size_t i = 0; i < g.links.size() && i < limit; ++i) {
        const EntityCard::Link& l = g.links[i];
        triples.Add({i == 0 || format == Format::kTsv ? g.predicate : "",
                     l.outgoing ? "->" : "<-", other(l).name, other(l).type,
                     std::to_string(l.edge.weight), std::to_string(l.edge.evidence_count),
                     OrDash(l.edge.first_seen), OrDash(l.edge.last_seen)});
      }
      if (g.links.size() > limit && format == Format::kTable)
        triples.Add({"", "", "... " + std::to_string(g.links.size() - limit) + " more",
                     "", "", "", "", ""});
    }
    if (format == Format::kTsv) {
      triples.Print(ctx.out, format, {});
      return 0;
    }

    Style style = StyleFor(ctx);
    ctx.out << style.Bold(n.name) << " (" << n.type << ")\n";
    std::string aliases;  // U.S. (31), US (4), America
    for (size_t i = 0; i < n.aliases.size(); ++i) {
      aliases += (i ? ", " : "") + n.aliases[i];
      if (i < n.alias_mentions.size() && n.alias_mentions[i] > 0)
        aliases += " (" + std::to_string(n.alias_mentions[i]) + ")";
    }
    ctx.out << "  aliases    " << (aliases.empty() ? "-" : aliases) << "\n"
            << "  mentions   " << n.mentions << "\n"
            << "  seen       "
            << (n.first_seen.empty()
                    ? "undated"
                    : n.first_seen + " to " + n.last_seen + " (" +
                          Plural(static_cast<int>(n.dates.size()), "date") + ")")
            << "\n"
            << "  degree     " << n.degree << "\n";
    if (triples.empty()) return 0;
    ctx.out << "\n" << style.Bold("triples") << "\n";
    triples.Print(ctx.out, format, style, {0});
    ctx.out << "\n" << style.Bold("timeline") << "\n";
    size_t shown = std::min(limit, card.timeline.size());
    size_t skip = card.timeline.size() - shown;  // the latest are shown
    if (skip > 0) ctx.out << "  ... " << skip << " earlier\n";
    for (size_t i = skip; i < card.timeline.size(); ++i) {
      const Edge& e = card.timeline[i].edge;
      ctx.out << "  " << (e.first_seen.empty() ? "undated   " : e.first_seen) << "  "
              << names.at(e.source).name << " --" << style.Accent(e.predicate) << "--> "
              << names.at(e.target).name << "  (" << Plural(e.weight, "document");
      if (!e.last_seen.empty() && e.last_seen != e.first_seen)
        ctx.out << ", last " << e.last_seen;
      ctx.out << ")\n";
    }
    return 0;
  };
}

// --- triples ------------------------------------------------------------------

Runner SetupTriples(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string subject, object, as_of, since, until;
    std::vector<std::string> predicates, types;
    int min_weight = 0, limit = 0;
    OutputOptions output;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("--subject", o->subject, "triples with this subject");
  app.add_option("--predicate,--predicates", o->predicates,
                 "triples with one of these predicates: P,...")
      ->delimiter(',');
  app.add_option("--object", o->object, "triples with this object");
  app.add_option("--type,--types", o->types,
                 "triples with a subject or object of one of these types: T,...")
      ->delimiter(',');
  app.add_option("--min-weight", o->min_weight,
                 "triples supported by at least N documents")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--since", o->since,
                 "reported by an article dated on or after YYYY-MM-DD");
  app.add_option("--until", o->until,
                 "reported by an article dated on or before YYYY-MM-DD");
  app.add_option("--limit", o->limit, "at most N triples (0: all)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--as-of", o->as_of,
                 "the graph at revision REV, or as reported up to YYYY-MM-DD");
  AddOutputOptions(app, o->output);
  return [o, &ctx]() -> int {
    CheckDate("--since", o->since);
    CheckDate("--until", o->until);
    TripleQuery q;
    q.filter = ParseAsOf(o->as_of);
    q.predicates = CheckPredicates(AsSet(o->predicates));
    q.types = CheckTypes(AsSet(o->types));
    q.min_weight = o->min_weight;
    q.since = o->since;
    q.until = o->until;
    q.limit = o->limit;
    auto store = ctx.OpenStore(Store::Mode::kReadOnly);
    auto lookup = store->NewLookup(q.filter);
    std::vector<std::string_view> given;
    if (!o->subject.empty()) given.push_back(o->subject);
    if (!o->object.empty()) given.push_back(o->object);
    std::vector<int64_t> ids = ResolveEntities(*store, *lookup, given, q.filter);
    if (!o->subject.empty()) q.subject = ids[0];
    if (!o->object.empty()) q.object = ids.back();
    TripleList list = ListTriples(*store, q);
    Format format = o->output.Get();
    if (list.truncated)
      ctx.err << "kg: showing the first " << q.limit << " triples; --limit 0 shows all\n";

    if (format == Format::kJson) {
      Json(ctx, [&](JsonWriter& w) {
        w.StartObject();
        w.Key("count");
        w.Int(static_cast<int>(list.edges.size()));
        w.Key("truncated");
        w.Bool(list.truncated);
        w.Key("triples");
        w.StartArray();
        for (const Edge& e : list.edges) WriteTriple(w, e, list.entities);
        w.EndArray();
        w.EndObject();
      });
      return 0;
    }
    bool tsv = format == Format::kTsv;
    Table t({tsv ? "subject" : "SUBJECT", tsv ? "predicate" : "PREDICATE",
             tsv ? "object" : "OBJECT", tsv ? "weight" : "WEIGHT",
             tsv ? "evidence" : "EVIDENCE", tsv ? "first_seen" : "FIRST SEEN",
             tsv ? "last_seen" : "LAST SEEN"});
    for (const Edge& e : list.edges)
      t.Add({list.entities.at(e.source).name, e.predicate,
             list.entities.at(e.target).name, std::to_string(e.weight),
             std::to_string(e.evidence_count), OrDash(e.first_seen),
             OrDash(e.last_seen)});
    if (t.empty() && !tsv) {
      ctx.out << "no triples\n";
      return 0;
    }
    t.Print(ctx.out, format, StyleFor(ctx), {1});
    return 0;
  };
}

// --- match --------------------------------------------------------------------

Runner SetupMatch(CLI::App& app, Context& ctx) {
  struct Opts {
    std::vector<std::string> patterns;
    std::string as_of;
    int limit = 100, min_weight = 0;
    OutputOptions output;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("patterns", o->patterns,
                 "triple patterns, one per argument: '?gov sanctions ?co:Company'; "
                 "?var:Type constrains a type; quote names of several words: "
                 "'?x based_in \"United States\"'")
      ->required();
  app.add_option("--limit", o->limit, "at most N results (100; 0: all)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--min-weight", o->min_weight,
                 "match only triples supported by at least N documents")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--as-of", o->as_of,
                 "the graph at revision REV, or as reported up to YYYY-MM-DD");
  AddOutputOptions(app, o->output);
  return [o, &ctx]() -> int {
    std::vector<MatchPattern> patterns;
    for (const std::string& p : o->patterns) patterns.push_back(ParseMatchPattern(p));
    MatchOptions opts;
    opts.filter = ParseAsOf(o->as_of);
    opts.limit = o->limit;
    opts.min_weight = o->min_weight;
    auto store = ctx.OpenStore(Store::Mode::kReadOnly);
    MatchResult r = Match(*store, patterns, opts);
    const EntityNames& names = r.entities;
    auto value = [&](const MatchResult::Row& row, size_t v) -> const std::string& {
      return r.predicate_variable[v] ? row.values[v].predicate
                                     : names.at(row.values[v].entity).name;
    };
    if (r.truncated)
      ctx.err << "kg: showing the first " << opts.limit
              << " results; --limit 0 shows all\n";
    Format format = o->output.Get();

    if (format == Format::kJson) {
      Json(ctx, [&](JsonWriter& w) {
        w.StartObject();
        w.Key("patterns");
        w.StartArray();
        for (const std::string& p : o->patterns) Str(w, p);
        w.EndArray();
        w.Key("variables");
        w.StartArray();
        for (const std::string& v : r.variables) Str(w, v);
        w.EndArray();
        w.Key("count");
        w.Int(static_cast<int>(r.rows.size()));
        w.Key("truncated");
        w.Bool(r.truncated);
        w.Key("results");
        w.StartArray();
        for (const auto& row : r.rows) {
          w.StartObject();
          w.Key("bindings");
          w.StartObject();
          for (size_t v = 0; v < r.variables.size(); ++v) {
            Str(w, r.variables[v]);
            Str(w, value(row, v));
          }
          w.EndObject();
          w.Key("triples");
          w.StartArray();
          for (int64_t t : row.triples) WriteTriple(w, r.edges.at(t), names);
          w.EndArray();
          w.EndObject();
        }
        w.EndArray();
        w.EndObject();
      });
      return 0;
    }
    std::vector<std::string> header;
    for (const std::string& v : r.variables) header.push_back("?" + v);
    Table t(header);
    for (const auto& row : r.rows) {
      std::vector<std::string> cells;
      for (size_t v = 0; v < r.variables.size(); ++v) cells.push_back(value(row, v));
      t.Add(std::move(cells));
    }
    if (t.empty() && format == Format::kTable) {
      ctx.out << "no matches\n";
      return 0;
    }
    t.Print(ctx.out, format, StyleFor(ctx));
    return 0;
  };
}

}  // namespace kg
