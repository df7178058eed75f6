// ingest/nlp: training the analysis models from a treebank, and scoring
// them the CoNLL 2018 way on gold words (all words, punctuation included,
// universal relations). `kg train` (cli/commands_train.cc) drives this.
#ifndef KG_INGEST_NLP_TRAIN_H_
#define KG_INGEST_NLP_TRAIN_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ingest/nlp/analyzer.h"
#include "ingest/nlp/conllu.h"
#include "ingest/nlp/word_classes.h"

namespace kg {

struct TrainSettings {
  int tagger_iterations = 10;
  int parser_iterations = 12;
  // The parser learns from tags given by taggers trained on the other
  // folds (jackknifing), as it will meet them on new text.
  int folds = 4;
  int min_count = 1;  // keep features seen at least this often
  // Then drop weights smaller than this, in the models' quantised units
  // (1/32767 of the largest weight): a third of the size, no loss on dev.
  int prune = 360;
  uint64_t seed = 1;
};

struct Scores {
  int64_t sentences = 0, words = 0;
  double upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0;  // fractions
};

// Trains the tagger (with `dictionary`, which may be empty), the lemmatiser
// and the parser on `train`; returns the bytes of a model file. The same
// inputs and settings give the same bytes. `log` gets progress lines.
std::string TrainModelFile(const std::vector<ConlluSentence>& train,
                           const WordClasses& dictionary, const TrainSettings& settings,
                           const std::function<void(const std::string&)>& log);

// A CoNLL-U sentence's words as an analysed sentence before the analysis:
// forms normalised (NormalizeForm), SpaceAfter read from MISC.
AnnotatedSentence WordsOf(const ConlluSentence& sentence);

// Tags, lemmas and trees for gold words, against the gold annotation.
Scores Evaluate(const Analyzer& analyzer, const std::vector<ConlluSentence>& gold);

// What `kg train` read, for the manifest.
struct TrainingInput {
  std::string role, file, checksum;  // "train", "en_ewt-ud-train.conllu", ContentHash
  size_t bytes = 0, sentences = 0;
};

// The manifest of a model file (MANIFEST.json): the model's checksum and
// sizes, its licence, what it was trained from, the settings and the scores.
std::string Manifest(const std::string& model_name, std::string_view model,
                     Analyzer& analyzer, const std::vector<TrainingInput>& inputs,
                     const std::string& dictionary, size_t dictionary_entries,
                     const TrainSettings& settings, const Scores& dev,
                     const Scores& test);

}  // namespace kg

#endif  // KG_INGEST_NLP_TRAIN_H_
