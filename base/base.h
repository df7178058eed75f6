// base: what every module needs and nothing else — the error type, the
// interface to the outside world (Env), and text helpers shared by the store,
// the extractor and the query layer.
#ifndef KG_BASE_BASE_H_
#define KG_BASE_BASE_H_

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kg {

// Errors are exceptions of one type, caught at one boundary (cli/main.cc),
// where they become "kg: error: MESSAGE" and an exit status.
class Error : public std::runtime_error {
 public:
  enum class Kind {
    kFailed = 1,  // the command ran and failed: bad input, unknown entity, store
    kUsage = 2,   // the command line itself is wrong
  };
  explicit Error(std::string message, Kind kind = Kind::kFailed)
      : std::runtime_error(std::move(message)), kind_(kind) {}
  Kind kind() const { return kind_; }
  int exit_code() const { return static_cast<int>(kind_); }

 private:
  Kind kind_;
};

// The edge with the outside world: files, clock and environment variables.
// Production code uses Env::Default(); tests pass a fake.
class Env {
 public:
  virtual ~Env() = default;
  // Reads a whole file; throws Error naming the path on failure.
  virtual std::string ReadFile(const std::string& path) = 0;
  // Reads a file in pieces of about `chunk` bytes, each ending at a line
  // break (but the last), so a huge JSON-lines file never sits in memory
  // whole. The default reads the whole file as one piece.
  virtual void ReadChunks(const std::string& path, size_t chunk,
                          const std::function<void(std::string&&)>& fn) {
    (void)chunk;
    fn(ReadFile(path));
  }
  virtual bool IsDirectory(const std::string& path) = 0;
  // True for a regular file (not a folder, device or pipe).
  virtual bool IsFile(const std::string& path) = 0;
  // Regular files below `dir`, recursively, sorted by path (deterministic).
  virtual std::vector<std::string> ListFilesRecursive(const std::string& dir) = 0;
  // Current UTC time as ISO 8601 ("2026-01-27T10:00:00Z").
  virtual std::string NowIso() = 0;
  // Value of an environment variable, or "" when unset.
  virtual std::string GetVar(const std::string& name) = 0;
  // The running program's path, or "" when it cannot be told.
  virtual std::string ExecutablePath() { return ""; }

  static Env& Default();
};

// Files compiled into the binary (scripts/embed.cmake).
struct EmbeddedFile {
  const char* name;
  std::string_view content;
};
// Returns the bundled file's content; throws if no such file was embedded.
std::string_view EmbeddedData(std::string_view name);

// --- Text helpers (UTF-8 in, UTF-8 out) -----------------------------------

// The key under which names are merged: NFKC case-folded, "&" read as "and",
// punctuation dropped, spaces collapsed, a leading "the " and a trailing
// possessive "'s" removed. "U.S." and "us" share a key; so do "Deepseek" and
// "DeepSeek", "Moor Insights & Strategy" and "moor insights and strategy".
std::string FoldKey(std::string_view name);

// ASCII letters lower-cased; other bytes (UTF-8 included) as they are.
std::string AsciiLower(std::string_view s);

// Replaces invalid UTF-8 with U+FFFD; returns how many replacements were made.
int SanitizeUtf8(std::string* text);

// A stable 64-bit content hash (FNV-1a), as 16 hex digits.
std::string ContentHash(std::string_view data);

// Splits on a single-character separator, keeping empty fields.
std::vector<std::string> Split(std::string_view text, char sep);
std::string_view Trim(std::string_view text);

// A decimal number of 1 to 6 digits (no sign, no spaces) into *out.
bool ParseDecimal(std::string_view digits, int* out);

// True for YYYY-MM-DD with a plausible month and day.
bool IsIsoDate(std::string_view s);

// Levenshtein distance over bytes, capped at `cap` + 1 for speed.
int EditDistance(std::string_view a, std::string_view b, int cap);

}  // namespace kg

#endif  // KG_BASE_BASE_H_
