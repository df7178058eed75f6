// A writer killed with SIGKILL at any moment leaves the store at the revision
// before it (or after it, when the kill came after the commit), intact, and
// the next run converges to the graph an uninterrupted run builds.
#include <SQLiteCpp/SQLiteCpp.h>
#include <signal.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "graph/graph.h"
#include "tests/graph_dump.h"
#include "tests/test_util.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

// The graph and latest revision, as a reader finds them; an absent or
// not yet migrated store is the empty graph before revision 1.
std::pair<int64_t, std::string> ReadState(const std::string& db) {
  if (!fs::exists(db)) return {0, ""};
  {
    // Read-write, as kg's readers open it: after a kill, the WAL index may
    // need the recovery a read-only connection cannot make.
    SQLite::Database raw(db, SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA query_only = ON");
    std::string integrity = raw.execAndGet("PRAGMA integrity_check").getString();
    INFO(db);
    REQUIRE(integrity == "ok");
  }
  try {
    auto store = Store::Open(db, Store::Mode::kReadOnly, Env::Default());
    return {store->LatestRevision(), test::CanonicalDump(*store)};
  } catch (const Error& e) {
    // Killed before the store's creation committed: an empty file. Any other
    // failure (a reader unable to recover the WAL, say) fails the test.
    INFO(e.what());
    REQUIRE(std::string(e.what()).find("not a kg store yet") != std::string::npos);
    return {0, ""};
  }
}

TEST_CASE("kg ingest killed at random moments leaves a sound store that converges") {
  test::TempDir dir;
  std::string ref = dir.Path("ref.db"), crash = dir.Path("crash.db");
  std::vector<fs::path> articles;
  for (const auto& e : fs::directory_iterator(test::SourceDir() + "/corpus/articles"))
    articles.push_back(e.path());
  std::sort(articles.begin(), articles.end());
  REQUIRE(articles.size() >= 10);
  std::string folder = dir.Path("articles");
  fs::create_directories(folder);
  auto copy = [&](size_t first, size_t last) {
    for (size_t i = first; i < last; ++i)
      fs::copy_file(articles[i], folder + "/" + articles[i].filename().string(),
                    fs::copy_options::overwrite_existing);
  };
  std::string big;
  for (int i = 0; i < 3000; ++i)
    big += test::FactLine(
        "wire-" + std::to_string(i / 10), "Agency " + std::to_string(i % 37),
        "GovernmentBody", "investigates", "Firm " + std::to_string(i % 101), "Company",
        "Agency " + std::to_string(i % 37) + " opened a probe of Firm " +
            std::to_string(i % 101) + " on day " + std::to_string(i) + ".",
        "2025-01-" + std::to_string(10 + i % 18));
  dir.Write("big.jsonl", big);

  // Each step changes the inputs, then runs the same command on both stores.
  struct Step {
    std::function<void()> prepare;
    std::vector<std::string> args;
  };
  size_t n = articles.size();
  std::vector<Step> steps = {
      {[&] { copy(0, n / 2); }, {"ingest", folder}},
      {[&] { copy(0, n); }, {"ingest", folder}},
      {[&] {
         for (size_t i = 0; i < 3; ++i)
           std::ofstream(folder + "/" + articles[i].filename().string(), std::ios::app)
               << "\nThe United States sanctioned ZTE in 2018.\n";
         fs::remove(folder + "/" + articles[n - 1].filename().string());
       },
       {"ingest", "--sync", folder}},
      {[] {}, {"ingest", "--triples", dir.Path("big.jsonl")}},
  };

  const char* seed_var = std::getenv("KG_CRASH_SEED");
  unsigned seed =
      seed_var ? static_cast<unsigned>(std::atoi(seed_var)) : std::random_device{}();
  INFO("KG_CRASH_SEED=" << seed);
  std::mt19937 rng(seed);
  // 4 steps x 13: at least 50 kills a run interrupt an ingest before its
  // commit; those that come after it are counted apart.
  constexpr int kKillsPerStep = 13;
  int interrupted = 0, committed_before_kill = 0;
  std::string before = "";
  int64_t before_rev = 0;
  // The crash store as the step found it: a kill that came after the commit
  // puts it back, so that every kill interrupts an ingest with work to do
  // (run again, the ingest finds nothing new and returns at once).
  const std::vector<std::string> files = {crash, crash + "-wal", crash + "-shm"};
  auto save = [&] {
    for (const auto& f : files) {
      fs::remove(f + ".saved");
      if (fs::exists(f)) fs::copy_file(f, f + ".saved");
    }
  };
  auto restore = [&] {
    for (const auto& f : files) {
      fs::remove(f);
      if (fs::exists(f + ".saved")) fs::copy_file(f + ".saved", f);
    }
  };
  for (size_t s = 0; s < steps.size(); ++s) {
    INFO("step " << s);
    steps[s].prepare();
    save();
    auto with_db = [&](const std::string& db) {
      std::vector<std::string> a = {"--db", db};
      a.insert(a.end(), steps[s].args.begin(), steps[s].args.end());
      return a;
    };
    auto start = std::chrono::steady_clock::now();
    REQUIRE(test::RunKg(with_db(ref)) == 0);
    auto took = std::chrono::steady_clock::now() - start;
    auto [after_rev, after] = ReadState(ref);
    REQUIRE(after_rev == before_rev + 1);

    // Kills land at random within the reference run's time. Under load
    // (ctest -j, a busy CI machine) a killed run may go faster than the
    // reference did: each kill that comes after the commit halves the
    // window, so that kills keep interrupting work.
    int64_t window = std::chrono::duration_cast<std::chrono::microseconds>(took).count();
    for (int k = 0, step_interrupted = 0; step_interrupted < kKillsPerStep; ++k) {
      REQUIRE(k < 4 * kKillsPerStep);  // else the commit comes first every time
      pid_t pid = test::SpawnKg(with_db(crash));
      std::uniform_int_distribution<int64_t> when(0, window);
      std::this_thread::sleep_for(std::chrono::microseconds(when(rng)));
      kill(pid, SIGKILL);
      test::WaitKg(pid);
      auto [rev, dump] = ReadState(crash);
      INFO("kill " << k);
      if (rev == before_rev) {
        CHECK(dump == before);
        ++step_interrupted;
        ++interrupted;
      } else {
        REQUIRE(rev == after_rev);
        CHECK(dump == after);
        ++committed_before_kill;
        restore();
        window = std::max<int64_t>(window / 2, 1);
      }
    }
    REQUIRE(test::RunKg(with_db(crash)) == 0);
    auto [rev, dump] = ReadState(crash);
    CHECK(rev == after_rev);
    CHECK(dump == after);
    before = after;
    before_rev = after_rev;
  }
  CHECK(interrupted >= 50);
  WARN("survived " << interrupted + committed_before_kill << " SIGKILLs: " << interrupted
                   << " before the commit, " << committed_before_kill
                   << " after it (KG_CRASH_SEED=" << seed << ")");
}

}  // namespace
}  // namespace kg
