// The syntactic layer: the tokenizer against written cases, the bundled
// models against hand-annotated trees, model-file errors, and a tiny
// training run that keeps the trainer from rotting.
#include <catch2/catch.hpp>
#include <fstream>

#include "ingest/ingest.h"
#include "ingest/nlp/analyzer.h"
#include "ingest/nlp/conllu.h"
#include "ingest/nlp/model_file.h"
#include "ingest/nlp/train.h"
#include "tests/test_util.h"

namespace kg {
namespace {

std::string Data(const std::string& name) {
  return test::ReadFile(test::SourceDir() + "/tests/data/nlp/" + name);
}

std::string ModelPath() { return test::SourceDir() + "/models/english.kgm"; }

std::string Words(const std::vector<RawSentence>& sentences) {
  std::string out;
  for (const RawSentence& s : sentences) {
    if (!out.empty()) out += " ||";
    for (const RawWord& w : s.words) out += (out.empty() ? "" : " ") + w.form;
  }
  return out;
}

TEST_CASE("the tokenizer cuts text as the UD English treebanks do") {
  int cases = 0;
  for (const std::string& line : Split(Data("tokens.tsv"), '\n')) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols = Split(line, '\t');
    REQUIRE(cols.size() == 2);
    std::string text = cols[0];
    for (size_t at; (at = text.find("\\n")) != std::string::npos;)
      text.replace(at, 2, "\n");
    INFO(text);
    CHECK(Words(Tokenizer::Bundled().Split(text)) == cols[1]);
    ++cases;
  }
  CHECK(cases >= 25);
}

TEST_CASE("words point at the article's own bytes, whatever the normalisation") {
  const std::string text =
      "\xE2\x80\x9C"
      "Curly\xE2\x80\x9D and Huang\xC2\xB4s\xC2\xA0"
      "chips.";
  std::vector<RawSentence> s = Tokenizer::Bundled().Split(text);
  REQUIRE(s.size() == 1);
  std::vector<std::string> forms;
  for (const RawWord& w : s[0].words) {
    forms.push_back(w.form);
    // The bytes under a word normalise to its form.
    CHECK(Tokenizer::Normalize(text.substr(w.begin, w.end - w.begin)) == w.form);
  }
  CHECK(forms == std::vector<std::string>{"\"", "Curly", "\"", "and", "Huang", "'s",
                                          "chips", "."});
  CHECK(s[0].begin == 0);
  CHECK(s[0].end == text.size());
}

TEST_CASE("CoNLL-U reads and writes back the same sentences") {
  std::string text = Data("trees.conllu");
  std::vector<ConlluSentence> sentences = ParseConllu(text, "trees.conllu");
  REQUIRE(sentences.size() == 9);
  CHECK(sentences[8].extra_lines.size() == 1);  // the multiword token "don't"
  std::string written;
  for (const auto& s : sentences) written += FormatConllu(s);
  std::vector<ConlluSentence> again = ParseConllu(written, "again");
  REQUIRE(again.size() == sentences.size());
  for (size_t i = 0; i < again.size(); ++i)
    CHECK(FormatConllu(again[i]) == FormatConllu(sentences[i]));
  CHECK_THROWS_WITH(ParseConllu("1\tword\n", "bad.conllu"),
                    Catch::Contains("bad.conllu:1: expected 10 tab-separated columns"));
  CHECK_THROWS_WITH(ParseConllu("2\ta\t_\t_\t_\t_\t0\troot\t_\t_\n", "bad.conllu"),
                    Catch::Contains("bad.conllu:1: word id 2 out of sequence"));
}

TEST_CASE("the bundled models tag, lemmatise and parse hand-annotated sentences") {
  test::FakeEnv env;
  std::unique_ptr<Analyzer> analyzer = Analyzer::Load(env, ModelPath());
  std::vector<ConlluSentence> gold = ParseConllu(Data("trees.conllu"), "trees.conllu");
  Scores s = Evaluate(*analyzer, gold);
  INFO("UPOS " << s.upos << " lemma " << s.lemma << " UAS " << s.uas << " LAS " << s.las);
  // Floors under what the committed models do (0.96, 0.97, 0.89, 0.87):
  // they may only rise.
  CHECK(s.words == 100);
  CHECK(s.upos >= 0.95);
  CHECK(s.lemma >= 0.95);
  CHECK(s.uas >= 0.87);
  CHECK(s.las >= 0.85);
  // The arcs extraction leans on most: subjects, objects, agents, roots.
  int core = 0, right = 0;
  for (const ConlluSentence& g : gold) {
    AnnotatedSentence a = WordsOf(g);
    analyzer->Tag(a);
    analyzer->Parse(a);
    REQUIRE(a.parsed);
    for (size_t i = 0; i < g.words.size(); ++i) {
      const std::string& rel = g.words[i].deprel;
      if (rel != "nsubj" && rel != "nsubj:pass" && rel != "obj" && rel != "obl:agent" &&
          rel != "root")
        continue;
      ++core;
      right += a.words[i].head == g.words[i].head && a.words[i].deprel == rel;
    }
  }
  CHECK(core == 31);
  CHECK(right >= 26);
}

// Regression: the VBG rule "-ing" stripped three bytes from "běijīng",
// cutting "ī" in two, and kg annotate wrote invalid UTF-8.
TEST_CASE("lemma rules never cut a character in two") {
  test::FakeEnv env;
  std::unique_ptr<Analyzer> analyzer = Analyzer::Load(env, ModelPath());
  const Lemmatizer& l = analyzer->lemmatizer();
  for (const char* form : {"běijīng", "jīnyü", "naïveté", "Zürich", "façades", "déjà"})
    for (const char* xpos : {"VBG", "NNS", "VBD", "NN", "JJ"}) {
      std::string lemma = l.Lemma(form, "VERB", xpos);
      std::string checked = lemma;
      INFO(form << " " << xpos << " -> " << lemma);
      CHECK(SanitizeUtf8(&checked) == 0);
      CHECK(!lemma.empty());
    }
  CHECK(l.Lemma("running", "VERB", "VBG") == "run");
}

TEST_CASE("a model file that is missing, cut short, damaged or foreign is named") {
  test::FakeEnv env;
  test::TempDir dir;
  std::string good = test::ReadFile(ModelPath());
  REQUIRE(good.size() > 1000);
  auto fails = [&](const std::string& name, const std::string& bytes,
                   const std::string& what) {
    std::string path = dir.Path(name);
    if (!bytes.empty()) dir.Write(name, bytes);
    INFO(name);
    CHECK_THROWS_WITH(Analyzer::Load(env, path),
                      Catch::StartsWith(path + ": ") && Catch::Contains(what));
  };
  fails("missing.kgm", "", "no model file here");
  fails("truncated.kgm", good.substr(0, good.size() / 2), "truncated model file");
  std::string damaged = good;
  damaged[damaged.size() / 2] ^= 0x5A;
  fails("damaged.kgm", damaged, "damaged model file (checksum mismatch)");
  std::string newer = good;
  newer[8] = static_cast<char>(kModelFormatVersion + 1);
  fails("newer.kgm", newer, "model format version 2, but this kg reads version 1");
  fails("foreign.kgm", "PK\x03\x04 not a model at all", "not a kg model file");
  // A model file whose sections are well formed but whose content is not.
  std::string hollow =
      WriteModelFile({{"tagger", "x"}, {"parser", "y"}, {"lemmatizer", "z"}});
  fails("hollow.kgm", hollow, "damaged tagger section");

  // Through the command line: exit 1, the file named.
  dir.Write("a.txt", "Nvidia sells chips.");
  env.vars["KG_MODEL"] = dir.Path("truncated.kgm");
  test::RunResult r = test::Kg(env, {"extract", dir.Path("a.txt")});
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::Contains("kg: error: " + dir.Path("truncated.kgm") +
                                    ": truncated model file"));
}

TEST_CASE("a tiny training run gives the same model twice, and it learns its sentences") {
  std::vector<ConlluSentence> train = ParseConllu(Data("trees.conllu"), "trees.conllu");
  TrainSettings settings;
  settings.tagger_iterations = 8;
  settings.parser_iterations = 8;
  settings.folds = 1;
  WordClasses no_dictionary;
  std::string first = TrainModelFile(train, no_dictionary, settings, nullptr);
  std::string second = TrainModelFile(train, no_dictionary, settings, nullptr);
  CHECK(first == second);
  std::unique_ptr<Analyzer> analyzer = Analyzer::FromBytes(first, "tiny.kgm");
  Scores s = Evaluate(*analyzer, train);
  INFO("UPOS " << s.upos << " UAS " << s.uas << " LAS " << s.las);
  CHECK(s.upos >= 0.95);
  CHECK(s.uas >= 0.9);
  CHECK(s.las >= 0.85);
}

TEST_CASE("kg annotate --tokenized keeps the sentences and words it is given") {
  test::FakeEnv env;
  test::TempDir dir;
  std::string gold_path = test::SourceDir() + "/tests/data/nlp/trees.conllu";
  test::RunResult r = test::Kg(env, {"annotate", "--tokenized", gold_path});
  REQUIRE(r.code == 0);
  std::vector<ConlluSentence> gold = ParseConllu(Data("trees.conllu"), "gold");
  std::vector<ConlluSentence> got = ParseConllu(r.out, "output");
  REQUIRE(got.size() == gold.size());
  for (size_t i = 0; i < gold.size(); ++i) {
    REQUIRE(got[i].words.size() == gold[i].words.size());
    CHECK(got[i].comments == gold[i].comments);
    CHECK(got[i].extra_lines == gold[i].extra_lines);
    for (size_t k = 0; k < gold[i].words.size(); ++k) {
      CHECK(got[i].words[k].form == gold[i].words[k].form);
      CHECK(!got[i].words[k].upos.empty());
      CHECK(!got[i].words[k].deprel.empty());
    }
  }
  // The scoring script reads both and agrees with Evaluate's figures.
  std::string out = dir.Path("system.conllu");
  {
    std::ofstream f(out);
    f << r.out;
  }
  test::RunResult score =
      test::Shell("/usr/bin/python3 '" + test::SourceDir() + "/scripts/score-conllu' '" +
                  gold_path + "' '" + out + "'");
  INFO(score.out << score.err);
  REQUIRE(score.code == 0);
  CHECK_THAT(score.out, Catch::Contains("words: 100") && Catch::Contains("UAS: "));
}

TEST_CASE("kg annotate marks the entities it finds in MISC and in JSON") {
  test::FakeEnv env;
  test::TempDir dir;
  dir.Write("a.txt", "The Commerce Department added Huawei to the Entity List.\n");
  test::RunResult r = test::Kg(env, {"annotate", dir.Path("a.txt")});
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("# text = The Commerce Department added Huawei"));
  CHECK_THAT(r.out, Catch::Contains("Huawei\tHuawei\tPROPN\tNNP\t_\t4\tobj\t_\t"
                                    "Entity=B-Company|EntityName=Huawei|"
                                    "EntitySource=lexicon"));
  r = test::Kg(env, {"annotate", "--format", "json", dir.Path("a.txt")});
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out,
             Catch::Contains(R"("name":"Huawei","type":"Company","source":"lexicon")"));
  CHECK_THAT(r.out, Catch::Contains(R"("form":"added","lemma":"add","upos":"VERB")"));
}

TEST_CASE("extraction gives the same output with any number of jobs") {
  std::string corpus = test::SourceDir() + "/corpus/articles";
  test::RunResult one =
      test::Shell(std::string(KG_BINARY) + " extract --jobs 1 '" + corpus + "'");
  test::RunResult two =
      test::Shell(std::string(KG_BINARY) + " extract --jobs 2 '" + corpus + "'");
  REQUIRE(one.code == 0);
  REQUIRE(two.code == 0);
  CHECK(one.out.size() > 1000);
  CHECK(one.out == two.out);
}

}  // namespace
}  // namespace kg
