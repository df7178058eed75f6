// Replays what the fuzzers found (fuzz/regressions/<entry>/) and their seeds
// (fuzz/corpus/<entry>/) through the fuzz entries of fuzz/entries.h, under
// this build's sanitizers: a crash once fixed stays fixed.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz/entries.h"
#include "tests/test_util.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> Sorted(const fs::path& dir) {
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().rfind('.', 0) == 0) continue;  // .gitkeep
    paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

// Runs every file of DIR/<entry>/ through that entry; returns how many.
int Replay(const fs::path& dir) {
  int replayed = 0;
  for (const fs::path& sub : Sorted(dir)) {
    INFO("folder " << sub.string());
    REQUIRE(fs::is_directory(sub));
    fuzz::EntryFn entry = fuzz::FindEntry(sub.filename().string());
    REQUIRE(entry != nullptr);  // one folder per entry, named as the entry
    for (const fs::path& file : Sorted(sub)) {
      INFO("input " << file.string());
      std::string data = ReadBytes(file);
      CHECK_NOTHROW(entry(data));
      ++replayed;
    }
  }
  return replayed;
}

const fs::path kFuzzDir = fs::path(test::SourceDir()) / "fuzz";

TEST_CASE("every fuzz entry has a seed folder and a regression folder") {
  for (const fuzz::Entry& e : fuzz::Entries()) {
    INFO(e.name);
    CHECK(fs::is_directory(kFuzzDir / "corpus" / e.name));
    CHECK_FALSE(Sorted(kFuzzDir / "corpus" / e.name).empty());
    CHECK(fs::is_directory(kFuzzDir / "regressions" / e.name));
  }
}

TEST_CASE("inputs that once crashed a fuzzer replay cleanly") {
  int replayed = Replay(kFuzzDir / "regressions");
  CHECK(replayed >= 0);
}

TEST_CASE("fuzz seeds replay cleanly") { CHECK(Replay(kFuzzDir / "corpus") > 0); }

}  // namespace
}  // namespace kg
