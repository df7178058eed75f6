#include "ingest/nlp/train.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "ingest/nlp/model_file.h"

namespace kg {

namespace {

std::vector<std::string> Forms(const ConlluSentence& s) {
  std::vector<std::string> forms;
  forms.reserve(s.words.size());
  for (const ConlluWord& w : s.words) forms.push_back(NormalizeForm(w.form));
  return forms;
}

// The treebank with forms spelt as the tokenizer spells them ("don’t" has
// the ASCII apostrophe), so that training sees what analysis will.
std::vector<ConlluSentence> Normalized(const std::vector<ConlluSentence>& in) {
  std::vector<ConlluSentence> out = in;
  for (ConlluSentence& s : out)
    for (ConlluWord& w : s.words) w.form = NormalizeForm(w.form);
  return out;
}

}  // namespace

std::string TrainModelFile(const std::vector<ConlluSentence>& raw_train,
                           const WordClasses& dictionary, const TrainSettings& settings,
                           const std::function<void(const std::string&)>& log) {
  const std::vector<ConlluSentence> train = Normalized(raw_train);
  TrainOptions tagging;
  tagging.iterations = settings.tagger_iterations;
  tagging.seed = settings.seed;
  tagging.min_count = settings.min_count;
  tagging.dictionary = &dictionary;
  tagging.log = log;
  if (log) log("training the tagger on " + std::to_string(train.size()) + " sentences");
  Tagger tagger = Tagger::Train(train, tagging);

  // Tags for the parser's training: each fold (a run of whole documents,
  // as they come in the file) tagged by a tagger that never saw it.
  std::vector<std::vector<int>> tags(train.size());
  const size_t folds = train.size() >= 10 * static_cast<size_t>(settings.folds)
                           ? static_cast<size_t>(std::max(settings.folds, 1))
                           : 1;
  TrainOptions quiet = tagging;
  quiet.log = nullptr;
  for (size_t k = 0; k < folds; ++k) {
    size_t lo = train.size() * k / folds, hi = train.size() * (k + 1) / folds;
    std::vector<ConlluSentence> rest;
    for (size_t i = 0; i < train.size(); ++i)
      if (folds == 1 || i < lo || i >= hi) rest.push_back(train[i]);
    if (log)
      log("tagging fold " + std::to_string(k + 1) + " of " + std::to_string(folds) +
          " for the parser");
    Tagger fold = folds == 1 ? tagger : Tagger::Train(rest, quiet);
    for (size_t i = folds == 1 ? 0 : lo; i < (folds == 1 ? train.size() : hi); ++i) {
      std::vector<int> t = fold.Tag(Forms(train[i]));
      // The fold's classes, renumbered as the full tagger's.
      for (int& c : t) c = tagger.ClassOf(fold.upos(c), fold.xpos(c));
      tags[i] = std::move(t);
    }
  }
  TrainOptions parsing = tagging;
  parsing.iterations = settings.parser_iterations;
  if (log) log("training the parser");
  Parser parser = Parser::Train(train, tags, tagger, parsing);
  Lemmatizer lemmatizer = Lemmatizer::Train(train);
  tagger.Prune(settings.prune);
  parser.Prune(settings.prune);

  std::string t = tagger.Serialize(), p = parser.Serialize(), l = lemmatizer.Serialize();
  return WriteModelFile({{"tagger", t}, {"parser", p}, {"lemmatizer", l}});
}

AnnotatedSentence WordsOf(const ConlluSentence& sentence) {
  AnnotatedSentence a;
  for (const ConlluWord& w : sentence.words) {
    AnnotatedWord x;
    x.form = NormalizeForm(w.form);
    x.space_after = w.misc.find("SpaceAfter=No") == std::string::npos;
    a.words.push_back(std::move(x));
  }
  return a;
}

Scores Evaluate(const Analyzer& analyzer, const std::vector<ConlluSentence>& gold) {
  Scores s;
  int64_t upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0;
  for (const ConlluSentence& g : gold) {
    AnnotatedSentence a = WordsOf(g);
    analyzer.Tag(a);
    analyzer.Parse(a);
    for (size_t i = 0; i < g.words.size(); ++i) {
      const ConlluWord& w = g.words[i];
      const AnnotatedWord& x = a.words[i];
      upos += x.upos == w.upos;
      xpos += x.xpos == w.xpos;
      lemma += x.lemma == w.lemma;
      bool head = x.head == w.head;
      uas += head;
      las += head && AnnotatedSentence::Universal(x.deprel) ==
                         AnnotatedSentence::Universal(w.deprel);
    }
    ++s.sentences;
    s.words += static_cast<int64_t>(g.words.size());
  }
  double n = static_cast<double>(std::max<int64_t>(s.words, 1));
  s.upos = upos / n, s.xpos = xpos / n, s.lemma = lemma / n, s.uas = uas / n,
  s.las = las / n;
  return s;
}

std::string Manifest(const std::string& model_name, std::string_view model,
                     Analyzer& analyzer, const std::vector<TrainingInput>& inputs,
                     const std::string& dictionary, size_t dictionary_entries,
                     const TrainSettings& settings, const Scores& dev,
                     const Scores& test) {
  rapidjson::StringBuffer buf;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
  auto str = [&](const char* k, const std::string& v) {
    w.Key(k);
    w.String(v.c_str());
  };
  auto num = [&](const char* k, uint64_t v) {
    w.Key(k);
    w.Uint64(v);
  };
  auto fraction = [&](const char* k, double v) {  // four decimals
    w.Key(k);
    w.Double(static_cast<double>(static_cast<int64_t>(v * 10000 + 0.5)) / 10000);
  };
  w.StartObject();
  str("model", model_name);
  num("bytes", model.size());
  str("checksum", ModelChecksum(model));
  str("checksums", "FNV-1a 64, as 16 hex digits");
  num("format_version", kModelFormatVersion);
  str("licence",
      "CC BY-SA 4.0: derived from Universal Dependencies English Web Treebank "
      "(Silveira et al. 2014; de Marneffe et al.), CC BY-SA 4.0; word classes from "
      "WordNet 3.0 (Princeton University, WordNet 3.0 licence)");
  str("kg_version", KG_VERSION);
  w.Key("data");
  w.StartArray();
  for (const TrainingInput& in : inputs) {
    w.StartObject();
    str("role", in.role);
    str("file", in.file);
    str("checksum", in.checksum);
    num("bytes", in.bytes);
    num("sentences", in.sentences);
    w.EndObject();
  }
  w.StartObject();
  str("role", "dictionary");
  str("file", dictionary);
  num("entries", dictionary_entries);
  w.EndObject();
  w.EndArray();
  w.Key("sizes");
  w.StartObject();
  w.Key("tagger");
  w.StartObject();
  num("bytes", analyzer.tagger().Serialize().size());
  num("features", analyzer.tagger().model().rows());
  w.EndObject();
  w.Key("parser");
  w.StartObject();
  num("bytes", analyzer.parser().Serialize().size());
  num("features", analyzer.parser().model().rows());
  w.EndObject();
  w.Key("lemmatizer");
  w.StartObject();
  num("bytes", analyzer.lemmatizer().Serialize().size());
  w.EndObject();
  w.EndObject();
  w.Key("settings");
  w.StartObject();
  for (auto [k, v] :
       {std::pair{"tagger_iterations", settings.tagger_iterations},
        std::pair{"parser_iterations", settings.parser_iterations},
        std::pair{"folds", settings.folds}, std::pair{"min_count", settings.min_count},
        std::pair{"prune", settings.prune}})
    num(k, static_cast<uint64_t>(v));
  num("seed", settings.seed);
  w.EndObject();
  w.Key("scores");
  w.StartObject();
  for (const auto& [name, s] : {std::pair{"dev", dev}, std::pair{"test", test}}) {
    w.Key(name);
    w.StartObject();
    num("words", static_cast<uint64_t>(s.words));
    fraction("upos", s.upos);
    fraction("xpos", s.xpos);
    fraction("lemma", s.lemma);
    fraction("uas", s.uas);
    fraction("las", s.las);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return std::string(buf.GetString()) + "\n";
}

}  // namespace kg
