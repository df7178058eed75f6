// Shared by the tests: a fake Env, temporary folders, and running kg.
#ifndef KG_TESTS_TEST_UTIL_H_
#define KG_TESTS_TEST_UTIL_H_

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "base/base.h"
#include "graph/graph.h"

namespace kg::test {

// Real files, a fixed clock that ticks one second per call, and environment
// variables from a map: runs are reproducible.
class FakeEnv : public Env {
 public:
  std::string ReadFile(const std::string& path) override {
    if (auto it = files.find(path); it != files.end()) return it->second;
    return Env::Default().ReadFile(path);
  }
  bool IsDirectory(const std::string& path) override {
    return Env::Default().IsDirectory(path);
  }
  bool IsFile(const std::string& path) override {
    return files.count(path) > 0 || Env::Default().IsFile(path);
  }
  std::vector<std::string> ListFilesRecursive(const std::string& dir) override {
    return Env::Default().ListFilesRecursive(dir);
  }
  std::string NowIso() override {
    char buf[32];
    std::snprintf(buf, sizeof buf, "2026-01-01T00:%02d:%02dZ", (ticks / 60) % 60,
                  ticks % 60);
    ++ticks;
    return buf;
  }
  std::string GetVar(const std::string& name) override {
    auto it = vars.find(name);
    return it == vars.end() ? "" : it->second;
  }

  std::map<std::string, std::string> files;  // virtual files, e.g. "-" for stdin
  std::map<std::string, std::string> vars;
  int ticks = 0;
};

// A fresh folder under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  void Write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path dir_;
};

struct RunResult {
  int code;
  std::string out, err;
};

// Runs `kg ARGS` in-process against `env`.
RunResult Kg(FakeEnv& env, const std::vector<std::string>& args);

// Runs a shell command; returns its exit status and what it printed.
RunResult Shell(const std::string& command);

// Validates `file` with xmllint against ../shared/schemas/`schema` (.xsd
// with --schema, .rng with --relaxng). Where ../shared is not beside the
// checkout (a clone made elsewhere), WARNs "SKIP ..." and returns code 0:
// the schemas are the standards' own files, not the project's.
RunResult ValidateXml(const std::string& schema, const std::string& file);

// Validates a GEXF file against the schema of the version it declares:
// 1.2draft against the copy the tests carry (tests/data/schemas), after
// removing Gephi's edge `kind`, which that schema does not know (the copy
// validated is FILE.nokind); 1.3 against ../shared/schemas/gexf-1.3 (SKIP
// without it, as ValidateXml). Any other namespace fails.
RunResult ValidateGexf(const std::string& file);

// Starts the real kg binary (KG_BINARY) with ARGS and returns its pid. Its
// stdout goes to the file `out`, its stderr to `err` (the same file when they
// are equal; /dev/null when empty). `in_child` runs in the child just before
// exec: async-signal-safe calls only (setrlimit, signal). Nothing is
// allocated after fork, so threads may spawn at the same time.
pid_t SpawnKg(const std::vector<std::string>& args, const std::string& out = "",
              const std::string& err = "", const std::function<void()>& in_child = {});
// Waits for a spawned kg: its exit status, or 128 + the signal that ended it.
int WaitKg(pid_t pid);
// Runs kg to its end: SpawnKg then WaitKg.
int RunKg(const std::vector<std::string>& args, const std::string& out = "",
          const std::string& err = "");

std::string ReadFile(const std::string& path);

// Writes `count` synthetic news articles (synthetic-NNNN.txt, `sentences`
// sentences each) into `folder`: countries and agencies of the bundled lexicon
// sanctioning, banning and investigating its companies, so that a large
// corpus extracts many facts about few entities.
void WriteSyntheticArticles(const std::string& folder, int count, int sentences = 20);

// One fact line in the JSONL format of `kg extract`.
std::string FactLine(const std::string& doc, const std::string& s, const std::string& st,
                     const std::string& p, const std::string& o, const std::string& ot,
                     const std::string& evidence, const std::string& date = "");

// The store's graph in readback.py's canonical form ("NODE name|type",
// "EDGE source|predicate|target|weight", sorted); `name` maps a name the way
// a format is expected to carry it.
std::string Canonical(Store& store, std::string (*name)(std::string) = nullptr);
// XML 1.0 cannot carry C0 controls; the XML exporters write U+FFFD instead.
std::string XmlSafe(std::string s);

std::string SharedDir();  // ../shared beside the checkout
std::string SourceDir();

}  // namespace kg::test

#endif  // KG_TESTS_TEST_UTIL_H_
