// The command table and the one place where errors become exit codes.
#include <algorithm>

#include "cli/cli.h"
#include "cli/commands.h"

namespace kg {

const std::vector<Command>& Commands() {
  static const std::vector<Command> table = {
      {"ingest",
       "ingest PATH... [-m MESSAGE] [--jobs N] [--lexicon FILE] [--shard I/N] "
       "[--sync] [--wait] [--min-confidence X] | ingest --triples FILE.jsonl",
       "read articles or triples into the store as one new revision",
       "kg ingest corpus/articles -m \"first batch\"", SetupIngest},
      {"merge-store", "merge-store STORE... -o OUT.db [-m MESSAGE] [--wait]",
       "combine stores (the shards of ingest --shard) into one, as one revision",
       "kg merge-store part1.db part2.db -o all.db", SetupMergeStore},
      {"extract",
       "extract PATH... [--format jsonl|tsv] [--entities|--no-entities] [--jobs N] "
       "[--lexicon FILE] [--min-confidence X] [--explain] [--analyse-all]",
       "extract triples from articles, without a store",
       "kg extract corpus/articles --format jsonl > triples.jsonl", SetupExtract},
      {"annotate",
       "annotate PATH... [--format conllu|json] [--lexicon FILE] | annotate "
       "--tokenized FILE.conllu [--format conllu|json]",
       "what kg reads in each sentence: words, lemmas, tags, trees, entities",
       "kg annotate corpus/articles/deepseek-export-controls.txt", SetupAnnotate},
      {"train",
       "train [--data DIR] [-o FILE] [--wordnet DIR] [--tagger-iterations N] "
       "[--parser-iterations N] [--folds N] [--min-count N] [--prune N] [--seed N]",
       "train the tagger, lemmatiser and parser from UD English EWT",
       "kg train --data ../shared/data/ud-english -o models/english.kgm", SetupTrain},
      {"export",
       "export graphml|gexf|csv|json|dot|cytoscape|html [-o FILE|DIR] [--as-of REV] "
       "[--types T,...] [--predicates P,...] [--min-weight N] [--connected] "
       "[--around ENTITY [--hops N]] [--neo4j] [--gexf-version 1.2draft|1.3]",
       "write the graph for Gephi and other tools (stdout without -o)",
       "kg export graphml -o out/graph.graphml", SetupExport},
      {"path",
       "path FROM TO [-k N] [--max-hops N] [--directed] [--via PRED,...] "
       "[--predicates PRED,...] [--avoid PRED,...] [--types T,...] [--min-weight N] "
       "[--as-of REV|DATE] [--json|--format tsv]",
       "how two entities are connected, each hop with its evidence",
       "kg path DeepSeek \"United States\" -k 3", SetupPath},
      {"neighbors",
       "neighbors ENTITY [--depth N] [--predicate PRED,...] [--avoid PRED,...] "
       "[--direction in|out|both] [--types T,...] [--min-weight N] [--limit N] "
       "[--as-of REV|DATE] [--json|--format tsv]",
       "what an entity is connected to", "kg neighbors Nvidia --depth 2", SetupNeighbors},
      {"entity", "entity NAME [--limit N] [--as-of REV|DATE] [--json|--format tsv]",
       "an entity card: name, type, aliases, degree, dates, triples, timeline",
       "kg entity H20", SetupEntity},
      {"triples",
       "triples [--subject S] [--predicate P,...] [--object O] [--type T,...] "
       "[--min-weight N] [--since DATE] [--until DATE] [--limit N] [--as-of REV|DATE] "
       "[--json|--format tsv]",
       "list triples", "kg triples --predicate sanctions --since 2024-01-01",
       SetupTriples},
      {"match",
       "match PATTERN... [--limit N] [--min-weight N] [--as-of REV|DATE] "
       "[--json|--format tsv]",
       "triple patterns joined on shared ?variables",
       "kg match '?gov sanctions ?co:Company' '?co manufactures ?chip'", SetupMatch},
      {"log", "log [-n N] [--json]", "revisions, newest first", "kg log", SetupLog},
      {"diff", "diff REV [REV2] [--json]",
       "entities and triples added and retired between two revisions", "kg diff 1 2",
       SetupDiff},
      {"revert", "revert REV [-m MESSAGE] [--wait]",
       "a new revision that undoes revision REV", "kg revert 3", SetupRevert},
      {"alias", "alias ALIAS CANONICAL [-m MESSAGE] [--wait]",
       "make ALIAS another name of CANONICAL (a revision; survives re-ingest)",
       "kg alias SH.BA \"United States\"", SetupAlias},
      {"merge", "merge A B [-m MESSAGE] [--wait]",
       "merge entity B into entity A (a revision; survives re-ingest)",
       "kg merge \"Moor Insights\" \"Moor Insights & Strategy\"", SetupMerge},
      {"forget", "forget DOC... [-m MESSAGE] [--wait]",
       "retire documents (by path or URL as ingested) and their evidence",
       "kg forget corpus/articles/old-story.md", SetupForget},
      {"stats", "stats [--as-of REV] [--json]",
       "counts: documents, entities by type, triples by predicate, revisions", "kg stats",
       SetupStats},
  };
  return table;
}

namespace {

const Command* FindCommand(std::string_view name) {
  for (const Command& c : Commands())
    if (name == c.name) return &c;
  return nullptr;
}

constexpr const char* kOneLineUsage =
    "usage: kg [--db PATH] COMMAND [ARGS]; 'kg help' lists the commands\n";

// The candidate nearest `typed` within two edits (case-blind), or "".
std::string Nearest(std::string_view typed, const std::vector<std::string>& candidates) {
  std::string best;
  int best_d = 3;
  for (const std::string& c : candidates) {
    int d = EditDistance(AsciiLower(typed), AsciiLower(c), 2);
    if (d < best_d) best_d = d, best = c;
  }
  return best;
}

// " (did you mean --limit?)" for each unknown option CLI11 reports.
std::string OptionHints(const CLI::App& app, const std::vector<std::string>& args) {
  std::vector<std::string> known;
  for (const CLI::Option* o : app.get_options())
    for (const std::string& n : o->get_lnames()) known.push_back("--" + n);
  std::string hints;
  for (const std::string& a : args) {
    if (a.rfind("--", 0) != 0) continue;
    std::string flag = a.substr(0, a.find('='));
    if (std::find(known.begin(), known.end(), flag) != known.end()) continue;
    if (std::string near = Nearest(flag, known); !near.empty())
      hints += "; did you mean " + near + " for " + flag + "?";
  }
  return hints;
}

void PrintUsage(std::ostream& os) {
  os << "usage: kg [--db PATH] COMMAND [ARGS]\n\n"
        "kg builds a knowledge graph of tech-policy news: typed, merged,\n"
        "evidence-backed triples in a versioned SQLite store (./kg.db unless\n"
        "--db or $KG_DB says otherwise).\n\ncommands:\n";
  for (const Command& c : Commands()) {
    std::string name = c.name;
    name.resize(std::max<size_t>(name.size() + 1, 11), ' ');
    os << "  " << name << c.summary << (c.setup ? "" : " (not implemented yet)") << "\n";
  }
  os << "\n  help       this text; kg COMMAND --help shows a command's options\n"
        "  --version  the version of kg\n";
}

int RunCommand(const Command& cmd, std::vector<std::string> args, Context& ctx) {
  CLI::App app{cmd.summary, std::string("kg ") + cmd.name};
  app.footer(std::string("Usage: kg ") + cmd.usage + "\nExample:\n  " + cmd.example);
  Runner run;
  if (cmd.setup) {
    run = cmd.setup(app, ctx);
    // A list option takes one value per occurrence (a comma list, or the
    // option again), never the words after it: "export --types Company
    // graphml" leaves graphml to the format.
    for (CLI::Option* o : app.get_options())
      if (!o->get_positional() && o->get_expected_max() > 1) o->allow_extra_args(false);
  } else {
    app.allow_extras();
  }
  try {
    std::reverse(args.begin(), args.end());  // CLI11 takes them last-first
    app.parse(args);
  } catch (const CLI::CallForHelp&) {
    ctx.out << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    std::reverse(args.begin(), args.end());
    ctx.err << "kg: error: " << cmd.name << ": " << e.what() << OptionHints(app, args)
            << "\n"
            << "usage: kg " << cmd.usage << "\n"
            << "run 'kg " << cmd.name << " --help' for more\n";
    return 2;
  }
  if (!cmd.setup) {
    ctx.err << "kg: error: '" << cmd.name << "' is not implemented yet\n";
    return 1;
  }
  return run();
}

}  // namespace

std::string OneLine(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

GraphFilter ParseAsOf(const std::string& as_of) {
  GraphFilter f;
  if (as_of.empty()) return f;
  if (IsIsoDate(as_of)) {
    f.as_of_date = as_of;
    return f;
  }
  try {
    size_t used = 0;
    long long rev = std::stoll(as_of, &used);
    if (used != as_of.size() || rev < 1) throw std::invalid_argument(as_of);
    f.as_of_revision = rev;
  } catch (const std::logic_error&) {
    throw Error(
        "--as-of takes a revision number or a date (YYYY-MM-DD), not \"" + as_of + "\"",
        Error::Kind::kUsage);
  }
  return f;
}

int RunCli(const std::vector<std::string>& args, Env& env, std::ostream& out,
           std::ostream& err) {
  Context ctx{env, out, err, env.GetVar("KG_DB")};
  if (ctx.db_path.empty()) ctx.db_path = "kg.db";
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--db" && i + 1 < args.size()) {
      ctx.db_path = args[++i];
    } else if (a.rfind("--db=", 0) == 0) {
      ctx.db_path = a.substr(5);
    } else if (a == "--version") {
      out << "kg " << KG_VERSION << "\n";
      return 0;
    } else if (a == "-h" || a == "--help") {
      PrintUsage(out);
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      err << "kg: error: unknown option " << a
          << (a.rfind("--d", 0) == 0 ? "; did you mean --db?" : "") << "\n"
          << kOneLineUsage;
      return 2;
    } else {
      break;
    }
  }
  if (i == args.size()) {
    PrintUsage(err);
    return 2;
  }
  std::string name = args[i];
  // The global option works after the command too ("kg stats --db X"); no
  // command has a --db of its own. After "--" every word is an argument.
  std::vector<std::string> rest;
  for (size_t k = i + 1; k < args.size(); ++k) {
    const std::string& a = args[k];
    if (a == "--") {
      rest.insert(rest.end(), args.begin() + static_cast<std::ptrdiff_t>(k), args.end());
      break;
    }
    if (a == "--db" && k + 1 < args.size()) {
      ctx.db_path = args[++k];
    } else if (a.rfind("--db=", 0) == 0) {
      ctx.db_path = a.substr(5);
    } else {
      rest.push_back(a);
    }
  }
  if (name == "help") {
    if (rest.empty()) {
      PrintUsage(out);
      return 0;
    }
    name = rest[0];
    rest = {"--help"};
  }
  const Command* cmd = FindCommand(name);
  if (!cmd) {
    std::vector<std::string> names;
    for (const Command& c : Commands()) names.push_back(c.name);
    std::string near = Nearest(name, names);
    err << "kg: error: unknown command '" << name << "'"
        << (near.empty() ? "" : "; did you mean '" + near + "'?") << "\n"
        << kOneLineUsage;
    return 2;
  }
  try {
    return RunCommand(*cmd, rest, ctx);
  } catch (const Error& e) {
    err << "kg: error: " << e.what() << "\n";
    return e.exit_code();
  } catch (const std::exception& e) {
    err << "kg: error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace kg
