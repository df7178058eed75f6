#include "tests/test_util.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <random>
#include <sys/wait.h>

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
std::string SourceDir() { return KG_SOURCE_DIR; }

}  // namespace kg::test
