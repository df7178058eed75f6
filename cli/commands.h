// Internal to cli/: what every command gets, and the command table.
#ifndef KG_CLI_COMMANDS_H_
#define KG_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "base/base.h"
#include "graph/graph.h"

namespace kg {

struct Context {
  Env& env;
  std::ostream& out;
  std::ostream& err;
  std::string db_path;

  std::unique_ptr<Store> OpenStore(Store::Mode mode) {
    return Store::Open(db_path, mode, env);
  }
};

// A command sets up its options on `app` and returns what runs after parsing.
// A null `setup` marks a command of the contract that is not built yet.
using Runner = std::function<int()>;
struct Command {
  const char* name;
  const char* usage;    // the synopsis after "kg "
  const char* summary;  // one line for `kg help`
  const char* example;  // shown by `kg COMMAND --help`
  Runner (*setup)(CLI::App& app, Context& ctx);
};

const std::vector<Command>& Commands();

// Commands, one function each (commands_*.cc).
Runner SetupIngest(CLI::App& app, Context& ctx);
Runner SetupExtract(CLI::App& app, Context& ctx);
Runner SetupMergeStore(CLI::App& app, Context& ctx);
// The syntactic layer (commands_analysis.cc).
Runner SetupAnnotate(CLI::App& app, Context& ctx);
Runner SetupTrain(CLI::App& app, Context& ctx);
Runner SetupExport(CLI::App& app, Context& ctx);
Runner SetupPath(CLI::App& app, Context& ctx);
Runner SetupNeighbors(CLI::App& app, Context& ctx);
Runner SetupEntity(CLI::App& app, Context& ctx);
Runner SetupTriples(CLI::App& app, Context& ctx);
Runner SetupMatch(CLI::App& app, Context& ctx);
Runner SetupStats(CLI::App& app, Context& ctx);
// History and curation (commands_history.cc).
Runner SetupLog(CLI::App& app, Context& ctx);
Runner SetupDiff(CLI::App& app, Context& ctx);
Runner SetupRevert(CLI::App& app, Context& ctx);
Runner SetupAlias(CLI::App& app, Context& ctx);
Runner SetupMerge(CLI::App& app, Context& ctx);
Runner SetupForget(CLI::App& app, Context& ctx);

// `s` with tabs and line breaks as spaces: one cell of a TSV row, one
// CoNLL-U comment.
std::string OneLine(std::string s);

// Parses "--as-of REV|YYYY-MM-DD" into a filter; throws a usage Error when
// malformed.
GraphFilter ParseAsOf(const std::string& as_of);

}  // namespace kg

#endif  // KG_CLI_COMMANDS_H_
