// delta_size: does history cost deltas or copies? Builds a store along R
// revisions that each change P% of N documents, and a store built once from
// the final documents, and prints the size ratio (the target is <= 1.5 for
// R = 100, P = 1). Documents are triples JSON lines, applied the way
// `kg ingest --triples` applies them.
//
//   delta_size [--docs N] [--facts F] [--revisions R] [--percent P]
//              [--mode edit|rewrite|both] [--seed S]
//
// edit: a changed article gets one fact rewritten and one added (an article
// corrected or updated). rewrite: every fact of a changed article is new (the
// worst case: the old version has to be kept whole).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "ingest/ingest.h"

namespace {

namespace fs = std::filesystem;

struct Options {
  int docs = 1000, facts = 12, revisions = 100;
  double percent = 1.0;
  std::string mode = "both";
  unsigned seed = 42;
};

const char* const kPredicates[] = {
    "sanctions", "restricts_exports_to", "invests_in",  "partners_with", "develops",
    "uses",      "criticizes",           "investigates"};

class Corpus {
 public:
  Corpus(const Options& o, std::mt19937& rng) : o_(o), rng_(rng) {
    docs_.resize(o.docs);
    for (int d = 0; d < o.docs; ++d)
      for (int f = 0; f < o.facts; ++f) docs_[d].push_back(NewFact(d));
  }
  std::string Jsonl(int d) const {
    std::string out;
    for (const std::string& fact : docs_[d]) out += fact;
    return out;
  }
  void Edit(int d, bool rewrite) {
    if (rewrite) {
      for (std::string& fact : docs_[d]) fact = NewFact(d);
      return;
    }
    docs_[d][Pick(static_cast<int>(docs_[d].size()))] = NewFact(d);
    docs_[d].push_back(NewFact(d));
  }
  int size() const { return o_.docs; }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  std::string Name(const char* kind) {
    return std::string(kind) + " " + std::to_string(Pick(kind[0] == 'C' ? 400 : 60));
  }
  // One fact with a sentence of news-article length.
  std::string NewFact(int d) {
    std::string s = Name("Agency"), o = Name("Company");
    std::string p = kPredicates[Pick(8)];
    std::string sentence = "On a weekday morning, officials said that " + s + " " + p +
                           " " + o + " after months of review, citing concerns " +
                           "raised in filing " + std::to_string(++serial_) + ".";
    char date[16];
    std::snprintf(date, sizeof date, "2025-%02d-%02d", 1 + d % 12, 1 + d % 28);
    return "{\"doc\": \"article-" + std::to_string(d) + "\", \"title\": \"Article " +
           std::to_string(d) + "\", \"date\": \"" + date + "\", \"subject\": \"" + s +
           "\", \"subject_type\": \"GovernmentBody\", \"predicate\": \"" + p +
           "\", \"object\": \"" + o +
           "\", \"object_type\": \"Company\", \"confidence\": 0.9, \"evidence\": \"" +
           sentence + "\"}\n";
  }

  const Options& o_;
  std::mt19937& rng_;
  std::vector<std::vector<std::string>> docs_;
  int serial_ = 0;
};

int64_t StoreBytes(const std::string& path) {
  int64_t total = 0;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    auto n = fs::file_size(path + suffix, ec);
    if (!ec) total += static_cast<int64_t>(n);
  }
  return total;
}

void Apply(kg::Store& store, const std::string& jsonl) {
  store.Apply(kg::ReadTriplesJsonl(jsonl, "bench.jsonl"));
}

double Run(const Options& o, bool rewrite, const std::string& dir) {
  std::mt19937 rng(o.seed);
  Corpus corpus(o, rng);
  std::string history = dir + "/history.db", fresh = dir + "/fresh.db";
  int per_revision = std::max(1, static_cast<int>(o.docs * o.percent / 100.0 + 0.5));
  int64_t revisions = 0;
  {
    auto store =
        kg::Store::Open(history, kg::Store::Mode::kReadWrite, kg::Env::Default());
    std::string all;
    for (int d = 0; d < corpus.size(); ++d) all += corpus.Jsonl(d);
    Apply(*store, all);
    for (int r = 0; r < o.revisions; ++r) {
      std::map<int, bool> changed;
      while (static_cast<int>(changed.size()) < per_revision)
        changed[std::uniform_int_distribution<int>(0, corpus.size() - 1)(rng)] = true;
      std::string jsonl;
      for (const auto& [d, unused] : changed) {
        corpus.Edit(d, rewrite);
        jsonl += corpus.Jsonl(d);
      }
      Apply(*store, jsonl);
    }
    revisions = store->LatestRevision();
  }
  {
    auto store = kg::Store::Open(fresh, kg::Store::Mode::kReadWrite, kg::Env::Default());
    std::string all;
    for (int d = 0; d < corpus.size(); ++d) all += corpus.Jsonl(d);
    Apply(*store, all);
  }
  int64_t h = StoreBytes(history), f = StoreBytes(fresh);
  double ratio = static_cast<double>(h) / static_cast<double>(f);
  std::printf(
      "%-8s %d revisions, %d documents changed in each: history %.2f MB, "
      "fresh %.2f MB, ratio %.2f %s\n",
      rewrite ? "rewrite" : "edit", static_cast<int>(revisions), per_revision, h / 1e6,
      f / 1e6, ratio, ratio <= 1.5 ? "(<= 1.5: ok)" : "(> 1.5)");
  fs::remove(history);
  fs::remove(fresh);
  for (const char* s : {".lock", "-wal", "-shm"}) {
    std::error_code ec;
    fs::remove(history + s, ec);
    fs::remove(fresh + s, ec);
  }
  return ratio;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--docs")
      o.docs = std::atoi(value.c_str());
    else if (flag == "--facts")
      o.facts = std::atoi(value.c_str());
    else if (flag == "--revisions")
      o.revisions = std::atoi(value.c_str());
    else if (flag == "--percent")
      o.percent = std::atof(value.c_str());
    else if (flag == "--mode")
      o.mode = value;
    else if (flag == "--seed")
      o.seed = static_cast<unsigned>(std::atoi(value.c_str()));
    else {
      std::fprintf(stderr, "delta_size: unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  std::string dir =
      (fs::temp_directory_path() / ("kg-delta-" + std::to_string(getpid()))).string();
  fs::create_directories(dir);
  std::printf(
      "delta_size: %d documents x %d facts, %d revisions changing %.1f%% of "
      "the documents each\n",
      o.docs, o.facts, o.revisions, o.percent);
  int status = 0;
  try {
    if (o.mode == "edit" || o.mode == "both") status |= Run(o, false, dir) > 1.5;
    if (o.mode == "rewrite" || o.mode == "both") Run(o, true, dir);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "delta_size: %s\n", e.what());
    status = 1;
  }
  fs::remove_all(dir);
  return status;
}
