#include <filesystem>

#include "exporters/exporters.h"

namespace kg {

namespace fs = std::filesystem;

StagedFiles::~StagedFiles() {
  std::error_code ec;
  for (auto& f : files_) {
    if (f->stream.is_open()) f->stream.close();
    fs::remove(f->tmp, ec);  // already renamed after a Commit: a no-op
  }
}

std::ostream& StagedFiles::Open(const std::string& name) {
  auto f = std::make_unique<File>();
  fs::path path = dir_.empty() ? fs::path(name) : fs::path(dir_) / name;
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  f->path = path.string();
  f->tmp = f->path + ".tmp";
  f->stream.open(f->tmp, std::ios::binary | std::ios::trunc);
  if (!f->stream) throw Error(f->path + ": cannot write file");
  files_.push_back(std::move(f));
  return files_.back()->stream;
}

void StagedFiles::Commit() {
  for (auto& f : files_) {
    f->stream.close();
    if (f->stream.fail()) throw Error(f->path + ": write failed (disk full?)");
  }
  for (auto& f : files_) {
    std::error_code ec;
    fs::rename(f->tmp, f->path, ec);
    if (ec) throw Error(f->path + ": cannot write file: " + ec.message());
  }
}

std::vector<std::string> StagedFiles::Paths() const {
  std::vector<std::string> paths;
  for (const auto& f : files_) paths.push_back(f->path);
  return paths;
}

}  // namespace kg
