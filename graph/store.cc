// Opening the store. The write path is in apply.cc, the read path in read.cc.
#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>

#include "graph/graph.h"
#include "graph/schema.h"

namespace kg {

Store::Store(std::string path, std::unique_ptr<SQLite::Database> db, Env& env)
    : path_(std::move(path)), db_(std::move(db)), env_(env) {}

Store::~Store() = default;

std::unique_ptr<Store> Store::Open(const std::string& path, Mode mode, Env& env) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error(path + ": is a folder, not a store");
  if (mode == Mode::kReadOnly && !std::filesystem::exists(path, ec))
    throw Error(path + ": no store here (create one with kg ingest, or pass --db)");
  try {
    int flags = mode == Mode::kReadOnly
                    ? SQLite::OPEN_READONLY
                    : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
    // Readers wait for a writer's commit rather than fail; WAL lets them read
    // the last committed revision while a writer works.
    auto db = std::make_unique<SQLite::Database>(path, flags, 10000);
    db->exec("PRAGMA foreign_keys = ON");
    if (mode == Mode::kReadWrite) {
      db->exec("PRAGMA journal_mode = WAL");
      db->exec("PRAGMA synchronous = NORMAL");
      Migrate(*db, path);
    } else {
      int version = db->execAndGet("PRAGMA user_version").getInt();
      if (version == 0) throw Error(path + ": not a kg store");
      if (version > SchemaVersion())
        throw Error(path + ": store schema version " + std::to_string(version) +
                    " is newer than this kg understands; upgrade kg");
      if (version < SchemaVersion())
        throw Error(path + ": store needs an upgrade; run any writing command "
                    "(kg ingest) to migrate it");
    }
    return std::unique_ptr<Store>(new Store(path, std::move(db), env));
  } catch (const SQLite::Exception& e) {
    throw Error(path + ": cannot open store: " + e.what());
  }
}

}  // namespace kg
