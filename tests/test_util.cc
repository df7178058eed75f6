#include "tests/test_util.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "cli/cli.h"

namespace kg::test {

TempDir::TempDir() {
  std::random_device rd;
  dir_ = std::filesystem::temp_directory_path() /
         ("kg-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
  std::filesystem::create_directories(dir_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void TempDir::Write(const std::string& name, const std::string& content) const {
  std::filesystem::create_directories((dir_ / name).parent_path());
  std::ofstream(dir_ / name, std::ios::binary) << content;
}

RunResult Kg(FakeEnv& env, const std::vector<std::string>& args) {
  std::ostringstream out, err;
  int code = RunCli(args, env, out, err);
  return {code, out.str(), err.str()};
}

RunResult Shell(const std::string& command) {
  std::string out;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return {-1, "", "popen failed"};
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, ""};
}

pid_t SpawnKg(const std::vector<std::string>& args, const std::string& out,
              const std::string& err, const std::function<void()>& in_child) {
  // Everything the child needs is built before fork.
  static const std::string binary = KG_BINARY;
  std::vector<std::string> copy = args;
  std::vector<char*> argv{const_cast<char*>(binary.c_str())};
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  const char* out_path = out.empty() ? "/dev/null" : out.c_str();
  const char* err_path = err.empty() ? "/dev/null" : err.c_str();
  bool same = out == err;
  if (!in_child) {
    // posix_spawn does not copy this large, sanitized process as fork does:
    // eight reader threads make twice as many kg calls a second.
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, out_path,
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (same)
      posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
    else
      posix_spawn_file_actions_addopen(&files, STDERR_FILENO, err_path,
                                       O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    int failed = posix_spawn(&pid, argv[0], &files, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    return failed ? -1 : pid;
  }
  pid_t pid = fork();
  if (pid == 0) {
    // Plain file descriptors: stdio would flush the parent's buffers twice.
    int o = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = same ? o : open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (o < 0 || e < 0) _exit(126);
    dup2(o, STDOUT_FILENO);
    dup2(e, STDERR_FILENO);
    if (in_child) in_child();
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

int WaitKg(pid_t pid) {
  int status = 0;
  if (pid <= 0 || waitpid(pid, &status, 0) != pid) return -1;
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int RunKg(const std::vector<std::string>& args, const std::string& out,
          const std::string& err) {
  return WaitKg(SpawnKg(args, out, err));
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteSyntheticArticles(const std::string& folder, int count, int sentences) {
  static const char* const kActors[] = {"The United States",       "China",
                                        "The Commerce Department", "Japan",
                                        "The Netherlands",         "The European Union"};
  static const char* const kActs[] = {"sanctioned", "restricted exports to", "banned",
                                      "fined", "investigated"};
  static const char* const kCompanies[] = {"Huawei", "SMIC",    "ZTE",     "Nvidia",
                                           "ASML",   "TSMC",    "Tencent", "Alibaba",
                                           "Baidu",  "DeepSeek"};
  std::mt19937 rng(2024);  // the same corpus every run
  auto pick = [&](const auto& list) {
    return list[rng() % (sizeof list / sizeof list[0])];
  };
  std::filesystem::create_directories(folder);
  for (int i = 0; i < count; ++i) {
    std::string text;
    for (int j = 0; j < sentences; ++j)
      text += std::string(pick(kActors)) + " " + pick(kActs) + " " + pick(kCompanies) +
              " in " + std::to_string(2015 + (i + j) % 10) + ". Analysts at desk " +
              std::to_string(i) + "-" + std::to_string(j) + " said " + pick(kCompanies) +
              " would respond.\n";
    char name[32];
    std::snprintf(name, sizeof name, "/synthetic-%04d.txt", i);
    std::ofstream(folder + name, std::ios::binary) << text;
  }
}

namespace {
std::string Json(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}
}  // namespace

std::string FactLine(const std::string& doc, const std::string& s, const std::string& st,
                     const std::string& p, const std::string& o, const std::string& ot,
                     const std::string& evidence, const std::string& date) {
  std::string line = "{\"doc\": " + Json(doc) + ", \"subject\": " + Json(s) +
                     ", \"subject_type\": " + Json(st) + ", \"predicate\": " + Json(p) +
                     ", \"object\": " + Json(o) + ", \"object_type\": " + Json(ot) +
                     ", \"confidence\": 0.9, \"evidence\": " + Json(evidence);
  if (!date.empty()) line += ", \"date\": " + Json(date);
  return line + "}\n";
}

std::string Canonical(Store& store, std::string (*name)(std::string)) {
  auto as_carried = [&](const std::string& n) { return name ? name(n) : n; };
  std::vector<std::string> lines;
  std::map<int64_t, std::string> label;
  store.ForEachNode({}, [&](const Node& n) {
    label[n.id] = as_carried(n.name);
    lines.push_back("NODE " + as_carried(n.name) + "|" + n.type);
  });
  store.ForEachEdge({}, [&](const Edge& e) {
    lines.push_back("EDGE " + label[e.source] + "|" + e.predicate + "|" +
                    label[e.target] + "|" + std::to_string(e.weight));
  });
  std::sort(lines.begin(), lines.end());
  std::string s;
  for (auto& l : lines) s += l + "\n";
  return s;
}

std::string XmlSafe(std::string s) {
  std::string out;
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
      out += "\xEF\xBF\xBD";
    else
      out += c;
  }
  return out;
}

std::string SharedDir() { return KG_SHARED_DIR; }

RunResult ValidateXml(const std::string& schema, const std::string& file) {
  std::string path = SharedDir() + "/schemas/" + schema;
  if (!std::filesystem::exists(path)) {
    WARN("SKIP: schema validation of " << file << ": no " << path);
    return {0, "", ""};
  }
  bool rng = path.size() > 4 && path.substr(path.size() - 4) == ".rng";
  return Shell("xmllint --noout --huge " +
               std::string(rng ? "--relaxng '" : "--schema '") + path + "' '" + file +
               "'");
}
RunResult ValidateGexf(const std::string& file) {
  std::string xml = ReadFile(file);
  if (xml.find("<gexf xmlns=\"http://gexf.net/1.3\"") != std::string::npos)
    return ValidateXml("gexf-1.3/gexf.rng", file);
  if (xml.find("<gexf xmlns=\"http://www.gexf.net/1.2draft\"") == std::string::npos)
    return {1, file + ": neither GEXF 1.2draft nor 1.3", ""};
  std::string stripped;  // xml without its kind="..." attributes
  for (size_t at = 0;;) {
    size_t k = xml.find(" kind=\"", at);
    if (k == std::string::npos) {
      stripped.append(xml, at);
      break;
    }
    stripped.append(xml, at, k - at);
    at = xml.find('"', k + 7) + 1;  // escaped values hold no quote
  }
  std::string copy = file + ".nokind";
  {
    std::ofstream out(copy, std::ios::binary);
    out << stripped;
  }
  return Shell("xmllint --noout --huge --relaxng '" + SourceDir() +
               "/tests/data/schemas/gexf-1.2draft/gexf.rng' '" + copy + "'");
}

std::string SourceDir() { return KG_SOURCE_DIR; }

}  // namespace kg::test
