#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/base.h"

namespace kg {

extern const EmbeddedFile kEmbeddedFiles[];
extern const int kEmbeddedFileCount;

namespace {

namespace fs = std::filesystem;

class RealEnv : public Env {
 public:
  std::string ReadFile(const std::string& path) override {
    if (path == "-") {
      std::ostringstream buf;
      buf << std::cin.rdbuf();
      return std::move(buf).str();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open file");
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) throw Error(path + ": read error");
    return std::move(buf).str();
  }

  void ReadChunks(const std::string& path, size_t chunk,
                  const std::function<void(std::string&&)>& fn) override {
    if (path == "-") return fn(ReadFile(path));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open file");
    std::string carry;
    std::string buf(chunk, '\0');
    while (in) {
      in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      std::streamsize got = in.gcount();
      if (got <= 0) break;
      carry.append(buf.data(), static_cast<size_t>(got));
      size_t cut = carry.rfind('\n');
      if (cut == std::string::npos) continue;  // one line longer than a chunk
      std::string rest = carry.substr(cut + 1);
      carry.resize(cut + 1);
      fn(std::move(carry));
      carry = std::move(rest);
    }
    if (in.bad()) throw Error(path + ": read error");
    if (!carry.empty()) fn(std::move(carry));
  }

  bool IsDirectory(const std::string& path) override {
    std::error_code ec;
    return fs::is_directory(path, ec);
  }

  bool IsFile(const std::string& path) override {
    std::error_code ec;
    return fs::is_regular_file(path, ec);
  }

  std::vector<std::string> ListFilesRecursive(const std::string& dir) override {
    std::vector<std::string> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(
        dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) throw Error(dir + ": cannot list folder: " + ec.message());
    for (const auto& entry : it) {
      std::error_code fec;
      if (entry.is_regular_file(fec)) files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
  }

  std::string NowIso() override {
    std::time_t t =
        std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
  }

  std::string GetVar(const std::string& name) override {
    const char* v = std::getenv(name.c_str());
    return v ? v : "";
  }

  std::string ExecutablePath() override {
    std::error_code ec;
    fs::path p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? "" : p.string();
  }
};

}  // namespace

Env& Env::Default() {
  static RealEnv env;
  return env;
}

std::string_view EmbeddedData(std::string_view name) {
  for (int i = 0; i < kEmbeddedFileCount; ++i)
    if (name == kEmbeddedFiles[i].name) return kEmbeddedFiles[i].content;
  throw Error("no bundled data file " + std::string(name));
}

}  // namespace kg
