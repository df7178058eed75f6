// Opening the store. The write path is in apply.cc, the read path in read.cc.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "graph/graph.h"
#include "graph/schema.h"
#include "graph/sql.h"
#include "graph/writer.h"

namespace kg {

Store::Store(std::string path, std::unique_ptr<SQLite::Database> db, Env& env)
    : path_(std::move(path)), db_(std::move(db)), env_(env) {}

Store::~Store() {
  db_.reset();  // the store is closed before another writer may start
  if (lock_fd_ >= 0) {
    // The lock file goes with the writer. Removed while still locked: a
    // writer that opened it meanwhile finds, once it holds the lock, that it
    // locked a file no longer at the path, and starts again (WriterLock).
    unlink((path_ + ".lock").c_str());
    close(lock_fd_);
  }
}

namespace {

// The writer lock: PATH.lock, flock(2)ed for as long as the writer lives and
// holding its pid for the message others get. The kernel drops the lock with
// the process, however it ends, so a killed writer never leaves it stuck.
class WriterLock {
 public:
  WriterLock(const std::string& store_path, bool wait) {
    std::string lock = store_path + ".lock";
    for (;;) {
      fd_ = open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
      if (fd_ < 0)
        throw Error(store_path + ": cannot open store: cannot create " + lock + ": " +
                    std::strerror(errno));
      int op = LOCK_EX | LOCK_NB;
      while (flock(fd_, op) != 0) {
        if (errno == EINTR) continue;
        if (errno != EWOULDBLOCK || op == LOCK_EX)
          throw Error(lock + ": cannot lock: " + std::strerror(errno));
        if (!wait)
          throw Error(store_path + ": store is being written by process " + Holder() +
                      "; try again when it is done, or pass --wait");
        op = LOCK_EX;
      }
      // The writer before may have removed the file while we waited for it
      // (~Store): the lock counts only on the file at the path.
      struct stat held, at_path;
      if (fstat(fd_, &held) == 0 && stat(lock.c_str(), &at_path) == 0 &&
          held.st_ino == at_path.st_ino && held.st_dev == at_path.st_dev)
        break;
      close(fd_);
    }
    std::string pid = std::to_string(getpid()) + "\n";
    if (ftruncate(fd_, 0) != 0 ||
        pwrite(fd_, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
      // The pid only makes the message better; the lock is what counts.
    }
  }
  ~WriterLock() {
    if (fd_ >= 0) close(fd_);
  }
  int Release() { return std::exchange(fd_, -1); }

 private:
  std::string Holder() const {
    char buf[32];
    ssize_t n = pread(fd_, buf, sizeof buf - 1, 0);
    std::string pid(buf, n > 0 ? static_cast<size_t>(n) : 0);
    pid = std::string(Trim(pid));
    return pid.empty() ? "(unknown pid)" : pid;
  }
  int fd_ = -1;
};

// Opens the database at `path`; for kReadWrite the caller holds the lock.
std::unique_ptr<SQLite::Database> OpenDatabase(const std::string& path,
                                               Store::Mode mode) {
  std::error_code ec;
  if (mode == Store::Mode::kReadOnly && !std::filesystem::exists(path, ec))
    throw Error(path + ": no store here (create one with kg ingest, or pass --db)");
  std::unique_ptr<SQLite::Database> db;
  try {
    // A reader opens read-write but query_only: after a writer was killed,
    // the next connection must recover the WAL index, which a read-only
    // connection cannot do ("attempt to write a readonly database"). A store
    // the user may not write is opened read-only.
    std::string folder = std::filesystem::path(path).parent_path().string();
    int saved_errno = errno;  // DescribeFailure may read errno: leave it as it was
    bool writable = access(path.c_str(), W_OK) == 0 &&
                    access(folder.empty() ? "." : folder.c_str(), W_OK) == 0;
    errno = saved_errno;
    int flags = mode == Store::Mode::kReadWrite
                    ? SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE
                : writable ? SQLite::OPEN_READWRITE
                           : SQLite::OPEN_READONLY;
    // Readers wait for a writer's commit rather than fail; WAL lets them read
    // the last committed revision while a writer works. NOMUTEX: a connection
    // is used by one thread at a time (a View's second thread has its own),
    // and SQLite's lock on every call costs a tenth of an export.
    db = std::make_unique<SQLite::Database>(path, flags | SQLite::OPEN_NOMUTEX, 10000);
    db->exec("PRAGMA foreign_keys = ON");
    if (mode == Store::Mode::kReadOnly && writable) {
      db->exec("PRAGMA query_only = ON");
      // The last connection to close checkpoints the WAL into the store: a
      // reader leaves that to the next writer rather than write on exit.
      sqlite3_db_config(db->getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    }
    if (mode == Store::Mode::kReadWrite) {
      db->exec("PRAGMA journal_mode = WAL");
      db->exec("PRAGMA synchronous = NORMAL");
      // 64 MB of pages (SQLite's default is 2 MB): an ingest's index inserts
      // land all over the mention and evidence indexes of a large store.
      db->exec("PRAGMA cache_size = -65536");
      Migrate(*db, path);
    } else {
      int version = db->execAndGet("PRAGMA user_version").getInt();
      if (version == 0 &&
          db->execAndGet("SELECT COUNT(*) FROM sqlite_schema").getInt() == 0)
        throw Error(path +
                    ": empty, not a kg store yet (if an ingest is creating it, "
                    "try again when it has finished)");
      if (version == 0) throw Error(path + ": not a kg store");
      if (version > SchemaVersion())
        throw Error(path + ": store schema version " + std::to_string(version) +
                    " is newer than this kg understands; upgrade kg");
      if (version < SchemaVersion())
        throw Error(path +
                    ": store needs an upgrade; run any writing command "
                    "(kg ingest) to migrate it");
    }
    return db;
  } catch (const SQLite::Exception& e) {
    throw Error(path + ": cannot open store: " + internal::DescribeFailure(e, db.get()));
  }
}

}  // namespace

std::unique_ptr<SQLite::Database> OpenReadConnection(const std::string& path) {
  return OpenDatabase(path, Store::Mode::kReadOnly);
}

std::unique_ptr<Store> Store::OpenWriter(const std::string& path, Env& env, bool wait) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error(path + ": is a folder, not a store");
  WriterLock lock(path, wait);
  std::unique_ptr<Store> store(
      new Store(path, OpenDatabase(path, Mode::kReadWrite), env));
  store->lock_fd_ = lock.Release();
  return store;
}

std::unique_ptr<Store> Store::Open(const std::string& path, Mode mode, Env& env) {
  if (mode == Mode::kReadWrite) return OpenWriter(path, env, false);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error(path + ": is a folder, not a store");
  return std::unique_ptr<Store>(new Store(path, OpenDatabase(path, mode), env));
}

}  // namespace kg
