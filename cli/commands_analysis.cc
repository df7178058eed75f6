// Commands of the syntactic layer: annotate (what the extractor reads of a
// sentence) and train (the models, from a treebank).
//
// kg annotate --format conllu writes CoNLL-U: ID FORM LEMMA UPOS XPOS _ HEAD
// DEPREL _ MISC, with "# doc = ...", "# sent_id = DOC-N" and "# text = ..."
// before each sentence. MISC holds SpaceAfter=No and the entity spans:
// Entity=B-TYPE|EntityName=CANONICAL_NAME|EntitySource=lexicon|open|reference
// on a span's first word (spaces in the name as "_"), Entity=I-TYPE on the
// others. --format json writes one object a sentence:
//   {"doc", "sentence", "text", "start", "end",
//    "words": [{"id", "form", "lemma", "upos", "xpos", "head", "deprel",
//               "start", "end"}],
//    "entities": [{"first", "last", "name", "type", "source"}]}
// with ids 1-based as in CoNLL-U (head 0 is the root) and byte offsets into
// the article's text.
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include <filesystem>

#include "cli/commands.h"
#include "exporters/exporters.h"
#include "ingest/ingest.h"
#include "ingest/nlp/analyzer.h"
#include "ingest/nlp/conllu.h"
#include "ingest/nlp/train.h"

namespace kg {

namespace {

const char* SourceName(EntitySpan::Source s) {
  switch (s) {
    case EntitySpan::Source::kLexicon:
      return "lexicon";
    case EntitySpan::Source::kOpenName:
      return "open";
    case EntitySpan::Source::kReference:
      return "reference";
  }
  return "";
}

std::string Underscored(std::string s) {
  for (char& c : s)
    if (c == ' ' || c == '|' || c == '=') c = '_';
  return s;
}

// MISC of each word: SpaceAfter and the entity spans.
std::vector<std::string> Misc(const AnnotatedSentence& s) {
  std::vector<std::string> misc(s.words.size());
  for (const EntitySpan& e : s.entities)
    for (int k = e.begin; k < e.end; ++k) {
      std::string& m = misc[static_cast<size_t>(k)];
      if (!m.empty()) continue;  // the first span over a word is shown
      m = k == e.begin ? "Entity=B-" + e.type + "|EntityName=" + Underscored(e.name) +
                             "|EntitySource=" + SourceName(e.source)
                       : "Entity=I-" + e.type;
    }
  for (size_t k = 0; k < s.words.size(); ++k)
    if (!s.words[k].space_after && k + 1 < s.words.size())
      misc[k] = misc[k].empty() ? "SpaceAfter=No" : "SpaceAfter=No|" + misc[k];
  return misc;
}

ConlluSentence ToConllu(const AnnotatedSentence& s, std::vector<std::string> comments,
                        const ConlluSentence* given) {
  ConlluSentence out;
  out.comments = std::move(comments);
  std::vector<std::string> misc = Misc(s);
  for (size_t k = 0; k < s.words.size(); ++k) {
    const AnnotatedWord& w = s.words[k];
    ConlluWord c;
    c.form = given ? given->words[k].form : w.form;
    c.lemma = w.lemma;
    c.upos = std::string(w.upos);
    c.xpos = std::string(w.xpos);
    c.head = w.head;
    c.deprel = std::string(w.deprel);
    c.misc = misc[k];
    out.words.push_back(std::move(c));
  }
  if (given) out.extra_lines = given->extra_lines;
  return out;
}

void WriteJson(std::ostream& os, const std::string& doc, int n, std::string_view text,
               const AnnotatedSentence& s) {
  rapidjson::OStreamWrapper osw(os);
  rapidjson::Writer<rapidjson::OStreamWrapper> w(osw);
  auto str = [&](const char* k, std::string_view v) {
    w.Key(k);
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  };
  w.StartObject();
  str("doc", doc);
  w.Key("sentence");
  w.Int(n);
  str("text", text);
  w.Key("start");
  w.Uint(s.begin);
  w.Key("end");
  w.Uint(s.end);
  w.Key("words");
  w.StartArray();
  for (size_t k = 0; k < s.words.size(); ++k) {
    const AnnotatedWord& x = s.words[k];
    w.StartObject();
    w.Key("id");
    w.Int(static_cast<int>(k) + 1);
    str("form", x.form);
    str("lemma", x.lemma);
    str("upos", x.upos);
    str("xpos", x.xpos);
    w.Key("head");
    w.Int(s.parsed ? x.head + 1 : -1);
    str("deprel", x.deprel);
    w.Key("start");
    w.Uint(x.begin);
    w.Key("end");
    w.Uint(x.end);
    w.EndObject();
  }
  w.EndArray();
  w.Key("entities");
  w.StartArray();
  for (const EntitySpan& e : s.entities) {
    w.StartObject();
    w.Key("first");
    w.Int(e.begin + 1);
    w.Key("last");
    w.Int(e.end);
    str("name", e.name);
    str("type", e.type);
    str("source", SourceName(e.source));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  os << '\n';
}

}  // namespace

Runner SetupAnnotate(CLI::App& app, Context& ctx) {
  struct Opts {
    std::vector<std::string> paths, lexicons;
    std::string format = "conllu", tokenized;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("paths", o->paths, "articles: files, folders, or - for stdin");
  app.add_option("--format", o->format, "conllu (default) or json")
      ->check(CLI::IsMember({"conllu", "json"}));
  app.add_option("--tokenized", o->tokenized,
                 "a CoNLL-U file whose sentences and words are kept; tags, lemmas, "
                 "trees and entities are predicted");
  app.add_option("--lexicon", o->lexicons, "extra lexicon files (TSV, as bundled)");
  return [o, &ctx]() -> int {
    if (o->tokenized.empty() == o->paths.empty())
      throw Error("give article paths or --tokenized FILE.conllu (one of the two)",
                  Error::Kind::kUsage);
    std::vector<std::pair<std::string, std::string>> lexicons;
    for (const auto& f : o->lexicons) lexicons.emplace_back(f, ctx.env.ReadFile(f));
    Extractor extractor(lexicons, LoadAnalyzer(ctx.env));
    bool json = o->format == "json";
    if (!o->tokenized.empty()) {
      std::vector<ConlluSentence> given =
          ParseConllu(ctx.env.ReadFile(o->tokenized), o->tokenized);
      AnnotatedDocument doc;
      for (const ConlluSentence& g : given) doc.sentences.push_back(WordsOf(g));
      extractor.AnnotateWords(doc);
      for (size_t i = 0; i < given.size(); ++i) {
        if (json) {
          WriteJson(ctx.out, o->tokenized, static_cast<int>(i) + 1, "", doc.sentences[i]);
        } else {
          ctx.out << FormatConllu(
              ToConllu(doc.sentences[i], given[i].comments, &given[i]));
        }
      }
      return 0;
    }
    int read = 0, failed = 0;
    ReadArticles(
        ctx.env, o->paths,
        [&](Article&& a) {
          ++read;
          AnnotatedDocument doc = extractor.Annotate(a, true);
          int n = 0;
          for (const AnnotatedSentence& s : doc.sentences) {
            ++n;
            std::string_view text =
                std::string_view(a.text).substr(s.begin, s.end - s.begin);
            if (json) {
              WriteJson(ctx.out, a.doc_id, n, text, s);
              continue;
            }
            std::vector<std::string> comments;
            if (n == 1) comments.push_back("# newdoc id = " + a.doc_id);
            comments.push_back("# sent_id = " + a.doc_id + "-" + std::to_string(n));
            comments.push_back("# text = " + OneLine(std::string(text)));
            ctx.out << FormatConllu(ToConllu(s, std::move(comments), nullptr));
          }
        },
        [&](const std::string& where, const std::string& what, bool skipped) {
          failed += skipped;
          ctx.err << "kg: " << (skipped ? "error: " : "warning: ") << where << ": "
                  << what << "\n";
        });
    if (read == 0 && failed == 0)
      throw Error("no articles found (.txt, .md, .html, .htm, .jsonl)");
    return failed > 0 ? 1 : 0;
  };
}

Runner SetupTrain(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string data = "../shared/data/ud-english", out = "models/english.kgm";
    std::string wordnet = "/usr/share/wordnet";
    TrainSettings settings;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("--data", o->data,
                 "folder of UD English EWT (en_ewt-ud-train/dev/test.conllu)");
  app.add_option("-o,--output", o->out,
                 "the model file to write; MANIFEST.json goes beside it");
  app.add_option("--wordnet", o->wordnet,
                 "WordNet's dictionary folder (Debian wordnet-base), or \"\" for none");
  app.add_option("--tagger-iterations", o->settings.tagger_iterations)
      ->check(CLI::PositiveNumber);
  app.add_option("--parser-iterations", o->settings.parser_iterations)
      ->check(CLI::PositiveNumber);
  app.add_option("--folds", o->settings.folds, "jackknife folds for the parser's tags")
      ->check(CLI::PositiveNumber);
  app.add_option("--min-count", o->settings.min_count,
                 "keep features seen at least this often")
      ->check(CLI::PositiveNumber);
  app.add_option("--prune", o->settings.prune,
                 "drop weights below this (quantised units; 0 keeps all)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--seed", o->settings.seed, "the training order's seed");
  return [o, &ctx]() -> int {
    auto read = [&](const std::string& split) {
      std::string path = o->data + "/en_ewt-ud-" + split + ".conllu";
      std::string text = ctx.env.ReadFile(path);
      return std::make_pair(path, text);
    };
    auto [train_path, train_text] = read("train");
    auto [dev_path, dev_text] = read("dev");
    auto [test_path, test_text] = read("test");
    std::vector<ConlluSentence> train = ParseConllu(train_text, train_path);
    std::vector<ConlluSentence> dev = ParseConllu(dev_text, dev_path);
    std::vector<ConlluSentence> test = ParseConllu(test_text, test_path);
    WordClasses dictionary;
    if (!o->wordnet.empty()) dictionary = WordClasses::FromWordNet(ctx.env, o->wordnet);
    std::string model = TrainModelFile(
        train, dictionary, o->settings,
        [&](const std::string& line) { ctx.err << "kg train: " << line << "\n"; });
    std::unique_ptr<Analyzer> analyzer = Analyzer::FromBytes(model, o->out);
    Scores dev_scores = Evaluate(*analyzer, dev), test_scores = Evaluate(*analyzer, test);
    std::vector<TrainingInput> inputs;
    for (const auto& [role, path, text, sents] :
         {std::tuple{"train", train_path, &train_text, &train},
          std::tuple{"dev", dev_path, &dev_text, &dev},
          std::tuple{"test", test_path, &test_text, &test}})
      inputs.push_back({role, std::filesystem::path(path).filename().string(),
                        ContentHash(*text), text->size(), sents->size()});
    std::string manifest = Manifest(
        std::filesystem::path(o->out).filename().string(), model, *analyzer, inputs,
        o->wordnet.empty() ? "" : o->wordnet + "/index.{noun,verb,adj,adv}",
        dictionary.size(), o->settings, dev_scores, test_scores);
    std::string manifest_path =
        (std::filesystem::path(o->out).parent_path() / "MANIFEST.json").string();
    // Both files or neither.
    StagedFiles files("");
    files.Open(o->out) << model;
    files.Open(manifest_path) << manifest;
    files.Commit();
    ctx.out << "wrote " << o->out << " (" << model.size() << " bytes) and "
            << manifest_path << "\n";
    for (const auto& [name, s] :
         {std::pair{"dev", dev_scores}, std::pair{"test", test_scores}})
      ctx.out << name << ": UPOS " << s.upos << " XPOS " << s.xpos << " lemma " << s.lemma
              << " UAS " << s.uas << " LAS " << s.las << " (" << s.words << " words)\n";
    return 0;
  };
}

}  // namespace kg
