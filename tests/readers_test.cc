// Document readers: each format, encodings, and bad input.
#include <catch2/catch.hpp>

#include "ingest/ingest.h"
#include "tests/test_util.h"

namespace kg {
namespace {

struct Read {
  std::vector<Article> articles;
  std::vector<std::string> problems;  // "where: what" (+ " [failed]")
};

Read Parse(const std::string& path, const std::string& content) {
  Read r;
  ParseArticles(
      path, content, [&](Article&& a) { r.articles.push_back(std::move(a)); },
      [&](const std::string& where, const std::string& what, bool failed) {
        r.problems.push_back(where + ": " + what + (failed ? " [failed]" : ""));
      });
  return r;
}

TEST_CASE("txt takes a short first line as the title and no date") {
  auto r = Parse("news/a.txt", "Chip curbs widen\n\nThe US restricted exports.\n");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].doc_id == "a");
  CHECK(r.articles[0].uri == "news/a.txt");
  CHECK(r.articles[0].title == "Chip curbs widen");
  CHECK(r.articles[0].date.empty());  // never today
  CHECK(r.problems.empty());
}

TEST_CASE("md front matter gives title date source and url") {
  auto r = Parse("b.md",
                 "---\ntitle: \"Curbs: round two\"\ndate: 2023-10-17\nsource: Wire\n"
                 "url: https://example.org/b\n---\nBody text here.\n");
  REQUIRE(r.articles.size() == 1);
  const Article& a = r.articles[0];
  CHECK(a.title == "Curbs: round two");
  CHECK(a.date == "2023-10-17");
  CHECK(a.source == "Wire");
  CHECK(a.uri == "https://example.org/b");
  CHECK(a.text == "Body text here.\n");
  auto bad = Parse("c.md", "---\ndate: last Tuesday\n---\nText.\n");
  REQUIRE(bad.articles.size() == 1);
  CHECK(bad.articles[0].date.empty());
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0].find("c.md:2: date \"last Tuesday\"") == 0);
}

TEST_CASE("html keeps body text and drops script style and navigation") {
  auto r =
      Parse("d.html",
            "<html><head><title>Headline</title>"
            "<meta property=\"article:published_time\" content=\"2024-12-02T08:00:00Z\">"
            "<style>p{}</style></head><body><nav>Home | World</nav>"
            "<script>var x = 'Nvidia';</script><p>First &amp; <b>bold</b> para.</p>"
            "<p>Second para.</p><footer>Copyright</footer></body></html>");
  REQUIRE(r.articles.size() == 1);
  const Article& a = r.articles[0];
  CHECK(a.title == "Headline");
  CHECK(a.date == "2024-12-02");
  CHECK(a.text.find("First & bold para.") != std::string::npos);
  CHECK(a.text.find("Second para.") != std::string::npos);
  CHECK(a.text.find("Nvidia") == std::string::npos);
  CHECK(a.text.find("Home") == std::string::npos);
  CHECK(a.text.find("Copyright") == std::string::npos);
  auto timed = Parse("e.htm", "<p><time datetime=\"2025-01-27\">Jan 27</time> Text.</p>");
  REQUIRE(timed.articles.size() == 1);
  CHECK(timed.articles[0].date == "2025-01-27");
}

TEST_CASE("html with 10000 nested tags parses without recursion") {
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "<div>";
  deep += "Deep text.";
  auto r = Parse("deep.html", deep);
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].text.find("Deep text.") != std::string::npos);
}

TEST_CASE("jsonl reads one article a line and reports bad lines by number") {
  auto r = Parse("f.jsonl",
                 "{\"text\": \"One.\", \"title\": \"T1\", \"date\": \"2024-05-01\", "
                 "\"url\": \"https://x/1\"}\n"
                 "not json\n"
                 "{\"text\": 5}\n"
                 "{\"title\": \"no text\"}\n"
                 "\n"
                 "{\"text\": \"Two.\", \"id\": \"two\"}\n");
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[0].uri == "https://x/1");
  CHECK(r.articles[0].date == "2024-05-01");
  CHECK(r.articles[1].doc_id == "two");
  CHECK(r.articles[1].uri == "f.jsonl#two");
  REQUIRE(r.problems.size() == 3);
  CHECK(r.problems[0].find("f.jsonl:2: invalid JSON") == 0);
  CHECK(r.problems[1].find("f.jsonl:3: \"text\" must be a string") == 0);
  CHECK(r.problems[2].find("f.jsonl:4: no \"text\"") == 0);
}

TEST_CASE("BOM and CRLF are handled and invalid UTF-8 is replaced and reported") {
  auto r = Parse("g.txt", "\xEF\xBB\xBFHeadline\r\n\r\nBad \xFF byte here.\r\n");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title == "Headline");
  CHECK(r.articles[0].text.find("\xEF\xBF\xBD") != std::string::npos);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0] == "g.txt: 1 invalid UTF-8 byte sequence replaced with U+FFFD");
}

TEST_CASE("binary and empty files fail with a message naming them") {
  auto bin = Parse("h.txt", std::string("abc\0def", 7));
  CHECK(bin.articles.empty());
  REQUIRE(bin.problems.size() == 1);
  CHECK(bin.problems[0] == "h.txt: binary file (NUL bytes); skipped [failed]");
  auto empty = Parse("i.md", "  \n\n");
  CHECK(empty.articles.empty());
  REQUIRE(empty.problems.size() == 1);
  CHECK(empty.problems[0] == "i.md: empty file; skipped [failed]");
}

TEST_CASE("a 50 MB single line is read as one article") {
  std::string line(50 << 20, 'a');
  for (size_t i = 100; i < line.size(); i += 100) line[i] = ' ';
  auto r = Parse("big.txt", line);
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].text.size() == line.size());
}

TEST_CASE("folders are read recursively in path order and stdin is sniffed") {
  test::FakeEnv env;
  test::TempDir dir;
  dir.Write("root/b.md", "---\ntitle: B\n---\nBee.\n");
  dir.Write("root/sub/a.txt", "Ay.\n");
  dir.Write("root/skip.pdf", "%PDF");
  env.files["-"] = "{\"text\": \"From stdin.\"}\n";
  std::vector<std::string> uris;
  ReadArticles(
      env, {dir.Path("root"), "-"}, [&](Article&& a) { uris.push_back(a.uri); },
      [](const std::string&, const std::string&, bool) { FAIL("no problem"); });
  REQUIRE(uris.size() == 3);
  CHECK(uris[0] == dir.Path("root/b.md"));
  CHECK(uris[1] == dir.Path("root/sub/a.txt"));
  CHECK(uris[2].find("<stdin>") == 0);
}

TEST_CASE("kg ingest goes on past bad files and exits 1 counting them") {
  test::FakeEnv env;
  test::TempDir dir;
  dir.Write("in/good.md", "---\ndate: 2025-01-27\n---\nChina's DeepSeek released R1.\n");
  dir.Write("in/bad.txt", std::string("\0\0\0binary", 9));
  auto r = test::Kg(env, {"--db", dir.Path("kg.db"), "ingest", dir.Path("in")});
  CHECK(r.code == 1);
  CHECK(r.err.find(dir.Path("in/bad.txt") + ": binary file") != std::string::npos);
  CHECK(r.out.find("read 1 document (1 failed)") != std::string::npos);
  CHECK(r.out.find("revision 1") != std::string::npos);
  auto stats = test::Kg(env, {"--db", dir.Path("kg.db"), "stats", "--json"});
  CHECK(stats.out.find("\"documents\":1") != std::string::npos);
}

}  // namespace
}  // namespace kg
