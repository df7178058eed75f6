// A writer that runs out of space fails with a message naming the store, and
// leaves the store at the revision before it, intact; the run repeated with
// space to spare succeeds. The disk is "full" through RLIMIT_FSIZE, which
// needs no privileges: past the limit write(2) fails with EFBIG (SIGXFSZ, the
// default reaction, is ignored in the child).
#include <SQLiteCpp/SQLiteCpp.h>
#include <signal.h>
#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "graph/graph.h"
#include "tests/graph_dump.h"
#include "tests/test_util.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

struct State {
  int64_t revision;
  std::string dump;
};

State ReadState(const std::string& db) {
  {
    SQLite::Database raw(db, SQLite::OPEN_READONLY);
    REQUIRE(raw.execAndGet("PRAGMA integrity_check").getString() == "ok");
  }
  auto store = Store::Open(db, Store::Mode::kReadOnly, Env::Default());
  return {store->LatestRevision(), test::CanonicalDump(*store)};
}

TEST_CASE(
    "kg ingest that runs out of disk space fails cleanly and a rerun "
    "succeeds") {
  test::TempDir dir;
  std::string db = dir.Path("kg.db"), ref = dir.Path("ref.db");
  std::string first = test::SourceDir() + "/corpus/articles", second = dir.Path("second");
  test::WriteSyntheticArticles(second, 150);

  // The reference: both batches with space to spare.
  REQUIRE(test::RunKg({"--db", ref, "ingest", first}) == 0);
  uintmax_t size_after_first = fs::file_size(ref);
  REQUIRE(test::RunKg({"--db", ref, "ingest", second}) == 0);
  State expected = ReadState(ref);
  REQUIRE(expected.revision == 2);
  // Every page the second batch adds goes through the write-ahead log first,
  // so any limit below this growth stops the ingest before its commit.
  uintmax_t growth = fs::file_size(ref) - size_after_first;
  REQUIRE(growth > 64 * 1024);

  REQUIRE(test::RunKg({"--db", db, "ingest", first}) == 0);
  State before = ReadState(db);
  REQUIRE(before.revision == 1);

  // Out of space at the first page written, and half way through.
  for (rlim_t limit : {rlim_t{4096}, static_cast<rlim_t>(growth / 2)}) {
    INFO("file size limit " << limit << " bytes");
    std::string err = dir.Path("err.txt");
    int code =
        test::WaitKg(test::SpawnKg({"--db", db, "ingest", second}, "", err, [limit] {
          signal(SIGXFSZ, SIG_IGN);
          struct rlimit rl = {limit, limit};
          setrlimit(RLIMIT_FSIZE, &rl);
        }));
    std::string message = test::ReadFile(err);
    INFO("kg ingest printed: " << message);
    CHECK(code == 1);  // failed, not crashed
    CHECK(Contains(message, "kg: error: " + db + ": "));
    // Regression: this was SQLite's bare "disk I/O error".
    CHECK(Contains(message, "file size limit reached (File too large)"));
    if (limit > 4096)
      CHECK(Contains(message, "nothing was written; the store is still at revision 1"));
    State after = ReadState(db);
    CHECK(after.revision == before.revision);
    CHECK(after.dump == before.dump);
  }

  REQUIRE(test::RunKg({"--db", db, "ingest", second}) == 0);
  State rerun = ReadState(db);
  CHECK(rerun.revision == 2);
  CHECK(rerun.dump == expected.dump);
}

}  // namespace
}  // namespace kg
